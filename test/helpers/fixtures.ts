// Source files several test suites share.

/** A client secret defined in one TS module and sent from another (AppAuth-JS token request): a cross-file case. */
export function crossFileClientSecret(secret: string): { secretsTs: string; tokensTs: string } {
  return {
    secretsTs: `export const CLIENT_SECRET = '${secret}';\n`,
    tokensTs: `import { TokenRequest, GRANT_TYPE_AUTHORIZATION_CODE } from '@openid/appauth';
import { CLIENT_SECRET } from './secrets';

export function exchange(code: string, verifier: string): TokenRequest {
  return new TokenRequest({
    client_id: 'spa-client',
    redirect_uri: 'com.example.app:/oauth2redirect',
    grant_type: GRANT_TYPE_AUTHORIZATION_CODE,
    code,
    extras: { code_verifier: verifier, client_secret: CLIENT_SECRET },
  });
}
`,
  };
}
