// The rule framework: one rule per file exports a Rule; the engine builds one RuleContext per file and rules
// report through it. Severity, suppression, masking checks and precedence are applied by the engine afterwards.
import type { FileModel, StringLiteral, ValueContext } from '../model/model';
import type { EngineOptions, Fix, FindingData, LanguageId, RelatedLocation, RuleMeta, Severity, Span } from '../types';
import type { FormatMatch } from '../secrets/find';

/** One place a literal's value is used: where it is written (direct) or a reference to the constant holding it. */
export interface Use {
  ctx: ValueContext;
  span: Span;
  direct: boolean;
  /** Set for a use in another file. */
  path?: string;
  related?: RelatedLocation;
  language: LanguageId;
}

export interface Report {
  /** The literal the finding is about (secret rules): the finding is placed on its content and de-duplicated per literal. */
  literal?: StringLiteral;
  /** Where to place the finding when it is not a literal's content. */
  span?: Span;
  message: string;
  /** Overrides the rule's configured level (e.g. information for a Maps key), still capped by an `off`. */
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: Fix[];
  data?: FindingData;
}

export interface RuleContext {
  readonly model: FileModel;
  readonly options: EngineOptions;
  /** The file is a test source (src/test, __tests__, *.test.*, …). */
  readonly inTest: boolean;
  /** The file is in an Android debug source set (src/debug/, src/freeDebug/): only debug builds get it. */
  readonly debugSourceSet: boolean;
  /** Provider-format matches over the whole text, computed once per file. */
  formats(): FormatMatch[];
  /** The literal's own context plus every resolved reference to the constant holding it. */
  usesOf(lit: StringLiteral): Use[];
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * Lower-case words whose presence in a file means the rule may find something there that the shared
   * candidates (formats, plausible literals, URLs with credentials) do not reveal. Files with none of any rule's
   * keywords and no candidate are not parsed at all.
   */
  keywords: readonly string[];
  /**
   * Optional conjunction for rules whose words are common alone: the file also qualifies when every group has at
   * least one word in it (a logger call AND a token-like name, for token-logged). Only rules about code (calls,
   * what flows into them) have one: a TypeScript declaration file (`.d.ts`), which holds no code, ignores them.
   */
  allOf?: readonly (readonly string[])[];
  check(ctx: RuleContext): void;
}
