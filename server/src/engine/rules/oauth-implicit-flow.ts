// The implicit flow: the authorization server hands the access token to the redirect URI in the front channel,
// where it leaks (history, logs, other apps claiming the scheme) and cannot be bound to the client.
import type { Rule, RuleContext } from './rule';
import type { StringLiteral, ValueContext } from '../model/model';
import type { Fix, Span, TextEdit } from '../types';
import { refsNamed } from './memo';
import { decodeParam, inlineParams, parseResponseType, qualifiedCallee, setterParam, tokenToCodeEdit, type ResponseTypeKind } from '../oauth';

/** Constants that stand for a response type: qualifier (last segment) → member → kind. */
const responseTypeConstants: { qualifier: RegExp; name: string; code: string; kind: 'token' | 'id_token'; needs?: RegExp }[] = [
  { qualifier: /^ResponseTypeValues$/, name: 'TOKEN', code: 'CODE', kind: 'token' },                 // AppAuth-Android
  { qualifier: /^ResponseTypeValues$/, name: 'ID_TOKEN', code: 'CODE', kind: 'id_token' },
  { qualifier: /(^|\.)AuthorizationRequest$/, name: 'RESPONSE_TYPE_TOKEN', code: 'RESPONSE_TYPE_CODE', kind: 'token' }, // AppAuth-JS
  { qualifier: /(^|\.)ResponseType$/, name: 'Token', code: 'Code', kind: 'token', needs: /^expo-auth-session/ },       // expo-auth-session
  { qualifier: /(^|\.)ResponseType$/, name: 'IdToken', code: 'Code', kind: 'id_token', needs: /^expo-auth-session/ },
];

const responseTypeConstantNames = [...new Set(responseTypeConstants.map(k => k.name))];

const responseTypeName = /^(response_?type|responseType|RESPONSE_TYPE)$/i;

/** A place where a string is used as the response type of an authorization request. */
function isResponseTypeContext(ctx: RuleContext, v: ValueContext): boolean {
  if (v.name && responseTypeName.test(v.name)) return true;
  if (setterParam(v) === 'response_type') return true;
  const call = v.call;
  if (!call || v.keyPath.length) return false;
  if (call.callee === 'setResponseType' && v.argIndex === 0) return true;
  // AppAuth-Android `AuthorizationRequest.Builder(config, clientId, responseType, redirectUri)`
  return call.callee === 'Builder' && v.argIndex === 2 && /AuthorizationRequest\.Builder$/.test(qualifiedCallee(ctx.model, call));
}

const messages = {
  token: (what: string) => `Implicit flow: ${what} makes the authorization server return the access token in the redirect, where it leaks and cannot be bound to this client (RFC 9700 §2.1.2, RFC 8252 §8.2). Use the authorization code flow with PKCE.`,
  idToken: (what: string) => `${what} asks for an ID token alone through the front channel: fine for sign-in only, but any API access needs the code flow with PKCE (RFC 9700 §2.1.2).`,
};

function codeFlowFix(edit: TextEdit): Fix {
  return { title: 'Switch to the authorization code flow (then exchange the code for tokens, with PKCE)', safe: false, edits: [edit] };
}

export const oauthImplicitFlow: Rule = {
  meta: {
    id: 'oauth-implicit-flow',
    category: 'oauth',
    defaultLevel: 'warning',
    description: 'An authorization request whose response type returns an access token directly (implicit flow): response_type=token alone or combined.',
    advice: 'Tokens in the front channel leak through redirects and cannot be sender-constrained; RFC 9700 says not to use the implicit grant. Use the authorization code flow with PKCE.',
    fixable: true,
  },
  keywords: ['response_type', 'responsetype'],
  check(ctx) {
    const model = ctx.model;
    const testLevel = ctx.inTest ? 'info' as const : undefined;
    const report = (kind: ResponseTypeKind, span: Span, what: string, edit: TextEdit | undefined, literal?: StringLiteral) => {
      if (kind.token) {
        ctx.report({ literal, span: literal ? undefined : span, message: messages.token(what), severity: testLevel, fixes: edit ? [codeFlowFix(edit)] : [] });
      } else if (kind.idToken && !kind.code) {
        ctx.report({ literal, span: literal ? undefined : span, message: messages.idToken(what), severity: 'info' });
      }
    };

    for (const ref of refsNamed(model, ...responseTypeConstantNames)) {
      const qualifier = ref.qualifier;
      if (!qualifier) continue;
      const c = responseTypeConstants.find(k => k.name === ref.name && k.qualifier.test(qualifier));
      if (!c) continue;
      if (c.needs && !model.imports.some(i => c.needs!.test(i.from)) && !/AuthSession/.test(qualifier)) continue;
      const nameStart = ref.span.end - ref.name.length;
      report({ code: false, token: c.kind === 'token', idToken: c.kind === 'id_token' }, ref.span, `\`${qualifier}.${ref.name}\``,
        { span: { start: nameStart, end: ref.span.end }, newText: c.code });
    }

    for (const lit of model.literals) {
      // A response type value: `"token"`, `responseType: 'token'`, `append('response_type', 'token')`.
      const kind = lit.interpolated ? undefined : parseResponseType(lit.value);
      if (kind && ctx.usesOf(lit).some(u => isResponseTypeContext(ctx, u.ctx))) {
        const raw = model.text.slice(lit.contentSpan.start, lit.contentSpan.end);
        report(kind, lit.contentSpan, `the response type \`${lit.value}\``, tokenToCodeEdit(raw, lit.contentSpan.start), lit);
        continue;
      }
      // A hand-built authorization URL or query string: `…/authorize?response_type=token&client_id=…`.
      if (!lit.value.includes('response_type=')) continue;
      for (const p of inlineParams(model, lit)) {
        if (p.name !== 'response_type') continue;
        const k = parseResponseType(decodeParam(p.value));
        if (!k) continue;
        report(k, p.span, `\`response_type=${p.value}\``, tokenToCodeEdit(p.value, p.valueSpan.start));
      }
    }
  },
};
