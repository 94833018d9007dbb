// `authlint scan` of a small Android project: the manifest, resources, network security config and
// google-services.json are found and reported with exact positions; other XML and JSON files are not read.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
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

type JsonFinding = { path: string; ruleId: string; severity: string; range: { start: { line: number; column: number } } };
const rows = (stdout: string) => (JSON.parse(stdout).findings as JsonFinding[]).map(f => `${f.path}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.severity}`);

describe('CLI: what a file is does not depend on the folder the scan starts from', () => {
  it('a scan from inside res/ reads the resources (they were "not a language AuthLint analyses")', async () => {
    const root = makeTree(androidProject);
    const r = await scan(['scan', '--format', 'json'], path.join(root, 'app/src/main/res'));
    assert.equal(r.code, 1);
    assert.deepEqual(rows(r.stdout), [
      'values/strings.xml:3:60 hardcoded-secret error',
      'xml/network_security_config.xml:6:32 tls-validation-disabled warning',
    ]);
    assert.deepEqual(JSON.parse(r.stdout).skipped, []);
  });

  it('a resource named by its absolute path from another folder is read', async () => {
    const root = makeTree(androidProject);
    const elsewhere = makeTree({});
    const r = await scan(['scan', path.join(root, 'app/src/main/res/values/strings.xml'), '--format', 'json'], elsewhere);
    assert.equal(r.code, 1);
    assert.deepEqual(rows(r.stdout), ['strings.xml:3:60 hardcoded-secret error']);
  });

  // A repository (`.git`) without Gradle settings; the debug config permits cleartext, the main one too.
  const config = (domain: string) => `<?xml version="1.0" encoding="utf-8"?>
<network-security-config>
    <domain-config cleartextTrafficPermitted="true">
        <domain>${domain}</domain>
    </domain-config>
</network-security-config>
`;
  const variants: Tree = {
    '.git': {},
    app: {
      src: {
        debug: { res: { xml: { 'network_security_config.xml': config('dev.example.com') } } },
        main: { res: { xml: { 'network_security_config.xml': config('api.example.com') } } },
        test: { java: { com: { x: { 'Agents.ts': "import https from 'node:https';\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n" } } } },
      },
    },
  };

  it('a debug source set is exempt whichever folder the scan starts from', async () => {
    const root = makeTree(variants);
    const app = path.join(root, 'app');
    for (const [cwd, target] of [[app, 'src/debug'], [path.join(app, 'src'), 'debug'], [path.join(app, 'src/debug/res/xml'), '.'], [root, 'app/src/debug']]) {
      const r = await scan(['scan', target, '--format', 'json'], cwd);
      assert.deepEqual([r.code, rows(r.stdout)], [0, []], `${path.relative(root, cwd) || '.'}: ${target}`);
    }
    const main = await scan(['scan', 'main', '--format', 'json'], path.join(app, 'src'));
    assert.deepEqual(rows(main.stdout), ['main/res/xml/network_security_config.xml:3:47 cleartext-endpoint warning']);
  });

  it('a test source is one whichever folder the scan starts from', async () => {
    const root = makeTree(variants);
    for (const cwd of [root, path.join(root, 'app/src/test'), path.join(root, 'app/src/test/java/com/x')]) {
      const r = await scan(['scan', '--format', 'json'], cwd);
      const found = rows(r.stdout).filter(f => f.includes('tls-validation-disabled'));
      assert.equal(found.length, 1, cwd);
      assert.match(found[0], / tls-validation-disabled info$/, cwd);
    }
  });

  it('folders above the repository do not make its files test sources', async () => {
    const root = makeTree({ tests: { shop: { ...variants, 'Agents.ts': "import https from 'node:https';\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n" } } });
    const r = await scan(['scan', 'tests/shop/Agents.ts', '--format', 'json'], root);
    assert.deepEqual(rows(r.stdout), ['tests/shop/Agents.ts:2:60 tls-validation-disabled error']);
  });

  it('outside a repository, the Gradle root is the project root', async () => {
    const root = makeTree({ work: { tests: androidProject } }); // no .git; settings.gradle.kts in work/tests
    const r = await scan(['scan', 'work/tests', '--format', 'json'], root);
    assert.deepEqual(rows(r.stdout), [
      'work/tests/app/google-services.json:5:38 hardcoded-credential info',
      'work/tests/app/src/main/AndroidManifest.xml:5:39 cleartext-endpoint info',
      'work/tests/app/src/main/res/values/strings.xml:3:60 hardcoded-secret error',
      'work/tests/app/src/main/res/xml/network_security_config.xml:6:32 tls-validation-disabled warning',
    ]);
  });
});
