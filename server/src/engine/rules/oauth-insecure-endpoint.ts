// OAuth endpoints reached without TLS, or with TLS checks switched off for the OAuth library: codes and tokens
// then travel in clear or to whoever intercepts the connection.
import type { Rule } from './rule';
import type { ValueContext } from '../model/model';
import { isCleartextRemote } from '../urls';
import { scalarsOf } from './memo';

/** Calls whose arguments are OAuth endpoints or issuers (AppAuth-Android, AppAuth-JS). */
const endpointCalls = /^(AuthorizationServiceConfiguration|fetchFromIssuer|fetchFromUrl|fetchConfiguration|discover|setIssuer)$/;
/** Object keys / names that hold OAuth endpoints (react-native-app-auth, expo-auth-session, AppAuth-JS JSON). */
const endpointNames = /^(issuer|issuerUrl|discoveryUrl|discoveryUri|discovery_uri|authorization_endpoint|token_endpoint|revocation_endpoint|end_session_endpoint|userinfo_endpoint|registration_endpoint|authorizationEndpoint|tokenEndpoint|revocationEndpoint|endSessionEndpoint|userInfoEndpoint|registrationEndpoint|(auth|authorization|token|discovery|issuer|revocation|oauth)_?(endpoint|url|uri))$/i;
/** Connection builders that trust every certificate (AppAuth demo, react-native-app-auth). */
const unsafeBuilders = /\b(ConnectionBuilderForTesting|UnsafeConnectionBuilder|TrustAll\w*ConnectionBuilder|Insecure\w*ConnectionBuilder)\b/;

function isEndpointContext(ctx: ValueContext): boolean {
  if (ctx.call && endpointCalls.test(ctx.call.callee) && ctx.keyPath.length === 0) return true;
  return !!ctx.name && endpointNames.test(ctx.name);
}

export const oauthInsecureEndpoint: Rule = {
  meta: {
    id: 'oauth-insecure-endpoint',
    category: 'oauth',
    defaultLevel: 'error',
    description: 'OAuth authorization, token, discovery or issuer endpoints over http://, a trust-all AppAuth ConnectionBuilder, or the issuer HTTPS check switched off.',
    advice: 'Authorization codes and tokens cross these connections: serve every OAuth endpoint over HTTPS with a valid certificate, and keep AppAuth\'s default connection builder and issuer checks.',
    fixable: true,
  },
  // Every finding needs an endpoint call or an endpoint-like name; `http://` alone is in most license headers.
  keywords: ['authorizationserviceconfiguration', 'fetchfromissuer', 'fetchfromurl', 'issuer', 'endpoint', 'discovery',
    'connectionbuilder', 'skipissuerhttpscheck', 'dangerouslyallowinsecurehttprequests', 'auth_url', 'authurl',
    'token_url', 'tokenurl', 'oauth_url', 'oauthurl', 'authorization_url', 'authorizationurl', 'auth_uri', 'token_uri'],
  check(ctx) {
    const testLevel = ctx.inTest ? 'info' as const : undefined;
    for (const lit of ctx.model.literals) {
      if (lit.interpolated && !/^\s*http:\/\/[^$]/.test(lit.value)) continue;
      if (!isCleartextRemote(lit.value)) continue;
      if (!ctx.usesOf(lit).some(u => isEndpointContext(u.ctx))) continue;
      const at = lit.contentSpan.start;
      ctx.report({
        literal: lit,
        message: 'OAuth endpoint over cleartext http://: the authorization code and tokens can be read and replaced on the way. Use https://.',
        severity: testLevel,
        fixes: [{ title: 'Use https://', safe: false, edits: [{ span: { start: at, end: at + 'http'.length }, newText: 'https' }] }],
      });
    }
    for (const ref of ctx.model.references) {
      const call = ref.ctx.call;
      if (!call || (call.callee !== 'setConnectionBuilder' && call.callee !== 'fetchFromIssuer' && call.callee !== 'fetchFromUrl')) continue;
      const name = ref.qualifier ?? ref.name;
      if (!unsafeBuilders.test(name)) continue;
      ctx.report({
        span: ref.span,
        message: `\`${name}\` trusts every certificate: anyone on the network can impersonate the authorization server. Remove it and keep AppAuth's default connection builder.`,
        severity: testLevel,
      });
    }
    for (const s of scalarsOf(ctx.model, 'true')) {
      const c = s.ctx;
      const skipCheck = s.text === 'true' && c.call?.callee === 'setSkipIssuerHttpsCheck';
      const rnInsecure = s.text === 'true' && c.name === 'dangerouslyAllowInsecureHttpRequests';
      if (!skipCheck && !rnInsecure) continue;
      ctx.report({
        span: s.span,
        message: skipCheck
          ? 'setSkipIssuerHttpsCheck(true) accepts an issuer over http://: discovery and tokens can then be intercepted. Serve the issuer over HTTPS and remove the call.'
          : 'dangerouslyAllowInsecureHttpRequests: true lets the OAuth flow run over http://. Serve the endpoints over HTTPS and remove the option.',
        severity: testLevel,
      });
    }
  },
};
