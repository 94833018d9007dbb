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
});
