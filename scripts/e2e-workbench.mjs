// Driving the VS Code workbench served by code-server with playwright-core and Debian's Chromium: launching the
// browser, running an extension's mocha suite through the workbench's `payload` URL parameter, and the few user
// gestures the browser scenario needs (quick open, command palette, problems, quick fix menu).
// See ../shared/docs/editor-tests.md for the reasons behind each step.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromiumPath, loadPlaywright, waitFor } from './code-server.mjs';

export async function launchBrowser() {
  const { chromium } = loadPlaywright();
  return chromium.launch({
    executablePath: chromiumPath,
    // No --user-data-dir here: playwright gives the browser a fresh profile of its own.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * VS Code 1.13x honours the `payload` URL parameter (extensionDevelopmentPath / extensionTestsPath) only when the
 * workbench configuration says `developmentOptions.enableSmokeTestDriver`. The configuration is a JSON attribute
 * of a meta element; this init script rewrites it as the workbench reads it (rewriting the HTML in a route
 * handler breaks the web sockets).
 */
export function enableSmokeTestDriver() {
  const get = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = get.call(this, name);
    if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && value) {
      try {
        const config = JSON.parse(value);
        config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
        return JSON.stringify(config);
      } catch {
        return value;
      }
    }
    return value;
  };
}

/** The workbench URL of `folder`, with the extension-test payload when `dev` is given. */
export function workbenchUrl(server, folder, dev) {
  const params = new URLSearchParams({ folder });
  if (dev) {
    const remote = p => `vscode-remote://127.0.0.1:${server.port}${p}`;
    params.set('payload', JSON.stringify([
      ['extensionDevelopmentPath', remote(dev.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(dev.extensionTestsPath)],
    ]));
  }
  return `${server.url}/?${params}`;
}

/**
 * Runs an extension's integration suite (the module at `extensionTestsPath` exporting `run()`, as for
 * @vscode/test-electron) inside the workbench of `server`, on `folder`. Mocha's output goes to `onLog`.
 * Resolves with the suite's exit code (0 all passed) once the workbench reports it; rejects on timeout.
 */
export async function runExtensionTests(browser, server, {
  folder, extensionDevelopmentPath, extensionTestsPath, timeoutMs = 180_000, screenshot,
  onLog = line => process.stdout.write(`${line}\n`),
}) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    let exit;
    const exited = new Promise(res => { exit = res; });
    await page.exposeFunction('codeAutomationExit', code => { exit(code); });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      onLog(type === 'error' ? `[error] ${text}` : text);
    });
    await page.addInitScript(enableSmokeTestDriver);
    const pageErrors = [];
    page.on('pageerror', err => pageErrors.push(err.message));
    await page.goto(workbenchUrl(server, folder, { extensionDevelopmentPath, extensionTestsPath }));
    let timer;
    const timeout = new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`the extension tests did not report an exit code within ${timeoutMs / 1000} s` +
        `${pageErrors.length ? `; page errors: ${pageErrors.join(' | ')}` : ''} (code-server log: ${server.logFile})`)), timeoutMs);
    });
    try {
      const code = await Promise.race([exited, timeout]);
      if (screenshot) await page.screenshot({ path: screenshot }).catch(() => {});
      return code;
    } catch (err) {
      if (screenshot) await page.screenshot({ path: screenshot }).catch(() => {});
      throw err;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// User gestures

/** Screenshots numbered in the order taken, into `dir`. */
export function screenshotter(page, dir, prefix) {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const taken = [];
  const shoot = async name => {
    const file = join(dir, `${prefix}-${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    taken.push(file);
    return file;
  };
  shoot.taken = taken;
  return shoot;
}

/** Opens the workbench on `folder` and waits until it shows the explorer with at least one row. */
export async function openWorkbench(page, server, folder) {
  await page.goto(workbenchUrl(server, folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Ctrl+P, type the name, wait for the quick-open row that names it, Enter; waits for its editor tab. */
export async function quickOpen(page, fileName) {
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(fileName);
  // Enter before the row for this file is listed opens whatever was first (a recent file, nothing).
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${fileName}"]`).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${fileName}"]`).waitFor({ timeout: 20_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 20_000 });
}

/** F1, type the command's label, pick the row with exactly that label. */
export async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${label}`);
  const name = page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) });
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: name }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Ctrl+G line:col (1-based) in the active editor. */
export async function goToPosition(page, line, col) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}:${col}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  const selection = page.locator('.statusbar [id="status.editor.selection"]');
  await waitFor(async () => (await selection.textContent().catch(() => ''))?.includes(`Ln ${line}, Col ${col}`), {
    timeoutMs: 10_000, message: `the cursor did not reach ${line}:${col}`,
  });
}

/**
 * Ctrl+. at the cursor and waits for the code action menu; while built-in extensions still activate it may not
 * open (the light bulb shows, no menu): Escape and try again, a bounded number of times.
 * Returns the menu's locator.
 */
export async function openQuickFixMenu(page, { tries = 5, waitMs = 5_000 } = {}) {
  const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
  for (let i = 1; ; i++) {
    await page.keyboard.press('Control+.');
    try {
      await menu.locator('.monaco-list-row').first().waitFor({ timeout: waitMs });
      return menu;
    } catch (err) {
      if (i >= tries) throw new Error(`the quick fix menu did not open after ${tries} tries: ${err.message}`);
      await page.keyboard.press('Escape');
    }
  }
}

/** The menu rows' texts (for error messages). */
export async function menuTexts(menu) {
  return (await menu.locator('.monaco-list-row').allTextContents()).map(t => t.trim());
}

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
