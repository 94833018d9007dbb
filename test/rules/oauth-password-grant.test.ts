import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `import net.openid.appauth.*\n\n${body}`;

ruleTester('oauth-password-grant', {
  kotlin: {
    valid: [
      kt('fun t(c: AuthorizationServiceConfiguration, code: String) = TokenRequest.Builder(c, "app").setGrantType(GrantTypeValues.AUTHORIZATION_CODE).setAuthorizationCode(code).build()'),
      { name: 'a password form field is not the grant', code: 'fun body(u: String, p: String) = okhttp3.FormBody.Builder().add("username", u).add("password", p).build()' },
      { name: 'the word in UI text', code: 'val hint = "password"' },
      { name: 'another library\'s GRANT_TYPE_PASSWORD', code: 'object Grants { const val GRANT_TYPE_CODE = "authorization_code" }\nfun g() = listOf(Grants.GRANT_TYPE_CODE)' },
    ],
    invalid: [
      { name: 'AppAuth TokenRequest.GRANT_TYPE_PASSWORD', code: kt('fun t(c: AuthorizationServiceConfiguration) = TokenRequest.Builder(c, "app").setGrantType(⟦TokenRequest.GRANT_TYPE_PASSWORD⟧).build()'), errors: [{ severity: 'warning', message: 'RFC 9700 §2.4' }] },
      { name: 'setGrantType("password")', code: kt('fun t(c: AuthorizationServiceConfiguration) = TokenRequest.Builder(c, "app").setGrantType("⟦password⟧").build()') },
      { name: 'OkHttp form body', code: 'fun body(u: String, p: String) = okhttp3.FormBody.Builder().add("grant_type", "⟦password⟧").add("username", u).add("password", p).build()' },
      { name: 'Retrofit field default', code: 'interface Api {\n    @FormUrlEncoded @POST("token")\n    suspend fun login(@Field("username") u: String, @Field("password") p: String, @Field("grant_type") grantType: String = "⟦password⟧"): Tokens\n}' },
      { name: 'map entry', code: 'fun form(u: String, p: String) = mapOf("grant_type" to "⟦password⟧", "username" to u, "password" to p)' },
      { name: 'test sources are information', path: 'app/src/test/java/com/example/LoginTest.kt', code: 'fun form(u: String, p: String) = mapOf("grant_type" to "⟦password⟧", "username" to u)', errors: [{ severity: 'info' }] },
    ],
  },
  java: {
    valid: [
      'class T { String grant() { return "authorization_code"; } }',
      { name: 'a constant that only names the value (AppAuth\'s own TokenRequest)', code: 'package net.openid.appauth;\n\nclass TokenRequest {\n  public static final String GRANT_TYPE_PASSWORD = "password";\n}' },
    ],
    invalid: [
      { name: 'string body', code: 'class T { String body(String u, String p) { return "⟦grant_type=password⟧&username=" + u + "&password=" + p; } }' },
      { name: 'a constant', code: 'class T {\n  static final String GRANT_TYPE = "⟦password⟧";\n  void f(java.util.Map<String, String> m) { m.put("grant_type", GRANT_TYPE); }\n}' },
      { name: 'a constant named after the value, reported where it is written because it is used', code: 'class T {\n  static final String GRANT_TYPE_PASSWORD = "⟦password⟧";\n  okhttp3.FormBody f() { return new okhttp3.FormBody.Builder().add("grant_type", GRANT_TYPE_PASSWORD).build(); }\n}' },
    ],
  },
  typescript: {
    valid: [
      "export const body = (code: string, v: string) => new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: v });",
      { name: 'a password field', code: "export const login = (u: string, p: string) => api.post('/session', { username: u, password: p, type: 'password' });" },
    ],
    invalid: [
      { name: 'object key', code: "export const login = (u: string, p: string) => axios.post('https://idp.example.com/token', { grant_type: '⟦password⟧', username: u, password: p });" },
      { name: 'camel-case grantType (Keycloak admin client)', code: "export const auth = (kc: any, u: string, p: string) => kc.auth({ grantType: '⟦password⟧', clientId: 'admin-cli', username: u, password: p });" },
    ],
  },
  javascript: {
    valid: ["export const q = 'grant_type=refresh_token&refresh_token=' + rt;"],
    invalid: [
      { name: 'template body', code: 'export const body = (u, p) => `⟦grant_type=password⟧&username=${u}&password=${p}`;' },
      { name: 'append', code: "export function form(f, u, p) { f.append('grant_type', '⟦password⟧'); f.append('username', u); f.append('password', p); return f; }" },
    ],
  },
});
