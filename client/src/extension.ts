// The VS Code side of AuthLint: glue only. It starts dist/server.js, hands it the linted documents, and shows
// the server's state in a language status item. Settings, command ids and the linted files are declared in
// server/src/shared/ (shared with the server) and in package.json.
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, State, TransportKind,
  type ErrorHandler, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import {
  commands, internalCommands, lintedFilePatterns, lintedLanguageIds, notFindingCodes, serverRunningContext, snippetFileFor, statusNotification,
  type InsertSnippetAtArgs, type ServerStatus,
} from '../../server/src/shared/protocol';
import { indentBody, parseSnippets, type SnippetEntry } from './snippets';
import { RestartPolicy, serverGone } from './restartPolicy';
import { statusView, type ClientState, type Counts } from './statusText';
import { serverEnvironment } from './serverEnv';

let client: LanguageClient | undefined;

/**
 * What the extension exports (`vscode.extensions.getExtension('authlint.authlint').exports`): a read-only view of
 * the client, for other extensions and the editor tests (test/e2e/suite/crashRestart.test.ts).
 */
export interface AuthLintApi {
  /** The client's state, as the language status item shows it. */
  readonly state: ClientState;
  readonly onDidChangeState: vscode.Event<ClientState>;
  /** The process id of the running language server; undefined while none runs. */
  serverProcessId(): number | undefined;
  /** How many times the user was told that the server crashed too often and was not restarted. */
  readonly gaveUpNotices: number;
}

const selector: { scheme: string; language?: string; pattern?: string }[] = [
  ...lintedLanguageIds.map(language => ({ scheme: 'file', language })),
  ...lintedFilePatterns.map(pattern => ({ scheme: 'file', pattern })),
];

export async function activate(context: vscode.ExtensionContext): Promise<AuthLintApi> {
  const output = vscode.window.createOutputChannel('AuthLint', { log: true });
  const restarts = new RestartPolicy();
  const status = new StatusItem();
  context.subscriptions.push(output, status);
  let gaveUpNotices = 0;

  const errorHandler: ErrorHandler = {
    // A few bad messages are survivable; many in a row mean the connection is broken. Writes to a server that has
    // just died fail in a burst: `closed` follows and decides about the restart.
    error: (error, _message, count) => ({ action: serverGone(error) || (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
    closed: () => {
      const verdict = restarts.onCrash();
      if (verdict.restart) return { action: CloseAction.Restart, handled: true };
      if (verdict.report) {
        gaveUpNotices++;
        output.error(restarts.gaveUpMessage);
        void vscode.window.showErrorMessage(restarts.gaveUpMessage, 'Show Output', 'Restart Server').then(choice => {
          if (choice === 'Show Output') output.show(true);
          if (choice === 'Restart Server') void vscode.commands.executeCommand(commands.restartServer);
        });
      }
      status.setState('gave-up');
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };

  const serverModule = context.asAbsolutePath('dist/server.js');
  const env = serverEnvironment(process.env, process.platform);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: output,
    errorHandler,
    diagnosticCollectionName: 'authlint',
  };
  // The id 'authlint' makes the client read `authlint.trace.server` by itself.
  client = new LanguageClient('authlint', 'AuthLint', serverOptions, clientOptions);
  const c = client;

  context.subscriptions.push(
    vscode.commands.registerCommand(commands.restartServer, async () => {
      restarts.reset();
      status.setState('starting');
      await (c.needsStart() ? c.start() : c.restart());
    }),
    vscode.commands.registerCommand(commands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(commands.insertSnippet, (name?: unknown) => insertSnippet(context, typeof name === 'string' ? name : undefined)),
    vscode.commands.registerCommand(internalCommands.insertSnippetAt, (args: InsertSnippetAtArgs) => insertSnippetAt(context, args)),
    c.onDidChangeState(e => {
      void vscode.commands.executeCommand('setContext', serverRunningContext, e.newState === State.Running);
      if (e.newState === State.Running) status.setState('running');
      else if (e.newState === State.Starting) status.setState('starting');
      else if (status.state !== 'gave-up') status.setState('stopped');
    }),
    c.onNotification(statusNotification, (s: ServerStatus) => status.setServer(s)),
    vscode.languages.onDidChangeDiagnostics(() => status.refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => status.refresh()),
  );
  try {
    await c.start();
  } catch (e) {
    output.appendLine(`AuthLint could not start its server: ${(e as Error)?.stack ?? e}`);
    status.setState('stopped');
  }
  return {
    get state() { return status.state; },
    onDidChangeState: status.onDidChangeState,
    serverProcessId: () => (c.isRunning() ? c.serverProcess?.pid : undefined),
    get gaveUpNotices() { return gaveUpNotices; },
  };
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}

/** The snippets of snippets/<file> of the installed extension, read now (the files may change with the extension). */
async function readSnippets(context: vscode.ExtensionContext, file: string): Promise<SnippetEntry[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'snippets', file));
  return parseSnippets(new TextDecoder().decode(bytes));
}

/**
 * `authlint.insertSnippet`: a quick pick of the secure snippets for the active editor's language, inserted at the
 * cursor (replacing the selection). With a snippet name (programmatic use, the editor tests) it skips the pick and
 * fails when the language has no snippet of that name. Resolves to whether a snippet was inserted.
 */
async function insertSnippet(context: vscode.ExtensionContext, name?: string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const file = editor && snippetFileFor(editor.document.languageId);
  if (!editor || !file) {
    const message = 'AuthLint has secure snippets for Kotlin, Java and TypeScript/JavaScript: open a file of one of these languages.';
    if (name) throw new Error(message);
    void vscode.window.showInformationMessage(message);
    return false;
  }
  const snippets = await readSnippets(context, file);
  let chosen: SnippetEntry | undefined;
  if (name) {
    chosen = snippets.find(s => s.name === name);
    if (!chosen) throw new Error(`AuthLint has no snippet "${name}" for ${editor.document.languageId} (snippets/${file} has: ${snippets.map(s => s.name).join(', ')})`);
  } else {
    const pick = await vscode.window.showQuickPick(
      snippets.map(s => ({ label: s.name, description: s.prefix, detail: s.description, snippet: s })),
      { title: 'AuthLint: Insert Secure OAuth Snippet', placeHolder: 'Snippet to insert at the cursor', matchOnDescription: true, matchOnDetail: true },
    );
    chosen = pick?.snippet;
  }
  if (!chosen) return false;
  return editor.insertSnippet(new vscode.SnippetString(chosen.body));
}

/** The snippet of that name in any of the extension's snippet files. */
async function findSnippet(context: vscode.ExtensionContext, name: string): Promise<SnippetEntry> {
  for (const file of ['kotlin.json', 'java.json', 'typescript.json']) {
    const found = (await readSnippets(context, file).catch(() => [])).find(s => s.name === name);
    if (found) return found;
  }
  throw new Error(`AuthLint has no snippet "${name}"`);
}

/**
 * `authlint.insertSnippetAt` (the secure-snippet code actions): the snippet at the start of `args.line` of the
 * document, indented like the line above; past the last line at the end of the file; with `newDocument` in a new
 * untitled document of that language.
 */
async function insertSnippetAt(context: vscode.ExtensionContext, args: InsertSnippetAtArgs): Promise<boolean> {
  const snippet = await findSnippet(context, args.snippetName);
  if (args.newDocument) {
    const doc = await vscode.workspace.openTextDocument({ language: args.newDocument, content: '' });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    return editor.insertSnippet(new vscode.SnippetString(snippet.body), new vscode.Position(0, 0));
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  if (args.line >= doc.lineCount) {
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const lead = end.character > 0 ? '\n' : '';
    return editor.insertSnippet(new vscode.SnippetString(`${lead}${snippet.body}\n`), end);
  }
  const line = Math.max(0, args.line);
  const indent = line > 0 ? /^[ \t]*/.exec(doc.lineAt(line - 1).text)![0] : '';
  return editor.insertSnippet(new vscode.SnippetString(`${indent}${indentBody(snippet.body, indent)}\n`), new vscode.Position(line, 0));
}

/** The `{}` item next to the language mode: server state and AuthLint's problem counts. */
class StatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('authlint.status', selector);
  state: ClientState = 'starting';
  private server: ServerStatus | undefined;
  private pending: NodeJS.Timeout | undefined;
  private readonly stateChanged = new vscode.EventEmitter<ClientState>();
  readonly onDidChangeState = this.stateChanged.event;

  constructor() {
    this.item.name = 'AuthLint';
    this.item.command = { command: commands.showOutput, title: 'Show Output' };
    this.render();
  }

  setState(state: ClientState): void {
    const changed = state !== this.state;
    this.state = state;
    this.render();
    if (changed) this.stateChanged.fire(state);
  }
  setServer(s: ServerStatus): void { this.server = s; this.render(); }

  /** Diagnostics change in bursts (a scan publishes thousands of files): redraw at most every 250 ms. */
  refresh(): void {
    this.pending ??= setTimeout(() => { this.pending = undefined; this.render(); }, 250);
  }

  private render(): void {
    const active = vscode.window.activeTextEditor?.document.uri;
    const view = statusView(this.state, this.server, active ? count(vscode.languages.getDiagnostics(active)) : undefined,
      count(vscode.languages.getDiagnostics().flatMap(([, d]) => d)));
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.busy = view.busy;
    this.item.severity = view.severity === 'error' ? vscode.LanguageStatusSeverity.Error
      : view.severity === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.item.dispose();
    this.stateChanged.dispose();
  }
}

function count(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.source !== 'AuthLint' || isNotAFinding(d)) continue; // comments to tidy, a file not analysed: not findings
    if (d.severity === vscode.DiagnosticSeverity.Error) c.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warnings++;
    else c.infos++;
  }
  return c;
}

function isNotAFinding(d: vscode.Diagnostic): boolean {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return typeof code === 'string' && notFindingCodes.includes(code);
}
