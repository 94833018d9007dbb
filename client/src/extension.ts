// The VS Code side of AuthLint: glue only. It starts dist/server.js, hands it the linted documents, and shows
// the server's state in a language status item. Settings, command ids and the linted files are declared in
// server/src/shared/ (shared with the server) and in package.json.
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, State, TransportKind,
  type ErrorHandler, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { commands, lintedFilePatterns, lintedLanguageIds, statusNotification, type ServerStatus } from '../../server/src/shared/protocol';
import { RestartPolicy } from './restartPolicy';
import { statusView, type ClientState, type Counts } from './statusText';

let client: LanguageClient | undefined;

const selector: { scheme: string; language?: string; pattern?: string }[] = [
  ...lintedLanguageIds.map(language => ({ scheme: 'file', language })),
  ...lintedFilePatterns.map(pattern => ({ scheme: 'file', pattern })),
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('AuthLint', { log: true });
  const restarts = new RestartPolicy();
  const status = new StatusItem();
  context.subscriptions.push(output, status);

  const errorHandler: ErrorHandler = {
    // A few bad messages are survivable; many in a row mean the connection is broken.
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
    closed: () => {
      const verdict = restarts.onCrash();
      if (verdict.restart) return { action: CloseAction.Restart, handled: true };
      status.setState('gave-up');
      if (verdict.report) {
        void vscode.window.showErrorMessage(restarts.gaveUpMessage, 'Show Output', 'Restart Server').then(choice => {
          if (choice === 'Show Output') output.show(true);
          if (choice === 'Restart Server') void vscode.commands.executeCommand(commands.restartServer);
        });
      }
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
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
    c.onDidChangeState(e => {
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
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}

/** The `{}` item next to the language mode: server state and AuthLint's problem counts. */
class StatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('authlint.status', selector);
  state: ClientState = 'starting';
  private server: ServerStatus | undefined;
  private pending: NodeJS.Timeout | undefined;

  constructor() {
    this.item.name = 'AuthLint';
    this.item.command = { command: commands.showOutput, title: 'Show Output' };
    this.render();
  }

  setState(state: ClientState): void { this.state = state; this.render(); }
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
  }
}

function count(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.source !== 'AuthLint') continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) c.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warnings++;
    else c.infos++;
  }
  return c;
}
