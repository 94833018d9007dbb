// JWT verification switched off or left unpinned (RFC 8725): the `none` algorithm, unsecured parsing, a parser
// without a key, ignored expiry, `jwt.verify` without an algorithm list, and claims read by a decode-only call that
// then decide access. Whoever can edit a token's payload then chooses its claims.
import type { Rule, RuleContext } from './rule';
import type { CallSite, FileModel, FunctionDecl } from '../model/model';
import type { Span } from '../types';
import { bindingOf, enclosingFunction, maskedText, moduleLocals, namedImport, objectEntries, within } from './token-common';
import { callsMatching, nameTest } from './memo';

const testLevel = (ctx: RuleContext) => ctx.inTest ? 'info' as const : undefined;
const isJs = (m: FileModel) => m.language === 'typescript' || m.language === 'tsx' || m.language === 'javascript';

/** Calls that verify a token (any library): a decode in the same function only picks the key or reads verified claims. */
const verifyCallees = /^(verify|verifyAsync|jwtVerify|compactVerify|flattenedVerify|generalVerify|parseSignedClaims|parseClaimsJws|parseSignedContent|parseContentJws|verifyWith|setSigningKey|keyLocator|setSigningKeyResolver|verifyIdToken|verifyAccessToken)$/;

/** jjwt parser-building steps that supply a key. */
const jjwtKeyed = /^(verifyWith|setSigningKey|keyLocator|setSigningKeyResolver|decryptWith|setKeyLocator)\(/;

/** Claims that do not decide access (expiry, key selection, header). */
const harmlessClaims = /\b(exp|iat|nbf|expiresAt|getExpiresAt|expiration|getExpiration|issuedAt|getIssuedAt|notBefore|getNotBefore|header|kid|alg|typ|keyId|getKeyId|algorithm|getAlgorithm|type|getType|getHeader|contentType|getContentType)\b/;

/** Imports of app UI frameworks: a decode there gates the UI, not the data. */
const uiCode = /^(android\.|androidx\.|react$|react-native|react-dom|vue$|@angular\/|expo|svelte|solid-js|@ionic\/)/m;

/** Function names whose result is an access decision or an identity (`getUserFromToken`, `isAdmin`, `authorize`). */
const authFunction = /auth|verif|valid|check|user|role|permission|session|principal|identity|claims|current|guard|access|admin|login|allow|protect|^can[A-Z]|^is[A-Z]/i;

function decodeKind(call: CallSite, model: FileModel, jwtLocals: Set<string>, decodeLocal: string | undefined, joseDecode: string | undefined): string | undefined {
  const recv = call.receiver.join('.');
  if (isJs(model)) {
    if (call.callee === 'decode' && call.receiver.length === 1 && (jwtLocals.has(recv) || /^(jwt|jsonwebtoken|jsonWebToken)$/.test(recv))) return 'jsonwebtoken decode';
    if (call.receiver.length === 0 && decodeLocal && call.callee === decodeLocal) return 'jsonwebtoken decode';
    if (call.receiver.length === 0 && joseDecode && call.callee === joseDecode) return 'jose decodeJwt';
    if (call.callee === 'decodeJwt' && /^jose$/.test(recv)) return 'jose decodeJwt';
    return undefined;
  }
  if (call.callee === 'decode' && /^(JWT|com\.auth0\.jwt\.JWT)$/.test(recv)) return 'java-jwt JWT.decode';
  if (call.callee === 'decodeJwt' && /^JWT\(\)$/.test(recv)) return 'java-jwt decodeJwt';
  return undefined;
}

/**
 * Whether the decoded value decides access in `fn`: returned from an auth-like function, tested in an `if`,
 * compared (`=== 'admin'`, `.equals(…)`), or stored as the request's user.
 */
function decidesAccess(model: FileModel, call: CallSite, fn: FunctionDecl): boolean {
  const body = fn.bodySpan ?? fn.span;
  const masked = maskedText(model, body);
  const rel = (s: Span) => ({ start: s.start - body.start, end: s.end - body.start });
  const callRel = rel(call.span);
  const before = masked.slice(0, callRel.start);
  // The decoded value itself, or a claim read from it, names: the binding holding it or destructured parts.
  const names: string[] = [];
  const binding = (model.bindings ?? []).filter(b => within(call.span, b.valueSpan) && within(b.valueSpan, body))
    .sort((a, b) => (a.valueSpan.end - a.valueSpan.start) - (b.valueSpan.end - b.valueSpan.start))[0];
  if (binding) {
    const bound = masked.slice(rel(binding.valueSpan).start, rel(binding.valueSpan).end);
    if (harmlessClaims.test(bound.slice(callRel.end - rel(binding.valueSpan).start))) return false;
    names.push(binding.name);
  }
  const destructured = /(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:await\s+)?$/.exec(before);
  if (destructured) {
    for (const part of destructured[1].split(',')) {
      const m = /^\s*([A-Za-z_$][\w$]*)\s*(?::\s*([A-Za-z_$][\w$]*))?/.exec(part);
      const local = m?.[2] ?? m?.[1];
      if (local && !harmlessClaims.test(m![1])) names.push(local);
    }
    if (!names.length) return false;
  }
  const after = masked.slice(callRel.end);
  // Used directly: `return jwt.decode(t)`, `if (JWT.decode(t).getClaim("admin").asBoolean())`, `=== 'admin'`.
  const chain = /^((?:\s*\??\.\s*[A-Za-z_$][\w$]*|\s*\[[^\]\n]{0,60}\]|\s*\([^()\n]{0,80}\)|!!|!)*)/.exec(after)?.[1] ?? '';
  if (!binding && !destructured) {
    if (harmlessClaims.test(chain)) return false;
    const rest = after.slice(chain.length);
    if (/^\s*(===?|!==?|\.equals\(|\.includes\(|\.contains\(|in\s)/.test(rest)) return true;
    if ((model.conditionals ?? []).some(c => within(call.span, c.span) && c.condition.includes(model.text.slice(call.calleeSpan.start, call.calleeSpan.end)) && conditionHolds(c.span, call.span, model))) return true;
    // `return decode(t)…`, Kotlin `fun f(t) = JWT.decode(t)…`, an arrow's expression body `(t) => decode(t)…`.
    const bodyText = model.text.slice(body.start, body.end).trimStart();
    const expressionBody = bodyText.startsWith('=') && !bodyText.startsWith('=>') || (fn.isLambda && !bodyText.startsWith('{'));
    const returned = /\breturn\s*$/.test(before) || (expressionBody && /^\s*=?\s*$/.test(before));
    const name = fnName(fn);
    return returned && !!name && authFunction.test(name);
  }
  for (const name of names) {
    const id = name.replace(/\$/g, '\\$');
    const use = new RegExp(`(?<![\\w$.])${id}((?:\\s*\\??\\.\\s*[A-Za-z_$][\\w$]*|\\s*\\[[^\\]\\n]{0,60}\\]|\\s*\\([^()\\n]{0,80}\\)|!!)*)`, 'g');
    for (let m = use.exec(after); m; m = use.exec(after)) {
      const member = m[1] ?? '';
      if (harmlessClaims.test(member)) continue;
      const at = m.index;
      const rest = after.slice(at + m[0].length);
      const lead = after.slice(Math.max(0, at - 120), at);
      if (/^\s*(===?|!==?|\.equals\(|\.includes\(|\.contains\(|\)\s*\.includes\()/.test(rest) && !/^\s*[!=]==?\s*(null|undefined)\b/.test(rest)) return true;
      if (/(===?|!==?)\s*$/.test(lead) && !/\b(typeof)\s*$/.test(lead)) return true;
      if (/\b(if|while)\s*\(\s*!?\s*$/.test(lead) || /\bif\s+!?\s*$/.test(lead)) return true;
      if (/\b(req|request|ctx|context|res\.locals|socket)\s*\.\s*(user|auth|principal|session|claims|identity)\s*=\s*$/.test(lead)) return true;
      if (/\breturn\s+$/.test(lead) && authFunction.test(fnName(fn) ?? '')) return true;
    }
  }
  return false;
}

/** A function's name, or the name an arrow function / lambda is bound to (`const authenticate = (req) => …`). */
function fnName(fn: FunctionDecl): string | undefined {
  return fn.name ?? (fn.ctx && !fn.ctx.call ? fn.ctx.name : undefined);
}

/** The `if` holding the call in its condition (not in a branch). */
function conditionHolds(ifSpan: Span, callSpan: Span, model: FileModel): boolean {
  const head = model.text.slice(ifSpan.start, callSpan.start);
  return !/[{;]/.test(head.replace(/^\s*if\s*\(/, ''));
}

/** Every callee the checks below look at (imported aliases of decode/verify are added per file). */
const isJwtCallee = nameTest(/^(none|UnsecuredJWT|decode|decodeJwt|verify|unsecured|parse|parseSignedClaims|parseClaimsJws|parseSignedContent|parseUnsecuredClaims|parseUnsecuredContent|parseClaimsJwt|parsePlaintextJwt|parseContentJwt)$/);

export const jwtUnverified: Rule = {
  meta: {
    id: 'jwt-unverified',
    category: 'token',
    defaultLevel: 'error',
    description: 'JWT verification switched off or unpinned: the none algorithm, unsecured parsing, a parser without a key, ignored expiry, verify without an algorithm list, or decoded claims deciding access.',
    advice: 'An unverified token carries whatever claims its sender wrote. Verify the signature with a key and a pinned algorithm list (RFC 8725 §2.1, §3.1), check the expiry, and decide access only on verified claims.',
    fixable: false,
  },
  // `algorithms: ['none']` needs the key name, so `algorithm` (not the common word `none`) gates those files.
  keywords: ['jsonwebtoken', 'decodejwt', 'unsecuredjwt', 'ignoreexpiration', 'parseunsecured', 'parseclaimsjwt', 'jwts.parser', 'jwt.decode', 'jwt.verify', 'algorithm.none', 'unsecured()', 'jwt-decode', 'jwtdecode', "from 'jose'", 'from "jose"', 'express-jwt', 'expressjwt', 'algorithms'],
  check(ctx) {
    const model = ctx.model;
    const level = testLevel(ctx);
    const js = isJs(model);
    const jwtLocals = js ? moduleLocals(model, 'jsonwebtoken') : new Set<string>();
    const decodeLocal = js ? namedImport(model, 'jsonwebtoken', 'decode') : undefined;
    const verifyLocal = js ? namedImport(model, 'jsonwebtoken', 'verify') : undefined;
    const joseDecode = js ? namedImport(model, 'jose', 'decodeJwt') : undefined;

    // `algorithms: ['none']`, `algorithm: 'none'`
    for (const lit of model.literals) {
      if (lit.value.length !== 4 || lit.value.toLowerCase() !== 'none' || !/^algorithms?$/.test(lit.ctx.keyPath[0] ?? '')) continue;
      ctx.report({
        span: lit.contentSpan,
        message: lit.ctx.keyPath[0] === 'algorithms'
          ? 'The `none` algorithm is accepted: a token without any signature passes verification (RFC 8725 §3.1). List only the algorithms you issue, e.g. [\'RS256\'].'
          : 'Tokens are issued with the `none` algorithm, i.e. unsigned: anyone can forge them (RFC 8725 §3.1). Sign them with a key.',
        severity: level,
        data: { kind: 'jwt-none' },
      });
    }
    // `ignoreExpiration: true`
    for (const s of model.scalars) {
      if (s.text !== 'true' || s.ctx.keyPath[0] !== 'ignoreExpiration') continue;
      ctx.report({
        span: s.span,
        message: '`ignoreExpiration: true` accepts expired tokens: a leaked token then never stops working. Remove the option.',
        severity: level,
        data: { kind: 'jwt-ignore-expiration' },
      });
    }
    const candidate = (callee: string) => isJwtCallee(callee) || (!!decodeLocal && callee === decodeLocal) || (!!verifyLocal && callee === verifyLocal)
      || (!!joseDecode && callee === joseDecode);
    for (const call of callsMatching(model, candidate)) {
      const recv = call.receiver.join('.');
      const segs = call.receiver;
      if (call.callee === 'none' && /(^|\.)Algorithm$/.test(recv) && !js) {
        ctx.report({ span: call.span, message: '`Algorithm.none()` signs and accepts tokens without a signature: anyone can forge them (RFC 8725 §3.1). Use an HMAC, RSA or EC algorithm with a key.', severity: level, data: { kind: 'jwt-none' } });
        continue;
      }
      if (js && (call.callee === 'UnsecuredJWT' || (/(^|\.)UnsecuredJWT$/.test(recv) && call.callee === 'decode'))) {
        ctx.report({ span: call.calleeSpan, message: 'jose `UnsecuredJWT` handles tokens with `alg: none`, which carry no signature: their claims prove nothing. Use `SignJWT` / `jwtVerify` with a key.', severity: level, data: { kind: 'jwt-none' } });
        continue;
      }
      if (!js && /^(parseUnsecuredClaims|parseUnsecuredContent|parseClaimsJwt|parsePlaintextJwt|parseContentJwt)$/.test(call.callee)) {
        ctx.report({ span: call.calleeSpan, message: `jjwt \`${call.callee}\` accepts tokens without a signature: their claims prove nothing. Use \`parseSignedClaims\` with \`verifyWith(key)\`.`, severity: level, data: { kind: 'jwt-unsecured' } });
        continue;
      }
      if (!js && call.callee === 'unsecured' && segs.some(s => /^(parser|parserBuilder)\(/.test(s))) {
        ctx.report({ span: call.calleeSpan, message: 'jjwt `unsecured()` lets the parser accept tokens with `alg: none`: anyone can forge them. Remove it and verify with a key.', severity: level, data: { kind: 'jwt-unsecured' } });
        continue;
      }
      // jjwt parser without a key: `Jwts.parser().build().parse(t)` / 0.11 `Jwts.parser().parse(t)`.
      if (!js && /^(parse|parseSignedClaims|parseClaimsJws|parseSignedContent)$/.test(call.callee) && segs[0] === 'Jwts' && /^(parser|parserBuilder)\(\)$/.test(segs[1] ?? '')
        && !segs.some(s => jjwtKeyed.test(s) || /^unsecured\(/.test(s))) {
        ctx.report({ span: call.calleeSpan, message: 'This jjwt parser has no key: the signature is never checked against yours. Add `verifyWith(key)` (or a key locator) before `build()`.', severity: level, data: { kind: 'jwt-no-key' } });
        continue;
      }
      // jsonwebtoken `verify(token, key)` without `algorithms`: information (RFC 8725 §2.1 — pin the algorithm).
      if (js && call.args.length >= 2
        && ((call.callee === 'verify' && call.receiver.length === 1 && (jwtLocals.has(recv) || /^(jwt|jsonwebtoken|jsonWebToken)$/.test(recv)))
          || (call.receiver.length === 0 && !!verifyLocal && call.callee === verifyLocal))) {
        const opts = call.args[2];
        let entries = opts ? objectEntries(model, opts.span) : [];
        if (opts && !entries && /^[A-Za-z_$][\w$]*$/.test(opts.text.trim())) {
          const b = bindingOf(model, opts.text.trim(), opts.span.start);
          // a named options object, or a callback in the options' place (`jwt.verify(t, key, cb)`)
          entries = b ? objectEntries(model, b.valueSpan) : /^(cb|callback|done|next)$/.test(opts.text.trim()) ? [] : undefined;
        } else if (opts && !entries && /^(async\s+)?(function\b|\(|[A-Za-z_$][\w$]*\s*=>)/.test(opts.text.trim())) entries = [];
        if (!entries || entries.some(e => e.key === undefined || e.key === 'algorithms')) continue;
        ctx.report({
          span: call.calleeSpan,
          message: '`jwt.verify` without an `algorithms` list accepts whichever algorithm the token names (RFC 8725 §2.1). Pin the ones you issue: `{ algorithms: [\'RS256\'] }`.',
          severity: 'info',
          data: { kind: 'jwt-unpinned' },
        });
        continue;
      }
      const kind = decodeKind(call, model, jwtLocals, decodeLocal, joseDecode);
      if (!kind) continue;
      const fn = enclosingFunction(model, call.span);
      if (!fn) continue;
      const scope = enclosingFunction(model, call.span, false) ?? fn;
      const verifies = model.calls.some(c => c !== call && within(c.span, scope.span) && verifyCallees.test(c.callee));
      if (verifies || !decidesAccess(model, call, fn)) continue;
      // In app UI code a decoded claim usually only shows or hides a screen; the server must still verify.
      const ui = uiCode.test(model.imports.map(i => i.from).join('\n'));
      ctx.report({
        span: call.calleeSpan,
        message: ui ? `${kind} reads the token without checking its signature, and the result decides what this app shows: fine for display only — make sure the server verifies every request, and never let this check guard data or actions.` : `${kind} reads the token without checking its signature, and the result decides access here: anyone can write a token with the claims they want. Verify it first (jwt.verify / jwtVerify / JWT.require(…).build().verify) and use the verified claims.`,
        severity: ui ? 'info' : level,
        data: { kind: 'jwt-decode-only' },
      });
    }
  },
};
