// Settings: defaults < .authlint.json < editor settings, pulled per resource and picked up live.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver';
import { pathToUri } from '../../server/src/lsp/workspace';
import { Harness, makeTree } from './harness';

const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';
const apiTs = `export const apiKey = '${KEY}';\n`;
const severityOf = (h: Harness, uri: string) => h.current(uri).then(p => p.diagnostics.map(d => d.severity));

describe('settings', () => {
  it('asks for the settings of each document with the document as scope', async () => {
    const root = makeTree({ 'api.ts': apiTs });
    const h = await Harness.start({ folders: [root] });
    const uri = h.open(path.join(root, 'api.ts'));
    await h.current(uri);
    assert.ok(h.client.configRequests.includes(uri));
  });

  it('a settings change re-validates open documents with the new level', async () => {
    const root = makeTree({ 'api.ts': apiTs });
    const h = await Harness.start({ folders: [root], settings: { '': { rules: { 'hardcoded-secret': 'warning' } } } });
    const uri = h.open(path.join(root, 'api.ts'));
    assert.deepEqual(await severityOf(h, uri), [DiagnosticSeverity.Warning]);
    const since = h.client.published.length;
    h.client.settings = { '': { rules: { 'hardcoded-secret': 'info' } } };
    h.server.didChangeConfiguration({ settings: null });
    assert.deepEqual((await h.diagnostics(uri, () => true, since)).diagnostics.map(d => d.severity), [DiagnosticSeverity.Information]);
    h.client.settings = { '': { rules: { 'hardcoded-secret': 'off' } } };
    h.server.didChangeConfiguration({ settings: null });
    assert.deepEqual((await h.diagnostics(uri, p => p.diagnostics.length === 0, since)).diagnostics, []);
  });

  it('settings are per resource: one folder can differ from another', async () => {
    const a = makeTree({ 'api.ts': apiTs });
    const b = makeTree({ 'api.ts': apiTs });
    const h = await Harness.start({ folders: [a, b], settings: { [pathToUri(b)]: { rules: { 'hardcoded-secret': 'info' } }, '': { rules: { 'hardcoded-secret': 'error' } } } });
    assert.deepEqual(await severityOf(h, h.open(path.join(a, 'api.ts'))), [DiagnosticSeverity.Error]);
    assert.deepEqual(await severityOf(h, h.open(path.join(b, 'api.ts'))), [DiagnosticSeverity.Information]);
  });

  it('.authlint.json sets the level, user settings override it, and a change of the file is picked up', async () => {
    const root = makeTree({ '.authlint.json': '{ "rules": { "hardcoded-secret": "info" } }', 'api.ts': apiTs });
    const h = await Harness.start({ folders: [root] });
    const uri = h.open(path.join(root, 'api.ts'));
    assert.deepEqual(await severityOf(h, uri), [DiagnosticSeverity.Information]);

    fs.writeFileSync(path.join(root, '.authlint.json'), '{ "rules": { "hardcoded-secret": "warning" } }');
    let since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(path.join(root, '.authlint.json')), type: FileChangeType.Changed }] });
    assert.deepEqual((await h.diagnostics(uri, () => true, since)).diagnostics.map(d => d.severity), [DiagnosticSeverity.Warning]);

    since = h.client.published.length;
    h.client.settings = { '': { rules: { 'hardcoded-secret': 'error' } } };
    h.server.didChangeConfiguration({ settings: null });
    assert.deepEqual((await h.diagnostics(uri, () => true, since)).diagnostics.map(d => d.severity), [DiagnosticSeverity.Error]);
  });

  it('an invalid .authlint.json: its problems on the file, the status says so, defaults apply; fixed, both clear', async () => {
    const rootDir = makeTree({ '.authlint.json': '{ "rules": { "hardcoded-secrte": "off" } }', 'api.ts': apiTs });
    const config = path.join(rootDir, '.authlint.json');
    const h = await Harness.start({ folders: [rootDir] });
    const uri = h.open(path.join(rootDir, 'api.ts'));
    assert.equal((await h.current(uri)).diagnostics.length, 1, 'the file is still linted, with the defaults');
    const configDiagnostics = await h.diagnostics(pathToUri(config));
    assert.equal(configDiagnostics.diagnostics.length, 1);
    assert.match(String(configDiagnostics.diagnostics[0].message), /rules\.hardcoded-secrte: unknown rule id "hardcoded-secrte" \(did you mean "hardcoded-secret"\?\)/);
    assert.deepEqual(configDiagnostics.diagnostics[0].range, { start: { line: 0, character: 13 }, end: { line: 0, character: 31 } }); // the key, quotes included
    const status = await h.client.until(() => h.client.statuses.find(s => s.state === 'error'), 'an error status');
    assert.match(status.message, /^Invalid configuration: \.authlint\.json: /);

    fs.writeFileSync(config, '{ "rules": { "hardcoded-secret": "off" } }');
    const since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(config), type: FileChangeType.Changed }] });
    assert.deepEqual((await h.diagnostics(uri, () => true, since)).diagnostics, []);
    assert.deepEqual((await h.diagnostics(pathToUri(config), () => true, since)).diagnostics, []);
    await h.client.until(() => (h.client.statuses.at(-1)?.state === 'ok' ? true : undefined), 'an ok status');
  });

  it('wrong setting values fall back to defaults and are logged, never fatal', async () => {
    const root = makeTree({ 'api.ts': apiTs });
    const h = await Harness.start({ folders: [root], settings: { '': { enable: 'yes', rules: { 'hardcoded-secret': 'loud' }, options: { maxFileSize: -1 } } } });
    assert.equal((await h.current(h.open(path.join(root, 'api.ts')))).diagnostics.length, 1);
    assert.ok(h.client.logs.some(l => l.includes('authlint.enable')));
    assert.ok(h.client.logs.some(l => l.includes('authlint.rules.hardcoded-secret')));
    assert.ok(h.client.logs.some(l => l.includes('authlint.options.maxFileSize')));
  });

  it('a document larger than options.maxFileSize gets a note that it was not analysed, not a clean bill', async () => {
    const padding = `// ${'x'.repeat(200)}\n`;
    const root = makeTree({ 'api.ts': apiTs + padding });
    const h = await Harness.start({ folders: [root], settings: { '': { options: { maxFileSize: 150 } } } });
    const uri = h.open(path.join(root, 'api.ts'));
    assert.deepEqual((await h.current(uri)).diagnostics, [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'AuthLint',
      code: 'authlint-not-analysed',
      message: `AuthLint did not analyse this file: too large (${(apiTs + padding).length} characters; limit 150). The setting authlint.options.maxFileSize (or options.maxFileSize in .authlint.json) raises the limit.`,
    }]);
    // Cut below the limit: analysed, and the note goes.
    h.change(uri, padding, '');
    assert.deepEqual((await h.current(uri)).diagnostics.map(d => d.code), ['hardcoded-secret']);
  });

  it('asks to hear of settings changes, and watches .authlint.json, .gitignore and source files', async () => {
    const h = await Harness.start({});
    assert.deepEqual(h.client.registrations.map(r => r.method), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    assert.deepEqual(h.client.registrations[0].registerOptions, { section: 'authlint' });
    const globs = (h.client.registrations[1].registerOptions as { watchers: { globPattern: string }[] }).watchers.map(w => w.globPattern);
    assert.ok(globs.includes('**/.gitignore'));
    assert.ok(globs.includes('**/.authlint.json'));
    assert.ok(globs.some(g => g.includes('kt')));
  });

  it('editors without workspace/configuration: settings pushed with didChangeConfiguration', async () => {
    const root = makeTree({ 'api.ts': apiTs });
    const h = await Harness.start({ folders: [root], capabilities: {} });
    const uri = h.open(path.join(root, 'api.ts'));
    await h.current(uri);
    const since = h.client.published.length;
    h.server.didChangeConfiguration({ settings: { authlint: { rules: { 'hardcoded-secret': 'info' } } } });
    assert.deepEqual((await h.diagnostics(uri, () => true, since)).diagnostics.map(d => d.severity), [DiagnosticSeverity.Information]);
    assert.deepEqual(h.client.configRequests, []);
  });
});
