// Fixture folder trees for the tests, built under the OS temp folder and removed after each test file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';

/** A folder tree: file name -> contents (string or bytes); a nested object is a folder. */
export interface Tree { [name: string]: string | Uint8Array | Tree }

const created: string[] = [];
after(() => { for (const dir of created) fs.rmSync(dir, { recursive: true, force: true }); });

/** Writes `tree` into a fresh temporary folder and returns its real absolute path. */
export function makeTree(tree: Tree): string {
  // "authlint-" prefix, never "test": the engine treats a `test/` folder in a path as test sources.
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-')));
  created.push(root);
  writeTree(root, tree);
  return root;
}

export function writeTree(dir: string, tree: Tree): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, value] of Object.entries(tree)) {
    const p = path.join(dir, name);
    if (typeof value === 'string' || value instanceof Uint8Array) fs.writeFileSync(p, value);
    else writeTree(p, value);
  }
}
