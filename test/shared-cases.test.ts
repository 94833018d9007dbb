// Every case in ../shared/cases (inputs distilled from other tools' bug reports) through the built CLI, compared
// with expected.json exactly: each expected finding once, nothing else.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const casesDir = path.join(root, '..', 'shared', 'cases');
const cli = path.join(root, 'dist', 'cli.js');

interface Expected { cases: Record<string, { source: string; findings: { file: string; line: number; ruleId: string }[] }> }

function sarifFindings(dir: string): string[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, 'scan', dir, '--format', 'sarif'], { encoding: 'utf8' });
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    assert.equal(err.status, 1, 'exit code is 0 or 1');
    out = err.stdout ?? '';
  }
  const sarif = JSON.parse(out);
  return sarif.runs.flatMap((r: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }) =>
    r.results.map(x => `${path.basename(decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri))}:${x.locations[0].physicalLocation.region.startLine}:${x.ruleId}`)).sort();
}

const expectedFile = path.join(casesDir, 'expected.json');
if (!existsSync(expectedFile)) {
  test('shared cases are present next to the repository', () => assert.fail(`missing ${expectedFile}`));
} else {
  const expected: Expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
  for (const [name, spec] of Object.entries(expected.cases)) {
    test(`shared case ${name}`, () => {
      assert.deepEqual(sarifFindings(path.join(casesDir, name)), spec.findings.map(f => `${f.file}:${f.line}:${f.ruleId}`).sort());
    });
  }
}
