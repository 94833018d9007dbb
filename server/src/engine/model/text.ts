// Text-level model for the files our grammars do not cover: `gradle.properties` (key = value lines) and Groovy
// `build.gradle` (quoted strings, line by line). Only the secret rules read these files, so the model holds
// literals with the name they are assigned to, and comments; no calls, no constants.
import type { Comment, FileModel, StringLiteral } from './model';
import type { LanguageId } from '../types';
import { decodeEscapes } from './strings';

const emptyCtx = () => ({ keyPath: [] as string[], wrappers: [] as string[], concatenated: false });

export function extractTextModel(path: string, language: LanguageId, text: string): FileModel {
  const literals: StringLiteral[] = [];
  const comments: Comment[] = [];
  if (language === 'properties') propertiesModel(text, literals, comments);
  else groovyModel(text, literals, comments);
  return { path, language, text, literals, scalars: [], references: [], calls: [], constants: [], comments, imports: [], conditionals: [], functions: [], bindings: [], elements: [], syntaxErrors: 0 };
}

function* lines(text: string): Generator<{ line: string; start: number }> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield { line: text.slice(start, end).replace(/\r$/, ''), start };
    start = end + 1;
  }
}

function propertiesModel(text: string, literals: StringLiteral[], comments: Comment[]): void {
  for (const { line, start } of lines(text)) {
    const lead = line.length - line.trimStart().length;
    const body = line.slice(lead);
    if (body.startsWith('#') || body.startsWith('!')) { comments.push({ span: { start: start + lead, end: start + line.length }, text: body }); continue; }
    const m = /^([^=:\s]+)\s*[=:\s]\s*/.exec(body);
    if (!m) continue;
    const valueStart = start + lead + m[0].length;
    const value = line.slice(lead + m[0].length).trimEnd();
    if (!value) continue;
    const span = { start: valueStart, end: valueStart + value.length };
    literals.push({ span, contentSpan: span, value, interpolated: false, ctx: { ...emptyCtx(), name: m[1], nameKind: 'property' } });
  }
}

// A quoted Groovy string on one line: '…' or "…" with backslash escapes; bounded so a long line cannot backtrack.
const groovyString = /(["'])((?:[^"'\\\n]|\\.|(?!\1)["']){0,2000})\1/g;
// `name = "…"`, `name "…"`, `name: "…"` just before the string.
const groovyName = /([A-Za-z_][\w.]*)\s*(?:=|:|\()?\s*$/;

function groovyModel(text: string, literals: StringLiteral[], comments: Comment[]): void {
  let inBlock = false;
  for (const { line, start } of lines(text)) {
    let code = line;
    if (inBlock) {
      const close = line.indexOf('*/');
      comments.push({ span: { start, end: start + (close < 0 ? line.length : close + 2) }, text: line.slice(0, close < 0 ? line.length : close + 2) });
      if (close < 0) continue;
      inBlock = false;
      code = ' '.repeat(close + 2) + line.slice(close + 2);
    }
    groovyString.lastIndex = 0;
    let m: RegExpExecArray | null;
    let scanFrom = 0;
    const masked = code.replace(groovyString, s => ' '.repeat(s.length)); // strings blanked, to find comments outside them
    const lineComment = masked.indexOf('//');
    const blockOpen = masked.indexOf('/*');
    const commentAt = [lineComment, blockOpen].filter(i => i >= 0).sort((a, b) => a - b)[0] ?? -1;
    if (commentAt >= 0) {
      const isBlock = commentAt === blockOpen;
      const close = isBlock ? code.indexOf('*/', commentAt + 2) : -1;
      const end = isBlock && close >= 0 ? close + 2 : line.length;
      comments.push({ span: { start: start + commentAt, end: start + end }, text: code.slice(commentAt, end) });
      if (isBlock && close < 0) inBlock = true;
    }
    while ((m = groovyString.exec(code))) {
      if (commentAt >= 0 && m.index > commentAt) break;
      const before = code.slice(scanFrom, m.index);
      // buildConfigField "String", "NAME", "\"value\"" / resValue "string", "name", "value": the name is an argument.
      const field = /\b(?:buildConfigField|resValue)\s*\(?\s*["'][\w.]+["']\s*,\s*["']([\w.]+)["']\s*,\s*$/.exec(code.slice(0, m.index));
      const name = field?.[1] ?? groovyName.exec(before)?.[1];
      const contentStart = start + m.index + 1;
      const raw = m[2];
      literals.push({
        span: { start: start + m.index, end: start + m.index + m[0].length },
        contentSpan: { start: contentStart, end: contentStart + raw.length },
        value: decodeEscapes(raw.replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, m[1] === '"' ? '${…}' : '$&'), 'java').replace(/^"(.*)"$/s, field ? '$1' : '$&'),
        interpolated: m[1] === '"' && /\$[{A-Za-z_]/.test(raw),
        ctx: { ...emptyCtx(), name: name?.split('.').pop(), nameKind: name ? 'property' : undefined },
      });
      scanFrom = m.index + m[0].length;
    }
  }
}
