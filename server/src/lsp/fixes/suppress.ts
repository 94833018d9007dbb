// Suppression comments in the file's own comment syntax (`#` in properties files, `//` elsewhere), as the engine
// reads them (engine/suppress.ts): `authlint-disable-next-line <id>` on a line of its own above the finding, and
// `authlint-disable <id>` at the top of the file.
import type { Finding, LanguageId } from '../../engine/index';
import { eolOf } from './workspaceEdit';

export interface TextInsertion { offset: number; text: string }

function commentPrefix(language: LanguageId): string {
  return language === 'properties' ? '#' : '//';
}

/**
 * The line comment above the finding's line, indented like it. Undefined when that line starts inside the
 * literal (a multi-line string): a comment there would change the string.
 */
export function suppressLine(text: string, finding: Finding, language: LanguageId): TextInsertion | undefined {
  const lineStart = text.lastIndexOf('\n', finding.span.start - 1) + 1;
  const literal = finding.data.literalSpan;
  if (literal && literal.start < lineStart) return undefined;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { offset: lineStart, text: `${indent}${commentPrefix(language)} authlint-disable-next-line ${finding.ruleId}${eolOf(text)}` };
}

/** The file-level comment on the first line (after a `#!` line, which must stay first). */
export function suppressFile(text: string, ruleId: string, language: LanguageId): TextInsertion {
  const eol = eolOf(text);
  const offset = text.startsWith('#!') ? (text.indexOf('\n') < 0 ? text.length : text.indexOf('\n') + 1) : 0;
  const lead = offset === text.length && offset > 0 && !text.endsWith('\n') ? eol : '';
  return { offset, text: `${lead}${commentPrefix(language)} authlint-disable ${ruleId}${eol}` };
}
