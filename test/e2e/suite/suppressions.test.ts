// Suppression hygiene in a real VS Code: a suppression that silences nothing is an information diagnostic on its
// rule id, faded as unnecessary, and "Remove unused suppression" deletes its line. In a folder of its own.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, teardown, test } from 'mocha';
import { applyCodeAction, closeAllEditors, codeOf, openEditor, quickFixesAt, rangeOf, readText, saveAll, waitForDiagnostics, wsPath } from './helpers';

suite('AuthLint suppression hygiene', () => {
  teardown(async () => {
    await closeAllEditors();
  });

  test('typescript: an unused suppression — information on the id, faded; the quick fix removes its line', async () => {
    const file = wsPath('hygiene', 'src', 'retry.ts');
    const text = 'export const retries = 3;\n// authlint-disable-next-line hardcoded-secret -- the key moved to .env\nexport const title = "shop";\n';
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const doc = (await openEditor(file)).document;
    const isUnused = (d: vscode.Diagnostic) => d.source === 'AuthLint' && codeOf(d) === 'authlint-unused-suppression';
    const diagnostic = (await waitForDiagnostics(doc.uri, ds => ds.some(isUnused), 'an authlint-unused-suppression diagnostic')).find(isUnused)!;
    assert.deepEqual(diagnostic.range, rangeOf(doc, 'hardcoded-secret'));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual(diagnostic.tags, [vscode.DiagnosticTag.Unnecessary]);

    const fixes = await quickFixesAt(doc.uri, diagnostic.range);
    const fix = fixes.find(a => a.title === 'Remove unused suppression');
    assert.ok(fix, `no "Remove unused suppression"; offered:\n  ${fixes.map(a => a.title).join('\n  ')}`);
    await applyCodeAction(fix);
    await saveAll();
    assert.equal(readText(file), 'export const retries = 3;\nexport const title = "shop";\n');
    await waitForDiagnostics(doc.uri, ds => !ds.some(d => d.source === 'AuthLint'), 'no AuthLint diagnostic once it is removed');
  });
});
