// One file through the engine: decide cheaply whether it needs a syntax tree, build the model, run the rules,
// then apply levels, suppressions and the one-finding-per-literal precedence; when asked, report the suppression
// comments that silenced nothing or name an unknown rule.
import type { AnalyzeInput, AnalyzeSettings, ExternalUse, FileResult, PathFacts } from './api';
import type { FileModel, StringLiteral } from './model/model';
import type { Finding, LanguageId, Severity, Span, SuppressionProblem } from './types';
import type { Report, RuleContext, Use } from './rules/rule';
import { rules, precedence } from './rules/index';
import type { FormatMatch } from './secrets/find';
import type { KeywordMemory } from './secrets/prefilter';
import { buildModel, languageOf } from './model/build';
import { ParseTimeout } from './parse/parsers';
import { offsetToRange } from './positions';
import { exportsOf, pendingOf, resolveLocal } from './resolve';
import { suppressions, type Suppressions } from './suppress';
import { gate, isDeclarationFile, WINDOWED_ABOVE } from './prefilter';
import { isDebugSourceSet } from './android';

const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const levelToSeverity = { info: 'info', warning: 'warning', error: 'error' } as const;

const testPath = /(^|[\\/])(src[\\/](test|androidTest|testDebug|testRelease|sharedTest)|__tests__|__mocks__|test|tests|javatests|spec)[\\/]|[._-](test|spec)\.[cm]?[jt]sx?$|(Test|Tests|Spec)\.(kt|java)$/;

export function isTestPath(path: string): boolean {
  return testPath.test(path);
}

/**
 * The facts of a path from the project's root (`app/src/debug/res/xml/x.xml`, `lib/src/test/java/…`): the CLI and
 * the language server pass a path from the repository root (cli/location.ts), whatever folder was scanned or
 * opened. Folder names above the project (a checkout in `~/tests/`) must not count, so not the absolute path.
 */
export function pathFactsOf(projectPath: string): PathFacts {
  return { test: isTestPath(projectPath), debugSourceSet: isDebugSourceSet(projectPath) };
}

/** What an open document brings to its analysis (document.ts): a model builder on its cached tree and model, and its keyword memory. */
export interface DocumentState {
  build: typeof buildModel;
  keywords: KeywordMemory;
}

export function analyzeFile(input: AnalyzeInput, settings: AnalyzeSettings, external: ExternalUse[] = [],
  document?: DocumentState): FileResult {
  const build = document?.build ?? buildModel;
  const language = input.language ?? languageOf(input.path);
  const base = { path: input.path, language: language ?? 'typescript' as LanguageId, findings: [], exports: [], pending: [], syntaxErrors: 0, parsed: false };
  if (!language) return { ...base, skipped: 'not a language AuthLint analyses' };
  if (input.text.length > settings.options.maxFileSize) {
    return { ...base, skipped: `too large (${input.text.length} characters; limit ${settings.options.maxFileSize})` };
  }
  // Text-level files have no tree to save (and XML/JSON findings need no keyword); the rest is gated by the pre-filter.
  const textLevel = language === 'gradle' || language === 'properties' || language === 'xml' || language === 'json';
  // Suppression hygiene needs the comments, also of a file the pre-filter would not parse (no rule can report
  // anything there, so every suppression in it is unused) — but not a whole large file for it.
  const hygiene = settings.reportUnusedSuppressions === true;
  const forHygiene = hygiene && input.text.length <= WINDOWED_ABOVE && input.text.includes('authlint-disable');
  const { gate: g, formats } = gate(input.text, textLevel || external.length > 0 || input.forceTree === true || forHygiene, document?.keywords,
    language === 'typescript' && isDeclarationFile(input.path));
  const getFormats = () => formats;
  if (!g.tree) return { ...base, language, parsed: false, ...(hygiene ? { suppressionProblems: [] } : {}) };
  let model: FileModel;
  try {
    model = build(input.path, language, input.text, g.windows);
  } catch (e) {
    if (e instanceof ParseTimeout) return { ...base, language, skipped: e.message };
    throw e;
  }
  const local = resolveLocal(model);
  // A file parsed in windows has only the comments inside them; its file-level suppressions stand at the top, and
  // the pre-filter gives it a window there when the top holds one (prefilter.ts, headWindow). Its suppressions
  // cannot all be judged, so hygiene skips it.
  const sup = suppressions(model);
  const facts = input.pathFacts ?? pathFactsOf(input.path);
  const { findings, problems } = runRules(model, facts, settings, getFormats, local, external, sup, hygiene && !g.windows);
  return {
    path: input.path, language, findings,
    exports: exportsOf(model), pending: pendingOf(model, local),
    syntaxErrors: model.syntaxErrors, parsed: true,
    ...(hygiene ? { suppressionProblems: problems ?? [] } : {}),
  };
}

const ruleIds = rules.map(r => r.meta.id);
const defaultLevels = new Map(rules.map(r => [r.meta.id, r.meta.defaultLevel]));
const precedenceOf = new Map(precedence.map((id, i) => [id, i]));
const rank = (id: string) => precedenceOf.get(id) ?? -1;

function runRules(model: FileModel, facts: PathFacts, settings: AnalyzeSettings, formats: () => FormatMatch[],
  local: Map<StringLiteral, Use[]>, external: ExternalUse[], sup: Suppressions, hygiene: boolean): { findings: Finding[]; problems?: SuppressionProblem[] } {
  const inTest = facts.test;
  const byName = new Map<string, ExternalUse[]>();
  for (const e of external) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  const constantOf = new Map(model.constants.map(c => [c.literal, c]));
  // Several rules ask for the uses of the same literal: computed once per literal (rules only read them).
  const usesCache = new Map<StringLiteral, Use[]>();
  const usesOf = (lit: StringLiteral): Use[] => {
    let cached = usesCache.get(lit);
    if (!cached) usesCache.set(lit, cached = computeUses(lit));
    return cached;
  };
  const computeUses = (lit: StringLiteral): Use[] => {
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
  const raw: { ruleIndex: number; report: Report; severity: Severity }[] = [];
  const levelOf = (id: string) => settings.levels[id] ?? defaultLevels.get(id) ?? 'off';
  rules.forEach((rule, ruleIndex) => {
    const level = levelOf(rule.meta.id);
    if (level === 'off') return;
    const configured = levelToSeverity[level];
    const ctx: RuleContext = {
      model, options: settings.options, inTest, debugSourceSet: facts.debugSourceSet, formats, usesOf,
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
    if (!prev || rank(rules[r.ruleIndex].meta.id) < rank(rules[prev.ruleIndex].meta.id)) best.set(key, r);
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
  out.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  if (!hygiene) return { findings: out };
  const problems = sup.problems(ruleIds, id => levelOf(id) !== 'off').sort((a, b) => a.span.start - b.span.start);
  return { findings: out, problems };
}

function placement(r: Report): Span {
  if (r.span) return r.span;
  const lit = r.literal!;
  // An empty literal has no content to underline: use the quotes.
  return lit.contentSpan.end > lit.contentSpan.start ? lit.contentSpan : lit.span;
}
