// The server's state for the client's language status item: sent when it changes, never as pop-ups. Invalid
// `.authlint.json` files are named here (their problems are diagnostics on the file itself); an engine failure
// is shown until the next successful analysis, a grammar that does not load until the server restarts.
import type { ServerStatus } from '../shared/protocol';
import type { LspClient } from './client';

export class ServerStatusReporter {
  private readonly configProblems = new Map<string, string>();
  private engineFailure: string | undefined;
  /**
   * A broken install (a grammar that does not load: parsers.ts GrammarLoadError, or the pool's FatalScanError from a
   * scan worker): files of other languages analysing fine do not mend it.
   */
  private grammarFailure: string | undefined;
  private last = '';

  constructor(private readonly client: LspClient) {}

  started(): void {
    this.send();
  }

  /** A config file's first problem, or undefined when it is fine (or gone). */
  config(path: string, problem: string | undefined): void {
    if (problem) this.configProblems.set(path, problem);
    else this.configProblems.delete(path);
    this.send();
  }

  engineError(e: unknown): void {
    this.engineFailure = `Analysis failed: ${e instanceof Error ? e.message : String(e)} (details in the AuthLint output)`;
    this.send();
  }

  grammarError(e: Error): void {
    this.grammarFailure = e.message;
    this.send();
  }

  engineOk(): void {
    if (this.engineFailure === undefined) return;
    this.engineFailure = undefined;
    this.send();
  }

  private send(): void {
    const problems = [...this.configProblems.values()];
    const status: ServerStatus = this.grammarFailure
      ? { state: 'error', message: this.grammarFailure }
      : this.engineFailure
      ? { state: 'error', message: this.engineFailure }
      : problems.length
        ? { state: 'error', message: `Invalid configuration: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}; built-in defaults apply` }
        : { state: 'ok', message: 'AuthLint is running' };
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.last = key;
    this.client.sendStatus(status);
  }
}
