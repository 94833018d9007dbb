// What the editor tests share: the workspace the runner prepared (a fresh copy of test/e2e/fixtures/), waiting for
// diagnostics by event, applying a code action the way the light bulb does, saving, and reading files back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const extensionId = 'authlint.authlint';

/** The workspace folder: a copy of test/e2e/fixtures/ made for this run (the runner never opens the repo's copy). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (the runner opens a copy of test/e2e/fixtures)');
  return folder.uri.fsPath;
}

export function wsPath(...parts: string[]): string {
  return path.join(workspaceRoot(), ...parts);
}

/** Every file under `dir` with its text (undefined entries never appear: absent files are absent keys). */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

export function readText(p: string): string | undefined {
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
}

const at = (p: vscode.Position) => `${p.line + 1}:${p.character + 1}`;
const describeDiagnostics = (ds: readonly vscode.Diagnostic[]) =>
  ds.length ? ds.map(d => `${d.source}/${codeOf(d)} ${at(d.range.start)}-${at(d.range.end)} ${d.message}`).join('\n  ') : '(none)';

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
}

/**
 * Resolves with the diagnostics of `uri` once `accept` holds for them: checked now and on every
 * onDidChangeDiagnostics for that file, never by polling. Rejects after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri, accept: (ds: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 60_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      sub.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(vscode.languages.getDiagnostics(uri));
    };
    const check = () => {
      if (accept(vscode.languages.getDiagnostics(uri))) finish();
    };
    const sub = vscode.languages.onDidChangeDiagnostics(e => {
      if (e.uris.some(u => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} in ${uri.fsPath}; ` +
      `diagnostics there:\n  ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`)), timeoutMs);
    check();
  });
}

export const authLint = (ds: readonly vscode.Diagnostic[]) => ds.filter(d => d.source === 'AuthLint');

/** The quick fixes VS Code's light bulb would list at `range` (resolved, with their edits). */
export async function quickFixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 50);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a || 'diagnostics' in a);
}

/**
 * Applies a code action as the light bulb does: its edit as a refactoring (so `files.refactoring.autoSave` applies,
 * as for a quick fix chosen in the editor), then its command.
 */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit, { isRefactoring: true }), `VS Code refused the edit of "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/**
 * Saves every dirty file, also those a workspace edit changed without opening an editor (`workspace.saveAll` saves
 * only the files open in editors). The browser scenario saves the way a user does, with "File: Save All Files".
 */
export async function saveAll(): Promise<void> {
  const dirty = vscode.workspace.textDocuments.filter(d => d.isDirty && d.uri.scheme === 'file');
  const results = await Promise.all(dirty.map(async d => [d.uri.fsPath, await d.save()] as const));
  const failed = results.filter(([, saved]) => !saved).map(([p]) => p);
  assert.deepEqual(failed, [], 'files VS Code did not save');
}

/** Opens `p` in an editor (the language server only sees open documents). */
export async function openEditor(p: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(p));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The range of the first occurrence of `needle` in the document (test positions are found by text). */
export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not found in ${doc.uri.fsPath}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

/** Resolves once `doc`'s text satisfies `accept` (checked now and on each change), else rejects after `timeoutMs`. */
export function waitForText(doc: vscode.TextDocument, accept: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (accept(doc.getText())) return resolve();
    const sub = vscode.workspace.onDidChangeTextDocument(e => {
      if (e.document === doc && accept(doc.getText())) { sub.dispose(); clearTimeout(timer); resolve(); }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} in ${doc.uri.fsPath}; text:\n${doc.getText()}`));
    }, timeoutMs);
  });
}

/** Closes every editor (a test leaves none dirty: it saves what it changes). */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
