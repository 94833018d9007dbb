// Reads a token lifetime out of the expression that sets it: `'7d'`, `60 * 60 * 24`, `TimeUnit.DAYS.toMillis(30)`,
// `Duration.ofDays(7)`, `new Date(System.currentTimeMillis() + 86_400_000L)`, `Instant.now().plus(7, ChronoUnit.DAYS)`,
// `Math.floor(Date.now() / 1000) + TTL` — a small parser for the expression forms these APIs are called with, names
// resolved through the file's bindings. It also says which part of the expression carries the duration, so the
// quick fix can rewrite that part to the allowed lifetime in the same unit style.
import type { Span } from '../types';

/** A number (`now` = coefficient of the current time in ms), a duration in ms, a point in time in ms, or a string. */
export type Value =
  | { kind: 'num'; n: number; now: number }
  | { kind: 'dur'; ms: number }
  | { kind: 'time'; n: number; now: number }
  | { kind: 'str'; s: string };

export type Ast =
  | { k: 'num'; v: number; raw: string; span: Span }
  | { k: 'str'; s: string; quote: string; span: Span }
  | { k: 'name'; id: string; span: Span }
  | { k: 'member'; obj: Ast; prop: string; propSpan: Span; span: Span }
  | { k: 'call'; fn: Ast; args: Ast[]; argsSpan: Span; span: Span; isNew: boolean }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; l: Ast; r: Ast; span: Span }
  | { k: 'neg'; x: Ast; span: Span };

interface Token { t: string; kind: 'num' | 'id' | 'str' | 'punct'; start: number; end: number }

const MAX_TEXT = 400;

function tokenize(text: string, base: number): Token[] | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const out: Token[] = [];
  const re = /\s+|(\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?[lLfFdD]?)|([A-Za-z_$][\w$]*)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`$\\]*`)|(\?\.|!!|::|[()+\-*/,.!?<>:])/y;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return undefined;
    const kind = m[1] ? 'num' : m[2] ? 'id' : m[3] ? 'str' : m[4] ? 'punct' : undefined;
    if (kind) out.push({ t: m[0], kind, start: base + i, end: base + i + m[0].length });
    i += m[0].length;
  }
  return out;
}

const castTypes = /^(long|int|double|float|Long|Integer|Double|Float|Number|number|Int)$/;

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}
  private peek(o = 0): Token | undefined { return this.toks[this.i + o]; }
  private take(t?: string): Token | undefined {
    const tok = this.toks[this.i];
    if (!tok || (t !== undefined && tok.t !== t)) return undefined;
    this.i++;
    return tok;
  }
  parseAll(): Ast | undefined {
    const e = this.expr();
    return e && this.i === this.toks.length ? e : undefined;
  }
  private expr(): Ast | undefined {
    let l = this.term();
    while (l && (this.peek()?.t === '+' || this.peek()?.t === '-')) {
      const op = this.take()!.t as '+' | '-';
      const r = this.term();
      if (!r) return undefined;
      l = { k: 'bin', op, l, r, span: { start: l.span.start, end: r.span.end } };
    }
    return l;
  }
  private term(): Ast | undefined {
    let l = this.unary();
    while (l && (this.peek()?.t === '*' || this.peek()?.t === '/')) {
      const op = this.take()!.t as '*' | '/';
      const r = this.unary();
      if (!r) return undefined;
      l = { k: 'bin', op, l, r, span: { start: l.span.start, end: r.span.end } };
    }
    return l;
  }
  private unary(): Ast | undefined {
    const minus = this.take('-');
    if (minus) {
      const x = this.unary();
      return x && { k: 'neg', x, span: { start: minus.start, end: x.span.end } };
    }
    this.take('+');
    // Java cast `(long) x`
    if (this.peek()?.t === '(' && this.peek(1)?.kind === 'id' && castTypes.test(this.peek(1)!.t) && this.peek(2)?.t === ')') { this.i += 3; return this.unary(); }
    return this.postfix();
  }
  private postfix(): Ast | undefined {
    let e = this.primary();
    while (e) {
      const t = this.peek()?.t;
      if (t === '.' || t === '?.') {
        this.i++;
        const name = this.take();
        if (!name || name.kind !== 'id') return undefined;
        e = { k: 'member', obj: e, prop: name.t, propSpan: { start: name.start, end: name.end }, span: { start: e.span.start, end: name.end } };
      } else if (t === '(') {
        const call = this.args(e, false);
        if (!call) return undefined;
        e = call;
      } else if (t === '!!' || (t === '!' && this.peek(1)?.t !== '=')) {
        this.i++;
      } else if (t === 'as' || (this.peek()?.kind === 'id' && this.peek()?.t === 'as')) {
        this.i++;
        if (this.peek()?.kind !== 'id') return undefined;
        this.i++;
      } else break;
    }
    return e;
  }
  private args(fn: Ast, isNew: boolean): Ast | undefined {
    const open = this.take('(')!;
    const args: Ast[] = [];
    if (this.peek()?.t !== ')') {
      for (;;) {
        const a = this.expr();
        if (!a) return undefined;
        args.push(a);
        if (!this.take(',')) break;
      }
    }
    const close = this.take(')');
    if (!close) return undefined;
    return { k: 'call', fn, args, argsSpan: { start: open.end, end: close.start }, span: { start: fn.span.start, end: close.end }, isNew };
  }
  private primary(): Ast | undefined {
    const tok = this.take();
    if (!tok) return undefined;
    const span = { start: tok.start, end: tok.end };
    if (tok.kind === 'num') return { k: 'num', v: Number(tok.t.replace(/_/g, '').replace(/[lLfFdD]$/, '')), raw: tok.t, span };
    if (tok.kind === 'str') return { k: 'str', s: tok.t.slice(1, -1), quote: tok.t[0], span };
    if (tok.t === '(') {
      const e = this.expr();
      const close = this.take(')');
      return e && close ? { ...e, span: e.span } : undefined;
    }
    if (tok.kind === 'id' && tok.t === 'new') {
      const name = this.take();
      if (!name || name.kind !== 'id') return undefined;
      let fn: Ast = { k: 'name', id: name.t, span: { start: name.start, end: name.end } };
      while (this.peek()?.t === '.') {
        this.i++;
        const p = this.take();
        if (!p || p.kind !== 'id') return undefined;
        fn = { k: 'member', obj: fn, prop: p.t, propSpan: { start: p.start, end: p.end }, span: { start: fn.span.start, end: p.end } };
      }
      if (this.peek()?.t !== '(') return { k: 'call', fn, args: [], argsSpan: { start: fn.span.end, end: fn.span.end }, span: { start: tok.start, end: fn.span.end }, isNew: true };
      const call = this.args(fn, true);
      return call && { ...call, span: { start: tok.start, end: call.span.end } };
    }
    if (tok.kind === 'id') return { k: 'name', id: tok.t, span };
    return undefined;
  }
}

export function parseExpression(text: string, base: number): Ast | undefined {
  const toks = tokenize(text, base);
  return toks?.length ? new Parser(toks).parseAll() : undefined;
}

const unitMs: Record<string, number> = {
  MILLISECONDS: 1, SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000, WEEKS: 604_800_000,
};
const durationOf: Record<string, number> = { ofMillis: 1, ofSeconds: 1000, ofMinutes: 60_000, ofHours: 3_600_000, ofDays: 86_400_000 };
const plusOf: Record<string, number> = { plusMillis: 1, plusSeconds: 1000, plusMinutes: 60_000, plusHours: 3_600_000, plusDays: 86_400_000, plusWeeks: 604_800_000 };
const kotlinUnits: Record<string, number> = { milliseconds: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
const nowCalls = /^(Date\.now|System\.currentTimeMillis|Instant\.now|LocalDateTime\.now|ZonedDateTime\.now|OffsetDateTime\.now|Clock\.System\.now|clock\.millis|Clock\.systemUTC\(\)\.millis)$/;

function dotted(a: Ast): string | undefined {
  if (a.k === 'name') return a.id;
  if (a.k === 'member') { const o = dotted(a.obj); return o && `${o}.${a.prop}`; }
  return undefined;
}

/** Resolves a name to the expression it is bound to (the file's bindings), or undefined. */
export type Lookup = (name: string, at: number) => { text: string; start: number } | undefined;

export class Evaluator {
  private depth = 0;
  constructor(private readonly lookup: Lookup) {}

  eval(a: Ast): Value | undefined {
    if (this.depth > 8) return undefined;
    this.depth++;
    try { return this.evalInner(a); } finally { this.depth--; }
  }

  private resolve(name: string, at: number): Value | undefined {
    const b = this.lookup(name, at);
    if (!b) return undefined;
    const ast = parseExpression(b.text, b.start);
    return ast && this.eval(ast);
  }

  private evalInner(a: Ast): Value | undefined {
    switch (a.k) {
      case 'num': return Number.isFinite(a.v) ? { kind: 'num', n: a.v, now: 0 } : undefined;
      case 'str': return { kind: 'str', s: a.s };
      case 'name': return this.resolve(a.id, a.span.start);
      case 'neg': { const x = this.eval(a.x); return x && scale(x, -1); }
      case 'bin': return this.binary(a.op, a.l, a.r);
      case 'member': return this.member(a);
      case 'call': return this.call(a);
    }
  }

  private binary(op: '+' | '-' | '*' | '/', la: Ast, ra: Ast): Value | undefined {
    const l = this.eval(la), r = this.eval(ra);
    if (!l || !r || l.kind === 'str' || r.kind === 'str') return undefined;
    if (op === '*' || op === '/') {
      const scalar = (v: Value) => v.kind === 'num' && v.now === 0 ? v.n : undefined;
      if (op === '*') {
        const k = scalar(r) ?? scalar(l);
        const v = scalar(r) !== undefined ? l : r;
        return k === undefined ? undefined : scale(v, k);
      }
      const k = scalar(r);
      return k ? scale(l, 1 / k) : undefined;
    }
    const sign = op === '+' ? 1 : -1;
    const msOf = (v: Value) => v.kind === 'dur' ? { n: v.ms, now: 0 } : v.kind === 'str' ? undefined : { n: v.n, now: v.now };
    const lv = msOf(l), rv = msOf(r);
    if (!lv || !rv) return undefined;
    const kind = l.kind === 'time' || r.kind === 'time' ? 'time' : l.kind === 'dur' && r.kind === 'dur' ? 'dur' : 'num';
    if (kind === 'dur') return { kind, ms: lv.n + sign * rv.n };
    return { kind, n: lv.n + sign * rv.n, now: lv.now + sign * rv.now };
  }

  private member(a: Extract<Ast, { k: 'member' }>): Value | undefined {
    const base = this.eval(a.obj);
    if (base?.kind === 'num' && base.now === 0 && a.prop in kotlinUnits) return { kind: 'dur', ms: base.n * kotlinUnits[a.prop] };
    if (base?.kind === 'dur') {
      if (a.prop === 'inWholeMilliseconds') return { kind: 'num', n: base.ms, now: 0 };
      if (a.prop === 'inWholeSeconds' || a.prop === 'seconds') return { kind: 'num', n: base.ms / 1000, now: 0 };
    }
    if (base && (base.kind === 'time' || base.kind === 'num')) {
      if (a.prop === 'time') return { kind: 'num', n: base.n, now: base.now };
      if (a.prop === 'epochSecond') return { kind: 'num', n: base.n / 1000, now: base.now / 1000 };
    }
    if (!base) {
      // `JwtConfig.EXPIRATION`, `Companion.TTL`: a constant of another object, by its name.
      return this.resolve(a.prop, a.span.start);
    }
    return undefined;
  }

  private call(a: Extract<Ast, { k: 'call' }>): Value | undefined {
    const path = dotted(a.fn);
    const arg = (i: number) => a.args[i] && this.eval(a.args[i]);
    if (path && nowCalls.test(path) && a.args.length === 0) {
      return path === 'Date.now' || /millis|currentTimeMillis/.test(path) ? { kind: 'num', n: 0, now: 1 } : { kind: 'time', n: 0, now: 1 };
    }
    if (path === 'Date' || path === 'java.util.Date') {
      if (a.args.length === 0) return { kind: 'time', n: 0, now: 1 };
      const v = arg(0);
      return v && (v.kind === 'num' || v.kind === 'time') ? { kind: 'time', n: v.n, now: v.now } : undefined;
    }
    if (path === 'Date.from') { const v = arg(0); return v?.kind === 'time' ? v : undefined; }
    if (path && /^Math\.(floor|round|ceil|trunc)$|^(parseInt|Number|Math\.toIntExact)$/.test(path)) return arg(0);
    let m: RegExpExecArray | null;
    if (path && (m = /^(?:java\.util\.concurrent\.)?TimeUnit\.([A-Z]+)\.(toMillis|toSeconds|toMinutes|toHours)$/.exec(path))) {
      const v = arg(0);
      const from = unitMs[m[1]], to = { toMillis: 1, toSeconds: 1000, toMinutes: 60_000, toHours: 3_600_000 }[m[2]]!;
      return v?.kind === 'num' && v.now === 0 && from ? { kind: 'num', n: v.n * from / to, now: 0 } : undefined;
    }
    if (path && (m = /^(?:java\.time\.)?Duration\.(of\w+)$/.exec(path)) && durationOf[m[1]]) {
      const v = arg(0);
      return v?.kind === 'num' && v.now === 0 ? { kind: 'dur', ms: v.n * durationOf[m[1]] } : undefined;
    }
    if (a.fn.k !== 'member') return undefined;
    const method = a.fn.prop;
    const recv = this.eval(a.fn.obj);
    if (!recv || recv.kind === 'str') return undefined;
    if (recv.kind === 'dur') {
      if (method === 'toMillis') return { kind: 'num', n: recv.ms, now: 0 };
      if (method === 'getSeconds' || method === 'toSeconds') return { kind: 'num', n: recv.ms / 1000, now: 0 };
      if (method === 'toMinutes') return { kind: 'num', n: recv.ms / 60_000, now: 0 };
      return undefined;
    }
    if (/^(toLong|toInt|toDouble|longValue|intValue|toInstant|atZone|atOffset|toLocalDateTime|toDate|valueOf)$/.test(method)) return recv;
    if (method === 'getTime' || method === 'toEpochMilli') return { kind: 'num', n: recv.n, now: recv.now };
    if (method === 'getEpochSecond') return { kind: 'num', n: recv.n / 1000, now: recv.now / 1000 };
    if (recv.kind === 'time') {
      if (method === 'plus' && a.args.length === 2) {
        const n = arg(0), unit = a.args[1] && dotted(a.args[1]);
        const u = unit && /(?:^|\.)ChronoUnit\.([A-Z]+)$/.exec(unit);
        return n?.kind === 'num' && n.now === 0 && u && unitMs[u[1]] ? { kind: 'time', n: recv.n + n.n * unitMs[u[1]], now: recv.now } : undefined;
      }
      if (method === 'plus' && a.args.length === 1) {
        const d = arg(0);
        return d?.kind === 'dur' ? { kind: 'time', n: recv.n + d.ms, now: recv.now } : undefined;
      }
      if (plusOf[method]) {
        const n = arg(0);
        return n?.kind === 'num' && n.now === 0 ? { kind: 'time', n: recv.n + n.n * plusOf[method], now: recv.now } : undefined;
      }
    }
    return undefined;
  }
}

function scale(v: Value, k: number): Value | undefined {
  if (v.kind === 'str') return undefined;
  if (v.kind === 'dur') return { kind: 'dur', ms: v.ms * k };
  return { kind: v.kind, n: v.n * k, now: v.now * k };
}

/** How a lifetime is read from a value: the unit of a plain number and what a point in time counts from. */
export type Reading =
  /** jsonwebtoken `expiresIn`: seconds, or a vercel/ms string (`'7d'`, `'2 days'`; no unit = ms). */
  | 'expiresIn'
  /** A NumericDate claim (`exp`): seconds since the epoch, `now + lifetime`. */
  | 'epochSeconds'
  /** jose `setExpirationTime`: a time span string, epoch seconds or a Date. */
  | 'jose'
  /** jjwt / java-jwt: a Date or Instant. */
  | 'instant';

const msUnits: [RegExp, number][] = [
  [/^(milliseconds?|msecs?|ms)$/, 0.001], [/^(seconds?|secs?|s)$/, 1], [/^(minutes?|mins?|m)$/, 60], [/^(hours?|hrs?|h)$/, 3600],
  [/^(days?|d)$/, 86400], [/^(weeks?|w)$/, 604800], [/^(years?|yrs?|y)$/, 31_557_600],
];

/** vercel/ms as jsonwebtoken reads `expiresIn`: a number and an optional unit; no unit means milliseconds. */
export function msStringSeconds(s: string): number | undefined {
  const m = /^(-?(?:\d+)?\.?\d+) *([a-z]+)?$/i.exec(s.trim());
  if (!m) return undefined;
  const n = parseFloat(m[1]);
  if (!m[2]) return n / 1000;
  const unit = msUnits.find(([re]) => re.test(m[2].toLowerCase()));
  return unit ? n * unit[1] : undefined;
}

/** jose's time span format (`'2h'`, `'7 days'`, `'+1 week'`, `'30 minutes from now'`). */
export function joseStringSeconds(s: string): number | undefined {
  const m = /^(\+|-)? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$/i.exec(s);
  if (!m || (m[1] && m[4])) return undefined;
  const unit = msUnits.find(([re]) => re.test(m[3].toLowerCase()));
  if (!unit) return undefined;
  const v = Math.round(parseFloat(m[2]) * unit[1]);
  return m[1] === '-' || m[4] === 'ago' ? -v : v;
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** The lifetime in seconds that `value` sets, read as `reading` says; undefined when it cannot be known. */
export function lifetimeSeconds(value: Value, reading: Reading): number | undefined {
  switch (reading) {
    case 'expiresIn':
      if (value.kind === 'str') return msStringSeconds(value.s);
      if (value.kind === 'num' && value.now === 0) return value.n;
      return undefined;
    case 'epochSeconds':
      return value.kind === 'num' && near(value.now, 0.001) ? value.n : undefined;
    case 'jose':
      if (value.kind === 'str') return joseStringSeconds(value.s);
      if (value.kind === 'num' && near(value.now, 0.001)) return value.n;
      if (value.kind === 'time' && near(value.now, 1)) return value.n / 1000;
      return undefined;
    case 'instant':
      return (value.kind === 'time' || value.kind === 'num') && near(value.now, 1) ? value.n / 1000 : undefined;
  }
}

/** A rewrite of the part of the expression that carries the duration, to `seconds` in the same unit style. */
export interface Rewrite { span: Span; newText: string }

/** `3600` → `1h`; `900` → `15m`. */
export function spanString(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

function unitFor(seconds: number): { unit: 'HOURS' | 'MINUTES' | 'SECONDS'; n: number; word: 'Hours' | 'Minutes' | 'Seconds' } {
  if (seconds % 3600 === 0) return { unit: 'HOURS', n: seconds / 3600, word: 'Hours' };
  if (seconds % 60 === 0) return { unit: 'MINUTES', n: seconds / 60, word: 'Minutes' };
  return { unit: 'SECONDS', n: seconds, word: 'Seconds' };
}

function formatNumber(n: number, like: string): string {
  const suffix = /[lL]$/.exec(like)?.[0] ?? '';
  const digits = String(Math.round(n));
  const grouped = like.includes('_') ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, '_') : digits;
  return grouped + suffix;
}

function isLiteralProduct(a: Ast): boolean {
  return a.k === 'num' || (a.k === 'bin' && a.op === '*' && isLiteralProduct(a.l) && isLiteralProduct(a.r));
}

function firstRaw(a: Ast): string {
  return a.k === 'num' ? a.raw : a.k === 'bin' ? firstRaw(a.l) : '';
}

/**
 * Finds the duration-carrying part of `ast` (the term added to "now", or the whole expression) and rewrites it to
 * `seconds` in its own style. `unit` is how many of the term's units make one second of lifetime (1000 for ms).
 */
export function rewriteLifetime(ast: Ast, seconds: number, ev: Evaluator, unit: number): Rewrite | undefined {
  const hasNow = (a: Ast) => { const v = ev.eval(a); return !!v && v.kind !== 'str' && v.kind !== 'dur' && v.now !== 0; };
  let node: Ast = ast;
  for (let i = 0; i < 10; i++) {
    if (node.k === 'bin' && node.op === '+') {
      const l = hasNow(node.l), r = hasNow(node.r);
      if (l === r) break;
      node = l ? node.r : node.l;
      continue;
    }
    if (node.k === 'bin' && node.op === '/' && hasNow(node)) {
      const k = ev.eval(node.r);
      if (k?.kind !== 'num' || k.now !== 0) break;
      unit *= k.n;
      node = node.l;
      continue;
    }
    if (node.k === 'call') {
      const path = dotted(node.fn);
      if (path && /^(Date|java\.util\.Date|Date\.from|Math\.(floor|round|ceil|trunc))$/.test(path) && node.args.length === 1) { node = node.args[0]; continue; }
      if (node.fn.k === 'member' && /^(getTime|toEpochMilli|toInstant|valueOf|toLong)$/.test(node.fn.prop)) { node = node.fn.obj; continue; }
      if (node.fn.k === 'member' && node.fn.prop === 'plus' && node.args.length === 2) {
        const u = unitFor(seconds);
        return { span: node.argsSpan, newText: `${u.n}, ChronoUnit.${u.unit}` };
      }
      if (node.fn.k === 'member' && node.fn.prop === 'plus' && node.args.length === 1) { node = node.args[0]; continue; }
      if (node.fn.k === 'member' && plusOf[node.fn.prop]) {
        const u = unitFor(seconds);
        const method = node.fn.prop === 'plusSeconds' || node.fn.prop === 'plusMillis' ? node.fn.prop : `plus${u.word}`;
        const n = node.fn.prop === 'plusSeconds' ? seconds : node.fn.prop === 'plusMillis' ? seconds * 1000 : u.n;
        return { span: { start: node.fn.propSpan.start, end: node.span.end }, newText: `${method}(${n})` };
      }
    }
    if (node.k === 'member' && node.obj.k === 'call' && /^(inWholeMilliseconds|inWholeSeconds|time)$/.test(node.prop)) { node = node.obj; continue; }
    if (node.k === 'member' && /^(inWholeMilliseconds|inWholeSeconds)$/.test(node.prop)) { node = node.obj; continue; }
    break;
  }
  if (node.k === 'str') return { span: node.span, newText: `${node.quote}${spanString(seconds)}${node.quote}` };
  if (node.k === 'num') return { span: node.span, newText: formatNumber(seconds * unit, node.raw) };
  if (isLiteralProduct(node)) {
    const first = firstRaw(node);
    const suffix = /[lL]$/.exec(first)?.[0] ?? '';
    const styled = seconds === 3600 ? (unit === 1000 ? `60${suffix} * 60 * 1000` : `60${suffix} * 60`) : formatNumber(seconds * unit, first);
    return { span: node.span, newText: styled };
  }
  if (node.k === 'call') {
    const path = dotted(node.fn);
    let m: RegExpExecArray | null;
    const u = unitFor(seconds);
    if (path && (m = /^((?:java\.util\.concurrent\.)?TimeUnit)\.[A-Z]+\.(\w+)$/.exec(path))) return { span: node.span, newText: `${m[1]}.${u.unit}.${m[2]}(${u.n})` };
    if (path && (m = /^((?:java\.time\.)?Duration)\.of\w+$/.exec(path))) return { span: node.span, newText: `${m[1]}.of${u.word}(${u.n})` };
  }
  if (node.k === 'member' && node.obj.k === 'num' && node.prop in kotlinUnits) {
    const u = unitFor(seconds);
    return { span: node.span, newText: `${u.n}.${u.word.toLowerCase()}` };
  }
  return undefined;
}
