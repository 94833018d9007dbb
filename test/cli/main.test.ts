// The CLI end to end, in-process, with the real engine: exit codes, config errors, formats, masking.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, usage } from '../../server/src/cli/main';
import { crossFileClientSecret } from '../helpers/fixtures';
import { makeTree, type Tree } from '../helpers/tree';

interface CliRun { code: number; stdout: string; stderr: string }

async function cli(args: string[], cwd: string, options: { env?: Record<string, string>; tty?: boolean; stderrTty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => { stdout += s; }, isTTY: options.tty ?? false },
    stderr: { write: (s: string) => { stderr += s; }, isTTY: options.stderrTty ?? false },
    cwd,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

// Fresh values on every run, so no real-looking secret is written in this file.
const signingKey = randomBytes(20).toString('hex');
const clientSecret = randomBytes(28).toString('base64url');

const signerKt = `package com.example.pay

import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

private const val KEY = "${signingKey}"

fun sign(body: String): ByteArray {
    val mac = Mac.getInstance("HmacSHA256")
    mac.init(SecretKeySpec(KEY.toByteArray(), "HmacSHA256"))
    return mac.doFinal(body.toByteArray())
}
`;
const { secretsTs, tokensTs } = crossFileClientSecret(clientSecret);
const clean: Tree = { 'Main.kt': 'fun main() = println("hello")\n', web: { 'app.ts': 'export const title = "shop";\n' } };
const leaky: Tree = { app: { 'Signer.kt': signerKt }, web: { 'secrets.ts': secretsTs, 'tokens.ts': tokensTs } };

describe('exit codes', () => {
  it('0 when nothing is found', async () => {
    const r = await cli(['scan'], makeTree(clean));
    assert.deepEqual(r, { code: 0, stdout: 'No findings.\n2 files scanned\n', stderr: '' });
  });

  it('2 when a named path does not exist (a typo in CI must not pass), before writing any report', async () => {
    const root = makeTree(clean);
    assert.deepEqual(await cli(['scan', 'web', 'nope', '--format', 'json'], root), { code: 2, stdout: '', stderr: 'authlint: no such file or folder: nope\n' });
    assert.deepEqual(await cli(['scan', 'web', 'nope', 'gone.ts', '-o', 'out/report.sarif', '--format', 'sarif'], root),
      { code: 2, stdout: '', stderr: 'authlint: no such file or folder: nope, gone.ts\n' });
    assert.equal(fs.existsSync(path.join(root, 'out')), false, 'no report written');
  });

  it('2 with a clear reason when the report cannot be written, and never hangs on /proc', async () => {
    const root = makeTree(clean);
    const proc = await cli(['scan', '--output', '/proc/authlint-nope/r.txt'], root);
    assert.equal(proc.code, 2);
    assert.match(proc.stderr, /^authlint: cannot write the report to \/proc\/authlint-nope\/r\.txt: ENOENT/);
    const underFile = await cli(['scan', '--output', 'Main.kt/r.txt'], root);
    assert.deepEqual([underFile.code, underFile.stderr], [2, `authlint: cannot write the report to Main.kt/r.txt: ${path.join(root, 'Main.kt')} is not a folder\n`]);
  });

  it('1 when a finding is at or above --fail-on (default error)', async () => {
    const root = makeTree(leaky);
    const r = await cli(['scan'], root);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^app\/Signer\.kt:6:\d+ {2}error {4}Hard-coded key .* {2}hardcoded-signing-key$/);
    assert.match(lines[2], /^web\/secrets\.ts:1:\d+ {2}error {4}OAuth client secret hard-coded .* {2}hardcoded-client-secret$/);
    assert.deepEqual(lines.slice(4), ['2 findings (2 errors, 0 warnings, 0 info) in 2 files', '3 files scanned', '']);
  });

  it('follows the severity set in the config, the config\'s failOn, and --fail-on over both', async () => {
    const root = makeTree({ ...leaky, '.authlint.json': JSON.stringify({ rules: { 'hardcoded-signing-key': 'warning', 'hardcoded-client-secret': 'off', 'hardcoded-secret': 'warning' } }) });
    assert.equal((await cli(['scan'], root)).code, 0);
    assert.equal((await cli(['scan', '--fail-on', 'warning'], root)).code, 1);
    assert.equal((await cli(['scan', '--fail-on=info'], root)).code, 1);
    fs.writeFileSync(path.join(root, '.authlint.json'), JSON.stringify({ rules: { 'hardcoded-signing-key': 'warning' }, failOn: 'warning' }));
    assert.equal((await cli(['scan', 'app'], root)).code, 1);
    assert.equal((await cli(['scan', 'app', '--fail-on', 'error'], root)).code, 0);
  });

  it('skipped files are listed but do not change the exit code', async () => {
    const root = makeTree({ ...clean, 'Blob.kt': Uint8Array.from([0x50, 0x4b, 0, 1]), 'big.ts': 'x'.repeat(200) });
    const r = await cli(['scan', '--max-file-size', '100'], root);
    assert.deepEqual(r, {
      code: 0,
      stdout: [
        'No findings.',
        '2 files scanned, 2 skipped:',
        '  Blob.kt: binary file (NUL bytes in the first 8 KB)',
        '  big.ts: larger than the size limit (200 bytes > 100; raise it with --max-file-size or options.maxFileSize)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('--quiet hides findings below the threshold and the summary', async () => {
    const root = makeTree({ ...leaky, '.authlint.json': '{"rules": {"hardcoded-signing-key": "info"}}' });
    const r = await cli(['scan', '--quiet'], root);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^web\/secrets\.ts:1:\d+ {2}error .* hardcoded-client-secret\n$/);
    assert.deepEqual(await cli(['scan', '-q'], makeTree(clean)), { code: 0, stdout: '', stderr: '' });
  });
});

describe('usage errors exit with 2 and print the usage', () => {
  const root = makeTree(clean);
  const cases: [string[], string][] = [
    [[], 'missing command: use "authlint scan [paths...]"'],
    [['lint'], 'unknown command "lint"'],
    [['scan', '--frobnicate'], 'unknown option "--frobnicate"'],
    [['scan', '-x'], 'unknown option "-x"'],
    [['scan', '--quiet=yes'], "Option '-q, --quiet' does not take an argument"],
    [['scan', '--format', 'xml'], '--format must be text, json or sarif, not "xml"'],
    [['scan', '--format'], '--format needs a value'],
    [['scan', '-o'], '-o, --output needs a value'],
    [['scan', '--fail-on', 'warn'], '--fail-on must be error, warning or info, not "warn"'],
    [['scan', '--max-file-size', '2MB'], '--max-file-size must be a positive whole number of bytes, not "2MB"'],
    [['scan', '--max-file-size', '0'], '--max-file-size must be a positive whole number of bytes, not "0"'],
    [['scan', '--output='], '--output needs a file name'],
    [['scan', ''], 'an empty path names no file or folder (write "." for the current folder)'],
    [['scan', 'web', ''], 'an empty path names no file or folder (write "." for the current folder)'],
    [['scan', '--jobs', '-1'], '--jobs must be a whole number from 1 to 999, not "-1"'],
    [['scan', '-j', '-2'], '--jobs must be a whole number from 1 to 999, not "-2"'],
    [['scan', '--max-file-size', '-5'], '--max-file-size must be a positive whole number of bytes, not "-5"'],
    [['scan', '-o', '-r.txt'], '-o needs a value; for a value that starts with "-", write --output=VALUE'],
  ];
  for (const [args, message] of cases) {
    it(args.join(' ') || '(no arguments)', async () => {
      assert.deepEqual(await cli(args, root), { code: 2, stdout: '', stderr: `authlint: ${message}\n\n${usage}` });
    });
  }

  it('--help and --version exit with 0', async () => {
    assert.deepEqual(await cli(['--help'], root), { code: 0, stdout: usage, stderr: '' });
    assert.deepEqual(await cli(['scan', '-h'], root), { code: 0, stdout: usage, stderr: '' });
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    assert.deepEqual(await cli(['--version'], root), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('configuration errors exit with 2 and name the file, the JSON path and the expectation', () => {
  it('an invalid .authlint.json found in the scan root', async () => {
    const root = makeTree({ ...clean, '.authlint.json': '{\n  "rules": { "hardcoded-secrt": "error", "hardcoded-secret": "loud" }\n}\n' });
    assert.deepEqual(await cli(['scan'], root), {
      code: 2,
      stdout: '',
      stderr: [
        'authlint: invalid configuration:',
        '  .authlint.json:2:14: rules.hardcoded-secrt: unknown rule id "hardcoded-secrt" (did you mean "hardcoded-secret"?); expected an AuthLint rule id (docs/rules/)',
        '  .authlint.json:2:62: rules.hardcoded-secret: expected "off", "info", "warning" or "error", got "loud"',
        '',
      ].join('\n'),
    });
  });

  it('the nearest .authlint.json at or above the first scanned path is used', async () => {
    const root = makeTree({ ...leaky, '.authlint.json': '{"ignore": ["secrets.ts"], "rules": {"hardcoded-signing-key": "off", "hardcoded-secret": "off"}}' });
    assert.deepEqual(await cli(['scan', 'app', 'web'], root), { code: 0, stdout: 'No findings.\n2 files scanned\n', stderr: '' });
    assert.equal((await cli(['scan'], path.join(root, 'app'))).code, 0, 'found from a subfolder');
    fs.writeFileSync(path.join(root, 'app', '.authlint.json'), '{}');
    assert.equal((await cli(['scan', 'app'], root)).code, 1, 'a nearer config replaces the one above');
  });

  it('invalid JSON, a missing --config file', async () => {
    const root = makeTree({ ...clean, 'bad.json': '{"rules": {}' });
    assert.deepEqual(await cli(['scan', '--config', 'bad.json'], root),
      { code: 2, stdout: '', stderr: "authlint: invalid configuration:\n  bad.json:1:13: invalid JSON: expected ',' or '}' after a property value, found the end of the file\n" });
    const missing = await cli(['scan', '-c', 'nope.json'], root);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `authlint: cannot read config file nope.json: ENOENT: no such file or directory, open '${path.join(root, 'nope.json')}'\n`);
  });
});

describe('output', () => {
  it('--output writes the report to a file (creating its folder) and nothing to stdout', async () => {
    const root = makeTree(leaky);
    const r = await cli(['scan', '--format', 'json', '--output', 'reports/authlint.json'], root);
    assert.deepEqual(r, { code: 1, stdout: '', stderr: '' });
    const report = JSON.parse(fs.readFileSync(path.join(root, 'reports/authlint.json'), 'utf8'));
    assert.deepEqual(report.findings.map((f: { path: string; ruleId: string }) => `${f.path} ${f.ruleId}`),
      ['app/Signer.kt hardcoded-signing-key', 'web/secrets.ts hardcoded-client-secret']);
  });

  it('a cross-file use is a related location of the finding on the literal', async () => {
    const r = await cli(['scan', 'web', '--format', 'json'], makeTree(leaky));
    const [finding] = JSON.parse(r.stdout).findings;
    assert.equal(finding.path, 'web/secrets.ts');
    assert.deepEqual(finding.related.map((x: { path: string; range: { start: { line: number } } }) => [x.path, x.range.start.line]), [['web/tokens.ts', 10]]);
  });

  it('SARIF URIs are relative to the scan root: the working directory, or the scanned folder outside it', async () => {
    const root = makeTree(leaky);
    const inside = JSON.parse((await cli(['scan', '--format', 'sarif'], root)).stdout).runs[0];
    assert.deepEqual(inside.results.map((x: SarifResult) => x.locations[0].physicalLocation.artifactLocation.uri), ['app/Signer.kt', 'web/secrets.ts']);
    const elsewhere = makeTree({});
    const outside = JSON.parse((await cli(['scan', path.join(root, 'web'), '--format', 'sarif'], elsewhere)).stdout).runs[0];
    assert.equal(outside.originalUriBaseIds['%SRCROOT%'].uri, `file://${path.join(root, 'web')}/`);
    assert.deepEqual(outside.results.map((x: SarifResult) => x.locations[0].physicalLocation.artifactLocation.uri), ['secrets.ts']);
  });

  it('colors only on a terminal, and never with NO_COLOR or --no-color', async () => {
    const root = makeTree(leaky);
    assert.match((await cli(['scan'], root, { tty: true })).stdout, /\x1b\[31merror/);
    assert.doesNotMatch((await cli(['scan'], root, { tty: true, env: { NO_COLOR: '1' } })).stdout, /\x1b/);
    assert.doesNotMatch((await cli(['scan', '--no-color'], root, { tty: true })).stdout, /\x1b/);
  });
});

describe('files and progress', () => {
  it('minified JavaScript is skipped unless --include-minified', async () => {
    const root = makeTree({ 'bundle.js': `${'var a=1;'.repeat(300)}\n` });
    assert.deepEqual(await cli(['scan'], root), {
      code: 0,
      stdout: 'No findings.\n0 files scanned, 1 skipped:\n  bundle.js: minified JavaScript (average line length 1201 characters); scan it with --include-minified\n',
      stderr: '',
    });
    assert.deepEqual(await cli(['scan', '--include-minified'], root), { code: 0, stdout: 'No findings.\n1 file scanned\n', stderr: '' });
  });

  it('progress goes to stderr on a terminal only, and is erased at the end', async () => {
    const root = makeTree(clean);
    const r = await cli(['scan'], root, { stderrTty: true });
    assert.equal(r.stdout, 'No findings.\n2 files scanned\n');
    assert.match(r.stderr, /^(\rAuthLint: \d\/2 files)+\r\x1b\[K$/);
    assert.equal((await cli(['scan', '--quiet'], root, { stderrTty: true })).stderr, '');
  });
});

interface SarifResult { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }

describe('masking', () => {
  it('no output format contains a secret from the fixtures', async () => {
    const root = makeTree(leaky);
    for (const format of ['text', 'json', 'sarif']) {
      const r = await cli(['scan', '--format', format, '--fail-on', 'info'], root);
      assert.equal(r.code, 1);
      for (const secret of [signingKey, clientSecret]) {
        // The engine may show the first 4 characters; no longer piece of the value may appear anywhere.
        for (let i = 0; i + 8 <= secret.length; i++) {
          assert.ok(!(r.stdout + r.stderr).includes(secret.slice(i, i + 8)), `${format} output leaks part of a secret`);
        }
      }
    }
  });
});

describe('worker threads', () => {
  it('many files go through the pool and give the same report as one thread', async () => {
    const filler = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`File${String(i).padStart(3, '0')}.kt`, `val x${i} = ${i}\n`]));
    const root = makeTree({ ...leaky, more: filler });
    const pooled = await cli(['scan', '--format', 'json'], root);
    const single = await Promise.all(['app', 'web', 'more'].map(dir => cli(['scan', dir, '--format', 'json'], root)));
    const findings = (r: CliRun) => JSON.parse(r.stdout).findings;
    assert.equal(pooled.code, 1);
    assert.equal(JSON.parse(pooled.stdout).summary.filesScanned, 133);
    assert.deepEqual(findings(pooled), single.flatMap(findings));
    assert.equal(findings(pooled)[1].related[0].path, 'web/tokens.ts', 'cross-file uses are resolved across workers');
  });
});
