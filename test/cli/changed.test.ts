// `--changed`, `--changed=REF` and `--staged` on scratch git repositories made in temporary folders.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { usage } from '../../server/src/cli/main';
import { gitChangedFiles, takeChangedFlags } from '../../server/src/cli/changed';
import { cli } from '../helpers/cli';
import { makeTree, type Tree } from '../helpers/tree';

// Invented values in no provider's format: plausible secrets for the generic rule and nothing more.
const KEYS = ['Qz4Wx8Ev2Rt6Yu1Io5Pa9Sd3', 'Mb7Nc3Vx9Zl2Kj6Hg4Fd8Sa1', 'Tr5Gb1Nh7Yu3Jm9Ki2Lo6Pw4', 'Ld8Fs2Hg6Jk1Zx9Cv3Bn7Mq5', 'Wp3Oe7Ri1Ut5Yq9As2Df6Gh8', 'Xk2Cj6Vh1Bg5Nf9Md3Sa7Lz4'];
const leakTs = (i: number) => `export const apiKey = '${KEYS[i]}';\n`;
const leakKt = (i: number) => `package com.example\n\nconst val API_SECRET = "${KEYS[i]}"\n`;
const cleanTs = "export const title = 'shop';\n";

/** git with a fixed identity and none of the machine's configuration. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=AuthLint Tests', '-c', 'user.email=tests@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' },
  });
}

function repo(tree: Tree): string {
  const root = makeTree(tree);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** The files a JSON report analysed: findings' paths plus a count. */
async function scanned(args: string[], cwd: string): Promise<{ code: number; findings: string[]; files: number; stderr: string }> {
  const r = await cli([...args, '--format', 'json'], cwd);
  if (r.code === 2) return { code: 2, findings: [], files: 0, stderr: r.stderr };
  const report = JSON.parse(r.stdout);
  return { code: r.code, findings: report.findings.map((f: { path: string }) => f.path), files: report.summary.filesScanned, stderr: r.stderr };
}

const base: Tree = {
  '.gitignore': 'ignored/\n',
  'a.ts': cleanTs, 'b.ts': cleanTs, 'c.ts': leakTs(0), 'd.ts': cleanTs, 'gone.ts': leakTs(1),
  app: { 'Api.kt': 'package com.example\n\nfun f() = 1\n' },
  'README.md': 'readme\n',
};

/** A working tree with one change of every kind. */
function workingTree(): string {
  const root = repo(base);
  write(root, 'a.ts', leakTs(2)); // modified, not staged
  write(root, 'b.ts', leakTs(3)); git(root, 'add', 'b.ts'); // modified and staged
  write(root, 'new file é.ts', leakTs(4)); // untracked, with a space and a non-ASCII letter
  write(root, 'ignored/secret.ts', leakTs(5)); // untracked and ignored
  fs.rmSync(path.join(root, 'gone.ts')); // deleted, not staged
  fs.mkdirSync(path.join(root, 'sub dir'));
  git(root, 'mv', 'c.ts', 'sub dir/ç.ts'); // renamed, staged
  write(root, 'README.md', 'changed\n'); // changed, not a source file
  return root;
}

describe('--changed (the working tree)', () => {
  it('staged, unstaged and untracked files; not deleted, ignored, unchanged or unsupported ones; renamed under the new name', async () => {
    const root = workingTree();
    assert.deepEqual(await scanned(['scan', '--changed'], root), {
      code: 1, findings: ['a.ts', 'b.ts', 'new file é.ts', 'sub dir/ç.ts'], files: 4, stderr: '',
    });
    const text = await cli(['scan', '--changed'], root);
    assert.match(text.stdout, /\n4 findings \(4 errors, 0 warnings, 0 info\) in 4 files\n4 files scanned\n$/);
  });

  it('--staged: only what the next commit holds', async () => {
    const root = workingTree();
    assert.deepEqual(await scanned(['scan', '--staged'], root), { code: 1, findings: ['b.ts', 'sub dir/ç.ts'], files: 2, stderr: '' });
  });

  it('a clean working tree scans nothing and exits with 0', async () => {
    const root = repo(base);
    assert.deepEqual(await cli(['scan', '--changed'], root), { code: 0, stdout: 'No findings.\n0 files scanned\n', stderr: '' });
    assert.deepEqual(await cli(['scan', '--staged'], root), { code: 0, stdout: 'No findings.\n0 files scanned\n', stderr: '' });
  });

  it('from a subfolder: the changes below it (as paths default to the current folder), paths relative to it', async () => {
    const root = workingTree();
    write(root, 'app/Api.kt', leakKt(5));
    assert.deepEqual(await scanned(['scan', '--changed'], path.join(root, 'app')), { code: 1, findings: ['Api.kt'], files: 1, stderr: '' });
    // Outside the working directory, report paths are relative to the scanned folder (here the repository).
    assert.deepEqual(await scanned(['scan', '--changed', '..'], path.join(root, 'app')), {
      code: 1, findings: ['a.ts', 'app/Api.kt', 'b.ts', 'new file é.ts', 'sub dir/ç.ts'], files: 5, stderr: '',
    });
  });

  it('named paths narrow the changed files', async () => {
    const root = workingTree();
    assert.deepEqual(await scanned(['scan', '--changed', 'sub dir', 'a.ts', 'd.ts'], root), { code: 1, findings: ['a.ts', 'sub dir/ç.ts'], files: 2, stderr: '' });
  });

  it('a repository without commits: staged and untracked files', async () => {
    const root = makeTree({ 'one.ts': leakTs(0), 'two.ts': leakTs(1) });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', 'one.ts');
    assert.deepEqual(await scanned(['scan', '--changed'], root), { code: 1, findings: ['one.ts', 'two.ts'], files: 2, stderr: '' });
    assert.deepEqual(await scanned(['scan', '--staged'], root), { code: 1, findings: ['one.ts'], files: 1, stderr: '' });
  });

  it('a baselined finding in a changed file stays quiet', async () => {
    const root = repo(base);
    await cli(['scan', '--write-baseline', '.authlint-baseline.json'], root);
    write(root, 'c.ts', `// moved down\n\n${leakTs(0)}`);
    write(root, 'd.ts', leakTs(3));
    assert.deepEqual(await scanned(['scan', '--changed', '--baseline', '.authlint-baseline.json'], root), { code: 1, findings: ['d.ts'], files: 2, stderr: '' });
  });
});

describe('--staged scans what the index holds', () => {
  /** `path:line` of each finding of a JSON report. */
  async function stagedPlaces(args: string[], cwd: string): Promise<{ code: number; places: string[]; files: number; skipped: unknown[] }> {
    const r = await cli(['scan', '--staged', ...args, '--format', 'json'], cwd);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout);
    return { code: r.code, places: report.findings.map((f: { path: string; range: { start: { line: number } } }) => `${f.path}:${f.range.start.line}`), files: report.summary.filesScanned, skipped: report.skipped };
  }

  it('a key staged and then removed on disk is found, at its staged line; a key only on disk does not block the commit', async () => {
    const root = repo(base);
    write(root, 'd.ts', `// staged\n\n${leakTs(3)}`); git(root, 'add', 'd.ts');
    write(root, 'd.ts', cleanTs); // the working tree no longer has the key; the commit would
    write(root, 'b.ts', "export const title = 'staged and clean';\n"); git(root, 'add', 'b.ts');
    write(root, 'b.ts', leakTs(4)); // a key on disk only: not in the commit
    assert.deepEqual(await stagedPlaces([], root), { code: 1, places: ['d.ts:3'], files: 2, skipped: [] });
    git(root, 'reset', '-q', 'd.ts');
    assert.deepEqual(await stagedPlaces([], root), { code: 0, places: [], files: 1, skipped: [] });
  });

  it('fingerprints come from the staged text: a baselined key stays baselined in the commit whatever the disk holds', async () => {
    const root = repo(base);
    await cli(['scan', '--write-baseline', '.authlint-baseline.json'], root);
    write(root, 'c.ts', `// moved down\n\n${leakTs(0)}`); git(root, 'add', 'c.ts');
    write(root, 'c.ts', `${leakTs(5)}`); // on disk: another key, not staged
    const r = await cli(['scan', '--staged', '--baseline', '.authlint-baseline.json', '--format', 'json'], root);
    assert.deepEqual([r.code, JSON.parse(r.stdout).findings, JSON.parse(r.stdout).summary.baselined], [0, [], 1]);
  });

  it('a staged file deleted from the working tree is still scanned (it is in the commit); filters still apply', async () => {
    const root = repo(base);
    write(root, 'e.ts', leakTs(1)); write(root, 'ignored/f.ts', leakTs(2)); write(root, 'build/g.ts', leakTs(3));
    git(root, 'add', 'e.ts'); git(root, 'add', '-f', 'ignored/f.ts', 'build/g.ts');
    for (const f of ['e.ts', 'ignored/f.ts', 'build/g.ts']) fs.rmSync(path.join(root, f));
    assert.deepEqual(await stagedPlaces([], root), { code: 1, places: ['e.ts:1'], files: 1, skipped: [] });
  });

  it('a staged blob over the size limit is skipped like a large file, without being loaded', async () => {
    const root = repo(base);
    write(root, 'big.ts', `${leakTs(1)}${'// padding\n'.repeat(20)}`); git(root, 'add', 'big.ts');
    write(root, 'big.ts', cleanTs);
    const size = Buffer.byteLength(`${leakTs(1)}${'// padding\n'.repeat(20)}`);
    assert.deepEqual(await stagedPlaces(['--max-file-size', '100'], root), {
      code: 0, places: [], files: 0,
      skipped: [{ path: 'big.ts', reason: `larger than the size limit (${size} bytes > 100; raise it with --max-file-size or options.maxFileSize)` }],
    });
  });

  it('binary and UTF-16 staged content go through the same checks as files (read.ts)', async () => {
    const root = repo(base);
    write(root, 'bin.ts', '\u0000\u0001'); write(root, 'u16.ts', '');
    fs.writeFileSync(path.join(root, 'u16.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(leakTs(2), 'utf16le')]));
    git(root, 'add', 'bin.ts', 'u16.ts');
    write(root, 'bin.ts', cleanTs); write(root, 'u16.ts', cleanTs);
    assert.deepEqual(await stagedPlaces([], root), {
      code: 1, places: ['u16.ts:1'], files: 1, skipped: [{ path: 'bin.ts', reason: 'binary file (NUL bytes in the first 8 KB)' }],
    });
  });
});

describe('the repository of the scanned paths, not of the working directory', () => {
  it('from another repository: the target repository\'s changes (was: 0 files scanned, exit 0)', async () => {
    const target = workingTree();
    const other = repo({ 'x.ts': cleanTs });
    write(other, 'x.ts', leakTs(0)); // a change in the working directory's repository: not asked for
    // Report paths are relative to the scanned folder (it is outside the working directory).
    assert.deepEqual(await scanned(['scan', '--changed', target], other), {
      code: 1, findings: ['a.ts', 'b.ts', 'new file é.ts', 'sub dir/ç.ts'], files: 4, stderr: '',
    });
    assert.deepEqual(await scanned(['scan', '--staged', target], other), { code: 1, findings: ['b.ts', 'sub dir/ç.ts'], files: 2, stderr: '' });
  });

  it('from a folder outside any repository (was: exit 2, "not inside a git repository")', async () => {
    const target = workingTree();
    const outside = makeTree({});
    assert.deepEqual(await scanned(['scan', '--staged', path.join(target, 'sub dir')], outside), { code: 1, findings: ['ç.ts'], files: 1, stderr: '' });
    assert.deepEqual(await scanned(['scan', '--changed', target, path.join(target, 'sub dir')], outside), {
      code: 1, findings: ['a.ts', 'b.ts', 'new file é.ts', 'sub dir/ç.ts'], files: 4, stderr: '',
    });
  });

  it('paths in two repositories: each repository\'s changes', async () => {
    const one = workingTree();
    const two = repo({ 'y.ts': cleanTs });
    write(two, 'y.ts', leakTs(1)); git(two, 'add', 'y.ts');
    const r = await scanned(['scan', '--staged', one, two], makeTree({}));
    const rel = (repoRoot: string, f: string) => `${path.relative(path.dirname(one), repoRoot)}/${f}`;
    assert.deepEqual(r, { code: 1, findings: [rel(one, 'b.ts'), rel(one, 'sub dir/ç.ts'), rel(two, 'y.ts')].sort(), files: 3, stderr: '' });
  });

  it('a path outside any repository is an error naming it, even when another path is in one', async () => {
    const inRepo = repo(base);
    const outside = makeTree({ 'z.ts': leakTs(0) });
    assert.deepEqual(await cli(['scan', '--changed', inRepo, path.join(outside, 'z.ts')], inRepo),
      { code: 2, stdout: '', stderr: `authlint: --changed: ${outside} is not inside a git repository\n` });
  });
});

describe('--changed=REF', () => {
  it('what the branch changed since its merge base with REF, committed or not, plus untracked files', async () => {
    const root = repo(base);
    git(root, 'checkout', '-q', '-b', 'feature');
    write(root, 'a.ts', leakTs(2));
    git(root, 'rm', '-q', 'gone.ts');
    git(root, 'commit', '-q', '-am', 'feature work');
    // main moves on after the branch point: its change is not the branch's.
    git(root, 'checkout', '-q', 'main');
    write(root, 'd.ts', leakTs(5));
    git(root, 'commit', '-q', '-am', 'main work');
    git(root, 'checkout', '-q', 'feature');
    write(root, 'b.ts', leakTs(3)); // uncommitted
    write(root, 'untracked.ts', leakTs(4));
    assert.deepEqual(await scanned(['scan', '--changed=main'], root), { code: 1, findings: ['a.ts', 'b.ts', 'untracked.ts'], files: 3, stderr: '' });
    assert.deepEqual(await scanned(['scan', '--changed=HEAD'], root), { code: 1, findings: ['b.ts', 'untracked.ts'], files: 2, stderr: '' });
    const sha = git(root, 'rev-parse', 'HEAD~1').trim();
    assert.deepEqual(await scanned(['scan', `--changed=${sha}`], root), { code: 1, findings: ['a.ts', 'b.ts', 'untracked.ts'], files: 3, stderr: '' });
  });
});

describe('--changed errors exit with 2', () => {
  it('not a git repository', async () => {
    const root = makeTree({ 'a.ts': leakTs(0) });
    assert.deepEqual(await cli(['scan', '--changed'], root), { code: 2, stdout: '', stderr: `authlint: --changed: ${root} is not inside a git repository\n` });
    assert.deepEqual(await cli(['scan', '--staged'], root), { code: 2, stdout: '', stderr: `authlint: --staged: ${root} is not inside a git repository\n` });
  });

  it('an unknown revision', async () => {
    const root = repo(base);
    assert.deepEqual(await cli(['scan', '--changed=no-such-branch'], root), { code: 2, stdout: '', stderr: 'authlint: --changed=no-such-branch: unknown git revision "no-such-branch"\n' });
  });

  it('git missing', async () => {
    const root = repo(base);
    assert.deepEqual(await gitChangedFiles([root], { kind: 'changed' }, path.join(root, 'no-git-here')),
      { error: `--changed needs git, and "${path.join(root, 'no-git-here')}" was not found on the PATH` });
  });

  it('"--changed REF" with a space: REF is a path; a missing one says how to name a revision', async () => {
    const root = repo(base);
    const r = await cli(['scan', '--changed', 'main'], root);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'authlint: no such file or folder: main (to compare with a git revision, write --changed=REF)\n');
  });

  for (const [args, message] of [
    [['scan', '--changed', '--staged'], 'give only one of --changed, --changed=REF and --staged'],
    [['scan', '--changed=a', '--changed=b'], 'give only one of --changed, --changed=REF and --staged'],
    [['scan', '--changed='], '--changed=REF needs a git revision after "=", not ""'],
    [['scan', '--changed=--output=x'], '--changed=REF needs a git revision after "=", not "--output=x"'],
  ] as [string[], string][]) {
    it(args.slice(1).join(' '), async () => {
      assert.deepEqual(await cli(args, repo(base)), { code: 2, stdout: '', stderr: `authlint: ${message}\n\n${usage}` });
    });
  }

  it('--help names every option of this feature', () => {
    for (const option of ['--baseline FILE', '--write-baseline FILE', '--changed ', '--changed=REF', '--staged']) assert.ok(usage.includes(`\n  ${option}`), option);
  });

  it('"--" ends the options: a file named --changed is a path', () => {
    assert.deepEqual(takeChangedFlags(['scan', '--changed=main', '--', '--changed']), { rest: ['scan', '--', '--changed'], changed: [{ kind: 'changed', ref: 'main' }] });
  });
});
