import { ruleTester } from '../helpers/rule-tester';

const kt = (body: string) => `import android.content.Context\n\nclass TokenStore(private val context: Context) {\n${body}\n}`;

ruleTester('token-insecure-storage', {
  kotlin: {
    valid: [
      { name: 'preferences for non-secrets', code: kt('    fun save(prefs: SharedPreferences) { prefs.edit().putString("theme", "dark").apply() }') },
      { name: 'a token encrypted before storing', code: kt('    fun save(prefs: SharedPreferences, token: String) { prefs.edit().putString("access_token", cipher.encrypt(token)).apply() }') },
      { name: 'React Native bridge map, not storage', code: kt('    fun toMap(map: WritableMap, response: TokenResponse) { map.putString("accessToken", response.accessToken) }') },
      { name: 'private mode', code: kt('    val prefs = context.getSharedPreferences("auth", Context.MODE_PRIVATE)') },
      { name: 'external storage without a token', code: kt('    fun export(csv: String) { File(context.getExternalFilesDir(null), "orders.csv").writeText(csv) }') },
      {
        name: 'EncryptedSharedPreferences in use',
        code: kt('    private val prefs = EncryptedSharedPreferences.create(context, "auth", masterKey, AES256_SIV, AES256_GCM)\n    fun save(token: String) { prefs.edit().putString("access_token", token).apply() }'),
      },
      { name: 'intent extras', code: kt('    fun pass(intent: Intent, token: String) { intent.putExtra("token", token) }') },
    ],
    invalid: [
      {
        name: 'AuthState in plain SharedPreferences (information)',
        code: kt('    fun save(prefs: SharedPreferences, state: AuthState) {\n        prefs.edit().putString("auth_state", ⟦state.jsonSerializeString()⟧).apply()\n    }'),
        errors: [{ severity: 'info', message: 'plain SharedPreferences' }],
      },
      {
        name: 'core-ktx edit lambda with a key constant',
        code: kt('    fun save(prefs: SharedPreferences, accessToken: String) {\n        prefs.edit { putString(KEY_ACCESS_TOKEN, ⟦accessToken⟧) }\n    }'),
        errors: [{ severity: 'info' }],
      },
      { name: 'DataStore key for a token', code: 'val ACCESS_TOKEN = stringPreferencesKey(⟦"access_token"⟧)', errors: [{ severity: 'info', message: 'DataStore' }] },
      {
        name: 'world-readable preferences',
        code: kt('    val prefs = context.getSharedPreferences("auth", ⟦Context.MODE_WORLD_READABLE⟧)'),
        errors: [{ severity: 'warning', message: 'every app on the device' }],
      },
      {
        name: 'token written to external storage',
        code: kt('    fun save(accessToken: String) {\n        File(Environment.getExternalStorageDirectory(), "session.txt").writeText(⟦accessToken⟧)\n    }'),
        errors: [{ severity: 'warning', message: 'external storage' }],
      },
      {
        name: 'token in a JSON template on external storage',
        code: kt('    fun save(refreshToken: String) {\n        File(context.getExternalFilesDir(null), "auth.json").writeText("""{"refresh":"$⟦refreshToken⟧"}""")\n    }'),
      },
    ],
  },
  java: {
    valid: [
      'class A { void save(SharedPreferences prefs) { prefs.edit().putString("last_screen", "home").apply(); } }',
      'class A { void s(Bundle outState, String token) { outState.putString("token", token); } }',
    ],
    invalid: [
      {
        name: 'editor variable',
        code: 'class A { void save(SharedPreferences.Editor editor, AuthState state) { editor.putString(PREF_AUTH_STATE, ⟦state.jsonSerializeString()⟧); editor.apply(); } }',
        errors: [{ severity: 'info' }],
      },
      { name: 'openFileOutput world-writeable', code: 'class A { void f(Context c) throws Exception { c.openFileOutput("t", ⟦Context.MODE_WORLD_WRITEABLE⟧); } }' },
      {
        name: 'FileWriter on external storage',
        code: 'class A {\n    void f(String idToken) throws IOException {\n        File f = new File(Environment.getExternalStoragePublicDirectory(Environment.DIRECTORY_DOCUMENTS), "t.txt");\n        try (FileWriter w = new FileWriter(f)) { w.write(⟦idToken⟧); }\n    }\n}',
      },
    ],
  },
  typescript: {
    valid: [
      "export const saveTheme = (t: string) => localStorage.setItem('theme', t);",
      "export const saveVerifier = (v: string) => sessionStorage.setItem('pkce_code_verifier', v);",
      "export const read = () => localStorage.getItem('access_token');",
      "import * as SecureStore from 'expo-secure-store';\nexport const save = (token: string) => SecureStore.setItemAsync('access_token', token);",
      "export function f() { document.cookie = 'theme=dark; path=/'; }",
      { name: 'HttpOnly cookie from the server', code: "import express from 'express';\nconst app = express();\napp.post('/login', (req, res) => { res.cookie('session_token', token, { httpOnly: true, secure: true, sameSite: 'strict' }); });" },
      { name: 'Koa cookies are HttpOnly by default', code: "import Koa from 'koa';\nexport const h = (ctx: Koa.Context, token: string) => ctx.cookies.set('token', token);" },
      { name: 'SvelteKit cookies are HttpOnly by default', code: "import type { Actions } from './$types';\nexport const actions: Actions = { default: async ({ cookies }) => { cookies.set('session_token', token, { path: '/' }); } };" },
      { name: 'options from a variable (unknown)', code: "import express from 'express';\nexport const h = (res: express.Response, token: string, opts: object) => res.cookie('token', token, opts);" },
    ],
    invalid: [
      {
        name: 'localStorage.setItem of the access token',
        code: "export const save = (res: { access_token: string }) => localStorage.setItem('access_token', ⟦res.access_token⟧);",
        errors: [{ severity: 'warning', message: 'Token stored in localStorage' }],
      },
      { name: 'sessionStorage with a key constant from elsewhere', code: 'export const save = (token: string) => window.sessionStorage.setItem(TOKEN_KEY, ⟦token⟧);' },
      { name: 'property assignment', code: 'export function save(token: string) { ⟦localStorage.token⟧ = token; }' },
      { name: 'bracket assignment', code: "export function save(r: { refresh_token: string }) { ⟦localStorage['refresh_token']⟧ = r.refresh_token; }" },
      { name: 'document.cookie', code: 'export function save(token: string) { document.cookie = `⟦token=${token}; path=/; secure⟧`; }', errors: [{ message: 'document.cookie' }] },
      {
        name: 'Express cookie without httpOnly',
        code: "import express from 'express';\nconst app = express();\napp.post('/login', (req, res) => { res.⟦cookie⟧('token', token, { secure: true }); });",
        errors: [{ message: 'without HttpOnly' }],
      },
      {
        name: 'Express cookie with httpOnly: false',
        code: "import express from 'express';\nconst app = express();\napp.post('/login', (req, res) => { res.cookie('refresh_token', token, { httpOnly: ⟦false⟧ }); });",
      },
      {
        name: 'Next.js cookies() without httpOnly',
        code: "import { cookies } from 'next/headers';\nexport async function login(token: string) { (await cookies()).⟦set⟧('access_token', token, { secure: true }); }",
      },
      {
        name: 'SvelteKit cookie made readable by scripts',
        code: "import type { Actions } from './$types';\nexport const actions: Actions = { default: async ({ cookies }) => { cookies.set('session_token', token, { path: '/', httpOnly: ⟦false⟧ }); } };",
      },
      { name: 'js-cookie', code: "import Cookies from 'js-cookie';\nexport const save = (jwt: string) => Cookies.⟦set⟧('jwt', jwt, { secure: true });", errors: [{ message: 'set from script' }] },
      {
        name: 'test sources are information',
        path: 'src/auth.spec.ts',
        code: "it('stores', () => { localStorage.setItem('id_token', ⟦idToken⟧); });",
        errors: [{ severity: 'info' }],
      },
    ],
  },
  javascript: {
    valid: [
      "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport const saveLocale = (l) => AsyncStorage.setItem('locale', l);",
    ],
    invalid: [
      {
        name: 'React Native AsyncStorage',
        code: "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport const save = async (result) => { await AsyncStorage.setItem('@auth/refreshToken', ⟦result.refreshToken⟧); };",
        errors: [{ message: 'AsyncStorage' }],
      },
      {
        name: 'serialised tokens in AsyncStorage',
        code: "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport const save = (tokens) => AsyncStorage.setItem('auth', ⟦JSON.stringify(tokens)⟧);",
      },
    ],
  },
});
