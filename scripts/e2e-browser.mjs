#!/usr/bin/env node
// The browser scenario: what a user does by hand, in a real VS Code 1.139 (code-server 4.139.1) driven through
// Debian's Chromium. The packaged .vsix is installed with `code-server --install-extension`, exactly as a user
// installs it; then, for an Android project (Kotlin) and a TypeScript project: open the file, see the squiggle and
// the Problems row, Ctrl+. on the key, pick the key-moving fix by its text, File: Save All Files, and check every
// file of the project on disk; then Ctrl+Z (answering VS Code's "undo in all files" question if it asks), Save All
// Files, and check the project is as before. A screenshot at each step goes to test-artifacts/e2e-browser/.
//
//   node scripts/e2e-browser.mjs [--vsix authlint.vsix] [--only kotlin|typescript]
//
// Without --vsix it runs `npm run package` first. Needs `node scripts/code-server.mjs install`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { startCodeServer, versions, waitFor } from './code-server.mjs';
import {
  goToPosition, launchBrowser, menuTexts, openQuickFixMenu, openWorkbench, quickOpen, runCommand, screenshotter,
} from './e2e-workbench.mjs';
import { artifactsDir, compileSuite, prepareWorkspace, root } from './e2e-suite.mjs';

/** `npm run package` → the .vsix path. */
export function packageExtension() {
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  const m = /Packaged: (\S+\.vsix)/.exec(`${r.stdout}${r.stderr}`);
  const vsix = m ? resolve(root, m[1]) : join(root, 'authlint.vsix');
  if (!existsSync(vsix)) throw new Error(`npm run package did not leave a .vsix (looked for ${vsix}):\n${r.stdout}`);
  return vsix;
}

/** Every file under `dir` (project-relative path → text). */
function snapshot(dir) {
  const out = new Map();
  const walk = d => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text, needle) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in the file`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

function diffSummary(actual, expected) {
  const lines = [];
  for (const file of new Set([...actual.keys(), ...expected.keys()])) {
    if (actual.get(file) === expected.get(file)) continue;
    lines.push(`--- ${file}\n  expected: ${JSON.stringify(expected.get(file))}\n  actual:   ${JSON.stringify(actual.get(file))}`);
  }
  return lines.join('\n');
}

/** One project: open, squiggle, Problems, Ctrl+., fix by text, Save All Files, disk. Throws on the first failure. */
async function scenario(browser, server, workspace, c, shotsDir, log) {
  const project = join(workspace, c.project);
  const before = snapshot(project);
  const expected = new Map(before);
  for (const [file, text] of Object.entries(c.after)) expected.set(file, text);
  const sourceName = c.source.split('/').pop();

  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const shot = screenshotter(page, shotsDir, c.name);
  try {
    const step = async (name, fn) => {
      const t = Date.now();
      try {
        await fn();
      } catch (err) {
        await shot(`FAILED-${name}`).catch(() => {});
        throw new Error(`${c.name}: step "${name}" failed: ${err.message}`);
      }
      log(`  ${c.name}: ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    };

    await step('workbench', async () => {
      await openWorkbench(page, server, project);
      await shot('workbench');
    });
    await step(`open ${sourceName}`, async () => {
      await quickOpen(page, sourceName);
      await shot('opened');
    });
    await step('squiggle', async () => {
      // hardcoded-secret is an error by default: a red squiggle under the key.
      await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
      await page.locator('[id="status.problems"]').waitFor({ timeout: 10_000 });
      await shot('squiggle');
    });
    await step('problems row', async () => {
      await page.keyboard.press('Control+Shift+M');
      // The first row is the file; the problem itself is a row with a marker message.
      const row = page.locator('.markers-panel .monaco-list-row:has(.marker-message)').filter({ hasText: c.rule }).first();
      await row.waitFor({ timeout: 20_000 });
      const text = await row.textContent();
      if (!text.includes('AuthLint')) throw new Error(`the Problems row does not name AuthLint as its source: ${text}`);
      if (text.includes(c.key)) throw new Error(`the Problems row shows the whole key: ${text}`);
      await shot('problems');
    });
    await step('quick fix by its text', async () => {
      // Back to the editor, cursor inside the key, Ctrl+.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      const { line, col } = positionOf(before.get(c.source), c.key);
      await goToPosition(page, line, col + 2);
      const menu = await openQuickFixMenu(page);
      const item = menu.locator('.monaco-list-row').filter({ hasText: c.fixTitle });
      if (!(await item.count())) throw new Error(`no "${c.fixTitle}" in the menu: ${JSON.stringify(await menuTexts(menu))}`);
      await item.first().hover();
      await shot('quick-fix-menu');
      await item.first().click();
      await menu.waitFor({ state: 'hidden', timeout: 10_000 });
      const sourceText = c.after[c.source];
      const marker = sourceText.split('\n').find(l => !before.get(c.source).includes(l) && l.trim()).trim();
      const editorText = async () => (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
      await waitFor(async () => (await editorText()).includes(marker), {
        timeoutMs: 15_000, message: `the editor never showed "${marker}" after the fix`,
      });
      await shot('fixed');
    });
    await step('File: Save All Files', async () => {
      await runCommand(page, 'File: Save All Files');
      // Saving is asynchronous: poll the disk (bounded) until it matches, then report the difference if it never does.
      try {
        await waitFor(() => isDeepStrictEqual(snapshot(project), expected), { timeoutMs: 15_000, every: 200, message: 'mismatch' });
      } catch {
        throw new Error(`the project on disk is not as expected after Save All Files:\n${diffSummary(snapshot(project), expected)}`);
      }
      await page.locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached', timeout: 10_000 });
      await shot('saved');
    });
    await step('Ctrl+Z: undo in all files', async () => {
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Z');
      // VS Code may ask "Would you like to undo '…' across all files?": answer "Undo in N Files" (not "Undo this
      // File"). Whichever comes first, the question or the restored source.
      const dialog = page.locator('.monaco-dialog-box');
      const restoredLine = before.get(c.source).split('\n').find(l => l.includes(c.key)).trim();
      const restored = page.locator('.editor-instance .monaco-editor .view-lines').first().filter({ hasText: restoredLine });
      const first = await Promise.race([
        dialog.waitFor({ timeout: 15_000 }).then(() => 'dialog'),
        restored.waitFor({ timeout: 15_000 }).then(() => 'restored'),
      ]);
      if (first === 'dialog') {
        await shot('undo-question');
        const all = dialog.locator('.monaco-button', { hasText: /^Undo in \d+ Files$/ });
        if (!(await all.count())) throw new Error(`an undo question without "Undo in N Files": ${(await dialog.innerText()).replace(/\s+/g, ' ')}`);
        log(`  ${c.name}: VS Code asked "${(await dialog.locator('.dialog-message-text').innerText()).trim()}": ${(await all.innerText()).trim()}`);
        await all.click();
        await dialog.waitFor({ state: 'detached', timeout: 10_000 });
        await restored.waitFor({ timeout: 15_000 });
      }
      await shot('undone');
      await runCommand(page, 'File: Save All Files');
      // The undo reaches the other files a moment after the open one: a file it restores after Save All ran shows
      // as a dirty tab, and is saved as a user would, with Save All again.
      let saves = 1;
      try {
        await waitFor(async () => {
          if (isDeepStrictEqual(snapshot(project), before)) return true;
          if (saves < 5 && await page.locator('.tabs-container .tab.dirty').count()) {
            saves++;
            await runCommand(page, 'File: Save All Files');
          }
          return false;
        }, { timeoutMs: 15_000, every: 300, message: 'mismatch' });
      } catch {
        throw new Error(`the project on disk is not as before the fix after undo and Save All Files:\n${diffSummary(snapshot(project), before)}`);
      }
      await page.locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached', timeout: 10_000 });
      await shot('undone-saved');
    });
    return shot.taken;
  } finally {
    await page.close().catch(() => {});
  }
}

/** Runs the scenario for every case; returns { passed, failed, seconds, screenshots }. */
export async function runBrowserScenario({ vsix, only, browser: sharedBrowser, log = line => console.log(line) } = {}) {
  const started = Date.now();
  const shotsDir = join(artifactsDir, 'e2e-browser');
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  const vsixPath = vsix ? resolve(vsix) : packageExtension();
  const runDir = mkdtempSync(join(tmpdir(), 'authlint-e2e-browser-'));
  const suiteIndex = await compileSuite(runDir);
  const { cases } = createRequire(suiteIndex)('./cases.js');
  const workspace = prepareWorkspace(runDir);
  let server;
  let browser = sharedBrowser;
  const result = { passed: 0, failed: 0, screenshots: [] };
  try {
    server = await startCodeServer({ runDir: join(runDir, 'code-server'), vsix: vsixPath });
    const installed = readdirSync(server.extensionsDir).filter(n => n.startsWith('authlint.authlint-'));
    if (!installed.length) throw new Error(`--install-extension left no authlint.authlint-* in ${server.extensionsDir}`);
    log(`  installed ${relative(root, vsixPath)} → ${installed[0]}`);
    browser ??= await launchBrowser();
    for (const c of cases.filter(x => !only || x.name === only)) {
      const t = Date.now();
      try {
        await scenario(browser, server, workspace, c, shotsDir, log);
        result.passed++;
        log(`✔ browser: ${c.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      } catch (err) {
        result.failed++;
        log(`✘ browser: ${err.message}`);
      }
    }
  } finally {
    if (browser && browser !== sharedBrowser) await browser.close().catch(() => {});
    if (server) {
      await server.stop();
      try { copyFileSync(server.logFile, join(shotsDir, 'code-server.log')); } catch { /* none */ }
    }
    if (result.failed === 0 && result.passed > 0) rmSync(runDir, { recursive: true, force: true });
    else log(`(run folder kept for inspection: ${runDir})`);
  }
  result.screenshots = readdirSync(shotsDir).filter(n => n.endsWith('.png')).map(n => join(shotsDir, n));
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

async function main(argv) {
  const arg = name => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  console.log(`browser scenario in code-server ${versions.codeServer} (VS Code 1.139), Chromium`);
  const r = await runBrowserScenario({ vsix: arg('--vsix'), only: arg('--only') });
  const shots = relative(process.cwd(), join(artifactsDir, 'e2e-browser'));
  console.log(`scenario took ${r.seconds.toFixed(1)} s; ${r.screenshots.length} screenshots in ${shots}/`);
  console.log(`e2e-browser: ${r.passed} passed, ${r.failed} failed`);
  process.exitCode = r.failed || !r.passed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch(err => {
    console.error(`e2e-browser: ${err.stack ?? err.message}`);
    console.log('e2e-browser: 0 passed, 1 failed');
    process.exitCode = 1;
  });
}
