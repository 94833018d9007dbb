#!/usr/bin/env node
// The editor integration suite (test/e2e/suite) under @vscode/test-electron: a downloaded desktop VS Code, the
// extension loaded from this folder, the suite run by mocha inside its extension host. This is the usual way
// outside this project's machines; here VS Code cannot be downloaded, and scripts/e2e-suite.mjs runs the very same
// suite inside code-server instead.
//
//   node scripts/e2e-electron.mjs [--version stable|1.139.1|insiders] [--strict] [--no-build]
//
// When VS Code cannot be downloaded (no network), it says so and exits 0 — unless --strict (or
// AUTHLINT_E2E_ELECTRON_STRICT=1) asks for that to be a failure. Test failures always exit 1.
// On Linux without a display, run it under `xvfb-run -a`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot, defaultSettings } from './code-server.mjs';
import { buildExtension, compileSuite, prepareWorkspace, root } from './e2e-suite.mjs';

const networkErrors = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|timed? ?out/i;

async function main(argv) {
  const arg = name => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const strict = argv.includes('--strict') || process.env.AUTHLINT_E2E_ELECTRON_STRICT === '1';
  const version = arg('--version') ?? 'stable';
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');

  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: join(cacheRoot, 'vscode-test'), timeout: 30_000 });
  } catch (err) {
    const message = String(err?.message ?? err);
    if (!networkErrors.test(message)) throw err;
    console.log(`e2e-electron: cannot download VS Code ${version} (${message.split('\n')[0]}).`);
    console.log('e2e-electron: this machine cannot reach the VS Code download server; the same suite runs in code-server with `npm run test:e2e`.');
    if (strict) {
      console.log('e2e-electron: 0 passed, 1 failed');
      process.exitCode = 1;
    } else {
      console.log('e2e-electron: 0 passed, 0 failed, 1 skipped');
    }
    return;
  }

  if (!argv.includes('--no-build')) buildExtension();
  const runDir = mkdtempSync(join(tmpdir(), 'authlint-e2e-electron-'));
  const extensionTestsPath = await compileSuite(runDir);
  const workspace = prepareWorkspace(runDir);
  const userData = join(runDir, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), `${JSON.stringify(defaultSettings, null, 2)}\n`);
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--user-data-dir', userData,
        '--extensions-dir', join(runDir, 'extensions'),
        '--disable-extensions', // other installed extensions; the development extension still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } catch (err) {
    // runTests rejects when VS Code exits non-zero: the suite failed (mocha printed why) or VS Code could not start.
    const hint = process.platform === 'linux' && !process.env.DISPLAY ? ' (no DISPLAY: run under xvfb-run -a)' : '';
    console.error(`e2e-electron: ${err?.message ?? err}${hint}`);
    code = 1;
  } finally {
    if (code === 0) rmSync(runDir, { recursive: true, force: true });
    else console.error(`(run folder kept for inspection: ${runDir})`);
  }
  // mocha printed its own `N passed, N failed` line from inside VS Code.
  process.exitCode = code === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch(err => {
    console.error(`e2e-electron: ${err?.stack ?? err}`);
    process.exitCode = 1;
  });
}
