// Names the client and the server both use: command ids, code action kinds, custom notifications, and the files
// the extension lints. Declared once here (package.json's `contributes` repeats the command ids and titles;
// test/lsp/manifest.test.ts checks they agree). No imports: the client bundle takes this file alone.

export const commands = {
  /** Executed by the server (listed in its executeCommandProvider; vscode-languageclient registers it). */
  scanWorkspace: 'authlint.scanWorkspace',
  /** Client-side. */
  restartServer: 'authlint.restartServer',
  showOutput: 'authlint.showOutput',
  /** Client-side: quick pick of the secure snippets of the active editor's language (optional argument: a snippet name). */
  insertSnippet: 'authlint.insertSnippet',
} as const;

export const commandTitles: Record<(typeof commands)[keyof typeof commands], string> = {
  'authlint.scanWorkspace': 'Scan Workspace',
  'authlint.restartServer': 'Restart Server',
  'authlint.showOutput': 'Show Output',
  'authlint.insertSnippet': 'Insert Secure OAuth Snippet',
};

/** Client-side commands that only code actions run (not in the command palette, so not in package.json). */
export const internalCommands = {
  /** Inserts a snippet of snippets/*.json where a code action says: arguments `[InsertSnippetAtArgs]`. */
  insertSnippetAt: 'authlint.insertSnippetAt',
} as const;

/**
 * Where `authlint.insertSnippetAt` inserts `snippetName`: at the start of `line` (0-based) of the document `uri`;
 * a `line` past the last line means the end of the file. With `newDocument`, in a new untitled document of that
 * language instead (the backend proxy offered from Kotlin/Java code: it is TypeScript and belongs on a server).
 */
export interface InsertSnippetAtArgs {
  uri: string;
  line: number;
  snippetName: string;
  newDocument?: 'typescript';
}

/** The snippet names of snippets/*.json that code actions and the e2e tests refer to. */
export const snippetNames = {
  appAuthKotlin: 'AuthLint: AppAuth sign-in (Kotlin)',
  authStateKeystoreKotlin: 'AuthLint: AuthState in the Keystore (Kotlin)',
  playIntegrityKotlin: 'AuthLint: Play Integrity token (Kotlin)',
  appAuthJava: 'AuthLint: AppAuth sign-in (Java)',
  appAuthJs: 'AuthLint: AppAuth-JS browser PKCE (TypeScript)',
  backendProxy: 'AuthLint: backend key proxy (TypeScript)',
  corsAllowList: 'AuthLint: CORS allow-list (TypeScript)',
} as const;

/** Which snippets file holds the snippets for a VS Code language id (undefined: none). */
export function snippetFileFor(languageId: string): 'kotlin.json' | 'java.json' | 'typescript.json' | undefined {
  if (languageId === 'kotlin') return 'kotlin.json';
  if (languageId === 'java') return 'java.json';
  if (['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].includes(languageId)) return 'typescript.json';
  return undefined;
}

/** Commands the server executes. */
export const serverCommands: readonly string[] = [commands.scanWorkspace];

/**
 * The `when` context key the client sets while its server runs. The server's commands exist only then
 * (vscode-languageclient registers them from the server's capabilities), so the Command Palette lists them only then:
 * after the client gave up restarting a crashed server, "Scan Workspace" would otherwise fail with "command not found".
 */
export const serverRunningContext = 'authlint.serverRunning';

/** The code action kind of "fix everything that is safe" (editor.codeActionsOnSave can name it). */
export const fixAllKind = 'source.fixAll.authlint';

/**
 * Diagnostic codes of problems in suppression comments (an unknown rule id, a suppression that silences nothing):
 * information about the comments, not security findings, so the status item does not count them.
 */
export const suppressionProblemCodes = ['authlint-unused-suppression', 'authlint-unknown-rule'] as const;

/**
 * Diagnostic code of the note on an open document AuthLint did not analyse (larger than `authlint.options.maxFileSize`):
 * without it a large file would look clean. Information, not a finding: the status item does not count it either.
 */
export const notAnalysedCode = 'authlint-not-analysed';

/** Codes of AuthLint diagnostics that are not security findings. */
export const notFindingCodes: readonly string[] = [...suppressionProblemCodes, notAnalysedCode];

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

/**
 * VS Code language ids linted, plus files matched by pattern: Gradle files have no language id of their own in
 * VS Code, and of the `xml` and `json` documents only the Android ones are linted (whatever language id an
 * installed XML extension gives them).
 */
export const lintedLanguageIds = ['kotlin', 'java', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;
export const lintedFilePatterns = [
  '**/*.gradle', '**/gradle.properties',
  '**/AndroidManifest.xml', '**/res/values*/*.xml', '**/res/xml/*.xml', '**/google-services.json',
] as const;
/** `.kt`/`.kts`: VS Code has no Kotlin language id built in; the extension contributes it. */
export const kotlinExtensions = ['.kt', '.kts'] as const;
