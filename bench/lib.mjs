// What the benchmarks share (bench/run.mjs: the CLI scan; scripts/lsp-latency.mjs: the editor): the machine's
// description and its other load, /proc readings of a process, statistics, the target verdict, markdown tables and
// the writer of the docs/performance.md sections between <!-- bench:NAME --> / <!-- /bench:NAME --> markers.
// Plain functions with no state of their own; test/bench/lib.test.ts checks the pure ones.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const docPath = join(repoRoot, 'docs', 'performance.md');

// ---------------------------------------------------------------------------------------------------------------
// The machine

/** Processor model, cores, RAM, node version and today's date (UTC), for the line above every table. */
export function machine() {
  const cpu = cpus();
  return {
    cpu: (cpu[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: cpu.length,
    memGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** Busy CPU seconds of the whole machine so far (all cores; /proc/stat, 100 Hz ticks), or NaN off Linux. */
export function machineBusySeconds() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
    return (f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0)) / 100;
  } catch {
    return NaN;
  }
}

/** utime + stime of a process (all its threads, ended ones included), in seconds; 0 when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * The memory lines of /proc/<pid>/status, in kB, and the thread count: { VmRSS, VmHWM, RssAnon, RssFile, Threads }
 * (a field the kernel does not give is missing); undefined when the process is gone.
 */
export function procStatus(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  return parseProcStatus(text);
}

export function parseProcStatus(text) {
  const out = {};
  for (const key of ['VmRSS', 'VmHWM', 'RssAnon', 'RssFile', 'Threads']) {
    const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text);
    if (m) out[key] = Number(m[1]);
  }
  return out;
}

/** Peak resident set (VmHWM) of a process in kB, 0 when it is gone. */
export function hwmKB(pid) {
  return procStatus(pid)?.VmHWM ?? 0;
}

/** The process and all its descendants (through /proc/<pid>/task/<tid>/children). */
export function descendants(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks = [];
    try { tasks = readdirSync(`/proc/${out[i]}/task`); } catch { continue; }
    for (const t of tasks) {
      try {
        for (const c of readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim().split(/\s+/)) if (c) out.push(Number(c));
      } catch { /* gone */ }
    }
  }
  return out;
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/**
 * On a shared machine, waits (at most maxSeconds) until other processes use under 15% of the cores over half a
 * second, so a measurement does not start in the middle of someone's build. Returns the last load seen (0–1).
 */
export async function waitForQuiet(maxSeconds) {
  const cores = cpus().length;
  const until = Date.now() + maxSeconds * 1000;
  let load = NaN;
  do {
    const b0 = machineBusySeconds();
    const own0 = process.cpuUsage();
    await sleep(500);
    const own = process.cpuUsage(own0);
    load = (machineBusySeconds() - b0 - (own.user + own.system) / 1e6) / (0.5 * cores);
    if (!(load >= 0.15)) return load;
  } while (Date.now() < until);
  return load;
}

/**
 * How busy OTHER processes kept the machine while something was measured: the machine's busy time less this
 * process's CPU and the CPU of the children it declares (addChild), over wall time × cores. 0–1; NaN off Linux.
 */
export class LoadMeter {
  constructor() {
    this.busy0 = machineBusySeconds();
    this.own0 = process.cpuUsage();
    this.t0 = performance.now();
    this.children = 0;
  }

  /** CPU seconds a child process of ours spent during the measurement (read /proc before it ends). */
  addChild(seconds) {
    this.children += seconds;
  }

  other() {
    const wall = (performance.now() - this.t0) / 1000;
    const own = process.cpuUsage(this.own0);
    const foreign = machineBusySeconds() - this.busy0 - (own.user + own.system) / 1e6 - this.children;
    return Math.min(1, Math.max(0, foreign / (wall * cpus().length)));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics and formatting

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const pct = x => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '?');

/**
 * Against an upper-bound target: `met`, or `not met (N× the target)` — two decimals below 2×, one above, so a
 * near miss does not read as 1.0×.
 */
export function verdict(value, target) {
  if (!Number.isFinite(value) || !Number.isFinite(target) || target <= 0) return '?';
  if (value <= target) return 'met';
  const r = value / target;
  return `**not met** (${r < 2 ? r.toFixed(2) : r.toFixed(1)}× the target)`;
}

/** A markdown table; `align` holds 'l' or 'r' per column (default: left). */
export function mdTable(header, rows, align = []) {
  const sep = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  const line = cells => `| ${cells.map(c => String(c ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `| ${sep.join(' | ')} |`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// docs/performance.md

export const newPerformanceDoc =
  '# Performance\n\nFigures written by `npm run bench` (`bench/run.mjs`; the editor section by `scripts/lsp-latency.mjs`, ' +
  'which `npm run bench` runs; corpus: `scripts/corpus.mjs`). ' +
  'Each section between `<!-- bench:… -->` markers is regenerated by its benchmark; edit outside them.\n';

/** The document with the section NAME replaced by body (or appended when the markers are not there yet). */
export function replaceSection(doc, name, body) {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const block = `${open}\n${body.trim()}\n${close}`;
  const i = doc.indexOf(open);
  const j = i < 0 ? -1 : doc.indexOf(close, i);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + close.length);
  return doc.replace(/\s*$/, '\n\n') + block + '\n';
}

/** Replaces (or appends) the section between <!-- bench:NAME --> and <!-- /bench:NAME --> in docs/performance.md. */
export function writeSection(name, body, path = docPath) {
  const doc = existsSync(path) ? readFileSync(path, 'utf8') : newPerformanceDoc;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, replaceSection(doc, name, body));
}

// ---------------------------------------------------------------------------------------------------------------
// Where a process's resident memory is (/proc/<pid>/smaps)

const GiB_KB = 1024 * 1024;
const ARENA_KB = 64 * 1024;

/**
 * Splits the resident memory of a process by kind, from the text of /proc/<pid>/smaps, in kB:
 * - wasm: WebAssembly linear memories. V8 reserves each one as a region of several GiB (8 GiB + guard pages on
 *   x64) whose accessible start is the memory; a read-write anonymous mapping followed directly by an inaccessible
 *   one, together ≥ 4 GiB, is counted as one (`wasmCount` of them).
 * - arenas: malloc's memory: `[heap]` (the main arena) and the thread arenas glibc maps as 64 MiB-aligned 64 MiB
 *   regions (read-write start, inaccessible rest); `arenaCount` counts the thread arenas.
 * - file: file-backed mappings (the node binary, shared libraries).
 * - otherAnon: every other anonymous mapping (V8's JavaScript heap, code, thread stacks).
 * `total` is the sum of every mapping's Rss.
 */
export function parseSmaps(text) {
  const maps = [];
  for (const line of text.split('\n')) {
    const h = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (h) {
      maps.push({ start: BigInt(`0x${h[1]}`), end: BigInt(`0x${h[2]}`), perm: h[3], inode: Number(h[4]), name: h[5].trim(), rss: 0 });
      continue;
    }
    const r = /^Rss:\s+(\d+) kB/.exec(line);
    if (r && maps.length) maps[maps.length - 1].rss = Number(r[1]);
  }
  const out = { total: 0, wasm: 0, wasmCount: 0, arenas: 0, arenaCount: 0, file: 0, otherAnon: 0 };
  const sizeKB = m => Number((m.end - m.start) / 1024n);
  const anonymous = m => m.inode === 0 && (m.name === '' || m.name === '[heap]');
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i];
    out.total += m.rss;
    if (m.inode !== 0 || (m.name && !m.name.startsWith('['))) { out.file += m.rss; continue; }
    if (m.name === '[heap]') { out.arenas += m.rss; continue; }
    if (!anonymous(m) || !m.perm.startsWith('rw')) { out.otherAnon += m.rss; continue; }
    const next = maps[i + 1];
    const guard = next && next.start === m.end && anonymous(next) && next.perm.startsWith('---') ? sizeKB(next) : 0;
    const reserved = sizeKB(m) + guard;
    if (reserved >= 4 * GiB_KB) { out.wasm += m.rss; out.wasmCount++; }
    else if (reserved === ARENA_KB && m.start % (64n * 1024n * 1024n) === 0n) { out.arenas += m.rss; out.arenaCount++; }
    else out.otherAnon += m.rss;
  }
  return out;
}

/** parseSmaps of a live process; undefined when it is gone or /proc is not there. */
export function smapsOf(pid) {
  try {
    return parseSmaps(readFileSync(`/proc/${pid}/smaps`, 'utf8'));
  } catch {
    return undefined;
  }
}
