#!/usr/bin/env node
// All editor tests, as `npm run test:e2e` (and the end of `npm test`) runs them:
//   1. the tools: code-server 4.139.1 on Node 24, Chromium, playwright-core (installed when missing; cached);
//   2. `npm run package` → authlint.vsix;
//   3. the mocha integration suite inside code-server (scripts/e2e-suite.mjs);
//   4. the browser scenario with the .vsix installed as a user installs it (scripts/e2e-browser.mjs).
// Ends with one line `e2e: N passed, N failed`. Screenshots and logs: test-artifacts/.
//
//   node scripts/e2e.mjs [--suite-only | --browser-only]
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { install, locate, versions } from './code-server.mjs';
import { launchBrowser } from './e2e-workbench.mjs';
import { packageExtension, runBrowserScenario } from './e2e-browser.mjs';
import { root, runSuiteInCodeServer } from './e2e-suite.mjs';

async function main(argv) {
  const started = Date.now();
  const secs = t => `${((Date.now() - t) / 1000).toFixed(1)} s`;
  const only = argv.includes('--suite-only') ? 'suite' : argv.includes('--browser-only') ? 'browser' : undefined;
  if (!locate().ok) {
    console.log(`editor-test tools missing (${locate().missing.join(', ')}): installing them (once; cached)`);
    install();
  }
  console.log(`editor tests: code-server ${versions.codeServer} (VS Code 1.139) on Node ${versions.node}, Chromium, ` +
    `playwright-core ${versions.playwrightCore}`);

  let t = Date.now();
  const vsix = packageExtension();
  console.log(`packaged ${relative(root, vsix)} (${secs(t)})`);

  const totals = { passed: 0, failed: 0 };
  const browser = await launchBrowser();
  try {
    if (only !== 'browser') {
      console.log('\n— integration suite (mocha, vscode API) in code-server —');
      t = Date.now();
      try {
        const r = await runSuiteInCodeServer({ build: false, browser });
        totals.passed += r.passed;
        totals.failed += r.failed;
        console.log(`suite: ${r.passed} passed, ${r.failed} failed (${secs(t)})`);
      } catch (err) {
        totals.failed++;
        console.log(`✘ suite could not run: ${err.message}`);
      }
    }
    if (only !== 'suite') {
      console.log('\n— browser scenario (the packaged .vsix, as a user) —');
      t = Date.now();
      try {
        const r = await runBrowserScenario({ vsix, browser });
        totals.passed += r.passed;
        totals.failed += r.failed;
        const dirs = [...new Set(r.screenshots.map(p => relative(root, dirname(p))))];
        console.log(`scenario: ${r.passed} passed, ${r.failed} failed (${secs(t)}); ` +
          `${r.screenshots.length} screenshots in ${dirs.join(', ') || '(none)'}/`);
      } catch (err) {
        totals.failed++;
        console.log(`✘ scenario could not run: ${err.message}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  console.log(`\neditor tests took ${secs(started)}`);
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed || !totals.passed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch(err => {
    console.error(`e2e: ${err.stack ?? err.message}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exitCode = 1;
  });
}
