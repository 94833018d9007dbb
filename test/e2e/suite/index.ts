// The mocha entry point VS Code loads as `extensionTestsPath` (the @vscode/test-electron convention: a module
// exporting `run()`). It runs every `*.test.js` beside it inside the extension host, where `vscode` is the real API.
// Run it with scripts/e2e-suite.mjs (code-server, here) or scripts/e2e-electron.mjs (a downloaded VS Code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, reporter: 'spec' });
  // In code-server the extension host's console reaches the runner mixed with the workbench's own log; the runner
  // sets this marker to pick out mocha's lines.
  const mark = process.env.AUTHLINT_E2E_LOG_MARK ?? '';
  const log = console.log.bind(console);
  const write = (...args: unknown[]) => log(mark + format(...args));
  if (mark) Mocha.reporters.Base.consoleLog = write;
  const grep = process.env.AUTHLINT_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const name of fs.readdirSync(__dirname).sort()) if (name.endsWith('.test.js')) mocha.addFile(path.join(__dirname, name));
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => (failures ? reject(new Error(`${failures} of the editor tests failed`)) : resolve()));
    runner.on('end', () => {
      const s = runner.stats;
      write(`${s?.passes ?? 0} passed, ${s?.failures ?? 0} failed${s?.pending ? `, ${s.pending} skipped` : ''}`);
    });
  });
}
