// The AuthLint language server, independent of the transport: createServer takes the editor as an LspClient
// (client.ts) and returns the request handlers. main.ts binds them to a real connection; the tests call them
// in-process.
//
// Open documents are validated after a short pause in typing (debounced per document); a validation that finds a
// newer version when it resumes drops its result. Results are kept per document for hovers and code actions.
// Closed files are analysed from disk by the workspace scan, when a file they define a constant for changes,
// and when they change on disk.
import * as os from 'node:os';
import * as path from 'node:path';
import {
  TextDocumentSyncKind, CodeActionKind,
  type CodeAction, type CodeActionParams, type Diagnostic, type DidChangeConfigurationParams,
  type DidChangeTextDocumentParams, type DidChangeWatchedFilesParams, type DidChangeWorkspaceFoldersParams,
  type DidCloseTextDocumentParams, type DidOpenTextDocumentParams, type ExecuteCommandParams, type Hover,
  type HoverParams, type InitializeParams, type InitializeResult, type Registration,
} from 'vscode-languageserver';
import {
  analyzeDocument as engineAnalyzeDocument, analyzeFile as engineAnalyzeFile, GrammarLoadError, initEngine,
  type ExternalUse, type FileResult, type Finding, type LanguageId, type SuppressionProblem,
} from '../engine/index';
import { readSourceFile } from '../cli/read';
import { fileFacts } from '../cli/location';
import { createExecutor, FatalScanError } from '../cli/pool';
import type { AnalyzerConfig, FileOutcome } from '../cli/worker';
import { commands, serverCommands, fixAllKind, type ScanSummary } from '../shared/protocol';
import { settingsSection } from '../shared/settings';
import type { LspClient } from './client';
import { OpenDocuments } from './documents';
import { DocumentSettings, type ProjectConfigState, type ResourceSettings } from './documentSettings';
import { ConstantsIndex } from './constantsIndex';
import { toDiagnostic, diagnosticSource, notAnalysedDiagnostic, problemDiagnostic } from './diagnostics';
import { hoverFor } from './hover';
import { codeActionsFor } from './codeActions';
import { WorkspaceFolders, pathToUri, uriToPath, type FileLocation } from './workspace';
import type { FileReader, FileText } from './fixes/workspaceEdit';
import { WorkspaceScanner } from './scan';
import { ServerStatusReporter } from './status';
import { watchedFileGlobs, isConfigFile, isLintedFile } from './watch';
import { configFileName } from '../engine/config';
import { BaselineStore } from './baseline';

export interface ServerOptions {
  /** Folder holding the tree-sitter .wasm files. */
  wasmDir: string;
  /** Pause after the last change before a document is validated. */
  debounceMs?: number;
  /** The engine's two entry points (replaceable in tests). */
  engine?: { analyzeDocument: typeof engineAnalyzeDocument; analyzeFile: typeof engineAnalyzeFile };
  version?: string;
  /** Folders with at least this many files to analyse are scanned on worker threads (default 40). */
  scanThreadsFrom?: number;
}

/** What the last validation of an open document found. */
interface DocumentResult {
  version: number;
  findings: Finding[];
  /** Unused suppressions and unknown rule ids in them (open documents only). */
  problems: SuppressionProblem[];
  language: LanguageId;
  settings: ResourceSettings;
  location: FileLocation;
}

export type AuthLintServer = ReturnType<typeof createServer>;

export function createServer(client: LspClient, options: ServerOptions) {
  const debounceMs = options.debounceMs ?? 200;
  const engine = options.engine ?? { analyzeDocument: engineAnalyzeDocument, analyzeFile: engineAnalyzeFile };
  const folders = new WorkspaceFolders();
  const documents = new OpenDocuments();
  const index = new ConstantsIndex();
  const status = new ServerStatusReporter(client);
  const results = new Map<string, DocumentResult>();
  const timers = new Map<string, NodeJS.Timeout>();
  const inflight = new Map<string, Promise<void>>();
  const idleWaiters: (() => void)[] = [];
  /** Closed files whose diagnostics are on screen, by uri: cleared when they disappear or go out of scope. */
  const publishedClosed = new Set<string>();
  let caps: InitializeParams['capabilities'] = {};
  /** Grammars load during initialize; anything that analyses waits for them. */
  let engineReady: Promise<void> | undefined;
  const ready = () => (engineReady ??= initEngine(options.wasmDir));
  let shuttingDown = false;

  const settings = new DocumentSettings(client, folders, () => !!caps.workspace?.configuration, onConfigState);
  /** Baseline files whose problems are on screen. */
  const baselineProblems = new Set<string>();
  const baselines = new BaselineStore({
    onState(file, error) {
      if (error) client.log(`${file}: ${error}`);
      if (!error && !baselineProblems.delete(file)) return;
      if (error) baselineProblems.add(file);
      const diagnostics: Diagnostic[] = error ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: 1, source: diagnosticSource, message: error }] : [];
      client.publishDiagnostics({ uri: pathToUri(file), diagnostics });
    },
    watch(fileName) {
      if (!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
      void client.register([{
        id: `authlint-watch-baseline-${fileName}`, method: 'workspace/didChangeWatchedFiles',
        registerOptions: { watchers: [{ globPattern: `**/${fileName}` }] },
      }]).catch(e => client.log(`Could not watch ${fileName}: ${(e as Error).message}`));
    },
  });

  const reader: FileReader = {
    read(fsPath: string): FileText | undefined {
      const open = openDocumentAt(fsPath);
      if (open) return { fsPath, uri: open.uri, text: open.text.getText(), version: open.version };
      const read = readSourceFile(fsPath, { maxFileSize: 4_000_000, includeMinified: true });
      return 'text' in read ? { fsPath, uri: pathToUri(fsPath), text: read.text, version: null } : undefined;
    },
  };

  function openDocumentAt(fsPath: string) {
    return documents.all().find(d => uriToPath(d.uri) === fsPath);
  }

  function onConfigState(state: ProjectConfigState): void {
    // Problems of a .authlint.json are shown on that file, and once in the status item: never as pop-ups.
    const uri = pathToUri(state.path);
    const diagnostics: Diagnostic[] = state.errors.map(e => ({
      range: { start: { line: e.line - 1, character: e.column - 1 }, end: { line: e.endLine - 1, character: e.endColumn - 1 } },
      severity: 1, source: diagnosticSource, message: e.message.replace(/^.*?:\d+:\d+: /, ''),
    }));
    client.publishDiagnostics({ uri, diagnostics });
    status.config(state.path, state.errors.length ? `${path.basename(state.path)}: ${diagnostics[0].message}` : undefined);
  }

  function publish(uri: string, findings: readonly Finding[], s: ResourceSettings, location: FileLocation, version?: number,
    problems: readonly SuppressionProblem[] = [], skipped?: string): void {
    const uriOfPath = (p: string) => pathToUri(folders.fsPathOf(location.scope, p));
    const diagnostics = [...findings.map(f => toDiagnostic(f, uri, s.docsBaseUrl, uriOfPath)), ...problems.map(problemDiagnostic),
      ...(skipped ? [notAnalysedDiagnostic(skipped)] : [])];
    client.publishDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }

  // ---- open documents ----

  function schedule(uri: string, delay = debounceMs): void {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => { void validate(uri); }, delay));
  }

  function validate(uri: string): Promise<void> {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    const run: Promise<void> = validateOpen(uri)
      .catch(e => {
        client.log(`Validation of ${uri} failed: ${(e as Error)?.stack ?? e}`);
        if (e instanceof GrammarLoadError) status.grammarError(e); else status.engineError(e);
      })
      .finally(() => {
        if (inflight.get(uri) === run) inflight.delete(uri);
        if (!timers.size && !inflight.size) for (const resolve of idleWaiters.splice(0)) resolve();
      });
    inflight.set(uri, run);
    return run;
  }

  function unschedule(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    if (!timers.size && !inflight.size) for (const resolve of idleWaiters.splice(0)) resolve();
  }

  async function validateOpen(uri: string): Promise<void> {
    const doc = documents.get(uri);
    const fsPath = uriToPath(uri);
    if (!doc || !fsPath) return;
    const version = doc.version;
    await ready();
    const s = await settings.forFile(uri, fsPath);
    // A newer version arrived while the settings were fetched: its own validation is scheduled; drop this one.
    if (shuttingDown || documents.get(uri) !== doc || doc.version !== version) return;
    const location = folders.locate(fsPath);
    // Language and path facts from the file's real location, as the CLI decides them (cli/location.ts).
    const { language, pathFacts } = fileFacts(fsPath, location.folder?.fsPath);
    let result: FileResult | undefined;
    if (s.enabled && !s.excludedBy && language) {
      const external = index.externalFor(location.scope, location.enginePath);
      const text = doc.text.getText();
      // Suppression hygiene is for the file being edited: the editor shows it, the workspace scan does not.
      result = engine.analyzeDocument({ path: location.enginePath, text, language, pathFacts }, { ...s.analyze, reportUnusedSuppressions: true }, external, doc.tree);
      result = { ...result, findings: baselines.apply(result.findings, text, fsPath, s, location.folder?.fsPath) };
      status.engineOk();
    }
    const findings = result?.findings ?? [];
    const problems = result?.suppressionProblems ?? [];
    results.set(uri, { version, findings, problems, language: language ?? 'typescript', settings: s, location });
    publish(uri, findings, s, location, version, problems, result?.skipped);
    const affected = result ? index.update(location.scope, location.enginePath, result) : index.remove(location.scope, location.enginePath);
    refreshDefiners(location, affected);
  }

  /** The defining files whose incoming uses changed: analysed again (open ones through their document). */
  function refreshDefiners(from: FileLocation, enginePaths: string[]): void {
    for (const p of enginePaths) {
      if (p === from.enginePath) continue;
      const fsPath = folders.fsPathOf(from.scope, p);
      const open = openDocumentAt(fsPath);
      if (open) schedule(open.uri, 0);
      else void refreshClosed(fsPath).catch(e => client.log(`Re-analysis of ${fsPath} failed: ${(e as Error).message}`));
    }
  }

  /** Analyses a closed file from disk and publishes its diagnostics (publish=false: only updates the index). */
  async function refreshClosed(fsPath: string, publishIt = true): Promise<void> {
    const uri = pathToUri(fsPath);
    await ready();
    const user = await settings.user(folders.folderOf(fsPath)?.uri);
    const s = settings.combine(user, fsPath);
    const location = folders.locate(fsPath);
    const outcome = analyzeClosed(fsPath, s, location, index.externalFor(location.scope, location.enginePath));
    if (openDocumentAt(fsPath)) return; // opened meanwhile: the document is the truth
    const affected = outcome.result ? index.update(location.scope, location.enginePath, outcome.result) : index.remove(location.scope, location.enginePath);
    const findings = outcome.result?.findings ?? [];
    if (publishIt || publishedClosed.has(uri)) {
      publish(uri, findings, s, location);
      if (findings.length) publishedClosed.add(uri); else publishedClosed.delete(uri);
    }
    refreshDefiners(location, affected);
  }

  function analyzeClosed(fsPath: string, s: ResourceSettings, location: FileLocation, external: ExternalUse[]): { result?: FileResult; skipped?: string } {
    if (!s.enabled) return { skipped: 'AuthLint is disabled for this file' };
    if (s.excludedBy) return { skipped: `excluded by ${JSON.stringify(s.excludedBy)}` };
    const read = readSourceFile(fsPath, { maxFileSize: s.analyze.options.maxFileSize, includeMinified: false });
    if ('skipped' in read) return { skipped: read.skipped };
    try {
      const { language, pathFacts } = fileFacts(fsPath, location.folder?.fsPath);
      const result = engine.analyzeFile({ path: location.enginePath, text: read.text, language, pathFacts }, s.analyze, external);
      if (result.skipped) return { skipped: result.skipped };
      return { result: { ...result, findings: baselines.apply(result.findings, read.text, fsPath, s, location.folder?.fsPath) } };
    } catch (e) {
      // A grammar that does not load fails every file of its language: the scan stops with its message, as the
      // CLI's does (cli/worker.ts), rather than skip each such file as an analyser bug.
      if (e instanceof GrammarLoadError) {
        status.grammarError(e);
        throw e;
      }
      // One file the engine trips over must not stop a scan; the log has the stack for a report.
      client.log(`Analysis of ${fsPath} failed: ${(e as Error)?.stack ?? e}`);
      return { skipped: `internal error in the analyser (${(e as Error)?.message ?? e}); please report it` };
    }
  }

  /** How a folder's closed files are analysed on worker threads: as analyzeClosed would (same read limits and fingerprint root). */
  function analyzerConfig(folder: string, s: ResourceSettings): AnalyzerConfig {
    return {
      root: folder, wasmDir: options.wasmDir, settings: s.analyze,
      read: { maxFileSize: s.analyze.options.maxFileSize, includeMinified: false },
      fingerprintRoot: s.baseline.file ? path.dirname(s.baseline.file) : folder,
    };
  }

  /** The result for the document's current version, validating now if it is stale (code actions, hovers). */
  async function freshResult(uri: string): Promise<DocumentResult | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = documents.get(uri);
      if (!doc) return undefined;
      const r = results.get(uri);
      if (r && r.version === doc.version && !timers.has(uri)) return r;
      await (inflight.get(uri) ?? validate(uri));
    }
    return undefined;
  }

  function revalidateEverything(): void {
    for (const d of documents.all()) schedule(d.uri, 0);
    scanner.rescanScanned();
  }

  const scanner = new WorkspaceScanner({
    client, folders, settings, index,
    isOpen: fsPath => !!openDocumentAt(fsPath),
    openFindingCount: fsPath => { const d = openDocumentAt(fsPath); return d ? results.get(d.uri)?.findings.length ?? 0 : 0; },
    analyzeClosed,
    publishClosed(fsPath, findings, s, location) {
      const uri = pathToUri(fsPath);
      if (!findings.length && !publishedClosed.has(uri)) return;
      publish(uri, findings, s, location);
      if (findings.length) publishedClosed.add(uri); else publishedClosed.delete(uri);
    },
    clearClosed(predicate) {
      for (const uri of [...publishedClosed]) {
        const fsPath = uriToPath(uri);
        if (!fsPath || !predicate(fsPath) || openDocumentAt(fsPath)) continue;
        client.publishDiagnostics({ uri, diagnostics: [] });
        publishedClosed.delete(uri);
      }
    },
    revalidateOpen: fsPath => { const d = openDocumentAt(fsPath); if (d) schedule(d.uri, 0); },
    analyzer(folder, s, fileCount) {
      if (fileCount < (options.scanThreadsFrom ?? 40)) {
        return createExecutor(1, analyzerConfig(folder, s), { threaded: false, analyzeOne: task => {
          const fsPath = path.join(folder, ...task.path.split('/'));
          return { path: task.path, ...analyzeClosed(fsPath, s, folders.locate(fsPath), task.external ?? []), notes: [] };
        } });
      }
      // Threads that end with the scan: the parsers' memory goes with them. One core is left for typing. The
      // workers fingerprint the findings against the same root as analyzeClosed; the baseline is applied here.
      const workers = Math.max(1, Math.min(os.availableParallelism() - 1, Math.ceil(fileCount / 100)));
      const pool = createExecutor(workers, analyzerConfig(folder, s), { threaded: true });
      const mark = (o: FileOutcome): FileOutcome => o.result ? { ...o, result: { ...o.result, findings: baselines.mark(o.result.findings, s) } } : o;
      return {
        run: (tasks, run) => pool.run(tasks, { ...run, onOutcomes: run?.onOutcomes && (outcomes => run.onOutcomes!(outcomes.map(mark))) })
          // A scan the workers cannot do at all (a grammar that does not load): the status says why, until restart.
          .then(outcomes => outcomes.map(mark), (e: unknown) => {
            if (e instanceof FatalScanError) status.grammarError(e); else status.engineError(e);
            throw e;
          }),
        close: () => pool.close(),
      };
    },
  });

  return {
    async initialize(params: InitializeParams): Promise<InitializeResult> {
      caps = params.capabilities ?? {};
      folders.set(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(uriToPath(params.rootUri) ?? 'root') }] : []));
      await ready();
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind] },
          executeCommandProvider: { commands: [...serverCommands] },
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'AuthLint', version: options.version },
      };
    },

    async initialized(): Promise<void> {
      const registrations: Registration[] = [];
      // Settings are pulled, but the editor only says that they changed if asked to (vscode-eslint does the same).
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        registrations.push({ id: 'authlint-settings', method: 'workspace/didChangeConfiguration', registerOptions: { section: settingsSection } });
      }
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        registrations.push({
          id: 'authlint-watch', method: 'workspace/didChangeWatchedFiles',
          registerOptions: { watchers: watchedFileGlobs.map(globPattern => ({ globPattern })) },
        });
      }
      if (registrations.length) await client.register(registrations).catch(e => client.log(`Could not register for changes: ${(e as Error).message}`));
      status.started();
    },

    didOpen(params: DidOpenTextDocumentParams): void {
      documents.open(params.textDocument);
      schedule(params.textDocument.uri, 0);
    },

    didChange(params: DidChangeTextDocumentParams): void {
      if (documents.change(params)) schedule(params.textDocument.uri);
    },

    didClose(params: DidCloseTextDocumentParams): void {
      const uri = params.textDocument.uri;
      unschedule(uri);
      documents.close(uri);
      results.delete(uri);
      const fsPath = uriToPath(uri);
      client.publishDiagnostics({ uri, diagnostics: [] });
      // The file on disk may differ from the closed buffer: the index and (after a scan) its diagnostics follow the disk.
      if (fsPath) void refreshClosed(fsPath, scanner.wasScanned(fsPath)).catch(e => client.log(`Re-analysis of ${fsPath} failed: ${(e as Error).message}`));
    },

    didChangeConfiguration(params: DidChangeConfigurationParams): void {
      settings.pushed = params?.settings;
      settings.clearUser();
      revalidateEverything();
    },

    didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
      let configChanged = false;
      let baselineChanged = false;
      for (const change of params.changes) {
        const fsPath = uriToPath(change.uri);
        if (!fsPath) continue;
        if (baselines.concerns(fsPath)) {
          baselineChanged = true;
        } else if (isConfigFile(fsPath)) {
          configChanged = true;
          if (change.type === 3 /* deleted */ && path.basename(fsPath) === configFileName) {
            client.publishDiagnostics({ uri: change.uri, diagnostics: [] });
            status.config(fsPath, undefined);
          }
        } else if (isLintedFile(fsPath) && !openDocumentAt(fsPath)) {
          const location = folders.locate(fsPath);
          if (change.type === 3) {
            refreshDefiners(location, index.remove(location.scope, location.enginePath));
            if (publishedClosed.delete(pathToUri(fsPath))) client.publishDiagnostics({ uri: pathToUri(fsPath), diagnostics: [] });
          } else if (scanner.wasScanned(fsPath) || index.externalFor(location.scope, location.enginePath).length) {
            void refreshClosed(fsPath).catch(e => client.log(`Re-analysis of ${fsPath} failed: ${(e as Error).message}`));
          }
        }
      }
      if (baselineChanged) baselines.clear();
      if (configChanged) settings.clearProjectConfigs();
      if (configChanged || baselineChanged) revalidateEverything();
    },

    didChangeWorkspaceFolders(params: DidChangeWorkspaceFoldersParams): void {
      for (const f of params.event.removed) {
        folders.remove(f);
        index.dropScope(f.uri);
        scanner.forget(f.uri);
        const root = uriToPath(f.uri);
        if (root) scanner.clearUnder(root);
      }
      for (const f of params.event.added) folders.add(f);
      settings.clearUser();
      for (const d of documents.all()) schedule(d.uri, 0);
    },

    async hover(params: HoverParams): Promise<Hover | null> {
      const r = await freshResult(params.textDocument.uri);
      if (!r) return null;
      const p = params.position;
      const at = r.findings.filter(f => !before(p, f.range.start) && !before(f.range.end, p));
      return hoverFor(at, r.settings.docsBaseUrl);
    },

    async codeAction(params: CodeActionParams): Promise<CodeAction[]> {
      const uri = params.textDocument.uri;
      const r = await freshResult(uri);
      const doc = documents.get(uri);
      const fsPath = uriToPath(uri);
      if (!r || !doc || !fsPath) return [];
      const uriOfPath = (p: string) => pathToUri(folders.fsPathOf(r.location.scope, p));
      return codeActionsFor(params, {
        findings: r.findings,
        suppressionProblems: r.problems,
        problemDiagnosticOf: problemDiagnostic,
        document: { fsPath, uri, text: doc.text.getText(), version: doc.version },
        language: r.language,
        stopDir: r.location.folder?.fsPath ?? path.parse(fsPath).root,
        reader,
        documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
        createFiles: !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
        diagnosticOf: f => toDiagnostic(f, uri, r.settings.docsBaseUrl, uriOfPath),
        log: message => client.log(message),
      });
    },

    async executeCommand(params: ExecuteCommandParams): Promise<ScanSummary | undefined> {
      if (params.command === commands.scanWorkspace) {
        await ready();
        return scanner.scanAll();
      }
      client.log(`Unknown command ${params.command}`);
      return undefined;
    },

    shutdown(): void {
      shuttingDown = true;
      for (const uri of [...timers.keys()]) unschedule(uri);
      scanner.cancel();
      documents.closeAll();
    },

    /** Resolves when no validation is waiting or running (tests and the latency script wait on it). */
    idle(): Promise<void> {
      if (!timers.size && !inflight.size) return Promise.resolve();
      return new Promise(resolve => idleWaiters.push(resolve));
    },
  };
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
