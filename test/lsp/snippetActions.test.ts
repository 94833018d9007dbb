// The secure-snippet code actions: which findings offer which snippet, and where the client is told to insert it
// (the exact CodeAction: title, kind, diagnostic, command and arguments). The client side (`authlint.insertSnippetAt`)
// runs in the editor tests; its pure helpers (snippet files) are tested here.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeAction } from 'vscode-languageserver';
import { Harness, makeTree } from './harness';
import { appAuthTitle, lineAfterStatement, proxyTitle } from '../../server/src/lsp/fixes/snippets';
import { snippetFileFor, snippetNames, type InsertSnippetAtArgs } from '../../server/src/shared/protocol';
import { indentBody, parseSnippets } from '../../client/src/snippets';

const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';

async function actionsAt(name: string, text: string, find: string) {
  const root = makeTree({ [name]: text });
  const h = await Harness.start({ folders: [root] });
  const uri = h.open(path.join(root, name));
  await h.current(uri);
  return { uri, actions: await h.codeActions(uri, find) };
}

/** The one snippet action of the list, checked to be a quickfix for `rule` that runs the client command. */
function snippetAction(actions: CodeAction[], title: string, rule: string): InsertSnippetAtArgs {
  const matching = actions.filter(a => a.title === title);
  assert.equal(matching.length, 1, `one "${title}" among ${JSON.stringify(actions.map(a => a.title))}`);
  const [a] = matching;
  assert.equal(a.kind, 'quickfix');
  assert.equal(a.edit, undefined, 'no edit: the client inserts the snippet');
  assert.equal(a.diagnostics?.[0].code, rule);
  assert.equal(a.command?.command, 'authlint.insertSnippetAt');
  assert.equal(a.command?.title, title);
  assert.equal(a.command?.arguments?.length, 1);
  return a.command!.arguments![0] as InsertSnippetAtArgs;
}

describe('secure-snippet code actions', () => {
  it('Kotlin loadUrl of an authorize URL: the Kotlin AppAuth sign-in after the statement, after the other fixes', async () => {
    const text = 'const val AUTH_URL = "https://idp.example.com/authorize?client_id=app&response_type=code"\n\nclass Login {\n    fun signIn(webView: WebView) {\n        webView.loadUrl(AUTH_URL)\n        track()\n    }\n}\n';
    const { uri, actions } = await actionsAt('Login.kt', text, 'AUTH_URL)');
    assert.deepEqual(snippetAction(actions, appAuthTitle, 'oauth-embedded-webview'), { uri, line: 5, snippetName: 'AuthLint: AppAuth sign-in (Kotlin)' });
    assert.deepEqual(actions.map(a => a.title), [appAuthTitle, 'Suppress oauth-embedded-webview on this line', 'Suppress oauth-embedded-webview in this file']);
  });

  it('Kotlin shouldOverrideUrlLoading: after the whole override', async () => {
    const text = 'class C : WebViewClient() {\n    override fun shouldOverrideUrlLoading(view: WebView, request: WebResourceRequest): Boolean {\n        val code = request.url.getQueryParameter("code") ?: return false\n        exchange(code)\n        return true\n    }\n}\n';
    const { uri, actions } = await actionsAt('C.kt', text, 'shouldOverrideUrlLoading');
    assert.deepEqual(snippetAction(actions, appAuthTitle, 'oauth-embedded-webview'), { uri, line: 6, snippetName: snippetNames.appAuthKotlin });
  });

  it('Java: the Java AppAuth sign-in after the statement', async () => {
    const text = 'class A {\n  void f(WebView w) {\n    w.loadUrl(AUTH_ENDPOINT + "?response_type=code&client_id=" + CLIENT_ID);\n  }\n}\n';
    const { uri, actions } = await actionsAt('A.java', text, 'AUTH_ENDPOINT');
    assert.deepEqual(snippetAction(actions, appAuthTitle, 'oauth-embedded-webview'), { uri, line: 3, snippetName: 'AuthLint: AppAuth sign-in (Java)' });
  });

  it('React Native WebView: the AppAuth-JS snippet at the end of the file', async () => {
    const text = "import React from 'react';\nimport { WebView } from 'react-native-webview';\n\nconst authUrl = `https://idp.example.com/authorize?client_id=app&response_type=code`;\nexport const Login = () => <WebView source={{ uri: authUrl }} />;\n";
    const { uri, actions } = await actionsAt('Login.tsx', text, 'uri: authUrl');
    assert.deepEqual(snippetAction(actions, appAuthTitle, 'oauth-embedded-webview'), { uri, line: 6, snippetName: 'AuthLint: AppAuth-JS browser PKCE (TypeScript)' });
  });

  it('embedded-api-key in Kotlin: the backend proxy in a new untitled TypeScript document', async () => {
    const text = 'fun f() = Request.Builder().url("https://api.weather.example.com/v1").addHeader("X-Api-Key", BuildConfig.WEATHER_API_KEY).build()\n';
    const { uri, actions } = await actionsAt('Weather.kt', text, 'BuildConfig.WEATHER_API_KEY');
    assert.deepEqual(snippetAction(actions, proxyTitle, 'embedded-api-key'),
      { uri, line: 0, snippetName: 'AuthLint: backend key proxy (TypeScript)', newDocument: 'typescript' });
  });

  it('a hard-coded key in browser TypeScript: the backend proxy in a new TypeScript document, after the key-moving fix', async () => {
    const text = `const apiKey = '${KEY}';\nexport const get = () => fetch('https://api.example.com/v1', { headers: { 'X-Api-Key': apiKey } });`;
    const { uri, actions } = await actionsAt('api.ts', text, KEY);
    assert.deepEqual(snippetAction(actions, proxyTitle, 'hardcoded-secret'), { uri, line: 0, snippetName: snippetNames.backendProxy, newDocument: 'typescript' });
    assert.deepEqual(actions.map(a => a.title), ['Move key to .env → process.env.API_KEY (revoke and rotate it: it stays in git history)',
      proxyTitle, 'Suppress hardcoded-secret on this line', 'Suppress hardcoded-secret in this file']);
  });

  it('no proxy snippet for server code, Gradle files or non-secret findings', async () => {
    const server = await actionsAt('server.ts', `import express from 'express';\nconst apiKey = '${KEY}';\nexpress().get('/', (_q, r) => r.send(apiKey));\n`, KEY);
    assert.ok(server.actions.length > 0, 'the finding has other actions');
    assert.ok(!server.actions.some(a => a.command), JSON.stringify(server.actions.map(a => a.title)));
    const props = await actionsAt('gradle.properties', `shop.partnerApiSecret=${KEY}\n`, KEY);
    assert.ok(props.actions.length > 0 && !props.actions.some(a => a.command), JSON.stringify(props.actions.map(a => a.title)));
    const http = await actionsAt('auth.ts', "const issuer = 'http://auth.example.com/oauth2';\n", 'auth.example');
    assert.ok(!http.actions.some(a => a.command));
  });
});

describe('lineAfterStatement', () => {
  const at = (text: string, line: number) => lineAfterStatement(text, { start: { line, character: 0 }, end: { line, character: 1 } });
  it('skips continuation lines, brackets and strings holding brackets', () => {
    assert.equal(at('a\nval u = Uri.parse("x(").buildUpon()\n    .appendQueryParameter("a", b)\n    .build()\nnext\n', 1), 4);
    assert.equal(at('foo(a,\n  b)\nnext', 0), 2);
    assert.equal(at('val x = 1 +\n  2\nnext', 0), 2);
    assert.equal(at('fun f() { g() }\n', 0), 1);
    assert.equal(at('  g() }\nnext', 0), 1, 'closing the enclosing block: after that line');
    assert.equal(at('foo(\n  a', 0), 2, 'unbalanced to the end: the end of the file');
  });
});

describe('snippet files (client helpers)', () => {
  it('maps language ids to the snippet files', () => {
    assert.deepEqual(['kotlin', 'java', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'plaintext'].map(snippetFileFor),
      ['kotlin.json', 'java.json', 'typescript.json', 'typescript.json', 'typescript.json', 'typescript.json', undefined]);
  });

  it('parses the VS Code snippet format, comments and trailing commas included', () => {
    const text = '{\n  // a comment\n  "A": { "prefix": "a", "body": ["x(\\"//\\")", "\\t$1"], "description": "d", },\n  /* block */ "B": { "prefix": ["b", "c"], "body": "y" },\n  "C": { "prefix": "c" }\n}';
    assert.deepEqual(parseSnippets(text), [
      { name: 'A', prefix: 'a', description: 'd', body: 'x("//")\n\t$1' },
      { name: 'B', prefix: 'b, c', description: '', body: 'y' },
    ]);
    assert.equal(indentBody('a\n\nb', '    '), 'a\n\n    b');
  });
});
