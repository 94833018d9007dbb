// Analyses a list of files on all cores and follows constants across files.
//
// Phase 1 analyses every file. The main thread then matches each file's pending uses against every file's
// exported constants (resolvePending), and phase 2 re-analyses only the files whose constants are used elsewhere,
// with those uses; their new result replaces the phase-1 one. Output is sorted by path, so it does not depend on
// which worker finished first.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { resolvePending } from '../engine/index';
import type { FileResult } from '../engine/api';
import { byPath, type Notice, type SkippedFile } from './walker';
import { ProjectRoots } from './location';
import { analyzeTasks, workerMarker, type AnalyzerConfig, type FileOutcome, type FileTask, type WorkerReply } from './worker';

export interface ScanOptions extends AnalyzerConfig {
  /** Worker threads to use; default from the core count and the number of files. 1 = in this thread. */
  workers?: number;
  /**
   * Files whose content is given rather than read from disk (`--staged`: the blobs in git's index), by the same
   * paths as `files`. Each task of such a file carries its bytes to the worker.
   */
  contents?: ReadonlyMap<string, Uint8Array>;
  onProgress?(done: number, total: number): void;
}

export interface ScanOutcome {
  /** Analysed files, sorted by path. */
  results: FileResult[];
  skipped: SkippedFile[];
  notices: Notice[];
}

/** Files per worker below which another thread costs more (grammar loading) than it saves. */
const filesPerWorker = 50;

/**
 * Worker threads for `fileCount` files: one per 50 files, at most `jobs` (`--jobs`, default: no limit of its own)
 * and never more than the cores — more threads than cores only add grammar copies and memory.
 */
export function chooseWorkerCount(fileCount: number, jobs?: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(jobs ?? cores, cores, Math.ceil(fileCount / filesPerWorker)));
}

/** `files` are relative to `options.root` (see AnalyzerConfig.root); so are the paths in the outcome. */
export async function scanFiles(files: readonly string[], options: ScanOptions): Promise<ScanOutcome> {
  const workers = options.workers ?? chooseWorkerCount(files.length);
  // Only plain data crosses to a worker (workerData is structured-cloned): not the progress callback.
  const config: AnalyzerConfig = { root: options.root, wasmDir: options.wasmDir, settings: options.settings, read: options.read, fingerprintRoot: options.fingerprintRoot };
  const executor = createExecutor(workers, config);
  const outcomes = new Map<string, FileOutcome>();
  const contents = options.contents;
  const withContent = <T extends FileTask>(task: T): T => {
    const content = contents?.get(task.path);
    return content ? { ...task, content } : task;
  };
  try {
    for (const o of await executor.run(largestFirst(files, options.root, contents).map(withContent), { onProgress: options.onProgress })) outcomes.set(o.path, o);
    const analysed = () => [...outcomes.values()].flatMap(o => (o.result ? [o.result] : [])).sort(byPath);
    // A constant used elsewhere may sit in a file the pre-filter did not parse: parse the likely homes that
    // mention it (TS: the imported module; JVM: the user's folder and files named after the qualifier).
    const homes = likelyHomes(analysed());
    if (homes.length) for (const o of await executor.run(homes.map(withContent))) if (!o.unchanged) outcomes.set(o.path, o);
    const external = resolvePending(analysed().map(r => ({ path: r.path, language: r.language, exports: r.exports, pending: r.pending })));
    const phase2 = [...external].filter(([, uses]) => uses.length).map(([p, uses]) => ({ path: p, external: uses }));
    for (const o of await executor.run(phase2.sort(byPath).map(withContent))) outcomes.set(o.path, o);
  } finally {
    await executor.close();
  }
  const sorted = [...outcomes.values()].sort(byPath);
  return {
    results: sorted.flatMap(o => (o.result ? [o.result] : [])),
    skipped: sorted.flatMap(o => (o.skipped ? [{ path: o.path, reason: o.skipped }] : [])),
    notices: sorted.flatMap(o => o.notes.map(message => ({ path: o.path, message }))),
  };
}

/** Largest files first, so one worker does not end the scan alone with the biggest bundle. */
export function largestFirst(files: readonly string[], root: string, contents?: ReadonlyMap<string, Uint8Array>): SizedTask[] {
  const size = (p: string) => {
    const given = contents?.get(p);
    if (given) return given.length;
    try { return fs.statSync(path.resolve(root, p)).size; } catch { return 0; }
  };
  return files.map(p => ({ path: p, bytes: size(p) })).sort((a, b) => b.bytes - a.bytes);
}

/** A task with the file's size when known, so batches can be balanced by bytes rather than by file count. */
export type SizedTask = FileTask & { bytes?: number };

/**
 * Cuts the queue into batches of about the same work: at most `maxFiles` files and, where sizes are known, about
 * `1/(workers × 8)` of all bytes each. A file larger than that goes alone, so with the largest files first the
 * big bundles land on different workers instead of all in the first batch.
 */
export function batches<T extends SizedTask>(tasks: readonly T[], workers: number, maxFiles = 64): T[][] {
  const total = tasks.reduce((n, t) => n + (t.bytes ?? 0), 0);
  const byCount = Math.max(1, Math.min(maxFiles, Math.ceil(tasks.length / (workers * 8))));
  const byteBudget = total / (workers * 8);
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const t of tasks) {
    const b = t.bytes ?? 0;
    if (current.length && (current.length >= byCount || (byteBudget > 0 && bytes + b > byteBudget))) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(t);
    bytes += b;
  }
  if (current.length) out.push(current);
  return out;
}

const stem = (p: string) => p.replace(/\.[^./]+$/, '');
const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/** Unparsed files that may define a constant some file uses in a sink and no file exported, with the names to look for. */
function likelyHomes(results: FileResult[]): FileTask[] {
  const exported = new Set(results.flatMap(r => r.exports.flatMap(e => e.keys)));
  const unparsed = results.filter(r => !r.parsed);
  const names = new Map<string, Set<string>>();
  const want = (path: string, name: string) => names.set(path, (names.get(path) ?? new Set()).add(name));
  for (const r of results) {
    for (const p of r.pending) {
      if (p.candidates.some(c => exported.has(c))) continue;
      for (const u of unparsed) {
        const home = p.modules ? p.modules.includes(stem(u.path))
          : dirOf(u.path) === dirOf(r.path) || (!!p.qualifier && stem(u.path).endsWith(`/${p.qualifier}`)) || stem(u.path) === p.qualifier;
        if (home) want(u.path, p.name);
      }
    }
  }
  return [...names].map(([path, n]) => ({ path, mentions: [...n] }));
}

/** The folder with the grammar .wasm files: next to the bundle (dist/), or out/wasm when running the tests. */
export function locateWasmDir(from = __dirname): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    for (const candidate of [dir, path.join(dir, 'wasm')]) {
      if (fs.existsSync(path.join(candidate, 'web-tree-sitter.wasm'))) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** How a batch of tasks is followed and stopped. */
export interface RunOptions {
  onProgress?(done: number, total: number): void;
  /** Outcomes as they arrive (a batch at a time), before the run resolves. */
  onOutcomes?(outcomes: FileOutcome[]): void;
  /** Checked before each batch is started: true stops the run, which then resolves with what was done. */
  shouldStop?(): boolean;
}

/** Runs analysis tasks in this thread or on worker threads; `close` ends the threads (and frees their memory). */
export interface Executor {
  run(tasks: SizedTask[], options?: RunOptions): Promise<FileOutcome[]>;
  close(): Promise<void>;
  /** Worker threads only: files that ran out of memory under the heap limits, and workers started without limits for them. */
  readonly roomy?: { retries: number; workers: number };
}

/** V8 heap limits of a scan worker, in MB. */
export type HeapLimits = Required<Pick<ResourceLimits, 'maxOldGenerationSizeMb' | 'maxYoungGenerationSizeMb'>>;

/**
 * A scan worker's heap. V8 sizes a heap for a long-lived program and collects late, so two workers without limits
 * held ≈ 170 MB more at their peak over the benchmark corpus than with these. A file whose model does not fit is
 * not lost: its worker dies with ERR_WORKER_OUT_OF_MEMORY and the file is analysed again in a worker without
 * limits (WorkerExecutor). Measured on the corpus (docs/performance.md): old generation 64 MB, young 3 MB.
 */
export const workerHeapLimits: HeapLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 3 };

export interface ExecutorOptions {
  /** Worker threads even for one worker (default: when `workers` > 1). Their WebAssembly memory goes away with `close`. */
  threaded?: boolean;
  /** In this thread: replaces the worker's analysis (the language server passes its own, which logs failures). */
  analyzeOne?: (task: FileTask) => FileOutcome;
  /** Heap limits of the worker threads (default `workerHeapLimits`; tests pass tiny ones). */
  heapLimits?: HeapLimits;
}

export function createExecutor(workers: number, config: AnalyzerConfig, options: ExecutorOptions = {}): Executor {
  const { threaded = workers > 1, analyzeOne, heapLimits = workerHeapLimits } = options;
  return threaded ? new WorkerExecutor(Math.max(1, workers), config, heapLimits) : new InProcessExecutor(config, analyzeOne);
}

/** Longest stretch of work in this thread before other events (a language server's messages) get a turn. */
const sliceMs = 15;

class InProcessExecutor implements Executor {
  constructor(private readonly config: AnalyzerConfig, private readonly analyzeOne?: (task: FileTask) => FileOutcome) {}

  async run(tasks: SizedTask[], options: RunOptions = {}): Promise<FileOutcome[]> {
    const out: FileOutcome[] = [];
    const roots = new ProjectRoots(); // one run: each folder's project root is looked up once
    let lastYield = Date.now();
    for (const task of tasks) {
      if (Date.now() - lastYield > sliceMs) {
        await new Promise(resolve => setImmediate(resolve));
        lastYield = Date.now();
      }
      if (options.shouldStop?.()) break;
      const outcomes = this.analyzeOne ? [this.analyzeOne(task)] : await analyzeTasks([task], this.config, roots);
      out.push(...outcomes);
      options.onOutcomes?.(outcomes);
      options.onProgress?.(out.length, tasks.length);
    }
    return out;
  }

  async close(): Promise<void> {}
}

/**
 * A fixed set of worker threads fed from one queue of batches, so a slow file holds up one worker only. A worker
 * that dies (a crash in a grammar, out of memory) is replaced; its batch is retried one file at a time, so only
 * the file that kills a worker is lost — and reported as skipped. Past `crashBudget` deaths the cause is not a
 * file: the scan fails rather than start a thread per file.
 * Workers run with heap limits (`workerHeapLimits`). Running out of that memory is not a crash: the batch is
 * retried one file at a time, and a single file that still does not fit waits for the one roomy worker, which
 * runs without limits, takes such files one at a time and lives until `close` (one thread over the pool's size).
 */
class WorkerExecutor implements Executor {
  private readonly all = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private roomyWorker: Worker | undefined;
  private roomyBusy = false;
  private nextId = 0;
  private crashes = 0;
  readonly roomy = { retries: 0, workers: 0 };
  private static readonly crashBudget = 8;

  constructor(private readonly size: number, private readonly config: AnalyzerConfig, private readonly limits: HeapLimits) {}

  run(tasks: SizedTask[], options: RunOptions = {}): Promise<FileOutcome[]> {
    const queue: FileTask[][] = batches(tasks, this.size).map(b => b.map(({ bytes: _, ...task }) => task));
    /** Single files that ran out of memory under the limits, for the roomy worker. */
    const roomyQueue: FileTask[] = [];
    const out: FileOutcome[] = [];
    let busy = 0;
    return new Promise((resolve, reject) => {
      let failed = false;
      const skip = (task: FileTask, reason: string) => {
        const lost: FileOutcome = { path: task.path, skipped: reason, notes: [] };
        out.push(lost);
        options.onOutcomes?.([lost]);
      };
      const dispatch = (batch: FileTask[], roomy: boolean) => {
        busy++;
        let worker: Worker;
        if (roomy) {
          if (!this.roomyWorker) {
            this.roomyWorker = this.spawn(false);
            this.roomy.workers++;
          }
          worker = this.roomyWorker;
          this.roomyBusy = true;
        } else worker = this.idle.pop() ?? this.spawn(true);
        this.send(worker, batch).then(
          outcomes => {
            out.push(...outcomes);
            options.onOutcomes?.(outcomes);
            options.onProgress?.(out.length, tasks.length);
          },
          (e: Error & { code?: string }) => {
            const outOfMemory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
            if (e instanceof FatalScanError || (!outOfMemory && ++this.crashes > WorkerExecutor.crashBudget)) {
              failed = true;
              reject(e);
            } else if (batch.length > 1) queue.push(...batch.map(t => [t]));
            else if (outOfMemory && !roomy) {
              this.roomy.retries++;
              roomyQueue.push(batch[0]);
            } else if (outOfMemory) skip(batch[0], 'too large to analyse: it ran out of memory even without heap limits');
            else skip(batch[0], `the analyser crashed on this file (${e.message}); please report it`);
          },
        ).finally(() => {
          if (roomy) this.roomyBusy = false;
          busy--;
          pump();
        });
      };
      const pump = () => {
        if (failed) return;
        if ((queue.length || roomyQueue.length) && options.shouldStop?.()) queue.length = roomyQueue.length = 0;
        const pooled = () => this.all.size - (this.roomyWorker ? 1 : 0);
        while (queue.length && (this.idle.length || pooled() < this.size)) dispatch(queue.shift()!, false);
        if (roomyQueue.length && !this.roomyBusy) dispatch([roomyQueue.shift()!], true);
        if (!queue.length && !roomyQueue.length && !busy) resolve(out);
      };
      pump();
    });
  }

  async close(): Promise<void> {
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    this.roomyWorker = undefined;
    await Promise.all(workers.map(w => w.terminate()));
  }

  /** A pool worker (`limited`: with the heap limits), or the roomy one (without). */
  private spawn(limited: boolean): Worker {
    // dist/ holds the bundled scan-worker.js; the unbundled test build has worker.js beside this file.
    const bundled = path.join(__dirname, 'scan-worker.js');
    const script = fs.existsSync(bundled) ? bundled : path.join(__dirname, 'worker.js');
    const worker = new Worker(script, { workerData: { marker: workerMarker, config: this.config }, ...(limited ? { resourceLimits: this.limits } : {}) });
    this.all.add(worker);
    // An idle worker has no batch listeners: without these, its death would be an unhandled 'error' event.
    const forget = () => {
      this.all.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      if (this.roomyWorker === worker) this.roomyWorker = undefined;
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    return worker;
  }

  /** Resolves with the batch's outcomes and makes a pool worker idle again, or ends a worker that died; rejects if it died. */
  private send(worker: Worker, tasks: FileTask[]): Promise<FileOutcome[]> {
    const id = this.nextId++;
    return new Promise<FileOutcome[]>((resolve, reject) => {
      const settle = (alive: boolean) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (alive) {
          if (worker !== this.roomyWorker) this.idle.push(worker);
        } else {
          if (this.roomyWorker === worker) this.roomyWorker = undefined;
          if (this.all.delete(worker)) void worker.terminate();
        }
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        settle(true);
        if ('error' in reply) reject(new FatalScanError(reply.error));
        else resolve(reply.outcomes);
      };
      const onError = (e: Error) => { settle(false); reject(e); };
      const onExit = (code: number) => onError(new Error(`worker exited with code ${code}`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, tasks });
    });
  }
}

/**
 * The engine could not start in a worker (missing grammar files, …) or a grammar does not load there: every file
 * would fail the same way, so the scan stops with the message. A broken install, not a bug in one file.
 */
export class FatalScanError extends Error {}

