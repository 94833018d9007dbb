// Code actions that insert one of the extension's secure snippets (snippets/*.json) in place of a finding. The
// server cannot insert a VS Code snippet: the action carries the client command `authlint.insertSnippetAt` with
// where to put which snippet, and the client does the insertion.
//
// Where:
// - `oauth-embedded-webview` (data.kind 'appauth-snippet') in Kotlin/Java: the AppAuth sign-in of that language, at
//   the start of the line after the finding's statement (after the whole `shouldOverrideUrlLoading` override when
//   the finding is its name); in TS/TSX (React Native): the AppAuth-JS snippet at the end of the file (the finding
//   usually sits inside JSX, where module-level code cannot go); in plain JavaScript, in a new TypeScript document.
// - the secret rules (embedded-api-key's data.kind 'proxy-snippet' included) in app code, i.e. not server code:
//   the backend key proxy (TypeScript), always in a new untitled TypeScript document: it runs on a server, not
//   in the app. Not offered for Gradle files and
//   gradle.properties (moving the key there is the key-moving fix) nor for server code (it is the server already).
import type { Finding, LanguageId, Range } from '../../engine/index';
import { internalCommands, snippetNames, type InsertSnippetAtArgs } from '../../shared/protocol';

export const appAuthTitle = 'Replace the WebView sign-in with AppAuth (insert secure snippet)';
export const proxyTitle = 'Keep the key on a server: insert the backend proxy snippet';

export interface SnippetAction {
  title: string;
  command: { title: string; command: string; arguments: [InsertSnippetAtArgs] };
}

const secretRules = new Set(['embedded-api-key', 'hardcoded-client-secret', 'hardcoded-credential', 'hardcoded-signing-key', 'hardcoded-secret', 'secret-in-url']);

/** The snippet for an `appauth-snippet` finding's data.snippet (engine ids), by language when the id is unknown. */
function appAuthSnippet(id: string | undefined, language: LanguageId): string {
  if (id === 'appauth-android-kotlin') return snippetNames.appAuthKotlin;
  if (id === 'appauth-android-java') return snippetNames.appAuthJava;
  if (id === 'react-native-app-auth' || id === 'appauth-js') return snippetNames.appAuthJs;
  return language === 'kotlin' ? snippetNames.appAuthKotlin : language === 'java' ? snippetNames.appAuthJava : snippetNames.appAuthJs;
}

const serverImports = /^\s*(?:import\b[^\n]*?['"](?:express|koa|fastify|@nestjs\/|@hapi\/|hono|next\/server|node:|fs|http|https)(?:\/[^'"]*)?['"]|import\s+(?:static\s+)?(?:org\.springframework|io\.ktor\.server|javax\.servlet|jakarta\.servlet|io\.micronaut|io\.quarkus)\b)|\brequire\(\s*['"](?:express|koa|fastify|@nestjs\/|@hapi\/|hono|node:|fs|http|https)(?:\/[^'"]*)?['"]\s*\)|^\s*['"]use server['"]/m;

/** Whether the file is server code (a server framework, a Node built-in, `'use server'`): it can keep a key. */
export function isServerSource(text: string): boolean {
  return serverImports.test(text.slice(0, 20_000));
}

const isJs = (language: LanguageId) => language === 'typescript' || language === 'tsx' || language === 'javascript';

/** The snippet actions for one finding (none, or one). */
export function snippetActionsFor(f: Finding, text: string, uri: string, language: LanguageId): SnippetAction[] {
  const action = (title: string, args: InsertSnippetAtArgs): SnippetAction[] =>
    [{ title, command: { title, command: internalCommands.insertSnippetAt, arguments: [args] } }];
  if (f.ruleId === 'oauth-embedded-webview' && f.data.kind === 'appauth-snippet') {
    const snippetName = appAuthSnippet(f.data.snippet, language);
    // The AppAuth-JS snippet is TypeScript: a plain JavaScript file gets it in a new TypeScript document.
    if (language === 'javascript') return action(appAuthTitle, { uri, line: 0, snippetName, newDocument: 'typescript' });
    const line = language === 'kotlin' || language === 'java' ? lineAfterStatement(text, f.range) : endLine(text);
    return action(appAuthTitle, { uri, line, snippetName });
  }
  if (secretRules.has(f.ruleId) || f.data.kind === 'proxy-snippet') {
    // The proxy is server code: it belongs in the backend project, never appended to the app's own file.
    if ((isJs(language) || language === 'kotlin' || language === 'java') && !isServerSource(text)) {
      return action(proxyTitle, { uri, line: 0, snippetName: snippetNames.backendProxy, newDocument: 'typescript' });
    }
  }
  return [];
}

/** The line past the last one: the client inserts at the end of the file (on a line of its own). */
function endLine(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/**
 * The first line after the statement that holds `range`: from the start of the finding's line, the first line at or
 * after the finding's end where brackets outside strings and comments are balanced (or closed past the start)
 * and the next line does not continue the expression (`.call()`, `?.`, an operator). Past the end: the end of file.
 */
export function lineAfterStatement(text: string, range: Range): number {
  const lines = text.split(/\r\n|\r|\n/);
  let depth = 0;
  let inBlockComment = false;
  for (let l = range.start.line; l < lines.length; l++) {
    let code = lines[l];
    if (inBlockComment) {
      const end = code.indexOf('*/');
      if (end < 0) continue;
      code = code.slice(end + 2);
      inBlockComment = false;
    }
    code = code.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`/g, '""').replace(/\/\*.*?\*\//g, '');
    const open = code.indexOf('/*');
    if (open >= 0) { code = code.slice(0, open); inBlockComment = true; }
    code = code.replace(/\/\/.*$/, '');
    for (const ch of code) {
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
    }
    if (l < range.end.line || depth > 0) continue;
    if (depth < 0) return l + 1;
    const continues = /(?:[+\-*/%&|^=,.:?]|&&|\|\||=>|->)\s*$/.test(code.trimEnd()) && !/\+\+$|--$/.test(code.trimEnd());
    const next = lines[l + 1]?.trimStart() ?? '';
    if (continues || /^(?:\.|\?\.|\?:|&&|\|\||\+(?!\+)|-(?!-)|\*|\/(?![/*]))/.test(next)) continue;
    return l + 1;
  }
  return lines.length;
}
