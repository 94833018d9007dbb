// In-process harness for the language server (typescript-language-server's approach): the server is created with a
// recording test client instead of a connection, requests are method calls, and positions are found by searching
// the text. Nothing sleeps: tests wait for events (a publish, a status) with a timeout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  ClientCapabilities, CodeAction, Hover, PublishDiagnosticsParams, Range, Registration, TextDocumentEdit, WorkspaceEdit,
} from 'vscode-languageserver';
import type { LspClient, ProgressReporter } from '../../server/src/lsp/client';
import { createServer, type AuthLintServer, type ServerOptions } from '../../server/src/lsp/server';
import { pathToUri, uriToPath } from '../../server/src/lsp/workspace';
import type { ScanSummary, ServerStatus } from '../../server/src/shared/protocol';
import { wasmDir } from '../helpers/engine';

// ---- fixture folders ----

export { makeTree, writeTree, type Tree } from '../helpers/tree';

// ---- the test client ----

export class TestProgress implements ProgressReporter {
  readonly events: string[] = [];
  readonly token = { isCancellationRequested: false };
  constructor(private readonly onEvent: () => void) {}
  begin(title: string, _p: number, _m: string, cancellable: boolean): void { this.events.push(`begin ${title}${cancellable ? ' (cancellable)' : ''}`); this.onEvent(); }
  report(percentage: number, message: string): void { this.events.push(`report ${percentage}% ${message}`); this.onEvent(); }
  done(): void { this.events.push('done'); this.onEvent(); }
}

export class TestClient implements LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly statuses: ServerStatus[] = [];
  readonly registrations: Registration[] = [];
  readonly progresses: TestProgress[] = [];
  readonly configRequests: (string | undefined)[] = [];
  /** The `authlint` settings the editor answers with, by scope uri ('' = any scope without its own entry). */
  settings: Record<string, unknown> = {};
  /** While set, workspace/configuration answers only when it resolves (to hold a validation mid-way). */
  configGate: Promise<void> | undefined;
  private readonly waiters = new Set<() => void>();

  publishDiagnostics(params: PublishDiagnosticsParams): void { this.published.push(params); this.changed(); }
  async getConfiguration(scopeUri: string | undefined): Promise<unknown> {
    this.configRequests.push(scopeUri);
    this.changed();
    if (this.configGate) await this.configGate;
    const key = Object.keys(this.settings).filter(k => k && scopeUri?.startsWith(k)).sort((a, b) => b.length - a.length)[0];
    return this.settings[key ?? ''] ?? null;
  }
  async createProgress(): Promise<ProgressReporter> {
    const p = new TestProgress(() => this.changed());
    this.progresses.push(p);
    return p;
  }
  async register(registrations: Registration[]): Promise<void> { this.registrations.push(...registrations); }
  log(message: string): void { this.logs.push(message); }
  sendStatus(status: ServerStatus): void { this.statuses.push(status); this.changed(); }

  /** Resolves with check()'s first defined value, re-checked on every event; rejects after `timeoutMs`. */
  until<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const waiter = () => {
        const v = check();
        if (v === undefined) return;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => { this.waiters.delete(waiter); reject(new Error(`timed out waiting for ${what}\nlogs:\n${this.logs.join('\n')}`)); }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private changed(): void {
    for (const w of [...this.waiters]) w();
  }
}

// ---- the harness ----

export const fullCapabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  window: { workDoneProgress: true },
};

export interface HarnessOptions {
  folders?: string[];
  capabilities?: ClientCapabilities;
  debounceMs?: number;
  settings?: Record<string, unknown>;
  engine?: ServerOptions['engine'];
  scanThreadsFrom?: number;
  /** Where the server (and its scan workers) load the grammars from; default the build's. */
  wasmDir?: string;
}

export class Harness {
  readonly client = new TestClient();
  readonly server: AuthLintServer;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();

  constructor(options: HarnessOptions = {}) {
    if (options.settings) this.client.settings = options.settings;
    this.server = createServer(this.client, { wasmDir: options.wasmDir ?? wasmDir, debounceMs: options.debounceMs ?? 20, engine: options.engine, scanThreadsFrom: options.scanThreadsFrom });
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const h = new Harness(options);
    await h.server.initialize({
      processId: null, rootUri: null, capabilities: options.capabilities ?? fullCapabilities,
      workspaceFolders: (options.folders ?? []).map(f => ({ uri: pathToUri(f), name: path.basename(f) })),
    });
    await h.server.initialized();
    return h;
  }

  /** Opens a file (its disk text unless given); returns its uri. */
  open(fsPath: string, text = fs.readFileSync(fsPath, 'utf8'), languageId = 'plaintext'): string {
    const uri = pathToUri(fsPath);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    this.server.didOpen({ textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** One incremental change: `find` (its `occurrence`-th match, 0-based) is replaced by `replace`. Returns the new version. */
  change(uri: string, find: string, replace: string, occurrence = 0): number {
    const text = this.texts.get(uri)!;
    const range = rangeOf(text, find, occurrence);
    const version = this.versions.get(uri)! + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, text), [{ range, newText: replace }]));
    this.server.didChange({ textDocument: { uri, version }, contentChanges: [{ range, text: replace }] });
    return version;
  }

  close(uri: string): void {
    this.server.didClose({ textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri)!;
  }

  /** The next publish for `uri` at or after index `since` that satisfies `ok`. */
  diagnostics(uri: string, ok: (p: PublishDiagnosticsParams) => boolean = () => true, since = 0): Promise<PublishDiagnosticsParams> {
    return this.client.until(() => this.client.published.slice(since).find(p => p.uri === uri && ok(p)), `diagnostics for ${uri}`);
  }

  /** Diagnostics published for the document's current version. */
  current(uri: string): Promise<PublishDiagnosticsParams> {
    const version = this.versions.get(uri);
    return this.diagnostics(uri, p => p.version === version);
  }

  codeActions(uri: string, find: string, only?: string[]): Promise<CodeAction[]> {
    const range = rangeOf(this.texts.get(uri)!, find);
    return this.server.codeAction({ textDocument: { uri }, range, context: { diagnostics: [], only } });
  }

  hover(uri: string, find: string, offsetInMatch = 1): Promise<Hover | null> {
    const text = this.texts.get(uri)!;
    const at = text.indexOf(find) + offsetInMatch;
    return this.server.hover({ textDocument: { uri }, position: TextDocument.create(uri, 'x', 0, text).positionAt(at) });
  }

  scan(): Promise<ScanSummary | undefined> {
    return this.server.executeCommand({ command: 'authlint.scanWorkspace' }) as Promise<ScanSummary | undefined>;
  }
}

export function rangeOf(text: string, find: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(find, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(find)} (occurrence ${occurrence}) not in the text`);
  }
  const doc = TextDocument.create('file:///x', 'x', 0, text);
  return { start: doc.positionAt(at), end: doc.positionAt(at + find.length) };
}

/**
 * What the files would hold after the editor applied `edit`: fsPath → text, for every file it touches (created
 * ones included). Files are read from disk unless `texts` (by uri) has them. Checks the document versions.
 */
export function applyWorkspaceEdit(edit: WorkspaceEdit, texts: Record<string, { text: string; version: number }> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const current = (uri: string): string | undefined => {
    const fsPath = uriToPath(uri)!;
    if (fsPath in out) return out[fsPath];
    if (texts[uri]) return texts[uri].text;
    return fs.existsSync(fsPath) ? fs.readFileSync(fsPath, 'utf8') : undefined;
  };
  const apply = (uri: string, edits: TextDocumentEdit['edits']) => {
    const before = current(uri);
    if (before === undefined) throw new Error(`edit of ${uri}, which neither exists nor is created first`);
    out[uriToPath(uri)!] = TextDocument.applyEdits(TextDocument.create(uri, 'x', 0, before), edits as never);
  };
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected ${change.kind}`);
      const fsPath = uriToPath(change.uri)!;
      if (fs.existsSync(fsPath) && !change.options?.ignoreIfExists && !change.options?.overwrite) throw new Error(`create of existing ${fsPath}`);
      if (!fs.existsSync(fsPath)) out[fsPath] = '';
    } else {
      const expected = texts[change.textDocument.uri]?.version ?? null;
      if (change.textDocument.version !== expected) throw new Error(`version ${change.textDocument.version} for ${change.textDocument.uri}, expected ${expected}`);
      apply(change.textDocument.uri, change.edits);
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
  return out;
}
