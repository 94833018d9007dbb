// Diagnostics from the in-process server: one per language, their fields, versions, debounce, cancellation.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { Harness, makeTree, rangeOf } from './harness';

// Invented values in no provider's format: each is a plausible secret for the generic rule and nothing more.
const KT_KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';
const JAVA_KEY = 'Lm9Nq2Rs7Tu4Vw1Xy8Za3Bc6';
const TS_KEY = 'Ax7Kq2Wm9Lp4Rt8Yz1Nb6Vc3';

const files = {
  'Api.kt': `package com.example.shop\n\nobject Api {\n    const val API_KEY = "${KT_KEY}"\n}\n`,
  'Client.java': `package com.example.shop;\n\nclass Client {\n    private static final String apiToken = "${JAVA_KEY}";\n}\n`,
  'api.ts': `export const apiKey = '${TS_KEY}';\n`,
  'view.tsx': `export const Key = () => <Map apiKey="${TS_KEY}" />;\nconst secretToken = '${TS_KEY}';\n`,
  'app.js': `const client = new OpenAI({ apiKey: '${TS_KEY}' });\n`,
  'build.gradle': `android {\n    def apiSecret = '${TS_KEY}'\n}\n`,
  'gradle.properties': `org.gradle.caching=true\nshop.partnerApiSecret=${JAVA_KEY}\n`,
};

describe('diagnostics', () => {
  for (const [name, text] of Object.entries(files)) {
    it(`reports the key in ${name} on the literal, masked, with source, code and rule link`, async () => {
      const root = makeTree({ [name]: text });
      const h = await Harness.start({ folders: [root] });
      const uri = h.open(path.join(root, name));
      const published = await h.current(uri);
      assert.ok(published.diagnostics.length >= 1, `a diagnostic in ${name}`);
      const d = published.diagnostics[published.diagnostics.length - 1];
      assert.equal(d.source, 'AuthLint');
      assert.match(String(d.code), /^hardcoded-/);
      assert.equal(d.codeDescription?.href, `https://github.com/authlint/authlint/blob/main/docs/rules/${d.code}.md`);
      const lines = text.split('\n');
      const covered = lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
      assert.match(covered, /^(hJ8k|Lm9N|Ax7K)/, 'the range is the value');
      for (const key of [KT_KEY, JAVA_KEY, TS_KEY]) assert.ok(!String(d.message).includes(key), 'the message never holds the key');
      assert.match(String(d.message), /…\(24 chars\)/);
    });
  }

  it('links the rule page under the configured docs base', async () => {
    const root = makeTree({ 'api.ts': files['api.ts'] });
    const h = await Harness.start({ folders: [root], settings: { '': { docsBaseUrl: 'https://docs.example.org/rules' } } });
    const d = (await h.current(h.open(path.join(root, 'api.ts')))).diagnostics[0];
    assert.equal(d.codeDescription?.href, `https://docs.example.org/rules/${d.code}.md`);
  });

  it('maps severities and shows the uses as related information', async () => {
    const text = `const V = '${TS_KEY}';\nfetch('/api', { headers: { 'X-Api-Key': V } });\n`;
    const root = makeTree({ 'web.ts': text });
    const h = await Harness.start({ folders: [root], settings: { '': { rules: { 'hardcoded-secret': 'warning' } } } });
    const uri = h.open(path.join(root, 'web.ts'));
    const [d] = (await h.current(uri)).diagnostics;
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(d.relatedInformation![0].location.uri, uri);
    const use = rangeOf(text, 'V }').start;
    assert.deepEqual(d.relatedInformation![0].location.range, { start: use, end: { line: use.line, character: use.character + 1 } });
  });

  it('publishes nothing for a file without findings, and clears on close', async () => {
    const root = makeTree({ 'ok.kt': 'fun main() = println("hello")\n', 'api.ts': files['api.ts'] });
    const h = await Harness.start({ folders: [root] });
    assert.deepEqual((await h.current(h.open(path.join(root, 'ok.kt')))).diagnostics, []);
    const uri = h.open(path.join(root, 'api.ts'));
    await h.current(uri);
    const since = h.client.published.length;
    h.close(uri);
    assert.deepEqual((await h.diagnostics(uri, () => true, since)).diagnostics, []);
  });

  it('debounces: several quick changes give one validation, of the last version', async () => {
    const root = makeTree({ 'api.ts': files['api.ts'] });
    const h = await Harness.start({ folders: [root], debounceMs: 50 });
    const uri = h.open(path.join(root, 'api.ts'));
    await h.current(uri);
    const since = h.client.published.length;
    h.change(uri, 'apiKey', 'apiKe');
    h.change(uri, 'apiKe', 'apiK');
    const last = h.change(uri, 'apiK', 'secretKey');
    await h.current(uri);
    await h.server.idle();
    const after = h.client.published.slice(since).filter(p => p.uri === uri);
    assert.deepEqual(after.map(p => p.version), [last]);
    assert.match(String(after[0].diagnostics[0].message), /`secretKey`/);
  });

  it('drops a validation whose document changed while it waited (no stale result is published)', async () => {
    const root = makeTree({ 'api.ts': files['api.ts'] });
    const h = await Harness.start({ folders: [root], debounceMs: 1 });
    const uri = h.open(path.join(root, 'api.ts'));
    await h.current(uri);
    h.server.didChangeConfiguration({ settings: null }); // settings are asked again: the gate below holds them
    let open!: () => void;
    h.client.configGate = new Promise(resolve => { open = resolve; });
    const since = h.client.published.length;
    const asked = h.client.configRequests.length;
    h.change(uri, 'apiKey', 'token'); // version 2 starts validating and waits for its settings…
    await h.client.until(() => (h.client.configRequests.length > asked ? true : undefined), 'the settings request');
    const v3 = h.change(uri, 'token', 'password'); // …when version 3 arrives
    h.client.configGate = undefined;
    open();
    await h.current(uri);
    await h.server.idle();
    const versions = h.client.published.slice(since).filter(p => p.uri === uri).map(p => p.version);
    assert.deepEqual(versions, [v3]);
  });

  it('follows incremental edits: the kept tree gives the same findings as a fresh parse', async () => {
    const root = makeTree({ 'Api.kt': files['Api.kt'] });
    const h = await Harness.start({ folders: [root], debounceMs: 1 });
    const uri = h.open(path.join(root, 'Api.kt'));
    await h.current(uri);
    h.change(uri, 'object Api {', 'object Api {\n    val greeting = "hello"');
    h.change(uri, 'const val API_KEY', 'const val PAYMENT_API_KEY');
    await h.current(uri);
    h.change(uri, '\n}', `\n    const val SECRET_TOKEN = "${JAVA_KEY}"\n}`);
    const d = (await h.current(uri)).diagnostics;
    assert.equal(d.length, 2);
    const fresh = await Harness.start({ folders: [root] });
    const freshUri = fresh.open(path.join(root, 'Api2.kt'), h.text(uri));
    const expected = (await fresh.current(freshUri)).diagnostics;
    assert.deepEqual(d.map(x => [x.code, x.range, x.message]), expected.map(x => [x.code, x.range, x.message]));
  });

  it('does not lint files left out by authlint.exclude, .authlint.json ignore or .gitignore, nor when disabled', async () => {
    const root = makeTree({
      '.authlint.json': '{ "ignore": ["legacy/**"] }',
      legacy: { 'old.ts': files['api.ts'] }, gen: { 'keys.ts': files['api.ts'] }, 'api.ts': files['api.ts'],
    });
    const h = await Harness.start({ folders: [root], settings: { '': { exclude: ['gen'] } } });
    assert.deepEqual((await h.current(h.open(path.join(root, 'legacy', 'old.ts')))).diagnostics, []);
    assert.deepEqual((await h.current(h.open(path.join(root, 'gen', 'keys.ts')))).diagnostics, []);
    assert.equal((await h.current(h.open(path.join(root, 'api.ts')))).diagnostics.length, 1);
    const moved = makeTree({ '.gitignore': '/local.properties\n', 'local.properties': `API_KEY=${KT_KEY}\n`, 'gradle.properties': `api.secret=${KT_KEY}\n` });
    const g = await Harness.start({ folders: [moved] });
    assert.deepEqual((await g.current(g.open(path.join(moved, 'local.properties')))).diagnostics, [], 'git-ignored, as in a scan');
    assert.equal((await g.current(g.open(path.join(moved, 'gradle.properties')))).diagnostics.length, 1);
    const off = await Harness.start({ folders: [root], settings: { '': { enable: false } } });
    assert.deepEqual((await off.current(off.open(path.join(root, 'api.ts')))).diagnostics, []);
  });
});
