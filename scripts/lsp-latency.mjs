#!/usr/bin/env node
// What typing costs in the editor, and how fast the server comes up. Prints:
//   1. engine time per keystroke on a 5,000-line Kotlin, Java and TypeScript file: one-character insertions at
//      random places, each followed by the analysis the server runs (tree.edit + incremental re-parse + model +
//      rules), p50/p95, and the same text analysed from scratch (full parse) for comparison; each character is
//      taken out again before the next one, so the file stays real code;
//   2. server cold start: `node dist/server.js --stdio` spawned → initialize answered → first diagnostics of an
//      opened file, median of 5 runs.
// Each file starts with the example project's file of that language (it has findings, so every keystroke is
// parsed and checked, the expensive case) followed by real code from the corpus (~/.cache/authlint/corpus, see
// scripts/corpus.mjs; it is only read here, never fetched) or, without it, more example files.
// Needs `npm run build` first (dist/ holds the grammars and the server). Offline. KEYSTROKES=0: cold start only.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const require = createRequire(join(root, 'package.json'));
const lines = 5000;
const keystrokes = Number(process.env.KEYSTROKES ?? 300);

if (!existsSync(join(dist, 'server.js')) || !existsSync(join(dist, 'web-tree-sitter.wasm'))) {
  console.error('lsp-latency: run `npm run build` first (dist/server.js and the grammars are needed)');
  process.exit(2);
}

// The engine as the server uses it, bundled for this script (the sources are TypeScript).
const tmp = mkdtempSync(join(tmpdir(), 'authlint-latency-'));
await build({
  entryPoints: { engine: join(root, 'server/src/engine/index.ts') }, bundle: true, platform: 'node', format: 'cjs',
  outdir: tmp, logLevel: 'warning', alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
});
const engine = require(join(tmp, 'engine.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');
await engine.initEngine(dist);
const settings = { levels: {}, options: engine.defaultOptions };

const corpus = join(process.env.AUTHLINT_CACHE ?? join(homedir(), '.cache', 'authlint'), 'corpus');
const samples = {
  kotlin: { ext: '.kt', seed: 'examples/android/app/src/main/java/com/example/shop/SignIn.kt' },
  java: { ext: '.java', seed: 'examples/android/app/src/main/java/com/example/shop/LegacyCatalogClient.java' },
  typescript: { ext: '.ts', seed: 'examples/web/src/oauth.ts' },
};

function filesUnder(dir, ext, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) filesUnder(p, ext, out);
    else if (p.endsWith(ext) && !p.endsWith('.d.ts') && s.size < 200_000) out.push(p);
  }
  return out;
}

function fiveThousandLines(language) {
  const { ext, seed } = samples[language];
  const parts = [readFileSync(join(root, seed), 'utf8')];
  const pool = [...filesUnder(corpus, ext), ...filesUnder(join(root, 'examples'), ext)];
  let count = parts[0].split('\n').length;
  for (let i = 0; count < lines && pool.length; i++) {
    const text = readFileSync(pool[i % pool.length], 'utf8');
    parts.push(text);
    count += text.split('\n').length;
  }
  return { text: parts.join('\n').split('\n').slice(0, lines).join('\n'), fromCorpus: pool.length > 0 && existsSync(corpus) };
}

/** mulberry32: the same edits on every run. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const percentile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const ms = x => `${x.toFixed(2)} ms`;

if (keystrokes > 0) console.log(`Engine time per keystroke (${keystrokes} one-character edits at random places, ${lines}-line files)`);
if (keystrokes > 0) console.log('language    size      incremental p50 / p95     from scratch p50 / p95   parsed   findings at the end');
for (const language of keystrokes > 0 ? Object.keys(samples) : []) {
  const { text, fromCorpus } = fiveThousandLines(language);
  const path = `src/Big${samples[language].ext}`;
  const rand = random(42);
  const tree = new engine.DocumentTree();
  let doc = TextDocument.create('file:///big', language, 0, text);
  engine.analyzeDocument({ path, text }, settings, [], tree); // the first, full parse (when the file opens)
  const incremental = [], scratch = [];
  let findings = 0, parsed = 0;
  for (let i = 0; i < keystrokes; i++) {
    const before = doc.getText();
    const at = Math.floor(rand() * before.length);
    const ch = 'etaoinshrdlu _.();\n'[Math.floor(rand() * 19)];
    const range = { start: doc.positionAt(at), end: doc.positionAt(at) };
    const t0 = performance.now();
    tree.edit({ span: { start: at, end: at }, range, newText: ch });
    doc = TextDocument.update(doc, [{ range, text: ch }], 2 * i + 1);
    const now = doc.getText();
    const result = engine.analyzeDocument({ path, text: now }, settings, [], tree);
    findings = result.findings.length;
    if (result.parsed !== false) parsed++;
    const t1 = performance.now();
    engine.analyzeFile({ path, text: now }, settings);
    const t2 = performance.now();
    incremental.push(t1 - t0);
    scratch.push(t2 - t1);
    // Undo the character (not timed; the next analysis re-parses both edits): the file stays the 5,000 lines of
    // real code it was instead of drifting into noise, so every keystroke is measured on the same kind of file.
    const undo = { start: doc.positionAt(at), end: doc.positionAt(at + 1) };
    tree.edit({ span: { start: at, end: at + 1 }, range: undo, newText: '' });
    doc = TextDocument.update(doc, [{ range: undo, text: "" }], 2 * i + 2);
  }
  tree.dispose();
  console.log(`${language.padEnd(11)} ${(`${Math.round(text.length / 1024)} KB`).padEnd(9)} ${`${ms(percentile(incremental, 50))} / ${ms(percentile(incremental, 95))}`.padEnd(25)} ${`${ms(percentile(scratch, 50))} / ${ms(percentile(scratch, 95))}`.padEnd(24)} ${`${Math.round((parsed / keystrokes) * 100)}%`.padEnd(8)} ${findings}${fromCorpus ? '' : ' (examples only: no corpus)'}`);
}

// ---- cold start over stdio ----

function coldStart() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(dist, 'server.js'), '--stdio']);
    let buffer = Buffer.alloc(0);
    let initialized;
    const send = m => { const body = JSON.stringify({ jsonrpc: '2.0', ...m }); child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`); };
    const timer = setTimeout(() => { child.kill(); reject(new Error('no diagnostics within 30 s')); }, 30_000);
    child.stdout.on('data', chunk => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
        if (buffer.length < end + 4 + length) return;
        const m = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
        buffer = buffer.subarray(end + 4 + length);
        if (m.id !== undefined && m.method) send({ id: m.id, result: m.method === 'workspace/configuration' ? [null] : null });
        if (m.id === 1) {
          initialized = performance.now() - t0;
          send({ method: 'initialized', params: {} });
          const text = readFileSync(join(root, samples.kotlin.seed), 'utf8');
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri: pathToFileURL(join(root, samples.kotlin.seed)).href, languageId: 'kotlin', version: 1, text } } });
        }
        if (m.method === 'textDocument/publishDiagnostics') {
          clearTimeout(timer);
          const first = performance.now() - t0;
          child.kill();
          resolve({ initialized, first, count: m.params.diagnostics.length });
          return;
        }
      }
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

const runs = [];
for (let i = 0; i < 5; i++) runs.push(await coldStart());
const median = key => percentile(runs.map(r => r[key]), 50);
console.log('');
console.log('Server cold start over stdio (median of 5)');
console.log(`  spawn → initialize answered (grammars loaded):  ${ms(median('initialized'))}`);
console.log(`  spawn → first diagnostics of an opened file:    ${ms(median('first'))} (${runs[0].count} diagnostics)`);
rmSync(tmp, { recursive: true, force: true });
