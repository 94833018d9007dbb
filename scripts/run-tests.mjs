// Runs the compiled unit tests: every out/test/**/*.test.js except the editor suites (test/e2e runs inside a real
// VS Code). Node 20 would otherwise treat every .js file under a folder named `test` as a test file.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const base = join(root, 'out', 'test');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (relative(base, p) !== 'e2e') walk(p); }
    else if (name.endsWith('.test.js')) files.push(p);
  }
})(base);
files.sort();
const r = spawnSync(process.execPath, ['--test', ...process.argv.slice(2), ...files], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
