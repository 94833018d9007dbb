// A crashing language server under the real client: the server process is killed (SIGKILL, as the OOM killer or
// a native fault would end it) by the pid the extension's exported API reports. The client restarts it up to the
// bound of client/src/restartPolicy.ts (4 within 3 minutes), the diagnostics come back after each restart, the
// 5th crash leaves it stopped and the user is told once; "AuthLint: Restart Server" then starts it afresh.
// Every wait is on an event (client state, diagnostics) with a timeout.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import type { AuthLintApi } from '../../../client/src/extension';
import { authLint, closeAllEditors, codeOf, extensionId, openEditor, waitForDiagnostics, wsPath } from './helpers';

/** As client/src/restartPolicy.ts: restarts allowed within its window before the client gives up. */
const maxRestarts = 4;
const project = 'crash-app';
const source = 'src/settings.ts';
// Obviously not a real credential; reported as a hard-coded secret because of the name it is assigned to.
const key = 'authlint-e2e-not-a-real-credential-c7a3e1';

/** Resolves once `accept()` holds: checked now and on every client state change; rejects after `timeoutMs`. */
function waitForClient(api: AuthLintApi, accept: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (accept()) return resolve();
    const sub = api.onDidChangeState(() => {
      if (!accept()) return;
      sub.dispose();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; client state ${api.state}, server pid ${api.serverProcessId()}`));
    }, timeoutMs);
  });
}

/** Settles (either way) within `ms`, else rejects: for calls that must not hang. */
function within<T>(p: Thenable<T>, ms: number, what: string): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms / 1000} s`)), ms);
    p.then(value => { clearTimeout(timer); resolve({ ok: true, value }); }, error => { clearTimeout(timer); resolve({ ok: false, error }); });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

suite('AuthLint server crashes under the real client', () => {
  let api: AuthLintApi;
  let uri: vscode.Uri;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<AuthLintApi>(extensionId);
    assert.ok(ext, `extension ${extensionId} is not installed in this editor`);
    api = await ext.activate();
    assert.equal(typeof api?.serverProcessId, 'function', 'the extension exports its API from activate()');
    const file = wsPath(project, source);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `export const apiKey = '${key}';\n`);
    uri = vscode.Uri.file(file);
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    fs.rmSync(wsPath(project), { recursive: true, force: true });
  });

  const reported = (ds: readonly vscode.Diagnostic[]) => authLint(ds).some(d => codeOf(d) === 'hardcoded-secret');
  const none = (ds: readonly vscode.Diagnostic[]) => authLint(ds).length === 0;

  /** Kills the running server; resolves with its pid once the client has dropped its diagnostics. */
  async function crash(): Promise<number> {
    const pid = api.serverProcessId();
    assert.ok(pid, `no server process to kill (client state ${api.state})`);
    const cleared = waitForDiagnostics(uri, none, 'the dead server\'s diagnostics to be dropped', 30_000);
    process.kill(pid, 'SIGKILL');
    await cleared;
    assert.equal(alive(pid), false, `server ${pid} still runs after SIGKILL`);
    return pid;
  }

  /** Waits for a new server (running, another pid) and for it to report the key again. */
  async function restarted(oldPid: number, what: string): Promise<void> {
    await waitForClient(api, () => api.state === 'running' && api.serverProcessId() !== undefined && api.serverProcessId() !== oldPid,
      `a new server after ${what}`);
    await waitForDiagnostics(uri, reported, `the key to be reported again after ${what}`);
  }

  test(`restarted ${maxRestarts} times with diagnostics back each time, then stopped and reported once; Restart Server starts it afresh`, async () => {
    await waitForClient(api, () => api.state === 'running', 'the client to run');
    const noticesBefore = api.gaveUpNotices;
    const states: string[] = [];
    const sub = api.onDidChangeState(s => states.push(s));
    try {
      await openEditor(uri.fsPath);
      const first = await waitForDiagnostics(uri, reported, 'the hard-coded key to be reported');
      assert.deepEqual(authLint(first).map(d => codeOf(d)), ['hardcoded-secret']);
      const range = authLint(first)[0].range;

      // 1. Crashes within the bound: each one restarts the server, which reports the key again.
      const pids = new Set<number>();
      for (let i = 1; i <= maxRestarts; i++) {
        const pid = await crash();
        pids.add(pid);
        await restarted(pid, `crash ${i}`);
        assert.deepEqual(authLint(vscode.languages.getDiagnostics(uri)).map(d => [codeOf(d), d.range]), [['hardcoded-secret', range]],
          `diagnostics after restart ${i}`);
        assert.equal(api.gaveUpNotices, noticesBefore, `the user was told something after crash ${i} (within the bound)`);
      }
      assert.equal(pids.size, maxRestarts, 'every crash killed a different server process');

      // 2. One crash more: not restarted, the user is told once, and nothing of the dead server is left.
      const last = api.serverProcessId();
      const gaveUp = waitForClient(api, () => api.state === 'gave-up', 'the client to give up');
      const lastPid = await crash();
      assert.equal(lastPid, last);
      await gaveUp;
      assert.equal(api.gaveUpNotices, noticesBefore + 1, 'one notice when the client gives up');
      assert.equal(api.serverProcessId(), undefined, 'a server process after giving up');
      assert.deepEqual(authLint(vscode.languages.getDiagnostics(uri)), [], 'stale diagnostics of the dead server');
      // The states the client went through: stopped → starting → running per restart, then gave-up (and nothing after).
      assert.deepEqual(states, [...Array(maxRestarts).fill(['stopped', 'starting', 'running']).flat(), 'gave-up']);

      // 3. Nothing hangs while it is stopped: editing, and asking the (absent) server for a scan, settle at once.
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.toString() === uri.toString(), 'the source is the active editor');
      assert.ok(await editor.edit(b => b.insert(new vscode.Position(1, 0), '// edited while the server is stopped\n')));
      const scan = await within(vscode.commands.executeCommand('authlint.scanWorkspace'), 10_000, 'AuthLint: Scan Workspace while stopped');
      assert.equal(scan.ok, false, 'a scan without a server reported success');
      assert.equal(api.state, 'gave-up');
      assert.equal(api.gaveUpNotices, noticesBefore + 1, 'still one notice');

      // 4. "AuthLint: Restart Server" (what the notice offers) starts a server with a fresh count: the key is reported
      //    again, and one more crash is restarted rather than given up on.
      const manual = await within(vscode.commands.executeCommand('authlint.restartServer'), 60_000, 'AuthLint: Restart Server');
      assert.equal(manual.ok, true, `Restart Server failed: ${manual.ok ? '' : manual.error}`);
      await restarted(lastPid, 'Restart Server');
      const again = await crash();
      await restarted(again, 'a crash after Restart Server');
      assert.equal(api.state, 'running');
      assert.equal(api.gaveUpNotices, noticesBefore + 1, 'a crash after a manual restart is restarted silently');
      await vscode.commands.executeCommand('undo');
      await vscode.window.activeTextEditor?.document.save();
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), `export const apiKey = '${key}';\n`);
    } finally {
      sub.dispose();
    }
  });
});
