// Tokens issued for longer than the configured maximum (default one hour), or with no expiry at all: a stolen
// token stays useful for as long as it lives, and nothing but its expiry ends a bearer token.
import type { Rule, RuleContext } from './rule';
import type { CallSite, FileModel } from '../model/model';
import type { Span } from '../types';
import { Evaluator, lifetimeSeconds, parseExpression, rewriteLifetime, spanString, type Lookup, type Reading } from './lifetime';
import { bindingOf, moduleLocals, namedImport, objectEntries, type ObjectEntry } from './token-common';
import { callsWhere, nameTest } from './memo';

/** Where a lifetime is set, per library: the call, how to recognise the library, and how its argument is read. */
interface ExpirySetter {
  callee: string;
  /** The file must mention this package (import or fully qualified use), or the receiver chain must match. */
  pkg?: RegExp;
  receiver?: RegExp;
  reading: Reading;
  what: string;
}

const setters: readonly ExpirySetter[] = [
  { callee: 'setExpirationTime', pkg: /\bjose\b/, receiver: /SignJWT|EncryptJWT/, reading: 'jose', what: 'jose setExpirationTime' },
  { callee: 'setExpiration', pkg: /io\.jsonwebtoken/, receiver: /^Jwts\b|claims/i, reading: 'instant', what: 'jjwt setExpiration' },
  { callee: 'expiration', pkg: /io\.jsonwebtoken/, receiver: /^Jwts\b/, reading: 'instant', what: 'jjwt expiration' },
  { callee: 'withExpiresAt', pkg: /com\.auth0/, receiver: /^JWT\b/, reading: 'instant', what: 'java-jwt withExpiresAt' },
  { callee: 'expirationTime', pkg: /com\.nimbusds/, reading: 'instant', what: 'Nimbus JWTClaimsSet expirationTime' },
  { callee: 'expiresAt', pkg: /org\.springframework\.security\.oauth2\.jwt/, reading: 'instant', what: 'Spring JwtClaimsSet expiresAt' },
];

function humanize(seconds: number): string {
  const fmt = (n: number, unit: string) => `${Number(n.toFixed(2))} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds >= 86400) return fmt(seconds / 86400, 'day');
  if (seconds >= 3600) return fmt(seconds / 3600, 'hour');
  if (seconds >= 60) return fmt(seconds / 60, 'minute');
  return fmt(seconds, 'second');
}

const isFunctionText = (t: string) => /^(async\s+)?(function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/.test(t.trim());

class Checker {
  readonly ev: Evaluator;
  constructor(private readonly ctx: RuleContext) {
    const model = ctx.model;
    const lookup: Lookup = (name, at) => {
      const b = bindingOf(model, name, at);
      return b && { text: model.text.slice(b.valueSpan.start, b.valueSpan.end), start: b.valueSpan.start };
    };
    this.ev = new Evaluator(lookup);
  }

  get model(): FileModel { return this.ctx.model; }

  /** Reports `span` when the lifetime it sets exceeds the maximum; true when the lifetime could be read. */
  lifetime(span: Span, reading: Reading, what: string): boolean {
    const text = this.model.text.slice(span.start, span.end);
    const ast = parseExpression(text, span.start);
    const value = ast && this.ev.eval(ast);
    const seconds = value && lifetimeSeconds(value, reading);
    if (seconds === undefined || !ast || !value) return false;
    const max = this.ctx.options.maxTokenLifetimeSeconds;
    if (seconds <= max) return true;
    const target = Math.min(3600, max);
    const unit = reading === 'instant' || (reading === 'jose' && value.kind === 'time') ? 1000 : 1;
    const rewrite = rewriteLifetime(ast, target, this.ev, unit);
    this.ctx.report({
      span,
      message: `Token lifetime of ${humanize(seconds)} (${what}) exceeds the allowed ${humanize(max)}: a stolen token stays usable that long. Issue short-lived access tokens (${spanString(target)}) and renew them with a refresh token or a new sign-in.`,
      severity: this.ctx.inTest ? 'info' : undefined,
      fixes: rewrite ? [{ title: `Shorten the lifetime to ${spanString(target)}`, safe: false, edits: [rewrite] }] : [],
      data: { kind: 'token-lifetime' },
    });
    return true;
  }

  noExpiry(at: Span, what: string): void {
    this.ctx.report({
      span: at,
      message: `Token issued without an expiry (${what}): it stays valid until the signing key is rotated. Set a short lifetime (${spanString(Math.min(3600, this.ctx.options.maxTokenLifetimeSeconds))}).`,
      severity: this.ctx.inTest ? 'info' : undefined,
      data: { kind: 'token-no-expiry' },
    });
  }

  /** The entries of an object literal argument, or of the object literal a name is bound to; undefined when unknown. */
  entries(span: Span): ObjectEntry[] | undefined {
    const direct = objectEntries(this.model, span);
    if (direct) return direct;
    const text = this.model.text.slice(span.start, span.end).trim();
    if (!/^[A-Za-z_$][\w$]*$/.test(text)) return undefined;
    const b = bindingOf(this.model, text, span.start);
    return b ? objectEntries(this.model, b.valueSpan) : undefined;
  }
}

/** jsonwebtoken's `sign(payload, key, options?, callback?)`: `expiresIn`, or an `exp` claim in the payload. */
function checkJsonwebtokenSign(c: Checker, call: CallSite): void {
  const [payload, , third] = call.args;
  const options = third && !isFunctionText(third.text) ? c.entries(third.span) : third ? [] : [];
  const expiresIn = options?.find(e => e.key === 'expiresIn');
  if (expiresIn) { c.lifetime(expiresIn.value, 'expiresIn', 'jsonwebtoken expiresIn'); return; }
  const claims = payload ? c.entries(payload.span) : undefined;
  const exp = claims?.find(e => e.key === 'exp');
  if (exp) { c.lifetime(exp.value, 'epochSeconds', 'exp claim'); return; }
  if (!options || !claims || options.some(e => e.key === undefined) || claims.some(e => e.key === undefined)) return;
  c.noExpiry(call.calleeSpan, 'jsonwebtoken sign without expiresIn or exp');
}

/** Receiver segments that may set an expiry we cannot see (a claims map, a raw payload). */
const opaqueClaims = /^(setClaims|claims|addClaims|setPayload|payload|content|withPayload)\((?!\))/;

/** Every callee the checks below look at. */
const issuerCallees = /^(sign|signAsync|compact|setExpirationTime|setExpiration|expiration|withExpiresAt|expirationTime|expiresAt)$/;
const issuerCalls = callsWhere(nameTest(issuerCallees));

export const longLivedToken: Rule = {
  meta: {
    id: 'long-lived-token',
    category: 'token',
    defaultLevel: 'warning',
    description: 'A token issued with a lifetime above the configured maximum (default one hour), or with no expiry at all.',
    advice: 'A stolen bearer token works until it expires. Keep access tokens short-lived (an hour or less) and renew them with refresh tokens or a new sign-in.',
    fixable: true,
  },
  keywords: ['expiresin', 'setexpirationtime', 'setexpiration', 'expiration(', 'withexpiresat', '.expirationtime(', 'expiresat',
    'jsonwebtoken', 'signjwt', 'jwts.builder', 'jwt.create'],
  check(ctx) {
    const model = ctx.model;
    const c = new Checker(ctx);
    const js = model.language === 'typescript' || model.language === 'tsx' || model.language === 'javascript';
    const jwtLocals = js ? moduleLocals(model, 'jsonwebtoken') : new Set<string>();
    const signLocal = js ? namedImport(model, 'jsonwebtoken', 'sign') : undefined;
    const mentions = (pkg: RegExp) => pkg.test(model.text);
    for (const call of issuerCalls(model)) {
      const recv = call.receiver.join('.');
      if (js && call.callee === 'sign' && call.args.length >= 2
        && ((call.receiver.length === 1 && (jwtLocals.has(recv) || /^(jwt|jsonwebtoken|jsonWebToken)$/.test(recv))) || (call.receiver.length === 0 && signLocal === 'sign'))) {
        checkJsonwebtokenSign(c, call);
        continue;
      }
      // NestJS JwtService (jsonwebtoken underneath): `this.jwtService.sign(payload, { expiresIn })`.
      if (js && (call.callee === 'sign' || call.callee === 'signAsync') && /jwtService$/i.test(recv) && call.args[1]) {
        const e = c.entries(call.args[1].span)?.find(x => x.key === 'expiresIn');
        if (e) c.lifetime(e.value, 'expiresIn', 'JwtService expiresIn');
        continue;
      }
      const setter = setters.find(s => s.callee === call.callee && (s.receiver?.test(recv) || (s.pkg && mentions(s.pkg))));
      if (setter && call.args.length === 1) {
        c.lifetime(call.args[0].span, setter.reading, setter.what);
        continue;
      }
      // No expiry at all: the whole builder chain is visible from the factory to the call that issues the token.
      const segs = call.receiver;
      if (call.callee === 'compact' && segs[0] === 'Jwts' && /^builder\(/.test(segs[1] ?? '')) {
        if (!segs.some(s => /^(setExpiration|expiration)\(/.test(s) || /^claim\("exp"/.test(s) || opaqueClaims.test(s))) c.noExpiry(call.calleeSpan, 'jjwt builder without expiration');
      } else if (call.callee === 'sign' && segs[0] === 'JWT' && /^create\(/.test(segs[1] ?? '') && !js) {
        if (!segs.some(s => /^withExpiresAt\(/.test(s) || /^withClaim\("exp"/.test(s) || opaqueClaims.test(s))) c.noExpiry(call.calleeSpan, 'java-jwt without withExpiresAt');
      } else if (js && call.callee === 'sign' && /^(new)?SignJWT\(/.test(segs[0] ?? '')) {
        if (segs.some(s => /^setExpirationTime\(/.test(s))) continue;
        const ctor = model.calls.find(k => k.callee === 'SignJWT' && k.isConstructor && k.span.start >= call.span.start && k.span.end <= call.span.end);
        const claims = ctor?.args[0] ? c.entries(ctor.args[0].span) : ctor ? [] : undefined;
        if (!claims || claims.some(e => e.key === undefined)) continue;
        const exp = claims.find(e => e.key === 'exp');
        if (exp) c.lifetime(exp.value, 'epochSeconds', 'exp claim');
        else c.noExpiry(call.calleeSpan, 'jose SignJWT without setExpirationTime');
      }
    }
    // NestJS JwtModule / passport: `signOptions: { expiresIn: '7d' }` with a literal value.
    for (const v of [...model.literals, ...model.scalars]) {
      if (v.ctx.keyPath[0] !== 'expiresIn' || v.ctx.keyPath[1] !== 'signOptions') continue;
      c.lifetime(v.span, 'expiresIn', 'signOptions.expiresIn');
    }
  },
};
