// The engine's public vocabulary. The engine is pure: text in, findings out. Nothing here knows about LSP,
// VS Code or the file system; positions are 0-based lines and UTF-16 columns, the same units as LSP.

/**
 * `gradle` (Groovy build scripts), `properties`, `xml` (Android manifest and resource XML) and `json`
 * (google-services.json) are read at text level, without a grammar.
 */
export type LanguageId = 'kotlin' | 'java' | 'typescript' | 'tsx' | 'javascript' | 'gradle' | 'properties' | 'xml' | 'json';

/** What a rule or the user may set a rule to. */
export type Level = 'off' | 'info' | 'warning' | 'error';
/** What a finding carries (a rule that is `off` produces none). */
export type Severity = 'error' | 'warning' | 'info';

export type Category = 'secret' | 'oauth' | 'transport' | 'token' | 'cors';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
/** Half-open offsets into the file's text, in UTF-16 code units. */
export interface Span { start: number; end: number }

export interface RelatedLocation {
  /** File path as given to the engine; undefined = the same file. */
  path?: string;
  range: Range;
  message: string;
}

/** A text edit inside the analysed file (fixes that touch other files are built by the LSP layer from `data`). */
export interface TextEdit { span: Span; newText: string }

export interface Fix {
  title: string;
  /** Safe fixes change nothing but the protection itself and may run in `source.fixAll`. */
  safe: boolean;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Masked: never holds a full secret. */
  message: string;
  span: Span;
  range: Range;
  related: RelatedLocation[];
  fixes: Fix[];
  /** What later layers (quick fixes that move a key, hovers) need; never the unmasked secret. */
  data: FindingData;
  /** Stable identity for baselines and SARIF (see fingerprint.ts); set by the CLI and the server, not by the rules. */
  fingerprint?: string;
}

export interface FindingData {
  /** Suggested name for an environment variable / BuildConfig field when the fix moves a value out of source. */
  suggestedName?: string;
  /** The kind of value: a provider format id, 'generic', 'url', … */
  kind?: string;
  /** Masked value for display. */
  masked?: string;
  /** Span of the literal including quotes (for key-moving fixes). */
  literalSpan?: Span;
  /** True when the finding's literal lives in a test source. */
  inTest?: boolean;
  /** Which secure snippet a code action should offer in place of the finding (`appauth-android`, `react-native-app-auth`), with kind 'appauth-snippet'. */
  snippet?: string;
}

/**
 * A problem of a suppression comment itself: it names a rule that does not exist, or it silences nothing (the
 * finding it was written for is gone). Not a security finding: reported only when asked for, and kept apart from
 * the findings (counts, exit codes, baselines).
 */
export interface SuppressionProblem {
  code: 'authlint-unused-suppression' | 'authlint-unknown-rule';
  /** The rule id as written in the comment (masked when it could be a secret); absent for a comment that names no rule. */
  ruleId?: string;
  message: string;
  /** The id in the comment, or the `authlint-disable…` word of a comment without ids. */
  span: Span;
  range: Range;
  /** Removes the id from the comment, or the whole suppression (its line, when it stands alone) when it is the last. */
  fix: Fix;
  /** An unknown id close to a real one: the edit that writes the real one. */
  suggestion?: Fix;
}

export interface RuleMeta {
  id: string;
  category: Category;
  defaultLevel: Exclude<Level, 'off'>;
  /** One sentence: what the rule finds. */
  description: string;
  /** Why it matters and what to do, one or two sentences (hover text). */
  advice: string;
  fixable: boolean;
}

/** Options that change what rules report (from `.authlint.json` `options`, overridable by editor settings). */
export interface EngineOptions {
  /** How a Google API key (AIza…) is reported: by context (Maps/Firebase → info, else error), always error, or always info. */
  googleKeyPolicy: 'context' | 'error' | 'info';
  /** Longest accepted issued-token lifetime in seconds (long-lived-token). */
  maxTokenLifetimeSeconds: number;
  /** Files larger than this (UTF-16 units) are skipped with a note. */
  maxFileSize: number;
}

export const defaultOptions: EngineOptions = {
  googleKeyPolicy: 'context',
  maxTokenLifetimeSeconds: 3600,
  maxFileSize: 2_000_000,
};

/** Per-rule level overrides; a missing rule keeps its default level. */
export type RuleLevels = Record<string, Level>;
