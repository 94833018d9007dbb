// A grammar that does not load (a damaged install: parsers.ts GrammarLoadError) in the language server: the status
// names it until the server restarts, other languages keep working, and a workspace scan stops with its message
// instead of skipping each file of that language as an analyser bug. The engine is the real one, except that
// Kotlin fails as a truncated tree-sitter-kotlin.wasm makes it fail.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument, analyzeFile, GrammarLoadError } from '../../server/src/engine/index';
import { Harness, makeTree } from './harness';
import { wasmDir } from '../helpers/engine';

const message = 'cannot load the kotlin grammar tree-sitter-kotlin.wasm (WebAssembly.Module(): expected 1000 bytes); reinstall AuthLint';
const broken = (p: string) => p.endsWith('.kt');
const engine = {
  analyzeDocument: ((input, ...rest) => {
    if (broken(input.path)) throw new GrammarLoadError(message);
    return analyzeDocument(input, ...rest);
  }) as typeof analyzeDocument,
  analyzeFile: ((input, ...rest) => {
    if (broken(input.path)) throw new GrammarLoadError(message);
    return analyzeFile(input, ...rest);
  }) as typeof analyzeFile,
};
// Invented values in no provider's format.
const files = {
  'Api.kt': 'object Api {\n    const val API_KEY = "hJ8kL2mN9pQ4rS7tV1wX3yZ6"\n}\n',
  'api.ts': 'export const apiSecret = "Lm9Nq2Rs7Tu4Vw1Xy8Za3Bc6";\n',
};

describe('a grammar that does not load', () => {
  it('the status names it and keeps it while files of other languages analyse fine', async () => {
    const root = makeTree(files);
    const h = await Harness.start({ folders: [root], debounceMs: 1, engine });
    h.open(path.join(root, 'Api.kt'), files['Api.kt'], 'kotlin');
    await h.client.until(() => h.client.statuses.find(s => s.state === 'error'), 'an error status');
    const ts = h.open(path.join(root, 'api.ts'), files['api.ts'], 'typescript');
    assert.deepEqual((await h.current(ts)).diagnostics.map(d => d.code), ['hardcoded-secret']);
    assert.deepEqual(h.client.statuses.at(-1), { state: 'error', message });
  });

  it('a workspace scan stops with its message, as the CLI does, not one "internal error" per file', async () => {
    const root = makeTree(files);
    const h = await Harness.start({ folders: [root], debounceMs: 1, engine });
    await assert.rejects(h.scan(), (e: Error) => e.message === message);
    assert.deepEqual(h.client.statuses.at(-1), { state: 'error', message });
    assert.deepEqual(h.client.logs.filter(l => /please report it|internal error/.test(l)), []);
  });

  it('a scan on worker threads that cannot load it: the status keeps its message while other files analyse fine', async () => {
    // The grammars as installed, with tree-sitter-kotlin.wasm cut short: the scan workers load them from here.
    const damaged = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-wasm-'));
    for (const f of fs.readdirSync(wasmDir).filter(f => f.endsWith('.wasm'))) fs.copyFileSync(path.join(wasmDir, f), path.join(damaged, f));
    fs.writeFileSync(path.join(damaged, 'tree-sitter-kotlin.wasm'), fs.readFileSync(path.join(wasmDir, 'tree-sitter-kotlin.wasm')).subarray(0, 1000));
    const root = makeTree(files);
    const h = await Harness.start({ folders: [root], debounceMs: 1, scanThreadsFrom: 1, wasmDir: damaged });
    let scanError = '';
    await assert.rejects(h.scan(), (e: Error) => { scanError = e.message; return /^cannot load the kotlin grammar tree-sitter-kotlin\.wasm .*; reinstall AuthLint$/.test(e.message); });
    assert.deepEqual(h.client.statuses.at(-1), { state: 'error', message: scanError });
    const ts = h.open(path.join(root, 'api.ts'), files['api.ts'], 'typescript');
    assert.deepEqual((await h.current(ts)).diagnostics.map(d => d.code), ['hardcoded-secret']);
    assert.deepEqual(h.client.statuses.at(-1), { state: 'error', message: scanError });
  });
});
