// The baseline file (`.authlint-baseline.json`): the findings a team has accepted for now, by fingerprint
// (fingerprint.ts). `authlint scan --write-baseline FILE` writes it; `--baseline FILE` and the editor's
// `authlint.baseline` read it. Pure: text in, text out; the CLI and the server do the file access.
//
//   {
//     "version": 1,                          // shape of this file
//     "fingerprints": "authlint/v1",         // how the fingerprints were computed
//     "findings": [                          // sorted by path, rule id, fingerprint; one line each
//       { "fingerprint": "3f0c…(32 hex digits)", "ruleId": "hardcoded-secret", "path": "app/src/Api.kt", "hint": "Ax7K…(24 chars)" }
//     ]
//   }
//
// `path` is relative to the folder holding the baseline file. `hint` (secret findings only) is the masked value the
// messages show, for people reading a diff of the file; it plays no part in matching. The file holds no secret:
// no source text, only hashes, rule ids, paths and masked hints. Written the same way every time (no date, no
// tool version), so re-writing an unchanged project changes nothing.
import { parse as parseJsonc, ParseErrorCode, type ParseError } from 'jsonc-parser';
import { fingerprintLength, fingerprintScheme } from './fingerprint';
import { maskSecret } from './secrets/mask';

export const baselineVersion = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
  hint?: string;
}

export interface Baseline {
  entries: BaselineEntry[];
  fingerprints: ReadonlySet<string>;
}

const hexFingerprint = new RegExp(`^[0-9a-f]{${fingerprintLength}}$`);

export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const unique = new Map<string, BaselineEntry>();
  for (const e of entries) unique.set(e.fingerprint, e);
  const sorted = [...unique.values()].sort((a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint));
  const lines = sorted.map(e => `    ${JSON.stringify({ fingerprint: e.fingerprint, ruleId: e.ruleId, path: e.path, ...(e.hint === undefined ? {} : { hint: e.hint }) })}`);
  return [
    '{',
    `  "version": ${baselineVersion},`,
    `  "fingerprints": ${JSON.stringify(fingerprintScheme)},`,
    lines.length ? `  "findings": [\n${lines.join(',\n')}\n  ]` : '  "findings": []',
    '}',
    '',
  ].join('\n');
}

/**
 * The baseline in `text`, or what is wrong with it (one line, naming the JSON path). Unknown keys are ignored.
 * The error never quotes the file: a baseline is not where a key belongs, but a wrong file given as `--baseline`
 * (a `.env`, a credentials file) or a token pasted as a fingerprint would otherwise end up in a CI log. Values are
 * described by type, strings masked like secrets in findings (at most the first 4 characters and the length).
 */
export function parseBaseline(text: string): { baseline: Baseline } | { error: string } {
  let doc: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    doc = JSON.parse(json);
  } catch {
    // Not V8's message: it quotes up to 10 characters of the text around the error.
    return { error: `not valid JSON${syntaxErrorPlace(json)}` };
  }
  if (!isRecord(doc)) return { error: `expected a JSON object with "version", "fingerprints" and "findings", got ${describe(doc)}` };
  if (doc.version !== baselineVersion) {
    const newer = typeof doc.version === 'number' && doc.version > baselineVersion;
    return { error: `version: expected ${baselineVersion}, got ${typeof doc.version === 'number' ? String(doc.version) : describe(doc.version)}${newer ? ' (written by a newer AuthLint)' : ''}` };
  }
  if (doc.fingerprints !== fingerprintScheme) {
    const scheme = typeof doc.fingerprints === 'string' && /^[\w.-]{1,40}\/v\d{1,4}$/.test(doc.fingerprints) ? JSON.stringify(doc.fingerprints) : describe(doc.fingerprints);
    return { error: `fingerprints: expected "${fingerprintScheme}", got ${scheme}; write the baseline again with --write-baseline` };
  }
  if (!Array.isArray(doc.findings)) return { error: 'findings: expected an array' };
  const entries: BaselineEntry[] = [];
  for (const [i, item] of doc.findings.entries()) {
    const at = `findings[${i}]`;
    if (!isRecord(item)) return { error: `${at}: expected an object` };
    if (typeof item.fingerprint !== 'string' || !hexFingerprint.test(item.fingerprint)) {
      return { error: `${at}.fingerprint: expected ${fingerprintLength} lowercase hexadecimal digits, got ${describe(item.fingerprint)}` };
    }
    for (const key of ['ruleId', 'path'] as const) {
      if (typeof item[key] !== 'string' || item[key] === '') return { error: `${at}.${key}: expected a non-empty string, got ${describe(item[key])}` };
    }
    if (item.hint !== undefined && typeof item.hint !== 'string') return { error: `${at}.hint: expected a string, got ${describe(item.hint)}` };
    entries.push({ fingerprint: item.fingerprint, ruleId: item.ruleId as string, path: item.path as string, ...(item.hint === undefined ? {} : { hint: item.hint as string }) });
  }
  return { baseline: { entries, fingerprints: new Set(entries.map(e => e.fingerprint)) } };
}

/** A value of the file for an error message, without its content: strings masked, everything else by type. */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v === '' ? 'an empty string' : `a string ${maskSecret(v)}`;
  if (typeof v === 'number') return 'a number';
  return Array.isArray(v) ? 'an array' : 'an object';
}

const syntaxErrors: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: "expected ':'",
  [ParseErrorCode.CommaExpected]: "expected ','",
  [ParseErrorCode.CloseBraceExpected]: "expected '}'",
  [ParseErrorCode.CloseBracketExpected]: "expected ']'",
  [ParseErrorCode.EndOfFileExpected]: 'unexpected content after the end',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed',
  [ParseErrorCode.UnexpectedEndOfComment]: 'unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unterminated number',
  [ParseErrorCode.InvalidUnicode]: 'invalid unicode escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape sequence',
  [ParseErrorCode.InvalidCharacter]: 'control character in a string',
};

/** " (line L, column C: what is wrong)" for the first syntax error, from the position alone; "" if not found. */
function syntaxErrorPlace(text: string): string {
  const errors: ParseError[] = [];
  try {
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return ''; // nested too deeply for a recursive parser: no position to give
  }
  if (!errors.length) return '';
  const { offset, error } = errors[0];
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const what = [syntaxErrors[error], offset >= text.length ? 'found the end of the file' : undefined].filter(Boolean).join(', ');
  return ` (line ${line}, column ${column}${what ? `: ${what}` : ''})`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
