// Every rule, in precedence order for the secret rules: when several report the same literal, the first wins.
import type { Rule } from './rule';
import { hardcodedClientSecret } from './hardcoded-client-secret';
import { hardcodedSigningKey } from './hardcoded-signing-key';
import { hardcodedCredential } from './hardcoded-credential';
import { secretInUrl } from './secret-in-url';
import { hardcodedSecret } from './hardcoded-secret';
import { oauthInsecureEndpoint } from './oauth-insecure-endpoint';

export const rules: readonly Rule[] = [
  hardcodedClientSecret, hardcodedSigningKey, hardcodedCredential, secretInUrl, hardcodedSecret,
  oauthInsecureEndpoint,
];

/** Lower index = more specific: `hardcoded-client-secret` > `hardcoded-signing-key` > `hardcoded-credential` > `secret-in-url` > `hardcoded-secret`. */
export const precedence: readonly string[] = rules.map(r => r.meta.id);
