// The language-neutral model of one file that every rule reads. Each language module (kotlin.ts, java.ts,
// typescript.ts, text.ts, xml.ts, json.ts) turns its syntax tree (or text, for Gradle/properties; saxes and
// jsonc-parser events for Android XML and google-services.json) into this shape, so a rule is written once for
// all languages.
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
  /** For a value bound to an object key (`{ usePKCE: false }`): the span of the innermost object / map entry holding it, so sibling keys can be read. */
  objectSpan?: Span;
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
  /** Where the call's own result stands as a value (its binding, the call it is an argument of, …); empty when it is the receiver of a further non-converting call. */
  ctx?: ValueContext;
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

export interface Comment {
  span: Span;
  text: string;
  /**
   * A next-line suppression in this comment also covers the lines up to the one holding this offset (XML: a comment
   * cannot stand inside a tag, so one above an element covers its whole opening tag).
   */
  coversTo?: number;
}

export interface ImportBinding {
  /** Local name in this file. */
  local: string;
  /** Imported name in the source module (JVM: simple name of the imported member). */
  imported: string;
  /** Module specifier (TS/JS) or fully qualified name (JVM). */
  from: string;
}

/** A class, object or anonymous class that encloses functions (for callbacks matched by what they override). */
export interface TypeDecl {
  /** Undefined for anonymous classes and object expressions. */
  name?: string;
  span: Span;
  /** Supertypes as written, simple names without type arguments (`X509TrustManager`, `WebViewClient`). */
  supertypes: string[];
}

/** A function, method, lambda or arrow function: what rules about callbacks and trust decisions need. */
export interface FunctionDecl {
  /** Declared name (functions, methods, named function expressions); undefined for lambdas and arrows. */
  name?: string;
  nameSpan?: Span;
  /** A lambda, arrow function or function expression standing as a value. */
  isLambda: boolean;
  /** Parameter names in order (`_` kept). */
  params: string[];
  span: Span;
  /** The block or expression body; undefined for abstract and interface methods. */
  bodySpan?: Span;
  /** The body's top-level statements (an expression body is one), comments left out. */
  statements: Span[];
  /** The body does nothing: no statement, `= Unit`, or a bare `return`. */
  bodyEmpty: boolean;
  /** The body's only statement returns the literal `true` (`= true`, `{ return true; }`, `-> true`). */
  returnsTrue: boolean;
  /** Declared with `override` or annotated `@Override`. */
  isOverride: boolean;
  /** The nearest enclosing class, object or anonymous class. */
  owner?: TypeDecl;
  /** Where a lambda stands as a value; a Kotlin trailing lambda counts as an argument after the call's others. */
  ctx?: ValueContext;
}

/** A name bound to an initializer of any kind (not only literals): `val url = Uri.parse(A).buildUpon()…`. */
export interface Binding {
  name: string;
  nameSpan: Span;
  valueSpan: Span;
}

/** A JSX element (`<WebView source={{ uri }} />`), with its attributes. */
export interface MarkupElement {
  name: string;
  nameSpan: Span;
  span: Span;
  attributes: { name: string; span: Span; valueSpan?: Span }[];
}

/** An attribute of an XML element, with the exact place of its value. */
export interface XmlAttribute {
  /** As written, prefix included (`android:usesCleartextTraffic`). */
  name: string;
  /** Without the prefix (`usesCleartextTraffic`). */
  local: string;
  /** The prefix is bound to the Android namespace (or is `android` and unbound, as in a fragment being typed). */
  android: boolean;
  /** The value as XML reads it (entities decoded). */
  value: string;
  /** The value between its quotes, in the file's text. */
  valueSpan: Span;
}

/** An XML element: where it stands, its parent and attributes, its own text (for `<string>`, `<domain>`). */
export interface XmlElement {
  name: string;
  /** From `<` to the end of the closing tag (the end of the file for an element never closed). */
  span: Span;
  /** Index of the parent in `XmlDocument.elements`; undefined for the root. */
  parent?: number;
  attributes: XmlAttribute[];
  /** The element's own text (child elements' text left out), entities decoded. */
  text: string;
  /** Between the opening and the closing tag, when both are there. */
  contentSpan?: Span;
  /** Whether it holds child elements. */
  hasChildren: boolean;
}

/** The element structure of an XML file (Android manifest, resources, network security config). */
export interface XmlDocument {
  /** The root element's name, if one was opened. */
  root?: string;
  /** Every element in document order (of opening tags). */
  elements: XmlElement[];
}

/** An `if` statement or expression: the whole construct (both branches) and its condition's text, cut to 200 characters. */
export interface Conditional {
  span: Span;
  condition: string;
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
  /** Functions, methods and lambdas (tree-parsed files; absent for text-level files). */
  functions?: FunctionDecl[];
  /** Every declaration with an initializer, whatever the value (tree-parsed files). */
  bindings?: Binding[];
  /** JSX elements (TSX/JSX files). */
  elements?: MarkupElement[];
  /** `if` statements/expressions with their condition (tree-parsed files), to tell a guarded call from an unconditional one. */
  conditionals?: Conditional[];
  /** Android XML files: the elements, for rules that judge configuration (the values are `literals` too). */
  xml?: XmlDocument;
  /** Number of syntax errors the parser recovered from (0 for Gradle and properties files). */
  syntaxErrors: number;
}
