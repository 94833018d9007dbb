import { ruleTester } from '../helpers/rule-tester';

ruleTester('cleartext-endpoint', {
  kotlin: {
    valid: [
      { name: 'https base URL', code: 'val retrofit = Retrofit.Builder().baseUrl("https://api.example.com/").build()' },
      { name: 'emulator host', code: 'val retrofit = Retrofit.Builder().baseUrl("http://10.0.2.2:8080/").build()' },
      { name: 'loopback hosts', code: 'fun f() {\n    Request.Builder().url("http://localhost:8080/items").build()\n    Request.Builder().url("http://127.0.0.1/items").build()\n    Request.Builder().url("http://[::1]:3000/").build()\n}' },
      { name: 'XML namespace', code: 'val name = parser.getAttributeValue("http://schemas.android.com/apk/res/android", "name")' },
      { name: 'a link shown to the user', code: 'const val HELP_URL = "http://example.com/help"\nfun help() = Intent(Intent.ACTION_VIEW, Uri.parse(HELP_URL))' },
      { name: 'in a comment', code: '// the old endpoint was Retrofit.Builder().baseUrl("http://api.example.com/")\nval retrofit = Retrofit.Builder().baseUrl("https://api.example.com/").build()' },
      { name: 'URL without a connection', code: 'val u = URL("http://example.com/page")' },
      { name: 'host from a template', code: 'val retrofit = Retrofit.Builder().baseUrl("http://$host/").build()' },
    ],
    invalid: [
      {
        name: 'Retrofit base URL through a constant',
        code: 'const val BASE_URL = "⟦http://api.example.com/v1/⟧"\nval retrofit = Retrofit.Builder().baseUrl(BASE_URL).build()',
        errors: [{ severity: 'warning', message: 'Retrofit', fixOutputs: ['const val BASE_URL = "https://api.example.com/v1/"\nval retrofit = Retrofit.Builder().baseUrl(BASE_URL).build()'] }],
      },
      {
        name: 'OkHttp request URL',
        code: 'fun f() = client.newCall(Request.Builder().url("⟦http://api.example.com/items⟧").build()).execute()',
        errors: [{ fixOutputs: ['fun f() = client.newCall(Request.Builder().url("https://api.example.com/items").build()).execute()'] }],
      },
      {
        name: 'URL(…).openConnection()',
        code: 'fun f() = URL("⟦http://legacy.example.com/feed⟧").openConnection()',
        errors: [{ fixOutputs: ['fun f() = URL("https://legacy.example.com/feed").openConnection()'] }],
      },
      {
        name: 'Ktor client request',
        code: 'suspend fun users() = client.get("⟦http://api.example.com/users⟧")',
        errors: [{ fixOutputs: ['suspend fun users() = client.get("https://api.example.com/users")'] }],
      },
      {
        name: 'a key in a cleartext URL',
        code: 'val tiles = "⟦http://maps.example.com/tiles?key=$MAPS_KEY&z=3⟧"',
        errors: [{ message: 'carries a key', fixOutputs: ['val tiles = "https://maps.example.com/tiles?key=$MAPS_KEY&z=3"'] }],
      },
      {
        name: 'test sources are information',
        path: 'app/src/test/java/com/example/ApiTest.kt',
        code: 'val retrofit = Retrofit.Builder().baseUrl("⟦http://api.example.com/⟧").build()',
        errors: [{ severity: 'info', fixOutputs: ['val retrofit = Retrofit.Builder().baseUrl("https://api.example.com/").build()'] }],
      },
    ],
  },
  java: {
    valid: [
      'class A { Request r = new Request.Builder().url("https://api.example.com/items").build(); }',
      { name: 'schema URL', code: 'class A { static final String XSD = "http://www.w3.org/2001/XMLSchema"; void f() { factory.setAttribute(JAXP_SCHEMA_LANGUAGE, XSD); } }' },
    ],
    invalid: [
      {
        name: 'OkHttp request',
        code: 'class A { Request r = new Request.Builder().url("⟦http://api.example.com/items⟧").build(); }',
        errors: [{ fixOutputs: ['class A { Request r = new Request.Builder().url("https://api.example.com/items").build(); }'] }],
      },
      {
        name: 'java.net.http request',
        code: 'class A { HttpRequest r = HttpRequest.newBuilder(URI.create("⟦http://api.example.com/x⟧")).build(); }',
        errors: [{ fixOutputs: ['class A { HttpRequest r = HttpRequest.newBuilder(URI.create("https://api.example.com/x")).build(); }'] }],
      },
      {
        name: 'HttpURLConnection through a static constant',
        code: 'class A {\n  private static final String FEED = "⟦http://feeds.example.com/latest⟧";\n  void f() throws Exception { HttpURLConnection c = (HttpURLConnection) new URL(FEED).openConnection(); }\n}',
        errors: [{ fixOutputs: ['class A {\n  private static final String FEED = "https://feeds.example.com/latest";\n  void f() throws Exception { HttpURLConnection c = (HttpURLConnection) new URL(FEED).openConnection(); }\n}'] }],
      },
    ],
  },
  typescript: {
    valid: [
      "fetch('https://api.example.com/items');",
      { name: 'local dev server', code: "fetch('http://localhost:3000/api/items');" },
      { name: 'a string in a map of docs', code: "export const links = { home: 'http://example.com', docs: 'http://docs.example.com/start' };" },
      { name: 'an anchor href', code: "const a = document.createElement('a');\na.href = 'http://example.com/about';" },
      { name: 'a redirect URI is oauth-insecure-redirect\'s', code: "const REDIRECT_URI = 'http://app.example.com/callback';\nexport const ping = () => fetch(REDIRECT_URI);\nexport const config = { clientId: 'app', redirectUrl: REDIRECT_URI };" },
      { name: 'an OAuth endpoint is oauth-insecure-endpoint\'s', code: "const tokenEndpoint = 'http://idp.example.com/token';\nexport const exchange = (body: string) => fetch(tokenEndpoint, { method: 'POST', body });" },
    ],
    invalid: [
      {
        name: 'axios.create baseURL',
        code: "import axios from 'axios';\nexport const api = axios.create({ baseURL: '⟦http://api.example.com⟧' });",
        errors: [{ fixOutputs: ["import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api.example.com' });"] }],
      },
      {
        name: 'fetch through a constant',
        code: "const API = '⟦http://api.example.com/v2⟧';\nexport const items = () => fetch(API + '/items');",
        errors: [{ fixOutputs: ["const API = 'https://api.example.com/v2';\nexport const items = () => fetch(API + '/items');"] }],
      },
      {
        name: 'WebSocket',
        code: "const ws = new WebSocket('⟦ws://chat.example.com/socket⟧');",
        errors: [{ message: 'ws://', fixOutputs: ["const ws = new WebSocket('wss://chat.example.com/socket');"] }],
      },
      {
        name: 'template with a path',
        code: 'export const user = (id: string) => fetch(`⟦http://api.example.com/users/${id}⟧`);',
        errors: [{ fixOutputs: ['export const user = (id: string) => fetch(`https://api.example.com/users/${id}`);'] }],
      },
    ],
  },
  javascript: {
    valid: ["axios.get('https://api.example.com/x');"],
    invalid: [
      {
        name: 'axios.get',
        code: "const axios = require('axios');\naxios.get('⟦http://api.example.com/x⟧');",
        errors: [{ fixOutputs: ["const axios = require('axios');\naxios.get('https://api.example.com/x');"] }],
      },
      {
        name: 'XMLHttpRequest.open',
        code: "const xhr = new XMLHttpRequest();\nxhr.open('GET', '⟦http://api.example.com/data⟧');",
        errors: [{ fixOutputs: ["const xhr = new XMLHttpRequest();\nxhr.open('GET', 'https://api.example.com/data');"] }],
      },
    ],
  },
  manifest: {
    valid: [
      { name: 'cleartext off', code: `${manifest('<application android:usesCleartextTraffic="false" android:label="Shop"/>')}` },
      { name: 'attribute absent', code: `${manifest('<application android:label="Shop"/>')}` },
      { name: 'set per build type by a placeholder', code: `${manifest('<application android:usesCleartextTraffic="${usesCleartext}"/>')}` },
      { name: 'not in the Android namespace', code: `${manifest('<application usesCleartextTraffic="true"/>')}` },
      { name: 'debug source set: only in debug builds', path: 'app/src/debug/AndroidManifest.xml', code: `${manifest('<application android:usesCleartextTraffic="true"/>')}` },
      { name: 'flavour debug source set', path: 'app/src/freeDebug/AndroidManifest.xml', code: `${manifest('<application android:usesCleartextTraffic="true"/>')}` },
      { name: 'an XML file that is no manifest', path: 'app/src/main/res/xml/prefs.xml', code: '<application xmlns:android="http://schemas.android.com/apk/res/android" android:usesCleartextTraffic="true"/>' },
    ],
    invalid: [
      {
        name: 'usesCleartextTraffic on a multi-line <application> tag',
        code: `${manifest('<application\n        android:label="Shop &amp; Co"\n        android:usesCleartextTraffic="⟦true⟧">\n        <activity android:name=".MainActivity"/>\n    </application>')}`,
        errors: [{
          severity: 'warning',
          message: 'android:usesCleartextTraffic="true" lets the app use plain http:// to any host: keys, tokens and data can be read and changed on the network. Set it to "false" (the default since Android 9) and allow cleartext only for the hosts that need it in a network security config.',
          fixOutputs: [`${manifest('<application\n        android:label="Shop &amp; Co"\n        android:usesCleartextTraffic="false">\n        <activity android:name=".MainActivity"/>\n    </application>')}`],
        }],
      },
      {
        name: 'another prefix bound to the Android namespace, single quotes',
        code: '<manifest xmlns:a="http://schemas.android.com/apk/res/android">\n    <application a:usesCleartextTraffic=\'⟦true⟧\'/>\n</manifest>\n',
        errors: [{ fixOutputs: ['<manifest xmlns:a="http://schemas.android.com/apk/res/android">\n    <application a:usesCleartextTraffic=\'false\'/>\n</manifest>\n'] }],
      },
      {
        name: 'a network security config decides from Android 7 on: information',
        code: `${manifest('<application android:networkSecurityConfig="@xml/network_security_config" android:usesCleartextTraffic="⟦true⟧"/>')}`,
        errors: [{
          severity: 'info',
          message: 'android:usesCleartextTraffic="true" still lets the app use plain http:// to any host on Android 6 and older (from Android 7 on, the network security config named here decides). Set it to "false".',
          fixOutputs: [`${manifest('<application android:networkSecurityConfig="@xml/network_security_config" android:usesCleartextTraffic="false"/>')}`],
        }],
      },
      {
        name: 'half-typed: the manifest ends inside the next tag',
        code: '<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    <application android:usesCleartextTraffic="⟦true⟧">\n        <activity android:name=".Ma',
        errors: [{ fixOutputs: ['<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    <application android:usesCleartextTraffic="false">\n        <activity android:name=".Ma'] }],
      },
      {
        name: 'a well-formedness error before it (a bare &)',
        code: `${manifest('<application android:label="Shop & Co" android:usesCleartextTraffic="⟦true⟧"/>')}`,
        errors: [{ fixOutputs: [`${manifest('<application android:label="Shop & Co" android:usesCleartextTraffic="false"/>')}`] }],
      },
      {
        name: 'CRLF line ends',
        code: '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\r\n    <application\r\n        android:usesCleartextTraffic=" ⟦true⟧ "/>\r\n</manifest>\r\n',
        errors: [{ fixOutputs: ['<manifest xmlns:android="http://schemas.android.com/apk/res/android">\r\n    <application\r\n        android:usesCleartextTraffic=" false "/>\r\n</manifest>\r\n'] }],
      },
      {
        name: 'TRUE: aapt reads booleans in any case',
        code: `${manifest('<application android:usesCleartextTraffic="⟦TRUE⟧"/>')}`,
        errors: [{ fixOutputs: [`${manifest('<application android:usesCleartextTraffic="false"/>')}`] }],
      },
      {
        name: 'an androidTest manifest is information',
        path: 'app/src/androidTest/AndroidManifest.xml',
        code: `${manifest('<application android:usesCleartextTraffic="⟦true⟧"/>')}`,
        errors: [{ severity: 'info', fixOutputs: [`${manifest('<application android:usesCleartextTraffic="false"/>')}`] }],
      },
    ],
  },
  'network-security-config': {
    valid: [
      { name: 'cleartext off', code: nsc('<base-config cleartextTrafficPermitted="false"/>') },
      { name: 'loopback and emulator hosts only', code: nsc('<domain-config cleartextTrafficPermitted="true">\n        <domain>localhost</domain>\n        <domain>127.0.0.1</domain>\n        <domain includeSubdomains="false">10.0.2.2</domain>\n    </domain-config>') },
      { name: 'debug source set', path: 'app/src/debug/res/xml/network_security_config.xml', code: nsc('<base-config cleartextTrafficPermitted="true"/>') },
      { name: 'another res/xml file', path: 'app/src/main/res/xml/backup_rules.xml', code: '<full-backup-content>\n    <base-config cleartextTrafficPermitted="true"/>\n</full-backup-content>\n' },
      { name: 'a nested domain-config that turns it off for its host', code: nsc('<domain-config cleartextTrafficPermitted="true">\n        <domain>localhost</domain>\n        <domain-config cleartextTrafficPermitted="false">\n            <domain>api.example.com</domain>\n        </domain-config>\n    </domain-config>') },
    ],
    invalid: [
      {
        name: 'base-config',
        code: nsc('<base-config cleartextTrafficPermitted="⟦true⟧">\n        <trust-anchors><certificates src="system"/></trust-anchors>\n    </base-config>'),
        errors: [{
          severity: 'warning',
          message: 'cleartextTrafficPermitted="true" in <base-config> allows plain http:// to every host: keys, tokens and data can be read and changed on the network. Set it to "false" and permit cleartext in a <domain-config> only for the hosts that need it.',
          fixOutputs: [nsc('<base-config cleartextTrafficPermitted="false">\n        <trust-anchors><certificates src="system"/></trust-anchors>\n    </base-config>')],
        }],
      },
      {
        name: 'domain-config with a remote host among loopback ones',
        code: nsc('<domain-config cleartextTrafficPermitted="⟦true⟧">\n        <domain>10.0.2.2</domain>\n        <domain includeSubdomains="true">API.Example.com</domain>\n    </domain-config>'),
        errors: [{
          message: 'cleartextTrafficPermitted="true" allows plain http:// to api.example.com: keys, tokens and data can be read and changed on the network. Serve them over https:// and set it to "false"; a development server belongs in the debug source set\'s config (src/debug/res/xml).',
          fixOutputs: [nsc('<domain-config cleartextTrafficPermitted="false">\n        <domain>10.0.2.2</domain>\n        <domain includeSubdomains="true">API.Example.com</domain>\n    </domain-config>')],
        }],
      },
      {
        name: 'two remote hosts, and a nested domain-config inheriting the permission',
        code: nsc('<domain-config cleartextTrafficPermitted="⟦true⟧">\n        <domain>cdn.example.com</domain>\n        <domain-config>\n            <domain>legacy.example.com</domain>\n        </domain-config>\n    </domain-config>'),
        errors: [{
          message: 'allows plain http:// to cdn.example.com (and 1 more):',
          fixOutputs: [nsc('<domain-config cleartextTrafficPermitted="false">\n        <domain>cdn.example.com</domain>\n        <domain-config>\n            <domain>legacy.example.com</domain>\n        </domain-config>\n    </domain-config>')],
        }],
      },
      {
        name: 'True and TRUE: aapt reads booleans in any case',
        code: nsc('<base-config cleartextTrafficPermitted="⟦True⟧"/>\n    <domain-config cleartextTrafficPermitted="⟦TRUE⟧">\n        <domain>api.example.com</domain>\n    </domain-config>'),
        errors: [
          { fixOutputs: [nsc('<base-config cleartextTrafficPermitted="false"/>\n    <domain-config cleartextTrafficPermitted="TRUE">\n        <domain>api.example.com</domain>\n    </domain-config>')] },
          { fixOutputs: [nsc('<base-config cleartextTrafficPermitted="True"/>\n    <domain-config cleartextTrafficPermitted="false">\n        <domain>api.example.com</domain>\n    </domain-config>')] },
        ],
      },
      {
        name: 'half-typed: no domain yet',
        code: '<network-security-config>\n    <domain-config cleartextTrafficPermitted="⟦true⟧">\n        <dom',
        errors: [{ message: 'allows plain http:// to the domains of this <domain-config>:', fixOutputs: ['<network-security-config>\n    <domain-config cleartextTrafficPermitted="false">\n        <dom'] }],
      },
    ],
  },
});

function manifest(application: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n    ${application}\n</manifest>\n`;
}

function nsc(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<network-security-config>\n    ${body}\n</network-security-config>\n`;
}
