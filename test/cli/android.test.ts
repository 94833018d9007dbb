// `authlint scan` of a small Android project: the manifest, resources, network security config and
// google-services.json are found and reported with exact positions; other XML and JSON files are not read.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from '../../server/src/cli/main';
import { makeTree, type Tree } from '../helpers/tree';

// Invented: no provider's format (the Google-shaped key is assembled at run time from a visibly fake filler).
const KEY = 'Qw3Er5Ty7Ui9Op2As4Df6Gh8';
const GOOGLE = 'AI' + 'za' + 'FAKE0TEST1ONLY2_-fakeFAKE0TEST1ONLY2'.slice(0, 35);

const androidProject: Tree = {
  'settings.gradle.kts': 'include(":app")\n',
  app: {
    'google-services.json': `{\n  "client": [\n    {\n      "oauth_client": [ { "client_id": "123-abc.apps.googleusercontent.com", "client_type": 3 } ],\n      "api_key": [ { "current_key": "${GOOGLE}" } ]\n    }\n  ]\n}\n`,
    build: { generated: { res: { values: { 'values.xml': `<resources><string name="api_secret">${KEY}</string></resources>\n` } } } },
    src: {
      main: {
        'AndroidManifest.xml': `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <application
        android:networkSecurityConfig="@xml/network_security_config"
        android:usesCleartextTraffic="true">
        <meta-data android:name="com.google.android.geo.API_KEY" android:value="\${MAPS_API_KEY}" />
    </application>
</manifest>
`,
        res: {
          values: { 'strings.xml': `<resources>\n    <string name="app_name">Shop</string>\n    <string name="partner_api_secret" translatable="false">${KEY}</string>\n</resources>\n` },
          xml: {
            'network_security_config.xml': `<?xml version="1.0" encoding="utf-8"?>
<network-security-config>
    <base-config cleartextTrafficPermitted="false">
        <trust-anchors>
            <certificates src="system" />
            <certificates src="user" />
        </trust-anchors>
    </base-config>
    <domain-config cleartextTrafficPermitted="true">
        <domain>10.0.2.2</domain>
    </domain-config>
</network-security-config>
`,
          },
          layout: { 'main.xml': `<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android" api_secret="${KEY}"/>\n` },
        },
      },
    },
  },
};

async function scan(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await run(args, {
    stdout: { write: (s: string) => { stdout += s; }, isTTY: false },
    stderr: { write: () => {}, isTTY: false },
    cwd, env: {},
  });
  return { code, stdout };
}

describe('CLI: an Android project', () => {
  it('reports the manifest, resources, network security config and google-services.json findings', async () => {
    const root = makeTree(androidProject);
    const r = await scan(['scan', '.', '--format', 'json'], root);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout);
    type F = { path: string; ruleId: string; severity: string; range: { start: { line: number; column: number } } };
    assert.deepEqual(report.findings.map((f: F) => `${f.path}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.severity}`), [
      'app/google-services.json:5:38 hardcoded-credential info',
      'app/src/main/AndroidManifest.xml:5:39 cleartext-endpoint info',
      'app/src/main/res/values/strings.xml:3:60 hardcoded-secret error',
      'app/src/main/res/xml/network_security_config.xml:6:32 tls-validation-disabled warning',
    ]);
    assert.ok(!r.stdout.includes(KEY.slice(4)) && !r.stdout.includes(GOOGLE.slice(4)), 'no secret in the report');
  });

  it('the text report names the files; a scan of one resource folder reads only it', async () => {
    const root = makeTree(androidProject);
    const r = await scan(['scan', 'app/src/main/res/values'], root);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^app\/src\/main\/res\/values\/strings\.xml:3:60 {2}error {4}Hard-coded secret assigned to `partner_api_secret` \(Qw3E…\(24 chars\)\)\./m);
    assert.match(r.stdout, /\n1 file scanned\n$/);
  });
});
