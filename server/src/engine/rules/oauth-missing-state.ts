// An authorization request without a per-request `state` (or, for OpenID Connect, `nonce`): the app cannot tell
// its own authorization response from one an attacker started (CSRF, login fixation; RFC 6749 §10.12). PKCE
// carries the same protection for the code (RFC 9700 §2.1), so the finding is information where PKCE is on and a
// warning where it is missing too.
import type { Rule, RuleContext, Use } from './rule';
import type { CallSite, ValueContext } from '../model/model';
import type { Severity, Span } from '../types';
import {
  codeText, decodeParam, guardedBy, hasPkceChallengeEvidence, hasStateEvidence, holderText, inlineParams, isConstantValue,
  libraryRequestCalls, onAuthorizationBuilder, parseResponseType, removeCallEdit, setterParam, usesAppAuthAndroid,
} from '../oauth';
import { perModel, scalarsOf } from './memo';

/** A library option (`if (!useNonce) builder.setNonce(null)`): the choice is reported where the option is set. */
const stateGuard = /state|nonce/i;
/** Calls whose object argument is an OAuth authorization request (AppAuth-JS, expo-auth-session, react-native-app-auth, query builders). */
const requestObjectCalls = /^(AuthorizationRequest|ExpoAuthorizationRequest|AuthRequest|useAuthRequest|authorize|URLSearchParams|stringify)$/;
/** Sibling keys that make an object an authorization request. */
const requestKeys = /\b(client_?id|clientId|redirect_?uri|redirectUri|redirectUrl|response_?type|responseType)\b/;
/** Nested option objects that are passed into the authorization request as parameters. */
const parameterObjects = /^(additionalParameters|extraParams|extras)$/;

type Param = 'state' | 'nonce';

export const oauthMissingState: Rule = {
  meta: {
    id: 'oauth-missing-state',
    category: 'oauth',
    defaultLevel: 'warning',
    description: 'An authorization request without a per-request state or nonce: setState(null), setNonce(null), useNonce: false, a constant state, or a hand-built authorize URL without state.',
    advice: 'A fresh random state binds the authorization response to the request that started it (CSRF protection, RFC 6749 §10.12); a nonce does the same for ID tokens. Keep the library defaults.',
    fixable: true,
  },
  keywords: ['authorizationrequest', 'setnonce', 'usenonce', 'response_type', 'authrequest', 'setstate(null', 'additionalparameters', 'extraparams'],
  check(ctx) {
    const model = ctx.model;
    const appAuth = usesAppAuthAndroid(model);
    // Where PKCE is on, state adds little (information); where it is off too, the request has no CSRF protection.
    const appAuthPkceOff = appAuth && scalarsOf(model, 'null').some(s => s.text === 'null' && s.ctx.call?.callee === 'setCodeVerifier' && s.ctx.argIndex === 0);
    const levelFor = (pkceOff: boolean): Severity => ctx.inTest || !pkceOff ? 'info' : 'warning';
    const pkceNote = (pkceOff: boolean) => pkceOff
      ? 'and PKCE is off too, so nothing ties the response to this request'
      : 'PKCE still protects the code, so this is hardening';

    // AppAuth-Android setState(null) / setNonce(null); react-native-app-auth useNonce: false.
    for (const s of scalarsOf(model, 'null', 'false')) {
      const v = s.ctx;
      const call = v.call;
      if (s.text === 'null' && appAuth && call && (call.callee === 'setState' || call.callee === 'setNonce') && v.argIndex === 0
        && !v.keyPath.length && call.args.length === 1 && onAuthorizationBuilder(model, call) && !guardedBy(model, call.span, stateGuard)) {
        const param: Param = call.callee === 'setState' ? 'state' : 'nonce';
        const edit = removeCallEdit(model, call);
        ctx.report({
          span: s.span,
          message: param === 'state'
            ? `setState(null) sends the authorization request without state: the app cannot tell its own response from a forged one (${pkceNote(appAuthPkceOff)}). Remove the call; AppAuth generates a random state.`
            : `setNonce(null) sends the OpenID Connect request without nonce: a replayed or injected ID token is not detected (${pkceNote(appAuthPkceOff)}). Remove the call; AppAuth generates and checks a nonce.`,
          severity: levelFor(appAuthPkceOff),
          fixes: edit ? [{ title: `Remove ${call.callee}(null) (AppAuth then generates a random ${param})`, safe: true, edits: [edit] }] : [],
        });
      } else if (s.text === 'false' && v.name === 'useNonce' && (v.nameKind === 'key' || v.nameKind === 'namedArg')) {
        const pkceOff = /usePKCE\s*:\s*false/.test(holderText(model, v));
        ctx.report({
          span: s.span,
          message: `useNonce: false sends the OpenID Connect request without nonce: a replayed or injected ID token is not detected (${pkceNote(pkceOff)}). Remove the option or set it to true.`,
          severity: levelFor(pkceOff),
          fixes: [{ title: 'Send a nonce (useNonce: true)', safe: true, edits: [{ span: s.span, newText: 'true' }] }],
        });
      }
    }

    for (const lit of model.literals) {
      // A constant state or nonce: `setState("xyz")`, `state: 'xyz'` in an authorization request, `append('state', 'xyz')`.
      if (!lit.interpolated && isConstantValue(lit.value)) {
        let hit: { u: Use; param: Param | undefined } | undefined;
        for (const u of ctx.usesOf(lit)) {
          const param = constantParam(ctx, u.ctx, appAuth);
          if (param) { hit = { u, param }; break; }
        }
        if (hit) {
          const param = hit.param!;
          const pkceOff = requestPkceOff(ctx, hit.u.ctx, appAuthPkceOff);
          const call = hit.u.ctx.call;
          const edit = call && (call.callee === 'setState' || call.callee === 'setNonce') && hit.u.ctx.argIndex === 0 ? removeCallEdit(model, call) : undefined;
          ctx.report({
            literal: lit,
            message: `Constant ${param}: the same value on every request is known to an attacker, who can then forge the authorization response (${pkceNote(pkceOff)}). Generate a fresh random ${param} per request.`,
            severity: levelFor(pkceOff),
            fixes: edit ? [{ title: `Remove the constant ${param} (AppAuth then generates a random one)`, safe: false, edits: [edit] }] : [],
          });
          continue;
        }
      }
      // A hand-built authorization URL: `…?response_type=code&client_id=…` with no state, or with a constant one.
      if (!lit.value.includes('response_type=')) continue;
      const params = inlineParams(model, lit);
      const rt = params.find(p => p.name === 'response_type');
      if (!rt) continue;
      const kind = parseResponseType(decodeParam(rt.value));
      const pkceOff = !!kind?.token || (!params.some(p => p.name === 'code_challenge') && !hasPkceChallengeEvidence(model));
      for (const p of params) {
        if ((p.name === 'state' || p.name === 'nonce') && isConstantValue(p.value)) {
          ctx.report({ span: p.span, message: `Constant ${p.name} in the authorization URL: the same value on every request is known to an attacker, who can then forge the authorization response (${pkceNote(pkceOff)}). Generate a fresh random ${p.name} per request.`, severity: levelFor(pkceOff) });
        }
      }
      if (params.some(p => p.name === 'state')) continue;
      if (hasStateEvidence(model)) continue;
      ctx.report({
        span: lit.contentSpan,
        message: `Authorization URL without state: the app cannot tell its own authorization response from a forged one (${pkceNote(pkceOff)}). Add a fresh random state and check it on the redirect.`,
        severity: levelFor(pkceOff),
      });
    }

    // Query builders with the authorization parameters: `new URLSearchParams({ response_type: 'code', … })`,
    // `uri.appendQueryParameter("response_type", "code")` with no state anywhere in the file.
    const seen = new Set<number>();
    for (const lit of model.literals) {
      const v = lit.ctx;
      const kind = lit.interpolated ? undefined : parseResponseType(lit.value);
      if (!kind) continue;
      const setter = setterParam(v) === 'response_type' ? v.call : undefined;
      const keyed = v.nameKind === 'key' && v.name === 'response_type';
      if (!setter && !keyed) continue;
      if (v.call && libraryRequestCalls.test(v.call.callee)) continue;
      const at: Span = setter ? setter.calleeSpan : v.call ? v.call.calleeSpan : lit.contentSpan;
      // Asked only once a request is found (it is the same answer for the whole file, and costs a pass over it).
      if (hasStateEvidence(model)) return;
      if (seen.has(at.start)) continue;
      seen.add(at.start);
      const pkceOff = kind.token || !hasPkceChallengeEvidence(model);
      ctx.report({
        span: at,
        message: `Authorization request built without state: the app cannot tell its own authorization response from a forged one (${pkceNote(pkceOff)}). Add a fresh random state and check it on the redirect.`,
        severity: levelFor(pkceOff),
      });
    }
  },
};

/** Which parameter a constant literal is used as, in an authorization request. */
function constantParam(ctx: RuleContext, v: ValueContext, appAuth: boolean): Param | undefined {
  const call = v.call;
  if (appAuth && call && (call.callee === 'setState' || call.callee === 'setNonce') && v.argIndex === 0 && !v.keyPath.length
    && call.args.length === 1 && onAuthorizationBuilder(ctx.model, call)) {
    return call.callee === 'setState' ? 'state' : 'nonce';
  }
  const setter = setterParam(v);
  if (setter === 'state' || setter === 'nonce') return isAuthorizeFile(ctx) ? setter : undefined;
  if (v.nameKind !== 'key' || (v.name !== 'state' && v.name !== 'nonce')) return undefined;
  const inRequest = (call && requestObjectCalls.test(call.callee))
    || v.keyPath.slice(1).some(k => parameterObjects.test(k))
    || requestKeys.test(holderText(ctx.model, v));
  return inRequest ? v.name as Param : undefined;
}

const authorizeFile = perModel(model => /response_type|authorize/i.test(codeText(model)));

function isAuthorizeFile(ctx: RuleContext): boolean {
  return authorizeFile(ctx.model);
}

/** Whether PKCE is off for the request a constant state belongs to. */
function requestPkceOff(ctx: RuleContext, v: ValueContext, appAuthPkceOff: boolean): boolean {
  const call: CallSite | undefined = v.call;
  if (call?.callee === 'setState' || call?.callee === 'setNonce') return appAuthPkceOff;
  if (call && call.isConstructor && call.callee === 'AuthorizationRequest') return call.args[2]?.text === 'false';
  const holder = holderText(ctx.model, v) + (call ? ctx.model.text.slice(call.span.start, call.span.end) : '');
  if (/usePKCE\s*:\s*false/.test(holder)) return true;
  if (call && libraryRequestCalls.test(call.callee)) return false;
  return !hasPkceChallengeEvidence(ctx.model);
}
