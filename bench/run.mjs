#!/usr/bin/env node
// `npm run bench`: regenerates docs/performance.md — the workspace/CLI scan benchmark on the real-code corpus
// (scripts/corpus.mjs), its scaling check, and the editor figures (scripts/lsp-latency.mjs: keystroke latency in
// the engine and over LSP, server cold start, server memory).
//
//   npm run bench                     all three: AuthLint vs secretlint vs a raw read floor (3 timed runs each),
//                                     AuthLint on 1×, 2×, 4× the corpus, then the editor part
//   npm run bench -- --runs 5         more runs (scan and scaling)
//   npm run bench -- --scale          the scaling check only: AuthLint on 1×, 2×, 4× the corpus (time per MB)
//   npm run bench -- --editor         the editor part only (same as `npm run latency -- --write`)
//   npm run bench -- --no-scale       leave out the scaling check;  --no-editor: leave out the editor part
//   npm run bench -- --no-write       print only, leave docs/performance.md alone
//   npm run bench -- --no-secretlint  AuthLint and the floor only;  --no-wait: don't wait for a quiet machine
//
//
// Every tool gets the same files: the corpus files with the measured extensions, listed once. secretlint and
// AuthLint get that list on the command line (AuthLint analyses a named file even inside build/dist folders); a
// second AuthLint row scans the corpus root with its own walk (the workspace case), and the report says how that
// file set differs. AuthLint's size limit is raised so it reads the bundled typescript files (9 and 6 MB).
//
// Per run and child process: wall time (hrtime from spawn to exit), CPU user+sys and peak RSS — from GNU time
// (`/usr/bin/time -f "%e %M %U %S"`; %M is ru_maxrss, the largest single process, worker threads included), or,
// where /usr/bin/time is missing, /proc/<pid>/status VmHWM and /proc/<pid>/stat polled every 10 ms over the child
// and its descendants. The machine's other load during each run is read from /proc/stat and reported: a shared
// machine makes wall times noisy. One untimed run of each tool comes first (warm page cache; its JSON report says
// what was read, skipped and found); the timed runs alternate the tools, rotating the order every round.
//
// secretlint and its recommended preset are installed into $AUTHLINT_CACHE/bench-secretlint-<version>
// (default ~/.cache/authlint/…) with `npm install --ignore-scripts`, never into the repo; the corpus lives in the
// same cache. Results go to docs/performance.md between <!-- bench:scan --> / <!-- bench:scaling --> markers; the
// editor part, run as a child process (`node scripts/lsp-latency.mjs --write`), writes <!-- bench:editor -->.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  authlintCorpusFlags, CorpusError, cacheBase, ensureCorpus, expectedWalk, formatMB, listCorpusFiles, summarize, walkFiles,
} from '../scripts/corpus.mjs';
import {
  cpuSeconds, descendants, docPath, hwmKB, machine, machineBusySeconds, median, pct, repoRoot, waitForQuiet, writeSection,
} from './lib.mjs';

export { writeSection };

const cliPath = join(repoRoot, 'dist', 'cli.js');
const latencyScript = join(repoRoot, 'scripts', 'lsp-latency.mjs');

const SECRETLINT_VERSION = '13.0.6';
const PRESET = '@secretlint/secretlint-rule-preset-recommend';
/**
 * Raised so AuthLint reads the two bundled typescript files (9 and 6 MB) like secretlint does; set after the build
 * to the flags the CLI knows (see authlintCorpusFlags).
 */
let AUTHLINT_SCAN_FLAGS = ['--max-file-size', '20000000', '--include-minified'];
let droppedFlags = [];

class BenchError extends Error {}

const log = msg => process.stderr.write(msg + '\n');

// ---------------------------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { runs: 3, scan: true, scale: true, editor: true, write: true, secretlint: true, wait: 20 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new BenchError('--runs needs a whole number ≥ 1');
      opts.runs = n;
    } else if (a.startsWith('--runs=')) {
      const n = Number(a.slice(7));
      if (!Number.isInteger(n) || n < 1) throw new BenchError('--runs needs a whole number ≥ 1');
      opts.runs = n;
    } else if (a === '--scale') Object.assign(opts, { scan: false, scale: true, editor: false });
    else if (a === '--editor') Object.assign(opts, { scan: false, scale: false, editor: true });
    else if (a === '--no-scale') opts.scale = false;
    else if (a === '--no-editor') opts.editor = false;
    else if (a === '--no-write') opts.write = false;
    else if (a === '--no-wait') opts.wait = 0;
    else if (a === '--no-secretlint') opts.secretlint = false;
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new BenchError(`unknown option ${a} (try --help)`);
  }
  return opts;
}

const HELP = `usage: node bench/run.mjs [--runs N] [--scale | --editor] [--no-scale] [--no-editor] [--no-write] [--no-secretlint] [--no-wait]
  default      all three sections below, in this order
  scan         AuthLint vs secretlint ${SECRETLINT_VERSION} vs a raw read floor on the corpus; section <!-- bench:scan -->
  scaling      AuthLint on 1×, 2×, 4× the corpus (hard-linked copies); section <!-- bench:scaling -->
  editor       node scripts/lsp-latency.mjs: keystroke latency (engine and LSP), cold start, server memory;
               section <!-- bench:editor -->
  --scale      the scaling section only;  --editor: the editor section only
  --no-scale   leave out the scaling section;  --no-editor: leave out the editor section
  --runs N     timed runs per tool (scan) and per scale (scaling), default 3; the editor part has its own counts
  results are printed as markdown and written to docs/performance.md unless --no-write
  before each timed run it waits up to 20 s for other processes to calm down, and redoes a run that other
  processes disturbed (> 25% of the cores; twice at most); --no-wait turns both off`;

// ---------------------------------------------------------------------------------------------------------------
// Measuring a child process

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = (() => {
  // AUTHLINT_BENCH_RSS=proc forces the /proc polling fallback (to test it on a machine that has GNU time).
  if (process.env.AUTHLINT_BENCH_RSS === 'proc' || !existsSync(GNU_TIME)) return false;
  const r = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/.test(r.stderr.trim().split('\n').pop());
})();
export const rssMethod = hasGnuTime
  ? 'GNU time (`%U`+`%S`, and `%M` = ru_maxrss: the largest single process of the child\'s tree, worker threads included)'
  : '/proc/<pid>/status VmHWM and /proc/<pid>/stat utime+stime, polled every 10 ms and summed over the child and its descendants (GNU time missing)';

/** A timed run during which other processes used more than this share of the cores is redone (twice at most). */
const NOISY = 0.25;
let redone = 0;

/** measure() for a timed run: waits for a quiet machine first, and redoes a run that other load disturbed. */
async function timedRun(opts, cmd, args, options) {
  let r;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (opts.wait) await waitForQuiet(opts.wait);
    r = await measure(cmd, args, options);
    if (!opts.wait || !(r.foreign > NOISY) || r.code !== 0 && r.code !== 1) break;
    if (attempt < 2) {
      redone++;
      log(`    (other load ${pct(r.foreign)} during that run: redoing it)`);
    }
  }
  return r;
}

/**
 * Runs cmd args to completion, stdout to a file (or /dev/null). Returns { wall (s), rssKB, cpu (user+sys s), code,
 * stderr, foreign }: `foreign` is the share of the machine's cores that OTHER processes kept busy meanwhile (0–1), a
 * noise indicator on a shared machine.
 */
function measure(cmd, args, { cwd = repoRoot, stdoutFile = '/dev/null', env = process.env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const work = mkdtempSync(join(tmpdir(), 'authlint-bench-m-'));
    const timeOut = join(work, 'time.txt');
    const errFile = join(work, 'stderr.txt');
    const outFd = openSync(stdoutFile, 'w');
    const errFd = openSync(errFile, 'w');
    const [c, a] = hasGnuTime ? [GNU_TIME, ['-f', '%e %M %U %S', '-o', timeOut, cmd, ...args]] : [cmd, args];
    const done = () => { clearInterval(timer); closeSync(outFd); closeSync(errFd); };
    let timer;
    const busy0 = machineBusySeconds();
    const own0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const child = spawn(c, a, { cwd, env, stdio: ['ignore', outFd, errFd] });
    let polledKB = 0;
    let polledCpu = 0;
    if (!hasGnuTime) {
      timer = setInterval(() => {
        const pids = descendants(child.pid);
        polledKB = Math.max(polledKB, pids.reduce((sum, p) => sum + hwmKB(p), 0));
        polledCpu = Math.max(polledCpu, pids.reduce((sum, p) => sum + cpuSeconds(p), 0));
      }, 10);
    }
    child.on('error', e => {
      done();
      rmSync(work, { recursive: true, force: true });
      reject(new BenchError(`could not start ${cmd}: ${e.message}`));
    });
    child.on('exit', code => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const own = process.cpuUsage(own0);
      // This script's own CPU (spawning, polling) is not "other load".
      const busy = machineBusySeconds() - busy0 - (own.user + own.system) / 1e6;
      done();
      let rssKB = polledKB;
      let cpu = polledCpu;
      if (hasGnuTime) {
        // GNU time may put "Command exited with non-zero status N" first; the figures are the last line.
        const line = readFileSync(timeOut, 'utf8').trim().split('\n').pop() ?? '';
        const m = /(\S+)\s+(\d+)\s+(\S+)\s+(\S+)$/.exec(line);
        rssKB = m ? Number(m[2]) : NaN;
        cpu = m ? Number(m[3]) + Number(m[4]) : NaN;
      }
      const stderr = readFileSync(errFile, 'utf8');
      rmSync(work, { recursive: true, force: true });
      const foreign = Math.max(0, (busy - (Number.isFinite(cpu) ? cpu : 0)) / (wall * cpus().length));
      resolvePromise({ wall, rssKB, cpu, code, stderr, foreign });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Tools

/** The informative lines of a failed npm/esbuild run: its error lines (not npm's "complete log" pointer), else the tail. */
function errorLines(text, n = 6) {
  const lines = text.split('\n').map(l => l.trimEnd()).filter(l => l && !/complete log of this run|^npm error\s*$/.test(l));
  const errs = lines.filter(l => /error|✘/i.test(l) && !/^\s+at /.test(l));
  return (errs.length ? errs : lines).slice(0, n).join('\n');
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw new BenchError(`could not run ${cmd}: ${r.error.message}`);
  return r;
}

/** Builds dist/cli.js when it is missing or older than the sources. Returns an error string or undefined. */
function ensureAuthlintBuilt() {
  const main = join(repoRoot, 'server', 'src', 'cli', 'main.ts');
  if (!existsSync(main) && !existsSync(cliPath)) return 'the AuthLint CLI does not exist yet (no server/src/cli/main.ts, no dist/cli.js)';
  let stale = !existsSync(cliPath);
  if (!stale && existsSync(main)) {
    const built = statSync(cliPath).mtimeMs;
    stale = walkFiles(join(repoRoot, 'server', 'src')).some(p => p.endsWith('.ts') && statSync(p).mtimeMs > built);
  }
  if (stale) {
    log('building AuthLint (npm run build) …');
    const r = sh('npm', ['run', 'build'], { cwd: repoRoot });
    if (r.status !== 0 || !existsSync(cliPath)) {
      const tail = errorLines(`${r.stdout}\n${r.stderr}`, 8);
      if (existsSync(cliPath)) log(`npm run build failed; benchmarking the existing dist/cli.js:\n${tail}`);
      else return `npm run build failed:\n${tail}`;
    }
  }
  ({ flags: AUTHLINT_SCAN_FLAGS, dropped: droppedFlags } = authlintCorpusFlags(cliPath));
  if (droppedFlags.length) log(`note: the AuthLint CLI does not know ${droppedFlags.join(', ')} yet; running without`);
  return undefined;
}

function authlintVersion() {
  try {
    const v = sh(process.execPath, [cliPath, '--version'], { cwd: repoRoot });
    const m = /\d+\.\d+\.\d+\S*/.exec(v.stdout);
    if (v.status === 0 && m) return m[0];
  } catch { /* fall through */ }
  return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
}

function nearestVersion(versions, target) {
  const key = v => v.split(/[.-]/).slice(0, 3).map(Number);
  const [tM, tm, tp] = key(target);
  const same = versions.filter(v => /^\d+\.\d+\.\d+$/.test(v) && key(v)[0] === tM);
  if (!same.length) return undefined;
  const dist = v => { const [, m, p] = key(v); return Math.abs((m - tm) * 1000 + (p - tp)); };
  return same.sort((a, b) => dist(a) - dist(b) || (key(b)[1] * 1000 + key(b)[2]) - (key(a)[1] * 1000 + key(a)[2]))[0];
}

/** Installs secretlint + preset into the cache if needed. Returns { dir, bin, version, presetVersion } or { error }. */
function ensureSecretlint() {
  const dir = join(cacheBase(), `bench-secretlint-${SECRETLINT_VERSION}`);
  const bin = join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const pkgVersion = name => {
    try { return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version; } catch { return undefined; }
  };
  if (pkgVersion('secretlint') === SECRETLINT_VERSION && pkgVersion(PRESET) && existsSync(bin)) {
    return { dir, bin, version: SECRETLINT_VERSION, presetVersion: pkgVersion(PRESET) };
  }
  log(`installing secretlint ${SECRETLINT_VERSION} into ${dir} …`);
  let presetVersion = SECRETLINT_VERSION;
  const view = sh('npm', ['view', `${PRESET}@${SECRETLINT_VERSION}`, 'version'], { cwd: tmpdir() });
  // Not a "no such version" answer (E404 or an empty answer) but a failure to ask: say so rather than guess.
  if (view.status !== 0 && !/E404|No match found/i.test(view.stderr)) {
    return { error: `npm could not reach the registry: ${errorLines(view.stderr, 2).replace(/\n/g, ' ')}` };
  }
  if (view.status !== 0 || !view.stdout.trim()) {
    const all = sh('npm', ['view', PRESET, 'versions', '--json'], { cwd: tmpdir() });
    let versions = [];
    try { versions = [].concat(JSON.parse(all.stdout)); } catch { /* empty */ }
    presetVersion = nearestVersion(versions, SECRETLINT_VERSION);
    if (!presetVersion) return { error: `no ${PRESET} 13.x on the registry${all.status ? ` (${errorLines(all.stderr, 2).replace(/\n/g, ' ')})` : ''}` };
    log(`  ${PRESET}@${SECRETLINT_VERSION} not found; using ${presetVersion}`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'authlint-bench-secretlint', private: true, description: 'secretlint for AuthLint benchmarks (cache, not the repo)',
    dependencies: { secretlint: SECRETLINT_VERSION, [PRESET]: presetVersion },
  }, null, 2) + '\n');
  const r = sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: dir });
  if (r.status !== 0 || !existsSync(bin)) {
    return { error: `npm install of secretlint failed: ${errorLines(`${r.stdout}\n${r.stderr}`, 4).replace(/\n/g, ' | ')}` };
  }
  return { dir, bin, version: pkgVersion('secretlint'), presetVersion: pkgVersion(PRESET) };
}

function secretlintEngines(dir) {
  try { return JSON.parse(readFileSync(join(dir, 'node_modules', 'secretlint', 'package.json'), 'utf8')).engines?.node; } catch { return undefined; }
}

// ---------------------------------------------------------------------------------------------------------------
// The raw floor: read every listed file and decode it (what any scanner must at least do). Runs as a child process
// of this same script: `node bench/run.mjs --read-floor <list.json>`.

function readFloor(listFile) {
  const files = JSON.parse(readFileSync(listFile, 'utf8'));
  let chars = 0;
  for (const f of files) chars += readFileSync(f, 'utf8').length;
  process.stdout.write(JSON.stringify({ files: files.length, chars }) + '\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Output parsing

/** Reads an AuthLint JSON report (`--format json`, version 1): files analysed, skipped files, findings per rule. */
export function readAuthlintJson(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return { error: 'the report is not JSON' };
  }
  const byRule = {};
  for (const f of doc.findings ?? []) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return {
    analysed: doc.summary?.filesScanned,
    findings: doc.summary?.findings ?? (doc.findings ?? []).length,
    byRule,
    skipped: (doc.skipped ?? []).map(s => ({ uri: s.path, reason: s.reason })),
    notices: (doc.notices ?? []).map(n => ({ uri: n.path, reason: n.message })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics and formatting

const fmtS = s => (!Number.isFinite(s) ? '?' : s >= 10 ? s.toFixed(1) : s.toFixed(2));
const fmtMBk = kb => (Number.isFinite(kb) ? (kb / 1024).toFixed(0) : '?');
/** The noise line for a report: how busy other processes kept the machine during the timed runs. */
function loadNote(runs) {
  const f = runs.map(r => r.foreign).filter(Number.isFinite);
  if (!f.length) return undefined;
  const avg = f.reduce((a, b) => a + b, 0) / f.length;
  const worst = Math.max(...f);
  const again = redone ? `; ${redone} run(s) disturbed by more than ${pct(NOISY)} were redone` : '';
  const base = `Other processes kept the machine's cores ${pct(avg)} busy on average during the timed runs (worst run kept: ${pct(worst)}${again})`;
  return worst > 0.15 ? `${base}: **the machine was shared, so wall times are noisy** (CPU time is the steadier figure); rerun on a quiet machine for publishable numbers` : base;
}
const firstLines = (text, n = 6) => text.trim().split('\n').slice(-n).join('\n');

// ---------------------------------------------------------------------------------------------------------------
// The scan benchmark

async function scanBench(opts) {
  redone = 0;
  const { root } = ensureCorpus({ log });
  const files = listCorpusFiles(root);
  const total = summarize(files);
  const work = mkdtempSync(join(tmpdir(), 'authlint-bench-'));
  try {
    const listFile = join(work, 'files.json');
    writeFileSync(listFile, JSON.stringify(files.map(f => f.path)));
    const rcFile = join(work, 'secretlintrc.json');
    writeFileSync(rcFile, JSON.stringify({ rules: [{ id: PRESET }] }) + '\n');
    const relPaths = files.map(f => f.rel);
    const notes = [];

    // --- the contenders. `verify` is the untimed first run's args (a report that says what was read and found).
    const tools = [];
    tools.push({
      key: 'floor', label: 'raw floor: `readFileSync(utf8)` of each file', version: `node ${process.version}`,
      cmd: process.execPath, args: [fileURLToPath(import.meta.url), '--read-floor', listFile], cwd: root, bytes: total.bytes,
    });

    const buildError = ensureAuthlintBuilt();
    let authlint;
    let authlintRoot;
    let version;
    if (buildError) {
      log(`AuthLint: ${buildError} — reporting the other tools only`);
      notes.push(`AuthLint: not measured — ${buildError}`);
    } else {
      version = authlintVersion();
      const cli = (format, out) => [cliPath, 'scan', '--format', format, '-o', out, ...AUTHLINT_SCAN_FLAGS];
      // The same files as every other tool: named on the command line (a named file is analysed even where the
      // walker's skip list would leave it out), relative to the corpus root, which is then the report's root.
      authlint = {
        key: 'authlint', label: 'AuthLint, the same file list', version, bytes: total.bytes, cwd: root,
        cmd: process.execPath, args: [...cli('sarif', join(work, 'authlint.sarif')), ...relPaths],
        verify: [...cli('json', join(work, 'authlint.json')), ...relPaths], report: join(work, 'authlint.json'),
      };
      // The workspace case: the corpus root, walked by AuthLint itself (skip list, .gitignore, its own languages).
      authlintRoot = {
        key: 'authlint-root', label: 'AuthLint, corpus root (its own walk)', version, cwd: repoRoot,
        cmd: process.execPath, args: [...cli('sarif', join(work, 'authlint-root.sarif')), root],
        verify: [...cli('json', join(work, 'authlint-root.json')), root], report: join(work, 'authlint-root.json'),
      };
      tools.push(authlint, authlintRoot);
    }

    let secretlint;
    if (opts.secretlint) {
      let sl;
      try {
        sl = ensureSecretlint();
      } catch (e) {
        sl = { error: e.message };
      }
      if (sl.error) notes.push(`secretlint could not be installed, so only AuthLint is reported: ${sl.error}`);
      else {
        // --no-glob: the paths are literal; --no-gitignore: exactly the list (v13 honours .gitignore otherwise).
        // Timed runs use the unix formatter (findings only); the json formatter also dumps every file's source
        // (~33 MB here), so it is used only for the untimed run that says which files were read.
        const base = [sl.bin, '--secretlintrc', rcFile, '--no-glob', '--no-gitignore', '--no-color'];
        secretlint = {
          key: 'secretlint', label: `secretlint + ${PRESET.replace('@secretlint/', '')}`,
          version: `${sl.version} (preset ${sl.presetVersion})`, engines: secretlintEngines(sl.dir), bytes: total.bytes, cwd: root,
          cmd: process.execPath, args: [...base, '--format', 'unix', '--output', join(work, 'secretlint.txt'), ...relPaths],
          verify: [...base, '--format', 'json', '--output', join(work, 'secretlint.json'), ...relPaths], report: join(work, 'secretlint.json'),
        };
        tools.push(secretlint);
      }
    } else notes.push('secretlint: skipped (--no-secretlint)');
    for (const n of notes) log(n);

    // --- untimed first runs: warm the page cache, and learn what each tool read, skipped and found
    log('warm-up / verification runs …');
    for (const t of [...tools]) {
      const r = await measure(t.cmd, t.verify ?? t.args, { cwd: t.cwd, stdoutFile: t.key === 'floor' ? join(work, 'floor.json') : '/dev/null' });
      const bad = msg => {
        const line = `${t.label} failed${msg ? ` (${msg})` : ''}, left out: exit ${r.code}\n${firstLines(r.stderr)}`;
        log(line);
        notes.push(`${t.label}: failed, not measured — exit ${r.code}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
        tools.splice(tools.indexOf(t), 1);
      };
      if (t.key === 'floor') {
        if (r.code !== 0) throw new BenchError(`the read floor failed:\n${firstLines(r.stderr)}`);
        t.seen = { analysed: JSON.parse(readFileSync(join(work, 'floor.json'), 'utf8')).files, findings: '—', skipped: [], notices: [] };
      } else if (t.key.startsWith('authlint')) {
        if (r.code !== 0 && r.code !== 1) { bad(); continue; }
        t.seen = readAuthlintJson(existsSync(t.report) ? readFileSync(t.report, 'utf8') : '');
        if (t.seen.error) { bad(t.seen.error); continue; }
        t.exitCode = r.code;
      } else if (t.key === 'secretlint') {
        let report;
        try { report = JSON.parse(readFileSync(t.report, 'utf8')); } catch { /* below */ }
        if (!report || (r.code !== 0 && r.code !== 1)) { bad(report ? '' : 'no JSON report'); secretlint = undefined; continue; }
        const read = new Set(report.map(e => resolve(root, e.filePath)));
        const byRule = {};
        let findings = 0;
        for (const e of report) for (const m of e.messages) { findings++; byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1; }
        t.seen = {
          analysed: report.length, findings, byRule, notices: [],
          skipped: files.filter(f => !read.has(f.path)).map(f => ({ uri: f.rel, reason: 'missing from secretlint\'s report' })),
        };
      }
    }
    if (authlint && !tools.includes(authlint)) authlint = undefined;
    if (authlintRoot && !tools.includes(authlintRoot)) authlintRoot = undefined;

    // Why the root walk reads another set of files: the walker's skip list, and the extra languages it knows.
    let walkNote;
    if (authlintRoot) {
      const w = expectedWalk(root, files);
      authlintRoot.bytes = w.bytes;
      const got = (authlintRoot.seen.analysed ?? 0) + authlintRoot.seen.skipped.length;
      walkNote = `The root walk reads ${got} files: the ${files.length} listed, less ${w.left.length} (${formatMB(w.leftBytes)} MB) inside folders its walker always skips (` +
        Object.entries(w.byDir).sort((a, b) => b[1] - a[1]).map(([d, n]) => `\`${d}/\` ${n}`).join(', ') +
        `), plus ${w.extra.length} Gradle/properties files it also analyses` + (got === w.files ? '.' : ` (expected ${w.files}; the difference is .gitignore or symlink handling).`);
    }

    // --- timed runs, alternating, order rotated each round
    for (const t of tools) t.runs = [];
    for (let round = 0; round < opts.runs; round++) {
      const order = tools.map((_, i) => tools[(i + round) % tools.length]);
      for (const t of order) {
        const r = await timedRun(opts, t.cmd, t.args, { cwd: t.cwd, stdoutFile: t.key === 'floor' ? '/dev/null' : join(work, `${t.key}.out`) });
        if (r.code !== 0 && (t.key === 'floor' || r.code !== 1)) {
          throw new BenchError(`${t.label} failed in timed run ${round + 1} (exit ${r.code}):\n${firstLines(r.stderr)}`);
        }
        t.runs.push(r);
        log(`  run ${round + 1}/${opts.runs} ${t.key.padEnd(14)} ${fmtS(r.wall)} s  cpu ${fmtS(r.cpu)} s  ${fmtMBk(r.rssKB)} MB  other load ${pct(r.foreign)}`);
      }
    }

    // --- report
    const m = machine();
    for (const t of tools) {
      t.median = median(t.runs.map(r => r.wall));
      t.min = Math.min(...t.runs.map(r => r.wall));
      t.max = Math.max(...t.runs.map(r => r.wall));
      t.cpu = median(t.runs.map(r => r.cpu));
      t.rss = Math.max(...t.runs.map(r => r.rssKB));
    }
    const floor = tools.find(t => t.key === 'floor');
    const lines = [];
    lines.push('## Workspace scan: AuthLint vs secretlint');
    lines.push('');
    lines.push(`${m.date} · ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB RAM · node ${m.node} · median of ${opts.runs} timed runs per tool, after one untimed run each (warm page cache); tools alternated, order rotated every round`);
    lines.push('');
    lines.push(`Corpus (\`node scripts/corpus.mjs\`, 7 npm packages): ${total.files} files, ${formatMB(total.bytes)} MB — ` +
      Object.entries(total.byExt).filter(([, v]) => v.files).map(([e, v]) => `${e} ${v.files} (${formatMB(v.bytes)} MB)`).join(', ') + '.');
    lines.push('');
    lines.push('| tool | version | files read | skipped | findings | median wall | min–max | MB/s | CPU user+sys | peak RSS |');
    lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const t of tools) {
      const v = t.seen ?? {};
      lines.push(`| ${t.label} | ${t.version} | ${v.analysed ?? '?'} | ${v.skipped?.length ?? '?'} | ${v.findings ?? '?'} | ` +
        `${fmtS(t.median)} s | ${fmtS(t.min)}–${fmtS(t.max)} s | ${(t.bytes / 1e6 / t.median).toFixed(1)} | ${fmtS(t.cpu)} s | ${fmtMBk(t.rss)} MB |`);
    }
    lines.push('');
    if (authlint && secretlint) lines.push(`- **AuthLint / secretlint** (same ${files.length} files), median wall: **${(authlint.median / secretlint.median).toFixed(2)}×**; CPU time: ${(authlint.cpu / secretlint.cpu).toFixed(2)}×; peak RSS: ${(authlint.rss / secretlint.rss).toFixed(2)}×.`);
    if (authlint) lines.push(`- **AuthLint / raw read floor**: **${(authlint.median / floor.median).toFixed(1)}×** (${fmtS(authlint.median - floor.median)} s above it).`);
    if (secretlint) lines.push(`- secretlint / raw read floor: ${(secretlint.median / floor.median).toFixed(1)}×.`);
    for (const n of notes) lines.push(`- ${n}.`.replace(/\.\.$/, '.'));
    const ln = loadNote(tools.flatMap(t => t.runs));
    if (ln) lines.push(`- ${ln}.`);
    lines.push('');
    lines.push('How it was run:');
    lines.push('');
    if (authlint) {
      lines.push(`- AuthLint (same file list): \`node dist/cli.js scan --format sarif -o <tmp> ${AUTHLINT_SCAN_FLAGS.join(' ')} <the ${files.length} files>\` from the corpus root${droppedFlags.length ? ` (the CLI did not know ${droppedFlags.join(', ')})` : ''}. It runs on worker threads over all cores; CPU time counts every thread.`);
    }
    if (authlintRoot) lines.push(`- AuthLint (root): \`node dist/cli.js scan <corpus root> --format sarif -o <tmp> ${AUTHLINT_SCAN_FLAGS.join(' ')}\`. ${walkNote} Its MB/s is over the bytes it reads.`);
    if (authlint || authlintRoot) lines.push('- AuthLint\'s files read / skipped / findings come from the untimed run with `--format json` (its `summary`, `skipped`).');
    if (secretlint) {
      lines.push(`- secretlint: \`secretlint --secretlintrc <rc> --no-glob --no-gitignore --format unix --output <tmp> <the ${files.length} files>\` from the corpus root, rc = \`{ "rules": [{ "id": "${PRESET}" }] }\`. Files read / findings come from the untimed run with \`--format json\` (one entry per file read). Single-threaded.`);
      if (secretlint.engines) lines.push(`- secretlint ${secretlint.version.split(' ')[0]} declares \`engines.node ${secretlint.engines}\`; it ran on node ${m.node} without error.`);
    }
    lines.push(`- Raw floor: one node process doing \`readFileSync(path, 'utf8')\` on each of the same ${files.length} files, start-up included.`);
    lines.push(`- Wall time: hrtime from spawn to exit of the child. CPU and peak RSS: ${rssMethod}; peak RSS is the largest over the runs.`);
    const skipLines = [];
    for (const t of tools) {
      for (const s of t.seen?.skipped ?? []) skipLines.push(`  - ${t.key}: \`${s.uri}\` — ${s.reason}`);
      for (const s of t.seen?.notices ?? []) skipLines.push(`  - ${t.key} (notice, analysed): \`${s.uri}\` — ${s.reason}`);
    }
    if (skipLines.length) {
      lines.push('- Files skipped (or analysed with a notice):');
      lines.push(...skipLines.slice(0, 40));
      if (skipLines.length > 40) lines.push(`  - … ${skipLines.length - 40} more`);
    } else lines.push(`- Files skipped: none, by any tool${authlintRoot ? ' (beyond the root walk\'s folder skips above)' : ''}.`);
    const ruleLine = t => Object.entries(t.seen?.byRule ?? {}).sort((a, b) => b[1] - a[1]).map(([r, n]) => `\`${r}\` ${n}`).join(', ');
    for (const t of [authlint, authlintRoot, secretlint]) if (t?.seen?.findings) lines.push(`- ${t.label} findings by rule: ${ruleLine(t)} (\`node scripts/triage.mjs\` lists them).`);
    const md = lines.join('\n');
    console.log(md);
    if (opts.write) {
      writeSection('scan', md);
      log(`\nwrote ${relative(process.cwd(), docPath) || docPath} (section bench:scan)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scaling: AuthLint on 1×, 2×, 4× the corpus

/** Mirrors src into dst with hard links (real copies when linking fails, e.g. across file systems). */
function mirror(src, dst) {
  let linked = true;
  for (const p of walkFiles(src)) {
    const to = join(dst, relative(src, p));
    mkdirSync(dirname(to), { recursive: true });
    if (linked) {
      try { linkSync(p, to); continue; } catch { linked = false; }
    }
    copyFileSync(p, to);
  }
  return linked ? 'hard links' : 'copies';
}

async function scaleBench(opts) {
  redone = 0;
  const { root } = ensureCorpus({ log });
  const buildError = ensureAuthlintBuilt();
  if (buildError) throw new BenchError(`cannot run the scaling check: ${buildError}`);
  const version = authlintVersion();
  const base = summarize(listCorpusFiles(root));
  const work = mkdtempSync(join(cacheBase(), 'scale-'));
  const rows = [];
  let how = 'hard links';
  try {
    for (const k of [1, 2, 4]) {
      const dir = join(work, `x${k}`);
      for (let i = 1; i <= k; i++) if (mirror(root, join(dir, `copy${i}`)) === 'copies') how = 'copies';
      const w = expectedWalk(dir, listCorpusFiles(dir));
      const args = format => [cliPath, 'scan', dir, '--format', format, '-o', join(work, `x${k}.${format}`), ...AUTHLINT_SCAN_FLAGS];
      log(`${k}×: ${w.files} files, ${formatMB(w.bytes)} MB for AuthLint's walk — untimed run …`);
      const v = await measure(process.execPath, args('json'), { cwd: repoRoot });
      const seen = v.code === 0 || v.code === 1 ? readAuthlintJson(readFileSync(join(work, `x${k}.json`), 'utf8')) : { error: 'no report' };
      if (seen.error) throw new BenchError(`AuthLint failed on ${k}× (exit ${v.code}): ${firstLines(v.stderr, 4)}`);
      const runs = [];
      for (let r = 0; r < opts.runs; r++) {
        const res = await timedRun(opts, process.execPath, args('sarif'), { cwd: repoRoot });
        if (res.code !== 0 && res.code !== 1) throw new BenchError(`AuthLint failed on ${k}×, run ${r + 1} (exit ${res.code}): ${firstLines(res.stderr, 4)}`);
        runs.push(res);
        log(`  ${k}× run ${r + 1}/${opts.runs}: ${fmtS(res.wall)} s  cpu ${fmtS(res.cpu)} s  ${fmtMBk(res.rssKB)} MB  other load ${pct(res.foreign)}`);
      }
      rows.push({
        k, files: seen.analysed, bytes: w.bytes, findings: seen.findings, skipped: seen.skipped.length,
        wall: median(runs.map(r => r.wall)), min: Math.min(...runs.map(r => r.wall)), max: Math.max(...runs.map(r => r.wall)),
        cpu: median(runs.map(r => r.cpu)), rss: Math.max(...runs.map(r => r.rssKB)), runs,
      });
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const m = machine();
  const perMB = r => (r.wall / (r.bytes / 1e6)) * 1000;
  const lines = [];
  lines.push('## Scaling: AuthLint on 1×, 2×, 4× the corpus');
  lines.push('');
  lines.push(`${m.date} · AuthLint ${version} · ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB RAM · node ${m.node} · median of ${opts.runs} runs per scale after one untimed run · the corpus (${base.files} listed files, ${formatMB(base.bytes)} MB) repeated k times in one folder (${how}), scanned as a folder`);
  lines.push('');
  // Linear growth = a constant marginal cost per extra MB; the per-MB average also carries the fixed start-up cost
  // (process, worker threads, grammar loading), so it falls with size even when growth is linear.
  const marginal = (r, i, key) => (i === 0 ? undefined : ((r[key] - rows[i - 1][key]) / ((r.bytes - rows[i - 1].bytes) / 1e6)) * 1000);
  lines.push('| scale | files analysed | MB read | findings | skipped | median wall | min–max | ms per MB | marginal ms per extra MB | CPU user+sys | marginal CPU ms per extra MB | peak RSS |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  rows.forEach((r, i) => {
    const mw = marginal(r, i, 'wall');
    const mc = marginal(r, i, 'cpu');
    lines.push(`| ${r.k}× | ${r.files} | ${formatMB(r.bytes)} | ${r.findings} | ${r.skipped} | ${fmtS(r.wall)} s | ${fmtS(r.min)}–${fmtS(r.max)} s | ${perMB(r).toFixed(0)} | ${mw === undefined ? '—' : mw.toFixed(0)} | ${fmtS(r.cpu)} s | ${mc === undefined ? '—' : mc.toFixed(0)} | ${fmtMBk(r.rss)} MB |`);
  });
  lines.push('');
  const last = rows.length - 1;
  const slope = (rows[last].cpu - rows[0].cpu) / ((rows[last].bytes - rows[0].bytes) / 1e6);
  const fixed = rows[0].cpu - slope * (rows[0].bytes / 1e6);
  const predicted = fixed + slope * rows[1].bytes / 1e6;
  const off = (rows[1].cpu - predicted) / predicted;
  lines.push(`CPU time ≈ ${fmtS(fixed)} s fixed + ${(slope * 1000).toFixed(0)} ms per MB (the line through 1× and ${rows[last].k}×). ` +
    `The ${rows[1].k}× point is ${Math.abs(off) <= 0.1 ? 'on that line' : `**${off > 0 ? 'above' : 'below'} that line**`} (predicted ${fmtS(predicted)} s, measured ${fmtS(rows[1].cpu)} s, ${off >= 0 ? '+' : ''}${(off * 100).toFixed(0)}%): ` +
    (Math.abs(off) <= 0.1 ? 'growth is linear.' : 'check for super- or sub-linear work.'));
  const ln = loadNote(rows.flatMap(r => r.runs));
  if (ln) lines.push(`${ln}.`);
  lines.push('');
  lines.push(`Command: \`node dist/cli.js scan <folder> --format sarif -o <tmp> ${AUTHLINT_SCAN_FLAGS.join(' ')}\`. ` +
    '"ms per MB" includes the fixed start-up cost, so it falls with size; the marginal columns are the linearity check. ' +
    `"MB read" is what the walk reads (listed files outside the folders it always skips, plus Gradle/properties files). The copies repeat the same package and module names, so cross-file constant lookups see each key k times. CPU and peak RSS: ${rssMethod}.`);
  const md = lines.join('\n');
  console.log(md);
  if (opts.write) {
    writeSection('scaling', md);
    log(`\nwrote ${relative(process.cwd(), docPath) || docPath} (section bench:scaling)`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The editor part: scripts/lsp-latency.mjs in its own process (the engine is timed in that process, and it starts
// its own language servers), writing its section itself.

async function editorBench(opts) {
  ensureCorpus({ log });
  const buildError = ensureAuthlintBuilt();
  if (buildError) throw new BenchError(`cannot run the editor part: ${buildError}`);
  const args = [latencyScript, ...(opts.write ? ['--write'] : []), ...(opts.wait ? [] : ['--no-wait'])];
  log(`editor part: node ${relative(repoRoot, latencyScript)} ${args.slice(1).join(' ')}`);
  const code = await new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', e => reject(new BenchError(`could not start ${latencyScript}: ${e.message}`)));
    child.on('exit', (c, signal) => resolvePromise(c ?? signal));
  });
  if (code !== 0) throw new BenchError(`the editor part (scripts/lsp-latency.mjs) failed (exit ${code})`);
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--read-floor') return readFloor(argv[1]);
  const opts = parseArgs(argv);
  if (opts.help) return console.log(HELP);
  if (opts.scan) await scanBench(opts);
  if (opts.scale) await scaleBench(opts);
  if (opts.editor) await editorBench(opts);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main().catch(e => {
    if (e instanceof BenchError || e instanceof CorpusError) {
      console.error(`bench: ${e.message}`);
      process.exit(1);
    }
    throw e;
  });
}
