import { ruleTester } from '../helpers/rule-tester';

// Public by design (invented values): Stripe publishable keys, Mapbox public tokens, Facebook client tokens.
const publishable = ['pk', 'live', 'Zq8vLr2Xw9TnB4kPm7Yc1HdS'].join('_');
const mapboxPublic = 'pk.eyJ1IjoiZmFrZSIsImEiOiJmYWtlIn0.Zq8vLr2Xw9TnB4kPm7Yc1H';
const clientToken = 'a3f9c1e27b4d8e05f6a1c2b3d4e5f607';

ruleTester('hardcoded-secret', {
  kotlin: {
    valid: [
      { name: 'preference key names', code: 'const val PREF_ACCESS_TOKEN = "access_token"\nconst val KEY_API_KEY = "apiKey"' },
      { name: 'env-var name', code: 'const val SECRET_NAME = "PAYMENTS_DB_PASSWORD"' },
      { name: 'header name', code: 'const val TOKEN_HEADER_NAME = "X-Session-Token"' },
      { name: 'public id and version', code: 'const val public_key_id = "k7Qx2mZp9LwV4tRb8NcY1sJd"\nconst val app_version = "3f9a1c27be4d8e05a6c1f2b3d4e5f60718293a4b"' },
      { name: 'placeholders', code: 'val apiKey = "YOUR_API_KEY"\nval token = "<token>"\nval password = "changeme"' },
      { name: 'value read from BuildConfig', code: 'val apiKey = BuildConfig.OPENAI_API_KEY' },
      { name: 'header value from a variable', code: 'fun f(t: String) = Request.Builder().addHeader("Authorization", "Bearer $t").build()' },
      { name: 'scheme only', code: 'val h = mapOf("Authorization" to "Bearer ")' },
      { name: 'i18n text', code: 'val passwordHint = "Enter your password here"' },
      { name: 'publishable and Facebook client token names', code: `const val STRIPE_PUBLISHABLE_KEY = "${publishable}"\nconst val stripePublishableKeyLive = "Zq8vLr2Xw9TnB4kPm7Yc1HdS"\nconst val FACEBOOK_CLIENT_TOKEN = "${clientToken}"\nval fbClientToken = "${clientToken}"` },
      { name: 'a publishable key under a secret-like name or in a sink', code: `const val STRIPE_KEY = "${publishable}"\nval stripe = Stripe(context, apiKey = "${publishable}")\nval mapboxAccessToken = "${mapboxPublic}"` },
    ],
    invalid: [
      { name: 'secret-like property', code: 'class C {\n    private val secret: String = "⟦hJ8kL2mN9pQ4rS7tV1wX3yZ6⟧"\n}', errors: [{ severity: 'error', message: 'assigned to `secret`' }] },
      { name: 'Authorization header (OkHttp)', code: 'val r = Request.Builder().addHeader("Authorization", "⟦Bearer eW91ci1sb25nLXRva2VuLWhlcmU5⟧").build()', errors: [{ message: 'Authorization header' }] },
      { name: 'Google AI SDK named argument', code: 'val m = GenerativeModel(modelName = "gemini-pro", apiKey = "⟦Rk9PQkFSQkFaUVVYMTIzNDU2Nzg⟧")' },
      { name: 'openai-kotlin', code: 'val ai = OpenAI(token = "⟦Rk9PQkFSQkFaUVVYMTIzNDU2Nzg⟧")' },
      { name: 'Credentials.basic password', code: 'val c = Credentials.basic("admin", "⟦P4ssw0rd-Zx9Qm2Lk⟧")' },
      { name: 'map of headers', code: 'val headers = mapOf("X-Api-Key" to "⟦Ax7Kq2Wm9Lp4Rt8Yz1Nb6Vc3⟧")' },
      { name: 'names ending in a digit or a provider key', code: 'object K {\n    const val PASSWORD4 = "⟦Xk9mQ2vL7pR4Tz⟧"\n    const val OPENAI_KEY = "⟦Mn3Bv7Cx1Zl9Kj5Hg2Fd8Sa4Qw6Er0T⟧"\n}' },
      { name: 'raw string with trimIndent', code: 'val apiToken = """\n    ⟦Kp4Vx8Lm2Qw9Rt6Yb3Nc⟧\n""".trimIndent()', errors: [{ message: 'Kp4V…(20 chars)' }] },
      { name: 'buildConfigField in a Kotlin Gradle script', path: 'app/build.gradle.kts', code: 'android {\n    defaultConfig {\n        buildConfigField("String", "API_SECRET", "\\"⟦Ws4Ed8Rf2Tg6Yh1Uj9Ik3Ol7Pm5Nb0V⟧\\"")\n        buildConfigField("String", "VERSION_TAG", "\\"release\\"")\n    }\n}', errors: [{ message: 'assigned to `API_SECRET` (Ws4E…(31 chars))' }] },
      { name: 'a real password holding a placeholder word', code: 'val password = "⟦hunter2Secure!Pass99⟧"' },
      { name: 'neutral constant reaching a header', code: 'const val V = "⟦Ax7Kq2Wm9Lp4Rt8Yz1Nb6Vc3⟧"\nfun f() = Request.Builder().header("X-Api-Key", V).build()' },
      { name: 'a client token of no Facebook SDK, a Facebook app secret', code: `const val CLIENT_TOKEN = "⟦${clientToken}⟧"\nconst val FACEBOOK_APP_SECRET = "⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧"` },
      {
        // Nothing else in the file gets it parsed: the pre-filter must see the value past its escapes.
        name: 'escaped quote and backslash in the value',
        code: 'object Db {\n    const val DB_PASSWORD = "⟦Fq8zK2\\"mN5wP9xL3Tq7Rb⟧"\n    const val DB_PASSWORD2 = "⟦Fq8zK2\\\\mN5wP9xL3Tq7Rb⟧"\n}',
        errors: [{ message: 'assigned to `DB_PASSWORD`' }, { message: 'assigned to `DB_PASSWORD2`' }],
      },
      {
        name: 'signing key passwords in a Kotlin Gradle script',
        path: 'app/build.gradle.kts',
        code: 'android {\n    signingConfigs {\n        create("release") {\n            keyAlias = "upload"\n            keyPassword = "⟦Wd4Hs9Lc2Nq7Pv3Jy8Rb⟧"\n        }\n    }\n}',
        errors: [{ message: 'assigned to `keyPassword` (Wd4H…(20 chars))' }],
      },
    ],
  },
  java: {
    valid: [
      'class P { public static final String PREF_REFRESH_TOKEN = "refresh_token_v2"; }',
      'class P { private static final String PASSWORD_MASK = "**********"; }',
      'class P { String q = "SELECT id FROM users WHERE name=@name AND Password=@password"; }',
      'class P { String pwd = System.getenv("DB_PASSWORD"); }',
    ],
    invalid: [
      { name: 'escaped quote in the value', code: 'class Db {\n  static final String DB_PASSWORD = "⟦Fq8zK2\\"mN5wP9xL3Tq7Rb⟧";\n}', errors: [{ message: 'assigned to `DB_PASSWORD`' }] },
      { code: 'class B { private String apiToken = "⟦Lm9Nq2Rs7Tu4Vw1Xy8Za3Bc6⟧"; }' },
      { name: 'HttpURLConnection header', code: 'class B { void f() { conn.setRequestProperty("X-Api-Key", "⟦Hk2Jm9Nq4Rs7Tu1Vw8Xy3Za6⟧"); } }' },
      { name: 'Retrofit @Headers', code: 'interface Api { @Headers("⟦Authorization: Bearer Hk2Jm9Nq4Rs7Tu1Vw8Xy3Za6⟧") @GET("me") Call<User> me(); }' },
      { name: 'openai-java builder', code: 'class B { OpenAIClient c = OpenAIOkHttpClient.builder().apiKey("⟦Hk2Jm9Nq4Rs7Tu1Vw8Xy3Za6⟧").build(); }' },
      { name: 'text block', code: 'class B {\n    static final String TOKEN = """\n        ⟦Mn3Bv7Cx1Zl9Kj5Hg2Fd8Sa4Qw6Er0T⟧""";\n}', errors: [{ message: 'Mn3B…(31 chars)' }] },
      { name: 'Stripe.apiKey assignment', code: 'class B { void f() { Stripe.apiKey = "⟦Hk2Jm9Nq4Rs7Tu1Vw8Xy3Za6⟧"; } }' },
    ],
  },
  typescript: {
    valid: [
      "const handlers = { tokenRefresh: 'refreshAccessTokenIfExpiredOrMissing' };",
      "export const checkoutDefaults = { paymentProfileId: '9f2c4e71a0b83d56e4f1c2a7b9d0e368' };",
      "const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });",
      "const key = import.meta.env.VITE_MAPS_KEY;",
      "fetch(url, { headers: { Authorization: `Bearer ${token}` } });",
      { name: 'empty password', code: "const form = { password: '' };" },
      { name: 'template parameter', code: "const q = { password: '{{password}}' };" },
      { name: 'publishable and Facebook client token names', code: `export const stripePublishableKey = '${publishable}';\nexport const config = { facebookClientToken: '${clientToken}', STRIPE_PUBLISHABLE_KEY_TEST: 'Zq8vLr2Xw9TnB4kPm7Yc1HdS' };` },
      { name: 'a publishable key under a secret-like name or in a sink', code: `const stripeKey = '${publishable}';\nmapboxgl.accessToken = '${mapboxPublic}';\nfetch(url, { headers: { Authorization: 'Bearer ${publishable}' } });` },
    ],
    invalid: [
      { name: 'escaped quote in the value', code: "export const dbPassword = '⟦Fq8zK2\\'mN5wP9xL3Tq7Rb⟧';", errors: [{ message: 'assigned to `dbPassword`' }] },
      { name: 'OpenAI constructor', code: "const openai = new OpenAI({ apiKey: '⟦Kp9Lm2Nq7Rs4Tu1Vw8Xy3Za6⟧' });" },
      { name: 'fetch header', code: "fetch(url, { headers: { 'X-Api-Key': '⟦Qw8Er2Ty7Ui4Op1As9Df3Gh6⟧' } });" },
      { name: 'axios Authorization', code: "axios.get(url, { headers: { Authorization: '⟦Bearer Qw8Er2Ty7Ui4Op1As9Df3Gh6⟧' } });" },
      { name: 'secret-like object key', code: "export const config = { apiKey: '⟦Qw8Er2Ty7Ui4Op1As9Df3Gh6⟧' };" },
      { name: 'a Mapbox token that is not a public one', code: "mapboxgl.accessToken = '⟦tk.eyJ1IjoiZmFrZSIsImEiOiJmYWtlIn0.Zq8vLr2Xw9TnB4kPm7Yc1H⟧';" },
    ],
  },
  javascript: {
    valid: ["const token = localStorage.getItem('token');"],
    invalid: [{ code: "const API_TOKEN = '⟦Qw8Er2Ty7Ui4Op1As9Df3Gh6⟧';" }],
  },
  gradle: {
    valid: ['android { defaultConfig { buildConfigField "String", "API_KEY", "\\"${apiKey}\\"" } }'],
    invalid: [
      { code: 'def apiSecret = \'⟦Gh7Jk2Lm9Np4Qr8St1Uv6Wx3⟧\'' },
      {
        name: 'signing config passwords',
        code: 'android {\n  signingConfigs {\n    release {\n      storePassword "⟦Kp7Fq2Zn3Rb8Xk2Mv5Tz⟧"\n      keyAlias "upload"\n      keyPassword "⟦Wd4Hs9Lc2Nq7Pv3Jy8Rb⟧"\n    }\n  }\n}',
        errors: [{ message: '`storePassword`' }, { message: '`keyPassword`' }],
      },
    ],
  },
  properties: {
    valid: ['org.gradle.jvmargs=-Xmx2048m\nandroid.useAndroidX=true'],
    invalid: [{ code: 'org.gradle.jvmargs=-Xmx2048m\nAPI_SECRET=⟦Pq8Rs3Tu9Vw2Xy7Za1Bc6De4⟧' }],
  },
  manifest: {
    valid: [
      { name: 'placeholder, resource and version values', code: manifest('<meta-data android:name="com.example.PARTNER_API_KEY" android:value="${PARTNER_API_KEY}"/>\n        <meta-data android:name="com.example.API_TOKEN" android:resource="@string/api_token"/>\n        <meta-data android:name="com.google.android.gms.version" android:value="@integer/google_play_services_version"/>') },
      { name: 'public ids', code: manifest('<meta-data android:name="com.facebook.sdk.ApplicationId" android:value="Zq8vLr2Xw9TnB4kPm7Yc1HdS"/>') },
      { name: 'class names and labels', code: manifest('<activity android:name=".auth.TokenRefreshActivity" android:label="Secret settings"/>') },
      { name: 'the Facebook client token meta-data', code: manifest(`<meta-data android:name="com.facebook.sdk.ClientToken" android:value="${clientToken}"/>`) },
      { name: 'a publishable key in a meta-data value', code: manifest(`<meta-data android:name="com.example.stripe.API_KEY" android:value="${publishable}"/>`) },
    ],
    invalid: [
      {
        name: 'a meta-data value bound to its android:name',
        code: manifest('<meta-data\n            android:name="com.example.PARTNER_API_KEY"\n            android:value="⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧"/>'),
        errors: [{ severity: 'error', message: 'Hard-coded secret assigned to `com.example.PARTNER_API_KEY` (Zq8v…(24 chars)). Revoke and rotate it, then load it at run time; a key shipped in an app can still be extracted, so keep it behind your backend.' }],
      },
      { name: 'value before name, single quotes', code: manifest("<meta-data android:value='⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧' android:name='io.fabric.ApiKey'/>"), errors: [{ message: 'assigned to `io.fabric.ApiKey`' }] },
      {
        name: 'half-typed: a tag without its /> does not take the next one\'s key',
        code: manifest('<meta-data android:name="com.example.FLAG" android:value="on"\n        <meta-data android:name="com.example.PARTNER_API_KEY" android:value="⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧"/>'),
        errors: [{ message: 'assigned to `com.example.PARTNER_API_KEY`' }],
      },
    ],
  },
  values: {
    valid: [
      { name: 'UI text about secrets', code: '<resources>\n    <string name="password_hint">Enter your password</string>\n    <string name="api_key_label">API key</string>\n    <string name="error_token">Your session token expired. Sign in again.</string>\n</resources>\n' },
      { name: 'references, empty values, markup', code: '<resources>\n    <string name="auth_token">@string/other_token</string>\n    <string name="api_secret" translatable="false"></string>\n    <string name="app_secret"><b>Zq8vLr2Xw9TnB4kPm7Yc1HdS</b></string>\n</resources>\n' },
      { name: 'a string array item is no named value', code: '<resources>\n    <string-array name="api_keys">\n        <item>Zq8vLr2Xw9TnB4kPm7Yc1HdS</item>\n    </string-array>\n</resources>\n' },
      { name: 'publishable keys and the Facebook client token', code: `<resources>\n    <string name="stripe_publishable_key">${publishable}</string>\n    <string name="publishable_api_key">Zq8vLr2Xw9TnB4kPm7Yc1HdS</string>\n    <string name="facebook_client_token">${clientToken}</string>\n    <string name="stripe_api_key">${publishable}</string>\n    <string name="mapbox_access_token">${mapboxPublic}</string>\n</resources>\n` },
    ],
    invalid: [
      { name: 'string resource by name', code: '<resources>\n    <string name="partner_api_secret" translatable="false">⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧</string>\n</resources>\n', errors: [{ message: 'assigned to `partner_api_secret` (Zq8v…(24 chars))' }] },
      { name: 'Android quotes and white space around it', code: '<resources>\n    <string name="api_token">\n        "⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧"\n    </string>\n</resources>\n' },
      { name: 'an entity inside the value', code: '<resources>\n    <string name="db_password">⟦Zq8v&amp;Lr2Xw9TnB4kPm7⟧</string>\n</resources>\n', errors: [{ message: '(Zq8v…(19 chars))' }] },
      { name: '<item type="string">', code: '<resources>\n    <item type="string" name="partner_api_key">⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧</item>\n</resources>\n' },
      { name: 'half-typed: after an unclosed string', code: '<resources>\n    <string name="api_token">⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧</string>\n    <string name="title">Sho' },
      { name: 'CDATA: the range is the text inside the section', code: '<resources>\n    <string name="api_token"><![CDATA[⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧]]></string>\n    <string name="api_secret">\n        <![CDATA[\n            ⟦Qw8Er2Ty7Ui4Op1As9Df3Gh6⟧\n        ]]>\n    </string>\n</resources>\n' },
      { name: 'half-typed: a tag without its > before the next resource', code: '<resources>\n    <string name="title"\n    <string name="api_token">⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧</string>\n</resources>\n' },
      { name: 'a client token of no Facebook SDK; a Facebook app secret', code: `<resources>\n    <string name="client_token">⟦${clientToken}⟧</string>\n    <string name="facebook_app_secret">⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧</string>\n</resources>\n` },
    ],
  },
  'google-services': {
    valid: [
      { name: 'client ids are public', code: '{ "client": [ { "oauth_client": [ { "client_id": "123456789012-Zq8vLr2Xw9TnB4kPm7Yc1HdS.apps.googleusercontent.com", "client_type": 3 } ] } ] }\n' },
    ],
    invalid: [
      { name: 'a secret-like key name', code: '{ "client": [ { "services": { "partner": { "api_secret": "⟦Zq8vLr2Xw9TnB4kPm7Yc1HdS⟧" } } } ] }\n', errors: [{ message: 'assigned to `api_secret`' }] },
    ],
  },
});

function manifest(inApplication: string): string {
  return `<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    <application>\n        ${inApplication}\n    </application>\n</manifest>\n`;
}
