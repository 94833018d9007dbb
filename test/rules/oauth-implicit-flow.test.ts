import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `import android.net.Uri\nimport net.openid.appauth.*\n\n${body}`;
const java = (body: string) => `import net.openid.appauth.*;\n\nclass Auth {\n${body}\n}`;
const expo = (body: string) => `import { ResponseType, useAuthRequest } from 'expo-auth-session';\n\n${body}`;
const fixTitle = /code flow/;

ruleTester('oauth-implicit-flow', {
  kotlin: {
    valid: [
      kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("com.example:/cb")).build()'),
      { name: 'hybrid code id_token is fine', code: kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", "code id_token", Uri.parse("com.example:/cb")).build()') },
      { name: '"token" as a preference key', code: kt('fun read(p: android.content.SharedPreferences) = p.getString("token", null)') },
      { name: '"token" bound to another name', code: 'val tokenType = "token"' },
      { name: 'token type hint in a revocation request', code: kt('fun hint(b: Uri.Builder) = b.appendQueryParameter("token_type_hint", "token")') },
      { name: 'code flow URL', code: 'val url = "https://idp.example.com/authorize?response_type=code&client_id=app"' },
    ],
    invalid: [
      {
        name: 'ResponseTypeValues.TOKEN',
        code: kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", ⟦ResponseTypeValues.TOKEN⟧, Uri.parse("com.example:/cb")).build()'),
        errors: [{ severity: 'warning', message: 'Implicit flow', fixOutputs: [kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("com.example:/cb")).build()')] }],
      },
      {
        name: 'literal response type in the builder',
        code: kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", "⟦token id_token⟧", Uri.parse("com.example:/cb")).build()'),
        errors: [{ severity: 'warning', fixOutputs: [kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", "code id_token", Uri.parse("com.example:/cb")).build()')] }],
      },
      {
        name: 'setResponseType on its own line',
        code: kt('fun req(b: AuthorizationRequest.Builder) = b\n    .setResponseType("⟦token⟧")\n    .build()'),
        errors: [{ fixOutputs: [kt('fun req(b: AuthorizationRequest.Builder) = b\n    .setResponseType("code")\n    .build()')] }],
      },
      {
        name: 'id_token alone is information, without a fix',
        code: kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", ⟦ResponseTypeValues.ID_TOKEN⟧, Uri.parse("com.example:/cb")).build()'),
        errors: [{ severity: 'info', message: 'ID token alone' }],
      },
      {
        name: 'hand-built authorize URL',
        code: 'fun url(state: String) = "https://idp.example.com/authorize?⟦response_type=token⟧&client_id=app&state=$state"',
        errors: [{ fixOutputs: ['fun url(state: String) = "https://idp.example.com/authorize?response_type=code&client_id=app&state=$state"'] }],
      },
      {
        name: 'test sources are information',
        path: 'app/src/test/java/com/example/AuthTest.kt',
        code: kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", ⟦ResponseTypeValues.TOKEN⟧, Uri.parse("com.example:/cb")).build()'),
        errors: [{ severity: 'info', fixOutputs: [kt('fun req(c: AuthorizationServiceConfiguration) = AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("com.example:/cb")).build()')] }],
      },
    ],
  },
  java: {
    valid: [
      java('  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, r).build(); }'),
      { name: '"token" as a map key', code: java('  String read(java.util.Map<String, String> m) { return m.get("token"); }') },
    ],
    invalid: [
      {
        name: 'ResponseTypeValues.TOKEN in new AuthorizationRequest.Builder',
        code: java('  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", ⟦ResponseTypeValues.TOKEN⟧, r).build(); }'),
        errors: [{ fixOutputs: [java('  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, r).build(); }')] }],
      },
      {
        name: 'a constant followed to the builder',
        code: java('  static final String RESPONSE = "⟦token⟧";\n  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", RESPONSE, r).build(); }'),
        errors: [{ fixOutputs: [java('  static final String RESPONSE = "code";\n  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", RESPONSE, r).build(); }')] }],
      },
    ],
  },
  typescript: {
    valid: [
      "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: AuthorizationRequest.RESPONSE_TYPE_CODE });",
      { name: 'another library\'s ResponseType enum', code: "import { ResponseType } from './http';\nexport const r = send({ responseType: ResponseType.Token });" },
      { name: 'XHR responseType', code: "export function get(x: XMLHttpRequest) { x.responseType = 'json'; }" },
      expo("export const useLogin = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', responseType: ResponseType.Code }, d);"),
    ],
    invalid: [
      {
        name: 'AppAuth-JS RESPONSE_TYPE_TOKEN',
        code: "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: ⟦AuthorizationRequest.RESPONSE_TYPE_TOKEN⟧ });",
        errors: [{ fixOutputs: ["import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: AuthorizationRequest.RESPONSE_TYPE_CODE });"] }],
      },
      {
        name: 'expo-auth-session ResponseType.Token',
        code: expo("export const useLogin = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', responseType: ⟦ResponseType.Token⟧ }, d);"),
        errors: [{ severity: 'warning', message: fixTitle, fixOutputs: [expo("export const useLogin = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', responseType: ResponseType.Code }, d);")] }],
      },
      {
        name: 'expo-auth-session ResponseType.IdToken is information',
        code: expo("export const useLogin = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', responseType: ⟦ResponseType.IdToken⟧ }, d);"),
        errors: [{ severity: 'info' }],
      },
      {
        name: 'URLSearchParams object',
        code: "export const q = new URLSearchParams({ response_type: '⟦token⟧', client_id: 'app', state: crypto.randomUUID() });",
        errors: [{ fixOutputs: ["export const q = new URLSearchParams({ response_type: 'code', client_id: 'app', state: crypto.randomUUID() });"] }],
      },
    ],
  },
  javascript: {
    valid: [
      "export const url = (id, state) => `https://idp.example.com/authorize?response_type=code&client_id=${id}&state=${state}`;",
      "export const q = new URLSearchParams({ response_type: 'code id_token', client_id: 'app' });",
      { name: 'an error message is not a request', code: "export const fail = () => { throw new Error('unsupported response_type=token, use the code flow'); };" },
    ],
    invalid: [
      {
        name: 'template URL with a combined response type',
        code: 'export const url = (id, s) => `https://idp.example.com/authorize?⟦response_type=id_token%20token⟧&client_id=${id}&state=${s}`;',
        errors: [{ fixOutputs: ['export const url = (id, s) => `https://idp.example.com/authorize?response_type=id_token%20code&client_id=${id}&state=${s}`;'] }],
      },
      {
        name: 'append on URLSearchParams',
        code: "export function q(p) { p.append('response_type', '⟦token⟧'); return p; }",
        errors: [{ fixOutputs: ["export function q(p) { p.append('response_type', 'code'); return p; }"] }],
      },
      {
        name: 'id_token alone in a URL is information',
        code: "export const url = 'https://idp.example.com/authorize?⟦response_type=id_token⟧&client_id=app&nonce=n-0S6_WzA2Mj';",
        errors: [{ severity: 'info' }],
      },
    ],
  },
});
