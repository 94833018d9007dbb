// examples/ marks every deliberate problem with `// expect: <rule-id>` on its line (`# expect-next-line:` in
// properties files, `<!-- expect-next-line: -->` in XML). The CLI over the whole folder must report exactly those,
// cross-file cases included.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const examples = path.join(root, 'examples');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(n => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

function expected(): string[] {
  const out: string[] = [];
  for (const f of files(examples)) {
    if (f.endsWith('.md')) continue;
    const rel = path.relative(examples, f).split(path.sep).join('/');
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      const same = /\/\/ expect: ([a-z-]+)/.exec(line);
      if (same) out.push(`${rel}:${i + 1}:${same[1]}`);
      const next = /^\s*(?:# |<!-- )expect-next-line: ([a-z-]+)/.exec(line);
      if (next) out.push(`${rel}:${i + 2}:${next[1]}`);
    });
  }
  return out.sort();
}

test('examples/: the CLI reports exactly the marked problems', () => {
  let out = '';
  try {
    execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'scan', examples, '--format', 'json'], { encoding: 'utf8' });
    assert.fail('exit code 0 although examples/ has findings');
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    assert.equal(err.status, 1);
    out = err.stdout ?? '';
  }
  const report = JSON.parse(out) as { findings: { ruleId: string; path: string; range: { start: { line: number } } }[] };
  const got = report.findings.map(f => `${path.relative(examples, path.resolve(root, f.path)).split(path.sep).join('/')}:${f.range.start.line}:${f.ruleId}`).sort();
  const want = expected();
  assert.ok(want.length >= 10, `examples/ should mark its deliberate problems (found ${want.length})`);
  assert.deepEqual(got, want);
});
