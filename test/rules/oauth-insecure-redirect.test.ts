import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `import android.net.Uri\nimport net.openid.appauth.*\n\n${body}`;
const builder = (redirect: string) => kt(`fun request(config: AuthorizationServiceConfiguration) =\n    AuthorizationRequest.Builder(config, "shop-app", ResponseTypeValues.CODE, ${redirect}).build()`);

ruleTester('oauth-insecure-redirect', {
  kotlin: {
    valid: [
      { name: 'reverse-domain custom scheme', code: builder('Uri.parse("com.example.shop:/oauth2redirect")') },
      { name: 'https App Link', code: builder('Uri.parse("https://shop.example.com/oauth2redirect")') },
      { name: 'loopback IP', code: builder('Uri.parse("http://127.0.0.1:8765/callback")') },
      { name: 'redirect not for OAuth', code: 'const val REDIRECT_URL = "http://shop.example.com/after-payment"\nfun done() = open(REDIRECT_URL)' },
      { name: 'other Builder with four arguments', code: kt('val b = Notification.Builder(ctx, "channel", 3, Uri.parse("myapp://x"))') },
    ],
    invalid: [
      {
        name: 'http redirect through a constant',
        code: kt('val REDIRECT_URI: Uri = Uri.parse("⟦http://shop.example.com/callback⟧")\n\nfun request(config: AuthorizationServiceConfiguration) =\n    AuthorizationRequest.Builder(config, "shop-app", ResponseTypeValues.CODE, REDIRECT_URI).build()'),
        errors: [{ severity: 'warning', fixOutputs: [kt('val REDIRECT_URI: Uri = Uri.parse("https://shop.example.com/callback")\n\nfun request(config: AuthorizationServiceConfiguration) =\n    AuthorizationRequest.Builder(config, "shop-app", ResponseTypeValues.CODE, REDIRECT_URI).build()')] }],
      },
      { name: 'custom scheme that is not reverse-domain', code: builder('Uri.parse("⟦shopapp://callback⟧")'), errors: [{ severity: 'info', message: 'RFC 8252 §7.1' }] },
      { name: 'localhost instead of 127.0.0.1', code: kt('fun f(b: AuthorizationRequest.Builder) = b.setRedirectUri(Uri.parse("⟦http://localhost:8765/cb⟧"))'), errors: [{ severity: 'info', message: '127.0.0.1' }] },
      { name: 'wildcard', code: builder('Uri.parse("⟦https://*.example.com/cb⟧")'), errors: [{ message: 'Wildcard' }] },
      {
        name: 'hand-built authorize URL',
        code: 'val url = "https://idp.example.com/authorize?response_type=code&client_id=a&code_challenge=x&state=s&redirect_uri=⟦http%3A%2F%2Fshop.example.com%2Fcb⟧"',
        errors: [{ fixOutputs: ['val url = "https://idp.example.com/authorize?response_type=code&client_id=a&code_challenge=x&state=s&redirect_uri=https%3A%2F%2Fshop.example.com%2Fcb"'] }],
      },
      { name: 'test sources are information', path: 'app/src/androidTest/java/com/example/AuthTest.kt', code: builder('Uri.parse("⟦http://shop.example.com/cb⟧")'), errors: [{ severity: 'info', fixOutputs: [builder('Uri.parse("https://shop.example.com/cb")')] }] },
    ],
  },
  java: {
    valid: [
      'class A { AuthorizationRequest r(AuthorizationServiceConfiguration c) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("com.example.app:/oauth2redirect")).build(); } }',
    ],
    invalid: [
      {
        name: 'http redirect in the Builder',
        code: 'class A { AuthorizationRequest r(AuthorizationServiceConfiguration c) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("⟦http://app.example.com/cb⟧")).build(); } }',
        errors: [{ fixOutputs: ['class A { AuthorizationRequest r(AuthorizationServiceConfiguration c) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("https://app.example.com/cb")).build(); } }'] }],
      },
      {
        name: 'token request form parameter',
        code: 'class A { RequestBody b = new FormBody.Builder().add("grant_type", "authorization_code").add("redirect_uri", "⟦http://app.example.com/cb⟧").build(); }',
        errors: [{ fixOutputs: ['class A { RequestBody b = new FormBody.Builder().add("grant_type", "authorization_code").add("redirect_uri", "https://app.example.com/cb").build(); }'] }],
      },
    ],
  },
  typescript: {
    valid: [
      "const config = { issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example.app:/oauth2redirect' };",
      { name: 'expo Go development scheme', code: "import * as AuthSession from 'expo-auth-session';\nconst redirectUri = 'exp://127.0.0.1:8081/--/oauth';\nexport const req = { clientId: 'app', redirectUri };" },
      {
        name: 'token request sending redirect_uri',
        code: "const REDIRECT = 'com.example.app:/cb';\nexport const url = `https://idp.example.com/authorize?response_type=code&client_id=app&redirect_uri=${REDIRECT}`;\nexport async function exchange(code: string, verifier: string) {\n  const body = new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT });\n  return fetch('https://idp.example.com/token', { method: 'POST', body });\n}",
      },
      { name: 'a web app\'s dev server on localhost', code: "export const oidc = { authority: 'https://idp.example.com', client_id: 'spa', redirect_uri: 'http://localhost:3000/callback' };" },
      { name: 'redirectUrl outside OAuth code', code: "export const checkout = { amount: 10, redirectUrl: 'http://shop.example.com/thanks' };" },
    ],
    invalid: [
      {
        name: 'react-native-app-auth http redirect',
        code: "const config = { issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: '⟦http://app.example.com/cb⟧' };",
        errors: [{ fixOutputs: ["const config = { issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'https://app.example.com/cb' };"] }],
      },
      {
        name: 'token request without the redirect_uri of the authorization request',
        code: "const REDIRECT = 'com.example.app:/cb';\nexport const url = `https://idp.example.com/authorize?response_type=code&client_id=app&redirect_uri=${REDIRECT}`;\nexport async function exchange(code: string, verifier: string) {\n  const body = new URLSearchParams({ grant_type: '⟦authorization_code⟧', code, code_verifier: verifier });\n  return fetch('https://idp.example.com/token', { method: 'POST', body });\n}",
        errors: [{ severity: 'warning', message: 'RFC 6749 §4.1.3' }],
      },
      { name: 'a loopback redirect of a Node CLI', code: "import http from 'node:http';\nexport const oauth = { client_id: 'cli', redirect_uri: '⟦http://localhost:8765/callback⟧' };\nhttp.createServer().listen(8765);", errors: [{ severity: 'info', message: 'RFC 8252 §8.3' }] },
      { name: 'expo makeRedirectUri native', code: "import { makeRedirectUri } from 'expo-auth-session';\nexport const redirectUri = makeRedirectUri({ native: '⟦shop://redirect⟧' });", errors: [{ severity: 'info' }] },
      { name: 'expo scheme', code: "import { makeRedirectUri } from 'expo-auth-session';\nexport const redirectUri = makeRedirectUri({ scheme: '⟦shop⟧' });", errors: [{ severity: 'info' }] },
    ],
  },
  javascript: {
    valid: ["const req = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code' });"],
    invalid: [
      {
        name: 'AppAuth-JS redirect_uri over http',
        code: "const req = new AuthorizationRequest({ client_id: 'app', redirect_uri: '⟦http://app.example.com/cb⟧', scope: 'openid', response_type: 'code' });",
        errors: [{ fixOutputs: ["const req = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code' });"] }],
      },
      {
        name: 'hand-built form body without redirect_uri',
        code: "const authUrl = 'https://idp.example.com/authorize?response_type=code&client_id=app&redirect_uri=com.example.app%3A%2Fcb';\nfunction exchange(code, verifier) {\n  return fetch('https://idp.example.com/token', { method: 'POST', body: '⟦grant_type=authorization_code&code_verifier=⟧' + verifier + '&code=' + code });\n}",
      },
    ],
  },
});
