// What the shared extractor needs to know about one tree-sitter grammar. Each language file answers these
// questions for its own node types; extract.ts does the rest once for all languages.
import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../types';

export interface CallParts {
  /** The node naming the function/constructor (its last segment). */
  callee: Node;
  /** What stands before the callee (`a.b` in `a.b.c()`), if anything. */
  receiver?: Node;
  isConstructor: boolean;
  args: { node: Node; name?: string }[];
}

/** How a value relates to its parent node, one step up the tree. */
export type Step =
  | { kind: 'transparent' }                                   // parentheses, casts, `!!`, `await`, …
  | { kind: 'concat' }                                        // `a + b`, a template part
  | { kind: 'wrapperReceiver'; name: string; call: Node }      // `"k".toByteArray()`: continue from `call`
  | { kind: 'argument'; call: Node; index: number; name?: string }
  | { kind: 'key'; name: string; container: Node }            // object pair / map entry: continue from `container`
  | { kind: 'binding'; name: string; nameKind: 'variable' | 'constant' | 'field' | 'property' | 'assign' | 'annotation' }
  | { kind: 'stop' };

/** What a function, method or lambda node is made of (see FunctionDecl). */
export interface FunctionParts {
  name?: Node;
  params: string[];
  body?: Node;
  /** Top-level statements of a block body, or the expression body alone; comments left out. */
  statements: Node[];
  isLambda: boolean;
  isOverride: boolean;
  /** Kotlin trailing lambda `f(x) { … }` / `f { … }`: the call it is passed to. */
  trailingCall?: Node;
}

export interface Grammar {
  language: LanguageId;
  /** Node types of string literals (each one is one literal). */
  stringTypes: readonly string[];
  commentTypes: readonly string[];
  /** Query patterns capturing boolean/null/number literals as `@scalar`. */
  scalarQuery: string;
  /** Node types of calls and constructor invocations. */
  callTypes: readonly string[];
  /** Node types that may reference a constant by name (identifiers, `A.B` navigation). */
  referenceTypes: readonly string[];
  /** Decodes a string literal node: value with interpolations as `${…}`, and whether it interpolates. */
  decodeString(node: Node, text: string): { value: string; interpolated: boolean; contentStart: number; contentEnd: number };
  callParts(call: Node): CallParts | undefined;
  /** Relation of `node` to its parent. */
  step(node: Node, parent: Node): Step;
  /** For a reference node: the referenced name and its qualifier (`Cfg.A` → A, Cfg), or undefined when it is not a plain reference. */
  referenceName(node: Node): { name: string; qualifier?: string } | undefined;
  /** Declarations binding a name to an initializer, with whether they are reachable as constants from other code. */
  declarationOf(node: Node): { name: string; value: Node; owner?: string; exported: boolean; topLevel: boolean } | undefined;
  /** Node types `declarationOf` understands. */
  declarationTypes: readonly string[];
  /** Node types of functions, methods, lambdas and arrow functions. */
  functionTypes?: readonly string[];
  functionOf?(node: Node): FunctionParts | undefined;
  /** Whether a statement or expression node is the literal `true`, `return true`, or does nothing (`Unit`, bare `return`). */
  statementKind?(node: Node): 'true' | 'empty' | 'other';
  /** Node types of classes, objects and anonymous classes that may own functions. */
  typeDeclTypes?: readonly string[];
  typeDeclOf?(node: Node): { name?: string; supertypes: string[] } | undefined;
  /** JSX element node types (TS/JS only). */
  elementTypes?: readonly string[];
  elementOf?(node: Node): { name: Node; attributes: { name: string; node: Node; value?: Node }[] } | undefined;
  /** Node types of `if` statements/expressions; each has a `condition` field. */
  conditionalTypes?: readonly string[];
  /**
   * Node types that hold only declarations: the file's root, class and object bodies. An edit inside one re-extracts
   * the declarations it touched (model/incremental.ts); the root must be listed.
   */
  containerTypes: readonly string[];
  /** Declarations that hold a container (classes, objects, `export class …`): an edit inside that container goes down into it. */
  holderTypes: readonly string[];
  /** Node types among the root's children that `packageName` and `imports` read. */
  fileLevelTypes: readonly string[];
  packageName(root: Node): string | undefined;
  imports(root: Node): { local: string; imported: string; from: string }[];
}
