// The pre-commit hook (.pre-commit-hooks.yaml), the lint-staged call and the GitHub Actions example: their shape,
// and that the CLI accepts exactly the command lines they produce.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageOf } from '../../server/src/engine/index';
import { cli, places } from '../helpers/cli';
import { makeTree, type Tree } from '../helpers/tree';

const root = path.join(__dirname, '..', '..', '..');
// Invented values in no provider's format: plausible secrets for the generic rule and nothing more.
const KEY = 'Qz4Wx8Ev2Rt6Yu1Io5Pa9Sd3';
const project: Tree = {
  app: { src: { 'Api.kt': `package com.example\n\nconst val API_SECRET = "${KEY}"\n`, 'Clean.java': 'class Clean {}\n' } },
  'web ui': { 'api.ts': "export const title = 'shop';\n" },
  'gradle.properties': 'org.gradle.caching=true\n',
};

/** The hook's keys, read line by line (no YAML parser: the file is one flat list entry). */
function hook(): Record<string, string> {
  const lines = fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8').split('\n').filter(l => l.trim() && !l.trimStart().startsWith('#'));
  assert.equal(lines[0], '- id: authlint', 'one hook, id authlint');
  const keys: Record<string, string> = { id: 'authlint' };
  for (const line of lines.slice(1)) {
    const m = /^ {2}([a-z_]+): (.+)$/.exec(line);
    assert.ok(m, `a "key: value" line of the hook: ${line}`);
    keys[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  return keys;
}

describe('.pre-commit-hooks.yaml', () => {
  const h = hook();

  it('has the keys pre-commit needs, for a node hook that passes the file names', () => {
    assert.deepEqual(Object.keys(h).sort(), ['description', 'entry', 'files', 'id', 'language', 'name', 'pass_filenames', 'require_serial', 'types']);
    assert.deepEqual([h.name, h.entry, h.language, h.pass_filenames, h.require_serial, h.types], ['AuthLint', 'authlint scan', 'node', 'true', 'true', '[text]']);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.ok(pkg.bin[h.entry.split(' ')[0]], 'the entry is a bin of the package');
  });

  it('`files` matches exactly the names the engine analyses', () => {
    const files = new RegExp(h.files); // pre-commit applies it with Python's re.search; this one reads the same in JS
    const names = [
      'A.kt', 'build.gradle.kts', 'src/Main.java', 'a.ts', 'types.d.ts', 'View.tsx', 'm.mts', 'c.cts', 'a.js', 'V.jsx', 'm.mjs', 'c.cjs',
      'app/build.gradle', 'gradle.properties', 'app/gradle.properties', 'local.properties',
      'app/src/main/AndroidManifest.xml', 'app/google-services.json', 'app/src/main/res/values/strings.xml',
      'app/src/main/res/values-fr/strings.xml', 'app/src/main/res/xml/network_security_config.xml',
      'pom.xml', 'app/src/main/res/layout/main.xml', 'package.json', 'res/values/strings.json',
      'a.py', 'a.groovy', 'Jenkinsfile', 'a.json', 'app.properties', 'README.md', 'kt', 'a.kt.orig', 'gradle.properties.bak',
    ];
    for (const name of names) assert.equal(files.test(name), languageOf(name) !== undefined, name);
  });

  it('the CLI takes the command line the hook produces: entry, then the staged file names', async () => {
    const dir = makeTree(project);
    const argv = [...h.entry.split(' ').slice(1), 'app/src/Api.kt', 'app/src/Clean.java', 'web ui/api.ts', 'gradle.properties'];
    const r = await cli([...argv, '--format', 'json'], dir);
    assert.deepEqual([r.code, places(r.stdout), JSON.parse(r.stdout).summary.filesScanned, r.stderr], [1, ['app/src/Api.kt:3 hardcoded-secret'], 4, '']);
    assert.deepEqual(await cli([...h.entry.split(' ').slice(1), 'app/src/Clean.java', 'web ui/api.ts'], dir), { code: 0, stdout: 'No findings.\n2 files scanned\n', stderr: '' });
  });

  it('with the baseline as hook args', async () => {
    const dir = makeTree(project);
    await cli(['scan', '--write-baseline', '.authlint-baseline.json'], dir);
    const r = await cli(['scan', '--baseline', '.authlint-baseline.json', 'app/src/Api.kt', 'web ui/api.ts'], dir);
    assert.deepEqual(r, { code: 0, stdout: 'No new findings.\n1 finding in the baseline .authlint-baseline.json not shown\n2 files scanned\n', stderr: '' });
  });
});

describe('docs/ci.md', () => {
  const doc = fs.readFileSync(path.join(root, 'docs/ci.md'), 'utf8');

  it('the local hook\'s `files` is exactly the one of .pre-commit-hooks.yaml, and the prose names the same files', () => {
    const local = [...doc.matchAll(/^ {8}files: '(.+)'$/gm)].map(m => m[1]);
    assert.deepEqual(local, [hook().files]);
    const prose = /pre-commit runs `authlint scan \[args\] <staged files>`[\s\S]*?in one process/.exec(doc)?.[0].replace(/\s+/g, ' ');
    assert.ok(prose, 'the paragraph on what pre-commit passes');
    for (const name of ['`.kts`', '`.mjs`', '`.gradle`', '`gradle.properties`', '`local.properties`', '`AndroidManifest.xml`', '`google-services.json`', '`res/values*/`', '`res/xml/`']) {
      assert.ok(prose.includes(name), name);
    }
  });
});

describe('lint-staged', () => {
  it('the CLI takes the absolute paths lint-staged appends, and reports them relative to the working directory', async () => {
    const dir = makeTree(project);
    const r = await cli(['scan', '--format', 'json', path.join(dir, 'app/src/Api.kt'), path.join(dir, 'web ui/api.ts')], dir);
    assert.deepEqual([r.code, places(r.stdout)], [1, ['app/src/Api.kt:3 hardcoded-secret']]);
  });
});

describe('docs/examples/github-actions.yml', () => {
  const text = fs.readFileSync(path.join(root, 'docs/examples/github-actions.yml'), 'utf8');

  it('may upload to code scanning and uploads the scan\'s SARIF, even when the scan step failed', () => {
    assert.match(text, /^ {6}security-events: write\b/m);
    assert.match(text, /^ {8}uses: github\/codeql-action\/upload-sarif@v\d+$/m);
    assert.match(text, /^ {8}if: always\(\) && hashFiles\('authlint\.sarif'\) != ''$/m);
    assert.match(text, /^ {10}sarif_file: authlint\.sarif$/m);
    assert.ok(!fs.existsSync(path.join(root, '.github', 'workflows', 'authlint.yml')), 'an example, not a workflow of this repository');
  });

  it('the CLI takes its scan command line: exit 0 over a baselined project, the SARIF written', async () => {
    const command = /run: node "\$RUNNER_TEMP\/authlint\/dist\/cli\.js" (scan .*)$/m.exec(text);
    assert.ok(command, 'the scan step');
    const argv = command[1].split(' ');
    const dir = makeTree(project);
    await cli(['scan', '--write-baseline', '.authlint-baseline.json'], dir);
    assert.deepEqual(await cli(argv, dir), { code: 0, stdout: '', stderr: '' });
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'authlint.sarif'), 'utf8'));
    assert.deepEqual(sarif.runs[0].results.map((r: { baselineState: string }) => r.baselineState), ['unchanged']);
  });
});
