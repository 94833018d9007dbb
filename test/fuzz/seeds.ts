// One seed file per language. Everything before `keep` stays untouched by the mutations and holds a finding.
export interface Seed { language: string; path: string; text: string; keep: number }

function seed(language: string, path: string, head: string, body: string): Seed {
  return { language, path, text: head + body, keep: head.length };
}

const key = 'Zq8vLr2Xw9TnB4kPm7Yc1HdS';
/** Google-shaped, assembled at run time from a visibly fake filler. */
const googleKey = 'AI' + 'za' + 'FAKE0TEST1ONLY2_-fakeFAKE0TEST1ONLY2'.slice(0, 35);

export const seeds: Seed[] = [
  seed('kotlin', 'app/src/main/java/com/example/Client.kt',
    // Inside a body: a tail line starting with `.x()` cannot continue the declaration (Kotlin allows that).
    `package com.example\n\nobject Keys {\n    const val API_KEY = "${key}"\n}\n\n`,
    'class Client(private val http: OkHttpClient) {\n    fun call(url: String): Response {\n        val req = Request.Builder().url(url)\n            .addHeader("Authorization", "Bearer $token")\n            .build()\n        mac.init(SecretKeySpec(signingKey(), "HmacSHA256"))\n        return http.newCall(req).execute()\n    }\n}\n'),
  seed('java', 'app/src/main/java/com/example/Client.java',
    `package com.example;\n\nfinal class Keys {\n    static final String API_TOKEN = "${key}";\n}\n\n`,
    'class Client {\n    void call(HttpURLConnection conn) throws Exception {\n        conn.setRequestProperty("X-Api-Key", Keys.API_TOKEN);\n        String s = "a" + \'b\' + """\n            text""";\n        Algorithm a = Algorithm.HMAC256(System.getenv("S"));\n    }\n}\n'),
  seed('typescript', 'src/client.ts',
    `export const config = { apiKey: '${key}' };\n\n`,
    "import jwt from 'jsonwebtoken';\nexport async function call(url: string): Promise<Response> {\n  const t = jwt.sign({ sub: 1 }, process.env.S!, { expiresIn: '1h' });\n  return fetch(`${url}?q=${encodeURIComponent(t)}`, { headers: { Authorization: `Bearer ${t}` } });\n}\n"),
  seed('tsx', 'src/Login.tsx',
    `const clientSecret = '${key}';\n\n`,
    "export function Login({ onDone }: { onDone(): void }) {\n  return <button onClick={() => onDone()} data-x={`a${1}`}>Sign in</button>;\n}\n"),
  seed('javascript', 'src/client.js',
    `const password = '${key}';\n\n`,
    "module.exports = function call(url) {\n  return fetch(url, { headers: { 'X-Api-Key': process.env.KEY } }).then(r => r.json());\n};\n"),
  seed('xml', 'app/src/main/AndroidManifest.xml',
    `<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    <application android:usesCleartextTraffic="true">\n        <meta-data android:name="com.example.PARTNER_API_KEY" android:value="${key}" />\n`,
    '        <activity android:name=".MainActivity" android:exported="true">\n            <intent-filter><action android:name="android.intent.action.MAIN" /></intent-filter>\n        </activity>\n        <!-- a comment & more -->\n    </application>\n</manifest>\n'),
  seed('json', 'app/google-services.json',
    `{\n  "client": [\n    {\n      "api_key": [ { "current_key": "${googleKey}" } ],\n`,
    '      "oauth_client": [ { "client_id": "123-abc.apps.googleusercontent.com", "client_type": 3 } ]\n    }\n  ],\n  "configuration_version": "1"\n}\n'),
];
