// `.authlint.json` in a real VS Code: the schema the extension contributes (package.json jsonValidation →
// dist/authlint.schema.json) reaches VS Code's JSON language service, which then flags a wrong level on the value
// itself and completes rule ids inside "rules". Each test writes its file in a folder of its own, so no other
// test's files fall under it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, teardown, test } from 'mocha';
import { closeAllEditors, extensionId, openEditor, rangeOf, waitForDiagnostics, wsPath } from './helpers';

function writeConfig(folder: string, text: string): string {
  const file = wsPath(folder, '.authlint.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The JSON language service's diagnostic on exactly `range` (AuthLint's own server publishes under "AuthLint"). */
function schemaDiagnosticAt(range: vscode.Range) {
  return (ds: readonly vscode.Diagnostic[]) => ds.find(d => d.source !== 'AuthLint' && d.range.isEqual(range));
}

suite('.authlint.json: the contributed schema in VS Code', () => {
  let ruleIds: string[] = [];

  suiteSetup(() => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `extension ${extensionId} is not installed in this editor`);
    assert.ok(vscode.extensions.getExtension('vscode.json-language-features'), 'VS Code\'s JSON language features are enabled');
    const schema = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'dist', 'authlint.schema.json'), 'utf8'));
    ruleIds = Object.keys(schema.properties.rules.properties);
    assert.ok(ruleIds.includes('hardcoded-secret'), 'the packaged schema lists the rules');
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('a level that does not exist is a schema error on the value, naming the levels there are', async () => {
    const file = writeConfig('config-invalid', '{\n  "rules": {\n    "hardcoded-secret": "loud"\n  }\n}\n');
    const doc = (await openEditor(file)).document;
    assert.equal(doc.languageId, 'json');
    const range = rangeOf(doc, '"loud"');
    assert.deepEqual([range.start.line, range.start.character, range.end.line, range.end.character], [2, 24, 2, 30]);
    const at = schemaDiagnosticAt(range);
    const diagnostics = await waitForDiagnostics(doc.uri, ds => !!at(ds), 'the JSON schema error on "loud"');
    const d = at(diagnostics)!;
    assert.match(d.message, /"off", "info", "warning", "error"/, d.message);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('inside "rules" completion offers every rule id', async () => {
    // An invalid failOn first: its diagnostic shows the JSON service has read this file with the schema.
    const file = writeConfig('config-complete', '{\n  "rules": {\n    \n  },\n  "failOn": "never"\n}\n');
    const doc = (await openEditor(file)).document;
    await waitForDiagnostics(doc.uri, ds => !!schemaDiagnosticAt(rangeOf(doc, '"never"'))(ds), 'the JSON schema error on "never"');

    // Resolved as the suggest widget resolves the item it shows (documentation may come with the resolve).
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 4), undefined, 100);
    const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label).replace(/^"|"$/g, ''));
    assert.deepEqual(ruleIds.filter(id => !labels.includes(id)), [], `rule ids missing from the completion list:\n  ${labels.join('\n  ')}`);
    const item = list.items.find(i => (typeof i.label === 'string' ? i.label : i.label.label).replace(/^"|"$/g, '') === 'hardcoded-secret')!;
    const documentation = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '';
    assert.match(`${item.detail ?? ''} ${documentation}`, /secret-like name/, `the rule's description comes with it: ${JSON.stringify(item)}`);
  });
});
