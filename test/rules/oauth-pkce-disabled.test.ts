import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `import android.net.Uri\nimport net.openid.appauth.*\n\n${body}`;
const java = (body: string) => `import net.openid.appauth.*;\n\nclass Auth {\n${body}\n}`;
const builder = 'AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, Uri.parse("com.example:/cb"))';

ruleTester('oauth-pkce-disabled', {
  kotlin: {
    valid: [
      kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.build()`),
      kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.setCodeVerifier(CodeVerifierUtil.generateRandomCodeVerifier()).build()`),
      { name: 'S256 with an explicit challenge', code: kt(`fun req(c: AuthorizationServiceConfiguration, v: String) = ${builder}\n    .setCodeVerifier(v, CodeVerifierUtil.deriveCodeVerifierChallenge(v), AuthorizationRequest.CODE_CHALLENGE_METHOD_S256)\n    .build()`) },
      { name: 'a token request has no verifier to send on refresh', code: kt('fun refresh(c: AuthorizationServiceConfiguration, rt: String) = TokenRequest.Builder(c, "app").setRefreshToken(rt).setCodeVerifier(null).build()') },
      { name: 'a library honouring its caller\'s usePKCE option', code: kt(`fun req(c: AuthorizationServiceConfiguration, usePkce: Boolean): AuthorizationRequest {\n    val b = ${builder}\n    if (!usePkce) b.setCodeVerifier(null)\n    return b.build()\n}`) },
      { name: 'not AppAuth', code: 'class Form { fun setCodeVerifier(v: String?) = this }\nval f = Form().setCodeVerifier(null)' },
      { name: 'hand-built URL with code_challenge', code: 'fun url(s: String, ch: String) = "https://idp.example.com/authorize?response_type=code&client_id=app&state=$s&code_challenge=$ch&code_challenge_method=S256"' },
      { name: 'hand-built token request with code_verifier', code: 'fun body(code: String, v: String) = okhttp3.FormBody.Builder().add("grant_type", "authorization_code").add("code", code).add("code_verifier", v).build()' },
    ],
    invalid: [
      {
        name: 'setCodeVerifier(null) on its own line',
        code: kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}\n    .setScope("openid")\n    .setCodeVerifier(⟦null⟧)\n    .build()`),
        errors: [{ severity: 'error', message: 'setCodeVerifier(null)', fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}\n    .setScope("openid")\n    .build()`)] }],
      },
      {
        name: 'setCodeVerifier(null) inside a one-line chain',
        code: kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.setCodeVerifier(⟦null⟧).build()`),
        errors: [{ fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.build()`)] }],
      },
      {
        name: 'inside apply { }',
        code: kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.apply { setCodeVerifier(⟦null⟧) }.build()`),
        errors: [{ fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.apply {  }.build()`)] }],
      },
      {
        name: 'a statement of its own',
        code: kt(`fun req(c: AuthorizationServiceConfiguration): AuthorizationRequest {\n    val b = ${builder}\n    b.setCodeVerifier(⟦null⟧)\n    return b.build()\n}`),
        errors: [{ fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration): AuthorizationRequest {\n    val b = ${builder}\n    return b.build()\n}`)] }],
      },
      {
        name: 'plain challenge method: AppAuth derives S256 from the verifier',
        code: kt(`fun req(c: AuthorizationServiceConfiguration, v: String) = ${builder}\n    .setCodeVerifier(v, v, ⟦AuthorizationRequest.CODE_CHALLENGE_METHOD_PLAIN⟧)\n    .build()`),
        errors: [{ message: 'plain', fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration, v: String) = ${builder}\n    .setCodeVerifier(v)\n    .build()`)] }],
      },
      {
        name: 'a constant verifier',
        code: kt(`const val VERIFIER = "⟦dBjftJeZ4CVP-mJ92IXcGrJv0fPQszEYmbxk3ikwQ7E⟧"\nfun req(c: AuthorizationServiceConfiguration) = ${builder}.setCodeVerifier(VERIFIER).build()`),
        errors: [{ message: 'Constant PKCE code verifier', fixOutputs: [kt(`const val VERIFIER = "dBjftJeZ4CVP-mJ92IXcGrJv0fPQszEYmbxk3ikwQ7E"\nfun req(c: AuthorizationServiceConfiguration) = ${builder}.build()`)] }],
      },
      {
        name: 'hand-built authorize URL without code_challenge',
        code: 'fun url(s: String) = "⟦https://idp.example.com/authorize?response_type=code&client_id=app&redirect_uri=com.example:/cb&state=$s⟧"',
        errors: [{ severity: 'error', message: 'without code_challenge' }],
      },
      {
        name: 'Uri builder without code_challenge',
        code: 'fun url(base: android.net.Uri) = base.buildUpon()\n    .⟦appendQueryParameter⟧("response_type", "code")\n    .appendQueryParameter("client_id", "app")\n    .build()',
        errors: [{ message: 'without code_challenge (and without state)' }],
      },
      {
        name: 'OkHttp token request without code_verifier',
        code: 'fun body(code: String) = okhttp3.FormBody.Builder().⟦add⟧("grant_type", "authorization_code").add("code", code).build()',
        errors: [{ severity: 'error', message: 'no code_verifier' }],
      },
      {
        name: 'a confidential client: warning',
        code: 'fun body(code: String, secret: String) = okhttp3.FormBody.Builder().⟦add⟧("grant_type", "authorization_code").add("code", code).add("client_secret", secret).build()',
        errors: [{ severity: 'warning', message: 'confidential clients' }],
      },
      {
        name: 'inside apply { } with a statement after it',
        code: kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.apply { setCodeVerifier(⟦null⟧); setScope("openid") }.build()`),
        errors: [{ fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.apply { setScope("openid") }.build()`)] }],
      },
      {
        name: 'a statement of its own that continues on the next line',
        code: kt(`fun req(c: AuthorizationServiceConfiguration): AuthorizationRequest {\n    val b = ${builder}\n    b\n        .setCodeVerifier(⟦null⟧)\n        ?.setScope("openid")\n    return b.build()\n}`),
        errors: [{ fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration): AuthorizationRequest {\n    val b = ${builder}\n    b\n        ?.setScope("openid")\n    return b.build()\n}`)] }],
      },
      {
        // Removing the line would leave `if (l)` without a body: the receiver stays, a statement of its own in Kotlin.
        name: 'the body of an if, on the next line',
        code: kt('fun s(b: AuthorizationRequest.Builder, l: Boolean) {\n    if (l)\n        b.setCodeVerifier(⟦null⟧)\n}'),
        errors: [{ fixOutputs: [kt('fun s(b: AuthorizationRequest.Builder, l: Boolean) {\n    if (l)\n        b\n}')] }],
      },
      {
        // An if used as a value keeps its type: `b`, not an empty block.
        name: 'a branch of an if used as a value',
        code: kt('fun s(b: AuthorizationRequest.Builder, l: Boolean): AuthorizationRequest.Builder {\n    val r = if (l) b.setCodeVerifier(⟦null⟧) else b\n    return r\n}'),
        errors: [{ fixOutputs: [kt('fun s(b: AuthorizationRequest.Builder, l: Boolean): AuthorizationRequest.Builder {\n    val r = if (l) b else b\n    return r\n}')] }],
      },
      {
        name: 'an expression body on the next line',
        code: kt('fun s(b: AuthorizationRequest.Builder) =\n    b.setCodeVerifier(⟦null⟧)'),
        errors: [{ fixOutputs: [kt('fun s(b: AuthorizationRequest.Builder) =\n    b')] }],
      },
      {
        name: 'a when branch on the next line',
        code: kt('fun s(b: AuthorizationRequest.Builder, l: Int) {\n    when (l) {\n        1 ->\n            b.setCodeVerifier(⟦null⟧)\n        else -> {}\n    }\n}'),
        errors: [{ fixOutputs: [kt('fun s(b: AuthorizationRequest.Builder, l: Int) {\n    when (l) {\n        1 ->\n            b\n        else -> {}\n    }\n}')] }],
      },
      {
        name: 'inside apply { }, last, with its ;',
        code: kt('fun s(b: AuthorizationRequest.Builder) {\n    b.apply { setScope("x"); setCodeVerifier(⟦null⟧); }\n}'),
        errors: [{ fixOutputs: [kt('fun s(b: AuthorizationRequest.Builder) {\n    b.apply { setScope("x"); }\n}')] }],
      },
      {
        name: 'test sources are information',
        path: 'app/src/androidTest/java/com/example/AuthTest.kt',
        code: kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.setCodeVerifier(⟦null⟧).build()`),
        errors: [{ severity: 'info', fixOutputs: [kt(`fun req(c: AuthorizationServiceConfiguration) = ${builder}.build()`)] }],
      },
    ],
  },
  java: {
    valid: [
      java('  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, r).build(); }'),
      { name: 'guarded by the caller\'s option (react-native-app-auth)', code: java('  void setup(AuthorizationRequest.Builder b, boolean usePKCE) {\n    if (!usePKCE) {\n      b.setCodeVerifier(null);\n    }\n  }') },
    ],
    invalid: [
      {
        name: 'a statement of its own',
        code: java('  void setup(AuthorizationRequest.Builder b) {\n    b.setScope("openid");\n    b.setCodeVerifier(⟦null⟧);\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b) {\n    b.setScope("openid");\n  }')] }],
      },
      {
        // The statement goes on after the call's line: removing the line would leave `.setScope("openid");` alone.
        name: 'first of a statement that continues on the next line',
        code: java('  void setup(AuthorizationRequest.Builder b) {\n    b\n        .setCodeVerifier(⟦null⟧)\n        .setScope("openid");\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b) {\n    b\n        .setScope("openid");\n  }')] }],
      },
      {
        name: 'first of a statement that continues on the same line',
        code: java('  void setup(AuthorizationRequest.Builder b) {\n    b.setCodeVerifier(⟦null⟧).setScope("openid");\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b) {\n    b.setScope("openid");\n  }')] }],
      },
      {
        // Java has no bare `b;` statement: the body of the if becomes an empty block.
        name: 'the body of an if',
        code: java('  void setup(AuthorizationRequest.Builder b, boolean legacy) {\n    if (legacy) b.setCodeVerifier(⟦null⟧);\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b, boolean legacy) {\n    if (legacy) { }\n  }')] }],
      },
      {
        // Removing the line would leave `if (legacy)` without a statement.
        name: 'the body of an if, on the next line',
        code: java('  void setup(AuthorizationRequest.Builder b, boolean legacy) {\n    if (legacy)\n      b.setCodeVerifier(⟦null⟧);\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b, boolean legacy) {\n    if (legacy)\n      { }\n  }')] }],
      },
      {
        name: 'the body of an if, after a comment, its ; on the next line',
        code: java('  void setup(AuthorizationRequest.Builder b, boolean legacy) {\n    if (legacy) /* old IdP */ b.setCodeVerifier(⟦null⟧)\n      ;\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b, boolean legacy) {\n    if (legacy) /* old IdP */ { }\n  }')] }],
      },
      {
        name: 'the statement of a case label',
        code: java('  void setup(AuthorizationRequest.Builder b, int mode) {\n    switch (mode) { case 1: b.setCodeVerifier(⟦null⟧); }\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b, int mode) {\n    switch (mode) { case 1: { } }\n  }')] }],
      },
      {
        // `return b;` is the value the call returned, less the setting.
        name: 'a returned value',
        code: java('  AuthorizationRequest.Builder setup(AuthorizationRequest.Builder b) { return b.setCodeVerifier(⟦null⟧); }'),
        errors: [{ fixOutputs: [java('  AuthorizationRequest.Builder setup(AuthorizationRequest.Builder b) { return b; }')] }],
      },
      {
        // `() -> { }` compiles for a Runnable, `() -> b` for a Supplier: the model does not know which, so no fix.
        name: 'a lambda\'s body: no fix',
        code: java('  void setup(AuthorizationRequest.Builder b) { Runnable r = () -> b.setCodeVerifier(⟦null⟧); }'),
        errors: [{ fixOutputs: [] }],
      },
      {
        name: 'a for header: no fix (`for (b;;)` is no statement)',
        code: java('  void setup(AuthorizationRequest.Builder b) { for (b.setCodeVerifier(⟦null⟧);;) { } }'),
        errors: [{ fixOutputs: [] }],
      },
      {
        name: 'a statement followed by another on its line',
        code: java('  void setup(AuthorizationRequest.Builder b) {\n    b.setCodeVerifier(⟦null⟧); b.setScope("openid");\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b) {\n    b.setScope("openid");\n  }')] }],
      },
      {
        // The line break before the segment stays: removing it would put the `;` inside the comment.
        name: 'last in a chain, after a line that ends in a comment',
        code: java('  void setup(AuthorizationRequest.Builder b) {\n    b.setScope("openid") // legacy IdP\n        .setCodeVerifier(⟦null⟧);\n  }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b) {\n    b.setScope("openid") // legacy IdP\n        ;\n  }')] }],
      },
      {
        name: 'inside a chain',
        code: java('  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, r).setCodeVerifier(⟦null⟧).build(); }'),
        errors: [{ fixOutputs: [java('  AuthorizationRequest req(AuthorizationServiceConfiguration c, Uri r) { return new AuthorizationRequest.Builder(c, "app", ResponseTypeValues.CODE, r).build(); }')] }],
      },
      {
        name: 'plain as a string',
        code: java('  void setup(AuthorizationRequest.Builder b, String v) { b.setCodeVerifier(v, v, "⟦plain⟧"); }'),
        errors: [{ fixOutputs: [java('  void setup(AuthorizationRequest.Builder b, String v) { b.setCodeVerifier(v); }')] }],
      },
      {
        name: 'token request body without code_verifier',
        code: java('  String body(String code) { return "⟦grant_type=authorization_code&redirect_uri=com.example:/cb&code=⟧" + code; }'),
        errors: [{ message: 'no code_verifier' }],
      },
    ],
  },
  typescript: {
    valid: [
      "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code' });",
      { name: 'usePkce false with the implicit flow is the implicit rule\'s', code: "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: AuthorizationRequest.RESPONSE_TYPE_TOKEN }, undefined, false);" },
      { name: 'expo id_token request needs no PKCE', code: "import { ResponseType, useAuthRequest } from 'expo-auth-session';\nexport const use = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', responseType: ResponseType.IdToken, usePKCE: false }, d);" },
      { name: 'query with code_challenge', code: "export const q = (ch: string, s: string) => new URLSearchParams({ response_type: 'code', client_id: 'app', state: s, code_challenge: ch, code_challenge_method: 'S256' });" },
      { name: 'token request with code_verifier', code: "export const t = (code: string, v: string) => fetch('https://idp.example.com/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: v }) });" },
    ],
    invalid: [
      {
        name: 'AppAuth-JS usePkce false',
        code: "import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code' }, undefined, ⟦false⟧);",
        errors: [{ fixOutputs: ["import { AuthorizationRequest } from '@openid/appauth';\nexport const r = new AuthorizationRequest({ client_id: 'app', redirect_uri: 'https://app.example.com/cb', scope: 'openid', response_type: 'code' }, undefined, true);"] }],
      },
      {
        name: 'expo usePKCE false and the plain method',
        code: "import { CodeChallengeMethod, useAuthRequest } from 'expo-auth-session';\nexport const use = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', usePKCE: ⟦false⟧, codeChallengeMethod: ⟦CodeChallengeMethod.Plain⟧ }, d);",
        errors: [
          { fixOutputs: ["import { CodeChallengeMethod, useAuthRequest } from 'expo-auth-session';\nexport const use = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', usePKCE: true, codeChallengeMethod: CodeChallengeMethod.Plain }, d);"] },
          { fixOutputs: ["import { CodeChallengeMethod, useAuthRequest } from 'expo-auth-session';\nexport const use = (d: any) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', usePKCE: false, codeChallengeMethod: CodeChallengeMethod.S256 }, d);"] },
        ],
      },
      {
        name: 'URLSearchParams without code_challenge',
        code: "export const q = (s: string) => new ⟦URLSearchParams⟧({ response_type: 'code', client_id: 'app', redirect_uri: 'https://app.example.com/cb', state: s });",
        errors: [{ message: 'built without code_challenge:' }],
      },
      {
        name: 'token request without code_verifier',
        code: "export const t = (code: string) => fetch('https://idp.example.com/token', { method: 'POST', body: new ⟦URLSearchParams⟧({ grant_type: 'authorization_code', code, redirect_uri: 'https://app.example.com/cb' }) });",
        errors: [{ message: 'no code_verifier' }],
      },
      {
        name: 'plain method in a hand-built URL: a suggestion, the challenge must change too',
        code: "export const url = (v: string, s: string) => `https://idp.example.com/authorize?response_type=code&client_id=app&state=${s}&code_challenge=${v}&⟦code_challenge_method=plain⟧`;",
        errors: [{ fixOutputs: ["export const url = (v: string, s: string) => `https://idp.example.com/authorize?response_type=code&client_id=app&state=${s}&code_challenge=${v}&code_challenge_method=S256`;"] }],
      },
    ],
  },
  javascript: {
    valid: [
      "import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'], usePKCE: true });",
      { name: 'a placeholder verifier is not constant', code: "export const body = (v) => ({ grant_type: 'authorization_code', code_verifier: `${v}` });" },
    ],
    invalid: [
      {
        name: 'react-native-app-auth usePKCE false',
        code: "import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'], usePKCE: ⟦false⟧ });",
        errors: [{ fixOutputs: ["import { authorize } from 'react-native-app-auth';\nexport const signIn = () => authorize({ issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb', scopes: ['openid'], usePKCE: true });"] }],
      },
      {
        name: 'expo plain as a string',
        code: "import { useAuthRequest } from 'expo-auth-session';\nexport const use = (d) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', codeChallengeMethod: '⟦plain⟧' }, d);",
        errors: [{ fixOutputs: ["import { useAuthRequest } from 'expo-auth-session';\nexport const use = (d) => useAuthRequest({ clientId: 'app', redirectUri: 'com.example:/cb', codeChallengeMethod: 'S256' }, d);"] }],
      },
      {
        name: 'constant challenge in a URL',
        code: "export const url = (s) => `https://idp.example.com/authorize?response_type=code&client_id=app&state=${s}&⟦code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM⟧&code_challenge_method=S256`;",
        errors: [{ message: 'Constant PKCE challenge' }],
      },
      {
        name: 'constant verifier in a token request',
        code: "export const exchange = (code) => fetch('https://idp.example.com/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: '⟦dBjftJeZ4CVP-mJ92IXcGrJv0fPQszEYmbxk3ikwQ7E⟧' }) });",
        errors: [{ message: 'Constant PKCE code verifier' }],
      },
    ],
  },
});
