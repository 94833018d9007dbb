// Grammars are compiled on first use, one per language a thread meets; a missing grammar fails the start-up.
// node --test runs this file in its own process, so no other test has loaded a grammar before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadedGrammars } from '../../server/src/engine/parse/parsers';
import { analyze, engineReady, wasmDir } from '../helpers/engine';

test('a grammar is compiled the first time a file of its language is parsed, and only then', async () => {
  await engineReady();
  assert.deepEqual(loadedGrammars(), []);
  // Not parsed (the pre-filter finds nothing to check): no grammar.
  analyze('src/Plain.kt', 'fun main() { println(1 + 2) }\n');
  assert.deepEqual(loadedGrammars(), []);
  const kotlin = analyze('src/Api.kt', 'fun f() = Request.Builder().addHeader("X-Api-Key", BuildConfig.WEATHER_API_KEY).build()\n');
  assert.deepEqual(kotlin.map(f => f.ruleId), ['embedded-api-key']);
  assert.deepEqual(loadedGrammars(), ['kotlin']);
  analyze('src/Other.kt', 'val token = "abc"\n');
  const java = analyze('src/Api.java', 'class Api { Request f() { return new Request.Builder().addHeader("X-Api-Key", BuildConfig.WEATHER_API_KEY).build(); } }\n');
  assert.deepEqual(java.map(f => f.ruleId), ['embedded-api-key']);
  assert.deepEqual(loadedGrammars(), ['kotlin', 'java']);
});

test('a missing grammar file fails initEngine with the file named, before any file is analysed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'authlint-wasm-'));
  try {
    cpSync(wasmDir, dir, { recursive: true });
    rmSync(path.join(dir, 'tree-sitter-java.wasm'));
    const engine = path.join(__dirname, '..', '..', 'server', 'src', 'engine', 'index.js');
    const script = `require(${JSON.stringify(engine)}).initEngine(${JSON.stringify(dir)})
      .then(() => console.log('started'), e => console.log(e.code, require('path').basename(e.path)));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.stdout, 'ENOENT tree-sitter-java.wasm\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
