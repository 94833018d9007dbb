// One file through the engine: decide cheaply whether it needs a syntax tree, build the model, run the rules,
// then apply levels, suppressions and the one-finding-per-literal precedence.
import type { AnalyzeInput, AnalyzeSettings, ExternalUse, FileResult } from './api';
import type { FileModel, StringLiteral } from './model/model';
import type { Finding, LanguageId, Severity, Span } from './types';
import type { Report, RuleContext, Use } from './rules/rule';
import { rules, precedence } from './rules/index';
import type { FormatMatch } from './secrets/find';
import { buildModel, languageOf } from './model/build';
import { ParseTimeout } from './parse/parsers';
import { offsetToRange } from './positions';
import { exportsOf, pendingOf, resolveLocal } from './resolve';
import { suppressions } from './suppress';
import { gate } from './prefilter';

const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const levelToSeverity = { info: 'info', warning: 'warning', error: 'error' } as const;

const testPath = /(^|[\\/])(src[\\/](test|androidTest|testDebug|testRelease|sharedTest)|__tests__|__mocks__|test|tests|javatests|spec)[\\/]|[._-](test|spec)\.[cm]?[jt]sx?$|(Test|Tests|Spec)\.(kt|java)$/;

export function isTestPath(path: string): boolean {
  return testPath.test(path);
}

/** `build` turns the text into a model; the language server passes one that re-parses a cached tree (document.ts). */
export function analyzeFile(input: AnalyzeInput, settings: AnalyzeSettings, external: ExternalUse[] = [],
  build: typeof buildModel = buildModel): FileResult {
  const language = input.language ?? languageOf(input.path);
  const base = { path: input.path, language: language ?? 'typescript' as LanguageId, findings: [], exports: [], pending: [], syntaxErrors: 0, parsed: false };
  if (!language) return { ...base, skipped: 'not a language AuthLint analyses' };
  if (input.text.length > settings.options.maxFileSize) {
    return { ...base, skipped: `too large (${input.text.length} characters; limit ${settings.options.maxFileSize})` };
  }
  // Text-level files have no tree to save (and XML/JSON findings need no keyword); the rest is gated by the pre-filter.
  const textLevel = language === 'gradle' || language === 'properties' || language === 'xml' || language === 'json';
  const { gate: g, formats } = gate(input.text, textLevel || external.length > 0 || input.forceTree === true);
  const getFormats = () => formats;
  if (!g.tree) return { ...base, language, parsed: false };
  let model: FileModel;
  try {
    model = build(input.path, language, input.text, g.windows);
  } catch (e) {
    if (e instanceof ParseTimeout) return { ...base, language, skipped: e.message };
    throw e;
  }
  const local = resolveLocal(model);
  const findings = runRules(model, settings, getFormats, local, external);
  return {
    path: input.path, language, findings,
    exports: exportsOf(model), pending: pendingOf(model, local),
    syntaxErrors: model.syntaxErrors, parsed: true,
  };
}

function runRules(model: FileModel, settings: AnalyzeSettings, formats: () => FormatMatch[],
  local: Map<StringLiteral, Use[]>, external: ExternalUse[]): Finding[] {
  const inTest = isTestPath(model.path);
  const byName = new Map<string, ExternalUse[]>();
  for (const e of external) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  const constantOf = new Map(model.constants.map(c => [c.literal, c]));
  const usesOf = (lit: StringLiteral): Use[] => {
    const uses: Use[] = [{ ctx: lit.ctx, span: lit.span, direct: true, language: model.language }];
    uses.push(...(local.get(lit) ?? []));
    const c = constantOf.get(lit);
    if (c && c.exported) {
      for (const e of byName.get(c.name) ?? []) {
        uses.push({ ctx: e.ctx, span: e.span, direct: false, path: e.fromPath, language: e.fromLanguage,
          related: { path: e.fromPath, range: e.range, message: '' } });
      }
    }
    return uses;
  };
  const sup = suppressions(model);
  const raw: { ruleIndex: number; report: Report; severity: Severity }[] = [];
  rules.forEach((rule, ruleIndex) => {
    const level = settings.levels[rule.meta.id] ?? rule.meta.defaultLevel;
    if (level === 'off') return;
    const configured = levelToSeverity[level];
    const ctx: RuleContext = {
      model, options: settings.options, inTest, formats, usesOf,
      report: r => {
        const severity = r.severity && severityRank[r.severity] < severityRank[configured] ? r.severity : configured;
        raw.push({ ruleIndex, report: r, severity });
      },
    };
    rule.check(ctx);
  });
  // One finding per literal (or per span): the most specific rule wins.
  const best = new Map<string, (typeof raw)[number]>();
  for (const r of raw) {
    const span = placement(r.report);
    const key = r.report.literal ? `L${r.report.literal.span.start}` : `S${span.start}:${span.end}`;
    const prev = best.get(key);
    if (!prev || precedence.indexOf(rules[r.ruleIndex].meta.id) < precedence.indexOf(rules[prev.ruleIndex].meta.id)) best.set(key, r);
  }
  const out: Finding[] = [];
  for (const r of best.values()) {
    const id = rules[r.ruleIndex].meta.id;
    const span = placement(r.report);
    if (sup.suppressed(id, span.start)) continue;
    out.push({
      ruleId: id, severity: r.severity, message: r.report.message, span,
      range: offsetToRange(model.text, span),
      related: r.report.related ?? [], fixes: r.report.fixes ?? [],
      data: { ...r.report.data, literalSpan: r.report.literal?.span, inTest },
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}

function placement(r: Report): Span {
  if (r.span) return r.span;
  const lit = r.literal!;
  // An empty literal has no content to underline: use the quotes.
  return lit.contentSpan.end > lit.contentSpan.start ? lit.contentSpan : lit.span;
}
