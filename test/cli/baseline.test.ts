// `--write-baseline` and `--baseline`: a round trip, stability under edits elsewhere, a second copy of a key is
// new, no secret in the file, invalid files exit with 2, fingerprints in JSON and SARIF.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { usage } from '../../server/src/cli/main';
import { cli, places, type JsonFinding } from '../helpers/cli';
import { makeTree, type Tree } from '../helpers/tree';

// Invented values in no provider's format: plausible secrets for the generic rule and nothing more.
const KT_KEY = 'Qz4Wx8Ev2Rt6Yu1Io5Pa9Sd3';
const TS_KEY = 'Mb7Nc3Vx9Zl2Kj6Hg4Fd8Sa1';
const NEW_KEY = 'Tr5Gb1Nh7Yu3Jm9Ki2Lo6Pw4';

const apiKt = `package com.example.shop

class Api {
    fun client(): Client {
        val apiKey = "${KT_KEY}"
        return Client(apiKey)
    }
}
`;
const project: Tree = {
  app: { 'Api.kt': apiKt },
  web: { 'api.ts': `export const apiKey = '${TS_KEY}';\n`, 'clean.ts': "export const title = 'shop';\n" },
};
const baselineName = '.authlint-baseline.json';

function write(root: string, file: string, text: string): void {
  fs.writeFileSync(path.join(root, file), text);
}

describe('baseline round trip', () => {
  it('write → every finding recorded, exit 0; scan with it → nothing new, exit 0; a new finding → exactly it, exit 1', async () => {
    const root = makeTree(project);
    assert.deepEqual(await cli(['scan', '--write-baseline', baselineName], root), {
      code: 0,
      stdout: `No new findings.\n2 findings in the baseline ${baselineName} not shown\n3 files scanned\n`,
      stderr: `authlint: wrote 2 findings to the baseline ${baselineName}\n`,
    });
    assert.deepEqual(await cli(['scan', '--baseline', baselineName], root), {
      code: 0,
      stdout: `No new findings.\n2 findings in the baseline ${baselineName} not shown\n3 files scanned\n`,
      stderr: '',
    });

    write(root, 'web/clean.ts', `export const title = 'shop';\nexport const partnerApiKey = '${NEW_KEY}';\n`);
    const r = await cli(['scan', '--baseline', baselineName, '--format', 'json'], root);
    assert.equal(r.code, 1);
    assert.deepEqual(places(r.stdout), ['web/clean.ts:2 hardcoded-secret']);
    assert.deepEqual(JSON.parse(r.stdout).summary, { findings: 1, error: 1, warning: 0, info: 0, filesScanned: 3, filesSkipped: 0, baselined: 2 });
    const text = await cli(['scan', '--baseline', baselineName], root);
    assert.equal(text.code, 1);
    assert.match(text.stdout, new RegExp(`^web/clean\\.ts:2:\\d+ {2}error {4}.* {2}hardcoded-secret\\n\\n1 finding \\(1 error, 0 warnings, 0 info\\) in 1 file\\n2 findings in the baseline ${baselineName.replace('.', '\\.')} not shown\\n3 files scanned\\n$`));
  });

  it('the file: versioned, sorted, one line per finding, paths relative to its folder, the same bytes every time', async () => {
    const root = makeTree(project);
    await cli(['scan', '--write-baseline', baselineName], root);
    const first = fs.readFileSync(path.join(root, baselineName), 'utf8');
    const doc = JSON.parse(first);
    assert.deepEqual(Object.keys(doc), ['version', 'fingerprints', 'findings']);
    assert.deepEqual([doc.version, doc.fingerprints], [1, 'authlint/v1']);
    assert.deepEqual(doc.findings.map((f: { path: string; ruleId: string; hint: string }) => [f.path, f.ruleId, f.hint]),
      [['app/Api.kt', 'hardcoded-secret', 'Qz4W…(24 chars)'], ['web/api.ts', 'hardcoded-secret', 'Mb7N…(24 chars)']]);
    for (const f of doc.findings) assert.match(f.fingerprint, /^[0-9a-f]{32}$/);
    assert.deepEqual(first.split('\n').slice(0, 4), ['{', '  "version": 1,', '  "fingerprints": "authlint/v1",', '  "findings": [']);
    assert.equal(first.split('\n').length, 9, 'one line per finding');

    // From a subfolder, naming the same file: the same fingerprints (paths are relative to the baseline's folder).
    await cli(['scan', '..', '--write-baseline', `../${baselineName}`], path.join(root, 'web'));
    assert.equal(fs.readFileSync(path.join(root, baselineName), 'utf8'), first);
    assert.deepEqual(await cli(['scan', '.', '--baseline', `../${baselineName}`], path.join(root, 'web')), {
      code: 0, stdout: `No new findings.\n1 finding in the baseline ../${baselineName} not shown\n2 files scanned\n`, stderr: '',
    });
  });

  it('holds no secret: no 8-character piece of a key past the 4 a mask shows', async () => {
    const root = makeTree(project);
    await cli(['scan', '--write-baseline', 'ci/baseline.json'], root);
    const bytes = fs.readFileSync(path.join(root, 'ci/baseline.json'), 'utf8');
    for (const key of [KT_KEY, TS_KEY]) {
      for (let i = 4; i + 8 <= key.length; i++) assert.ok(!bytes.includes(key.slice(i, i + 8)), `piece ${i} of a key in the baseline`);
    }
    assert.deepEqual(JSON.parse(bytes).findings.map((f: { path: string }) => f.path), ['../app/Api.kt', '../web/api.ts']);
  });
});

describe('baseline stability', () => {
  it('lines inserted above, reindenting and moving the function keep a finding baselined', async () => {
    const root = makeTree(project);
    await cli(['scan', '--write-baseline', baselineName], root);
    const edited = `package com.example.shop

import com.example.http.Client

// Talks to the shop API.
class Api {
  fun name() = "shop"

  fun timeout() = 30

  fun client(): Client {
            val apiKey = "${KT_KEY}"
      return Client(apiKey)
  }
}
`;
    write(root, 'app/Api.kt', edited);
    write(root, 'web/api.ts', `// header\n\n\n    export const apiKey = '${TS_KEY}';\n`);
    const r = await cli(['scan', '--baseline', baselineName, '--format', 'json'], root);
    assert.deepEqual([r.code, places(r.stdout), JSON.parse(r.stdout).summary.baselined], [0, [], 2]);
  });

  it('the same key pasted a second time is new; so is the same line in another file', async () => {
    const root = makeTree(project);
    await cli(['scan', '--write-baseline', baselineName], root);
    write(root, 'app/Api.kt', apiKt.replace('class Api {', `class Api {\n    fun backup(): Client {\n        val apiKey = "${KT_KEY}"\n        return Client(apiKey)\n    }\n`));
    write(root, 'web/copy.ts', `export const apiKey = '${TS_KEY}';\n`);
    const r = await cli(['scan', '--baseline', baselineName, '--format', 'json'], root);
    assert.equal(r.code, 1);
    // The copy above the original takes occurrence 0: one of the two is new, reported where the later one is.
    assert.deepEqual(places(r.stdout), ['app/Api.kt:10 hardcoded-secret', 'web/copy.ts:1 hardcoded-secret']);
    assert.equal(JSON.parse(r.stdout).summary.baselined, 2);
  });

  it('a changed value is new', async () => {
    const root = makeTree(project);
    await cli(['scan', '--write-baseline', baselineName], root);
    write(root, 'web/api.ts', `export const apiKey = '${NEW_KEY}';\n`);
    const r = await cli(['scan', '--baseline', baselineName, '--format', 'json'], root);
    assert.deepEqual([r.code, places(r.stdout)], [1, ['web/api.ts:1 hardcoded-secret']]);
  });
});

describe('baseline errors exit with 2', () => {
  const root = makeTree(project);
  const cases: [string, string | undefined, string][] = [
    ['missing.json', undefined, `authlint: baseline file missing.json does not exist; create it with --write-baseline missing.json\n`],
    ['bad.json', '{"version": 1, "findings": [', 'authlint: invalid baseline file bad.json: not valid JSON (line 1, column 29: expected \']\', found the end of the file)\n'],
    ['array.json', '[]', 'authlint: invalid baseline file array.json: expected a JSON object with "version", "fingerprints" and "findings", got an array\n'],
    ['v2.json', '{"version": 2, "fingerprints": "authlint/v1", "findings": []}', 'authlint: invalid baseline file v2.json: version: expected 1, got 2 (written by a newer AuthLint)\n'],
    ['scheme.json', '{"version": 1, "fingerprints": "other/v9", "findings": []}', 'authlint: invalid baseline file scheme.json: fingerprints: expected "authlint/v1", got "other/v9"; write the baseline again with --write-baseline\n'],
    ['short.json', '{"version": 1, "fingerprints": "authlint/v1", "findings": [{"fingerprint": "abc", "ruleId": "x", "path": "a.ts"}]}',
      'authlint: invalid baseline file short.json: findings[0].fingerprint: expected 32 lowercase hexadecimal digits, got a string •••(3 chars)\n'],
    ['nopath.json', `{"version": 1, "fingerprints": "authlint/v1", "findings": [{"fingerprint": "${'0'.repeat(32)}", "ruleId": "x"}]}`,
      'authlint: invalid baseline file nopath.json: findings[0].path: expected a non-empty string, got nothing (the key is missing)\n'],
    ['vstring.json', `{"version": "${NEW_KEY}"}`, 'authlint: invalid baseline file vstring.json: version: expected 1, got a string Tr5G…(24 chars)\n'],
  ];
  for (const [name, content, message] of cases) {
    it(name, async () => {
      if (content !== undefined) write(root, name, content);
      const r = await cli(['scan', '--baseline', name], root);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      if (message.endsWith('\n')) assert.equal(r.stderr, message);
      else assert.ok(r.stderr.startsWith(message), r.stderr);
    });
  }

  it('never echoes the file: a token pasted as a fingerprint is masked, a non-JSON file (a .env) is placed, not quoted', async () => {
    const token = `ghp_${NEW_KEY}${KT_KEY.slice(0, 12)}`;
    write(root, 'token.json', `{"version": 1, "fingerprints": "authlint/v1", "findings": [{"fingerprint": "${token}", "ruleId": "hardcoded-secret", "path": "a.ts"}]}`);
    write(root, 'scheme-token.json', `{"version": 1, "fingerprints": "${token}", "findings": []}`);
    write(root, '.env', `# local settings\nAPI_KEY=${NEW_KEY}\n`);
    write(root, 'hint.json', `{"version": 1, "fingerprints": "authlint/v1", "findings": [{"fingerprint": "${'0'.repeat(32)}", "ruleId": "x", "path": "a.ts", "hint": {"key": "${NEW_KEY}"}}]}`);
    const expected: Record<string, string> = {
      'token.json': 'findings[0].fingerprint: expected 32 lowercase hexadecimal digits, got a string ghp_…(40 chars)',
      'scheme-token.json': 'fingerprints: expected "authlint/v1", got a string ghp_…(40 chars); write the baseline again with --write-baseline',
      '.env': 'not valid JSON (line 1, column 1: unexpected character)',
      'hint.json': 'findings[0].hint: expected a string, got an object',
    };
    for (const [name, problem] of Object.entries(expected)) {
      const r = await cli(['scan', '--baseline', name], root);
      assert.deepEqual(r, { code: 2, stdout: '', stderr: `authlint: invalid baseline file ${name}: ${problem}\n` });
      for (const key of [NEW_KEY, KT_KEY]) {
        for (let i = 4; i + 8 <= key.length; i++) assert.ok(!r.stderr.includes(key.slice(i, i + 8)), `piece ${i} of a key in: ${name}`);
      }
    }
  });

  it('a baseline that cannot be written', async () => {
    const r = await cli(['scan', '--write-baseline', 'web/api.ts/baseline.json'], makeTree(project));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^authlint: cannot write the baseline to web\/api\.ts\/baseline\.json: .*api\.ts is not a folder\n$/);
  });

  it('a mistyped path with --write-baseline leaves the baseline as it was (nothing written), exit 2', async () => {
    const dir = makeTree(project);
    await cli(['scan', '--write-baseline', baselineName, '-q'], dir);
    const before = fs.readFileSync(path.join(dir, baselineName), 'utf8');
    assert.equal(JSON.parse(before).findings.length, 2);
    assert.deepEqual(await cli(['scan', 'webb', '--write-baseline', baselineName], dir), { code: 2, stdout: '', stderr: 'authlint: no such file or folder: webb\n' });
    assert.equal(fs.readFileSync(path.join(dir, baselineName), 'utf8'), before);
    assert.deepEqual(await cli(['scan', 'web', 'app/Api.kts', '--write-baseline', 'new-baseline.json', '-o', 'report.json'], dir),
      { code: 2, stdout: '', stderr: 'authlint: no such file or folder: app/Api.kts\n' });
    assert.deepEqual([fs.existsSync(path.join(dir, 'new-baseline.json')), fs.existsSync(path.join(dir, 'report.json'))], [false, false]);
  });

  it('--write-baseline exits with 0 even when suppression problems would count (--report-unused-suppressions --fail-on info)', async () => {
    const dir = makeTree({ ...project, 'Unused.kt': 'object Unused {\n    val retries = 3 // authlint-disable-line cleartext-endpoint\n}\n' });
    const r = await cli(['scan', '--write-baseline', baselineName, '--report-unused-suppressions', '--fail-on', 'info', '--format', 'json'], dir);
    assert.deepEqual([r.code, r.stderr], [0, `authlint: wrote 2 findings to the baseline ${baselineName}\n`]);
    assert.equal(JSON.parse(r.stdout).summary.suppressionProblems, 1, 'still reported');
    assert.equal((await cli(['scan', '--baseline', baselineName, '--report-unused-suppressions', '--fail-on', 'info'], dir)).code, 1, 'they count again on the next scan');
  });

  for (const [args, message] of [
    [['scan', '--write-baseline', 'b.json', '-o', 'b.json'], '--output and --write-baseline name the same file: the report would replace the baseline'],
    [['scan', '--write-baseline', 'ci/b.json', '--output', './ci/../ci/b.json'], '--output and --write-baseline name the same file: the report would replace the baseline'],
    [['scan', '--baseline', baselineName, '-o', baselineName, '--format', 'json'], '--output and --baseline name the same file: the report would replace the baseline'],
    [['scan', '--baseline', 'a.json', '--write-baseline', 'b.json'], '--baseline and --write-baseline cannot be combined'],
    [['scan', '--write-baseline', 'b.json', '--changed'], '--write-baseline records the whole project: it cannot be combined with --changed or --staged'],
    [['scan', '--baseline='], '--baseline needs a file name'],
    [['scan', '--write-baseline'], '--write-baseline needs a value'],
  ] as [string[], string][]) {
    it(args.slice(1).join(' '), async () => {
      assert.deepEqual(await cli(args, root), { code: 2, stdout: '', stderr: `authlint: ${message}\n\n${usage}` });
    });
  }
});

describe('fingerprints in the reports', () => {
  it('JSON findings carry the fingerprint; SARIF results carry the same as partialFingerprints', async () => {
    const root = makeTree(project);
    const json = JSON.parse((await cli(['scan', '--format', 'json'], root)).stdout).findings as JsonFinding[];
    const sarif = JSON.parse((await cli(['scan', '--format', 'sarif'], root)).stdout).runs[0].results;
    assert.equal(json.length, 2);
    assert.deepEqual(sarif.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints), json.map(f => ({ 'authlint/v1': f.fingerprint })));
    assert.ok(sarif.every((r: object) => !('baselineState' in r)), 'no baselineState without a baseline');
    // The baseline holds the same fingerprints.
    await cli(['scan', '--write-baseline', baselineName], root);
    const entries = JSON.parse(fs.readFileSync(path.join(root, baselineName), 'utf8')).findings;
    assert.deepEqual(entries.map((e: { fingerprint: string }) => e.fingerprint).sort(), json.map(f => f.fingerprint).sort());
  });

  it('without a baseline, fingerprints are relative to the repository\'s top folder, whatever the working directory', async () => {
    const root = makeTree(project);
    execFileSync('git', ['init', '-q'], { cwd: root });
    const prints = async (args: string[], cwd: string) => (JSON.parse((await cli([...args, '--format', 'json'], cwd)).stdout).findings as JsonFinding[]).map(f => f.fingerprint);
    const fromTop = await prints(['scan', 'web'], root);
    assert.equal(fromTop.length, 1);
    assert.deepEqual(await prints(['scan'], path.join(root, 'web')), fromTop, 'from the subfolder');
    assert.deepEqual(await prints(['scan', path.join(root, 'web')], makeTree({})), fromTop, 'from outside');
    const sarif = JSON.parse((await cli(['scan', '--format', 'sarif'], path.join(root, 'web'))).stdout).runs[0].results;
    assert.deepEqual(sarif.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['authlint/v1']), fromTop);
    // The same as a baseline kept at the top of the repository records.
    await cli(['scan', '--write-baseline', baselineName], root);
    const entries = JSON.parse(fs.readFileSync(path.join(root, baselineName), 'utf8')).findings;
    assert.deepEqual(entries.filter((e: { path: string }) => e.path === 'web/api.ts').map((e: { fingerprint: string }) => e.fingerprint), fromTop);
  });

  it('outside a repository: relative to the config file\'s folder, else to the scan root', async () => {
    const root = makeTree({ ...project, '.authlint.json': '{}' });
    const prints = async (cwd: string) => (JSON.parse((await cli(['scan', '--format', 'json'], cwd)).stdout).findings as JsonFinding[]).map(f => f.fingerprint);
    assert.deepEqual(await prints(path.join(root, 'web')), (await prints(root)).slice(1));
    const bare = makeTree(project);
    assert.notDeepEqual(await prints(path.join(bare, 'web')), (await prints(bare)).slice(1), 'no project marker: the scan root');
  });

  it('--write-baseline with SARIF output: the report\'s fingerprints are the baseline\'s', async () => {
    const root = makeTree(project);
    execFileSync('git', ['init', '-q'], { cwd: root });
    const r = await cli(['scan', 'web', '--write-baseline', 'ci/b.json', '--format', 'sarif', '-q'], root);
    const reported = JSON.parse(r.stdout).runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['authlint/v1']);
    const entries = JSON.parse(fs.readFileSync(path.join(root, 'ci/b.json'), 'utf8')).findings;
    assert.deepEqual([r.code, entries.map((e: { fingerprint: string }) => e.fingerprint)], [0, reported]);
    assert.equal(reported.length, 1);
  });

  it('SARIF with a baseline keeps every result: new ones "new", baselined ones "unchanged" and suppressed', async () => {
    const root = makeTree(project);
    await cli(['scan', '--write-baseline', baselineName], root);
    write(root, 'web/clean.ts', `export const partnerApiKey = '${NEW_KEY}';\n`);
    const r = await cli(['scan', '--baseline', baselineName, '--format', 'sarif'], root);
    assert.equal(r.code, 1);
    const results = JSON.parse(r.stdout).runs[0].results;
    assert.deepEqual(results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; baselineState: string; suppressions?: unknown }) =>
      [x.locations[0].physicalLocation.artifactLocation.uri, x.baselineState, x.suppressions]), [
      ['app/Api.kt', 'unchanged', [{ kind: 'external', justification: `In the AuthLint baseline ${baselineName}` }]],
      ['web/api.ts', 'unchanged', [{ kind: 'external', justification: `In the AuthLint baseline ${baselineName}` }]],
      ['web/clean.ts', 'new', []],
    ]);
  });

  it('SARIF with a baseline: every result has baselineState and a suppressions array (§3.27.23, §3.27.24), suppression notes too; none without', async () => {
    const root = makeTree({ ...project, 'Unused.kt': 'object Unused {\n    val retries = 3 // authlint-disable-line cleartext-endpoint\n}\n' });
    await cli(['scan', '--write-baseline', baselineName], root);
    const shape = async (args: string[]) => JSON.parse((await cli(['scan', '--report-unused-suppressions', '--format', 'sarif', ...args], root)).stdout).runs[0].results
      .map((x: { ruleId: string; baselineState?: string; suppressions?: unknown[] }) => [x.ruleId, x.baselineState, x.suppressions?.length]);
    assert.deepEqual(await shape(['--baseline', baselineName]), [
      ['hardcoded-secret', 'unchanged', 1],
      ['hardcoded-secret', 'unchanged', 1],
      ['authlint-unused-suppression', 'new', 0],
    ]);
    assert.deepEqual(await shape([]), [
      ['hardcoded-secret', undefined, undefined],
      ['hardcoded-secret', undefined, undefined],
      ['authlint-unused-suppression', undefined, undefined],
    ]);
  });

  it('--quiet with a baseline: only new findings at the threshold, nothing else', async () => {
    const root = makeTree(project);
    await cli(['scan', '--write-baseline', baselineName, '--quiet'], root);
    assert.deepEqual(await cli(['scan', '--baseline', baselineName, '-q'], root), { code: 0, stdout: '', stderr: '' });
  });
});
