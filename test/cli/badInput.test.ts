// Bad input to `authlint scan`, end to end: binary files, invalid UTF-8, UTF-16 with a byte-order mark, a 50 MB
// file, symbolic link loops, unreadable files and folders, empty folders, paths that do not exist, an invalid
// .authlint.json. Each one is named with its reason in the text summary and as a SARIF notification (the file as
// its location), the rest of the tree is still scanned (a key elsewhere is reported), and the exit code keeps its
// meaning: 1 for the key, 0 without it, 2 only for a missing path or an invalid configuration.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../server/src/cli/main';
import { makeTree } from '../helpers/tree';

// Invented (no provider's format); reported as hardcoded-secret because of the name it is assigned to.
const KEY = 'Zq8vLr2Xw9TnB4kPm7Yc1HdS';
const leak = `package com.example\n\nval apiKey = "${KEY}"\n`;
const mainJs = path.join(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');
const linux = process.platform === 'linux';
const posix = process.platform !== 'win32';
const asRoot = process.getuid?.() === 0;

interface CliRun { code: number; stdout: string; stderr: string }

async function cli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } }, cwd, env: {} });
  return { code, stdout, stderr };
}

/** The compiled CLI in a child process; as root, as the unprivileged user `nobody`, for whom chmod 000 is real. */
function cliProcess(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainJs, ...args], { cwd, ...(asRoot ? { uid: 65534, gid: 65534 } : {}), env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c; });
    child.stderr.on('data', (c: Buffer) => { stderr += c; });
    child.on('error', reject);
    child.on('close', code => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

interface Notification { level: string; descriptor: { id: string }; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: unknown } }[] }

/** The SARIF run's tool execution notifications as [level, uri, text]. */
function notifications(sarif: string): [string, string, string][] {
  const [runLog] = JSON.parse(sarif).runs;
  assert.equal(runLog.invocations.length, 1);
  assert.equal(runLog.invocations[0].executionSuccessful, true);
  return runLog.invocations[0].toolExecutionNotifications.map((n: Notification) => {
    assert.equal(n.locations.length, 1);
    assert.equal(n.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.equal(n.descriptor.id, n.level === 'warning' ? 'file-skipped' : 'file-notice');
    return [n.level, n.locations[0].physicalLocation.artifactLocation.uri, n.message.text];
  });
}

function sarifFindings(sarif: string): string[] {
  return JSON.parse(sarif).runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => {
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${r.ruleId}`;
  });
}

/** The text report's lines after the findings: the counts, the skipped files and the notes. */
function summary(text: string): string[] {
  const lines = text.trimEnd().split('\n');
  return lines.slice(lines.findIndex(l => /^(\d+ findings? \(|No findings\.)/.test(l)));
}

/** The `path:line:column ruleId` of each finding in the text report. */
function textFindings(text: string): string[] {
  return [...text.matchAll(/^(\S+:\d+:\d+) +\w+ +.*  (\S+)$/gm)].map(m => `${m[1]} ${m[2]}`);
}

interface Expect {
  code: number;
  findings: string[];
  /** Text summary lines, exactly. */
  summary: string[];
  /** SARIF notifications: [level, uri, text]. */
  notifications: [string, string, string][];
  stderr?: string;
}

/** Runs the same scan as text and as SARIF and checks both, and the exit code, against `e`. */
async function check(root: string, args: string[], e: Expect, runner = cli): Promise<void> {
  const text = await runner(['scan', ...args], root);
  assert.equal(text.code, e.code, `exit code (text); stderr: ${text.stderr}`);
  assert.equal(text.stderr, e.stderr ?? '');
  assert.deepEqual(textFindings(text.stdout), e.findings, 'findings in the text report');
  assert.deepEqual(summary(text.stdout), e.summary, 'summary of the text report');
  const sarif = await runner(['scan', ...args, '--format', 'sarif'], root);
  assert.equal(sarif.code, e.code, 'exit code (SARIF)');
  assert.deepEqual(sarifFindings(sarif.stdout), e.findings, 'SARIF results');
  assert.deepEqual(notifications(sarif.stdout), e.notifications, 'SARIF notifications');
  assert.ok(!(text.stdout + sarif.stdout).includes(KEY), 'a report shows the whole key');
}

const skippedNote = (uri: string, reason: string): [string, string, string] => ['warning', uri, `Not analysed: ${reason}`];
const note = (uri: string, message: string): [string, string, string] => ['note', uri, message];

describe('bad input: the file and the reason in the summary and in SARIF; the rest is scanned; the exit code keeps its meaning', () => {
  it('binary file (NUL bytes)', async () => {
    const root = makeTree({ src: { 'Blob.kt': Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), 'Api.kt': leak } });
    const reason = 'binary file (NUL bytes in the first 8 KB)';
    await check(root, [], {
      code: 1,
      findings: ['src/Api.kt:3:15 hardcoded-secret'],
      summary: ['1 finding (1 error, 0 warnings, 0 info) in 1 file', '1 file scanned, 1 skipped:', `  src/Blob.kt: ${reason}`],
      notifications: [skippedNote('src/Blob.kt', reason)],
    });
    fs.rmSync(path.join(root, 'src', 'Api.kt'));
    assert.equal((await cli(['scan'], root)).code, 0, 'a binary file alone does not fail the scan');
  });

  it('invalid UTF-8: analysed with U+FFFD in place of the bad bytes (positions kept), and noted', async () => {
    const bytes = Buffer.concat([Buffer.from('package com.example\n\nval city = "Z'), Buffer.from([0xfc]), Buffer.from(`rich"\nval apiKey = "${KEY}"\n`)]);
    const root = makeTree({ src: { 'Legacy.kt': bytes } });
    const message = 'not valid UTF-8: undecodable bytes were replaced with U+FFFD';
    await check(root, [], {
      code: 1,
      findings: ['src/Legacy.kt:4:15 hardcoded-secret'],
      summary: ['1 finding (1 error, 0 warnings, 0 info) in 1 file', '1 file scanned', 'Notes:', `  src/Legacy.kt: ${message}`],
      notifications: [note('src/Legacy.kt', message)],
    });
  });

  it('UTF-16 LE and BE with a byte-order mark: decoded (the key found at its line and column), and noted', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(leak, 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    const root = makeTree({ src: { 'Wide.kt': le, 'WideBe.kt': be } });
    await check(root, [], {
      code: 1,
      findings: ['src/Wide.kt:3:15 hardcoded-secret', 'src/WideBe.kt:3:15 hardcoded-secret'],
      summary: ['2 findings (2 errors, 0 warnings, 0 info) in 2 files', '2 files scanned', 'Notes:',
        '  src/Wide.kt: UTF-16 LE text (byte-order mark): decoded as UTF-16', '  src/WideBe.kt: UTF-16 BE text (byte-order mark): decoded as UTF-16'],
      notifications: [note('src/Wide.kt', 'UTF-16 LE text (byte-order mark): decoded as UTF-16'), note('src/WideBe.kt', 'UTF-16 BE text (byte-order mark): decoded as UTF-16')],
    });
  });

  it('a 50 MB file: skipped by size with the numbers and the way to raise the limit; analysed (in bounded time) when raised', async () => {
    const root = makeTree({ src: { 'Api.kt': leak } });
    const huge = path.join(root, 'src', 'Huge.kt');
    const line = 'val greeting = "hello, world"\n';
    const fd = fs.openSync(huge, 'w');
    try {
      fs.writeSync(fd, leak);
      const block = line.repeat(Math.floor((1 << 20) / line.length));
      while (fs.fstatSync(fd).size < 50 * (1 << 20)) fs.writeSync(fd, block);
    } finally {
      fs.closeSync(fd);
    }
    const size = fs.statSync(huge).size;
    assert.ok(size >= 50 * (1 << 20));
    const reason = `larger than the size limit (${size} bytes > 2000000; raise it with --max-file-size or options.maxFileSize)`;
    await check(root, [], {
      code: 1,
      findings: ['src/Api.kt:3:15 hardcoded-secret'],
      summary: ['1 finding (1 error, 0 warnings, 0 info) in 1 file', '1 file scanned, 1 skipped:', `  src/Huge.kt: ${reason}`],
      notifications: [skippedNote('src/Huge.kt', reason)],
    });
    const started = Date.now();
    const raised = await cli(['scan', 'src/Huge.kt', '--max-file-size', String(60 * (1 << 20))], root);
    assert.equal(raised.code, 1);
    assert.deepEqual(textFindings(raised.stdout), ['src/Huge.kt:3:15 hardcoded-secret']);
    assert.ok(Date.now() - started < 60_000, `a 50 MB file took ${Date.now() - started} ms`);
  });

  it('symbolic link loops: a link to itself, a circle of links, a link back to an enclosing folder', { skip: !posix }, async () => {
    const root = makeTree({ src: { 'Api.kt': leak, nested: { 'Deep.kt': 'val x = 1\n' } } });
    fs.symlinkSync('Self.kt', path.join(root, 'src', 'Self.kt'));
    fs.symlinkSync('ring-b', path.join(root, 'ring-a'));
    fs.symlinkSync('ring-a', path.join(root, 'ring-b'));
    fs.symlinkSync('..', path.join(root, 'src', 'nested', 'up'));
    const circle = (target: string) => `symbolic link loop (target ${target} leads round in a circle of links)`;
    const enclosing = 'symbolic link loop: leads back to an enclosing folder (..); its files are scanned once';
    await check(root, [], {
      code: 1,
      findings: ['src/Api.kt:3:15 hardcoded-secret'],
      summary: ['1 finding (1 error, 0 warnings, 0 info) in 1 file', '2 files scanned, 3 skipped:',
        `  ring-a: ${circle('ring-b')}`, `  ring-b: ${circle('ring-a')}`, `  src/Self.kt: ${circle('Self.kt')}`,
        'Notes:', `  src/nested/up: ${enclosing}`],
      notifications: [skippedNote('ring-a', circle('ring-b')), skippedNote('ring-b', circle('ring-a')), skippedNote('src/Self.kt', circle('Self.kt')),
        note('src/nested/up', enclosing)],
    });
    const named = await cli(['scan', 'src/Self.kt', 'src'], root);
    assert.deepEqual([named.code, summary(named.stdout).slice(1, 3)], [1, ['2 files scanned, 1 skipped:', `  src/Self.kt: ${circle('Self.kt')}`]]);
  });

  it('an unreadable file, as root too: /proc/self/mem reads with EIO', { skip: !linux }, async () => {
    const root = makeTree({ src: { 'Api.kt': leak } });
    fs.symlinkSync('/proc/self/mem', path.join(root, 'src', 'Mem.kt'));
    const reason = 'cannot read file (EIO: i/o error)';
    await check(root, [], {
      code: 1,
      findings: ['src/Api.kt:3:15 hardcoded-secret'],
      summary: ['1 finding (1 error, 0 warnings, 0 info) in 1 file', '1 file scanned, 1 skipped:', `  src/Mem.kt: ${reason}`],
      notifications: [skippedNote('src/Mem.kt', reason)],
    });
  });

  it('an unreadable file and folder (chmod 000; as root the CLI runs as nobody)', { skip: !posix }, async () => {
    const root = makeTree({ 'Api.kt': leak, 'Locked.kt': `val token = "${KEY}"\n`, locked: { 'Hidden.kt': leak } });
    fs.chmodSync(root, 0o755); // mkdtemp makes it 0700: nobody could not enter it at all
    fs.chmodSync(path.join(root, 'Locked.kt'), 0);
    fs.chmodSync(path.join(root, 'locked'), 0);
    try {
      await check(root, [], {
        code: 1,
        findings: ['Api.kt:3:15 hardcoded-secret'],
        summary: ['1 finding (1 error, 0 warnings, 0 info) in 1 file', '1 file scanned, 2 skipped:',
          '  Locked.kt: cannot read file (EACCES: permission denied)', '  locked: cannot read folder (EACCES: permission denied)'],
        notifications: [skippedNote('Locked.kt', 'cannot read file (EACCES: permission denied)'), skippedNote('locked', 'cannot read folder (EACCES: permission denied)')],
      }, cliProcess);
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
      fs.chmodSync(path.join(root, 'Locked.kt'), 0o644);
    }
  });

  it('an unreadable file or folder named on the command line is a usage error (exit 2), not "no findings"', { skip: !posix }, async () => {
    const root = makeTree({ 'Api.kt': leak, 'Locked.kt': `val token = "${KEY}"\n`, locked: { 'Hidden.kt': leak } });
    fs.chmodSync(root, 0o755);
    fs.chmodSync(path.join(root, 'Locked.kt'), 0);
    fs.chmodSync(path.join(root, 'locked'), 0);
    try {
      assert.deepEqual(await cliProcess(['scan', 'Api.kt', 'Locked.kt', 'locked', '--format', 'sarif', '-o', 'out.sarif'], root), {
        code: 2, stdout: '', stderr: 'authlint: cannot read Locked.kt (EACCES: permission denied), locked (EACCES: permission denied)\n',
      });
      assert.equal(fs.existsSync(path.join(root, 'out.sarif')), false, 'found before any report is written');
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
      fs.chmodSync(path.join(root, 'Locked.kt'), 0o644);
    }
  });

  it('a link to an unreadable file, and a file in a folder that cannot be searched, named on the command line: exit 2', { skip: !posix }, async () => {
    const root = makeTree({ 'Locked.kt': `val token = "${KEY}"\n`, noexec: { 'In.kt': leak } });
    fs.chmodSync(root, 0o755);
    fs.symlinkSync('Locked.kt', path.join(root, 'link.kt'));
    fs.chmodSync(path.join(root, 'Locked.kt'), 0);
    fs.chmodSync(path.join(root, 'noexec'), 0o644); // listable, not searchable: its files cannot even be looked up
    try {
      // The link used to pass as "No findings" (exit 0), the file in the folder as an internal error with a stack.
      assert.deepEqual(await cliProcess(['scan', 'link.kt'], root), { code: 2, stdout: '', stderr: 'authlint: cannot read link.kt (EACCES: permission denied)\n' });
      assert.deepEqual(await cliProcess(['scan', 'noexec/In.kt'], root), { code: 2, stdout: '', stderr: 'authlint: cannot read noexec/In.kt (EACCES: permission denied)\n' });
    } finally {
      fs.chmodSync(path.join(root, 'noexec'), 0o755);
      fs.chmodSync(path.join(root, 'Locked.kt'), 0o644);
    }
  });

  it('--changed and --staged with what cannot be read: listed as skipped or a clear error, never a silent pass', { skip: !posix }, async () => {
    const root = makeTree({ 'Api.kt': 'val x = 1\n', locked: { 'Hidden.kt': 'val y = 2\n' }, noexec: { 'In.kt': 'val z = 3\n' } });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=AuthLint Tests', '-c', 'user.email=tests@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'init');
    fs.appendFileSync(path.join(root, 'locked', 'Hidden.kt'), leak);
    fs.appendFileSync(path.join(root, 'noexec', 'In.kt'), leak);
    fs.appendFileSync(path.join(root, 'Api.kt'), leak.replace('package com.example\n\n', ''));
    fs.chmodSync(root, 0o755);
    // As root the CLI runs as nobody, and git refuses a repository its user does not own.
    if (asRoot) execFileSync('chown', ['-R', '65534:65534', root]);
    fs.chmodSync(path.join(root, 'locked'), 0);
    fs.chmodSync(path.join(root, 'noexec'), 0o644);
    try {
      // git cannot tell whether anything in them changed: they are listed, not passed over as unchanged.
      const changed = await cliProcess(['scan', '--changed'], root);
      assert.equal(changed.code, 1, changed.stderr);
      assert.deepEqual(summary(changed.stdout), ['1 finding (1 error, 0 warnings, 0 info) in 1 file', '1 file scanned, 2 skipped:',
        '  locked: cannot read folder (EACCES: permission denied)', '  noexec/In.kt: cannot read file (EACCES: permission denied)']);
      // git runs from a named folder: one that cannot be entered is said so (it was "git rev-parse failed in …: ").
      assert.deepEqual(await cliProcess(['scan', 'locked', '--staged'], root),
        { code: 2, stdout: '', stderr: `authlint: --staged: cannot read folder ${path.join(root, 'locked')} (EACCES: permission denied)\n` });
    } finally {
      fs.chmodSync(path.join(root, 'noexec'), 0o755);
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('an empty folder named on the command line is noted (an empty checkout must not pass in silence); empty folders inside are not', async () => {
    const root = makeTree({ src: { 'Api.kt': leak, blank: {} }, empty: {}, docs: { 'README.md': '# shop\n' } });
    const none = 'no Kotlin, Java, TypeScript, JavaScript or Gradle file to scan in this folder';
    await check(root, ['src', 'empty', 'docs'], {
      code: 1,
      findings: ['src/Api.kt:3:15 hardcoded-secret'],
      summary: ['1 finding (1 error, 0 warnings, 0 info) in 1 file', '1 file scanned', 'Notes:', `  docs: ${none}`, `  empty: ${none}`],
      notifications: [note('docs', none), note('empty', none)],
    });
    await check(path.join(root, 'empty'), [], {
      code: 0, findings: [], summary: ['No findings.', '0 files scanned', 'Notes:', `  .: ${none}`], notifications: [note('.', none)],
    });
  });

  it('a path that does not exist: exit 2 and a message before anything is scanned or written', async () => {
    const root = makeTree({ src: { 'Api.kt': leak } });
    for (const format of ['text', 'sarif']) {
      const r = await cli(['scan', 'src', 'scr/Typo.kt', '--format', format], root);
      assert.deepEqual(r, { code: 2, stdout: '', stderr: 'authlint: no such file or folder: scr/Typo.kt\n' }, format);
    }
  });
});

describe('an invalid .authlint.json: exit 2, file:line:column on stderr, and a SARIF configuration notification', () => {
  /** The SARIF log of a run that never started: [level, uri, line, column, text] per notification. */
  function configNotifications(sarif: string): [string, string, number | undefined, number | undefined, string][] {
    const [runLog] = JSON.parse(sarif).runs;
    assert.equal(runLog.invocations[0].executionSuccessful, false);
    assert.ok(!('results' in runLog), 'a run that did not scan has no results (an empty list would close every alert)');
    return runLog.invocations[0].toolConfigurationNotifications.map((n: Notification & { locations: { physicalLocation: { region?: { startLine: number; startColumn: number } } }[] }) => {
      assert.equal(n.descriptor.id, 'config-invalid');
      const { artifactLocation, region } = n.locations[0].physicalLocation;
      return [n.level, artifactLocation.uri, region?.startLine, region?.startColumn, n.message.text];
    });
  }

  it('an unknown rule and a bad level, found in the scan root', async () => {
    const root = makeTree({ 'Api.kt': leak, '.authlint.json': '{\n  "rules": {\n    "hardcoded-secret": "loud"\n  },\n  "failOn": "never"\n}\n' });
    const text = await cli(['scan'], root);
    assert.deepEqual(text, {
      code: 2,
      stdout: '',
      stderr: [
        'authlint: invalid configuration:',
        '  .authlint.json:3:25: rules.hardcoded-secret: expected "off", "info", "warning" or "error", got "loud"',
        '  .authlint.json:5:13: failOn: expected "error", "warning" or "info", got "never"',
        '',
      ].join('\n'),
    });
    const sarif = await cli(['scan', '--format', 'sarif'], root);
    assert.equal(sarif.code, 2);
    assert.equal(sarif.stderr, text.stderr);
    assert.deepEqual(configNotifications(sarif.stdout), [
      ['error', '.authlint.json', 3, 25, 'rules.hardcoded-secret: expected "off", "info", "warning" or "error", got "loud"'],
      ['error', '.authlint.json', 5, 13, 'failOn: expected "error", "warning" or "info", got "never"'],
    ]);
    const written = await cli(['scan', '--format', 'sarif', '--output', 'reports/authlint.sarif'], root);
    assert.deepEqual([written.code, written.stdout], [2, '']);
    assert.equal(fs.readFileSync(path.join(root, 'reports', 'authlint.sarif'), 'utf8'), sarif.stdout);
  });

  it('invalid JSON', async () => {
    const root = makeTree({ 'Api.kt': leak, '.authlint.json': '{ "rules": { "hardcoded-secret": "error" }' });
    const sarif = await cli(['scan', '--format', 'sarif'], root);
    assert.equal(sarif.code, 2);
    assert.equal(sarif.stderr, "authlint: invalid configuration:\n  .authlint.json:1:43: invalid JSON: expected ',' or '}' after a property value, found the end of the file\n");
    assert.deepEqual(configNotifications(sarif.stdout), [['error', '.authlint.json', 1, 43, "invalid JSON: expected ',' or '}' after a property value, found the end of the file"]]);
  });

  it('a folder where the configuration file is expected (a failure root cannot read past either)', async () => {
    const root = makeTree({ 'Api.kt': leak, '.authlint.json': {} });
    const sarif = await cli(['scan', '--format', 'sarif'], root);
    assert.equal(sarif.code, 2);
    assert.equal(sarif.stderr, 'authlint: cannot read config file .authlint.json: EISDIR: illegal operation on a directory, read\n');
    assert.deepEqual(configNotifications(sarif.stdout),
      [['error', '.authlint.json', undefined, undefined, 'cannot read the configuration file: EISDIR: illegal operation on a directory, read']]);
  });
});
