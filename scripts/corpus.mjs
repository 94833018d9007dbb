#!/usr/bin/env node
// The real-code corpus: a fixed set of published npm packages (Kotlin/Java Android code, TS/JS sources and large
// bundled JS), fetched with `npm pack` (a tarball download: no dependency resolution, no install scripts) and
// extracted with the system `tar` into a cache OUTSIDE the repo. Nothing from the corpus is ever committed.
//
//   node scripts/corpus.mjs            fetch what is missing, print per-package and per-extension counts;
//                                      the last line is the corpus root
//   node scripts/corpus.mjs --root     print only the corpus root (fetching first if needed)
//   node scripts/corpus.mjs --refresh  re-fetch every package
//
// Cache: $AUTHLINT_CACHE/corpus (default ~/.cache/authlint/corpus), one folder per package: <name>@<version>/
// (scoped names keep their scope folder, e.g. @capacitor/android@8.5.2/). A package counts as present only when
// its marker file `.authlint-corpus.json` names the same version and the extracted file count still matches.
//
// Used by scripts/triage.mjs and bench/run.mjs through ensureCorpus() and listCorpusFiles().
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, statSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Exactly these versions: the corpus must not drift between runs. */
export const CORPUS_PACKAGES = [
  { name: 'react-native', version: '0.88.1' },
  { name: 'expo-modules-core', version: '58.2.0' },
  { name: 'react-native-app-auth', version: '8.4.1' },
  { name: 'typescript', version: '5.9.3' },
  { name: '@capacitor/android', version: '8.5.2' },
  { name: 'cordova-android', version: '15.1.0' },
  { name: '@react-native-firebase/app', version: '26.4.0' },
];

/** The extensions the corpus is measured on (what AuthLint reads; `.d.ts` counts as `.ts`). */
export const EXTENSIONS = ['.kt', '.kts', '.java', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

const MARKER = '.authlint-corpus.json';

/** An expected failure: reported as one clear line, never a stack trace. */
export class CorpusError extends Error {}

/** The cache base: $AUTHLINT_CACHE or ~/.cache/authlint. Refuses a folder inside the repo. */
export function cacheBase() {
  const base = resolve(process.env.AUTHLINT_CACHE || join(homedir(), '.cache', 'authlint'));
  const rel = relative(repoRoot, base);
  if (rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))) {
    throw new CorpusError(`the cache (${base}) must live outside the repo (${repoRoot}); set AUTHLINT_CACHE elsewhere`);
  }
  return base;
}

export function corpusRoot() {
  return join(cacheBase(), 'corpus');
}

export function packageDir(root, pkg) {
  return join(root, `${pkg.name}@${pkg.version}`);
}

/** All regular files under dir (symlinks are not followed), sorted, as absolute paths. */
export function walkFiles(dir, out = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  names.sort();
  for (const name of names) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) walkFiles(p, out);
    else if (st.isFile()) out.push(p);
  }
  return out;
}

export function extensionOf(path) {
  return extname(path).toLowerCase();
}

/**
 * The corpus files with one of EXTENSIONS, sorted: the exact list every benchmarked tool is given.
 * Returns [{ path (absolute), rel (relative to root, '/'-separated), ext, size }].
 */
export function listCorpusFiles(root = corpusRoot(), extensions = EXTENSIONS) {
  const wanted = new Set(extensions);
  const out = [];
  for (const path of walkFiles(root)) {
    const ext = extensionOf(path);
    if (!wanted.has(ext)) continue;
    out.push({ path, rel: relative(root, path).split(sep).join('/'), ext, size: lstatSync(path).size });
  }
  return out;
}

/** Per-extension counts and bytes of a file list from listCorpusFiles. */
export function summarize(files) {
  const byExt = Object.fromEntries(EXTENSIONS.map(e => [e, { files: 0, bytes: 0 }]));
  let bytes = 0;
  for (const f of files) {
    byExt[f.ext] ??= { files: 0, bytes: 0 };
    byExt[f.ext].files++;
    byExt[f.ext].bytes += f.size;
    bytes += f.size;
  }
  return { files: files.length, bytes, byExt };
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

function isPresent(dir, pkg) {
  const m = readMarker(dir);
  if (!m || m.name !== pkg.name || m.version !== pkg.version) return false;
  // Cheap integrity check: the tree still holds as many files as were extracted (marker excluded).
  return walkFiles(dir).length - 1 === m.files;
}

function run(cmd, args, opts = {}) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...opts });
  } catch (e) {
    if (e.code === 'ENOENT') throw new CorpusError(`\`${cmd}\` was not found on PATH`);
    const err = String(e.stderr || e.message).trim().split('\n').slice(-6).join('\n');
    throw new CorpusError(`\`${cmd} ${args.join(' ')}\` failed (exit ${e.status}):\n${err}`);
  }
}

function fetchPackage(root, pkg, log) {
  const dir = packageDir(root, pkg);
  const spec = `${pkg.name}@${pkg.version}`;
  const work = mkdtempSync(join(tmpdir(), 'authlint-corpus-'));
  try {
    log(`fetching ${spec} …`);
    // `npm pack <spec>` downloads the registry tarball only; --ignore-scripts is belt and braces (pack of a
    // registry spec runs none anyway).
    const out = run('npm', ['pack', spec, '--pack-destination', work, '--json', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: work });
    let info;
    try {
      info = JSON.parse(out)[0];
    } catch {
      throw new CorpusError(`npm pack ${spec}: unexpected output:\n${out.slice(0, 500)}`);
    }
    if (info.version !== pkg.version) throw new CorpusError(`npm pack ${spec} returned version ${info.version}`);
    const tgz = join(work, info.filename);
    if (!existsSync(tgz)) throw new CorpusError(`npm pack ${spec}: tarball ${info.filename} not found`);
    const ex = join(work, 'x');
    mkdirSync(ex);
    run('tar', ['-xzf', tgz, '-C', ex, '--no-same-owner', '--no-same-permissions']);
    // Registry tarballs hold one top folder, usually `package/`.
    const tops = readdirSync(ex);
    const top = tops.length === 1 && lstatSync(join(ex, tops[0])).isDirectory() ? join(ex, tops[0]) : ex;
    const files = walkFiles(top).length;
    writeFileSync(join(top, MARKER), JSON.stringify({
      name: pkg.name, version: pkg.version, integrity: info.integrity, shasum: info.shasum,
      tarball: info.filename, files, fetched: new Date().toISOString(),
    }, null, 2) + '\n');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    try {
      renameSync(top, dir);
    } catch {
      // Different file systems (tmp vs cache): copy with tar-free cp.
      run('cp', ['-a', top + '/.', dir + '/']);
    }
    log(`  ${spec}: ${files} files`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Makes sure every corpus package is extracted in the cache (fetching only what is missing or damaged).
 * Returns { root, packages: [{ name, version, dir, fetched }] }.
 */
export function ensureCorpus({ refresh = false, log = msg => process.stderr.write(msg + '\n') } = {}) {
  const root = corpusRoot();
  mkdirSync(root, { recursive: true });
  const packages = [];
  for (const pkg of CORPUS_PACKAGES) {
    const dir = packageDir(root, pkg);
    let fetched = false;
    if (refresh || !isPresent(dir, pkg)) {
      fetchPackage(root, pkg, log);
      fetched = true;
    }
    packages.push({ ...pkg, dir, fetched });
  }
  // Leftovers from other corpus versions would silently join every scan of the root: refuse them.
  const expected = new Set(CORPUS_PACKAGES.map(p => relative(root, packageDir(root, p)).split(sep)[0]));
  const extra = readdirSync(root).filter(n => !expected.has(n));
  for (const n of extra) {
    if (n.startsWith('@')) {
      const inner = readdirSync(join(root, n)).filter(m => !CORPUS_PACKAGES.some(p => packageDir(root, p) === join(root, n, m)));
      if (inner.length) throw new CorpusError(`unexpected folder(s) in the corpus: ${inner.map(m => join(root, n, m)).join(', ')} — remove them`);
    } else {
      throw new CorpusError(`unexpected entry in the corpus: ${join(root, n)} — remove it (or set AUTHLINT_CACHE)`);
    }
  }
  return { root, packages };
}

/**
 * The AuthLint scan flags that make it read the whole corpus (the bundled typescript files are 9 and 6 MB and
 * minified-looking), kept to those the built CLI knows: its `--help` text, or else server/src/cli/main.ts, must
 * mention the flag. Returns { flags, dropped }.
 */
export function authlintCorpusFlags(cliPath = join(repoRoot, 'dist', 'cli.js')) {
  const wanted = [['--max-file-size', '20000000'], ['--include-minified']];
  let known = '';
  for (const args of [['--help'], ['scan', '--help'], ['help']]) {
    try {
      known += execFileSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 });
    } catch (e) {
      known += `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
  }
  try {
    known += readFileSync(join(repoRoot, 'server', 'src', 'cli', 'main.ts'), 'utf8');
  } catch { /* not there */ }
  const flags = [];
  const dropped = [];
  for (const f of wanted) (known.includes(f[0]) ? flags.push(...f) : dropped.push(f[0]));
  return { flags, dropped };
}

/**
 * The folders AuthLint's walker never enters (read from server/src/cli/walker.ts so this stays in step with it).
 * Used only to explain why the root walk reads fewer files than the list.
 */
export function authlintSkippedFolders() {
  try {
    const src = readFileSync(join(repoRoot, 'server', 'src', 'cli', 'walker.ts'), 'utf8');
    const m = /defaultSkippedFolders[^=]*=\s*new Set\(\[([\s\S]*?)\]\)/.exec(src);
    if (m) return new Set([...m[1].matchAll(/'([^']+)'|"([^"]+)"/g)].map(x => x[1] ?? x[2]));
  } catch { /* not there */ }
  return undefined;
}

/** Files AuthLint analyses beyond the listed extensions (its languageOf: Gradle scripts and properties, .mts/.cts). */
export const isAuthlintExtra = rel => /\.(gradle|mts|cts)$/i.test(rel) || /(^|\/)(gradle|local)\.properties$/.test(rel);

/**
 * What AuthLint's own walk of `root` should read, given the listed files: the list less the files inside folders its
 * walker always skips, plus the Gradle/properties files it also analyses. Returns { files, bytes, left, extra, byDir }.
 */
export function expectedWalk(root, listed) {
  const skipDirs = authlintSkippedFolders() ?? new Set();
  const skippedDir = rel => rel.split('/').slice(0, -1).find(d => skipDirs.has(d));
  const left = listed.filter(f => skippedDir(f.rel));
  const extra = walkFiles(root).map(p => ({ path: p, rel: relative(root, p).split(sep).join('/') }))
    .filter(f => isAuthlintExtra(f.rel) && !skippedDir(f.rel)).map(f => ({ ...f, size: statSync(f.path).size }));
  const byDir = {};
  for (const f of left) byDir[skippedDir(f.rel)] = (byDir[skippedDir(f.rel)] ?? 0) + 1;
  const sum = xs => xs.reduce((s, f) => s + f.size, 0);
  return { files: listed.length - left.length + extra.length, bytes: sum(listed) - sum(left) + sum(extra), left, leftBytes: sum(left), extra, byDir };
}

export function formatMB(bytes) {
  return (bytes / 1e6).toFixed(2);
}

/** The human-readable corpus report (per package, per extension). */
export function describeCorpus(root, packages) {
  const lines = [];
  const all = listCorpusFiles(root);
  lines.push(`corpus: ${root}`);
  lines.push('');
  lines.push(`${'package'.padEnd(36)} ${'files'.padStart(6)} ${'MB'.padStart(8)}`);
  for (const p of packages) {
    const prefix = relative(root, p.dir).split(sep).join('/') + '/';
    const s = summarize(all.filter(f => f.rel.startsWith(prefix)));
    lines.push(`${(p.name + '@' + p.version).padEnd(36)} ${String(s.files).padStart(6)} ${formatMB(s.bytes).padStart(8)}`);
  }
  const s = summarize(all);
  lines.push('');
  lines.push(`${'extension'.padEnd(36)} ${'files'.padStart(6)} ${'MB'.padStart(8)}`);
  for (const [ext, v] of Object.entries(s.byExt)) lines.push(`${ext.padEnd(36)} ${String(v.files).padStart(6)} ${formatMB(v.bytes).padStart(8)}`);
  const dts = all.filter(f => f.rel.endsWith('.d.ts'));
  lines.push(`${'  (of .ts: .d.ts)'.padEnd(36)} ${String(dts.length).padStart(6)} ${formatMB(dts.reduce((a, f) => a + f.size, 0)).padStart(8)}`);
  lines.push(`${'total'.padEnd(36)} ${String(s.files).padStart(6)} ${formatMB(s.bytes).padStart(8)}  (${s.bytes} bytes)`);
  const big = all.filter(f => f.size > 2_000_000).sort((a, b) => b.size - a.size);
  if (big.length) lines.push(`files over 2 MB: ${big.map(f => `${f.rel} (${formatMB(f.size)} MB)`).join(', ')}`);
  return lines.join('\n');
}

async function main() {
  const args = new Set(process.argv.slice(2));
  for (const a of args) {
    if (!['--root', '--refresh', '--help', '-h'].includes(a)) throw new CorpusError(`unknown option ${a} (try --help)`);
  }
  if (args.has('--help') || args.has('-h')) {
    console.log('usage: node scripts/corpus.mjs [--root] [--refresh]\n  fetches the real-code corpus into $AUTHLINT_CACHE/corpus (default ~/.cache/authlint/corpus)');
    return;
  }
  const { root, packages } = ensureCorpus({ refresh: args.has('--refresh') });
  if (!args.has('--root')) console.log(describeCorpus(root, packages));
  console.log(root);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main().catch(e => {
    if (e instanceof CorpusError) {
      console.error(`corpus: ${e.message}`);
      process.exit(1);
    }
    throw e;
  });
}
