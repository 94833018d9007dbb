#!/usr/bin/env node
// What the editor costs (issue 5, the editor half): typing, start-up and memory. `npm run latency` prints the
// tables; `npm run latency -- --write` (or `npm run bench`) also writes them into docs/performance.md between the
// <!-- bench:editor --> markers.
//
//   1. Engine time per keystroke on a 5,000-line Kotlin, Java and TypeScript file: one-character insertions at
//      seeded random places, each followed by the analysis the server runs (tree.edit + incremental re-parse +
//      model + rules), p50/p95 (also without the first keystrokes, before V8 has compiled the incremental path), and
//      the same texts analysed from scratch (full parse) in a loop of their own, for comparison; each character is
//      taken out again before the next one (untimed; the next analysis re-parses both edits), so the file stays
//      real code.
//   2. The same keystrokes over LSP: a real server (`node dist/server.js --stdio`, as the extension starts it)
//      with the file open; each insertion is an incremental didChange (the previous one's undo goes just before
//      it, as its own didChange) and is timed from writing it to the server's stdin until the publishDiagnostics
//      of that exact version arrives. The server waits 200 ms after the last change before it validates (its
//      debounce; no setting changes it), so the table gives that time less 200 ms, and the raw time.
//   3. Server cold start: spawned → initialize answered → first diagnostics of an opened file, median of 5 runs.
//   4. Server memory (VmRSS, VmHWM of /proc/<pid>/status): a server whose workspace folder is the corpus root,
//      after initialize; after opening 50 corpus files (each didOpen waits for that file's diagnostics); when
//      `workspace/executeCommand authlint.scanWorkspace` answers; settled (RSS polled every 100 ms until it has
//      moved less than 1 MB over a second, for at most 5 s); and settled after a second scan. /proc/<pid>/smaps
//      splits the RSS into the WebAssembly memories, malloc's arenas, file mappings and the rest. Median of 5
//      servers.
//
// The 5,000-line files start with the example project's file of that language (it has findings, so every
// keystroke is parsed and checked, the expensive case) followed by real code from the corpus
// (~/.cache/authlint/corpus, see scripts/corpus.mjs; only read here, never fetched) or, without it, more example
// files; part 4 needs the corpus. Before each part the script waits (at most 20 s) for the machine to be quiet,
// and reports how busy other processes kept it.
//
// Needs `npm run build` first (dist/ holds the grammars and the server). Offline.
//   --write              write docs/performance.md (section bench:editor)
//   --keystrokes N       engine keystrokes per file (default 300; env KEYSTROKES)
//   --lsp-keystrokes N   LSP keystrokes per file (default 100, each costs the 200 ms debounce; env LSP_KEYSTROKES)
//   --cold-runs N        cold starts (default 5);  --memory-runs N: servers for the memory part (default 5)
//   --no-wait            don't wait for a quiet machine
// A count of 0 leaves that part out (KEYSTROKES=0: no keystroke parts).
import { build, buildSync } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  cpuSeconds, docPath, LoadMeter, machine, mdTable, median, pct, percentile, procStatus, repoRoot as root, sleep, smapsOf,
  verdict, waitForQuiet, writeSection,
} from '../bench/lib.mjs';
import { corpusRoot, formatMB, listCorpusFiles, summarize } from './corpus.mjs';
import { bundleAliases } from './bundle-aliases.mjs';

const dist = join(root, 'dist');
const serverJs = join(dist, 'server.js');
const require = createRequire(join(root, 'package.json'));
const lines = 5000;
/** The server's pause after the last change before it validates (server/src/lsp/server.ts, debounceMs). */
const DEBOUNCE_MS = 200;
const targets = { keystrokeP95Ms: 5, coldStartMs: 300, rssAfterScanMB: 150 };
/**
 * The first keystrokes after the file opens run code the full analysis never ran (the incremental update) before V8
 * has compiled it: the table shows the p95 without them too. The verdict counts every keystroke.
 */
const WARM_UP = 30;
const steady = xs => xs.slice(WARM_UP);

const HELP = `usage: node scripts/lsp-latency.mjs [--write] [--keystrokes N] [--lsp-keystrokes N] [--cold-runs N] [--memory-runs N] [--no-wait]
(see the comment at the top of the script for what each part measures)`;

function parseArgs(argv) {
  const count = (name, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) { console.error(`lsp-latency: ${name} needs a whole number ≥ 0`); process.exit(2); }
    return n;
  };
  const opts = {
    write: false, wait: 20, coldRuns: 5, memoryRuns: 5,
    keystrokes: count('KEYSTROKES', process.env.KEYSTROKES ?? 300),
    lspKeystrokes: count('LSP_KEYSTROKES', process.env.LSP_KEYSTROKES ?? (process.env.KEYSTROKES === '0' ? 0 : 100)),
  };
  const names = { '--keystrokes': 'keystrokes', '--lsp-keystrokes': 'lspKeystrokes', '--cold-runs': 'coldRuns', '--memory-runs': 'memoryRuns' };
  for (let i = 0; i < argv.length; i++) {
    const [a, inline] = argv[i].split('=');
    if (a === '--write') opts.write = true;
    else if (a === '--no-wait') opts.wait = 0;
    else if (a === '--help' || a === '-h') { console.log(HELP); process.exit(0); }
    else if (names[a]) opts[names[a]] = count(a, inline ?? argv[++i]);
    else { console.error(`lsp-latency: unknown option ${argv[i]}\n${HELP}`); process.exit(2); }
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const log = msg => process.stderr.write(msg + '\n');

if (!existsSync(serverJs) || !existsSync(join(dist, 'web-tree-sitter.wasm'))) {
  console.error('lsp-latency: run `npm run build` first (dist/server.js and the grammars are needed)');
  process.exit(2);
}

const corpus = corpusRoot();
const hasCorpus = existsSync(corpus) && readdirSync(corpus).length > 0;
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

/**
 * What a Kotlin or Java file may hold only at its top (package, imports, Kotlin `@file:` annotations): taken out of
 * every file but the first, so the concatenation parses as one real file instead of one declaration followed by an
 * ERROR node thousands of lines long (TypeScript allows imports anywhere).
 */
const headerLines = { kotlin: /^(\s*(package|import)\s|@file:)[^\n]*\n/gm, java: /^\s*(package|import)\s[^\n]*\n/gm };

function fiveThousandLines(language) {
  const { ext, seed } = samples[language];
  const parts = [readFileSync(join(root, seed), 'utf8')];
  const pool = [...filesUnder(corpus, ext), ...filesUnder(join(root, 'examples'), ext)];
  let count = parts[0].split('\n').length;
  for (let i = 0; count < lines && pool.length; i++) {
    const whole = readFileSync(pool[i % pool.length], 'utf8');
    const text = headerLines[language] ? whole.replace(headerLines[language], '') : whole;
    parts.push(text);
    count += text.split('\n').length;
  }
  return { text: parts.join('\n').split('\n').slice(0, lines).join('\n'), fromCorpus: hasCorpus };
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

/** The i-th keystroke of the seeded sequence: where (offset in the unedited text) and which character. */
function keystrokes(seed) {
  const rand = random(seed);
  return length => ({ at: Math.floor(rand() * length), ch: 'etaoinshrdlu _.();\n'[Math.floor(rand() * 19)] });
}

const ms = x => (Number.isFinite(x) ? `${x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2)} ms` : '?');
const mb = kb => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : '?');
const { TextDocument } = require('vscode-languageserver-textdocument');
const quiet = async () => { if (opts.wait) await waitForQuiet(opts.wait); };
const texts = Object.fromEntries(Object.keys(samples).map(l => [l, fiveThousandLines(l)]));

// ---------------------------------------------------------------------------------------------------------------
// 1. Engine time per keystroke (in this process, the engine bundled from the sources as the server uses it)

async function engineKeystrokes() {
  const tmp = mkdtempSync(join(tmpdir(), 'authlint-latency-'));
  try {
    await build({
      entryPoints: { engine: join(root, 'server/src/engine/index.ts') }, bundle: true, platform: 'node', format: 'cjs',
      outdir: tmp, logLevel: 'warning', alias: bundleAliases,
    });
    const engine = require(join(tmp, 'engine.js'));
    await engine.initEngine(dist);
    const settings = { levels: {}, options: engine.defaultOptions };
    const rows = [];
    for (const language of Object.keys(samples)) {
      const { text } = texts[language];
      const path = `src/Big${samples[language].ext}`;
      const next = keystrokes(42);
      await quiet();
      const meter = new LoadMeter();
      const tree = new engine.DocumentTree();
      let doc = TextDocument.create('file:///big', language, 0, text);
      engine.analyzeDocument({ path, text }, settings, [], tree); // the first, full parse (when the file opens)
      const incremental = [];
      let findings = 0, parsed = 0;
      for (let i = 0; i < opts.keystrokes; i++) {
        const { at, ch } = next(doc.getText().length);
        const range = { start: doc.positionAt(at), end: doc.positionAt(at) };
        const t0 = performance.now();
        tree.edit({ span: { start: at, end: at }, range, newText: ch });
        doc = TextDocument.update(doc, [{ range, text: ch }], 2 * i + 1);
        const result = engine.analyzeDocument({ path, text: doc.getText() }, settings, [], tree);
        incremental.push(performance.now() - t0);
        findings = result.findings.length;
        if (result.parsed !== false) parsed++;
        // Undo the character (not timed; the next analysis re-parses both edits): the file stays the 5,000 lines of
        // real code it was instead of drifting into noise, so every keystroke is measured on the same kind of file.
        const undo = { start: doc.positionAt(at), end: doc.positionAt(at + 1) };
        tree.edit({ span: { start: at, end: at + 1 }, range: undo, newText: '' });
        doc = TextDocument.update(doc, [{ range: undo, text: '' }], 2 * i + 2);
      }
      // The same texts from scratch, in a loop of their own, so that neither loop's garbage and compiled code land in
      // the other's timings. (The text is back to the original after each undo, so the same seed gives the same places
      // and characters.)
      const again = keystrokes(42);
      const scratch = [];
      for (let i = 0; i < opts.keystrokes; i++) {
        const { at, ch } = again(text.length);
        const now = text.slice(0, at) + ch + text.slice(at);
        const t0 = performance.now();
        engine.analyzeFile({ path, text: now }, settings);
        scratch.push(performance.now() - t0);
      }
      tree.dispose();
      const row = {
        language, kb: text.length / 1024, incremental, scratch, parsed: parsed / opts.keystrokes, findings, load: meter.other(),
      };
      rows.push(row);
      log(`engine ${language}: incremental p50 ${ms(percentile(incremental, 50))} p95 ${ms(percentile(incremental, 95))} (after the first ${WARM_UP}: ${ms(percentile(steady(incremental), 95))}), other load ${pct(row.load)}`);
    }
    return rows;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A language server over stdio, started as the extension starts it

/** What VS Code answers for the `authlint` section when the user has set nothing: package.json's defaults. */
function defaultSettingsObject() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const out = {};
  for (const [key, schema] of Object.entries(pkg.contributes.configuration.properties)) {
    const path = key.split('.').slice(1);
    let o = out;
    for (const k of path.slice(0, -1)) o = o[k] ??= {};
    o[path[path.length - 1]] = schema.default ?? null;
  }
  return out;
}

/** The client capabilities the server looks at, as VS Code declares them. */
const editorCapabilities = {
  workspace: {
    configuration: true, workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  textDocument: { synchronization: { dynamicRegistration: true, didSave: true }, publishDiagnostics: { versionSupport: true, relatedInformation: true } },
  window: { workDoneProgress: true },
};

const benchCacheDir = mkdtempSync(join(tmpdir(), 'authlint-latency-cache-'));
process.on('exit', () => rmSync(benchCacheDir, { recursive: true, force: true }));

/** The environment the extension gives the server (client/src/serverEnv.ts): the server runs here as it runs there. */
const serverEnv = (() => {
  const out = buildSync({ entryPoints: [join(root, 'client/src/serverEnv.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const module = { exports: {} };
  new Function('module', 'exports', out.outputFiles[0].text)(module, module.exports);
  const env = module.exports.serverEnvironment(process.env, process.platform);
  // The servers' code cache (server/src/launch/compileCache.ts) in a folder of this run's own, not the user's.
  delete env.NODE_DISABLE_COMPILE_CACHE;
  return { ...env, AUTHLINT_CACHE_DIR: benchCacheDir };
})();

class LanguageServer {
  /** `env`: variables to change for this server (the cold start's empty cache folders). */
  constructor(env = {}) {
    this.settings = defaultSettingsObject();
    this.child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...serverEnv, ...env } });
    this.spawnedAt = performance.now();
    this.pid = this.child.pid;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = '';
    this.child.stderr.on('data', d => { this.stderr = (this.stderr + d).slice(-4000); });
    this.child.stdout.on('data', chunk => this.receive(chunk));
    this.exited = new Promise(resolve => this.child.on('exit', (code, signal) => {
      this.gone = true;
      for (const p of this.pending.values()) p.reject(new Error(`the server exited (${code ?? signal}) ${this.stderr.trim()}`));
      resolve();
    }));
    this.child.stdin.on('error', () => { /* the server went away: the pending requests say so */ });
  }

  receive(chunk) {
    const at = performance.now();
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const m = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(m, at);
    }
  }

  dispatch(m, at) {
    if (m.method && m.id !== undefined) {
      this.write({ id: m.id, result: this.answer(m.method, m.params) });
    } else if (m.method) {
      for (const l of [...this.listeners]) l(m, at);
    } else {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(`${m.error.message} (${m.error.code})`));
      else p?.resolve({ result: m.result, at });
    }
  }

  /** The editor's side of the server's requests. */
  answer(method, params) {
    if (method === 'workspace/configuration') return params.items.map(i => (i.section === 'authlint' ? this.settings : null));
    return null; // window/workDoneProgress/create, client/registerCapability, …: accepted
  }

  write(message) {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  notify(method, params) {
    this.write({ method, params });
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.gone) return reject(new Error('the server has exited'));
      this.pending.set(id, { resolve, reject });
      this.write({ id, method, params });
    });
  }

  /** The first notification matching the predicate from now on, with the time it arrived. */
  waitFor(predicate, what, timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      const listener = (m, at) => {
        if (!predicate(m)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve({ m, at });
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${what} within ${timeoutMs / 1000} s ${this.stderr.trim()}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  diagnosticsOf(uri, version, timeoutMs) {
    return this.waitFor(m => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version),
      `diagnostics of ${uri}${version === undefined ? '' : ` version ${version}`}`, timeoutMs);
  }

  async initialize(folder, capabilities = editorCapabilities) {
    const folders = folder ? [{ uri: pathToFileURL(folder).href, name: basename(folder) }] : null;
    const r = await this.request('initialize', {
      processId: process.pid, clientInfo: { name: 'lsp-latency' }, rootUri: folders?.[0].uri ?? null, workspaceFolders: folders, capabilities,
    });
    this.notify('initialized', {});
    return r;
  }

  async stop() {
    if (!this.gone) {
      try {
        await Promise.race([this.request('shutdown', null), sleep(5000)]);
        this.notify('exit', null);
      } catch { /* gone already */ }
      await Promise.race([this.exited, sleep(3000)]);
      if (!this.gone) this.child.kill();
    }
    await this.exited;
  }
}

const languageIds = { '.kt': 'kotlin', '.kts': 'kotlin', '.java': 'java', '.ts': 'typescript', '.tsx': 'typescriptreact', '.js': 'javascript', '.jsx': 'javascriptreact', '.mjs': 'javascript', '.cjs': 'javascript' };

// ---------------------------------------------------------------------------------------------------------------
// 2. Keystrokes over LSP

async function lspKeystrokes() {
  const ws = mkdtempSync(join(tmpdir(), 'authlint-latency-ws-'));
  const rows = [];
  try {
    for (const language of Object.keys(samples)) {
      const { text } = texts[language];
      const file = join(ws, 'src', `Big${samples[language].ext}`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    await quiet();
    const server = new LanguageServer();
    try {
      await server.initialize(ws);
      for (const language of Object.keys(samples)) {
        const { text } = texts[language];
        const uri = pathToFileURL(join(ws, 'src', `Big${samples[language].ext}`)).href;
        const meter = new LoadMeter();
        const cpu0 = cpuSeconds(server.pid);
        const t0 = performance.now();
        const opened = server.diagnosticsOf(uri, 1);
        server.notify('textDocument/didOpen', { textDocument: { uri, languageId: language, version: 1, text } });
        const openMs = (await opened).at - t0;
        let doc = TextDocument.create(uri, language, 1, text);
        const next = keystrokes(42);
        const times = [];
        let findings = 0;
        let undo;
        const change = c => {
          doc = TextDocument.update(doc, [c], doc.version + 1);
          server.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [c] });
        };
        for (let i = 0; i < opts.lspKeystrokes; i++) {
          // The previous character comes out first (its own change, answered by no diagnostics of its own: the
          // debounce merges it with this one, as the engine part's next analysis re-parses both edits).
          if (undo) change(undo);
          const { at, ch } = next(doc.getText().length);
          const range = { start: doc.positionAt(at), end: doc.positionAt(at) };
          const version = doc.version + 1;
          const answered = server.diagnosticsOf(uri, version, 30_000);
          const sent = performance.now();
          change({ range, rangeLength: 0, text: ch });
          const { m, at: arrived } = await answered;
          times.push(arrived - sent);
          findings = m.params.diagnostics.length;
          undo = { range: { start: doc.positionAt(at), end: doc.positionAt(at + 1) }, rangeLength: 1, text: '' };
        }
        if (undo) change(undo);
        server.notify('textDocument/didClose', { textDocument: { uri } });
        meter.addChild(cpuSeconds(server.pid) - cpu0);
        const row = { language, openMs, raw: times, net: times.map(t => t - DEBOUNCE_MS), findings, load: meter.other() };
        rows.push(row);
        log(`LSP ${language}: didChange → diagnostics − ${DEBOUNCE_MS} ms p50 ${ms(percentile(row.net, 50))} p95 ${ms(percentile(row.net, 95))}, other load ${pct(row.load)}`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Cold start (as before: no workspace folder, no client capabilities)

async function coldStarts() {
  await quiet();
  const meter = new LoadMeter();
  const seed = join(root, samples.kotlin.seed);
  const uri = pathToFileURL(seed).href;
  const text = readFileSync(seed, 'utf8');
  /** One start: spawn → initialize answered → first diagnostics of the opened file. `end`: how the server goes. */
  const once = async (env, end = 'kill') => {
    const server = new LanguageServer(env);
    try {
      const { at: initialized } = await server.initialize(undefined, {});
      const first = server.diagnosticsOf(uri, undefined, 30_000);
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kotlin', version: 1, text } });
      const { m, at } = await first;
      meter.addChild(cpuSeconds(server.pid));
      if (end === 'exit') {
        await server.request('shutdown', null);
        server.notify('exit', null);
      }
      return { initialized: initialized - server.spawnedAt, first: at - server.spawnedAt, count: m.params.diagnostics.length };
    } finally {
      if (end === 'kill') server.child.kill();
      await server.exited;
    }
  };
  const summary = runs => ({
    initialized: median(runs.map(r => r.initialized)), first: median(runs.map(r => r.first)),
    min: Math.min(...runs.map(r => r.first)), max: Math.max(...runs.map(r => r.first)), count: runs[0].count,
  });
  // The first start of a version: no code cache yet (each in an empty cache folder of its own).
  const firstRuns = [];
  for (let i = 0; i < opts.coldRuns; i++) {
    const empty = mkdtempSync(join(tmpdir(), 'authlint-latency-empty-'));
    try {
      firstRuns.push(await once({ AUTHLINT_CACHE_DIR: empty }));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }
  // Every later start: one server run to its exit writes the cache, as an editor session does.
  const cacheFiles = () => readdirSync(benchCacheDir).filter(f => f.startsWith('server-bundle-') && f.endsWith('.v8cache'));
  if (!cacheFiles().length) await once({}, 'exit');
  const cached = cacheFiles();
  if (!cached.length) throw new Error(`the server wrote no code cache into ${benchCacheDir}`);
  const runs = [];
  for (let i = 0; i < opts.coldRuns; i++) runs.push(await once({}));
  const result = { ...summary(runs), first: median(runs.map(r => r.first)), firstStart: summary(firstRuns), cacheBytes: statSync(join(benchCacheDir, cached[0])).size, load: meter.other() };
  log(`cold start: first diagnostics ${ms(result.first)} (median of ${runs.length}; first start of a version ${ms(result.firstStart.first)}), other load ${pct(result.load)}`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Server memory

/** The 50 files opened: a seeded random pick of the corpus's files of the edited languages under 200 KB. */
function filesToOpen() {
  const pool = listCorpusFiles(corpus).filter(f => languageIds[f.ext] && f.size < 200_000);
  const rand = random(7);
  const picked = new Set();
  while (picked.size < Math.min(50, pool.length)) picked.add(pool[Math.floor(rand() * pool.length)]);
  return [...picked];
}

/** One memory reading: /proc/<pid>/status and the smaps split. */
function reading(pid) {
  const s = procStatus(pid) ?? {};
  return { rss: s.VmRSS, hwm: s.VmHWM, threads: s.Threads, smaps: smapsOf(pid) };
}

/**
 * RSS once it stops moving: polled every 100 ms; settled when the last second's readings are within 1 MB of each
 * other (at most 5 s, then the last reading, marked unsettled). Returns the reading and the time it took.
 */
async function settle(pid) {
  const t0 = performance.now();
  const recent = [];
  for (;;) {
    const rss = procStatus(pid)?.VmRSS;
    recent.push(rss);
    if (recent.length > 11) recent.shift();
    const waited = performance.now() - t0;
    const settled = recent.length === 11 && Math.max(...recent) - Math.min(...recent) <= 1024;
    if (settled || waited >= 5000) return { ...reading(pid), settled, afterMs: waited };
    await sleep(100);
  }
}

async function memoryRun(files) {
  const server = new LanguageServer();
  const pid = server.pid;
  const meter = new LoadMeter();
  const cpu0 = cpuSeconds(pid);
  try {
    const started = server.waitFor(m => m.method === 'authlint/status', 'the status notification after initialized');
    await server.initialize(corpus);
    await started; // sent once the server has registered its watchers: initialization is over
    const initialized = await settle(pid);
    for (const f of files) {
      const uri = pathToFileURL(f.path).href;
      const done = server.diagnosticsOf(uri, 1);
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: languageIds[f.ext], version: 1, text: readFileSync(f.path, 'utf8') } });
      await done;
    }
    const opened = await settle(pid);
    // During the scan: the threads of the process (a worker thread each) and the RSS, every 100 ms.
    let peakThreads = 0;
    let peakRss = 0;
    const poll = () => { const s = procStatus(pid); if (s) { peakThreads = Math.max(peakThreads, s.Threads ?? 0); peakRss = Math.max(peakRss, s.VmRSS ?? 0); } };
    poll();
    const timer = setInterval(poll, 100);
    const t0 = performance.now();
    let summary;
    try {
      ({ result: summary } = await server.request('workspace/executeCommand', { command: 'authlint.scanWorkspace', arguments: [] }));
    } finally {
      clearInterval(timer);
    }
    const scanMs = performance.now() - t0;
    const answered = reading(pid);
    const settled = await settle(pid);
    // The same scan again (the user runs it twice): does the server come back to the same size?
    await server.request('workspace/executeCommand', { command: 'authlint.scanWorkspace', arguments: [] });
    const rescanned = await settle(pid);
    meter.addChild(cpuSeconds(pid) - cpu0);
    return {
      initialized, opened, answered, settled, rescanned, peakThreads, peakRss, scanMs, summary,
      hwm: settled.hwm, baseThreads: initialized.threads, load: meter.other(),
    };
  } finally {
    await server.stop();
  }
}

async function memory() {
  const files = filesToOpen();
  const runs = [];
  for (let i = 0; i < opts.memoryRuns; i++) {
    await quiet();
    const r = await memoryRun(files);
    runs.push(r);
    log(`memory run ${i + 1}/${opts.memoryRuns}: RSS ${mb(r.initialized.rss)} initialized, ${mb(r.opened.rss)} with 50 files open, ${mb(r.answered.rss)} at the scan's answer, ` +
      `${mb(r.settled.rss)} settled, ${mb(r.rescanned.rss)} after a second scan; peak ${mb(r.hwm)}; threads ${r.baseThreads} → ${r.peakThreads} during the scan; scan ${(r.scanMs / 1000).toFixed(1)} s ` +
      `(${r.summary?.files} files, ${r.summary?.findings} findings); other load ${pct(r.load)}`);
  }
  return { files, runs };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function authlintVersion() {
  const r = spawnSync(process.execPath, [serverJs, '--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

function report({ engineRows, lspRows, cold, mem }) {
  const m = machine();
  const c = hasCorpus ? summarize(listCorpusFiles(corpus)) : undefined;
  const out = [];
  out.push('## Editor: keystrokes, cold start, memory');
  out.push('');
  out.push(`${m.date} · AuthLint ${authlintVersion()} · ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB RAM · node ${m.node} · ` +
    (c ? `corpus ${c.files} files, ${formatMB(c.bytes)} MB (\`node scripts/corpus.mjs\`)` : 'no corpus: the 5,000-line files are made of the example projects\' files') +
    ' · `npm run latency -- --write` (`scripts/lsp-latency.mjs`)');
  out.push('');
  const loads = [...(engineRows ?? []), ...(lspRows ?? []), ...(cold ? [cold] : []), ...(mem?.runs ?? [])].map(r => r.load).filter(Number.isFinite);
  if (loads.length && Math.max(...loads) > 0.15) {
    out.push(`**The machine was shared: other processes kept its cores ${pct(Math.min(...loads))}–${pct(Math.max(...loads))} busy during the measurements (each part's figure is below), so the times are slower and noisier than on a quiet machine.**`);
    out.push('');
  }

  // Targets of issue 5
  const rows = [];
  for (const r of engineRows ?? []) {
    const p95 = percentile(r.incremental, 95);
    rows.push([`keystroke, engine p95 (${r.language}, 5,000 lines)`, ms(p95), `≤ ${targets.keystrokeP95Ms} ms`, verdict(p95, targets.keystrokeP95Ms)]);
  }
  if (cold) {
    rows.push([`cold start → first diagnostics (median of ${opts.coldRuns})`, ms(cold.first), `≤ ${targets.coldStartMs} ms`, verdict(cold.first, targets.coldStartMs)]);
    rows.push([`cold start, the first of a version (no code cache yet; median of ${opts.coldRuns})`, ms(cold.firstStart.first), `≤ ${targets.coldStartMs} ms`, verdict(cold.firstStart.first, targets.coldStartMs)]);
  }
  if (mem) {
    const each = mem.runs.map(r => r.settled.rss);
    const settled = median(each);
    const range = each.length > 1 ? ` (${mb(Math.min(...each))}–${mb(Math.max(...each))})` : '';
    rows.push([`server RSS after a workspace scan, settled (median of ${mem.runs.length}${range ? ', min–max' : ''})`, `${mb(settled)}${range}`, `≤ ${targets.rssAfterScanMB} MB`, verdict(settled / 1024, targets.rssAfterScanMB)]);
  }
  if (rows.length) {
    out.push('### Targets (issue 5, 2 cores)');
    out.push('');
    out.push(mdTable(['measure', 'result', 'target', 'verdict'], rows, ['l', 'r', 'r', 'l']));
    out.push('');
  }

  if (engineRows || lspRows) {
    out.push('### Keystrokes on a 5,000-line file');
    out.push('');
    const langs = Object.keys(samples);
    const table = langs.map(language => {
      const e = engineRows?.find(r => r.language === language);
      const l = lspRows?.find(r => r.language === language);
      const pair = xs => (xs ? `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))}` : '—');
      return [
        language, `${Math.round((e?.kb ?? texts[language].text.length / 1024))} KB`,
        pair(e?.incremental), e && e.incremental.length > WARM_UP ? ms(percentile(steady(e.incremental), 95)) : '—', pair(e?.scratch), e ? `${Math.round(e.parsed * 100)}%` : '—',
        pair(l?.net), pair(l?.raw), l ? ms(l.openMs) : '—', e?.findings ?? l?.findings ?? '—',
      ];
    });
    out.push(mdTable(
      ['language', 'size', 'engine: incremental p50 / p95', `engine: incremental p95 after the first ${WARM_UP}`, 'engine: from scratch p50 / p95', 'parsed', `LSP: didChange → diagnostics − ${DEBOUNCE_MS} ms, p50 / p95`, 'LSP: raw, p50 / p95', 'LSP: didOpen → diagnostics', 'findings'],
      table, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
    out.push('');
    if (engineRows) out.push(`- Engine: ${opts.keystrokes} one-character insertions per file at seeded random places (mulberry32, seed 42), each timed over \`tree.edit\` + \`analyzeDocument\` (incremental re-parse, model, rules) in one process. Each character is taken out again, untimed, before the next one (the next analysis re-parses both edits). "After the first ${WARM_UP}": the keystrokes once V8 has compiled the incremental path, which the file's first, full analysis does not run (the verdict above counts every keystroke). "From scratch" is \`analyzeFile\` of the same texts, in a loop of its own after the incremental one. "parsed": keystrokes after which the pre-filter let the file be parsed and checked. Other processes kept the cores ${engineRows.map(r => `${pct(r.load)}`).join(' / ')} busy (${langs.join(' / ')}).`);
    if (lspRows) out.push(`- LSP: \`node dist/server.js --stdio\`, the file open in a workspace folder; the first ${opts.lspKeystrokes} of the same insertions, each an incremental \`didChange\` (the previous insertion's undo is sent as its own \`didChange\` just before it), timed from the write to the server's stdin to the arrival of \`publishDiagnostics\` for that exact version. The server validates ${DEBOUNCE_MS} ms after the last change (its debounce; no setting or initialization option changes it, so it is subtracted: the rest is transport, the timer's lateness, the analysis and the answer). "didOpen → diagnostics" is the file's first, full analysis (${langs[0]} is opened first, so its figure includes the server's warm-up). Other processes kept the cores ${lspRows.map(r => pct(r.load)).join(' / ')} busy.`);
    out.push('- Percentiles are nearest-rank.');
    out.push('');
  }

  if (cold) {
    out.push(`### Cold start (median of ${opts.coldRuns})`);
    out.push('');
    out.push(mdTable(['start', 'spawn → initialize answered', 'spawn → first diagnostics of an opened file', 'min–max'],
      [['with the code cache (every start after the first of a version)', ms(cold.initialized), `${ms(cold.first)} (${cold.count} diagnostics)`, `${ms(cold.min)}–${ms(cold.max)}`],
        ['the first start of a version (empty cache folder)', ms(cold.firstStart.initialized), `${ms(cold.firstStart.first)} (${cold.firstStart.count} diagnostics)`, `${ms(cold.firstStart.min)}–${ms(cold.firstStart.max)}`]],
      ['l', 'r', 'r', 'r']));
    out.push('');
    out.push(`\`node dist/server.js --stdio\` spawned by this script; initialize without a workspace folder, then \`didOpen\` of \`${samples.kotlin.seed}\`. dist/server.js starts the server's bundle with V8's code cache (server/src/launch/compileCache.ts): the first start of a version compiles the bundle and saves the cache; the starts after it load it (${formatMB(cold.cacheBytes)} MB), here from a folder of this run's own (\`AUTHLINT_CACHE_DIR\`), written by one server run to its exit. Other processes kept the cores ${pct(cold.load)} busy.`);
    out.push('');
  }

  if (mem) {
    const { runs, files } = mem;
    out.push(`### Server memory (median of ${runs.length} server${runs.length === 1 ? '' : 's'})`);
    out.push('');
    const med = f => median(runs.map(f));
    const row = (label, pick) => [
      label, mb(med(r => pick(r).rss)), mb(med(r => pick(r).smaps?.wasm)), mb(med(r => pick(r).smaps?.arenas)),
      mb(med(r => pick(r).smaps?.otherAnon)), mb(med(r => pick(r).smaps?.file)), med(r => pick(r).threads),
    ];
    const table = [
      row('after initialize (workspace folder: the corpus root)', r => r.initialized),
      row('after opening 50 corpus files', r => r.opened),
      ['during the workspace scan: peak RSS (VmHWM; the largest of the servers)', mb(Math.max(...runs.map(r => r.hwm))), '', '', '', '', `up to ${Math.max(...runs.map(r => r.peakThreads))}`],
      row('when the scan command answers', r => r.answered),
      row('settled after the scan', r => r.settled),
      row('settled after a second scan', r => r.rescanned),
    ];
    out.push(mdTable(['moment', 'VmRSS', 'WebAssembly memories', 'malloc arenas', 'other anonymous (JS heap, code, stacks)', 'file-backed', 'threads'], table, ['l', 'r', 'r', 'r', 'r', 'r', 'r']));
    out.push('');
    const s = runs[0].summary;
    const ext = {};
    for (const f of files) ext[f.ext] = (ext[f.ext] ?? 0) + 1;
    out.push(`- Opened: ${files.length} corpus files (seeded random pick among the files of the edited languages under 200 KB: ${Object.entries(ext).map(([e, n]) => `${e} ${n}`).join(', ')}; ${(files.reduce((n, f) => n + f.size, 0) / 1024).toFixed(0)} KB), one \`didOpen\` after the other, each waiting for its diagnostics.`);
    out.push(`- Scan: \`workspace/executeCommand\` \`authlint.scanWorkspace\` over the corpus root: ${s?.files} files, ${s?.findings} findings${s?.cancelled ? ' (cancelled!)' : ''}, answered after ${(median(runs.map(r => r.scanMs)) / 1000).toFixed(1)} s (median). The process had ${med(r => r.baseThreads)} threads after initialize and up to ${Math.max(...runs.map(r => r.peakThreads))} during the scan (polled every 100 ms).`);
    out.push(`- Settled: RSS polled every 100 ms after the answer until it moved less than 1 MB over a second (at most 5 s): ${runs.map(r => (r.settled.settled ? `${(r.settled.afterMs / 1000).toFixed(1)} s` : 'not settled after 5 s')).join(', ')}. Readings: VmRSS/VmHWM/Threads of \`/proc/<pid>/status\`; the split from \`/proc/<pid>/smaps\` (WebAssembly memories: the accessible start of V8's multi-GiB reservations; malloc arenas: \`[heap]\` and glibc's 64 MiB thread arenas). The server runs as the extension starts it (\`node dist/server.js --stdio\`, no flags, with the extension's environment: on Linux \`GLIBC_TUNABLES=${serverEnv.GLIBC_TUNABLES ?? ''}\`, see client/src/serverEnv.ts); the client answers \`workspace/configuration\` with the settings' defaults and accepts progress and registrations.`);
    out.push(`- Per server (initialize → 50 open → scan answered → settled → second scan settled): ${runs.map(r => `${mb(r.initialized.rss)} → ${mb(r.opened.rss)} → ${mb(r.answered.rss)} → ${mb(r.settled.rss)} → ${mb(r.rescanned.rss)} (peak ${mb(r.hwm)}, ${r.rescanned.smaps?.arenaCount ?? '?'} thread arenas)`).join(' · ')}. Other processes kept the cores ${runs.map(r => pct(r.load)).join(' / ')} busy.`);
    out.push('');
  } else if (!hasCorpus) {
    out.push('Server memory: not measured (it needs the corpus: `node scripts/corpus.mjs`).');
    out.push('');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------

const results = {};
if (opts.keystrokes > 0) results.engineRows = await engineKeystrokes();
if (opts.lspKeystrokes > 0) results.lspRows = await lspKeystrokes();
if (opts.coldRuns > 0) results.cold = await coldStarts();
if (opts.memoryRuns > 0 && hasCorpus) results.mem = await memory();
else if (opts.memoryRuns > 0) log('memory: skipped, no corpus (node scripts/corpus.mjs fetches it)');
const md = report(results);
console.log(md);
if (opts.write) {
  writeSection('editor', md);
  log(`\nwrote ${relative(process.cwd(), docPath) || docPath} (section bench:editor)`);
}
