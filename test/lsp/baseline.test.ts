// The editor honours the CLI's baseline: the same fingerprints, baselined findings as Information (or hidden), and
// a change of the baseline file re-publishes.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver';
import { pathToUri } from '../../server/src/lsp/workspace';
import { cli, type JsonFinding } from '../helpers/cli';
import { Harness, makeTree } from './harness';

// Invented values in no provider's format: plausible secrets for the generic rule and nothing more.
const OLD_KEY = 'Qz4Wx8Ev2Rt6Yu1Io5Pa9Sd3';
const NEW_KEY = 'Mb7Nc3Vx9Zl2Kj6Hg4Fd8Sa1';
const before = `export const apiKey = '${OLD_KEY}';\n`;
const after = `export const apiKey = '${OLD_KEY}';\nexport const partnerToken = '${NEW_KEY}';\n`;
const baselineName = '.authlint-baseline.json';
const suffix = ` (baselined: listed in ${baselineName})`;

/** A project whose baseline holds the key of `before`, with `after` on disk (one baselined finding, one new). */
async function baselinedProject(baselinePath = baselineName): Promise<{ root: string; file: string }> {
  const root = makeTree({ web: { 'api.ts': before } });
  const r = await cli(['scan', '--write-baseline', baselinePath], root);
  assert.equal(r.code, 0);
  const file = path.join(root, 'web', 'api.ts');
  fs.writeFileSync(file, after);
  return { root, file };
}

const shape = (ds: Diagnostic[]) => ds.map(d => [d.range.start.line, d.severity, String(d.message).endsWith(suffix)]);

describe('baseline in the editor', () => {
  it('a baselined finding is Information, marked as baselined; a new one keeps its severity', async () => {
    const { root, file } = await baselinedProject();
    const h = await Harness.start({ folders: [root] });
    const { diagnostics } = await h.current(h.open(file));
    assert.deepEqual(shape(diagnostics), [[0, DiagnosticSeverity.Information, true], [1, DiagnosticSeverity.Error, false]]);
    assert.match(String(diagnostics[0].message), /Qz4W…\(24 chars\).* \(baselined: listed in \.authlint-baseline\.json\)$/);
  });

  it('gives each diagnostic the fingerprint `authlint scan` gives the finding', async () => {
    const { root, file } = await baselinedProject();
    const json = JSON.parse((await cli(['scan', '--format', 'json'], root)).stdout).findings as JsonFinding[];
    const h = await Harness.start({ folders: [root] });
    const { diagnostics } = await h.current(h.open(file));
    assert.equal(json.length, 2);
    assert.deepEqual(diagnostics.map(d => (d.data as { fingerprint: string }).fingerprint), json.map(f => f.fingerprint));
    // The baseline holds the first of them.
    const entries = JSON.parse(fs.readFileSync(path.join(root, baselineName), 'utf8')).findings;
    assert.deepEqual(entries.map((e: { fingerprint: string }) => e.fingerprint), [json[0].fingerprint]);
  });

  for (const [label, scanThreadsFrom] of [['in the server thread', 1000], ['on worker threads', 1]] as const) {
    it(`a workspace scan ${label} shows closed files' baselined findings as Information`, async () => {
      const { root, file } = await baselinedProject();
      const h = await Harness.start({ folders: [root], scanThreadsFrom });
      assert.deepEqual(await h.scan(), { files: 1, findings: 2, cancelled: false });
      const last = [...h.client.published].reverse().find(p => p.uri === pathToUri(file))!;
      assert.deepEqual(shape(last.diagnostics), [[0, DiagnosticSeverity.Information, true], [1, DiagnosticSeverity.Error, false]]);
    });
  }

  it('"authlint.baselinedFindings": "hide" leaves baselined findings out, in open and in scanned files', async () => {
    const { root, file } = await baselinedProject();
    fs.writeFileSync(path.join(root, 'web', 'old.ts'), before);
    const h = await Harness.start({ folders: [root], settings: { '': { baselinedFindings: 'hide' } } });
    const { diagnostics } = await h.current(h.open(file));
    assert.deepEqual(shape(diagnostics), [[1, DiagnosticSeverity.Error, false]]);
    // web/old.ts holds the baselined line, but in another file: a different fingerprint, so it is new.
    assert.deepEqual(await h.scan(), { files: 2, findings: 2, cancelled: false });
  });

  it('re-publishes when the baseline file appears, changes or goes away', async () => {
    const root = makeTree({ web: { 'api.ts': after } });
    const file = path.join(root, 'web', 'api.ts');
    const baseline = path.join(root, baselineName);
    const h = await Harness.start({ folders: [root] });
    const uri = h.open(file);
    assert.deepEqual(shape((await h.current(uri)).diagnostics), [[0, DiagnosticSeverity.Error, false], [1, DiagnosticSeverity.Error, false]]);

    await cli(['scan', '--write-baseline', baselineName], root);
    let since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(baseline), type: FileChangeType.Created }] });
    const both = (await h.diagnostics(uri, () => true, since)).diagnostics;
    assert.deepEqual(shape(both), [[0, DiagnosticSeverity.Information, true], [1, DiagnosticSeverity.Information, true]]);

    // The first line's finding leaves the baseline.
    const doc = JSON.parse(fs.readFileSync(baseline, 'utf8'));
    doc.findings = doc.findings.filter((e: { fingerprint: string }) => e.fingerprint !== (both[0].data as { fingerprint: string }).fingerprint);
    assert.equal(doc.findings.length, 1);
    fs.writeFileSync(baseline, JSON.stringify(doc));
    since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(baseline), type: FileChangeType.Changed }] });
    assert.deepEqual(shape((await h.diagnostics(uri, () => true, since)).diagnostics),
      [[0, DiagnosticSeverity.Error, false], [1, DiagnosticSeverity.Information, true]]);

    fs.rmSync(baseline);
    since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(baseline), type: FileChangeType.Deleted }] });
    assert.deepEqual(shape((await h.diagnostics(uri, () => true, since)).diagnostics),
      [[0, DiagnosticSeverity.Error, false], [1, DiagnosticSeverity.Error, false]]);
  });

  it('an invalid baseline: its problem on the file, findings as without a baseline; fixed, both clear', async () => {
    const { root, file } = await baselinedProject();
    const baseline = path.join(root, baselineName);
    const good = fs.readFileSync(baseline, 'utf8');
    fs.writeFileSync(baseline, '{"version": 7}');
    const h = await Harness.start({ folders: [root] });
    const uri = h.open(file);
    assert.deepEqual(shape((await h.current(uri)).diagnostics), [[0, DiagnosticSeverity.Error, false], [1, DiagnosticSeverity.Error, false]]);
    const problem = await h.diagnostics(pathToUri(baseline));
    assert.deepEqual(problem.diagnostics.map(d => [d.severity, d.source, d.message]), [[DiagnosticSeverity.Error, 'AuthLint', 'invalid baseline: version: expected 1, got 7 (written by a newer AuthLint)']]);

    fs.writeFileSync(baseline, good);
    const since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(baseline), type: FileChangeType.Changed }] });
    assert.deepEqual(shape((await h.diagnostics(uri, () => true, since)).diagnostics), [[0, DiagnosticSeverity.Information, true], [1, DiagnosticSeverity.Error, false]]);
    assert.deepEqual((await h.diagnostics(pathToUri(baseline), () => true, since)).diagnostics, []);
  });

  it('a baseline under another name: found relative to the workspace folder, watched once used', async () => {
    const { root, file } = await baselinedProject('ci/accepted.json');
    const h = await Harness.start({ folders: [root], settings: { '': { baseline: 'ci/accepted.json' } } });
    const uri = h.open(file);
    const { diagnostics } = await h.current(uri);
    assert.deepEqual(diagnostics.map(d => [d.range.start.line, d.severity, String(d.message).endsWith(' (baselined: listed in accepted.json)')]),
      [[0, DiagnosticSeverity.Information, true], [1, DiagnosticSeverity.Error, false]]);
    const watchers = h.client.registrations.flatMap(r => (r.registerOptions as { watchers?: { globPattern: string }[] }).watchers ?? []).map(w => w.globPattern);
    assert.ok(watchers.includes('**/.authlint-baseline.json'), 'the default name is always watched');
    assert.ok(watchers.includes('**/accepted.json'), 'another name is watched once used');

    fs.rmSync(path.join(root, 'ci', 'accepted.json'));
    const since = h.client.published.length;
    h.server.didChangeWatchedFiles({ changes: [{ uri: pathToUri(path.join(root, 'ci', 'accepted.json')), type: FileChangeType.Deleted }] });
    assert.deepEqual((await h.diagnostics(uri, () => true, since)).diagnostics.map(d => d.severity), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
  });

  it('"authlint.baseline": "" means no baseline', async () => {
    const { root, file } = await baselinedProject();
    const h = await Harness.start({ folders: [root], settings: { '': { baseline: '' } } });
    assert.deepEqual(shape((await h.current(h.open(file))).diagnostics), [[0, DiagnosticSeverity.Error, false], [1, DiagnosticSeverity.Error, false]]);
  });
});
