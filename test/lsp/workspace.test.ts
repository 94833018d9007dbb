// The workspace: the scan (walker, excludes and config as the CLI), progress and cancel, the constants index
// across files (re-publishing the defining file), files changing on disk, and multi-root folders.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import { pathToUri } from '../../server/src/lsp/workspace';
import { crossFileClientSecret } from '../helpers/fixtures';
import { Harness, makeTree, type TestProgress, type Tree } from './harness';

const SECRET = 'Ax7Kq2Wm9Lp4Rt8Yz1Nb6Vc3Qe5Tu';
const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';
const { secretsTs, tokensTs } = crossFileClientSecret(SECRET);
const apiKt = `package com.example.shop\n\nobject Api {\n    const val API_KEY = "${KEY}"\n}\n`;

const project: Tree = {
  '.gitignore': 'generated/\n',
  '.authlint.json': '{ "ignore": ["legacy/**"] }',
  node_modules: { lib: { 'index.js': `const apiKey = '${KEY}';\n` } },
  generated: { 'keys.ts': `export const apiKey = '${KEY}';\n` },
  legacy: { 'old.ts': `export const apiKey = '${KEY}';\n` },
  web: { 'secrets.ts': secretsTs, 'tokens.ts': tokensTs, 'clean.ts': 'export const title = "shop";\n' },
  app: { 'Api.kt': apiKt },
};

const uriOf = (root: string, rel: string) => pathToUri(path.join(root, rel));
const relatedOf = (h: Harness, uri: string) => [...h.client.published].reverse().find(p => p.uri === uri)!.diagnostics.flatMap(d => d.relatedInformation ?? []).map(r => r.location.uri);

describe('workspace scan', () => {
  it('publishes every file the CLI would scan, with cross-file uses, skipping what it skips', async () => {
    const root = makeTree(project);
    const h = await Harness.start({ folders: [root] });
    const summary = await h.scan();
    assert.deepEqual(summary, { files: 4, findings: 2, cancelled: false });
    const published = new Set(h.client.published.map(p => p.uri));
    assert.ok(published.has(uriOf(root, 'web/secrets.ts')));
    assert.ok(published.has(uriOf(root, 'app/Api.kt')));
    for (const skipped of ['node_modules/lib/index.js', 'generated/keys.ts', 'legacy/old.ts', 'web/clean.ts']) {
      assert.ok(!published.has(uriOf(root, skipped)), `${skipped} is not published`);
    }
    assert.deepEqual(relatedOf(h, uriOf(root, 'web/secrets.ts')), [uriOf(root, 'web/tokens.ts')]);
    const [progress] = h.client.progresses;
    assert.equal(progress.events[0], 'begin AuthLint: scanning the workspace (cancellable)');
    assert.equal(progress.events.at(-1), 'done');
    assert.ok(progress.events.includes('report 100% 4/4 files'));
  });

  it('on worker threads (a large folder) publishes exactly what the in-thread scan publishes', async () => {
    const root = makeTree(project);
    const final = async (threadsFrom: number) => {
      const h = await Harness.start({ folders: [root], scanThreadsFrom: threadsFrom });
      const summary = await h.scan();
      const last = new Map(h.client.published.map(p => [p.uri, p.diagnostics]));
      return { summary, diagnostics: [...last].sort(([a], [b]) => a.localeCompare(b)) };
    };
    const threaded = await final(1);
    assert.deepEqual(threaded.summary, { files: 4, findings: 2, cancelled: false });
    assert.deepEqual(threaded.diagnostics.filter(([, d]) => d.length).map(([uri, d]) => [uri, d.length]), [[uriOf(root, 'app/Api.kt'), 1], [uriOf(root, 'web/secrets.ts'), 1]]);
    assert.deepEqual(threaded, await final(1000));
  });

  it('stops when the user cancels, and a later scan runs in full', async () => {
    const root = makeTree(project);
    const h = await Harness.start({ folders: [root] });
    const createProgress = h.client.createProgress.bind(h.client);
    h.client.createProgress = async () => {
      const p = await createProgress() as TestProgress;
      p.token.isCancellationRequested = true; // Cancel pressed as soon as the notification shows
      return p;
    };
    assert.deepEqual(await h.scan(), { files: 0, findings: 0, cancelled: true });
    assert.equal(h.client.progresses[0].events.at(-1), 'done');
    h.client.createProgress = createProgress;
    assert.deepEqual(await h.scan(), { files: 4, findings: 2, cancelled: false });
  });

  it('a scanned file changed on disk is analysed again; a deleted one is cleared', async () => {
    const root = makeTree(project);
    const h = await Harness.start({ folders: [root] });
    await h.scan();
    const api = path.join(root, 'app/Api.kt');
    fs.writeFileSync(api, 'package com.example.shop\n\nobject Api\n');
    let since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(api), type: FileChangeType.Changed }] });
    assert.deepEqual((await h.diagnostics(pathToUri(api), () => true, since)).diagnostics, []);

    const secrets = path.join(root, 'web/secrets.ts');
    fs.rmSync(secrets);
    since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(secrets), type: FileChangeType.Deleted }] });
    assert.deepEqual((await h.diagnostics(pathToUri(secrets), () => true, since)).diagnostics, []);
  });
});

describe('constants across files', () => {
  it('opening the file that uses a key re-publishes the open file that defines it, with the use as related', async () => {
    const root = makeTree({ web: { 'secrets.ts': secretsTs, 'tokens.ts': tokensTs } });
    const h = await Harness.start({ folders: [root], debounceMs: 1 });
    const secrets = h.open(path.join(root, 'web/secrets.ts'));
    assert.deepEqual((await h.current(secrets)).diagnostics.flatMap(d => d.relatedInformation ?? []), []);
    let since = h.client.published.length;
    const tokens = h.open(path.join(root, 'web/tokens.ts'));
    const withUse = await h.diagnostics(secrets, p => !!p.diagnostics[0]?.relatedInformation, since);
    assert.deepEqual(withUse.diagnostics[0].relatedInformation!.map(r => [r.location.uri, r.location.range.start.line]), [[tokens, 9]]);

    since = h.client.published.length;
    h.change(tokens, ', client_secret: CLIENT_SECRET', ''); // the use goes away…
    const without = await h.diagnostics(secrets, p => !p.diagnostics[0]?.relatedInformation, since); // …and so does the related location
    assert.equal(without.diagnostics.length, 1);
  });

  it('after a scan, editing the using file re-publishes the closed defining file', async () => {
    const root = makeTree({ web: { 'secrets.ts': secretsTs, 'tokens.ts': tokensTs } });
    const h = await Harness.start({ folders: [root], debounceMs: 1 });
    await h.scan();
    const secrets = uriOf(root, 'web/secrets.ts');
    assert.deepEqual(relatedOf(h, secrets), [uriOf(root, 'web/tokens.ts')]);
    const tokens = h.open(path.join(root, 'web/tokens.ts'));
    await h.current(tokens);
    const since = h.client.published.length;
    h.change(tokens, 'extras: {', 'scope: "openid",\n    extras: {'); // the use moves one line down
    const moved = await h.diagnostics(secrets, p => p.diagnostics[0]?.relatedInformation?.[0].location.range.start.line === 10, since);
    assert.equal(moved.version, undefined, 'a closed file is published without a version');
  });
});

describe('multi-root workspaces', () => {
  it('scans every folder; paths are relative to each folder; removing a folder clears its files', async () => {
    const a = makeTree({ 'api.ts': `export const apiKey = '${KEY}';\n` });
    const b = makeTree({ app: { 'Api.kt': apiKt } });
    const h = await Harness.start({ folders: [a, b] });
    assert.deepEqual(await h.scan(), { files: 2, findings: 2, cancelled: false });
    const bUri = uriOf(b, 'app/Api.kt');
    assert.equal((await h.diagnostics(bUri)).diagnostics.length, 1);
    const since = h.client.published.length;
    h.server.didChangeWorkspaceFolders({ event: { added: [], removed: [{ uri: pathToUri(b), name: 'b' }] } });
    assert.deepEqual((await h.diagnostics(bUri, () => true, since)).diagnostics, []);
  });
});
