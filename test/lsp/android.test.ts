// The language server on Android configuration files: diagnostics on an AndroidManifest.xml document, string
// resources and google-services.json (exact ranges), the engine fix and suppressions in XML syntax (none in JSON),
// hovers, the manifest-placeholder key move, the workspace scan and the watched files.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MarkupContent } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { applyWorkspaceEdit, Harness, makeTree, rangeOf, type Tree } from './harness';
import { isLintedFile, watchedFileGlobs } from '../../server/src/lsp/watch';
import { lintedFilePatterns } from '../../server/src/shared/protocol';

// Invented values in no provider's format (a Google-shaped key is assembled at run time).
const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';
const GOOGLE = 'AI' + 'za' + 'FAKE0TEST1ONLY2_-fakeFAKE0TEST1ONLY2'.slice(0, 35);
const rotate = '(revoke and rotate it: it stays in git history)';

const manifestPath = 'app/src/main/AndroidManifest.xml';
const manifest = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <application
        android:label="Shop"
        android:usesCleartextTraffic="true">
        <meta-data
            android:name="com.example.shop.PARTNER_API_KEY"
            android:value="${KEY}" />
    </application>
</manifest>
`;
const strings = `<resources>\n    <string name="google_maps_key" translatable="false">${GOOGLE}</string>\n</resources>\n`;
const googleServices = `{\n  "client": [\n    { "api_key": [ { "current_key": "${GOOGLE}" } ] }\n  ]\n}\n`;

const ktsModule = `plugins {
    id("com.android.application")
}

android {
    namespace = "com.example.shop"

    defaultConfig {
        minSdk = 24
    }
}
`;

function project(files: Record<string, string>, extra: Tree = {}): string {
  const tree: Tree = { 'settings.gradle.kts': 'include(":app")\n', ...extra };
  for (const [rel, text] of Object.entries(files)) {
    const parts = rel.split('/');
    let dir = tree;
    for (const p of parts.slice(0, -1)) dir = (dir[p] ??= {}) as Tree;
    dir[parts[parts.length - 1]] = text;
  }
  return makeTree(tree);
}

async function opened(files: Record<string, string>, file: string, extra: Tree = {}) {
  const root = project(files, extra);
  const h = await Harness.start({ folders: [root] });
  const uri = h.open(path.join(root, file), files[file], 'xml');
  const published = await h.current(uri);
  return { root, h, uri, published };
}

describe('Android files in the language server', () => {
  it('publishes the manifest findings on the exact attribute values, masked, with source, code and link', async () => {
    const { published } = await opened({ [manifestPath]: manifest }, manifestPath);
    assert.deepEqual(published.diagnostics.map(d => [d.code, d.severity, d.source, d.range]), [
      ['cleartext-endpoint', DiagnosticSeverity.Warning, 'AuthLint', rangeOf(manifest, 'true')],
      ['hardcoded-secret', DiagnosticSeverity.Error, 'AuthLint', rangeOf(manifest, KEY)],
    ]);
    assert.equal(published.diagnostics[1].codeDescription?.href, 'https://github.com/authlint/authlint/blob/main/docs/rules/hardcoded-secret.md');
    assert.ok(!published.diagnostics.some(d => String(d.message).includes(KEY)), "no key in a message");
    assert.match(String(published.diagnostics[1].message), /`com\.example\.shop\.PARTNER_API_KEY` \(hJ8k…\(24 chars\)\)/);
  });

  it('string resources and google-services.json: the Google key of a Maps/Firebase setup is information', async () => {
    const valuesPath = 'app/src/main/res/values/keys.xml';
    const a = await opened({ [valuesPath]: strings }, valuesPath);
    assert.deepEqual(a.published.diagnostics.map(d => [d.code, d.severity, d.range]), [['hardcoded-credential', DiagnosticSeverity.Information, rangeOf(strings, GOOGLE)]]);
    const b = await opened({ 'app/google-services.json': googleServices }, 'app/google-services.json');
    assert.deepEqual(b.published.diagnostics.map(d => [d.code, d.severity, d.range]), [['hardcoded-credential', DiagnosticSeverity.Information, rangeOf(googleServices, GOOGLE)]]);
    // Nothing to fix automatically there, and JSON has no comment to suppress with.
    assert.deepEqual((await b.h.codeActions(b.uri, GOOGLE)).map(x => x.title), []);
    assert.deepEqual((await a.h.codeActions(a.uri, GOOGLE)).map(x => x.title), ['Suppress hardcoded-credential on this line', 'Suppress hardcoded-credential in this file']);
  });

  it('other XML files are not linted', async () => {
    const layout = 'app/src/main/res/layout/main.xml';
    const { published } = await opened({ [layout]: `<LinearLayout api_key="${KEY}"/>\n` }, layout);
    assert.deepEqual(published.diagnostics, []);
  });

  it('the cleartext fix and the XML suppressions, with their exact edits', async () => {
    const { h, uri, root } = await opened({ [manifestPath]: manifest }, manifestPath);
    const actions = await h.codeActions(uri, 'true');
    assert.deepEqual(actions.map(a => [a.title, a.isPreferred]), [
      ['Set android:usesCleartextTraffic="false"', false],
      ['Suppress cleartext-endpoint on this line', undefined],
      ['Suppress cleartext-endpoint in this file', undefined],
    ]);
    const apply = (i: number) => applyWorkspaceEdit(actions[i].edit!, { [uri]: { text: manifest, version: 1 } })[path.join(root, manifestPath)];
    assert.equal(apply(0), manifest.replace('"true"', '"false"'));
    const line = apply(1);
    assert.equal(line, manifest.replace('    <application\n', '    <!-- authlint-disable-next-line cleartext-endpoint -->\n    <application\n'));
    assert.equal(apply(2), manifest.replace('?>\n', '?>\n<!-- authlint-disable cleartext-endpoint -->\n'));
    // Applied, the line suppression silences the finding although it sits two lines further down.
    const after = h.open(path.join(root, 'lib/src/main/AndroidManifest.xml'), line, 'xml');
    assert.deepEqual((await h.current(after)).diagnostics.map(d => d.code), ['hardcoded-secret']);
  });

  it('hover on the manifest finding', async () => {
    const { h, uri } = await opened({ [manifestPath]: manifest }, manifestPath);
    const hover = await h.hover(uri, '"true"', 2);
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /^\*\*AuthLint: `cleartext-endpoint`\*\* \(warning\)\n\nandroid:usesCleartextTraffic="true" lets the app use plain http:\/\//);
    assert.match(value, /\[Rule page: cleartext-endpoint\]\(https:\/\/github\.com\/authlint\/authlint\/blob\/main\/docs\/rules\/cleartext-endpoint\.md\)$/);
  });

  it('moves a meta-data key to a manifest placeholder read from local.properties (Kotlin DSL)', async () => {
    const files = { [manifestPath]: manifest, 'app/build.gradle.kts': ktsModule };
    const { h, uri, root } = await opened(files, manifestPath, { '.gitignore': '/build\n' });
    const action = (await h.codeActions(uri, KEY)).find(a => a.title.startsWith('Move key'))!;
    assert.equal(action.title, `Move key to local.properties → manifest placeholder \${PARTNER_API_KEY} ${rotate}`);
    const out = Object.fromEntries(Object.entries(applyWorkspaceEdit(action.edit!, { [uri]: { text: manifest, version: 1 } })).map(([p, t]) => [path.relative(root, p), t]));
    assert.deepEqual(Object.keys(out).sort(), ['.gitignore', 'app/build.gradle.kts', manifestPath, 'local.properties']);
    assert.equal(out[manifestPath], manifest.replace(KEY, '${PARTNER_API_KEY}'));
    assert.equal(out['local.properties'], `PARTNER_API_KEY=${KEY}\n`);
    assert.equal(out['.gitignore'], '/build\n/local.properties\n');
    assert.equal(out['app/build.gradle.kts'], `plugins {
    id("com.android.application")
}

val localProperties = java.util.Properties().apply {
    val file = rootProject.file("local.properties")
    if (file.exists()) file.inputStream().use { load(it) }
}

android {
    namespace = "com.example.shop"

    defaultConfig {
        manifestPlaceholders["PARTNER_API_KEY"] = localProperties.getProperty("PARTNER_API_KEY", "")
        minSdk = 24
    }
}
`);
    // The moved manifest has no secret finding left.
    const moved = h.open(path.join(root, 'lib/src/main/AndroidManifest.xml'), out[manifestPath], 'xml');
    assert.deepEqual((await h.current(moved)).diagnostics.map(d => d.code), ['cleartext-endpoint']);
  });

  it('Groovy module: manifestPlaceholders += [NAME: …]; with the Secrets Gradle Plugin only the properties entry', async () => {
    const groovy = "plugins {\n    id 'com.android.application'\n}\n\nandroid {\n    defaultConfig {\n        minSdk 24\n    }\n}\n";
    const a = await opened({ [manifestPath]: manifest, 'app/build.gradle': groovy, 'local.properties': 'sdk.dir=/opt/android\n' }, manifestPath, { '.gitignore': 'local.properties\n' });
    const moveA = (await a.h.codeActions(a.uri, KEY)).find(x => x.title.startsWith('Move key'))!;
    const outA = applyWorkspaceEdit(moveA.edit!, { [a.uri]: { text: manifest, version: 1 } });
    assert.equal(outA[path.join(a.root, 'app/build.gradle')], "plugins {\n    id 'com.android.application'\n}\n\ndef localProperties = new Properties()\ndef localPropertiesFile = rootProject.file('local.properties')\nif (localPropertiesFile.exists()) {\n    localPropertiesFile.withInputStream { localProperties.load(it) }\n}\n\nandroid {\n    defaultConfig {\n        manifestPlaceholders += [PARTNER_API_KEY: localProperties.getProperty('PARTNER_API_KEY', '')]\n        minSdk 24\n    }\n}\n");
    assert.equal(outA[path.join(a.root, 'local.properties')], `sdk.dir=/opt/android\nPARTNER_API_KEY=${KEY}\n`);

    const secrets = ktsModule.replace('    id("com.android.application")\n', '    id("com.android.application")\n    id("com.google.android.libraries.mapsplatform.secrets-gradle-plugin")\n');
    const b = await opened({ [manifestPath]: manifest, 'app/build.gradle.kts': secrets }, manifestPath, { '.gitignore': '/local.properties\n' });
    const moveB = (await b.h.codeActions(b.uri, KEY)).find(x => x.title.startsWith('Move key'))!;
    assert.equal(moveB.title, `Move key to local.properties (Secrets Gradle Plugin) → manifest placeholder \${PARTNER_API_KEY} ${rotate}`);
    const outB = Object.fromEntries(Object.entries(applyWorkspaceEdit(moveB.edit!, { [b.uri]: { text: manifest, version: 1 } })).map(([p, t]) => [path.relative(b.root, p), t]));
    assert.deepEqual(outB, { [manifestPath]: manifest.replace(KEY, '${PARTNER_API_KEY}'), 'local.properties': `PARTNER_API_KEY=${KEY}\n` });
  });

  it('no key move outside a <meta-data> value or without an Android module', async () => {
    const other = manifest.replace('<meta-data\n            android:name="com.example.shop.PARTNER_API_KEY"\n            android:value=', '<meta-data\n            android:name="com.example.shop.PARTNER_API_KEY"\n            android:resource=');
    const a = await opened({ [manifestPath]: other, 'app/build.gradle.kts': ktsModule }, manifestPath);
    assert.ok(!(await a.h.codeActions(a.uri, KEY)).some(x => x.title.startsWith('Move key')));
    const b = await opened({ [manifestPath]: manifest }, manifestPath);
    assert.ok(!(await b.h.codeActions(b.uri, KEY)).some(x => x.title.startsWith('Move key')));
  });

  it('the workspace scan reads the Android files like the CLI', async () => {
    const root = project({
      [manifestPath]: manifest,
      'app/src/main/res/values/keys.xml': strings,
      'app/src/main/res/layout/main.xml': `<LinearLayout api_key="${KEY}"/>\n`,
      'app/google-services.json': googleServices,
      'app/build/intermediates/AndroidManifest.xml': manifest,
    });
    const h = await Harness.start({ folders: [root] });
    const summary = await h.scan();
    // settings.gradle.kts is the fourth file; the layout and the build output are not read.
    assert.deepEqual(summary, { files: 4, findings: 4, cancelled: false });
    const byFile = h.client.published.filter(p => p.diagnostics.length).map(p => path.relative(root, new URL(p.uri).pathname)).sort();
    assert.deepEqual(byFile, ['app/google-services.json', manifestPath, 'app/src/main/res/values/keys.xml']);
  });

  it('the folder opened does not change what a file is: resources under res/, a debug source set', async () => {
    const cleartext = '<network-security-config>\n    <base-config cleartextTrafficPermitted="true"/>\n</network-security-config>\n';
    const debugConfig = 'app/src/debug/res/xml/network_security_config.xml';
    const root = project({ 'app/src/main/res/values/keys.xml': `<resources>\n    <string name="partner_api_key">${KEY}</string>\n</resources>\n`, [debugConfig]: cleartext }, { '.git': {} });
    // The folder is res/ itself: the engine path `values/keys.xml` has no `res` in it.
    const res = await Harness.start({ folders: [path.join(root, 'app/src/main/res')] });
    const keys = await res.current(res.open(path.join(root, 'app/src/main/res/values/keys.xml'), undefined, 'xml'));
    assert.deepEqual(keys.diagnostics.map(d => d.code), ['hardcoded-secret']);
    // The folder is app/src: the engine path `debug/res/xml/…` has no `src/debug` in it, open or scanned.
    const src = await Harness.start({ folders: [path.join(root, 'app/src')] });
    const debug = await src.current(src.open(path.join(root, debugConfig), undefined, 'xml'));
    assert.deepEqual(debug.diagnostics, []);
    const scanner = await Harness.start({ folders: [path.join(root, 'app/src')] });
    assert.deepEqual(await scanner.scan(), { files: 2, findings: 1, cancelled: false });
    assert.deepEqual(scanner.client.published.filter(p => p.diagnostics.length).map(p => path.relative(root, new URL(p.uri).pathname)), ['app/src/main/res/values/keys.xml']);
  });

  it('watches and selects exactly the files languageOf claims', () => {
    for (const p of ['**/AndroidManifest.xml', '**/res/values*/*.xml', '**/res/xml/*.xml', '**/google-services.json']) {
      assert.ok(watchedFileGlobs.includes(p), p);
      assert.ok((lintedFilePatterns as readonly string[]).includes(p), p);
    }
    assert.equal(isLintedFile('/p/app/src/main/res/xml/network_security_config.xml'), true);
    assert.equal(isLintedFile('/p/app/src/main/res/layout/main.xml'), false);
    // The extension wakes up in an Android or Firebase project, not on every XML or JSON document.
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/AndroidManifest.xml'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/google-services.json'));
    assert.ok(!pkg.activationEvents.includes('onLanguage:xml') && !pkg.activationEvents.includes('onLanguage:json'));
  });
});
