// A finding's stable identity, for baselines (`authlint scan --baseline`, the editor's `authlint.baseline`) and
// SARIF `partialFingerprints`. The CLI and the language server both call `withFingerprints` on the text they
// analysed, so the same file gives the same fingerprints in both.
//
// Fingerprint `authlint/v1` = the first 32 hex digits of SHA-256 over, separated by newlines:
//   1. the scheme name `authlint/v1`;
//   2. the rule id;
//   3. the file's path relative to the project root, '/'-separated (the caller decides the root: the folder of the
//      baseline file);
//   4. the finding's own lines with every whitespace character removed (at most 256 characters on each side of
//      the finding, so a minified line costs no more than a short one), the finding's value replaced by the
//      SHA-256 of that value (whitespace removed too) — so the secret never enters the text being hashed in clear;
//   5. the occurrence index: how many findings of the same rule with the same (2)–(4) come before it in the file.
// Not in it: line numbers and columns. Lines inserted above, reindenting, reformatting and moving the code within
// the file keep the fingerprint; the same key pasted a second time gets occurrence 1, so it is a new finding.
// Editing the finding's own line, renaming or moving the file, or changing the value give a new fingerprint.
import { createHash } from 'node:crypto';
import type { Finding } from './types';
import { rules } from './rules/index';
import { maskSecret } from './secrets/mask';

export const fingerprintScheme = 'authlint/v1';
export const fingerprintLength = 32;

const secretRules: ReadonlySet<string> = new Set(rules.filter(r => r.meta.category === 'secret').map(r => r.meta.id));

/**
 * The findings of one file with `fingerprint` set (same order, new objects). `text` is the text the findings were
 * computed from, `projectPath` the file's path relative to the project root. A secret finding also gets a masked
 * hint of its value in `data.masked` (the same masking as the messages: at most the first 4 characters).
 */
export function withFingerprints(text: string, projectPath: string, findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, number>();
  const ordered = findings.map((finding, index) => ({ finding, index })).sort((a, b) =>
    a.finding.span.start - b.finding.span.start || a.finding.span.end - b.finding.span.end || a.index - b.index);
  const out: Finding[] = new Array(findings.length);
  for (const { finding, index } of ordered) {
    const content = statementContent(text, finding);
    const key = `${finding.ruleId}\n${content}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const fingerprint = sha256([fingerprintScheme, finding.ruleId, projectPath, content, String(occurrence)].join('\n')).slice(0, fingerprintLength);
    const masked = finding.data.masked ?? (secretRules.has(finding.ruleId) ? maskSecret(text.slice(finding.span.start, finding.span.end)) : undefined);
    out[index] = { ...finding, fingerprint, data: masked === undefined ? finding.data : { ...finding.data, masked } };
  }
  return out;
}

const contextLength = 256;

/** The lines the finding is on, without whitespace, with its value replaced by the value's hash. */
function statementContent(text: string, finding: Finding): string {
  const { start, end } = finding.span;
  const before = nonBlank(text, start - 1, -1);
  const after = nonBlank(text, end, 1);
  return `${before}\u0000${sha256(text.slice(start, end).replace(/\s+/g, ''))}\u0000${after}`;
}

/** Up to `contextLength` non-whitespace characters from `from` towards the line's start (-1) or end (+1). */
function nonBlank(text: string, from: number, step: 1 | -1): string {
  const kept: string[] = [];
  for (let i = from; i >= 0 && i < text.length && text[i] !== '\n' && kept.length < contextLength; i += step) {
    if (!/\s/.test(text[i])) kept.push(text[i]);
  }
  return (step < 0 ? kept.reverse() : kept).join('');
}

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}
