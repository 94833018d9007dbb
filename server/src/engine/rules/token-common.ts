// What the token rules (and embedded-api-key) share: which names denote a token or secret, the expressions
// interpolated into a template, where a value flows (through formatting calls) and small views of the text inside
// a tree-given span (strings and comments blanked, the entries of an object literal).
import type { CallSite, FileModel, FunctionDecl, StringLiteral, ValueContext } from '../model/model';
import type { Span } from '../types';

/** `accessToken` → ['access', 'token']; `ACCESS_TOKEN` → ['access', 'token']; `getAPIKey` → ['get', 'api', 'key']. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const secretWords = new Set(['token', 'tokens', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'passphrase',
  'credential', 'credentials', 'jwt', 'bearer', 'apikey']);
/** `xKey` is a secret when x is one of these (`apiKey`, `secretKey`, `privateKey`); `key` alone is a map key. */
const keyKinds = new Set(['api', 'secret', 'private', 'access', 'signing', 'client', 'auth', 'encryption', 'master']);
/** Tokens that are not credentials: paging, cancellation, parser tokens. */
const harmlessTokenKinds = new Set(['page', 'next', 'continuation', 'cancellation', 'cancel', 'sync', 'resume', 'syntax', 'lexer', 'parser']);
/** Boolean-ish names (`hasToken`, `isSecret`) hold no secret. */
const predicatePrefixes = new Set(['is', 'has', 'have', 'should', 'can', 'needs', 'need', 'use', 'uses', 'show', 'enable', 'enabled', 'with', 'without', 'no', 'requires', 'require', 'supports', 'allow', 'valid', 'missing', 'num', 'count']);

/**
 * Whether an identifier names a token, key, secret, password, authorization code or AuthState. Judged by its last
 * words: `accessToken`, `refresh_token`, `apiKey`, `clientSecret`, `authState`, `authorizationCode`,
 * `tokenResponse`; not `tokenCount`, `tokenType`, `isTokenExpired`, `nextPageToken`. `code` counts only when
 * qualified by an authorization response (`authResponse.code`).
 */
export function isSensitiveName(name: string, qualifier?: string): boolean {
  // Most names hold none of the words that matter: answered without a lookup.
  if (!mayBeSensitive.test(name)) return false;
  let verdict = nameVerdicts.get(name);
  if (verdict === undefined) {
    if (nameVerdicts.size >= MAX_MEMO) nameVerdicts.clear();
    nameVerdicts.set(name, verdict = nameVerdict(name));
  }
  return verdict === Verdict.QualifierDecides ? !!qualifier && /auth/i.test(qualifier) : verdict === Verdict.Sensitive;
}

const enum Verdict { No, Sensitive, QualifierDecides }
/** The same names come up in several rules and on every keystroke: their verdict (a pure function of the name) is kept. */
const nameVerdicts = new Map<string, Verdict>();
const MAX_MEMO = 20_000;

function nameVerdict(name: string): Verdict {
  // Most names hold none of the words that matter: answer those without splitting.
  if (!mayBeSensitive.test(name)) return Verdict.No;
  const w = words(name);
  if (!w.length) return Verdict.No;
  if (predicatePrefixes.has(w[0]) && w.length > 1) return Verdict.No;
  const last = w[w.length - 1], prev = w[w.length - 2];
  const yes = (b: boolean) => b ? Verdict.Sensitive : Verdict.No;
  if (secretWords.has(last)) return yes(!(last.startsWith('token') && prev && harmlessTokenKinds.has(prev)));
  if (last === 'key') return yes(!!prev && keyKinds.has(prev));
  if (last === 'state') return yes(prev === 'auth');
  if (last === 'code') {
    if (prev === 'authorization' || prev === 'auth' || prev === 'oauth') return Verdict.Sensitive;
    return w.length === 1 ? Verdict.QualifierDecides : Verdict.No;
  }
  if (last === 'response' || last === 'result') return yes(prev === 'token');
  return Verdict.No;
}

const mayBeSensitive = /tok|secret|pass|pwd|credential|jwt|bearer|key|state|code|response|result/i;

/** Accessors that return a token or the serialised AuthState: `getAccessToken()`, `jsonSerializeString()`. */
export function isSensitiveAccessor(callee: string): boolean {
  if (callee === 'jsonSerializeString' || callee === 'jsonSerialize') return true;
  // `get…` only (most callees are answered without the regex).
  if (callee.charCodeAt(0) !== 103 || callee.charCodeAt(1) !== 101 || callee.charCodeAt(2) !== 116) return false;
  const m = /^get([A-Z]\w*)$/.exec(callee);
  return !!m && isSensitiveName(m[1]);
}

/** An expression interpolated into a string: `$token` / `${…}` in Kotlin, `${…}` in a JS template. */
export interface Hole {
  /** The expression itself. */
  span: Span;
  text: string;
  /** The expression with its delimiters (`$token`, `${token}`). */
  outer: Span;
}

/** The holes of an interpolated literal, read from its source text (the grammars do not all make them nodes). */
export function holesOf(model: FileModel, lit: StringLiteral): Hole[] {
  if (!lit.interpolated) return [];
  const text = model.text;
  const out: Hole[] = [];
  const kotlin = model.language === 'kotlin';
  const raw = kotlin && text.startsWith('"""', lit.span.start);
  for (let i = lit.contentSpan.start; i < lit.contentSpan.end; i++) {
    const ch = text[i];
    if (ch === '\\' && !raw) { i++; continue; }
    if (ch !== '$') continue;
    if (text[i + 1] === '{') {
      let depth = 1, j = i + 2;
      for (; j < lit.contentSpan.end && depth > 0; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
      }
      if (depth !== 0) break;
      const start = i + 2, end = j - 1;
      const inner = text.slice(start, end);
      const lead = inner.length - inner.trimStart().length;
      out.push({ span: { start: start + lead, end: start + inner.trimEnd().length }, text: inner.trim(), outer: { start: i, end: j } });
      i = j - 1;
    } else if (kotlin) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, Math.min(lit.contentSpan.end, i + 200)));
      if (!m) continue;
      out.push({ span: { start: i + 1, end: i + 1 + m[0].length }, text: m[0], outer: { start: i, end: i + 1 + m[0].length } });
      i += m[0].length;
    }
  }
  return out;
}

/**
 * What a hole or small expression names, when it is a plain member chain or a no-argument accessor call:
 * `authState.accessToken` → { name: 'accessToken', qualifier: 'authState' }; `state.jsonSerializeString()` →
 * { name: 'jsonSerializeString', call: true }. Anything else (operators, calls with arguments) → undefined.
 */
export function simpleExpression(text: string): { name: string; qualifier?: string; call: boolean } | undefined {
  if (text.length > 200) return undefined;
  const m = /^(?:this\.)?((?:[A-Za-z_$][\w$]*(?:!!)?\??\.)*)([A-Za-z_$][\w$]*)(!!)?(\(\s*\))?(!!)?$/.exec(text.trim());
  if (!m) return undefined;
  const qualifier = m[1].replace(/[!?]/g, '').replace(/\.$/, '');
  return { name: m[2], qualifier: qualifier ? qualifier.replace(/^.*\./, '') : undefined, call: !!m[4] };
}

/** Whether the expression text names a sensitive value (a sensitive name or accessor, not its length or a test). */
export function isSensitiveExpression(text: string): boolean {
  const e = simpleExpression(text);
  if (!e) return false;
  return e.call ? isSensitiveAccessor(e.name) : isSensitiveName(e.name, e.qualifier);
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

export function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Calls a value goes through unchanged for a reader of the result: formatting, JSON, string conversion. */
const passThrough = /^(format|formatted|sprintf|stringify|inspect|String|valueOf|toString|trimIndent|trimMargin|plus|concat|join|joinToString|append|buildString|template)$/;

/**
 * The call a value ends up in, looking through formatting calls (`String.format("%s", t)`, `JSON.stringify(t)`),
 * when `accept` says it is the call of interest.
 */
export function flowsInto(ctx: ValueContext | undefined, accept: (c: CallSite) => boolean): CallSite | undefined {
  let c = ctx;
  for (let depth = 0; c && depth < 4; depth++) {
    const call = c.call;
    if (!call) return undefined;
    if (accept(call)) return call;
    if (!passThrough.test(call.callee)) return undefined;
    c = call.ctx;
  }
  return undefined;
}

/** The innermost function, method or lambda containing `span`. */
export function enclosingFunction(model: FileModel, span: Span, lambdas = true): FunctionDecl | undefined {
  let best: FunctionDecl | undefined;
  for (const f of model.functions ?? []) {
    if (!lambdas && f.isLambda) continue;
    if (f.span.start <= span.start && f.span.end >= span.end && (!best || f.span.end - f.span.start < best.span.end - best.span.start)) best = f;
  }
  return best;
}

/** The source text of `span` with comments and the contents of string literals blanked (same length, same offsets). */
export function maskedText(model: FileModel, span: Span): string {
  const blanks: Span[] = [];
  for (const c of model.comments) if (c.span.end > span.start && c.span.start < span.end) blanks.push(c.span);
  for (const l of model.literals) if (l.contentSpan.end > span.start && l.contentSpan.start < span.end) blanks.push(l.contentSpan);
  blanks.sort((a, b) => a.start - b.start);
  let out = '', at = span.start;
  for (const b of blanks) {
    const start = Math.max(b.start, at), end = Math.min(b.end, span.end);
    if (end <= start) continue;
    out += model.text.slice(at, start) + model.text.slice(start, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return out + model.text.slice(at, span.end);
}

/** A test of whether an offset is in code — not inside a comment or a string literal (both lists are in document order). */
export function codeTester(model: FileModel): (offset: number) => boolean {
  const comments = model.comments.map(c => c.span), literals = model.literals.map(l => l.span);
  const inside = (spans: Span[], offset: number) => {
    let lo = 0, hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].end <= offset) lo = mid + 1;
      else if (spans[mid].start > offset) hi = mid - 1;
      else return true;
    }
    return false;
  };
  return offset => !inside(comments, offset) && !inside(literals, offset);
}

export interface ObjectEntry {
  /** Undefined for a spread (`...rest`). */
  key?: string;
  keySpan?: Span;
  /** The value (for a shorthand `{ token }`, the name itself). */
  value: Span;
  shorthand: boolean;
}

/**
 * The top-level entries of the object literal at `span` (`{ a: 1, 'b': x, c, ...d }`), or undefined when the span
 * does not hold an object literal. Strings and comments are skipped by their model spans.
 */
export function objectEntries(model: FileModel, span: Span): ObjectEntry[] | undefined {
  const text = maskedText(model, span);
  const open = text.search(/\S/);
  // `{ … } as const`, `{ … } satisfies SignOptions`
  const tail = /\}\s*(?:(?:as|satisfies)\s+[\w.<>[\]]+\s*)?$/.exec(text);
  if (open < 0 || text[open] !== '{' || !tail) return undefined;
  const close = tail.index;
  const parts: Span[] = [];
  let depth = 0, start = open + 1;
  for (let i = open + 1; i < close; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) { parts.push({ start, end: i }); start = i + 1; }
  }
  parts.push({ start, end: close });
  const out: ObjectEntry[] = [];
  for (const p of parts) {
    const raw = text.slice(p.start, p.end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) continue;
    const at = span.start + p.start + lead;
    if (body.startsWith('...')) { out.push({ value: { start: at + 3, end: at + body.length }, shorthand: false }); continue; }
    const original = model.text.slice(at, at + body.length);
    const m = /^(?:([A-Za-z_$][\w$]*)|(["'])((?:(?!\2).)*)\2|(\d+))\s*:\s*/.exec(original);
    if (m) {
      const key = m[1] ?? m[3] ?? m[4];
      const keyLen = (m[1] ?? m[4] ?? `${m[2]}${m[3]}${m[2]}`).length;
      out.push({ key, keySpan: { start: at, end: at + keyLen }, value: { start: at + m[0].length, end: at + body.length }, shorthand: false });
    } else if (/^[A-Za-z_$][\w$]*$/.test(body)) {
      out.push({ key: body, keySpan: { start: at, end: at + body.length }, value: { start: at, end: at + body.length }, shorthand: true });
    }
    // methods and computed keys are left out
  }
  return out;
}

/** The binding of `name` nearest before `at` (or the first one after it, for members declared later in a class). */
export function bindingOf(model: FileModel, name: string, at: number): { valueSpan: Span } | undefined {
  let before: { valueSpan: Span; nameSpan: Span } | undefined, after: typeof before;
  for (const b of model.bindings ?? []) {
    if (b.name !== name) continue;
    if (b.valueSpan.start <= at && b.valueSpan.end >= at) continue; // its own initializer
    if (b.nameSpan.start < at) { if (!before || b.nameSpan.start > before.nameSpan.start) before = b; }
    else if (!after) after = b;
  }
  return before ?? after;
}

/** The quote a TS/JS file mostly uses, for inserted string literals; Kotlin and Java always use `"`. */
export function quoteOf(model: FileModel): string {
  if (model.language === 'kotlin' || model.language === 'java') return '"';
  let single = 0, double = 0;
  for (const l of model.literals.slice(0, 50)) {
    const q = model.text[l.span.start];
    if (q === "'") single++; else if (q === '"') double++;
  }
  return double > single ? '"' : "'";
}

/** Whether the file imports `module` (TS/JS specifier or JVM package prefix). */
export function importsFrom(model: FileModel, module: RegExp): boolean {
  return model.imports.some(i => module.test(i.from));
}

/** Local names bound to a module's default or namespace export (`import jwt from 'jsonwebtoken'`, `const jwt = require('jsonwebtoken')`). */
export function moduleLocals(model: FileModel, module: string): Set<string> {
  const out = new Set<string>();
  for (const i of model.imports) if (i.from === module && (i.imported === 'default' || i.imported === '*')) out.add(i.local);
  for (const c of model.calls) {
    if (c.callee !== 'require' || c.receiver.length || c.args[0]?.stringValue !== module) continue;
    if (c.ctx?.name && (c.ctx.nameKind === 'variable' || c.ctx.nameKind === 'constant')) out.add(c.ctx.name);
  }
  return out;
}

/** Local names of a module's named export (`import { decode } from 'jsonwebtoken'`). */
export function namedImport(model: FileModel, module: string, name: string): string | undefined {
  return model.imports.find(i => i.from === module && i.imported === name)?.local;
}
