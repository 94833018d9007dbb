// PKCE switched off or weakened. Without it an authorization code stolen on its way back to the app (another app
// claiming the redirect scheme, a leaked log) can be redeemed by whoever holds it (RFC 7636 §1, RFC 8252 §8.1).
import type { Rule, RuleContext } from './rule';
import type { CallSite, ValueContext } from '../model/model';
import type { Fix, Severity, Span } from '../types';
import {
  codeText, decodeParam, guardedBy, hasClientSecretEvidence, hasPkceChallengeEvidence, hasPkceVerifierEvidence, hasStateEvidence,
  holderText, inlineParams, isConstantValue, isParamSetter, libraryRequestCalls, onAuthorizationBuilder, paramSetterCalls, parseResponseType,
  pkceChallengeEvidence, pkceVerifierEvidence, removeCallEdit, setterParam, stateEvidence, usesAppAuthAndroid,
} from '../oauth';
import { refsNamed, scalarsOf } from './memo';

const challengeMethodName = /^(code_?challenge_?method|codeChallengeMethod)$/i;
/** Token-request builders whose options may carry a camel-case `codeVerifier`. */
const tokenRequestCalls = /TokenRequest|exchangeCode|AccessTokenRequest/;
/** A library option (`if (!usePKCE) builder.setCodeVerifier(null)`): the choice is reported where the option is set. */
const pkceGuard = /pkce|verifier/i;

function isAppAuthJsRequest(call: CallSite | undefined): call is CallSite {
  return !!call && call.isConstructor && call.callee === 'AuthorizationRequest';
}

/** The plain method where the library derives the challenge itself, so S256 changes nothing else. */
function libraryDerivesChallenge(v: ValueContext): boolean {
  return !!v.call && /^(AuthRequest|useAuthRequest|ExpoAuthorizationRequest)$/.test(v.call.callee) && v.keyPath.length === 1;
}

export const oauthPkceDisabled: Rule = {
  meta: {
    id: 'oauth-pkce-disabled',
    category: 'oauth',
    defaultLevel: 'error',
    description: 'PKCE switched off or weakened: a null or constant code verifier, the plain challenge method, usePKCE: false, or a hand-built code flow without code_challenge / code_verifier.',
    advice: 'Without PKCE an intercepted authorization code can be redeemed by the attacker. Keep the library default (S256 with a fresh random verifier per request).',
    fixable: true,
  },
  keywords: ['codeverifier', 'code_challenge', 'codechallenge', 'usepkce', 'authorizationrequest', 'response_type', 'authorization_code', 'code_verifier'],
  check(ctx) {
    const model = ctx.model;
    const level: Severity | undefined = ctx.inTest ? 'info' : undefined;
    const appAuth = usesAppAuthAndroid(model);
    // Whole-file evidence, asked for only when a finding needs it (answered once per model, oauth.ts).
    const handBuiltLevel = (): Severity | undefined => ctx.inTest ? 'info' : hasClientSecretEvidence(model) ? 'warning' : undefined;
    const confidentialNote = () => hasClientSecretEvidence(model) ? ' (RFC 9700 §2.1.1 recommends PKCE for confidential clients too)' : '';

    // AppAuth-Android `setCodeVerifier(null)`; AppAuth-JS `new AuthorizationRequest(req, crypto, false)`;
    // react-native-app-auth / expo-auth-session `usePKCE: false`.
    for (const s of scalarsOf(model, 'null', 'false')) {
      const v = s.ctx;
      const call = v.call;
      if (s.text === 'null' && appAuth && call?.callee === 'setCodeVerifier' && v.argIndex === 0 && !v.keyPath.length
        && onAuthorizationBuilder(model, call) && !guardedBy(model, call.span, pkceGuard)) {
        const edit = removeCallEdit(model, call);
        ctx.report({
          span: s.span,
          message: 'setCodeVerifier(null) switches PKCE off: an intercepted authorization code can then be redeemed by anyone. Remove the call; AppAuth generates an S256 verifier per request.',
          severity: level,
          fixes: edit ? [{ title: 'Remove setCodeVerifier(null) (AppAuth then uses PKCE with S256)', safe: true, edits: [edit] }] : [],
        });
      } else if (s.text === 'false' && isAppAuthJsRequest(call) && v.argIndex === 2 && !v.keyPath.length) {
        if (/RESPONSE_TYPE_TOKEN|response_type\s*:\s*['"`]token/.test(model.text.slice(call.span.start, call.span.end))) continue; // implicit: its own rule
        ctx.report({
          span: s.span,
          message: 'The third argument of AuthorizationRequest (usePkce) is false: the request carries no code_challenge, so an intercepted code can be redeemed by anyone. Pass true or leave it out.',
          severity: level,
          fixes: [{ title: 'Use PKCE (usePkce: true)', safe: true, edits: [{ span: s.span, newText: 'true' }] }],
        });
      } else if (s.text === 'false' && v.name === 'usePKCE' && (v.nameKind === 'key' || v.nameKind === 'namedArg')) {
        if (/ResponseType\.(Token|IdToken)|responseType\s*:\s*['"`](token|id_token)/.test(holderText(model, v))) continue; // no code, no PKCE
        ctx.report({
          span: s.span,
          message: 'usePKCE: false sends the authorization request without a code_challenge: an intercepted code can be redeemed by anyone. Remove the option or set it to true.',
          severity: level,
          fixes: [{ title: 'Use PKCE (usePKCE: true)', safe: true, edits: [{ span: s.span, newText: 'true' }] }],
        });
      }
    }

    // The plain challenge method: AppAuth `CODE_CHALLENGE_METHOD_PLAIN`, expo `CodeChallengeMethod.Plain`.
    for (const ref of refsNamed(model, 'CODE_CHALLENGE_METHOD_PLAIN', 'Plain')) {
      const expo = ref.name === 'Plain' && /(^|\.)CodeChallengeMethod$/.test(ref.qualifier ?? '');
      if (ref.name !== 'CODE_CHALLENGE_METHOD_PLAIN' && !expo) continue;
      const nameStart = ref.span.end - ref.name.length;
      const fix = plainFix(ctx, ref.ctx, { start: nameStart, end: ref.span.end }, expo ? 'S256' : 'CODE_CHALLENGE_METHOD_S256', expo);
      ctx.report({ span: ref.span, message: plainMessage, severity: level, fixes: fix ? [fix] : [] });
    }

    for (const lit of model.literals) {
      const uses = ctx.usesOf(lit);
      if (!lit.interpolated && lit.value === 'plain') {
        const use = uses.find(u => isChallengeMethodContext(u.ctx));
        if (use) {
          const fix = plainFix(ctx, use.ctx, lit.contentSpan, 'S256', libraryDerivesChallenge(use.ctx));
          ctx.report({ literal: lit, message: plainMessage, severity: level, fixes: fix ? [fix] : [] });
          continue;
        }
      }
      // A constant verifier: `setCodeVerifier("…")`, `code_verifier: '…'`.
      if (!lit.interpolated && isConstantValue(lit.value)) {
        const use = uses.find(u => isVerifierContext(ctx, u.ctx));
        if (use) {
          const call = use.ctx.call;
          const edit = call && call.callee === 'setCodeVerifier' && call.args.length === 1 ? removeCallEdit(model, call) : undefined;
          ctx.report({
            literal: lit,
            message: 'Constant PKCE code verifier: a verifier written in the code is known to anyone who unpacks the app, so PKCE protects nothing. Generate a fresh random verifier per request (32 random bytes, base64url, RFC 7636 §4.1).',
            severity: level,
            fixes: edit ? [{ title: 'Remove the constant verifier (AppAuth then generates one per request)', safe: false, edits: [edit] }] : [],
          });
          continue;
        }
      }
      if (!lit.value.includes('=')) continue;
      const params = inlineParams(model, lit);
      // Inline `code_challenge_method=plain`, `code_challenge=<constant>`, `code_verifier=<constant>`.
      for (const p of params) {
        if (p.name === 'code_challenge_method' && p.value === 'plain') {
          ctx.report({ span: p.span, message: plainMessage, severity: level,
            fixes: [{ title: 'Use S256 (send code_challenge = BASE64URL(SHA-256(code_verifier)))', safe: false, edits: [{ span: p.valueSpan, newText: 'S256' }] }] });
        } else if ((p.name === 'code_challenge' || p.name === 'code_verifier') && isConstantValue(p.value)) {
          ctx.report({ span: p.span, message: `Constant PKCE ${p.name === 'code_challenge' ? 'challenge' : 'verifier'} in the request: it is the same for every sign-in and known to anyone who reads the code, so PKCE protects nothing. Derive it from a fresh random verifier per request.`, severity: level });
        }
      }
      // A hand-built code-flow authorization URL without code_challenge.
      const rt = params.find(p => p.name === 'response_type');
      const kind = rt && parseResponseType(decodeParam(rt.value));
      if (kind?.code && !kind.token && !params.some(p => p.name === 'code_challenge') && !hasPkceChallengeEvidence(model)) {
        const noState = !params.some(p => p.name === 'state') && !hasStateEvidence(model);
        ctx.report({
          span: lit.contentSpan,
          message: `Authorization request without code_challenge${noState ? ' (and without state)' : ''}: the code flow runs without PKCE, so an intercepted code can be redeemed by anyone${confidentialNote()}. Add code_challenge and code_challenge_method=S256.`,
          severity: handBuiltLevel(),
        });
        continue;
      }
      // A hand-built token request `grant_type=authorization_code` without code_verifier.
      if (params.some(p => p.name === 'grant_type' && p.value === 'authorization_code') && !params.some(p => p.name === 'code_verifier') && !hasPkceVerifierEvidence(model)) {
        ctx.report({ span: lit.contentSpan, message: tokenRequestMessage(confidentialNote()), severity: handBuiltLevel() });
      }
    }

    // Request parameters as object keys or setter calls: `new URLSearchParams({ response_type: 'code', … })`,
    // `uri.appendQueryParameter("response_type", "code")`, `{ grant_type: 'authorization_code', code }`.
    const reported = new Set<string>();
    const once = (span: Span) => { const k = `${span.start}:${span.end}`; if (reported.has(k)) return false; reported.add(k); return true; };
    for (const lit of model.literals) {
      if (lit.interpolated || (lit.value !== 'code' && lit.value !== 'authorization_code')) continue;
      const v = lit.ctx;
      const setter = setterParam(v);
      const keyed = v.nameKind === 'key' || v.nameKind === 'namedArg' ? v.name : undefined;
      const param = setter ?? (keyed === 'grantType' ? 'grant_type' : keyed);
      const authorize = lit.value === 'code' && param === 'response_type';
      const token = lit.value === 'authorization_code' && param === 'grant_type';
      if (!authorize && !token) continue;
      if (authorize && v.call && libraryRequestCalls.test(v.call.callee)) continue;
      const scope = setter ? codeText(model) : holderText(model, v);
      const at: Span = setter ? v.call!.calleeSpan : v.call ? v.call.calleeSpan : lit.contentSpan;
      if (authorize && !pkceChallengeEvidence.test(scope) && !hasPkceChallengeEvidence(model) && once(at)) {
        const noState = !stateEvidence.test(scope, ctx.model.language) && !hasStateEvidence(model);
        ctx.report({
          span: at,
          message: `Authorization request built without code_challenge${noState ? ' (and without state)' : ''}: the code flow runs without PKCE, so an intercepted code can be redeemed by anyone${confidentialNote()}. Add code_challenge and code_challenge_method=S256.`,
          severity: handBuiltLevel(),
        });
      } else if (token && !pkceVerifierEvidence.test(scope) && !hasPkceVerifierEvidence(model) && once(at)) {
        ctx.report({ span: at, message: tokenRequestMessage(confidentialNote()), severity: handBuiltLevel() });
      }
    }
    // Only a parameter setter can pass isParamSetter below.
    for (const call of paramSetterCalls(model)) {
      // `append('response_type', someVariable)` / `add("grant_type", GRANT)`: the literal loop above saw no value.
      if (call.args[1]?.stringValue !== undefined) continue;
      if (isParamSetter(call, 'response_type') && /\bCODE\b|^['"`]?code['"`]?$/.test(call.args[1]?.text ?? '')
        && !hasPkceChallengeEvidence(model) && once(call.calleeSpan)) {
        ctx.report({ span: call.calleeSpan, message: `Authorization request built without code_challenge: the code flow runs without PKCE, so an intercepted code can be redeemed by anyone${confidentialNote()}. Add code_challenge and code_challenge_method=S256.`, severity: handBuiltLevel() });
      }
    }
  },
};

const plainMessage = 'The plain PKCE challenge method sends the verifier itself as the challenge: whoever sees the authorization request can redeem the code. Use S256 (RFC 7636 §4.2, RFC 9700 §2.1.1).';

function tokenRequestMessage(note: string): string {
  return `Token request with grant_type=authorization_code but no code_verifier: the code is redeemed without PKCE, so an intercepted code works for anyone${note}. Send the verifier that matches the request's code_challenge.`;
}

function isChallengeMethodContext(v: ValueContext): boolean {
  if (v.name && challengeMethodName.test(v.name)) return true;
  if (setterParam(v) === 'code_challenge_method') return true;
  return v.call?.callee === 'setCodeVerifier' && v.argIndex === 2 && !v.keyPath.length;
}

function isVerifierContext(ctx: RuleContext, v: ValueContext): boolean {
  if (v.call?.callee === 'setCodeVerifier' && v.argIndex === 0 && !v.keyPath.length) return usesAppAuthAndroid(ctx.model);
  if (setterParam(v) === 'code_verifier') return true;
  if (v.nameKind !== 'key') return false;
  if (v.name === 'code_verifier') return v.keyPath.length > 1 || !!v.call;
  return v.name === 'codeVerifier' && !!v.call && tokenRequestCalls.test(v.call.callee);
}

/**
 * plain → S256. Safe where the library derives the challenge (expo, and AppAuth's `setCodeVerifier(v, c, plain)`
 * turned into `setCodeVerifier(v)`, which derives an S256 challenge from `v`); a hand-built request must also
 * change its code_challenge, so there the fix is only a suggestion.
 */
function plainFix(ctx: RuleContext, v: ValueContext, span: Span, s256: string, derived: boolean): Fix | undefined {
  const call = v.call;
  if (call && call.callee === 'setCodeVerifier' && v.argIndex === 2 && call.args.length === 3 && call.args[0].text !== 'null') {
    return { title: 'Let AppAuth derive an S256 challenge: setCodeVerifier(verifier)', safe: true,
      edits: [{ span: { start: call.args[0].span.end, end: call.args[2].span.end }, newText: '' }] };
  }
  if (derived) return { title: 'Use the S256 challenge method', safe: true, edits: [{ span, newText: s256 }] };
  if (!call && !v.name) return undefined;
  return { title: 'Use S256 (the code_challenge must then be BASE64URL(SHA-256(code_verifier)))', safe: false, edits: [{ span, newText: s256 }] };
}
