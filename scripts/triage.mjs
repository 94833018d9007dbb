#!/usr/bin/env node
// Triage AuthLint's findings on the real-code corpus (scripts/corpus.mjs): runs the CLI with SARIF output over the
// whole corpus, checks the SARIF structurally, and lists every finding with its (masked) source line, so false
// positives can be read at a glance.
//
//   node scripts/triage.mjs             prints the summary and every finding; full listing in /tmp/authlint-triage.txt
//   node scripts/triage.mjs --quiet     summary only on the console (the file still gets everything)
//   node scripts/triage.mjs --out FILE  write the listing elsewhere
//   node scripts/triage.mjs --files     name every corpus file on the command line instead of walking the root
//                                       (AuthLint then also reads the files inside build/, dist/, vendor/ folders)
//
// Exit: 0 = SARIF valid (findings or not), 1 = the scan failed or the SARIF is invalid, 2 = usage.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { authlintCorpusFlags, CorpusError, ensureCorpus, expectedWalk, formatMB, listCorpusFiles, summarize, walkFiles } from './corpus.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cliPath = join(repoRoot, 'dist', 'cli.js');

class TriageError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Masking: any string literal longer than 8 characters keeps its first 4 characters, then "…".

const LITERAL = /(["'`])((?:\\.|(?!\1)[^\\])*)(\1|$)/g;

// Outside quotes too (comments, properties files): a bare run of 24+ key-like characters with both letters and digits.
const BARE_TOKEN = /(?<![\w…])(?=[A-Za-z0-9_\-+/=]*\d)(?=[A-Za-z0-9_\-+/=]*[A-Za-z])[A-Za-z0-9_\-+/=]{24,}/g;

export function maskLiterals(line) {
  const masked = line.replace(LITERAL, (all, q, body, close) => (body.length > 8 ? `${q}${body.slice(0, 4)}…${close}` : all));
  return masked.replace(BARE_TOKEN, t => `${t.slice(0, 4)}…`);
}

export function sourceLine(text, line, max = 160) {
  const lines = text.split(/\r\n|\r|\n/);
  const raw = lines[line - 1];
  if (raw === undefined) return undefined;
  // Mask before truncating, so a cut never exposes part of a long literal unmasked.
  const masked = maskLiterals(raw.trim());
  return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
}

// ---------------------------------------------------------------------------------------------------------------
// SARIF structural check

const LEVELS = new Set(['none', 'note', 'warning', 'error']);

/** Returns a list of problems (empty = valid). */
export function validateSarif(sarif) {
  const errs = [];
  const err = msg => { if (errs.length < 50) errs.push(msg); };
  if (!sarif || typeof sarif !== 'object') return ['not a JSON object'];
  if (sarif.version !== '2.1.0') err(`version is ${JSON.stringify(sarif.version)}, expected "2.1.0"`);
  if (!Array.isArray(sarif.runs) || sarif.runs.length === 0) err('runs must be a non-empty array');
  for (const [ri, run] of (sarif.runs ?? []).entries()) {
    const at = `runs[${ri}]`;
    if (typeof run?.tool?.driver?.name !== 'string') err(`${at}.tool.driver.name missing`);
    const rules = run?.tool?.driver?.rules;
    const ruleIds = Array.isArray(rules) ? new Set(rules.map(r => r.id)) : undefined;
    if (!Array.isArray(run?.results)) { err(`${at}.results must be an array`); continue; }
    for (const [i, r] of run.results.entries()) {
      const a = `${at}.results[${i}]`;
      if (typeof r.ruleId !== 'string' || !r.ruleId) err(`${a}.ruleId missing`);
      else if (ruleIds && !ruleIds.has(r.ruleId)) err(`${a}.ruleId ${r.ruleId} not in tool.driver.rules`);
      if (ruleIds && Number.isInteger(r.ruleIndex) && rules[r.ruleIndex]?.id !== r.ruleId) err(`${a}.ruleIndex ${r.ruleIndex} does not point at ${r.ruleId}`);
      if (!LEVELS.has(r.level)) err(`${a}.level ${JSON.stringify(r.level)} is not one of ${[...LEVELS].join('/')}`);
      if (typeof r.message?.text !== 'string' || !r.message.text) err(`${a}.message.text missing`);
      if (!Array.isArray(r.locations) || r.locations.length === 0) { err(`${a}.locations must be a non-empty array`); continue; }
      for (const [li, loc] of r.locations.entries()) {
        const l = `${a}.locations[${li}].physicalLocation`;
        const uri = loc?.physicalLocation?.artifactLocation?.uri;
        if (typeof uri !== 'string' || !uri) err(`${l}.artifactLocation.uri missing`);
        else if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || uri.includes('\\')) err(`${l}.artifactLocation.uri is not a relative URI: ${uri}`);
        const reg = loc?.physicalLocation?.region;
        if (!reg) err(`${l}.region missing`);
        else {
          if (!Number.isInteger(reg.startLine) || reg.startLine < 1) err(`${l}.region.startLine ${reg.startLine} is not an integer ≥ 1`);
          if (reg.startColumn !== undefined && (!Number.isInteger(reg.startColumn) || reg.startColumn < 1)) err(`${l}.region.startColumn ${reg.startColumn} is not an integer ≥ 1`);
          if (reg.endLine !== undefined && (!Number.isInteger(reg.endLine) || reg.endLine < reg.startLine)) err(`${l}.region.endLine ${reg.endLine} < startLine`);
        }
      }
    }
  }
  return errs;
}

/**
 * Files the scan did not analyse, and analysed files with a remark, from the SARIF tool execution notifications
 * (`file-skipped` / `file-notice`; anything else counts as a skip). Returns { skipped, notices }.
 */
export function notificationsFrom(sarif) {
  const skipped = [];
  const notices = [];
  for (const run of sarif?.runs ?? []) {
    for (const inv of run.invocations ?? []) {
      for (const n of inv.toolExecutionNotifications ?? []) {
        const entry = { uri: n.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '?', reason: n.message?.text ?? n.descriptor?.id ?? '?' };
        (n.descriptor?.id === 'file-notice' ? notices : skipped).push(entry);
      }
    }
  }
  return { skipped, notices };
}

// ---------------------------------------------------------------------------------------------------------------

/** SARIF URIs are percent-encoded per segment (`@` → %40); the listing shows the plain path. */
function displayUri(uri) {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

function parseArgs(argv) {
  const opts = { quiet: false, out: '/tmp/authlint-triage.txt', files: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quiet' || a === '-q') opts.quiet = true;
    else if (a === '--files') opts.files = true;
    else if (a === '--out') {
      if (!argv[i + 1]) throw new TriageError('--out needs a file');
      opts.out = resolve(argv[++i]);
    } else if (a === '--help' || a === '-h') opts.help = true;
    else throw new TriageError(`unknown option ${a} (try --help)`);
  }
  return opts;
}

function ensureBuilt() {
  const main = join(repoRoot, 'server', 'src', 'cli', 'main.ts');
  let stale = !existsSync(cliPath);
  if (!stale && existsSync(main)) {
    const built = statSync(cliPath).mtimeMs;
    stale = walkFiles(join(repoRoot, 'server', 'src')).some(p => p.endsWith('.ts') && statSync(p).mtimeMs > built);
  }
  if (!stale) return;
  if (!existsSync(main) && !existsSync(cliPath)) throw new TriageError('the AuthLint CLI does not exist yet (no server/src/cli/main.ts, no dist/cli.js)');
  process.stderr.write('building AuthLint (npm run build) …\n');
  const r = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(cliPath)) {
    const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-8).join('\n');
    if (!existsSync(cliPath)) throw new TriageError(`npm run build failed:\n${tail}`);
    process.stderr.write(`npm run build failed; using the existing dist/cli.js:\n${tail}\n`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log('usage: node scripts/triage.mjs [--quiet] [--out FILE] [--files]\n  scans the corpus with the AuthLint CLI (SARIF), validates it and lists every finding with its masked source line');
    return 0;
  }
  const { root } = ensureCorpus({ log: m => process.stderr.write(m + '\n') });
  ensureBuilt();
  const listed = listCorpusFiles(root);
  const corpus = summarize(listed);
  const { flags, dropped } = authlintCorpusFlags(cliPath);
  // Root walk: the workspace case. --files: the exact list, named (relative to the root, which stays the SARIF base).
  const args = opts.files
    ? [cliPath, 'scan', '--format', 'sarif', ...flags, ...listed.map(f => f.rel)]
    : [cliPath, 'scan', root, '--format', 'sarif', ...flags];
  const walk = opts.files ? undefined : expectedWalk(root, listed);
  const mb = (walk ? walk.bytes : corpus.bytes) / 1e6;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: opts.files ? root : repoRoot, encoding: 'utf8', maxBuffer: 1 << 30 });
  const secs = (Date.now() - t0) / 1000;
  if (r.error) throw new TriageError(`could not run the CLI: ${r.error.message}`);
  if (r.status !== 0 && r.status !== 1) {
    throw new TriageError(`the scan failed (exit ${r.status ?? r.signal}):\n${r.stderr.trim().split('\n').slice(-10).join('\n')}`);
  }
  let sarif;
  try {
    sarif = JSON.parse(r.stdout);
  } catch {
    throw new TriageError(`the CLI's stdout is not JSON (first 300 chars): ${JSON.stringify(r.stdout.slice(0, 300))}`);
  }
  const problems = validateSarif(sarif);

  const head = [];
  const body = [];
  const shown = opts.files ? [...args.slice(1, 3 + flags.length + 1), `<${listed.length} files>`] : args.slice(1);
  head.push(`command: node dist/cli.js ${shown.join(' ')}  (exit ${r.status}, ${secs.toFixed(1)} s${opts.files ? ', from the corpus root' : ''})`);
  if (dropped.length) head.push(`note: the CLI does not know ${dropped.join(', ')} yet; ran without`);
  head.push(`corpus: ${root} — ${corpus.files} files with scanned extensions, ${formatMB(corpus.bytes)} MB`);
  if (walk) {
    head.push(`walk: about ${walk.files} files, ${formatMB(walk.bytes)} MB — leaves out ${walk.left.length} listed files in folders AuthLint always skips (` +
      Object.entries(walk.byDir).sort((a, b) => b[1] - a[1]).map(([d, n]) => `${d}/ ${n}`).join(', ') + `; --files scans them too), adds ${walk.extra.length} Gradle/properties files`);
  }
  head.push(problems.length ? `SARIF: INVALID (${problems.length}${problems.length >= 50 ? '+' : ''} problems)` : 'SARIF: valid (2.1.0 structure, every result has ruleId/level/message/relative uri/region)');
  for (const p of problems) head.push(`  - ${p}`);

  const results = (sarif.runs ?? []).flatMap(run => (run.results ?? []).map(res => ({ run, res })));
  const byRule = {};
  const byLevel = {};
  for (const { res } of results) {
    byRule[res.ruleId] = (byRule[res.ruleId] ?? 0) + 1;
    byLevel[res.level] = (byLevel[res.level] ?? 0) + 1;
  }
  head.push('');
  head.push(`findings: ${results.length} — ${(results.length / mb).toFixed(2)} per MB read (${Object.entries(byLevel).map(([l, n]) => `${l} ${n}`).join(', ') || 'none'})`);
  for (const [rule, n] of Object.entries(byRule).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    head.push(`  ${rule.padEnd(36)} ${String(n).padStart(6)}  ${(n / mb).toFixed(2)}/MB`);
  }
  const { skipped, notices } = notificationsFrom(sarif);
  head.push('');
  head.push(`skipped files: ${skipped.length}`);
  for (const s of skipped) head.push(`  ${displayUri(s.uri)} — ${s.reason}`);
  if (notices.length) {
    head.push(`analysed with a notice: ${notices.length}`);
    for (const s of notices) head.push(`  ${displayUri(s.uri)} — ${s.reason}`);
  }
  const stderrTail = r.stderr.trim();
  if (stderrTail) {
    head.push('');
    head.push('CLI stderr (last 15 lines):');
    for (const l of stderrTail.split('\n').slice(-15)) head.push(`  ${l}`);
  }

  // Every finding: uri:line:col ruleId message, then the masked source line.
  const cache = new Map();
  const textOf = uri => {
    if (!cache.has(uri)) {
      let text;
      try {
        const abs = resolve(root, decodeURIComponent(uri));
        if (!relative(root, abs).startsWith('..')) text = readFileSync(abs, 'utf8');
      } catch { /* missing */ }
      cache.set(uri, text);
    }
    return cache.get(uri);
  };
  const rows = results.map(({ res }) => {
    const pl = res.locations?.[0]?.physicalLocation ?? {};
    return { uri: pl.artifactLocation?.uri ?? '?', line: pl.region?.startLine ?? 0, col: pl.region?.startColumn ?? 1, res };
  }).sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line || a.col - b.col);
  let missing = 0;
  for (const { uri, line, col, res } of rows) {
    body.push(`${displayUri(uri)}:${line}:${col} ${res.ruleId} ${(res.message?.text ?? '').replace(/\s+/g, ' ')}`);
    const text = textOf(uri);
    const src = text === undefined ? undefined : sourceLine(text, line);
    if (src === undefined) missing++;
    body.push(`    ${src ?? '(source line not found)'}`);
  }
  if (missing) head.push(`\nwarning: ${missing} finding(s) point at a line that was not found under the corpus root (uri base?)`);

  const full = [...head, '', `--- ${rows.length} findings ---`, ...body].join('\n') + '\n';
  writeFileSync(opts.out, full);
  console.log(head.join('\n'));
  if (!opts.quiet && rows.length) console.log(['', `--- ${rows.length} findings ---`, ...body].join('\n'));
  console.log(`\nfull listing: ${opts.out}`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main().then(code => process.exit(code)).catch(e => {
    if (e instanceof TriageError || e instanceof CorpusError) {
      console.error(`triage: ${e.message}`);
      process.exit(e.message.startsWith('unknown option') ? 2 : 1);
    }
    throw e;
  });
}
