// `authlint scan --report-unused-suppressions`: suppression comments that silence nothing or name an unknown rule,
// listed in text, JSON and SARIF apart from the findings; the exit code counts them only with --fail-on info.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from '../../server/src/cli/main';
import { locateWasmDir, scanFiles } from '../../server/src/cli/pool';
import { resolveSettings } from '../../server/src/engine/config';
import { makeTree } from '../helpers/tree';

const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (s: string) => { stdout += s; } }, stderr: { write: (s: string) => { stderr += s; } }, cwd, env: {} });
  return { code, stdout, stderr };
}

const tree = {
  // One used suppression (the key), one unused, one unknown id.
  'Api.kt': `object Api {\n    // authlint-disable-next-line hardcoded-secret\n    const val API_KEY = "${KEY}"\n    val retries = 3 // authlint-disable-line cleartext-endpoint\n}\n`,
  web: { 'config.ts': '// authlint-disable token-loged -- no logging\nexport const title = "shop";\n' },
};

describe('--report-unused-suppressions', () => {
  it('off by default: nothing about suppressions, exit 0', async () => {
    assert.deepEqual(await cli(['scan'], makeTree(tree)), { code: 0, stdout: 'No findings.\n2 files scanned\n', stderr: '' });
  });

  it('text: one row per problem, grouped with the file, and a summary line apart from the findings; exit 0', async () => {
    const r = await cli(['scan', '--report-unused-suppressions'], makeTree(tree));
    assert.deepEqual(r, {
      code: 0,
      stdout: [
        'Api.kt:4:46  info     Unused suppression: no cleartext-endpoint finding on this line. Remove it, or it will hide a future problem there.  authlint-unused-suppression',
        '',
        'web/config.ts:1:21  info     Unknown rule id "token-loged" in this suppression (did you mean "token-logged"?): it suppresses nothing.  authlint-unknown-rule',
        '',
        'No findings.',
        '2 suppression problems (1 unused, 1 unknown rule id)',
        '2 files scanned',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('counts for the exit code only with --fail-on info (config failOn too); --quiet shows them only then', async () => {
    const root = makeTree(tree);
    assert.equal((await cli(['scan', '--report-unused-suppressions', '--fail-on', 'warning'], root)).code, 0);
    const info = await cli(['scan', '--report-unused-suppressions', '--fail-on', 'info', '--quiet'], root);
    assert.equal(info.code, 1);
    assert.equal(info.stdout.split('\n').filter(Boolean).length, 2);
    assert.deepEqual(await cli(['scan', '--report-unused-suppressions', '--quiet'], root), { code: 0, stdout: '', stderr: '' });
    const withConfig = makeTree({ ...tree, '.authlint.json': '{ "failOn": "info" }' });
    assert.equal((await cli(['scan', '--report-unused-suppressions'], withConfig)).code, 1);
    assert.equal((await cli(['scan'], withConfig)).code, 0);
  });

  it('JSON: a suppressionProblems list and count, the findings untouched', async () => {
    const report = JSON.parse((await cli(['scan', '--report-unused-suppressions', '--format', 'json'], makeTree(tree))).stdout);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.suppressionProblems, [
      {
        code: 'authlint-unused-suppression', ruleId: 'cleartext-endpoint', path: 'Api.kt',
        message: 'Unused suppression: no cleartext-endpoint finding on this line. Remove it, or it will hide a future problem there.',
        range: { start: { line: 4, column: 46 }, end: { line: 4, column: 64 } },
      },
      {
        code: 'authlint-unknown-rule', ruleId: 'token-loged', path: 'web/config.ts',
        message: 'Unknown rule id "token-loged" in this suppression (did you mean "token-logged"?): it suppresses nothing.',
        range: { start: { line: 1, column: 21 }, end: { line: 1, column: 32 } },
      },
    ]);
    assert.deepEqual(report.summary, { findings: 0, error: 0, warning: 0, info: 0, filesScanned: 2, filesSkipped: 0, suppressionProblems: 2 });
    const without = JSON.parse((await cli(['scan', '--format', 'json'], makeTree(tree))).stdout);
    assert.equal('suppressionProblems' in without, false);
    assert.equal('suppressionProblems' in without.summary, false);
  });

  it('SARIF: notes under two rules of their own, after the engine rules', async () => {
    const log = JSON.parse((await cli(['scan', '--report-unused-suppressions', '--format', 'sarif'], makeTree(tree))).stdout);
    const run0 = log.runs[0];
    const ids = run0.tool.driver.rules.map((r: { id: string }) => r.id);
    assert.deepEqual(ids.slice(-2), ['authlint-unused-suppression', 'authlint-unknown-rule']);
    assert.deepEqual(run0.results.map((r: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }) =>
      [r.ruleId, ids[r.ruleIndex], r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region]), [
      ['authlint-unused-suppression', 'authlint-unused-suppression', 'note', 'Api.kt', { startLine: 4, startColumn: 46, endLine: 4, endColumn: 64 }],
      ['authlint-unknown-rule', 'authlint-unknown-rule', 'note', 'web/config.ts', { startLine: 1, startColumn: 21, endLine: 1, endColumn: 32 }],
    ]);
    const descriptor = run0.tool.driver.rules.at(-1);
    assert.deepEqual([descriptor.defaultConfiguration, descriptor.helpUri], [{ level: 'note' }, 'https://github.com/authlint/authlint/blob/main/docs/configuration.md#suppression-hygiene']);
    const plain = JSON.parse((await cli(['scan', '--format', 'sarif'], makeTree(tree))).stdout);
    assert.ok(!plain.runs[0].tool.driver.rules.some((r: { id: string }) => r.id.startsWith('authlint-')));
  });

  it('worker threads report them the same as this thread', async () => {
    const root = makeTree(tree);
    const options = (workers: number) => ({
      root, workers, wasmDir: locateWasmDir()!, read: { maxFileSize: 2_000_000, includeMinified: false },
      settings: { ...resolveSettings(undefined), reportUnusedSuppressions: true },
    });
    const problems = async (workers: number) => (await scanFiles(['Api.kt', 'web/config.ts'], options(workers))).results.map(r => r.suppressionProblems?.map(p => p.ruleId));
    assert.deepEqual(await problems(2), [['cleartext-endpoint'], ['token-loged']]);
    assert.deepEqual(await problems(1), await problems(2));
  });
});
