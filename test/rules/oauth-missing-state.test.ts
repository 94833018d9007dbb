import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `import android.net.Uri\nimport net.openid.appauth.*\n\n${body}`;
const java = (body: string) => `import net.openid.appauth.*;\n\nclass Auth {\n${body}\n}`;
const builder = 'AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("com.example:/cb"))';
const fn = (chain: string) => kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}${chain}`);

ruleTester('oauth-missing-state', {
  kotlin: {
    valid: [
      fn('.build()'),
      { name: 'a state from a secure source', code: kt(`fun req(c: AuthorizationServiceConfiguration, s: String) = ${builder}.setState(s).build()`) },
      { name: 'a library honouring its caller\'s useNonce option', code: kt(`fun req(c: AuthorizationServiceConfiguration, useNonce: Boolean): AuthorizationRequest {\n    val b = ${builder}\n    if (!useNonce) b.setNonce(null)\n    return b.build()\n}`) },
      { name: 'end-session request', code: kt('fun end(c: AuthorizationServiceConfiguration) = EndSessionRequest.Builder(c).setState(null).build()') },
      { name: 'UI state', code: 'val state = "idle"' },
      { name: 'end-session builder held in a variable', code: kt('fun end(c: AuthorizationServiceConfiguration): EndSessionRequest {\n    val b = EndSessionRequest.Builder(c)\n    return b.setState(null).build()\n}') },
      { name: 'URL with a state', code: 'fun url(s: String, ch: String) = "https://idp.example.com/authorize?response_type=code&client_id=app&state=$s&code_challenge=$ch"' },
    ],
    invalid: [
      {
        name: 'setState(null) with PKCE on: information',
        code: fn('\n    .setState(⟦null⟧)\n    .build()'),
        errors: [{ severity: 'info', message: 'PKCE still protects the code', fixOutputs: [fn('\n    .build()')] }],
      },
      {
        name: 'setState(null) with PKCE off too: warning',
        code: fn('\n    .setCodeVerifier(null)\n    .setState(⟦null⟧)\n    .build()'),
        errors: [{ severity: 'warning', message: 'PKCE is off too', fixOutputs: [fn('\n    .setCodeVerifier(null)\n    .build()')] }],
      },
      {
        name: 'setNonce(null)',
        code: fn('.setNonce(⟦null⟧).build()'),
        errors: [{ severity: 'info', message: 'without nonce', fixOutputs: [fn('.build()')] }],
      },
      {
        name: 'a constant state',
        code: fn('.setState("⟦xyz-123⟧").build()'),
        errors: [{ severity: 'info', message: 'Constant state', fixOutputs: [fn('.build()')] }],
      },
      {
        name: 'authorize URL without state',
        code: 'fun url(ch: String) = "⟦https://idp.example.com/authorize?response_type=code&client_id=app&code_challenge=$ch&code_challenge_method=S256⟧"',
        errors: [{ severity: 'info', message: 'Authorization URL without state' }],
      },
      {
        // A UI state held in a string says nothing about the OAuth parameter.
        name: 'authorize URL without state beside a UI state',
        code: 'val uiState = mapOf("screen" to "login")\nval state = "idle"\nfun url(ch: String) = "⟦https://idp.example.com/authorize?response_type=code&client_id=app&code_challenge=$ch&code_challenge_method=S256⟧"',
        errors: [{ severity: 'info', message: 'Authorization URL without state' }],
      },
      {
        name: 'implicit authorize URL without state: warning',
        code: 'val url = "⟦https://idp.example.com/authorize?response_type=token&client_id=app⟧"',
        errors: [{ severity: 'warning' }],
      },
      {
        name: 'test sources are information',
        path: 'app/src/test/java/com/example/AuthTest.kt',
        code: fn('.setCodeVerifier(null).setState(⟦null⟧).build()'),
        errors: [{ severity: 'info', fixOutputs: [fn('.setCodeVerifier(null).build()')] }],
      },
    ],
  },
  java: {
    valid: [
      java('  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, r).build(); }'),
      { name: 'guarded nonce (react-native-app-auth)', code: java('  void setup(AuthorizationRequest.Builder b, boolean useNonce) {\n    if (!useNonce) {\n      b.setNonce(null);\n    }\n  }') },
    ],
    invalid: [
      {
        name: 'the body of an else',
        code: java('  void setup(AuthorizationRequest.Builder b, boolean oidc) {\n    if (oidc) b.setScope("openid");\n    else b.setState(⟦null⟧);\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b, boolean oidc) {\n    if (oidc) b.setScope("openid");\n    else { }\n  }')] }],
      },
      {
        name: 'a statement of its own',
        code: java('  void setup(AuthorizationRequest.Builder b) {\n    b.setState(⟦null⟧);\n    b.setScope("openid");\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b) {\n    b.setScope("openid");\n  }')] }],
      },
      {
        name: 'a constant nonce through a constant',
        code: java('  static final String NONCE = "⟦n-0S6_WzA2Mj⟧";\n  void setup(AuthorizationRequest.Builder b) { b.setNonce(NONCE); }'),
        errors: [{ message: 'Constant nonce', fixOutputs: [java('  static final String NONCE = "n-0S6_WzA2Mj";\n  void setup(AuthorizationRequest.Builder b) { }')] }],
      },
    ],
  },
  typescript: {
    valid: [
      "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code' });",
      { name: 'AppAuth-JS makes a random state from an empty one', code: "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code', state: '' });" },
      { name: 'UI state objects', code: "export const view = { state: 'loading', retries: 0 };\nexport const go = (h: any) => h.push({ pathname: '/home', state: 'from-login' });" },
      { name: 'query with state', code: "export const q = (s: string, ch: string) => new URLSearchParams({ response_type: 'code', client_id: 'app', state: s, code_challenge: ch });" },
    ],
    invalid: [
      {
        name: 'AppAuth-JS constant state, PKCE on',
        code: "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code', state: '⟦static-state⟧' });",
        errors: [{ severity: 'info', message: 'Constant state' }],
      },
      {
        name: 'AppAuth-JS constant state, PKCE off',
        code: "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code', state: '⟦static-state⟧' }, undefined, false);",
        errors: [{ severity: 'warning' }],
      },
      {
        name: 'expo-auth-session constant state',
        code: "import { useAuthRequest } from 'expo-auth-session';\nexport const use = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', state: '⟦abc⟧' }, d);",
        errors: [{ severity: 'info' }],
      },
      {
        name: 'React setState elsewhere in the file is not OAuth state',
        code: "export const q = (ch: string) => new ⟦URLSearchParams⟧({ response_type: 'code', client_id: 'app', code_challenge: ch, code_challenge_method: 'S256' });\nexport class Login { setState(s: object) {} go() { this.setState({ busy: true }); } }",
        errors: [{ severity: 'info', message: 'built without state' }],
      },
      {
        name: 'URLSearchParams without state',
        code: "export const q = (ch: string) => new ⟦URLSearchParams⟧({ response_type: 'code', client_id: 'app', code_challenge: ch, code_challenge_method: 'S256' });",
        errors: [{ severity: 'info', message: 'built without state' }],
      },
    ],
  },
  javascript: {
    valid: [
      "import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'] });",
    ],
    invalid: [
      {
        name: 'react-native-app-auth useNonce false, PKCE on',
        code: "import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'], useNonce: ⟦false⟧ });",
        errors: [{ severity: 'info', fixOutputs: ["import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'], useNonce: true });"] }],
      },
      {
        name: 'react-native-app-auth useNonce and usePKCE false',
        code: "import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'], usePKCE: false, useNonce: ⟦false⟧ });",
        errors: [{ severity: 'warning', fixOutputs: ["import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'], usePKCE: false, useNonce: true });"] }],
      },
      {
        name: 'react-native-app-auth constant state in additionalParameters',
        code: "import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'], additionalParameters: { state: '⟦fixed⟧' } });",
        errors: [{ severity: 'info' }],
      },
      {
        name: 'template URL without state beside a UI state object',
        code: "const initial = { state: 'idle' };\nexport const url = (ch) => `⟦https://idp.example.com/authorize?response_type=code&client_id=app&code_challenge=${ch}&code_challenge_method=S256⟧`;",
        errors: [{ severity: 'info', message: 'Authorization URL without state' }],
      },
      {
        name: 'implicit template URL without state',
        code: 'export const url = (id) => `⟦https://idp.example.com/authorize?response_type=token&client_id=${id}⟧`;',
        errors: [{ severity: 'warning' }],
      },
      {
        name: 'constant state in a URL',
        code: "export const url = (ch) => `https://idp.example.com/authorize?response_type=code&client_id=app&⟦state=xyz⟧&code_challenge=${ch}`;",
        errors: [{ severity: 'info', message: 'Constant state' }],
      },
    ],
  },
});
