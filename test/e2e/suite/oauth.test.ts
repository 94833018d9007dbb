// OAuth in a real VS Code: the implicit flow of AppAuth-Android is reported on `ResponseTypeValues.TOKEN` and its
// quick fix turns it into the code flow; the secure AppAuth sign-in snippet (`authlint.insertSnippet`, snippets/
// kotlin.json) inserted into a new file of the project lints clean.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, teardown, test } from 'mocha';
import {
  applyCodeAction, authLint, closeAllEditors, codeOf, extensionId, openEditor, quickFixesAt, rangeOf, readText, saveAll,
  waitForDiagnostics, wsPath,
} from './helpers';

const project = 'oauth-app';
const source = 'app/src/main/java/com/example/auth/LoginRequest.kt';
const codeFlowFix = 'Switch to the authorization code flow (then exchange the code for tokens, with PKCE)';
const snippetName = 'AuthLint: AppAuth sign-in (Kotlin)';

/** Resolves once `p` exists (the snippet files are written by another part of the project), else rejects. */
async function waitForFile(p: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!fs.existsSync(p)) {
    if (Date.now() > until) throw new Error(`${p} did not appear within ${timeoutMs / 1000} s`);
    await new Promise(r => setTimeout(r, 200));
  }
}

suite('AuthLint OAuth: implicit flow fix and the AppAuth snippet', () => {
  suiteSetup(() => {
    assert.ok(vscode.extensions.getExtension(extensionId), `extension ${extensionId} is not installed in this editor`);
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('kotlin: ResponseTypeValues.TOKEN — diagnostic, code-flow fix, save', async () => {
    const file = wsPath(project, source);
    const before = readText(file)!;
    const editor = await openEditor(file);
    const doc = editor.document;
    assert.equal(doc.languageId, 'kotlin');

    const reported = await waitForDiagnostics(doc.uri, ds => authLint(ds).some(d => codeOf(d) === 'oauth-implicit-flow'), 'an oauth-implicit-flow diagnostic');
    const [diagnostic, ...others] = authLint(reported);
    assert.deepEqual(others, [], 'exactly one AuthLint diagnostic');
    assert.equal(codeOf(diagnostic), 'oauth-implicit-flow');
    assert.deepEqual(diagnostic.range, rangeOf(doc, 'ResponseTypeValues.TOKEN'), 'diagnostic range');

    const fixes = await quickFixesAt(doc.uri, diagnostic.range);
    const fix = fixes.find(a => a.title === codeFlowFix);
    assert.ok(fix, `no quick fix titled "${codeFlowFix}"; offered:\n  ${fixes.map(a => a.title).join('\n  ')}`);
    await applyCodeAction(fix);
    await saveAll();
    assert.equal(readText(file), before.replace('ResponseTypeValues.TOKEN', 'ResponseTypeValues.CODE'), 'the file on disk after the fix and save');
    await waitForDiagnostics(doc.uri, ds => authLint(ds).length === 0, 'no AuthLint diagnostic after the fix');
  });

  test('kotlin: authlint.insertSnippet "AuthLint: AppAuth sign-in (Kotlin)" into a new file lints clean', async () => {
    // The extension reads its snippets at run time: wait for the file if it is still being written.
    const ext = vscode.extensions.getExtension(extensionId)!;
    await waitForFile(path.join(ext.extensionPath, 'snippets', 'kotlin.json'));

    // A new file holding a probe key: its diagnostic shows the server lints the file, and the snippet replaces it.
    // The diagnostics can then only become empty once the server has linted the text with the snippet.
    const file = wsPath(project, 'app/src/main/java/com/example/auth/SecureSignIn.kt');
    const probe = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';
    fs.writeFileSync(file, `object Probe {\n    const val API_KEY = "${probe}"\n}\n`);
    const editor = await openEditor(file);
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, ds => authLint(ds).some(d => codeOf(d) === 'hardcoded-secret'), 'the probe key\'s diagnostic');

    editor.selection = new vscode.Selection(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end);
    const inserted = await vscode.commands.executeCommand<boolean>('authlint.insertSnippet', snippetName);
    assert.equal(inserted, true, 'the command reports the snippet inserted');
    assert.ok(!doc.getText().includes(probe), 'the snippet replaced the selection');
    assert.ok(doc.getText().includes('ResponseTypeValues.CODE'), `the AppAuth sign-in was inserted:\n${doc.getText()}`);
    assert.ok(await doc.save(), 'saved');
    assert.equal(readText(file), doc.getText(), 'the file on disk is the editor\'s text');

    await waitForDiagnostics(doc.uri, ds => authLint(ds).length === 0, 'no AuthLint diagnostic for the snippet');
    // Asking for code actions waits for the server's result of the current version; still nothing reported.
    await quickFixesAt(doc.uri, new vscode.Range(0, 0, 0, 0));
    assert.deepEqual(authLint(vscode.languages.getDiagnostics(doc.uri)).map(d => `${codeOf(d)} ${d.message}`), []);
  });

  test('kotlin: the WebView sign-in code action inserts the AppAuth snippet after the statement', async () => {
    const file = wsPath(project, 'app/src/main/java/com/example/auth/WebLogin.kt');
    const text = 'const val AUTH_URL = "https://idp.example.com/authorize?client_id=app&response_type=code"\n\n' +
      'class WebLogin {\n    fun signIn(webView: WebView) {\n        webView.loadUrl(AUTH_URL)\n        track()\n    }\n}\n';
    fs.writeFileSync(file, text);
    const editor = await openEditor(file);
    const doc = editor.document;
    const isWebView = (d: vscode.Diagnostic) => d.source === 'AuthLint' && codeOf(d) === 'oauth-embedded-webview';
    const diagnostic = (await waitForDiagnostics(doc.uri, ds => ds.some(isWebView), 'an oauth-embedded-webview diagnostic')).find(isWebView)!;
    assert.deepEqual(diagnostic.range, rangeOf(doc, 'AUTH_URL)').with({ end: rangeOf(doc, 'AUTH_URL)').end.translate(0, -1) }), 'diagnostic range');
    const title = 'Replace the WebView sign-in with AppAuth (insert secure snippet)';
    const fixes = await quickFixesAt(doc.uri, diagnostic.range);
    const action = fixes.find(a => a.title === title);
    assert.ok(action, `no code action titled "${title}"; offered:\n  ${fixes.map(a => a.title).join('\n  ')}`);
    assert.equal(action.command?.command, 'authlint.insertSnippetAt');
    await applyCodeAction(action);
    const lines = doc.getText().split('\n');
    assert.equal(lines[4], '        webView.loadUrl(AUTH_URL)', 'the statement stays');
    assert.match(lines[5], /^ {8}\/\/ AppAuth-Android/, `the snippet starts on the next line, indented like the statement:\n${doc.getText()}`);
    assert.ok(doc.getText().includes('        track()\n    }\n}\n'), 'the rest of the file follows the snippet');
    assert.ok(await doc.save(), 'saved');
  });

  test('an unknown snippet name fails with the names there are', async () => {
    await openEditor(wsPath(project, source));
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('authlint.insertSnippet', 'No such snippet')), /has no snippet "No such snippet"/);
  });
});
