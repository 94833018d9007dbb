// Syntax-anchored regions several rules share: the function around a node, the whole builder chain a call
// belongs to, the declaration a value is bound in, and the edit that drops one call out of a chain.
import type { Binding, CallSite, FileModel, FunctionDecl } from '../model/model';
import type { Span, TextEdit } from '../types';

export const inside = (inner: Span, outer: Span): boolean => inner.start >= outer.start && inner.end <= outer.end;

/** The innermost function (method, lambda, arrow) whose body holds `span`. */
export function enclosingFunction(model: FileModel, span: Span): FunctionDecl | undefined {
  let best: FunctionDecl | undefined;
  for (const f of model.functions ?? []) {
    if (f.bodySpan && inside(span, f.bodySpan) && (!best || f.span.end - f.span.start < best.span.end - best.span.start)) best = f;
  }
  return best;
}

/** The outermost call of the method chain `call` is part of (`A.Builder().x().y()` for `x`): chain calls share their start. */
export function chainTop(model: FileModel, call: CallSite): CallSite {
  let top = call;
  for (const c of model.calls) if (c.span.start === call.span.start && c.span.end > top.span.end) top = c;
  return top;
}

/** The innermost declaration whose initializer holds `span`. */
export function enclosingBinding(model: FileModel, span: Span): Binding | undefined {
  let best: Binding | undefined;
  for (const b of model.bindings ?? []) {
    if (inside(span, b.valueSpan) && (!best || b.valueSpan.end - b.valueSpan.start < best.valueSpan.end - best.valueSpan.start)) best = b;
  }
  return best;
}

/** The binding of `name` nearest before `at` (a local declared above its use), else any binding of that name. */
export function bindingNamed(model: FileModel, name: string, at: number): Binding | undefined {
  const all = (model.bindings ?? []).filter(b => b.name === name);
  const before = all.filter(b => b.nameSpan.start < at);
  return before[before.length - 1] ?? all[0];
}

/**
 * Removes `.callee(…)` from a chain (`Builder().hostnameVerifier { … }.build()` → `Builder().build()`), with the
 * line break and indentation before it. Only when the call has a receiver and its result is itself used as the
 * receiver of a further call: then the chain stays valid without it.
 */
export function removeFromChain(text: string, call: CallSite): TextEdit | undefined {
  if (!call.receiver.length || !/^\s*\??\./.test(text.slice(call.span.end, call.span.end + 200))) return undefined;
  let at = call.calleeSpan.start;
  while (at > call.span.start && /\s/.test(text[at - 1])) at--;
  if (text[at - 1] !== '.') return undefined;
  at--;
  if (text[at - 1] === '?') at--;
  while (at > call.span.start && /\s/.test(text[at - 1])) at--;
  return { span: { start: at, end: call.span.end }, newText: '' };
}

/** Receiver name without Kotlin's `!!`/`?` and `this.` (`handler!!` → `handler`). */
export function receiverName(call: CallSite): string {
  return (call.receiver[call.receiver.length - 1] ?? '').replace(/!!|\?/g, '').replace(/^this\./, '');
}
