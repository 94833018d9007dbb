import { ruleTester } from '../helpers/rule-tester';
import { makeGitHubClassic } from '../../server/src/engine/secrets/checksum';

// Key-shaped values are assembled at run time from visibly fake parts, so no committed file holds one.
const fill = (n: number, src = 'FAKE0TEST1ONLY2fake3test4only5') => src.repeat(Math.ceil(n / src.length)).slice(0, n);
const google = 'AI' + 'za' + fill(35, 'FAKE0TEST1ONLY2_-fake');
const stripeTest = ['sk', 'test', fill(24)].join('_');
const stripeLive = ['sk', 'live', fill(24)].join('_');
const github = makeGitHubClassic('ghp', fill(30, 'FAKE0TEST1ONLY'));
const githubBadChecksum = 'ghp_' + fill(36, 'FAKE0TEST1ONLY');
const openai = ['sk', fill(20, 'FAKE0TEST1ONLY2') + 'T3Blbk' + 'FJ' + fill(20, 'fake3test4only5')].join('-');
const db = 'postgres://app:' + 'Zq8vLr2Xw9Tn' + '@db.internal:5432/app';

ruleTester('hardcoded-credential', {
  kotlin: {
    valid: [
      { name: 'failing checksum', code: `val t = "${githubBadChecksum}"` },
      { name: 'prefix alone', code: 'val p = "ghp_"' },
      { name: 'connection string with a placeholder password', code: 'val u = "postgres://app:${DB_PASSWORD}@db:5432/app"' },
      { name: 'connection string without password', code: 'val u = "postgres://db.internal:5432/app"' },
    ],
    invalid: [
      { name: 'OpenAI key passed to a client', code: `val ai = OpenAI(token = "⟦${openai}⟧")`, errors: [{ severity: 'error', message: `OpenAI credential hard-coded (sk-F…(${openai.length} chars))` }] },
      { name: 'GitHub token with a valid checksum', code: `const val GH = "⟦${github}⟧"` },
      { name: 'Google key for Places is information', code: `fun f(c: Context) = Places.initialize(c, "⟦${google}⟧")`, errors: [{ severity: 'info', message: 'restrict it' }] },
      { name: 'Google key for Gemini stays error', code: `val m = GenerativeModel(modelName = "gemini-pro", apiKey = "⟦${google}⟧")`, errors: [{ severity: 'error' }] },
      { name: 'Google key policy "error"', code: `fun f(c: Context) = Places.initialize(c, "⟦${google}⟧")`, options: { googleKeyPolicy: 'error' }, errors: [{ severity: 'error' }] },
      { name: 'key in a comment', code: `// old key: ⟦${stripeLive}⟧\nval x = 1` },
      { name: 'Stripe test key is information', code: `val k = "⟦${stripeTest}⟧"`, errors: [{ severity: 'info' }] },
      { name: 'one finding for a literal with two credentials', code: `val both = "⟦${github} ${github}⟧"` },
      { name: 'a secret key under a publishable name', code: `const val STRIPE_PUBLISHABLE_KEY = "⟦${stripeLive}⟧"`, errors: [{ severity: 'error', message: 'Stripe credential hard-coded (sk_l…(32 chars))' }] },
    ],
  },
  java: {
    valid: ['class A { String u = "jdbc:postgresql://db.internal:5432/app"; }'],
    invalid: [{ code: `class A { String u = "⟦${db}⟧"; }`, errors: [{ message: 'Zq8v…(12 chars)' }] }],
  },
  typescript: {
    valid: [
      `const doc = 'Keys look like sk_live_… (see the provider docs)';`,
      { name: 'documented example key in a doc comment', code: `interface Options {\n  /**\n   * An API key used for authenticating requests from your app, e.g.\n   * "${google}", used to identify your app.\n   */\n  apiKey?: string;\n}` },
      { name: 'example key after "for example"', code: `// For example: ${stripeLive}\nconst x = 1;` },
    ],
    invalid: [
      { code: `const stripe = new Stripe('⟦${stripeLive}⟧');` },
      { name: 'firebase config is information', code: `initializeApp({ apiKey: '⟦${google}⟧', projectId: 'demo' });`, errors: [{ severity: 'info' }] },
      { name: 'template literal', code: `const h = \`⟦Bearer ${github}⟧\`;` },
      { name: 'a secret key under a publishable name', code: `export const stripePublishableKey = '⟦${stripeLive}⟧';`, errors: [{ severity: 'error' }] },
    ],
  },
  javascript: {
    valid: ['const key = process.env.STRIPE_KEY;'],
    invalid: [{ code: `module.exports = { stripe: '⟦${stripeLive}⟧' };` }],
  },
  gradle: {
    valid: ['android { defaultConfig { buildConfigField "String", "MAPS_KEY", "\\"${mapsKey}\\"" } }'],
    invalid: [{ code: `android { defaultConfig { resValue "string", "google_maps_key", "⟦${google}⟧" } }`, errors: [{ severity: 'info' }] }],
  },
  properties: {
    valid: ['MAPS_API_KEY=${MAPS_KEY}'],
    invalid: [{ code: `GITHUB_TOKEN=⟦${github}⟧` }],
  },
  manifest: {
    valid: [
      { name: 'a manifest placeholder filled in by Gradle', code: metaData('com.google.android.geo.API_KEY', '${MAPS_API_KEY}') },
      { name: 'a resource reference', code: `<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    <application>\n        <meta-data android:name="com.google.android.geo.API_KEY" android:resource="@string/google_maps_key"/>\n    </application>\n</manifest>\n` },
    ],
    invalid: [
      {
        name: 'Maps key in its meta-data is information (Google-key policy "context")',
        code: metaData('com.google.android.geo.API_KEY', `⟦${google}⟧`),
        errors: [{ severity: 'info', message: `Google credential hard-coded (AIza…(39 chars)). Revoke it at the provider (it stays in git history) and load the replacement at run time. Maps/Firebase keys ship in apps by design: restrict it to your app (package + SHA-1, or HTTP referrer) and to the APIs it needs.` }],
      },
      { name: 'policy "error"', options: { googleKeyPolicy: 'error' }, code: metaData('com.google.android.geo.API_KEY', `⟦${google}⟧`), errors: [{ severity: 'error' }] },
      { name: 'a Google key under a name of no Maps/Firebase context stays error', code: metaData('com.example.GEMINI_KEY', `⟦${google}⟧`), errors: [{ severity: 'error' }] },
      { name: 'a payment key in a meta-data value', code: metaData('com.example.stripe.KEY', `⟦${stripeLive}⟧`), errors: [{ severity: 'error', message: 'Stripe credential hard-coded (sk_l…(32 chars))' }] },
      { name: 'a key in an XML comment', code: `<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    <!-- old: ⟦${stripeLive}⟧ -->\n    <application/>\n</manifest>\n` },
    ],
  },
  values: {
    valid: [
      { name: 'no key', code: '<resources>\n    <string name="app_name">Shop</string>\n</resources>\n' },
    ],
    invalid: [
      { name: 'google_maps_key is information', code: `<resources>\n    <string name="google_maps_key" templateMergeStrategy="preserve" translatable="false">⟦${google}⟧</string>\n</resources>\n`, errors: [{ severity: 'info', message: 'restrict it to your app' }] },
      { name: 'google_api_key (the google-services plugin\'s name) is information', code: `<resources>\n    <string name="google_api_key" translatable="false">⟦${google}⟧</string>\n    <string name="google_crash_reporting_api_key" translatable="false">⟦${google}⟧</string>\n</resources>\n`, errors: [{ severity: 'info' }, { severity: 'info' }] },
      { name: 'a Google key named for another API is error', code: `<resources>\n    <string name="gemini_api_key">⟦${google}⟧</string>\n</resources>\n`, errors: [{ severity: 'error' }] },
      { name: 'policy "info"', options: { googleKeyPolicy: 'info' }, code: `<resources>\n    <string name="gemini_api_key">⟦${google}⟧</string>\n</resources>\n`, errors: [{ severity: 'info' }] },
      { name: 'in Android quotes, on its own line', code: `<resources>\n    <string name="github_token">\n        "⟦${github}⟧"\n    </string>\n</resources>\n` },
      { name: 'half-typed: the file ends in the next resource', code: `<resources>\n    <string name="stripe_key">⟦${stripeLive}⟧</string>\n    <string name="app_na` },
      { name: 'a secret key under a publishable or client-token name', code: `<resources>\n    <string name="stripe_publishable_key">⟦${stripeLive}⟧</string>\n    <string name="facebook_client_token">⟦${github}⟧</string>\n</resources>\n`, errors: [{ severity: 'error' }, { severity: 'error' }] },
    ],
  },
  'google-services': {
    valid: [
      { name: 'project numbers, ids, client ids and certificate hashes', code: googleServices('"mobilesdk_app_id": "1:123456789012:android:0a1b2c3d4e5f6a7b", "certificate_hash": "0123456789abcdef0123456789abcdef01234567", "oauth_client": [ { "client_id": "123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com", "client_type": 3 } ]') },
    ],
    invalid: [
      {
        name: 'the Firebase key (api_key[].current_key) is information',
        code: googleServices(`"api_key": [ { "current_key": "⟦${google}⟧" } ]`),
        errors: [{ severity: 'info', message: 'Maps/Firebase keys ship in apps by design: restrict it' }],
      },
      { name: 'policy "error"', options: { googleKeyPolicy: 'error' }, code: googleServices(`"api_key": [ { "current_key": "⟦${google}⟧" } ]`), errors: [{ severity: 'error' }] },
      { name: 'a Google key elsewhere in the file stays error', code: googleServices(`"services": { "ai": { "key": "⟦${google}⟧" } }`), errors: [{ severity: 'error' }] },
      { name: 'half-typed JSON', code: `{ "client": [ { "api_key": [ { "current_key": "⟦${google}⟧" }, { "cur` , errors: [{ severity: 'info' }] },
    ],
  },
});

function metaData(name: string, value: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    <application android:label="Shop">\n        <meta-data\n            android:name="${name}"\n            android:value="${value}" />\n    </application>\n</manifest>\n`;
}

function googleServices(client: string): string {
  return `{\n  "project_info": { "project_number": "123456789012", "project_id": "shop-demo" },\n  "client": [\n    { ${client} }\n  ],\n  "configuration_version": "1"\n}\n`;
}
