// AuthLint works offline and sends nothing: the CLI (worker threads included) runs with every outbound network
// path trapped, and the trap itself is shown to catch a connection attempt.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const preload = path.join(root, 'test', 'security', 'no-network.cjs');

function runTrapped(args: string[]): { status: number | null; stdout: string; stderr: string; log: string } {
  const log = path.join(mkdtempSync(path.join(os.tmpdir(), 'authlint-net-')), 'net.log');
  const r = spawnSync(process.execPath, ['--require', preload, ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, AUTHLINT_NET_LOG: log, NODE_OPTIONS: `--require ${preload}` },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, log: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

test('the trap catches an outbound connection (so the next tests can fail)', () => {
  const r = runTrapped(['-e', "require('node:http').get('http://127.0.0.1:9/')"]);
  assert.notEqual(r.status, 0);
  assert.equal(r.log, 'network use blocked: http.get\n');
});

for (const format of ['text', 'json', 'sarif']) {
  test(`the CLI scans examples/ (${format}) with the network trapped and tries nothing`, () => {
    const r = runTrapped([path.join(root, 'dist', 'cli.js'), 'scan', 'examples', '--format', format]);
    assert.equal(r.log, '');
    assert.equal(r.status, 1, r.stderr);
    if (format !== 'text') assert.ok(JSON.parse(r.stdout));
  });
}
