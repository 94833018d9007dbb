// Turns a tree-sitter tree into the language-neutral FileModel, once for all languages: the per-language
// Grammar answers what each node type means, this file walks the tree.
import { Query, type Node, type Tree } from 'web-tree-sitter';
import type { Grammar } from './grammar';
import type { ArgInfo, Binding, CallSite, Comment, Conditional, Constant, FileModel, FunctionDecl, MarkupElement, Reference, ScalarLiteral, StringLiteral, TypeDecl, ValueContext } from './model';
import { functionDecl, markupElement } from './functions';
import { parentOf } from './nodes';
import { newContext } from './context';

const MAX_CONTEXT_DEPTH = 40;
const queryCache = new WeakMap<Grammar, Query>();

function queryFor(grammar: Grammar, tree: Tree): Query {
  let q = queryCache.get(grammar);
  if (!q) {
    // Grammars sharing an adapter differ in a few node types (`public_field_definition` is TS only).
    const known = (t: string) => tree.language.idForNodeType(t, true) !== null;
    const alt = (types: readonly string[], cap: string) => types.filter(known).map(t => `(${t}) @${cap}`).join(' ');
    q = new Query(tree.language, [
      alt(grammar.stringTypes, 'str'), alt(grammar.commentTypes, 'comment'),
      alt(grammar.callTypes, 'call'), alt(grammar.declarationTypes, 'decl'), grammar.scalarQuery,
      alt(grammar.functionTypes ?? [], 'fn'), alt(grammar.elementTypes ?? [], 'el'),
      alt(grammar.conditionalTypes ?? [], 'cond'),
    ].filter(Boolean).join(' '));
    queryCache.set(grammar, q);
  }
  return q;
}

/** The per-node part of a model: everything captured under some nodes of a tree (the whole file, or its edited declarations). */
export type ModelItems = Pick<FileModel, 'literals' | 'scalars' | 'references' | 'calls' | 'constants' | 'comments'>
  & Required<Pick<FileModel, 'conditionals' | 'functions' | 'bindings' | 'elements'>>;

/** Extracts the model of `tree`; `base` shifts every offset (used when a window of a large file was parsed). */
export function extractModel(grammar: Grammar, tree: Tree, path: string, text: string, base = 0): FileModel {
  return {
    path, language: grammar.language, text,
    ...fileLevel(grammar, tree),
    ...extractItems(grammar, tree, [tree.rootNode], text, base),
  };
}

/** What is read from the root of the tree, not from the nodes under it: package, imports, syntax errors. */
export function fileLevel(grammar: Grammar, tree: Tree): Pick<FileModel, 'packageName' | 'imports' | 'syntaxErrors'> {
  return {
    packageName: grammar.packageName(tree.rootNode),
    imports: grammar.imports(tree.rootNode),
    syntaxErrors: countErrors(tree.rootNode),
  };
}

/**
 * The items of the nodes in `roots` and everything under them, in document order. Each item is computed from its own
 * node and the node's ancestors in `tree` (value contexts walk up), so the items under a declaration depend only on
 * the declaration and what encloses it: the language server re-extracts only the declarations an edit touched
 * (model/incremental.ts). `roots` must be in document order and must not overlap.
 */
export function extractItems(grammar: Grammar, tree: Tree, roots: Node[], text: string, base = 0): ModelItems {
  const ex = new Extractor(grammar, text, base);
  const literals: StringLiteral[] = [];
  const scalars: ScalarLiteral[] = [];
  const comments: Comment[] = [];
  const calls: CallSite[] = [];
  const constants: Constant[] = [];
  const declNodes: Node[] = [];
  const references: Reference[] = [];
  let outerStringEnd = -1;
  const conditionals: Conditional[] = [];
  const functions: FunctionDecl[] = [];
  const elements: MarkupElement[] = [];
  const bindings: Binding[] = [];
  const owners = new Map<number, TypeDecl | null>();
  const query = queryFor(grammar, tree);
  for (const root of roots) {
    for (const cap of query.captures(root)) {
      const n = cap.node;
      switch (cap.name) {
        case 'str':
          // A string nested in another string (a template inside a template) is part of the outer literal.
          // Captures come in document order, so the enclosing literal was seen just before (no walk to the root:
          // `node.parent` costs the node's depth in tree-sitter, and a 5,000-call builder chain is deep).
          if (base + n.endIndex <= outerStringEnd) break;
          outerStringEnd = base + n.endIndex;
          literals.push(ex.literal(n));
          break;
        case 'comment': comments.push({ span: { start: base + n.startIndex, end: base + n.endIndex }, text: n.text }); break;
        case 'call': { const c = ex.callSite(n); if (c) { calls.push(c); ex.collectReferences(n, references); } break; }
        case 'decl': declNodes.push(n); break;
        case 'cond': {
          const c = n.childForFieldName('condition');
          if (c) conditionals.push({ span: { start: base + n.startIndex, end: base + n.endIndex }, condition: c.text.slice(0, 200) });
          break;
        }
        case 'scalar': scalars.push({ text: n.text, span: { start: base + n.startIndex, end: base + n.endIndex }, ctx: ex.contextOf(n) }); break;
        case 'fn': { const f = functionDecl(grammar, n, base, owners, ex); if (f) functions.push(f); break; }
        case 'el': { const e = markupElement(grammar, n, base); if (e) elements.push(e); break; }
      }
    }
  }
  const literalAt = new Map(literals.map(l => [l.span.start, l]));
  for (const d of declNodes) {
    const decl = grammar.declarationOf(d);
    if (!decl) continue;
    const nameNode = findNameNode(d, decl.name, decl.value.startIndex);
    bindings.push({ name: decl.name, nameSpan: { start: base + (nameNode ?? d).startIndex, end: base + (nameNode ?? d).startIndex + (nameNode ? decl.name.length : 0) },
      valueSpan: { start: base + decl.value.startIndex, end: base + decl.value.endIndex } });
    const valueNode = unwrapTransparent(grammar, decl.value);
    let lit = literalAt.get(base + valueNode.startIndex);
    if (!lit || lit.span.end !== base + valueNode.endIndex) {
      // `val key = "k".toByteArray()` / `const key = new TextEncoder().encode('k')`: the literal flows through
      // conversions into the name, so the name still stands for the literal.
      const start = base + valueNode.startIndex, end = base + valueNode.endIndex;
      lit = literals.find(l => l.span.start >= start && l.span.end <= end && l.ctx.name === decl.name
        && l.ctx.wrappers.length > 0 && !l.ctx.concatenated && !l.ctx.call && l.ctx.keyPath.length === 0);
    }
    if (lit) constants.push({ name: decl.name, owner: decl.owner, literal: lit, exported: decl.exported });
  }
  return { literals, scalars, references, calls, constants, comments, conditionals, functions, bindings, elements };
}

/** The identifier node spelling `name` before the initializer of a declaration (a few levels down at most). */
function findNameNode(decl: Node, name: string, before: number): Node | undefined {
  const queue: { n: Node; depth: number }[] = [{ n: decl, depth: 0 }];
  while (queue.length) {
    const { n, depth } = queue.shift()!;
    for (const c of n.namedChildren) {
      if (!c || c.startIndex >= before) continue;
      if (c.childCount === 0 && c.text === name) return c;
      if (c.type === 'string' && c.text.slice(1, -1) === name) return c;
      if (depth < 3) queue.push({ n: c, depth: depth + 1 });
    }
  }
  return undefined;
}

function unwrapTransparent(grammar: Grammar, n: Node): Node {
  // Walks down through single-child wrappers (parentheses, casts) so `("k")` and `"k" as String` count as literals.
  let cur = n;
  for (let i = 0; i < 8 && !grammar.stringTypes.includes(cur.type); i++) {
    const inner = cur.namedChildren.find(c => c && grammar.step(c, cur).kind === 'transparent');
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

export function countErrors(root: Node): number {
  if (!root.hasError) return 0;
  let count = 0;
  const cursor = root.walk();
  let done = false;
  while (!done) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) count++;
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) { if (!cursor.gotoParent()) { done = true; break; } }
  }
  return count;
}

class Extractor {
  private readonly calls = new Map<number, CallSite | null>();
  /** The parsed text: node offsets index into it (the whole file, or the rest of it from a window's start). */
  private readonly src: string;
  constructor(private readonly g: Grammar, text: string, private readonly base: number) {
    this.src = base ? text.slice(base) : text;
  }

  /** Source of a node, at most `max` characters from its end: long receivers (a builder chain thousands of calls deep) are never copied whole. */
  private tail(n: Node, max: number): string {
    return this.src.slice(Math.max(n.startIndex, n.endIndex - max), n.endIndex);
  }

  literal(n: Node): StringLiteral {
    const d = this.g.decodeString(n, this.src);
    return {
      span: { start: this.base + n.startIndex, end: this.base + n.endIndex },
      contentSpan: { start: this.base + d.contentStart, end: this.base + d.contentEnd },
      value: d.value, interpolated: d.interpolated,
      ctx: this.contextOf(n),
    };
  }

  callSite(n: Node): CallSite | undefined {
    // The node id, not the offsets: a builder chain's calls share their start and may collide on any length hash.
    const key = n.id;
    const cached = this.calls.get(key);
    if (cached !== undefined) return cached ?? undefined;
    this.calls.set(key, null); // guards against cycles while the outer context is computed
    const parts = this.g.callParts(n);
    if (!parts) return undefined;
    const args: ArgInfo[] = parts.args.map(a => {
      const inner = unwrapTransparent(this.g, a.node);
      const stringValue = this.g.stringTypes.includes(inner.type) ? this.g.decodeString(inner, this.src) : undefined;
      return {
        span: { start: this.base + a.node.startIndex, end: this.base + a.node.endIndex },
        name: a.name,
        stringValue: stringValue && !stringValue.interpolated ? stringValue.value : undefined,
        text: this.src.slice(a.node.startIndex, Math.min(a.node.endIndex, a.node.startIndex + 200)),
      };
    });
    const site: CallSite = {
      // Every field from the start, unset ones undefined: one shape for all call sites (see context.ts).
      outer: undefined, outerArgIndex: undefined, ctx: undefined,
      callee: parts.callee.text,
      receiver: parts.receiver ? receiverChain(this.tail(parts.receiver, 400), parts.receiver.endIndex - parts.receiver.startIndex > 400) : [],
      isConstructor: parts.isConstructor,
      calleeSpan: { start: this.base + parts.callee.startIndex, end: this.base + parts.callee.endIndex },
      span: { start: this.base + n.startIndex, end: this.base + n.endIndex },
      args,
    };
    this.calls.set(key, site);
    const outer = this.contextOf(n);
    site.ctx = outer;
    if (outer.call) { site.outer = outer.call; site.outerArgIndex = outer.argIndex; }
    return site;
  }

  /** Walks up from a value node to find what it is bound to and which call it feeds. */
  contextOf(start: Node): ValueContext {
    const ctx = newContext();
    let node = start;
    for (let depth = 0; depth < MAX_CONTEXT_DEPTH; depth++) {
      const parent = parentOf(node);
      if (!parent) break;
      const step = this.g.step(node, parent);
      switch (step.kind) {
        case 'transparent': node = parent; continue;
        case 'concat': ctx.concatenated = true; node = parent; continue;
        case 'wrapperReceiver': ctx.wrappers.push(step.name); node = step.call; continue;
        case 'key':
          ctx.keyPath.push(step.name);
          if (ctx.name === undefined) { ctx.name = step.name; ctx.nameKind = 'key'; }
          if (ctx.objectSpan === undefined) ctx.objectSpan = { start: this.base + step.container.startIndex, end: this.base + step.container.endIndex };
          node = step.container; continue;
        case 'argument': {
          const site = this.callSite(step.call);
          if (site && isWrapperCall(site)) { ctx.wrappers.push(site.callee); node = step.call; continue; }
          if (step.name && ctx.name === undefined) { ctx.name = step.name; ctx.nameKind = 'namedArg'; }
          ctx.call = site; ctx.argIndex = step.index; ctx.argName = step.name;
          return ctx;
        }
        case 'binding':
          if (ctx.name === undefined) { ctx.name = step.name; ctx.nameKind = step.nameKind; }
          return ctx;
        case 'stop': return ctx;
      }
    }
    return ctx;
  }

  private readonly seenRefs = new Set<number>();

  /** References to names among a call's arguments (through wrappers, objects and named arguments). */
  collectReferences(call: Node, out: Reference[]): void {
    const parts = this.g.callParts(call);
    if (!parts) return;
    for (const a of parts.args) this.visitValue(a.node, out, 0);
  }

  private visitValue(n: Node, out: Reference[], depth: number): void {
    if (depth > 6 || this.g.stringTypes.includes(n.type)) return;
    if (this.g.referenceTypes.includes(n.type)) {
      const ref = this.g.referenceName(n);
      if (ref) {
        if (!this.seenRefs.has(n.startIndex)) {
          this.seenRefs.add(n.startIndex);
          out.push({ name: ref.name, qualifier: ref.qualifier, span: { start: this.base + n.startIndex, end: this.base + n.endIndex }, ctx: this.contextOf(n) });
        }
        return;
      }
    }
    for (const c of n.namedChildren) if (c) this.visitValue(c, out, depth + 1);
  }
}

/** Calls that only convert a value (`Buffer.from(k)`, `new TextEncoder().encode(k)`, `Base64.decode(k)`): the value flows through. */
const wrapperCallees = new Set(['from', 'encode', 'decode', 'encodeToByteArray', 'toByteArray', 'getBytes', 'utf8ToBytes',
  'stringToBytes', 'encodeUtf8', 'decodeBase64', 'decodeHex', 'String', 'valueOf', 'trim', 'toString', 'toCharArray', 'parseHexBinary',
  'decodeFromString', 'toUint8Array', 'parse', 'create']);
const wrapperReceivers = /^(Buffer|TextEncoder|Base64|Hex|ByteString|Charsets|StandardCharsets|DatatypeConverter|Encoding|String|Base64\.getDecoder|Base64\.getUrlDecoder|Base64\.getEncoder|Base64\.getMimeDecoder|new ?TextEncoder)/;

export function isWrapperCall(site: CallSite): boolean {
  if (!wrapperCallees.has(site.callee)) return false;
  // `Uri.parse("…")`, `URI.create("…")`, `HttpUrl.parse("…")`: a URL literal keeps flowing to where it is used.
  if (site.callee === 'parse' || site.callee === 'create') return /^(Uri|URI|HttpUrl|android\.net\.Uri|java\.net\.URI)$/.test(site.receiver.join('.'));
  if (site.callee === 'String') return site.receiver.length === 0;
  const recv = site.receiver.join('.');
  return recv === '' ? site.callee !== 'from' && site.callee !== 'decode' && site.callee !== 'encode' : wrapperReceivers.test(recv);
}

/** Receiver segments; when the text was cut, its first segment may be partial and is dropped. */
function receiverChain(text: string, cut: boolean): string[] {
  const segments = splitReceiver(text);
  return cut ? segments.slice(1) : segments;
}

export function splitReceiver(text: string): string[] {
  const compact = text.replace(/\s+/g, '');
  const out: string[] = [];
  let depth = 0, cur = '';
  for (const ch of compact) {
    if (ch === '(' || ch === '[' || ch === '<') depth++;
    else if (ch === ')' || ch === ']' || ch === '>') depth = Math.max(0, depth - 1);
    if (ch === '.' && depth === 0) { out.push(cur.replace(/^\?/, '')); cur = ''; continue; }
    if (ch === '?' && depth === 0) continue; // Kotlin safe call `?.`
    cur += ch;
  }
  if (cur) out.push(cur);
  return out.map(s => s.length > 60 ? s.replace(/\(.*\)$/s, '()') : s);
}
