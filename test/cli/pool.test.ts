import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chooseWorkerCount, createExecutor, locateWasmDir, scanFiles, type ScanOptions } from '../../server/src/cli/pool';
import type { FileOutcome } from '../../server/src/cli/worker';
import { resolveSettings } from '../../server/src/engine/config';
import { makeTree } from '../helpers/tree';

const key = 'f3c1a9e07b5d24c68e1f0a3b7c9d5e2f4a6b8c01';
const files: Record<string, string | Uint8Array> = {
  'pay/Keys.kt': `package com.example.pay\n\nobject Keys {\n    const val HMAC = "${key}"\n}\n`,
  'pay/Signer.kt': 'package com.example.pay\n\nimport javax.crypto.spec.SecretKeySpec\n\nfun spec() = SecretKeySpec(Keys.HMAC.toByteArray(), "HmacSHA256")\n',
  'Blob.kt': '\u0000\u0001',
  'bad.ts': Uint8Array.from([0x61, 0x3d, 0xff, 0x0a]), // an invalid UTF-8 byte
  ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`gen/F${i}.ts`, `export const n${i} = ${i};\n`])),
};

describe('scanFiles', () => {
  const root = makeTree({});
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  const options = (workers: number): ScanOptions => ({
    root, workers, wasmDir: locateWasmDir()!, settings: resolveSettings(undefined), read: { maxFileSize: 2_000_000, includeMinified: false },
  });
  const paths = Object.keys(files).sort().reverse(); // any order in, sorted out

  it('gives the same sorted outcome in this thread and in worker threads, cross-file uses included', async () => {
    const single = await scanFiles(paths, options(1));
    const pooled = await scanFiles(paths, options(2));
    assert.deepEqual(pooled, single);
    assert.deepEqual(single.results.map(r => r.path), [...paths].filter(p => p !== 'Blob.kt').sort());
    assert.deepEqual(single.skipped, [{ path: 'Blob.kt', reason: 'binary file (NUL bytes in the first 8 KB)' }]);
    assert.deepEqual(single.notices, [{ path: 'bad.ts', message: 'not valid UTF-8: undecodable bytes were replaced with U+FFFD' }]);
    const keys = single.results.find(r => r.path === 'pay/Keys.kt')!;
    assert.deepEqual(keys.findings.map(f => [f.ruleId, f.related.map(x => x.path)]), [['hardcoded-signing-key', ['pay/Signer.kt']]]);
  });

  it('follows a constant defined in a file the pre-filter does not parse (no keyword, no candidate)', async () => {
    const dir = makeTree({
      a: {
        'Names.kt': 'package com.example.a\n\nconst val V = "abc"\nconst val LABEL = "hello"\n',
        'Use.kt': 'package com.example.a\n\nfun f() = Mac.getInstance("HmacSHA256").init(SecretKeySpec(V.toByteArray(), "HmacSHA256"))\n',
      },
      b: { 'Other.kt': 'package com.example.b\n\nval unrelated = 1\n' },
    });
    const out = await scanFiles(['a/Names.kt', 'a/Use.kt', 'b/Other.kt'], { ...options(1), root: dir });
    const names = out.results.find(r => r.path === 'a/Names.kt')!;
    assert.deepEqual(names.findings.map(f => [f.ruleId, f.range.start.line, f.related.map(x => x.path)]), [['hardcoded-signing-key', 2, ['a/Use.kt']]]);
    assert.equal(out.results.find(r => r.path === 'b/Other.kt')!.parsed, false, 'files not mentioning the name stay unparsed');
  });

  it('reports progress up to the total', async () => {
    const seen: [number, number][] = [];
    await scanFiles(paths, { ...options(2), onProgress: (done, total) => seen.push([done, total]) });
    assert.deepEqual(seen.at(-1), [paths.length, paths.length]);
  });

  it('given contents (--staged: the index\'s blobs) replace the files\' bytes, in this thread and in workers, through both phases', async () => {
    const given = new Map<string, Uint8Array>([
      ['pay/Keys.kt', Buffer.from('package com.example.pay\n\nobject Keys {\n    // moved\n\n    const val HMAC = "' + key + '"\n}\n')],
      ['bad.ts', Buffer.from("export const title = 'fixed';\n")],
      ['Blob.kt', Buffer.from('object Blob\n')],
    ]);
    const single = await scanFiles(paths, { ...options(1), contents: given });
    assert.deepEqual(await scanFiles(paths, { ...options(2), contents: given }), single);
    assert.deepEqual([single.skipped, single.notices], [[], []]);
    const keys = single.results.find(r => r.path === 'pay/Keys.kt')!;
    assert.deepEqual(keys.findings.map(f => [f.ruleId, f.range.start.line, f.related.map(x => x.path)]), [['hardcoded-signing-key', 5, ['pay/Signer.kt']]]);
  });

  it('an engine that cannot start in a worker fails the scan instead of skipping every file', async () => {
    // Only a fresh thread loads grammars (this one already has them), so this is checked in workers.
    await assert.rejects(scanFiles(paths, { ...options(2), wasmDir: root }), /web-tree-sitter\.wasm/);
  });

  it('a grammar file that is there but does not load fails the scan once, naming it, instead of skipping each file of its language', async () => {
    const wasm = makeTree({});
    fs.cpSync(locateWasmDir()!, wasm, { recursive: true });
    const grammar = path.join(wasm, 'tree-sitter-kotlin.wasm');
    fs.writeFileSync(grammar, fs.readFileSync(grammar).subarray(0, 1000)); // truncated
    await assert.rejects(scanFiles(paths, { ...options(2), wasmDir: wasm }),
      (e: Error) => /^cannot load the kotlin grammar tree-sitter-kotlin\.wasm \(.+\); reinstall AuthLint$/.test(e.message));
  });
});

describe('worker heap limits', () => {
  // 30,000 lines, each a constant and a call that uses it: a syntax tree and model far larger than an 8 MB heap.
  const big = (n: number) => [
    ...Array.from({ length: 30_000 }, (_, i) => `const id${i} = "item-${n}-${i}"; fetch("https://api.example.com/v1/items/" + id${i});`),
    'console.log("token", accessToken);',
  ].join('\n') + '\n';
  const bigFiles = ['big0.js', 'big1.js', 'big2.js'];
  const smallFiles = Array.from({ length: 20 }, (_, i) => `small${i}.ts`);
  const root = makeTree(Object.fromEntries([
    ...bigFiles.map((f, n) => [f, big(n)]),
    ...smallFiles.map((f, i) => [f, `export const n${i} = ${i};\nconsole.log("token", sessionToken${i});\n`]),
  ]));
  const settings = resolveSettings(undefined, { options: { maxFileSize: 20_000_000 } });
  const config = { root, wasmDir: locateWasmDir()!, settings, read: { maxFileSize: 20_000_000, includeMinified: false } };
  // Big and small files mixed: 23 tasks on 2 workers make batches of two (pool.ts batches), so a batch holding a big
  // file runs out of memory, is split, and only the big file goes on to the roomy worker.
  const tasks = [...bigFiles, ...smallFiles].sort().map(path => ({ path }));
  const byPathOf = (o: { path: string }[]) => [...o].sort((a, b) => a.path.localeCompare(b.path));
  const summary = (o: { path: string; result?: { parsed: boolean; findings: { ruleId: string; range: { start: { line: number } } }[] } }) =>
    `${o.path} ${o.result?.parsed} ${o.result?.findings.map(f => `${f.ruleId}@${f.range.start.line}`).join(',')}`;

  let inThread: Promise<FileOutcome[]> | undefined;
  const inThreadOutcomes = () => (inThread ??= createExecutor(1, config, { threaded: false }).run(tasks));

  it('files that do not fit in a limited worker are analysed again, one at a time, in one worker without limits: the same outcomes as in this thread', async () => {
    const here = await inThreadOutcomes();
    assert.deepEqual(byPathOf(here).filter(o => bigFiles.includes(o.path)).map(summary),
      bigFiles.map(f => `${f} true token-logged@30000`));
    const pool = createExecutor(2, config, { threaded: true, heapLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 } });
    try {
      const pooled = await pool.run(tasks);
      assert.deepEqual(pool.roomy, { retries: 3, workers: 1 });
      assert.deepEqual(byPathOf(pooled), byPathOf(here));
    } finally {
      await pool.close();
    }
  });

  it('a stop asked for while files wait for the roomy worker ends the run without them and starts no roomy worker', async () => {
    const pool = createExecutor(2, config, { threaded: true, heapLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 } });
    try {
      // Stop as soon as a file is queued for the roomy worker (the user pressed Cancel on the scan).
      const outcomes = await pool.run(tasks, { shouldStop: () => pool.roomy!.retries > 0 });
      assert.ok(pool.roomy!.retries >= 1);
      assert.equal(pool.roomy!.workers, 0);
      assert.deepEqual(outcomes.filter(o => bigFiles.includes(o.path)), [], 'no big file fits a limited worker: none was analysed');
      assert.ok(outcomes.every(o => smallFiles.includes(o.path) && o.result));
    } finally {
      await pool.close();
    }
  });

  it('with the default limits the same files need no retry', async () => {
    const pool = createExecutor(2, config, { threaded: true });
    try {
      const pooled = await pool.run(tasks);
      assert.deepEqual(pool.roomy, { retries: 0, workers: 0 });
      assert.deepEqual(byPathOf(pooled), byPathOf(await inThreadOutcomes()));
    } finally {
      await pool.close();
    }
  });
});

describe('chooseWorkerCount', () => {
  it('one thread for few files, then one worker per 50 files up to the core count', () => {
    assert.equal(chooseWorkerCount(0, undefined, 8), 1);
    assert.equal(chooseWorkerCount(50, undefined, 8), 1);
    assert.equal(chooseWorkerCount(51, undefined, 8), 2);
    assert.equal(chooseWorkerCount(10_000, undefined, 8), 8);
    assert.equal(chooseWorkerCount(10_000, undefined, 0), 1);
  });

  it('--jobs N: at most N, and never more than the cores (-j 999 on 2 cores is 2 workers, not 30)', () => {
    assert.equal(chooseWorkerCount(1_500, 999, 2), 2);
    assert.equal(chooseWorkerCount(1_500, 3, 8), 3);
    assert.equal(chooseWorkerCount(1_500, 1, 8), 1);
    assert.equal(chooseWorkerCount(60, 999, 8), 2, 'still one per 50 files');
  });
});
