// The language-neutral model of one file that every rule reads. Each language module (kotlin.ts, java.ts,
// typescript.ts, text.ts) turns its syntax tree (or text, for Gradle/properties) into this shape, so a rule is
// written once for all languages.
import type { LanguageId, Span } from '../types';

/** Where a value expression (a literal or a reference to a constant) stands. */
export interface ValueContext {
  /**
   * The name the value is bound to: declared variable/field/constant/property, object or map key, named argument,
   * assignment target (last segment: `Stripe.apiKey = …` → `apiKey`), annotation element. Undefined when the
   * value stands alone (a bare argument, a return value).
   */
  name?: string;
  nameKind?: 'variable' | 'constant' | 'field' | 'property' | 'key' | 'namedArg' | 'assign' | 'annotation';
  /** The nearest call the value is an argument of, through transparent wrappers (`toByteArray()`, `getBytes()`, `encode()`, `Buffer.from`, parentheses, casts, concatenation). */
  call?: CallSite;
  /** Argument position in `call` (0-based) and the argument's name (Kotlin named argument), if any. */
  argIndex?: number;
  argName?: string;
  /** Object keys from the value outward up to the enclosing call, innermost first (`{ headers: { Authorization: v } }` → ['Authorization', 'headers']). */
  keyPath: string[];
  /** Wrapper calls the value went through, innermost first (`"k".toByteArray()` → ['toByteArray']). */
  wrappers: string[];
  /** True when the value is part of a `+` concatenation or a template with other parts. */
  concatenated: boolean;
}

export interface CallSite {
  /** Last segment of the callee: `jwt.sign` → `sign`, `new OpenAI(…)` → `OpenAI`, `Keys.hmacShaKeyFor` → `hmacShaKeyFor`. */
  callee: string;
  /** The receiver chain as written before the callee, segments in order (`Jwts.builder().signWith` → ['Jwts', 'builder()']). */
  receiver: string[];
  /** `new X(…)`, or a Kotlin call of a capitalised name. */
  isConstructor: boolean;
  calleeSpan: Span;
  span: Span;
  args: ArgInfo[];
  /** The call this call is itself an argument of, through wrappers, if any (`mac.init(SecretKeySpec(…))`). */
  outer?: CallSite;
  /** Index of this call among `outer`'s arguments. */
  outerArgIndex?: number;
}

export interface ArgInfo {
  span: Span;
  /** Kotlin named argument or annotation element name. */
  name?: string;
  /** The static string value when the argument is a plain string literal. */
  stringValue?: string;
  /** Source text of the argument, cut to 200 characters. */
  text: string;
}

export interface StringLiteral {
  /** Span of the whole literal token including quotes. */
  span: Span;
  /** Span of the content between the quotes. */
  contentSpan: Span;
  /** Decoded value; interpolations are replaced by `${…}`. */
  value: string;
  /** True when the literal interpolates expressions (templates, Kotlin `$x`). */
  interpolated: boolean;
  ctx: ValueContext;
}

/** A reference to a name in a value position (an identifier or `Qualifier.NAME`), kept so constants can be followed to sinks. */
export interface Reference {
  name: string;
  /** `Config.API_KEY` → 'Config'; `BuildConfig.MAPS_KEY` → 'BuildConfig'. */
  qualifier?: string;
  span: Span;
  ctx: ValueContext;
}

/** A name bound to a string literal at file or class/object level, reachable from other code. */
export interface Constant {
  name: string;
  /** The enclosing class/object name, if any (Java `static final` field, Kotlin `object`/companion member). */
  owner?: string;
  literal: StringLiteral;
  exported: boolean;
}

/** A boolean, null or number literal in a value position (`usePKCE: false`, `setSkipIssuerHttpsCheck(true)`). */
export interface ScalarLiteral {
  text: string;
  span: Span;
  ctx: ValueContext;
}

export interface Comment { span: Span; text: string }

export interface ImportBinding {
  /** Local name in this file. */
  local: string;
  /** Imported name in the source module (JVM: simple name of the imported member). */
  imported: string;
  /** Module specifier (TS/JS) or fully qualified name (JVM). */
  from: string;
}

export interface FileModel {
  path: string;
  language: LanguageId;
  text: string;
  /** JVM package name, if declared. */
  packageName?: string;
  literals: StringLiteral[];
  scalars: ScalarLiteral[];
  references: Reference[];
  calls: CallSite[];
  constants: Constant[];
  comments: Comment[];
  imports: ImportBinding[];
  /** Number of syntax errors the parser recovered from (0 for text-level files). */
  syntaxErrors: number;
}
