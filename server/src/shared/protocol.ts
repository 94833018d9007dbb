// Names the client and the server both use: command ids, code action kinds, custom notifications, and the files
// the extension lints. Declared once here (package.json's `contributes` repeats the command ids and titles;
// test/lsp/manifest.test.ts checks they agree). No imports: the client bundle takes this file alone.

export const commands = {
  /** Executed by the server (listed in its executeCommandProvider; vscode-languageclient registers it). */
  scanWorkspace: 'authlint.scanWorkspace',
  /** Client-side. */
  restartServer: 'authlint.restartServer',
  showOutput: 'authlint.showOutput',
} as const;

export const commandTitles: Record<(typeof commands)[keyof typeof commands], string> = {
  'authlint.scanWorkspace': 'Scan Workspace',
  'authlint.restartServer': 'Restart Server',
  'authlint.showOutput': 'Show Output',
};

/** Commands the server executes. */
export const serverCommands: readonly string[] = [commands.scanWorkspace];

/** The code action kind of "fix everything that is safe" (editor.codeActionsOnSave can name it). */
export const fixAllKind = 'source.fixAll.authlint';

/** Server → client: how the server is doing, for the language status item. */
export const statusNotification = 'authlint/status';
export interface ServerStatus {
  /** `error`: a `.authlint.json` is invalid (its problems are on that file) or the engine failed. */
  state: 'ok' | 'warning' | 'error';
  message: string;
}

/** What `authlint.scanWorkspace` returns. */
export interface ScanSummary {
  files: number;
  findings: number;
  cancelled: boolean;
}

/** VS Code language ids linted, plus files matched by pattern (no language id of their own in VS Code). */
export const lintedLanguageIds = ['kotlin', 'java', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;
export const lintedFilePatterns = ['**/*.gradle', '**/gradle.properties'] as const;
/** `.kt`/`.kts`: VS Code has no Kotlin language id built in; the extension contributes it. */
export const kotlinExtensions = ['.kt', '.kts'] as const;
