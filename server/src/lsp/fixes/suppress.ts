// Suppression comments in the file's own comment syntax (`#` in properties files, `<!-- -->` in XML, `//`
// elsewhere), as the engine reads them (engine/suppress.ts): `authlint-disable-next-line <id>` on a line of its own
// above the finding, and `authlint-disable <id>` at the top of the file. JSON has no comments: none is offered
// there (`.authlint.json`'s `ignore` and rule levels remain).
import type { Finding, LanguageId } from '../../engine/index';
import { eolOf } from './workspaceEdit';

export interface TextInsertion { offset: number; text: string }

function comment(language: LanguageId, body: string): string | undefined {
  if (language === 'json') return undefined;
  if (language === 'xml') return `<!-- ${body} -->`;
  return `${language === 'properties' ? '#' : '//'} ${body}`;
}

/**
 * The line comment above the finding's line, indented like it. Undefined when that line starts inside the
 * literal (a multi-line string): a comment there would change the string. In XML a comment cannot stand inside a
 * tag: it goes above the line where the finding's element starts (the engine's XML model lets it cover every line
 * of that opening tag).
 */
export function suppressLine(text: string, finding: Finding, language: LanguageId): TextInsertion | undefined {
  let anchor = finding.span.start;
  if (language === 'xml') {
    const tag = text.lastIndexOf('<', finding.span.start);
    if (tag < 0 || !/[A-Za-z_:]/.test(text[tag + 1] ?? '')) return undefined; // inside CDATA or a comment
    anchor = tag;
  }
  const lineStart = text.lastIndexOf('\n', anchor - 1) + 1;
  const literal = finding.data.literalSpan;
  if (literal && literal.start < lineStart) return undefined;
  const line = comment(language, `authlint-disable-next-line ${finding.ruleId}`);
  if (!line) return undefined;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { offset: lineStart, text: `${indent}${line}${eolOf(text)}` };
}

/** The file-level comment on the first line (after a `#!` line or an XML declaration, which must stay first). */
export function suppressFile(text: string, ruleId: string, language: LanguageId): TextInsertion | undefined {
  const line = comment(language, `authlint-disable ${ruleId}`);
  if (!line) return undefined;
  const eol = eolOf(text);
  let offset = 0;
  if (text.startsWith('#!')) offset = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n') + 1;
  else if (language === 'xml') {
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    const declEnd = text.startsWith('<?xml', bom) ? text.indexOf('?>', bom) : -1;
    if (declEnd >= 0) {
      const nl = text.indexOf('\n', declEnd);
      offset = nl < 0 ? text.length : nl + 1;
    } else offset = bom;
  }
  const lead = offset === text.length && offset > 0 && !text.endsWith('\n') ? eol : '';
  return { offset, text: `${lead}${line}${eol}` };
}
