// What the server needs from the editor, as an interface (typescript-language-server's seam): main.ts implements
// it over the real connection, the tests with a recording client in-process. Requests the editor sends to the
// server are plain method calls on the AuthLintServer (server.ts).
import type { PublishDiagnosticsParams, Registration } from 'vscode-languageserver';
import type { ServerStatus } from '../shared/protocol';

export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}

/** window/workDoneProgress, begun by the server. */
export interface ProgressReporter {
  begin(title: string, percentage: number, message: string, cancellable: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
  /** Set when the user pressed Cancel on the progress notification. */
  readonly token: CancellationSignal;
}

export interface LspClient {
  publishDiagnostics(params: PublishDiagnosticsParams): void;
  /** workspace/configuration for one section, scoped to a resource (undefined: the window's settings). */
  getConfiguration(scopeUri: string | undefined, section: string): Promise<unknown>;
  /** window/workDoneProgress/create; a reporter that shows nothing when the editor cannot show progress. */
  createProgress(): Promise<ProgressReporter>;
  /** client/registerCapability (file watchers). */
  register(registrations: Registration[]): Promise<void>;
  /** window/logMessage: the AuthLint output channel. */
  log(message: string): void;
  /** authlint/status, for the client's language status item. */
  sendStatus(status: ServerStatus): void;
}
