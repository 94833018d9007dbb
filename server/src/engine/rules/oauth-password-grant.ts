// The resource owner password credentials grant: the app collects the user's password itself and sends it to the
// token endpoint. RFC 9700 §2.4 says it MUST NOT be used: it trains users to type passwords into apps, exposes
// them to the client, and cannot carry multi-factor or federated sign-in.
import type { Rule, RuleContext } from './rule';
import type { ValueContext } from '../model/model';
import { inlineParams, setterParam, usesAppAuthAndroid } from '../oauth';
import { refsNamed } from './memo';

/** Names that say "the grant type to use"; a name like GRANT_TYPE_PASSWORD only names the value and counts where it is used. */
const grantTypeName = /^(grant_?type|grantType)$/i;

function isGrantTypeContext(v: ValueContext): boolean {
  if (v.name && grantTypeName.test(v.name)) return true;
  if (setterParam(v) === 'grant_type') return true;
  return v.call?.callee === 'setGrantType' && v.argIndex === 0 && !v.keyPath.length;
}

const message = (what: string) => `${what} uses the resource owner password grant: the app handles the user's password itself, which RFC 9700 §2.4 forbids (no MFA, no federation, passwords exposed to the client). Use the authorization code flow with PKCE in the system browser.`;

export const oauthPasswordGrant: Rule = {
  meta: {
    id: 'oauth-password-grant',
    category: 'oauth',
    defaultLevel: 'warning',
    description: 'The OAuth resource owner password credentials grant (grant_type=password, AppAuth TokenRequest.GRANT_TYPE_PASSWORD).',
    advice: 'The password grant gives the app the user\'s password and must not be used (RFC 9700 §2.4). Sign users in with the authorization code flow and PKCE.',
    fixable: false,
  },
  keywords: ['grant_type', 'granttype'],
  check(ctx: RuleContext) {
    const model = ctx.model;
    const severity = ctx.inTest ? 'info' as const : undefined;
    for (const ref of refsNamed(model, 'GRANT_TYPE_PASSWORD')) {
      if (ref.name !== 'GRANT_TYPE_PASSWORD') continue;
      // AppAuth-Android `TokenRequest.GRANT_TYPE_PASSWORD` (or the statically imported constant).
      const appAuth = ref.qualifier === 'TokenRequest'
        || (!ref.qualifier && model.imports.some(i => i.local === 'GRANT_TYPE_PASSWORD' && i.from.startsWith('net.openid.appauth')));
      if (!appAuth || !usesAppAuthAndroid(model)) continue;
      ctx.report({ span: ref.span, message: message(`\`${ref.qualifier ? ref.qualifier + '.' : ''}GRANT_TYPE_PASSWORD\``), severity });
    }
    for (const lit of model.literals) {
      if (!lit.interpolated && lit.value === 'password') {
        if (ctx.usesOf(lit).some(u => isGrantTypeContext(u.ctx))) ctx.report({ literal: lit, message: message('This token request'), severity });
        continue;
      }
      if (!lit.value.includes('grant_type=')) continue;
      for (const p of inlineParams(model, lit)) {
        // Placed on `grant_type=password` itself, so a password written in the same body is still reported apart.
        if (p.name === 'grant_type' && p.value === 'password') ctx.report({ span: p.span, message: message('`grant_type=password`'), severity });
      }
    }
  },
};
