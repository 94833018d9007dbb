// Functions, methods, lambdas and JSX elements for the model, once for all languages: the grammar says what a
// node is made of, this file turns it into FunctionDecl / MarkupElement with offsets and the enclosing type.
import type { Node } from 'web-tree-sitter';
import type { Grammar } from './grammar';
import type { CallSite, FunctionDecl, MarkupElement, TypeDecl, ValueContext } from './model';
import { parentOf } from './nodes';
import { newContext } from './context';

/** What functionDecl needs from the extractor (value contexts and call sites, cached there). */
export interface ContextSource {
  contextOf(n: Node): ValueContext;
  callSite(n: Node): CallSite | undefined;
}

const MAX_OWNER_DEPTH = 200;
/** Statements are classified from their text only when short: `return true`, `Unit`. */
const MAX_STATEMENT_TEXT = 400;

export function functionDecl(g: Grammar, n: Node, base: number, owners: Map<number, TypeDecl | null>, src: ContextSource): FunctionDecl | undefined {
  const parts = g.functionOf?.(n);
  if (!parts) return undefined;
  const span = (x: Node) => ({ start: base + x.startIndex, end: base + x.endIndex });
  const kinds = parts.statements.map(s => g.statementKind?.(s) ?? 'other');
  const last = kinds.length - 1;
  // `{ log(…); return true }` still returns true whatever happens; an earlier `return`/`throw` makes it conditional.
  const earlierExits = () => parts.statements.slice(0, -1).some(s => s.endIndex - s.startIndex > MAX_STATEMENT_TEXT || /\b(return|throw)\b/.test(s.text));
  let ctx: ValueContext | undefined;
  if (parts.trailingCall) {
    const call = src.callSite(parts.trailingCall);
    // Set on a fresh context rather than spread into a copy: one hidden class for every context (context.ts).
    ctx = newContext();
    ctx.call = call;
    ctx.argIndex = call?.args.length;
  } else if (parts.isLambda) {
    ctx = src.contextOf(n);
  }
  return {
    name: parts.name?.text,
    nameSpan: parts.name ? span(parts.name) : undefined,
    isLambda: parts.isLambda,
    params: parts.params,
    span: span(n),
    bodySpan: parts.body ? span(parts.body) : undefined,
    statements: parts.statements.map(span),
    bodyEmpty: !!parts.body && (kinds.length === 0 || (kinds.length === 1 && kinds[0] === 'empty')),
    returnsTrue: last >= 0 && kinds[last] === 'true' && !earlierExits(),
    isOverride: parts.isOverride,
    owner: ownerOf(g, n, base, owners),
    ctx,
  };
}

/** The nearest enclosing class/object/anonymous class, memoised per node so a file costs one walk per level. */
function ownerOf(g: Grammar, fn: Node, base: number, owners: Map<number, TypeDecl | null>): TypeDecl | undefined {
  const types = g.typeDeclTypes;
  if (!types?.length || !g.typeDeclOf) return undefined;
  const path: Node[] = [];
  let found: TypeDecl | null = null;
  for (let p = parentOf(fn), depth = 0; p && depth < MAX_OWNER_DEPTH; p = parentOf(p), depth++) {
    const known = owners.get(p.id);
    if (known !== undefined) { found = known; break; }
    path.push(p);
    if (types.includes(p.type)) {
      const t = g.typeDeclOf(p);
      if (t) { found = { name: t.name, span: { start: base + p.startIndex, end: base + p.endIndex }, supertypes: t.supertypes }; break; }
    }
  }
  for (const p of path) owners.set(p.id, found);
  return found ?? undefined;
}

export function markupElement(g: Grammar, n: Node, base: number): MarkupElement | undefined {
  const e = g.elementOf?.(n);
  if (!e) return undefined;
  const span = (x: Node) => ({ start: base + x.startIndex, end: base + x.endIndex });
  return {
    name: e.name.text,
    nameSpan: span(e.name),
    span: span(n),
    attributes: e.attributes.map(a => ({ name: a.name, span: span(a.node), valueSpan: a.value ? span(a.value) : undefined })),
  };
}
