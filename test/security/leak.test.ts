// No output of the CLI holds a fixture's secret in full: every report format over examples/ and the shared cases
// is searched for every 8-character piece (past the 4 characters a mask may show) of every reported secret.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
/** Each fixture folder with the fewest distinct secrets it is known to hold (so the search cannot go empty). */
const fixtureDirs: [string, number][] = [[path.join(root, 'examples'), 10], [path.join(root, '..', 'shared', 'cases'), 2]];

const secretRules = new Set(['hardcoded-credential', 'hardcoded-secret', 'secret-in-url', 'hardcoded-client-secret', 'hardcoded-signing-key']);

interface JsonReport { findings: { ruleId: string; path: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }[] }

/** The exact source text under each secret finding (what must never be printed in full). */
function secretsIn(dir: string): string[] {
  const r = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(r.stdout) as JsonReport;
  const out = new Set<string>();
  for (const f of report.findings) {
    if (!secretRules.has(f.ruleId)) continue;
    const lines = readFileSync(path.resolve(dir, f.path), 'utf8').split('\n');
    const { start, end } = f.range;
    if (start.line === end.line) out.add(lines[start.line - 1].slice(start.column - 1, end.column - 1));
  }
  return [...out].filter(v => v.length >= 12);
}

function pieces(value: string): string[] {
  const out: string[] = [];
  for (let i = 4; i + 8 <= value.length; i++) out.push(value.slice(i, i + 8)); // the first 4 characters may be shown
  return out;
}

for (const [dir, least] of fixtureDirs) {
  const secrets = secretsIn(dir);
  test(`fixtures in ${path.relative(root, dir)} hold secrets to look for`, () => assert.ok(secrets.length >= least, `${secrets.length}`));
  for (const format of ['text', 'json', 'sarif']) {
    test(`CLI ${format} output over ${path.relative(root, dir)} holds no secret in full`, () => {
      const r = spawnSync(process.execPath, [cli, 'scan', dir, '--format', format], { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      const output = r.stdout + r.stderr;
      const leaked = secrets.filter(s => pieces(s).some(p => output.includes(p)));
      assert.deepEqual(leaked, []);
    });
  }
}
