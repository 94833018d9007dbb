import { ruleTester } from '../helpers/rule-tester';

ruleTester('hardcoded-client-secret', {
  kotlin: {
    valid: [
      'val auth = ClientSecretBasic(BuildConfig.CLIENT_SECRET)',
      'val req = TokenRequest.Builder(config, clientId).setAuthorizationCode(code).build()',
      { name: 'placeholder', code: 'val auth = ClientSecretPost("YOUR_CLIENT_SECRET")' },
    ],
    invalid: [
      { name: 'AppAuth ClientSecretBasic', code: 'val auth = ClientSecretBasic("⟦Zx9Qm2Lk8Wp4Rt7Yb1Nc6Vd3⟧")', errors: [{ severity: 'error', message: 'RFC 8252 §8.5' }] },
      { name: 'map entry in a token request', code: 'val params = mapOf("grant_type" to "authorization_code", "client_secret" to "⟦pQ7rS2tU9vW4xY1zA8bC3dE6⟧")' },
      { name: 'const used by ClientSecretPost', code: 'const val SECRET = "⟦pQ7rS2tU9vW4xY1zA8bC3dE6⟧"\nval auth = ClientSecretPost(SECRET)' },
    ],
  },
  java: {
    valid: ['class A { ClientAuthentication a = new ClientSecretBasic(BuildConfig.CLIENT_SECRET); }'],
    invalid: [
      { code: 'class A { ClientAuthentication a = new ClientSecretBasic("⟦Zx9Qm2Lk8Wp4Rt7Yb1Nc6Vd3⟧"); }' },
      { name: 'constant named CLIENT_SECRET', code: 'class A { private static final String CLIENT_SECRET = "⟦pQ7rS2tU9vW4xY1zA8bC3dE6⟧"; }' },
      { name: 'form body builder', code: 'class A { RequestBody b = new FormBody.Builder().add("client_secret", "⟦Hk2Jm9Nq4Rs7Tu1Vw8Xy3Za6⟧").build(); }' },
    ],
  },
  typescript: {
    valid: [
      "const secret = process.env.OAUTH_CLIENT_SECRET;\nconst body = new URLSearchParams({ client_secret: secret! });",
      "const config = { clientId: 'my-app', redirectUrl: 'com.example.app:/oauth2redirect' };",
      { name: 'interpolated value', code: 'const body = `grant_type=authorization_code&client_secret=${secret}`;' },
    ],
    invalid: [
      { name: 'AppAuth-JS extras', code: "import { TokenRequest } from '@openid/appauth';\nnew TokenRequest({ client_id: 'spa', redirect_uri: 'x', grant_type: 'authorization_code', extras: { client_secret: '⟦Qm9vZ2llV29vZ2llLXNwYS1z⟧' } });", errors: [{ message: 'RFC 6749 §2.1' }] },
      { name: 'react-native-app-auth config', code: "import { authorize } from 'react-native-app-auth';\nconst config = { issuer: 'https://idp.example.com', clientId: 'app', clientSecret: '⟦Vb7Nm2Kl9Jh4Gf1Ds8Aq3We6⟧', redirectUrl: 'com.example:/cb' };", errors: [{ message: 'RFC 8252 §8.5' }] },
      { name: 'form body string', code: "const body = '⟦grant_type=authorization_code&client_secret=Vb7Nm2Kl9Jh4&code=x⟧';" },
      { name: 'server code gets the server advice', code: "import express from 'express';\nconst oauth = { clientSecret: '⟦Vb7Nm2Kl9Jh4Gf1Ds8Aq3We6⟧' };", errors: [{ message: 'read it from the environment' }] },
    ],
  },
  javascript: {
    valid: ["const config = { clientSecret: process.env.CLIENT_SECRET };"],
    invalid: [{ code: "params.append('client_secret', '⟦Vb7Nm2Kl9Jh4Gf1Ds8Aq3We6⟧');" }],
  },
  values: {
    valid: ['<resources>\n    <string name="oauth_client_id">shop-android</string>\n    <string name="client_secret">changeme</string>\n</resources>\n'],
    invalid: [
      {
        name: 'a client secret in string resources: the app cannot keep it',
        code: '<resources>\n    <string name="oauth_client_secret">⟦Vb7Nm2Kl9Jh4Gf1Ds8Aq3We6⟧</string>\n</resources>\n',
        errors: [{ message: 'OAuth client secret hard-coded (Vb7N…(24 chars)): an installed app cannot keep a secret (RFC 8252 §8.5): use PKCE without a secret, or exchange the code on a server.' }],
      },
    ],
  },
  'google-services': {
    valid: ['{ "client": [ { "oauth_client": [ { "client_id": "123456789012-Vb7Nm2Kl9Jh4Gf1Ds8Aq3We6.apps.googleusercontent.com", "client_type": 3 } ] } ] }\n'],
    invalid: [{ name: 'client_secret next to the client id', code: '{ "client": [ { "oauth_client": [ { "client_id": "shop.apps.googleusercontent.com", "client_secret": "⟦Vb7Nm2Kl9Jh4Gf1Ds8Aq3We6⟧" } ] } ] }\n', errors: [{ message: 'an installed app cannot keep a secret' }] }],
  },
});
