// Every rule, in precedence order for the secret rules: when several report the same literal, the first wins.
import type { Rule } from './rule';
import { hardcodedClientSecret } from './hardcoded-client-secret';
import { hardcodedSigningKey } from './hardcoded-signing-key';
import { hardcodedCredential } from './hardcoded-credential';
import { secretInUrl } from './secret-in-url';
import { hardcodedSecret } from './hardcoded-secret';
import { oauthInsecureEndpoint } from './oauth-insecure-endpoint';
import { tlsValidationDisabled } from './tls-validation-disabled';
import { oauthInsecureRedirect } from './oauth-insecure-redirect';
import { oauthEmbeddedWebview } from './oauth-embedded-webview';
import { cleartextEndpoint } from './cleartext-endpoint';
import { corsPermissive } from './cors-permissive';
import { oauthImplicitFlow } from './oauth-implicit-flow';
import { oauthPkceDisabled } from './oauth-pkce-disabled';
import { oauthMissingState } from './oauth-missing-state';
import { oauthPasswordGrant } from './oauth-password-grant';
import { weakRandomOauthParam } from './weak-random-oauth-param';
import { tokenLogged } from './token-logged';
import { longLivedToken } from './long-lived-token';
import { jwtUnverified } from './jwt-unverified';
import { tokenInsecureStorage } from './token-insecure-storage';
import { embeddedApiKey } from './embedded-api-key';

export const rules: readonly Rule[] = [
  hardcodedClientSecret, hardcodedSigningKey, hardcodedCredential, secretInUrl, hardcodedSecret,
  oauthInsecureEndpoint,
  tlsValidationDisabled,
  // pkce-disabled before missing-state: on a URL lacking both, the PKCE error is the one shown (it names the missing state).
  oauthImplicitFlow, oauthPkceDisabled, oauthMissingState, oauthPasswordGrant, weakRandomOauthParam,
  tokenLogged, longLivedToken, jwtUnverified, tokenInsecureStorage, embeddedApiKey,
  // cleartext-endpoint after the oauth rules: a URL they report is not reported again as a cleartext endpoint.
  oauthInsecureRedirect, oauthEmbeddedWebview, cleartextEndpoint, corsPermissive,
];

/** Lower index = more specific: `hardcoded-client-secret` > `hardcoded-signing-key` > `hardcoded-credential` > `secret-in-url` > `hardcoded-secret`. */
export const precedence: readonly string[] = rules.map(r => r.meta.id);
