import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `class Auth {\n    fun f() {\n        ${body}\n    }\n}`;
const java = (body: string) => `class Auth {\n    void f() {\n        ${body}\n    }\n}`;

ruleTester('token-logged', {
  kotlin: {
    valid: [
      { name: 'a test, not the token', code: kt('Log.d(TAG, "has token: ${token != null}")') },
      { name: 'length and prefix only', code: kt('Log.d(TAG, "token length ${token.length}, starts ${token.take(4)}")') },
      { name: 'names that are not secrets', code: kt('Log.d(TAG, "type=$tokenType count=$tokenCount expired=$isTokenExpired page=$nextPageToken")') },
      { name: 'an HTTP status code', code: kt('Log.w(TAG, "token request failed: " + response.code)') },
      { name: 'expiry time', code: kt('Log.i(TAG, "access token expires at ${tokenResponse.accessTokenExpirationTime}")') },
      { name: 'token used, not logged', code: kt('api.call(accessToken)') },
      { name: 'boolean check', code: kt('Log.d(TAG, "needs refresh " + authState.needsTokenRefresh)') },
      { name: 'not a logger', code: kt('prefs.edit().putString("t", accessToken).apply()') },
    ],
    invalid: [
      {
        name: 'template with the access token',
        code: kt('Log.d(TAG, "token=$⟦accessToken⟧")'),
        errors: [{ severity: 'warning', message: '`accessToken` is written to the log (Log.d)', fixOutputs: [kt('Log.d(TAG, "token=<redacted>")')] }],
      },
      {
        name: 'serialised AuthState concatenated',
        code: kt('Log.i(TAG, "state: " + ⟦authState.jsonSerializeString()⟧)'),
        errors: [{ fixOutputs: [kt('Log.i(TAG, "state: " + "<redacted>")')] }],
      },
      {
        name: 'authorization code through Timber formatting',
        code: kt('Timber.d("code %s", ⟦response.authorizationCode⟧)'),
        errors: [{ message: 'Timber.d', fixOutputs: [kt('Timber.d("code %s", "<redacted>")')] }],
      },
      { name: 'println', code: kt('println(⟦refreshToken⟧)'), errors: [{ fixOutputs: [kt('println("<redacted>")')] }] },
      {
        name: 'kotlin-logging lambda message',
        code: kt('logger.debug { "id token ${⟦tokenResponse.idToken⟧}" }'),
        errors: [{ fixOutputs: [kt('logger.debug { "id token <redacted>" }')] }],
      },
      {
        name: 'test sources are information',
        path: 'app/src/test/java/com/example/AuthTest.kt',
        code: kt('println("token=$⟦token⟧")'),
        errors: [{ severity: 'info', fixOutputs: [kt('println("token=<redacted>")')] }],
      },
    ],
  },
  java: {
    valid: [
      java('log.info("token refreshed: {}", token != null);'),
      java('Log.d(TAG, "expires at " + response.accessTokenExpirationTime);'),
      java('Log.d(TAG, "token length " + token.length());'),
      java('System.out.println("cancelled: " + cancellationToken);'),
    ],
    invalid: [
      {
        name: 'AppAuth accessor',
        code: java('Log.d(TAG, "Access token: " + ⟦authState.getAccessToken()⟧);'),
        errors: [{ message: '`authState.getAccessToken()`', fixOutputs: [java('Log.d(TAG, "Access token: " + "<redacted>");')] }],
      },
      {
        name: 'SLF4J placeholder argument',
        code: java('log.info("refresh token {}", ⟦response.refreshToken⟧);'),
        errors: [{ fixOutputs: [java('log.info("refresh token {}", "<redacted>");')] }],
      },
      {
        name: 'String.format into System.out',
        code: java('System.out.println(String.format("pw=%s", ⟦password⟧));'),
        errors: [{ message: 'System.out.println', fixOutputs: [java('System.out.println(String.format("pw=%s", "<redacted>"));')] }],
      },
      {
        name: 'logger from a factory',
        code: java('LoggerFactory.getLogger(Auth.class).debug("key {}", ⟦apiKey⟧);'),
        errors: [{ fixOutputs: [java('LoggerFactory.getLogger(Auth.class).debug("key {}", "<redacted>");')] }],
      },
    ],
  },
  typescript: {
    valid: [
      "export function f(token: string) { console.log('token length', token.length); }",
      "export function f(token?: string) { console.log('logged in', !!token, typeof token); }",
      'export function f(cancellationToken: unknown, tokenCount: number) { console.log(cancellationToken, tokenCount); }',
      "export function f(token: string) { console.log(`token ${token.slice(0, 4)}…`); }",
      "export function f(token: string) { send(token); console.log('sent'); }",
      "export function f(user: { id: string }, tokenType: string) { console.log({ user, tokenType }); }",
    ],
    invalid: [
      {
        name: 'console.log argument',
        code: "export function f(token: string) { console.log('token', ⟦token⟧); }",
        errors: [{ message: 'console.log', fixOutputs: ["export function f(token: string) { console.log('token', '<redacted>'); }"] }],
      },
      {
        name: 'template literal',
        code: 'export function f(res: { access_token: string }) { console.log(`Bearer ${⟦res.access_token⟧}`); }',
        errors: [{ fixOutputs: ['export function f(res: { access_token: string }) { console.log(`Bearer <redacted>`); }'] }],
      },
      {
        name: 'JSON.stringify of the tokens',
        code: "export function f(tokens: object) { console.info('got', JSON.stringify(⟦tokens⟧)); }",
        errors: [{ fixOutputs: ["export function f(tokens: object) { console.info('got', JSON.stringify('<redacted>')); }"] }],
      },
      {
        name: 'winston/pino logger',
        code: "import { logger } from './logger';\nexport function f(jwt: string) { logger.debug('jwt %s', ⟦jwt⟧); }",
        errors: [{ fixOutputs: ["import { logger } from './logger';\nexport function f(jwt: string) { logger.debug('jwt %s', '<redacted>'); }"] }],
      },
      {
        name: 'shorthand property',
        code: "export function f(token: string, user: string) { console.log({ user, ⟦token⟧ }); }",
        errors: [{ fixOutputs: ["export function f(token: string, user: string) { console.log({ user, token: '<redacted>' }); }"] }],
      },
      {
        name: 'value logged under a token key',
        code: "export function f(t: string) { console.debug({ refreshToken: ⟦t⟧ }); }",
        errors: [{ fixOutputs: ["export function f(t: string) { console.debug({ refreshToken: '<redacted>' }); }"] }],
      },
      {
        name: 'test files are information',
        path: 'src/__tests__/auth.test.ts',
        code: "it('logs', () => { console.log(⟦idToken⟧); });",
        errors: [{ severity: 'info', fixOutputs: ["it('logs', () => { console.log('<redacted>'); });"] }],
      },
    ],
  },
  javascript: {
    valid: [
      "function f(user, password) { console.log('login attempt for', user); check(password); }",
    ],
    invalid: [
      {
        code: "function f(user, password) { console.error('login failed', user, ⟦password⟧); }",
        errors: [{ fixOutputs: ["function f(user, password) { console.error('login failed', user, '<redacted>'); }"] }],
      },
      {
        code: 'function f(clientSecret) { console.log(`client secret: ${⟦clientSecret⟧}`); }',
        errors: [{ fixOutputs: ['function f(clientSecret) { console.log(`client secret: <redacted>`); }'] }],
      },
    ],
  },
});
