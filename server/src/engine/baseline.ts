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
import { fingerprintLength, fingerprintScheme } from './fingerprint';

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

/** The baseline in `text`, or what is wrong with it (one line, naming the JSON path). Unknown keys are ignored. */
export function parseBaseline(text: string): { baseline: Baseline } | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
  if (!isRecord(doc)) return { error: 'expected a JSON object with "version", "fingerprints" and "findings"' };
  if (doc.version !== baselineVersion) {
    return { error: `version: expected ${baselineVersion}, got ${JSON.stringify(doc.version)}${typeof doc.version === 'number' && doc.version > baselineVersion ? ' (written by a newer AuthLint)' : ''}` };
  }
  if (doc.fingerprints !== fingerprintScheme) {
    return { error: `fingerprints: expected "${fingerprintScheme}", got ${JSON.stringify(doc.fingerprints)}; write the baseline again with --write-baseline` };
  }
  if (!Array.isArray(doc.findings)) return { error: 'findings: expected an array' };
  const entries: BaselineEntry[] = [];
  for (const [i, item] of doc.findings.entries()) {
    const at = `findings[${i}]`;
    if (!isRecord(item)) return { error: `${at}: expected an object` };
    if (typeof item.fingerprint !== 'string' || !hexFingerprint.test(item.fingerprint)) {
      return { error: `${at}.fingerprint: expected ${fingerprintLength} lowercase hexadecimal digits, got ${JSON.stringify(item.fingerprint)}` };
    }
    for (const key of ['ruleId', 'path'] as const) {
      if (typeof item[key] !== 'string' || item[key] === '') return { error: `${at}.${key}: expected a non-empty string, got ${JSON.stringify(item[key])}` };
    }
    if (item.hint !== undefined && typeof item.hint !== 'string') return { error: `${at}.hint: expected a string, got ${JSON.stringify(item.hint)}` };
    entries.push({ fingerprint: item.fingerprint, ruleId: item.ruleId as string, path: item.path as string, ...(item.hint === undefined ? {} : { hint: item.hint as string }) });
  }
  return { baseline: { entries, fingerprints: new Set(entries.map(e => e.fingerprint)) } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
