import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `import net.openid.appauth.*\n${body}`;

ruleTester('oauth-insecure-endpoint', {
  kotlin: {
    valid: [
      kt('val c = AuthorizationServiceConfiguration(Uri.parse("https://idp.example.com/authorize"), Uri.parse("https://idp.example.com/token"))'),
      { name: 'loopback host', code: kt('val c = AuthorizationServiceConfiguration(Uri.parse("http://127.0.0.1:8080/authorize"), Uri.parse("http://localhost:8080/token"))') },
      { name: 'emulator host', code: kt('fun f() = AuthorizationServiceConfiguration.fetchFromIssuer(Uri.parse("http://10.0.2.2:8080/realms/dev"), cb)') },
      { name: 'plain URL not used as an endpoint', code: 'val docs = "http://example.com/help"' },
      kt('val cfg = AppAuthConfiguration.Builder().setSkipIssuerHttpsCheck(false).build()'),
      kt('val cfg = AppAuthConfiguration.Builder().setConnectionBuilder(DefaultConnectionBuilder.INSTANCE).build()'),
    ],
    invalid: [
      {
        name: 'http endpoints in AuthorizationServiceConfiguration',
        code: kt('val c = AuthorizationServiceConfiguration(\n    Uri.parse("⟦http://sso.corp.example.com/oauth2/authorize⟧"),\n    Uri.parse("⟦http://sso.corp.example.com/oauth2/token⟧")\n)'),
        errors: [
          { severity: 'error', fixOutputs: [kt('val c = AuthorizationServiceConfiguration(\n    Uri.parse("https://sso.corp.example.com/oauth2/authorize"),\n    Uri.parse("http://sso.corp.example.com/oauth2/token")\n)')] },
          { fixOutputs: [kt('val c = AuthorizationServiceConfiguration(\n    Uri.parse("http://sso.corp.example.com/oauth2/authorize"),\n    Uri.parse("https://sso.corp.example.com/oauth2/token")\n)')] },
        ],
      },
      { name: 'testing connection builder and issuer check', code: kt('val cfg = AppAuthConfiguration.Builder()\n    .setConnectionBuilder(⟦ConnectionBuilderForTesting.INSTANCE⟧)\n    .setSkipIssuerHttpsCheck(⟦true⟧)\n    .build()') },
      { name: 'issuer constant', code: kt('const val ISSUER = "⟦http://idp.example.com/realms/app⟧"\nfun f() = AuthorizationServiceConfiguration.fetchFromIssuer(Uri.parse(ISSUER), cb)'), errors: [{ fixOutputs: [kt('const val ISSUER = "https://idp.example.com/realms/app"\nfun f() = AuthorizationServiceConfiguration.fetchFromIssuer(Uri.parse(ISSUER), cb)')] }] },
      { name: 'test sources are information', path: 'app/src/test/java/AuthTest.kt', code: kt('val cfg = AppAuthConfiguration.Builder().setSkipIssuerHttpsCheck(⟦true⟧).build()'), errors: [{ severity: 'info' }] },
    ],
  },
  java: {
    valid: ['class A { AppAuthConfiguration c = new AppAuthConfiguration.Builder().build(); }'],
    invalid: [
      { code: 'class A { AppAuthConfiguration c = new AppAuthConfiguration.Builder().setConnectionBuilder(⟦UnsafeConnectionBuilder.INSTANCE⟧).build(); }' },
      { code: 'class A { void f() { AuthorizationServiceConfiguration.fetchFromIssuer(Uri.parse("⟦http://idp.example.com⟧"), cb); } }', errors: [{ fixOutputs: ['class A { void f() { AuthorizationServiceConfiguration.fetchFromIssuer(Uri.parse("https://idp.example.com"), cb); } }'] }] },
    ],
  },
  typescript: {
    valid: ["const config = { issuer: 'https://idp.example.com', clientId: 'app', redirectUrl: 'com.example:/cb' };"],
    invalid: [
      { name: 'react-native-app-auth config', code: "const config = { issuer: '⟦http://idp.example.com⟧', clientId: 'app', dangerouslyAllowInsecureHttpRequests: ⟦true⟧ };", errors: [{ fixOutputs: ["const config = { issuer: 'https://idp.example.com', clientId: 'app', dangerouslyAllowInsecureHttpRequests: true };"] }, {}] },
      { name: 'AppAuth-JS fetchFromIssuer', code: "AuthorizationServiceConfiguration.fetchFromIssuer('⟦http://idp.example.com⟧', requestor);", errors: [{ fixOutputs: ["AuthorizationServiceConfiguration.fetchFromIssuer('https://idp.example.com', requestor);"] }] },
    ],
  },
  javascript: {
    valid: ["const cfg = { authorizationEndpoint: 'https://idp.example.com/auth' };"],
    invalid: [{ code: "const cfg = { serviceConfiguration: { authorizationEndpoint: '⟦http://idp.example.com/auth⟧', tokenEndpoint: 'https://idp.example.com/token' } };", errors: [{ fixOutputs: ["const cfg = { serviceConfiguration: { authorizationEndpoint: 'https://idp.example.com/auth', tokenEndpoint: 'https://idp.example.com/token' } };"] }] }],
  },
});
