// Reads and analyses files. The same code runs in a worker thread (bundled as dist/scan-worker.js; the pool sends
// it batches of files) and in the main thread when there are too few files to be worth starting workers.
import * as path from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, GrammarLoadError, initEngine } from '../engine/index';
import type { AnalyzeSettings, ExternalUse, FileResult } from '../engine/api';
import { withFingerprints } from '../engine/fingerprint';
import { readSourceBytes, readSourceFile, type ReadOptions } from './read';
import { fingerprintPath } from './baseline';
import { fileFacts, ProjectRoots } from './location';

export interface FileTask {
  /** Relative to the scan root, '/'-separated: the path the engine sees (see AnalyzerConfig.root and location.ts). */
  path: string;
  /**
   * The file's bytes when they are not to be read from the working tree (`--staged`: the content git's index
   * holds). Checked and decoded like a file's bytes (read.ts).
   */
  content?: Uint8Array;
  /** Phase 2: uses of this file's constants found in other files. */
  external?: ExternalUse[];
  /**
   * Between the phases: names other files use but nobody exported. A file the pre-filter did not parse is parsed
   * when its text mentions one of them (it may define the constant); otherwise its outcome is `unchanged`.
   */
  mentions?: string[];
}

/** What became of one file: a result, or why it was not analysed; plus decoding notes. */
export interface FileOutcome {
  path: string;
  result?: FileResult;
  skipped?: string;
  notes: string[];
  /** A `mentions` task whose file mentions none of the names: keep the earlier outcome. */
  unchanged?: boolean;
}

export interface AnalyzerConfig {
  /**
   * Absolute scan root. The engine gets paths relative to it (findings and module keys use them); the language
   * and the facts it infers from a path (test sources, debug source sets) come from the file's real location
   * (location.ts), so they do not depend on the folder the scan started from.
   */
  root: string;
  /** Folder holding the tree-sitter .wasm files. */
  wasmDir: string;
  settings: AnalyzeSettings;
  read: ReadOptions;
  /** Absolute folder fingerprint paths are relative to (the baseline file's folder); default `root`. */
  fingerprintRoot?: string;
}

/** Messages between the pool and a worker. */
export type WorkerRequest = { id: number; tasks: FileTask[] };
export type WorkerReply = { id: number; outcomes: FileOutcome[] } | { id: number; error: string };
export const workerMarker = 'authlint-scan-worker';

/** `roots`: per batch by default (a repository created meanwhile is seen by the next one); a caller may share one over a run. */
export async function analyzeTasks(tasks: FileTask[], config: AnalyzerConfig, roots = new ProjectRoots()): Promise<FileOutcome[]> {
  await initEngine(config.wasmDir); // loads the grammars on the first call only
  return tasks.map(task => analyzeTask(task, config, roots));
}

function analyzeTask(task: FileTask, config: AnalyzerConfig, roots: ProjectRoots): FileOutcome {
  const absolute = path.resolve(config.root, task.path);
  const read = task.content ? readSourceBytes(task.content, absolute, config.read) : readSourceFile(absolute, config.read);
  if ('skipped' in read) return { path: task.path, skipped: read.skipped, notes: [] };
  if (task.mentions && !mentionsAny(read.text, task.mentions)) return { path: task.path, notes: [], unchanged: true };
  try {
    // The language and path facts come from where the file is, not from its path below the scan root (location.ts).
    const { language, pathFacts } = fileFacts(absolute, config.root, roots);
    const result = analyzeFile({ path: task.path, text: read.text, language, pathFacts, forceTree: !!task.mentions }, config.settings, task.external);
    if (result.skipped) return { path: task.path, skipped: result.skipped, notes: read.notes };
    const projectPath = fingerprintPath(config.fingerprintRoot ?? config.root, absolute);
    return { path: task.path, result: { ...result, findings: withFingerprints(read.text, projectPath, result.findings) }, notes: read.notes };
  } catch (e) {
    // A grammar that does not load fails every file of its language: the scan stops (the pool's FatalScanError).
    if (e instanceof GrammarLoadError) throw e;
    // An engine bug on one file must not lose the rest of the scan; the reason asks for a report.
    const message = e instanceof Error ? e.message : String(e);
    return { path: task.path, skipped: `internal error in the analyser (${message}); please report it`, notes: read.notes };
  }
}

const mentionPatterns = new Map<string, RegExp>();

/** Whether `text` holds one of the identifiers as a whole word. */
function mentionsAny(text: string, names: string[]): boolean {
  const key = names.join(',');
  let re = mentionPatterns.get(key);
  if (!re) {
    re = new RegExp(`(?<![\\w$])(?:${names.map(n => n.replace(/[^\w$]/g, '')).filter(Boolean).join('|')})(?![\\w$])`);
    mentionPatterns.set(key, re);
  }
  return re.test(text);
}

if (!isMainThread && parentPort && workerData?.marker === workerMarker) {
  const port = parentPort;
  const config = workerData.config as AnalyzerConfig;
  port.on('message', (request: WorkerRequest) => {
    analyzeTasks(request.tasks, config).then(
      outcomes => port.postMessage({ id: request.id, outcomes } satisfies WorkerReply),
      (e: unknown) => port.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
    );
  });
}
