// `authlint-language-server --stdio` (or --node-ipc, as VS Code starts it; --socket=N): the server over a real
// connection. Everything else lives in server.ts; this file only adapts the connection to the LspClient interface
// and the connection's handlers to the server's methods.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConnection, ProposedFeatures, RegistrationRequest, type Connection } from 'vscode-languageserver/node';
import { locateWasmDir } from '../cli/pool';
import { statusNotification } from '../shared/protocol';
import type { LspClient, ProgressReporter } from './client';
import { createServer } from './server';

const usage = `Usage: authlint-language-server --stdio | --node-ipc | --socket=PORT

The AuthLint language server: diagnostics, hovers and quick fixes for hard-coded keys and insecure
OAuth / API-auth configuration in Kotlin, Java, TypeScript and JavaScript. Start it from your editor's
LSP client; it speaks LSP on the chosen channel and writes nothing else there.
`;

function version(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'authlint') return String(pkg.version);
    } catch { /* keep looking upwards */ }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

function clientOver(connection: Connection): LspClient {
  return {
    publishDiagnostics: params => { void connection.sendDiagnostics(params); },
    getConfiguration: (scopeUri, section) => connection.workspace.getConfiguration({ scopeUri, section }),
    async createProgress(): Promise<ProgressReporter> {
      try {
        return await connection.window.createWorkDoneProgress();
      } catch {
        return silentProgress; // the editor refused the progress token: scan without showing progress
      }
    },
    register: async registrations => { await connection.sendRequest(RegistrationRequest.type, { registrations }); },
    log: message => connection.console.log(message),
    sendStatus: status => { void connection.sendNotification(statusNotification, status); },
  };
}

const silentProgress: ProgressReporter = {
  begin() {}, report() {}, done() {}, token: { isCancellationRequested: false },
};

function main(argv: string[]): number | undefined {
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(usage); return 0; }
  if (argv.includes('--version')) { process.stdout.write(`${version()}\n`); return 0; }
  if (!argv.some(a => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    process.stderr.write(`authlint-language-server: choose a channel\n\n${usage}`);
    return 2;
  }
  const wasmDir = locateWasmDir(__dirname);
  if (!wasmDir) {
    process.stderr.write('authlint-language-server: the tree-sitter grammar files (*.wasm) are not installed next to the server\n');
    return 2;
  }
  const connection = createConnection(ProposedFeatures.all);
  // Nothing but LSP may go to stdout with --stdio: console output goes to the editor's log instead.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  const server = createServer(clientOver(connection), { wasmDir, version: version() });
  let foldersSupported = false;
  connection.onInitialize(params => {
    foldersSupported = !!params.capabilities.workspace?.workspaceFolders;
    return server.initialize(params);
  });
  connection.onInitialized(() => {
    // The folder events exist only once the editor has said it sends them.
    if (foldersSupported) connection.workspace.onDidChangeWorkspaceFolders(event => server.didChangeWorkspaceFolders({ event }));
    void server.initialized();
  });
  connection.onDidOpenTextDocument(params => server.didOpen(params));
  connection.onDidChangeTextDocument(params => server.didChange(params));
  connection.onDidCloseTextDocument(params => server.didClose(params));
  connection.onDidChangeConfiguration(params => server.didChangeConfiguration(params));
  connection.onDidChangeWatchedFiles(params => server.didChangeWatchedFiles(params));
  connection.onHover(params => server.hover(params));
  connection.onCodeAction(params => server.codeAction(params));
  connection.onExecuteCommand(params => server.executeCommand(params));
  connection.onShutdown(() => server.shutdown());
  process.on('uncaughtException', e => connection.console.error(`AuthLint: unexpected error: ${e?.stack ?? e}`));
  connection.listen();
  return undefined;
}

const code = main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
