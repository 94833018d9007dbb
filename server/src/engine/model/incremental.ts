// The model of an edited file from the model of its previous text: only the declarations the edit touched are
// extracted again; the items before them are kept as they are and the items after them are moved by the edit's
// change of length. A keystroke in a 5,000-line file then extracts one method, not the file.
//
// Why this gives the same model as a full extraction (the incremental tests check it edit by edit):
// - every item comes from one captured node and is computed from that node, the nodes under it and its ancestors
//   (extract.ts); the items under a set of whole subtrees are extracted by `extractItems` with those subtrees as
//   roots, in the same order as in a full extraction;
// - tree-sitter's changed ranges plus the edited text give a region outside of which the text is the same and every
//   character has the same ancestors in the old and the new tree; the re-extracted declarations are the children of
//   a container (the file, a class body) that overlap that region, so an item outside them has the same node, the
//   same subtree and the same ancestors as before: only its offsets move;
// - the ancestors above the re-extracted declarations are the container and the classes holding it, whose spans
//   grow or shrink with the edit: those spans are the only offsets of an item before the region that move (a
//   method's owner), and the shift below moves every offset at or after the region's old end.
import type { Node, Tree } from 'web-tree-sitter';
import type { Grammar } from './grammar';
import type { Binding, CallSite, Comment, Conditional, Constant, FileModel, FunctionDecl, MarkupElement, Reference, ScalarLiteral, StringLiteral, TypeDecl, ValueContext } from './model';
import type { Span } from '../types';
import { countErrors, extractItems, fileLevel, type ModelItems } from './extract';
import { childrenOfType } from './nodes';

/**
 * One stretch of text that changed since the model was built: `[start, end)` in the new text covers every difference
 * there; `delta` is how much longer it is than the old text it replaced. Regions are kept sorted and apart.
 */
export interface ChangedRegion {
  start: number;
  end: number;
  delta: number;
}

/**
 * The regions after one more edit of the current text (`[start, oldEnd)` became `[start, newEnd)`, offsets before the
 * edit): regions it touches merge with it; those after it move. A structural change tree-sitter reports counts as an
 * edit that keeps the length (`newEnd === oldEnd`).
 */
export function addEdit(regions: readonly ChangedRegion[], start: number, oldEnd: number, newEnd: number): ChangedRegion[] {
  const d = newEnd - oldEnd;
  const out: ChangedRegion[] = [];
  let merged: ChangedRegion = { start, end: newEnd, delta: d };
  let placed = false;
  for (const r of regions) {
    if (r.end < start) out.push(r);
    else if (r.start > oldEnd) {
      if (!placed) { out.push(merged); placed = true; }
      out.push({ start: r.start + d, end: r.end + d, delta: r.delta });
    } else {
      // Overlaps or touches the edit: text after the region's end is old text, moved by the edit when it lies after it.
      merged = {
        start: Math.min(merged.start, r.start),
        end: r.end > oldEnd ? Math.max(merged.end, r.end + d) : merged.end,
        delta: merged.delta + r.delta,
      };
    }
  }
  if (!placed) out.push(merged);
  return out;
}

/**
 * The declarations to extract again for `region`: the children of the innermost container holding it that overlap
 * it; `topLevel` when that container is the file itself.
 */
function declarationsIn(grammar: Grammar, root: Node, region: ChangedRegion): { nodes: Node[]; topLevel: boolean } {
  const contains = (n: Node) => n.startIndex <= region.start && n.endIndex >= region.end;
  let container = root;
  for (;;) {
    const touched = touching(container, region);
    const done = { nodes: touched, topLevel: container.id === root.id };
    if (touched.length !== 1) return done;
    // One declaration: go down into the container it holds when the region lies inside that container.
    let inner: Node | undefined = touched[0];
    while (inner && grammar.holderTypes.includes(inner.type)) {
      inner = inner.namedChildren.find((c): c is Node => !!c && contains(c)
        && (grammar.holderTypes.includes(c.type) || grammar.containerTypes.includes(c.type)));
    }
    if (!inner || !grammar.containerTypes.includes(inner.type)) return done;
    container = inner;
  }
}

/**
 * The named children of `container` that overlap or touch `region`. A cursor goes straight to the first of them, so a
 * file of thousands of top-level statements costs a few steps, not a Node per statement.
 */
function touching(container: Node, region: ChangedRegion): Node[] {
  const out: Node[] = [];
  const cursor = container.walk();
  try {
    // The first child ending after `start - 1`: one that ends where the region starts touches it.
    if (!cursor.gotoFirstChildForIndex(Math.max(0, region.start - 1))) return out;
    do {
      if (cursor.startIndex > region.end) break;
      if (cursor.nodeIsNamed && cursor.endIndex >= region.start) out.push(cursor.currentNode);
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return out;
}

/** A changed region grown to whole declarations, with where it was in the old text. */
interface Stretch {
  start: number;
  end: number;
  delta: number;
  oldStart: number;
  oldEnd: number;
  nodes: Node[];
  /** Its declarations stand in the file itself, not in a class: imports and the package may have changed. */
  topLevel: boolean;
}

/** The regions grown to the declarations they touch, merged where they meet, with their old offsets. */
function stretchesOf(grammar: Grammar, root: Node, regions: readonly ChangedRegion[]): Stretch[] {
  const grown = regions.map(r => {
    const { nodes, topLevel } = declarationsIn(grammar, root, r);
    return {
      start: Math.min(r.start, nodes[0]?.startIndex ?? r.start),
      end: Math.max(r.end, nodes[nodes.length - 1]?.endIndex ?? r.end),
      delta: r.delta, nodes, topLevel,
    };
  }).sort((a, b) => a.start - b.start);
  const out: Stretch[] = [];
  let before = 0; // total change of length of the stretches before
  for (const g of grown) {
    const last = out[out.length - 1];
    if (last && g.start <= last.end) {
      // Two regions may share a declaration, or one's class may hold the other's method: keep the outermost nodes.
      const all = [...last.nodes, ...g.nodes].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
      last.nodes = [];
      let covered = -1;
      for (const n of all) {
        if (n.startIndex < covered) continue;
        last.nodes.push(n);
        covered = n.endIndex;
      }
      last.end = Math.max(last.end, g.end);
      last.delta += g.delta;
      last.topLevel ||= g.topLevel;
      last.oldEnd = last.end - before - last.delta;
      continue;
    }
    if (last) before += last.delta;
    out.push({ ...g, oldStart: g.start - before, oldEnd: g.end - before - g.delta });
  }
  return out;
}

/**
 * The model of `text` (parsed as `tree`) from `previous`, the model of the text before the edits `regions` cover.
 * Undefined when the previous model cannot serve (another path or language, a class whose end moved): the caller
 * extracts the whole file.
 */
export function updateModel(grammar: Grammar, previous: FileModel, tree: Tree, path: string, text: string,
  regions: readonly ChangedRegion[], memo?: { declarations: DeclarationMemo; oldTree: Tree }): FileModel | undefined {
  if (previous.path !== path || previous.language !== grammar.language) return undefined;
  // What the edits replace of the previous model is kept first, whatever becomes of this update: a keystroke that
  // breaks the file (below: a root that is an ERROR node) is mended by the next one.
  if (memo && grammar.containerTypes.includes(memo.oldTree.rootNode.type)) {
    let before = 0;
    for (const r of regions) {
      memo.declarations.remember(previous, memo.oldTree.rootNode, r.start - before, r.end - before - r.delta);
      before += r.delta;
    }
  }
  // A file that does not parse at all can have an ERROR node for a root, holding object entries or calls directly:
  // their items would hold the root's span, which every edit moves.
  if (!grammar.containerTypes.includes(tree.rootNode.type)) return undefined;
  const stretches = stretchesOf(grammar, tree.rootNode, regions);
  if (!stretches.length) return undefined;
  const fresh = stretches.map(s => (memo && s.topLevel ? memo.declarations.itemsOf(grammar, tree, s.nodes, text) : extractItems(grammar, tree, s.nodes, text)));
  const move = new Shift(stretches);
  const firstOld = stretches[0].oldStart;
  // An item before the stretches is kept as it is: it must hold no offset at or after them. Only what encloses a
  // stretch could (a class owning its methods is copied below); an object or a call holding one would be a tree
  // this module does not expect, so the update gives up.
  let reaches = false;
  const reach = (ctx: ValueContext | undefined) => {
    if (ctx && ((ctx.objectSpan && ctx.objectSpan.end >= firstOld) || (ctx.call && ctx.call.span.end >= firstOld))) reaches = true;
  };
  const kept = <T extends { ctx?: ValueContext }>(x: T): T => { reach(x.ctx); return x; };
  /** Old items outside the stretches, moved, with each stretch's new items in its place. */
  const splice = <T>(old: T[], part: (items: ModelItems) => T[], at: (item: T) => number, moved: (item: T) => T, keep: (item: T) => T): T[] => {
    const out: T[] = [];
    let next = 0; // the next stretch whose new items are still to be added
    for (const item of old) {
      const p = at(item);
      if (p < firstOld) { out.push(keep(item)); continue; }
      while (next < stretches.length && p >= stretches[next].oldStart) out.push(...part(fresh[next++]));
      if (p >= stretches[next - 1].oldEnd) out.push(moved(item));
    }
    while (next < stretches.length) out.push(...part(fresh[next++]));
    return out;
  };
  const bySpan = (x: { span: Span }) => x.span.start;
  const items: ModelItems = {
    literals: splice(previous.literals, f => f.literals, bySpan, l => move.literal(l), kept),
    scalars: splice(previous.scalars, f => f.scalars, bySpan, x => move.scalar(x), kept),
    references: splice(previous.references, f => f.references, bySpan, x => move.reference(x), kept),
    calls: splice(previous.calls, f => f.calls, bySpan, c => move.call(c), kept),
    // A constant's literal is the same object as in `literals` (the rules look constants up by it): `move` copies it once.
    constants: splice(previous.constants, f => f.constants, c => c.literal.span.start, c => move.constant(c), c => c),
    comments: splice(previous.comments, f => f.comments, bySpan, x => move.comment(x), c => c),
    conditionals: splice(previous.conditionals ?? [], f => f.conditionals, bySpan, x => move.conditional(x), c => c),
    // A method before the changes keeps its node, but its class may hold them: the class's span moves.
    functions: splice(previous.functions ?? [], f => f.functions, bySpan, f => move.fn(f),
      f => kept(f.owner && f.owner.span.end >= firstOld ? { ...f, owner: move.type(f.owner) } : f)),
    bindings: splice(previous.bindings ?? [], f => f.bindings, b => b.nameSpan.start, b => move.binding(b), b => b),
    elements: splice(previous.elements ?? [], f => f.elements, bySpan, e => move.element(e), e => e),
  };
  // `reaches`: see above. `move.stale`: an offset inside a stretch that was not extracted again, a class whose end
  // moved into or out of it (a brace typed or deleted); its new extent is not a shift of the old one.
  if (reaches || move.stale) return undefined;
  // The methods of one class share its TypeDecl, as in a full extraction: a re-extracted method takes the object its
  // kept or moved siblings hold.
  const owners = new Map<string, TypeDecl>();
  const ownerKey = (t: TypeDecl) => `${t.span.start}:${t.span.end}`;
  const extracted = new Set(fresh.flatMap(part => part.functions));
  for (const f of items.functions) if (f.owner && !extracted.has(f) && !owners.has(ownerKey(f.owner))) owners.set(ownerKey(f.owner), f.owner);
  for (const f of extracted) {
    if (!f.owner) continue;
    const same = owners.get(ownerKey(f.owner));
    if (same) f.owner = same;
    else owners.set(ownerKey(f.owner), f.owner);
  }
  const level = fileLevelOf(grammar, tree, previous, stretches, move);
  const model: FileModel = { path, language: grammar.language, text, ...level.values, ...items };
  fileLevelNodes.set(model, level.nodes);
  return model;
}

/** Where the nodes the package and the imports are read from stood, per model brought up to date here. */
const fileLevelNodes = new WeakMap<FileModel, Span[]>();

/**
 * The package and imports of the previous model when no stretch can have changed them. They are read from the
 * file's own children of `fileLevelTypes` only, so they stand when no stretch holds such a child now (a stretch in
 * the file itself lists every child it touches; one inside a class holds none) and none covers where one stood
 * before (an import that a brace swallowed into a class). Otherwise they are read again, and where they stand is
 * remembered for the next edit. Syntax errors are always counted again (cheap unless the file has errors).
 * Enumerating the file's children on each top-level edit cost ≈ 1 ms per keystroke on a 5,000-line TypeScript file.
 */
function fileLevelOf(grammar: Grammar, tree: Tree, previous: FileModel, stretches: readonly Stretch[], move: Shift):
  { values: Pick<FileModel, 'packageName' | 'imports' | 'syntaxErrors'>; nodes: Span[] } {
  const known = fileLevelNodes.get(previous);
  const holdsFileLevel = (s: Stretch) => s.topLevel && s.nodes.some(n => grammar.fileLevelTypes.includes(n.type));
  if (known && !stretches.some(s => holdsFileLevel(s) || known.some(k => k.end >= s.oldStart && k.start <= s.oldEnd))) {
    return {
      values: { packageName: previous.packageName, imports: previous.imports, syntaxErrors: countErrors(tree.rootNode) },
      nodes: known.map(k => move.span(k)),
    };
  }
  const nodes = childrenOfType(tree.rootNode, grammar.fileLevelTypes).map(n => ({ start: n.startIndex, end: n.endIndex }));
  return { values: fileLevel(grammar, tree), nodes };
}

/**
 * Copies model items with their offsets moved from the old text to the new. Objects several items share (a call that
 * is the context of its arguments, a literal bound to a constant, a class owning methods) are copied once, so the copies
 * share them as the originals did. Strings and string arrays (key paths, receivers) are shared with the old model:
 * nothing changes them. An offset inside a stretch makes the copy `stale`.
 */
class Shift {
  private readonly calls = new Map<CallSite, CallSite>();
  private readonly literals = new Map<StringLiteral, StringLiteral>();
  private readonly types = new Map<TypeDecl, TypeDecl>();
  stale = false;
  constructor(private readonly stretches: readonly Pick<Stretch, 'oldStart' | 'oldEnd' | 'delta'>[]) {}

  private at(x: number): number {
    let d = 0;
    for (const s of this.stretches) {
      if (x < s.oldStart) break;
      if (x < s.oldEnd) { this.stale = true; break; }
      d += s.delta;
    }
    return x + d;
  }

  span(s: Span): Span {
    return { start: this.at(s.start), end: this.at(s.end) };
  }

  private maybeSpan(s: Span | undefined): Span | undefined {
    return s && this.span(s);
  }

  ctx(c: ValueContext): ValueContext;
  ctx(c: ValueContext | undefined): ValueContext | undefined;
  ctx(c: ValueContext | undefined): ValueContext | undefined {
    if (!c) return undefined;
    // Written out rather than spread: contexts from the extractor all have these fields (context.ts), and one
    // literal shape keeps this copy (thousands per keystroke) fast.
    return {
      name: c.name, nameKind: c.nameKind, call: c.call && this.call(c.call), argIndex: c.argIndex, argName: c.argName,
      keyPath: c.keyPath, wrappers: c.wrappers, concatenated: c.concatenated, objectSpan: c.objectSpan && this.span(c.objectSpan),
    };
  }

  call(c: CallSite): CallSite {
    let out = this.calls.get(c);
    if (out) return out;
    out = {
      outer: undefined, outerArgIndex: c.outerArgIndex, ctx: undefined,
      callee: c.callee, receiver: c.receiver, isConstructor: c.isConstructor,
      calleeSpan: this.span(c.calleeSpan), span: this.span(c.span),
      args: c.args.map(a => ({ span: this.span(a.span), name: a.name, stringValue: a.stringValue, text: a.text })),
    };
    this.calls.set(c, out); // before the contexts: they lead to the calls around this one, never back to it
    if (c.outer) out.outer = this.call(c.outer);
    if (c.ctx) out.ctx = this.ctx(c.ctx);
    return out;
  }

  literal(l: StringLiteral): StringLiteral {
    let out = this.literals.get(l);
    if (!out) {
      out = { span: this.span(l.span), contentSpan: this.span(l.contentSpan), value: l.value, interpolated: l.interpolated, ctx: this.ctx(l.ctx) };
      this.literals.set(l, out);
    }
    return out;
  }

  type(t: TypeDecl): TypeDecl {
    let out = this.types.get(t);
    if (!out) this.types.set(t, out = { name: t.name, span: this.span(t.span), supertypes: t.supertypes });
    return out;
  }

  scalar(x: ScalarLiteral): ScalarLiteral {
    return { text: x.text, span: this.span(x.span), ctx: this.ctx(x.ctx) };
  }

  reference(r: Reference): Reference {
    return { name: r.name, qualifier: r.qualifier, span: this.span(r.span), ctx: this.ctx(r.ctx) };
  }

  // The copies below are written out field by field, in the order extract.ts writes them, rather than spread: a
  // spread object gets another hidden class than the extractor's, and every rule reading both kinds of item would
  // then go through a polymorphic property lookup.

  constant(c: Constant): Constant {
    return { name: c.name, owner: c.owner, literal: this.literal(c.literal), exported: c.exported };
  }

  comment(c: Comment): Comment {
    // (`coversTo` is set on XML comments only, and XML models are never brought up to date.)
    return c.coversTo === undefined ? { span: this.span(c.span), text: c.text } : { ...c, span: this.span(c.span) };
  }

  conditional(c: Conditional): Conditional {
    return { span: this.span(c.span), condition: c.condition };
  }

  fn(f: FunctionDecl): FunctionDecl {
    return {
      name: f.name, nameSpan: this.maybeSpan(f.nameSpan), isLambda: f.isLambda, params: f.params, span: this.span(f.span),
      bodySpan: this.maybeSpan(f.bodySpan), statements: f.statements.map(s => this.span(s)), bodyEmpty: f.bodyEmpty,
      returnsTrue: f.returnsTrue, isOverride: f.isOverride, owner: f.owner && this.type(f.owner), ctx: this.ctx(f.ctx),
    };
  }

  binding(b: Binding): Binding {
    return { name: b.name, nameSpan: this.span(b.nameSpan), valueSpan: this.span(b.valueSpan) };
  }

  element(e: MarkupElement): MarkupElement {
    return {
      ...e, nameSpan: this.span(e.nameSpan), span: this.span(e.span),
      attributes: e.attributes.map(a => ({ ...a, span: this.span(a.span), valueSpan: this.maybeSpan(a.valueSpan) })),
    };
  }
}

/** Every list of model items, empty. */
function noItems(): ModelItems {
  return { literals: [], scalars: [], references: [], calls: [], constants: [], comments: [], conditionals: [], functions: [], bindings: [], elements: [] };
}

/**
 * The items of whole top-level declarations, by their text, kept across the edits of one document. A keystroke that
 * breaks the structure (a quote, a brace) and the next one that mends it each change the tree from the edit to the
 * end of the file, and tree-sitter reports all of it as changed; without this every declaration after the edit is
 * extracted again both times (a 5,000-line Kotlin file: 60–110 ms). A declaration of the file itself (its ancestors:
 * the root alone) without syntax errors parses the same wherever the same text stands, and its items come from it
 * and its root alone (extract.ts): the items of an earlier model, moved, are the items a full extraction gives.
 * They are taken from the previous model where it is replaced (`remember`), and used where the same declaration
 * comes back (`itemsOf`).
 */
export class DeclarationMemo {
  private readonly byText = new Map<string, { start: number; items: ModelItems }>();
  private chars = 0;
  /** Declarations whose items were reused rather than extracted (for tests and the bench). */
  reused = 0;

  /**
   * Remembers the items of the previous model's error-free top-level declarations that `[oldStart, oldEnd]` touches,
   * when it touches several: a keystroke inside one declaration needs nothing kept (the ones around it are not
   * extracted again), and keeping costs a pass over the model's items.
   */
  remember(previous: FileModel, oldRoot: Node, oldStart: number, oldEnd: number): void {
    const touched = touching(oldRoot, { start: oldStart, end: oldEnd, delta: 0 });
    if (touched.length < 2) return;
    const nodes = touched.filter(n => !n.hasError);
    if (!nodes.length) return;
    const parts = nodes.map(noItems);
    // Each list is in document order: one pass hands each item to the declaration that holds its position.
    const deal = <K extends keyof ModelItems>(key: K, list: ModelItems[K] | undefined, at: (item: ModelItems[K][number]) => number) => {
      let i = 0;
      for (const item of list ?? []) {
        const p = at(item);
        while (i < nodes.length && p >= nodes[i].endIndex) i++;
        if (i === nodes.length) break;
        if (p >= nodes[i].startIndex) (parts[i][key] as ModelItems[K][number][]).push(item);
      }
    };
    const bySpan = (x: { span: Span }) => x.span.start;
    deal('literals', previous.literals, bySpan);
    deal('scalars', previous.scalars, bySpan);
    deal('references', previous.references, bySpan);
    deal('calls', previous.calls, bySpan);
    deal('constants', previous.constants, c => c.literal.span.start);
    deal('comments', previous.comments, bySpan);
    deal('conditionals', previous.conditionals, bySpan);
    deal('functions', previous.functions, bySpan);
    deal('bindings', previous.bindings, b => b.nameSpan.start);
    deal('elements', previous.elements, bySpan);
    // A bound on what is kept: the text of about four copies of the file.
    if (this.chars > 4 * previous.text.length + 65536) this.clear();
    nodes.forEach((n, i) => {
      const key = `${n.type}\0${previous.text.slice(n.startIndex, n.endIndex)}`;
      if (!this.byText.has(key)) this.chars += key.length;
      this.byText.set(key, { start: n.startIndex, items: parts[i] });
    });
  }

  /** The items under `nodes`, top-level declarations of `tree` in document order: remembered ones moved, the rest extracted. */
  itemsOf(grammar: Grammar, tree: Tree, nodes: Node[], text: string): ModelItems {
    const out = noItems();
    const add = (items: ModelItems) => {
      for (const key of Object.keys(out) as (keyof ModelItems)[]) (out[key] as unknown[]).push(...(items[key] ?? []));
    };
    let run: Node[] = [];
    const flush = () => {
      if (run.length) add(extractItems(grammar, tree, run, text));
      run = [];
    };
    for (const n of nodes) {
      const known = n.hasError ? undefined : this.byText.get(`${n.type}\0${text.slice(n.startIndex, n.endIndex)}`);
      if (!known) { run.push(n); continue; }
      flush();
      this.reused++;
      const move = new Shift([{ oldStart: 0, oldEnd: 0, delta: n.startIndex - known.start }]);
      const k = known.items;
      add({
        literals: k.literals.map(l => move.literal(l)), scalars: k.scalars.map(x => move.scalar(x)),
        references: k.references.map(r => move.reference(r)), calls: k.calls.map(c => move.call(c)),
        constants: k.constants.map(c => move.constant(c)), comments: k.comments.map(c => move.comment(c)),
        conditionals: k.conditionals.map(c => move.conditional(c)), functions: k.functions.map(f => move.fn(f)),
        bindings: k.bindings.map(b => move.binding(b)), elements: k.elements.map(e => move.element(e)),
      });
    }
    flush();
    return out;
  }

  clear(): void {
    this.byText.clear();
    this.chars = 0;
  }
}
