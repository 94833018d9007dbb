// The report every output format is made from, and its JSON form.
//
// JSON output (`--format json`), version 1. Fields are only ever added, never renamed or removed:
//   {
//     "version": 1,                                   // shape version of this document
//     "tool": { "name": "AuthLint", "version": "0.1.0" },
//     "root": "/abs/scan/root",                       // every "path" below is relative to it, with '/' separators
//     "findings": [{
//       "ruleId": "hardcoded-credential", "severity": "error" | "warning" | "info",
//       "message": "…",                               // secrets are masked by the engine
//       "path": "src/Api.kt",
//       "range": { "start": { "line": 3, "column": 15 }, "end": { "line": 3, "column": 58 } },
//                                                     // 1-based lines and columns (UTF-16 units); end is exclusive
//       "related": [{ "path": "src/Client.kt", "range": { … }, "message": "…" }],
//       "fingerprint": "3f0c…"                       // 32 hex digits, stable across edits elsewhere (engine/fingerprint.ts);
//                                                     // the SARIF partialFingerprints "authlint/v1" and the baseline's key
//     }],                                             // sorted by path, line, column, rule id; with --baseline, new ones only
//     "skipped": [{ "path": "web/app.min.js", "reason": "…" }],   // files not analysed, and why
//     "notices": [{ "path": "src/Old.java", "message": "…" }],    // analysed, with a remark (e.g. invalid UTF-8)
//     "suppressionProblems": [{                       // only with --report-unused-suppressions; not findings
//       "code": "authlint-unused-suppression" | "authlint-unknown-rule",
//       "ruleId": "hardcoded-secret",                 // as written in the comment; absent for a comment without ids
//       "message": "…", "path": "src/Api.kt", "range": { … }
//     }],
//     "summary": { "findings": 1, "error": 1, "warning": 0, "info": 0, "filesScanned": 12, "filesSkipped": 1,
//                  "baselined": 4,                    // with --baseline / --write-baseline: findings the baseline holds
//                  "suppressionProblems": 0 }         // only with --report-unused-suppressions
//   }
// No source text is ever included.
import * as path from 'node:path';
import type { FileResult } from '../../engine/api';
import type { Finding, Range, RuleMeta, Severity } from '../../engine/types';
import { reportsSuppressions, suppressionProblemsOf } from './suppressions';
import { toPosix, type Notice, type SkippedFile } from '../walker';

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
  /** Rule pages are `${docsBase}docs/rules/<id>.md`. */
  docsBase: string;
}

/** Every path in a report is relative to `root`, with '/' separators. */
export interface Report {
  /** Absolute scan root. */
  root: string;
  tool: ToolInfo;
  /** Every rule's metadata, in the engine's order. */
  rules: readonly RuleMeta[];
  /** Analysed files, sorted by path; findings already filtered by --quiet and, with a baseline, the new ones only. */
  results: readonly FileResult[];
  /** With --baseline / --write-baseline: the baseline file as the user named it, and the findings it holds. */
  baseline?: { file: string; results: readonly FileResult[] };
  skipped: readonly SkippedFile[];
  notices: readonly Notice[];
  /** The scan looked for unused suppressions (FileResult.suppressionProblems). */
  reportUnusedSuppressions?: boolean;
}

export const jsonFormatVersion = 1;

export function formatJson(report: Report): string {
  const document = {
    version: jsonFormatVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    root: report.root,
    findings: findingsOf(report).map(({ file, finding }) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      path: file,
      range: oneBased(finding.range),
      related: finding.related.map(r => ({ path: r.path ?? file, range: oneBased(r.range), message: r.message })),
      ...(finding.fingerprint === undefined ? {} : { fingerprint: finding.fingerprint }),
    })),
    skipped: report.skipped.map(s => ({ path: s.path, reason: s.reason })),
    notices: report.notices.map(n => ({ path: n.path, message: n.message })),
    ...(reportsSuppressions(report) ? {
      suppressionProblems: suppressionProblemsOf(report).map(({ file, problem: p }) => ({
        code: p.code, ...(p.ruleId === undefined ? {} : { ruleId: p.ruleId }), message: p.message, path: file, range: oneBased(p.range),
      })),
    } : {}),
    summary: { ...summarize(report), ...(reportsSuppressions(report) ? { suppressionProblems: suppressionProblemsOf(report).length } : {}) },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Every finding with its file, in a stable order: path, then position, then rule id. */
export function findingsOf(report: Pick<Report, 'results'>): { file: string; finding: Finding }[] {
  return report.results.flatMap(r => [...r.findings].sort(byPosition).map(finding => ({ file: r.path, finding })));
}

export interface Summary { findings: number; error: number; warning: number; info: number; filesScanned: number; filesSkipped: number; baselined?: number }

export function summarize(report: Report): Summary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of report.results) for (const f of r.findings) counts[f.severity]++;
  return {
    findings: counts.error + counts.warning + counts.info,
    ...counts,
    filesScanned: report.results.length,
    filesSkipped: report.skipped.length,
    ...(report.baseline ? { baselined: report.baseline.results.reduce((n, r) => n + r.findings.length, 0) } : {}),
  };
}

/** An absolute path as a report path: relative to `root`, '/'-separated. */
export function relativePath(root: string, absolute: string): string {
  return toPosix(path.relative(root, absolute)) || '.';
}

/** The engine's 0-based positions as 1-based lines and columns. */
export function oneBased(range: Range): { start: { line: number; column: number }; end: { line: number; column: number } } {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}

export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
