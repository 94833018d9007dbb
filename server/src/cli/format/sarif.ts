// SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps) and SARIF viewers.
//
// One run. URIs are relative to %SRCROOT% (the scan root, also given absolute in originalUriBaseIds), because
// services match results to files in the repository by relative path. Files that were not analysed, and decoding
// notes, are tool execution notifications: the run still succeeded. Never a `snippet` or any other source text:
// a region's snippet would carry the very secret the message masks.
//
// Each result carries `partialFingerprints: { "authlint/v1": <fingerprint> }` (engine/fingerprint.ts), which code
// scanning uses to follow an alert across commits. With a baseline, the SARIF keeps every result: new ones with
// `baselineState: "new"` and `suppressions: []`, baselined ones with `baselineState: "unchanged"` and an external
// suppression naming the baseline file — viewers that honour suppressions hide them; the debt stays visible where
// they do not. SARIF 2.1.0 §3.27.23: an empty array says "evaluated, not suppressed", an absent one "not known",
// and a run's results are either all without or all with the array; §3.27.24: `baselineState` on every result
// or on none. So with a baseline every result has both (the suppression-hygiene notes too, as "new": they are
// never baselined), and without one none has either.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range, RuleMeta, Severity } from '../../engine/types';
import { fingerprintScheme } from '../../engine/fingerprint';
import { toPosix } from '../walker';
import { byPosition, findingsOf, oneBased, type Report, type ToolInfo } from './json';
import { reportsSuppressions, suppressionProblemsOf, suppressionRuleDescriptors } from './suppressions';

export const sarifSchema = 'https://json.schemastore.org/sarif-2.1.0.json';
const srcRoot = '%SRCROOT%';
const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: Report): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const location = (file: string, range?: Range) => ({
    physicalLocation: {
      artifactLocation: { uri: relativeUri(file), uriBaseId: srcRoot },
      ...(range ? { region: region(range) } : {}),
    },
  });

  const baseline = report.baseline;
  const marked = [
    ...findingsOf(report).map(x => ({ ...x, baselined: false })),
    ...(baseline ? findingsOf(baseline).map(x => ({ ...x, baselined: true })) : []),
  ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : byPosition(a.finding, b.finding)));
  const results = marked.map(({ file, finding: f, baselined }) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: sarifLevel[f.severity],
    message: { text: f.message },
    locations: [location(file, f.range)],
    ...(f.related.length
      ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.path ?? file, r.range), message: { text: r.message } })) }
      : {}),
    ...(f.fingerprint === undefined ? {} : { partialFingerprints: { [fingerprintScheme]: f.fingerprint } }),
    ...(baseline ? {
      baselineState: baselined ? 'unchanged' : 'new',
      suppressions: baselined ? [{ kind: 'external', justification: `In the AuthLint baseline ${baseline.file}` }] : [],
    } : {}),
  }));

  // --report-unused-suppressions: notes under two rules of their own, listed after the engine's rules.
  const hygiene = reportsSuppressions(report);
  const hygieneIndex = new Map(suppressionRuleDescriptors.map((d, i) => [d.id as string, report.rules.length + i]));
  const hygieneResults = suppressionProblemsOf(report).map(({ file, problem: p }) => ({
    ruleId: p.code, ruleIndex: hygieneIndex.get(p.code), level: 'note', message: { text: p.message }, locations: [location(file, p.range)],
    ...(baseline ? { baselineState: 'new', suppressions: [] } : {}),
  }));

  const notifications = [
    ...report.skipped.map(s => ({
      level: 'warning', descriptor: { id: 'file-skipped' }, message: { text: `Not analysed: ${s.reason}` }, locations: [location(s.path)],
    })),
    ...report.notices.map(n => ({
      level: 'note', descriptor: { id: 'file-notice' }, message: { text: n.message }, locations: [location(n.path)],
    })),
  ];

  const log = {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: report.tool.name,
          version: report.tool.version,
          semanticVersion: report.tool.version,
          informationUri: report.tool.informationUri,
          rules: [
            ...report.rules.map(rule => ruleDescriptor(rule, report.tool.docsBase)),
            ...(hygiene ? suppressionRuleDescriptors.map(({ helpAnchor, ...d }) => ({
              ...d, helpUri: `${report.tool.docsBase}docs/configuration.md#${helpAnchor}`,
              defaultConfiguration: { level: 'note' }, properties: { category: 'suppression', tags: ['maintainability'] },
            })) : []),
          ],
        },
      },
      originalUriBaseIds: { [srcRoot]: { uri: directoryUri(report.root) } },
      columnKind: 'utf16CodeUnits',
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      results: [...results, ...hygieneResults],
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export interface ConfigProblem {
  /** 1-based position in the configuration file, when the problem has one. */
  line?: number;
  column?: number;
  text: string;
}

/**
 * The log of a scan that never ran because the configuration file is invalid: one run whose invocation failed,
 * each problem a tool configuration notification at its place in the file. No `results` at all: an empty list
 * would tell a code-scanning service that every earlier alert is fixed.
 */
export function formatSarifConfigError(root: string, tool: ToolInfo, configFile: string, problems: readonly ConfigProblem[]): string {
  const inside = !path.relative(root, configFile).startsWith('..') && !path.isAbsolute(path.relative(root, configFile));
  const artifactLocation = inside
    ? { uri: relativeUri(toPosix(path.relative(root, configFile))), uriBaseId: srcRoot }
    : { uri: pathToFileURL(configFile).href };
  const log = {
    $schema: sarifSchema,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri } },
      originalUriBaseIds: { [srcRoot]: { uri: directoryUri(root) } },
      columnKind: 'utf16CodeUnits',
      invocations: [{
        executionSuccessful: false,
        toolConfigurationNotifications: problems.map(p => ({
          level: 'error',
          descriptor: { id: 'config-invalid' },
          message: { text: p.text },
          locations: [{ physicalLocation: { artifactLocation, ...(p.line ? { region: { startLine: p.line, startColumn: p.column ?? 1 } } : {}) } }],
        })),
      }],
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleMeta, docsBase: string) {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} ${rule.advice}` },
    help: { text: rule.advice },
    helpUri: `${docsBase}docs/rules/${rule.id}.md`,
    defaultConfiguration: { level: sarifLevel[rule.defaultLevel] },
    properties: { category: rule.category, tags: ['security', rule.category] },
  };
}

function region(range: Range) {
  const r = oneBased(range);
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

/** A relative URI reference: each path segment percent-encoded (spaces, `#`, `%` …). */
function relativeUri(posixPath: string): string {
  return posixPath.split('/').map(encodeURIComponent).join('/');
}

/** originalUriBaseIds must name a folder, so the URI ends with '/'. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function pascalCase(id: string): string {
  return id.split('-').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
