// The engine's entry points as the CLI and the language server see them. Everything crossing this boundary is
// plain data (structured-clone safe), so it can come back from a worker thread.
import type { EngineOptions, Finding, LanguageId, Range, RuleLevels, Span, SuppressionProblem } from './types';
import type { ValueContext } from './model/model';

export interface AnalyzeInput {
  /** The path findings and cross-file keys use: relative to the scan root or workspace folder. */
  path: string;
  text: string;
  /**
   * Defaults to languageOf(path). Callers that know the file's absolute path pass languageOf of it: `path` is
   * relative to a scan root, and `values/strings.xml` (scanned from inside `res/`) no longer shows its `res` folder.
   */
  language?: LanguageId;
  /** Defaults to pathFactsOf(path); callers that know where the file really is pass the facts of that place. */
  pathFacts?: PathFacts;
  /** Parse even when the pre-filter sees nothing (a constant another file uses may be defined here). */
  forceTree?: boolean;
}

/**
 * What the engine infers from where a file lives, rather than from its text. They must come from its real
 * location (see pathFactsOf), not from a path relative to wherever a scan happened to start.
 */
export interface PathFacts {
  /** A test source (`src/test/`, `__tests__/`, `*.test.ts`, `*Test.kt`, …): some findings are information there. */
  test: boolean;
  /** In an Android debug source set (`src/debug/`, `src/freeDebug/`): its manifest and configs hold no transport finding. */
  debugSourceSet: boolean;
}

export interface AnalyzeSettings {
  levels: RuleLevels;
  options: EngineOptions;
  /** Also report suppression comments that name an unknown rule or silence nothing (FileResult.suppressionProblems). */
  reportUnusedSuppressions?: boolean;
}

/** A constant other files can reach (by import, or on the JVM by package + name). */
export interface ExportedConstant {
  /** Keys it can be found under: JVM `pkg.Owner.NAME` / `pkg.NAME`; TS/JS `<path without extension>#NAME`. */
  keys: string[];
  name: string;
  /** Span of the literal including quotes. */
  literalSpan: Span;
}

/** A use, in a place that matters to a rule, of a name this file does not define. */
export interface PendingUse {
  /** Keys that would resolve it, most likely first (same shapes as ExportedConstant.keys). */
  candidates: string[];
  name: string;
  /** `Config` in `Config.KEY`: on the JVM the defining file is usually named after it. */
  qualifier?: string;
  /** TS/JS: the module paths (without extension) the name is imported from. */
  modules?: string[];
  span: Span;
  range: Range;
  ctx: ValueContext;
}

/** A use of one of this file's constants found in another file (the resolved PendingUse). */
export interface ExternalUse {
  /** Constant name in this file. */
  name: string;
  fromPath: string;
  span: Span;
  /** Range of `span` in the using file, for related locations. */
  range: Range;
  ctx: ValueContext;
  fromLanguage: LanguageId;
}

export interface FileResult {
  path: string;
  language: LanguageId;
  findings: Finding[];
  exports: ExportedConstant[];
  pending: PendingUse[];
  /** Set when the file was not analysed (too large, binary, …): the reason, for the summary. */
  skipped?: string;
  syntaxErrors: number;
  /** False when the pre-filter found nothing to parse for: then `exports` is empty even if constants exist. */
  parsed: boolean;
  /** With `reportUnusedSuppressions`: the file's unused suppressions and unknown rule ids in them, by position. */
  suppressionProblems?: SuppressionProblem[];
}
