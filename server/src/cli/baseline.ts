// `--baseline FILE` and `--write-baseline FILE`: reading, writing and applying the baseline (format in
// engine/baseline.ts). Fingerprint paths are relative to the baseline file's folder, so the same baseline works
// whatever the working directory and whichever paths are scanned.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileResult } from '../engine/api';
import { parseBaseline, serializeBaseline, type Baseline, type BaselineEntry } from '../engine/baseline';
import { toPosix } from './walker';

/** A file's path as fingerprints see it: relative to the project root, '/'-separated. */
export function fingerprintPath(projectRoot: string, absolute: string): string {
  return toPosix(path.relative(projectRoot, absolute)) || path.basename(absolute);
}

/** A baseline file read from disk: the CLI and the language server word what went wrong their own way. */
export type LoadedBaseline = { baseline: Baseline } | { missing: true } | { unreadable: string } | { invalid: string };

export function loadBaselineFile(file: string): LoadedBaseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { unreadable: (e as Error).message };
  }
  const parsed = parseBaseline(text);
  return 'error' in parsed ? { invalid: parsed.error } : parsed;
}

/** Reads a baseline; the error is a full sentence for the user (exit code 2). `label` is the name the user gave. */
export function readBaseline(file: string, label: string): { baseline: Baseline } | { error: string } {
  const loaded = loadBaselineFile(file);
  if ('missing' in loaded) return { error: `baseline file ${label} does not exist; create it with --write-baseline ${label}` };
  if ('unreadable' in loaded) return { error: `cannot read baseline file ${label}: ${loaded.unreadable}` };
  if ('invalid' in loaded) return { error: `invalid baseline file ${label}: ${loaded.invalid}` };
  return loaded;
}

/** The baseline entries of every finding of the scan (paths relative to the baseline's folder). */
export function baselineEntries(results: readonly FileResult[], scanRoot: string, projectRoot: string): BaselineEntry[] {
  return results.flatMap(r => r.findings.flatMap(f => (f.fingerprint === undefined ? [] : [{
    fingerprint: f.fingerprint,
    ruleId: f.ruleId,
    path: fingerprintPath(projectRoot, path.resolve(scanRoot, r.path)),
    ...(f.data.masked === undefined ? {} : { hint: f.data.masked }),
  }])));
}

export function writeBaselineFile(file: string, entries: readonly BaselineEntry[]): void {
  fs.writeFileSync(file, serializeBaseline(entries));
}

/** Splits each file's findings into those the baseline holds and the new ones. */
export function splitByBaseline(results: readonly FileResult[], baseline: Baseline): { fresh: FileResult[]; baselined: FileResult[] } {
  const known = (f: FileResult['findings'][number]) => f.fingerprint !== undefined && baseline.fingerprints.has(f.fingerprint);
  return {
    fresh: results.map(r => ({ ...r, findings: r.findings.filter(f => !known(f)) })),
    // Suppression problems are about comments, not findings: they stay with the fresh results only.
    baselined: results.map(({ suppressionProblems: _, ...r }) => ({ ...r, findings: r.findings.filter(known) })).filter(r => r.findings.length),
  };
}
