// OAuth parameters, tokens and keys made from a predictable source: Math.random, java.util.Random,
// kotlin.random.Random or the clock. Whoever can guess the value can forge the callback (state), replay an ID token
// (nonce), redeem an intercepted code (PKCE verifier) or take over what a token or key protects.
import type { Rule, RuleContext } from './rule';
import type { CallSite, FileModel, ValueContext } from '../model/model';
import type { Fix } from '../types';
import { clientKind } from './secret-common';
import { isOAuthFile, setterParam, usesAppAuthAndroid } from '../oauth';
import { nameTest, perModel } from './memo';

type Kind = 'state' | 'nonce' | 'verifier' | 'csrf' | 'token' | 'secret' | 'key' | 'password' | 'salt' | 'session';

/** Values that need 32 random bytes (a PKCE verifier: 43+ characters, RFC 7636 §4.1; keys and secrets). */
const needs32: ReadonlySet<Kind> = new Set<Kind>(['verifier', 'secret', 'key']);

const what: Record<Kind, string> = {
  state: 'the OAuth state', nonce: 'the nonce', verifier: 'the PKCE code verifier', csrf: 'the CSRF token', token: 'a token',
  secret: 'a secret', key: 'a key', password: 'a password', salt: 'a salt', session: 'a session id',
};
const why: Record<Kind, string> = {
  state: 'an attacker who guesses it can forge the authorization response (CSRF, RFC 6749 §10.12)',
  nonce: 'a guessable nonce lets an ID token be replayed',
  verifier: 'a guessable verifier lets an intercepted code be redeemed; RFC 7636 §4.1 asks for 32 random bytes from a secure generator',
  csrf: 'a guessable CSRF token protects nothing',
  token: 'whoever predicts it holds what it grants', secret: 'whoever predicts it holds what it protects',
  key: 'whoever predicts it holds what it protects', password: 'a predictable password can be guessed',
  salt: 'a predictable salt weakens what it protects', session: 'a predictable session id can be hijacked',
};

/** The kind of value a name stands for (`codeVerifier`, `oauth_state`, `sessionToken`, `apiKey`), from its words. */
function kindOfName(name: string, oauthFile: () => boolean): Kind | undefined {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const last = words[words.length - 1];
  const prev = words[words.length - 2];
  if (!last) return undefined;
  if (last === 'verifier') return 'verifier';
  if (last === 'nonce') return 'nonce';
  if (words.includes('csrf') || words.includes('xsrf')) return 'csrf';
  if (last === 'state') return (words.length === 1 ? oauthFile() : /^(oauth|auth|authorization|csrf|login|signin|sso)$/.test(words[0])) ? 'state' : undefined;
  if (last === 'token') return words.some(w => /^(cancel|page|cursor|continuation|lexer|scanner|syntax|next|sync|resume|abort)$/.test(w)) ? undefined : 'token';
  if (last === 'secret') return 'secret';
  if (/^(password|passwd|pwd)$/.test(last)) return 'password';
  if (last === 'salt') return 'salt';
  if (last === 'key' && prev && /^(api|secret|private|signing|encryption|session|hmac|aes|master|auth|access|crypto|cipher)$/.test(prev)) return 'key';
  if (last === 'id' && prev === 'session') return 'session';
  return undefined;
}

function kindOfParam(name: string | undefined): Kind | undefined {
  return name === 'state' ? 'state' : name === 'nonce' ? 'nonce' : name === 'code_verifier' ? 'verifier' : undefined;
}

const nextMethod = /^next(Int|Long|Double|Float|Boolean|Bytes|UInt|ULong|Gaussian)$/;

/** Every callee `weakSource` can answer for (besides a JVM `next…` method and a TS/JS `uuid` import). */
const isWeakCallee = nameTest(/^(random|now|getTime|valueOf|currentTimeMillis|nanoTime|elapsedRealtime|uptimeMillis|currentThreadTimeMillis|toEpochMilli|randomUUID)$/);
const uuidLocals = perModel(model => model.imports.filter(i => i.from === 'uuid').map(i => i.local));

/** What makes `call` predictable, or undefined. `uuid` marks a UUID (random but too short for a PKCE verifier). */
function weakSource(call: CallSite, model: FileModel, weakGenerators: Set<string>): { what: string; uuid?: boolean } | undefined {
  const jvm = model.language === 'kotlin' || model.language === 'java';
  // Most calls are none of these: answered before joining the receiver.
  if (!isWeakCallee(call.callee) && !(jvm ? call.callee.startsWith('next') && nextMethod.test(call.callee) : uuidLocals(model).includes(call.callee))) return undefined;
  const recv = call.receiver.join('.');
  if (call.callee === 'random' && recv === 'Math') return { what: 'Math.random()' };
  if (call.callee === 'now' && (recv === 'Date' || recv === 'performance')) return { what: `${recv}.now() (a timestamp)` };
  if ((call.callee === 'getTime' || call.callee === 'valueOf') && /^(newDate\(\)|Date\(\))$/.test(recv)) return { what: 'the current time' };
  if (jvm) {
    if (recv === 'System' && (call.callee === 'currentTimeMillis' || call.callee === 'nanoTime')) return { what: `System.${call.callee}() (a timestamp)` };
    if (recv === 'SystemClock' && /^(elapsedRealtime|uptimeMillis|currentThreadTimeMillis)$/.test(call.callee)) return { what: `SystemClock.${call.callee}() (a timestamp)` };
    if (call.callee === 'toEpochMilli' && /(^|\.)now\(\)$/.test(recv)) return { what: 'the current time' };
    if (nextMethod.test(call.callee)) {
      if (/^(new)?(java\.util\.)?Random\(.*\)$/.test(recv)) return { what: model.language === 'java' ? 'java.util.Random' : 'Random' };
      if (model.language === 'kotlin' && (recv === 'Random' || recv === 'Random.Default')) return { what: 'kotlin.random.Random' };
      if (/^ThreadLocalRandom\.current\(\)$/.test(recv)) return { what: 'ThreadLocalRandom' };
      const name = recv.replace(/^this\./, '');
      if (weakGenerators.has(name)) return { what: 'java.util.Random' };
    }
    if (call.callee === 'randomUUID' && /(^|\.)UUID$/.test(recv)) return { what: 'a UUID', uuid: true };
    return undefined;
  }
  if (call.callee === 'randomUUID') return { what: 'a UUID', uuid: true };
  if (!recv && model.imports.some(i => i.local === call.callee && i.from === 'uuid')) return { what: 'a UUID', uuid: true };
  return undefined;
}

/** Calls that derive a value from their argument without adding randomness: `String(x)`, `Math.floor(x)`, `Long.toString(x)`. */
function derives(call: CallSite): boolean {
  const recv = call.receiver.join('.');
  if (call.callee === 'format') return true;
  if (recv === '' || recv === 'Math' || /^(java\.lang\.)?(String|Integer|Long|Double|BigInteger|Math)$/.test(recv)) {
    return /^(String|Number|BigInt|parseInt|parseFloat|btoa|encodeURIComponent|floor|round|ceil|trunc|abs|valueOf|toString|toHexString|toUnsignedString|toBinaryString|toOctalString)$/.test(call.callee);
  }
  return false;
}

/** The smallest call that derives a value from `cur`: a method called on it, or a converting call it is inside. */
function enclosingDerivation(model: FileModel, cur: CallSite): CallSite | undefined {
  let best: CallSite | undefined;
  for (const c of model.calls) {
    if (c === cur || c.span.start > cur.span.start || c.span.end < cur.span.end) continue;
    if (c.span.start === cur.span.start && c.span.end === cur.span.end) continue;
    const chained = c.span.start === cur.span.start && c.calleeSpan.start >= cur.span.end;
    const inside = !chained && derives(c) && c.args.some(a => a.span.start <= cur.span.start && cur.span.end <= a.span.end);
    if (!chained && !inside) continue;
    if (!best || c.span.end - c.span.start < best.span.end - best.span.start) best = c;
  }
  return best;
}

const emptyCtx: ValueContext = { keyPath: [], wrappers: [], concatenated: false };

/** Follows a weak value through conversions to where it is bound or passed; `expr` is the whole derived expression. */
function flowOf(model: FileModel, source: CallSite): { v: ValueContext; expr: CallSite } {
  let cur = source;
  for (let i = 0; i < 10; i++) {
    const v = cur.ctx ?? emptyCtx;
    if (v.call && !v.keyPath.length && derives(v.call)) { cur = v.call; continue; }
    if (v.name || v.call) return { v, expr: withTrailingWrappers(model, cur, v) };
    const parent = enclosingDerivation(model, cur);
    if (parent) { cur = parent; continue; }
    // Inside a template (`${Date.now()}`, Kotlin `"${Random.nextInt()}"`): the value goes where the string goes.
    const holder = model.literals.find(l => l.interpolated && l.span.start < cur.span.start && cur.span.end < l.span.end);
    return { v: holder ? { ...holder.ctx, concatenated: true } : v, expr: cur };
  }
  return { v: cur.ctx ?? emptyCtx, expr: cur };
}

/** `Random.nextInt().toString()`, `String.valueOf(r.nextInt())`: the conversions the value went through belong to the expression a fix replaces. */
function withTrailingWrappers(model: FileModel, expr: CallSite, v: ValueContext): CallSite {
  let cur = expr;
  for (let i = 0; i < v.wrappers.length; i++) {
    const next = model.calls.find(c => c.callee === v.wrappers[i] && (
      (c.span.start === cur.span.start && c.calleeSpan.start >= cur.span.end && /^[\s.?]*$/.test(model.text.slice(cur.span.end, c.calleeSpan.start)))
      || c.args.some(a => a.span.start === cur.span.start && a.span.end === cur.span.end)));
    if (!next) break;
    cur = next;
  }
  return cur;
}

/** `…&state=${Math.random()}`, `"&state=" + new Random().nextInt()`: the parameter written just before the value. */
const paramBefore = /(?:^|[?&#\s"'`])(state|nonce|code_verifier)=(?:\$\{\s*|["'`]\s*\+\s*)$/;
/** A secure source next to the weak one (`crypto.randomUUID() + Date.now()`): the value is not predictable. */
const secureNearby = /randomUUID|getRandomValues|randomBytes|SecureRandom|generateRandom|nanoid|uuidv4|CodeVerifierUtil/;

function kindOf(ctx: RuleContext, v: ValueContext, expr: CallSite, appAuth: boolean, oauthFile: () => boolean): Kind | undefined {
  const call = v.call;
  if (appAuth && call && v.argIndex === 0 && !v.keyPath.length) {
    if (call.callee === 'setState') return 'state';
    if (call.callee === 'setNonce') return 'nonce';
    if (call.callee === 'setCodeVerifier') return 'verifier';
  }
  const fromSetter = kindOfParam(setterParam(v));
  if (fromSetter) return fromSetter;
  const fromName = v.name ? kindOfName(v.name, oauthFile) : undefined;
  if (fromName) return fromName;
  const before = ctx.model.text.slice(Math.max(0, expr.span.start - 80), expr.span.start);
  return kindOfParam(paramBefore.exec(before)?.[1]);
}

function secureReplacement(model: FileModel, kind: Kind): { text: string; title: string } {
  const big = needs32.has(kind);
  if (model.language === 'kotlin') {
    return big
      ? { text: '"%064x".format(java.math.BigInteger(256, java.security.SecureRandom()))', title: 'Use 32 bytes from SecureRandom (64 hex characters)' }
      : { text: '"%032x".format(java.math.BigInteger(128, java.security.SecureRandom()))', title: 'Use 16 bytes from SecureRandom (32 hex characters)' };
  }
  if (model.language === 'java') {
    return big
      ? { text: 'String.format("%064x", new java.math.BigInteger(256, new java.security.SecureRandom()))', title: 'Use 32 bytes from SecureRandom (64 hex characters)' }
      : { text: 'String.format("%032x", new java.math.BigInteger(128, new java.security.SecureRandom()))', title: 'Use 16 bytes from SecureRandom (32 hex characters)' };
  }
  if (!big) return { text: 'crypto.randomUUID()', title: 'Use crypto.randomUUID()' };
  return clientKind(model) === 'server'
    ? { text: "Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')", title: 'Use 32 random bytes from crypto.getRandomValues, base64url (43 characters)' }
    : { text: "btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')", title: 'Use 32 random bytes from crypto.getRandomValues, base64url (43 characters)' };
}

export const weakRandomOauthParam: Rule = {
  meta: {
    id: 'weak-random-oauth-param',
    category: 'token',
    defaultLevel: 'warning',
    description: 'An OAuth state, nonce or PKCE verifier, or a token, key or secret, made with Math.random, java.util.Random, kotlin.random.Random or a timestamp (or a UUID used as a PKCE verifier).',
    advice: 'These generators are predictable. Use a cryptographically secure one (crypto.getRandomValues / crypto.randomUUID, SecureRandom) with enough bytes: 32 for a PKCE verifier.',
    fixable: true,
  },
  keywords: [],
  allOf: [
    ['math.random', 'random(', 'random.next', 'random.default', 'date.now', 'performance.now', 'currenttimemillis', 'nanotime', 'gettime', 'elapsedrealtime', 'uptimemillis', 'toepochmilli', 'randomuuid', 'threadlocalrandom', "from 'uuid'", 'from "uuid"'],
    ['state', 'nonce', 'verifier', 'csrf', 'token', 'secret', 'key', 'salt', 'session', 'password'],
  ],
  check(ctx) {
    const model = ctx.model;
    const appAuth = usesAppAuthAndroid(model);
    const oauthFile = () => isOAuthFile(model);
    const weakGenerators = new Set<string>();
    for (const c of model.calls) {
      if (c.isConstructor && c.callee === 'Random' && c.ctx?.name && c.ctx.nameKind !== 'key') weakGenerators.add(c.ctx.name);
    }
    for (const call of model.calls) {
      const src = weakSource(call, model, weakGenerators);
      if (!src) continue;
      const { v, expr } = flowOf(model, call);
      const kind = kindOf(ctx, v, expr, appAuth, oauthFile);
      if (!kind) continue;
      if (src.uuid && (kind !== 'verifier' || v.concatenated)) continue;
      if (v.concatenated) {
        const lineStart = model.text.lastIndexOf('\n', expr.span.start - 1) + 1;
        const lineEnd = model.text.indexOf('\n', expr.span.end);
        if (secureNearby.test(model.text.slice(lineStart, lineEnd < 0 ? model.text.length : lineEnd))) continue;
      }
      const rep = secureReplacement(model, kind);
      const fix: Fix = { title: rep.title, safe: false, edits: [{ span: expr.span, newText: rep.text }] };
      ctx.report({
        span: call.span,
        message: src.uuid
          ? 'A UUID is used as the PKCE code verifier: 36 characters and 122 random bits, below the 43 characters RFC 7636 §4.1 requires (AppAuth rejects it). Use 32 random bytes, base64url-encoded.'
          : `${capitalize(what[kind])} is made with ${src.what}, which is predictable: ${why[kind]}. Use a cryptographically secure generator.`,
        severity: ctx.inTest ? 'info' : undefined,
        fixes: [fix],
      });
    }
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
