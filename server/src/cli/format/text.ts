// Human output for a terminal or a CI log:
//
//   src/Api.kt:3:15  error    Hard-coded OpenAI key sk-p…(164 chars) …  hardcoded-credential
//   src/Api.kt:9:1   warning  …                                          cleartext-endpoint
//
//   web/auth.ts:4:7  info     …  oauth-missing-state
//
//   3 findings (1 error, 1 warning, 1 info) in 2 files
//   (with --baseline: 4 findings in the baseline .authlint-baseline.json not shown)
//   1 suppression problem (1 unused)                  (--report-unused-suppressions; not counted as findings)
//   14 files scanned, 1 skipped:
//     web/app.min.js: minified JavaScript (…)
//
// Paths are relative to the working directory, so terminals make `path:line:col` clickable. One group per file.
// Paths, messages and reasons come from the scanned files (a file name, a JSON key, a comment): their control and
// bidi characters are printed escaped, so a file cannot colour the terminal or forge a CI log command line.
import * as path from 'node:path';
import type { Severity } from '../../engine/types';
import { findingsOf, oneBased, summarize, type Report } from './json';
import { suppressionProblemsOf, suppressionSummary } from './suppressions';
import { toPosix } from '../walker';
import { escapeControls } from '../../engine/quote';

export interface TextOptions {
  /** Paths are shown relative to this folder. */
  cwd: string;
  color: boolean;
  /** Findings only: no summary, nothing at all when there are none. */
  quiet: boolean;
}

const ansi = { red: 31, yellow: 33, cyan: 36, gray: 90, bold: 1 } as const;
const severityColor: Record<Severity, keyof typeof ansi> = { error: 'red', warning: 'yellow', info: 'cyan' };
const severityWidth = 'warning'.length;

export function formatText(report: Report, options: TextOptions): string {
  const paint = (style: keyof typeof ansi, s: string) => (options.color ? `\x1b[${ansi[style]}m${s}\x1b[0m` : s);
  const show = (p: string) => escapeControls(toPosix(path.relative(options.cwd, path.resolve(report.root, p))) || p);
  const groups: string[] = [];
  let filesWithFindings = 0;

  for (const result of report.results) {
    const rows = [
      ...findingsOf({ ...report, results: [result] }).map(({ finding }) => finding),
      // Problems of suppression comments read like information, under their own codes.
      ...suppressionProblemsOf({ ...report, results: [result] }).map(({ problem: p }) => ({ ruleId: p.code, severity: 'info' as const, message: p.message, range: p.range })),
    ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character).map(finding => {
      const { start } = oneBased(finding.range);
      return { location: `${show(result.path)}:${start.line}:${start.column}`, finding };
    });
    if (!rows.length) continue;
    if (result.findings.length) filesWithFindings++;
    // Pad before painting: escape codes would otherwise count towards the width.
    const width = Math.max(...rows.map(r => r.location.length));
    groups.push(rows.map(({ location, finding: f }) => {
      const severity = paint(severityColor[f.severity], f.severity) + ' '.repeat(severityWidth - f.severity.length);
      return `${location.padEnd(width)}  ${severity}  ${escapeControls(f.message)}  ${paint('gray', f.ruleId)}`;
    }).join('\n'));
  }
  if (options.quiet) return groups.length ? `${groups.join('\n\n')}\n` : '';

  const summary = summarize(report);
  const lines: string[] = [];
  if (groups.length) lines.push(groups.join('\n\n'), '');
  if (summary.findings) {
    const worst: Severity = summary.error ? 'error' : summary.warning ? 'warning' : 'info';
    const counts = `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info`;
    lines.push(paint(severityColor[worst], `${plural(summary.findings, 'finding')} (${counts}) in ${plural(filesWithFindings, 'file')}`));
  } else {
    lines.push(report.baseline ? 'No new findings.' : 'No findings.');
  }
  if (report.baseline && summary.baselined) {
    lines.push(`${plural(summary.baselined, 'finding')} in the baseline ${report.baseline.file} not shown`);
  }
  const problems = suppressionProblemsOf(report);
  if (problems.length) lines.push(suppressionSummary(problems));
  const scanned = `${plural(summary.filesScanned, 'file')} scanned`;
  lines.push(summary.filesSkipped ? `${scanned}, ${summary.filesSkipped} skipped:` : scanned);
  for (const s of report.skipped) lines.push(`  ${show(s.path)}: ${escapeControls(s.reason)}`);
  if (report.notices.length) {
    lines.push('Notes:');
    for (const n of report.notices) lines.push(`  ${show(n.path)}: ${escapeControls(n.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
