// The key-moving quick fix, end to end in a real VS Code: open a file with a hard-coded key, wait for AuthLint's
// diagnostic, apply the fix offered at it, save, compare every file of the project on disk, then undo and check
// that the project is exactly as before. One Android (Kotlin) project and one TypeScript project.
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { suite, suiteSetup, teardown, test } from 'mocha';
import {
  applyCodeAction, authLint, closeAllEditors, codeOf, extensionId, openEditor, quickFixesAt, rangeOf, saveAll,
  snapshot, waitForDiagnostics, waitForText, wsPath,
} from './helpers';
import { cases } from './cases';

suite('AuthLint key-moving quick fix', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `extension ${extensionId} is not installed in this editor`);
  });

  teardown(async () => {
    await closeAllEditors();
  });

  for (const c of cases) {
    test(`${c.languageId}: ${c.project}/${c.source} — diagnostic, fix, save, undo`, async () => {
      const root = wsPath(c.project);
      const before = snapshot(root);
      const editor = await openEditor(wsPath(c.project, c.source));
      const doc = editor.document;
      assert.equal(doc.languageId, c.languageId, 'language of the opened file');

      // 1. The diagnostic: rule id, exact range (the key's characters), severity, masked message, rule page.
      const reported = await waitForDiagnostics(doc.uri, ds => authLint(ds).some(d => codeOf(d) === c.rule), `a ${c.rule} diagnostic`);
      const [diagnostic, ...others] = authLint(reported);
      assert.deepEqual(others, [], 'exactly one AuthLint diagnostic');
      assert.equal(codeOf(diagnostic), c.rule);
      assert.deepEqual(diagnostic.range, rangeOf(doc, c.key), 'diagnostic range');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(!diagnostic.message.includes(c.key), `the message shows the whole key: ${diagnostic.message}`);
      const target = typeof diagnostic.code === 'object' ? diagnostic.code.target.toString() : '';
      assert.ok(target.endsWith(`/docs/rules/${c.rule}.md`), `rule page link: ${target}`);

      // 2. The fix, chosen by its title among the quick fixes offered at the diagnostic's range
      //    (vscode.executeCodeActionProvider does not hand back an action's `diagnostics`).
      const fixes = await quickFixesAt(doc.uri, diagnostic.range);
      const fix = fixes.find(a => a.title === c.fixTitle);
      assert.ok(fix, `no quick fix titled "${c.fixTitle}"; offered:\n  ${fixes.map(a => a.title).join('\n  ')}`);
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value, 'kind of the fix');

      // 3. Apply, save all, and compare the whole project on disk.
      await applyCodeAction(fix);
      await saveAll();
      const expected = new Map(before);
      for (const [file, text] of Object.entries(c.after)) expected.set(file, text);
      assert.deepEqual(snapshot(root), expected, 'project files after the fix and Save All');
      const expectedAfter = c.diagnosticsAfter.map(([code, text]) => [code, rangeOf(doc, text)]);
      const shape = (ds: readonly vscode.Diagnostic[]) => authLint(ds).map(d => [codeOf(d), d.range]);
      await waitForDiagnostics(doc.uri, ds => isDeepStrictEqual(shape(ds), expectedAfter),
        `AuthLint's diagnostics after the fix to be ${JSON.stringify(c.diagnosticsAfter)}`);

      // 4. Undo (Edit > Undo in the source's editor) reverts the whole workspace edit, created files included.
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('undo');
      await waitForText(doc, t => t === before.get(c.source), 'the source to be restored by undo');
      await saveAll();
      assert.deepEqual(snapshot(root), before, 'project files after undo and Save All');
      // The diagnostics of the fixed text may linger until the server has validated the restored one: wait for
      // exactly the original diagnostic.
      await waitForDiagnostics(doc.uri, ds => isDeepStrictEqual(shape(ds), [[c.rule, diagnostic.range]]),
        `exactly the original ${c.rule} diagnostic after undo`);
    });
  }
});
