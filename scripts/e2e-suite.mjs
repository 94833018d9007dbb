#!/usr/bin/env node
// Runs the editor integration suite (test/e2e/suite, mocha + the `vscode` API) inside a real VS Code here:
// code-server 4.139.1 (VS Code 1.139), with the extension loaded from this folder as a development extension through
// the workbench's `payload` URL parameter (see ../shared/docs/editor-tests.md). The same suite runs under
// @vscode/test-electron with scripts/e2e-electron.mjs wherever VS Code can be downloaded.
//
//   node scripts/e2e-suite.mjs [--no-build] [--grep TEXT]
//
// Needs `node scripts/code-server.mjs install` first. Builds dist/ (unless --no-build), compiles the suite into
// a fresh run folder, opens a fresh copy of test/e2e/fixtures/ and prints mocha's report, then `N passed, N failed`.
// Artifacts (workbench log, code-server log, a screenshot) go to test-artifacts/e2e-suite/.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync,
  symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, versions } from './code-server.mjs';
import { launchBrowser, runExtensionTests } from './e2e-workbench.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const fixturesDir = join(root, 'test', 'e2e', 'fixtures');
export const artifactsDir = join(root, 'test-artifacts');

/**
 * Compiles test/e2e/suite/*.ts into `<runDir>/suite/` (one file each, CommonJS, as the extension host loads it) and
 * links `<runDir>/node_modules` to this repository's, where the suite finds mocha. Not under out/: `compile-tests`
 * deletes out/ whenever it runs. Returns the path of the compiled index.js.
 */
export async function compileSuite(runDir) {
  const { build } = await import('esbuild');
  const src = join(root, 'test', 'e2e', 'suite');
  const outDir = join(runDir, 'suite');
  await build({
    entryPoints: readdirSync(src).filter(f => f.endsWith('.ts')).map(f => join(src, f)),
    outdir: outDir,
    platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, bundle: false, logLevel: 'warning',
  });
  if (!existsSync(join(runDir, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(runDir, 'node_modules'), 'dir');
  return join(outDir, 'index.js');
}

/** A fresh copy of test/e2e/fixtures/ in `into` (the tests edit it; the repository's copy is never opened). */
export function prepareWorkspace(into) {
  const ws = join(into, 'workspace');
  cpSync(fixturesDir, ws, { recursive: true });
  return ws;
}

/** `node scripts/build.mjs`: dist/client.js, dist/server.js and the grammars the development extension loads. */
export function buildExtension() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/build.mjs failed (${r.status ?? r.signal})`);
}

const mark = '[authlint-e2e] ';

/**
 * Runs the suite in code-server; returns { passed, failed, exitCode, seconds }. Prints mocha's lines as they come;
 * the workbench's own console goes to test-artifacts/e2e-suite/workbench.log.
 */
export async function runSuiteInCodeServer({ build = true, grep, browser: sharedBrowser } = {}) {
  const started = Date.now();
  const outDir = join(artifactsDir, 'e2e-suite');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const workbenchLog = join(outDir, 'workbench.log');
  writeFileSync(workbenchLog, '');

  if (build) buildExtension();
  const runDir = mkdtempSync(join(tmpdir(), 'authlint-e2e-suite-'));
  const testsIndex = await compileSuite(runDir);
  const workspace = prepareWorkspace(runDir);
  let server;
  let browser = sharedBrowser;
  let counts;
  let exitCode;
  let ok = false;
  try {
    server = await startCodeServer({
      runDir: join(runDir, 'code-server'),
      env: { AUTHLINT_E2E_LOG_MARK: mark, ...(grep ? { AUTHLINT_E2E_GREP: grep } : {}) },
    });
    browser ??= await launchBrowser();
    exitCode = await runExtensionTests(browser, server, {
      folder: workspace,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsIndex,
      timeoutMs: 300_000,
      screenshot: join(outDir, 'workbench-at-exit.png'),
      onLog: line => {
        if (line.includes(mark)) {
          const text = line.slice(line.indexOf(mark) + mark.length);
          process.stdout.write(`${text}\n`);
          const m = /^(\d+) passed, (\d+) failed/.exec(text);
          if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
        } else {
          appendFileSync(workbenchLog, `${line}\n`);
        }
      },
    });
    ok = exitCode === 0 && counts?.failed === 0;
  } finally {
    if (browser && browser !== sharedBrowser) await browser.close().catch(() => {});
    if (server) {
      await server.stop();
      try { copyFileSync(server.logFile, join(outDir, 'code-server.log')); } catch { /* none */ }
    }
    if (ok) rmSync(runDir, { recursive: true, force: true });
    else console.error(`(run folder kept for inspection: ${runDir})`);
  }
  // A suite that could not even load reports no counts: one failure, whatever the exit code said; the workbench's
  // errors say why.
  if (!counts) {
    counts = { passed: 0, failed: 1 };
    const noise = /ENOTFOUND|authentication provider|\[lifecycle\]/; // offline gallery, no GitHub sign-in, shutdown
    const errors = readFileSync(workbenchLog, 'utf8').split('\n').filter(l => l.startsWith('[error]') && !noise.test(l));
    console.log(`✘ the suite reported no results (exit code ${exitCode}); workbench errors:\n  ` +
      `${errors.slice(-10).join('\n  ') || '(none; see test-artifacts/e2e-suite/)'}`);
  }
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
  return { ...counts, exitCode, seconds: (Date.now() - started) / 1000 };
}

async function main(argv) {
  const grepAt = argv.indexOf('--grep');
  console.log(`editor suite in code-server ${versions.codeServer} (VS Code 1.139)`);
  const r = await runSuiteInCodeServer({ build: !argv.includes('--no-build'), grep: grepAt >= 0 ? argv[grepAt + 1] : undefined });
  console.log(`suite took ${r.seconds.toFixed(1)} s`);
  console.log(`e2e-suite: ${r.passed} passed, ${r.failed} failed`);
  process.exitCode = r.failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch(err => {
    console.error(`e2e-suite: ${err.stack ?? err.message}`);
    console.log('e2e-suite: 0 passed, 1 failed');
    process.exitCode = 1;
  });
}
