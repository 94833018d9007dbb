import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkPaths, type WalkOptions } from '../../server/src/cli/walker';
import { languageOf } from '../../server/src/engine/index';
import { makeTree } from '../helpers/tree';

const supported: WalkOptions = { isSupported: p => /\.(kt|java|ts|js)$/.test(p) };
const posix = process.platform !== 'win32';

/** Walks `paths` (relative to root) and returns the files found, relative to root. */
function filesUnder(root: string, paths: string[] = ['.'], options = supported): string[] {
  const result = walkPaths(paths, root, options);
  return result.files.map(f => path.relative(root, f).split(path.sep).join('/'));
}

function skippedUnder(root: string, paths: string[] = ['.'], options = supported): { path: string; reason: string }[] {
  return walkPaths(paths, root, options).skipped.map(s => ({ path: path.relative(root, s.path).split(path.sep).join('/'), reason: s.reason }));
}

describe('walker: .gitignore', () => {
  it('applies the root .gitignore, including folder patterns', () => {
    const root = makeTree({
      '.gitignore': 'generated/\n*.gen.ts\n# comment\n',
      'App.kt': '', 'api.gen.ts': '', 'api.ts': '',
      generated: { 'Keys.kt': '' },
      src: { generated: { 'More.kt': '' }, 'Main.java': '' },
    });
    assert.deepEqual(filesUnder(root), ['App.kt', 'api.ts', 'src/Main.java']);
  });

  it('applies nested .gitignore files relative to their own folder', () => {
    const root = makeTree({
      'secret.kt': '', 'only-here.ts': '',
      sub: {
        '.gitignore': 'secret.kt\n/only-here.ts\n',
        'secret.kt': '', 'only-here.ts': '', 'other.ts': '',
        deeper: { 'only-here.ts': '', 'secret.kt': '' },
      },
    });
    assert.deepEqual(filesUnder(root), ['only-here.ts', 'secret.kt', 'sub/deeper/only-here.ts', 'sub/other.ts']);
  });

  it('negation re-includes within a file and from a deeper file, but not inside an ignored folder', () => {
    const root = makeTree({
      '.gitignore': '*.ts\n!keep.ts\n*.java\nlib/\n!lib/Inside.kt\n',
      'drop.ts': '', 'keep.ts': '', 'Other.java': '',
      lib: { 'Inside.kt': '' },
      mod: { '.gitignore': '!Main.java\n', 'Main.java': '', 'Util.java': '' },
    });
    assert.deepEqual(filesUnder(root), ['keep.ts', 'mod/Main.java']);
  });

  it('reads the .gitignore files above a named folder up to the repository root', () => {
    const root = makeTree({ '.git': {}, '.gitignore': 'gen/\n', app: { 'A.kt': '', gen: { 'G.kt': '' } } });
    assert.deepEqual(filesUnder(root, ['app']), ['app/A.kt']);
  });

  it('outside a repository, only the named folder and below count', () => {
    const root = makeTree({ '.gitignore': 'gen/\n', app: { 'A.kt': '', gen: { 'G.kt': '' } } });
    assert.deepEqual(filesUnder(root, ['app']), ['app/A.kt', 'app/gen/G.kt']);
  });
});

describe('walker: what is taken', () => {
  it('always skips dependency and build-output folders, by exact name', () => {
    const folders = ['node_modules', '.git', 'build', 'dist', 'out', '.gradle', '.idea', 'coverage', 'Pods', '.next', 'vendor', 'target'];
    const root = makeTree({
      ...Object.fromEntries(folders.map(f => [f, { 'x.js': '', 'X.kt': '' }])),
      src: { builder: { 'B.kt': '' }, 'output.ts': '' },
    });
    assert.deepEqual(filesUnder(root), ['src/builder/B.kt', 'src/output.ts']);
  });

  it('takes source packages named like output folders inside src (com/x/build, com/x/out)', () => {
    const root = makeTree({
      app: { build: { 'Gen.kt': '' }, src: { main: { java: { com: { x: { build: { 'BuildConfig2.kt': '' }, out: { 'O.java': '' } } } } } } },
    });
    assert.deepEqual(filesUnder(root), ['app/src/main/java/com/x/build/BuildConfig2.kt', 'app/src/main/java/com/x/out/O.java']);
  });

  it('keeps only files the engine can analyse, silently', () => {
    const root = makeTree({ 'README.md': '', 'a.py': '', 'Main.kt': '', 'web.ts': '' });
    assert.deepEqual(filesUnder(root), ['Main.kt', 'web.ts']);
    assert.deepEqual(skippedUnder(root), []);
  });

  it('returns sorted absolute paths', () => {
    const root = makeTree({ 'b.ts': '', 'a.ts': '', z: { 'A.kt': '' }, 'B.kt': '' });
    const { files } = walkPaths(['.'], root, supported);
    assert.ok(files.every(f => path.isAbsolute(f)));
    assert.deepEqual(files.map(f => path.relative(root, f)), ['B.kt', 'a.ts', 'b.ts', path.join('z', 'A.kt')]);
  });

  it("applies the config's ignore globs relative to the config folder", () => {
    const root = makeTree({
      'A.kt': '', 'api.gen.ts': '',
      generated: { 'G.kt': '', deep: { 'D.kt': '' } },
      src: { legacy: { 'Old.java': '' }, 'New.java': '', generated: { 'Kept.kt': '' } },
    });
    const options: WalkOptions = { ...supported, ignore: { baseDir: root, patterns: ['generated/**', '*.gen.ts', 'legacy/'] } };
    assert.deepEqual(filesUnder(root, ['.'], options), ['A.kt', 'src/New.java', 'src/generated/Kept.kt']);
  });
});

describe('walker: Android configuration files', () => {
  const engine: WalkOptions = { isSupported: p => languageOf(p) !== undefined };

  it('takes the manifests, values and xml resources and google-services.json, not other XML/JSON or build output', () => {
    const root = makeTree({
      app: {
        'google-services.json': '{}', 'build.gradle.kts': '', 'proguard-rules.pro': '',
        build: { intermediates: { 'AndroidManifest.xml': '' }, generated: { res: { values: { 'values.xml': '' } } } },
        src: {
          main: {
            'AndroidManifest.xml': '',
            res: {
              values: { 'strings.xml': '', 'colors.xml': '' }, 'values-night': { 'themes.xml': '' },
              xml: { 'network_security_config.xml': '' }, layout: { 'main.xml': '' }, drawable: { 'icon.xml': '' },
            },
          },
          debug: { 'AndroidManifest.xml': '', res: { xml: { 'network_security_config.xml': '' } } },
        },
      },
      web: { 'package.json': '{}', 'tsconfig.json': '{}' },
      'pom.xml': '',
    });
    assert.deepEqual(filesUnder(root, ['.'], engine), [
      'app/build.gradle.kts',
      'app/google-services.json',
      'app/src/debug/AndroidManifest.xml',
      'app/src/debug/res/xml/network_security_config.xml',
      'app/src/main/AndroidManifest.xml',
      'app/src/main/res/values-night/themes.xml',
      'app/src/main/res/values/colors.xml',
      'app/src/main/res/values/strings.xml',
      'app/src/main/res/xml/network_security_config.xml',
    ]);
    assert.deepEqual(skippedUnder(root, ['app/src/main/res/layout/main.xml'], engine), [
      { path: 'app/src/main/res/layout/main.xml', reason: 'not a Kotlin, Java, TypeScript, JavaScript, Gradle or Android configuration file' },
    ]);
  });
});

describe('walker: explicitly named paths (ESLint rule)', () => {
  const root = makeTree({
    '.gitignore': 'Ignored.kt\n',
    'Ignored.kt': '', 'Config.kt': '', 'notes.md': '',
    node_modules: { lib: { 'index.js': '', node_modules: { 'deep.js': '' } } },
  });
  const options: WalkOptions = { ...supported, ignore: { baseDir: root, patterns: ['Config.kt'] } };

  it('a named file is scanned although .gitignore or the default skip list would leave it out', () => {
    assert.deepEqual(filesUnder(root, ['Ignored.kt', 'node_modules/lib/index.js'], options), ['Ignored.kt', 'node_modules/lib/index.js']);
  });

  it('a named folder that .gitignore excludes is scanned inside; rules about files still apply', () => {
    const repo = makeTree({
      '.git': {}, '.gitignore': 'generated/\n*.gen.ts\nout-*/\n',
      generated: { 'A.kt': '', 'b.gen.ts': '', sub: { 'B.kt': '' }, 'out-x': { 'C.kt': '' } },
    });
    assert.deepEqual(filesUnder(repo, ['generated']), ['generated/A.kt', 'generated/sub/B.kt']);
    assert.deepEqual(filesUnder(repo, ['generated/sub']), ['generated/sub/B.kt']);
    assert.deepEqual(filesUnder(repo), []);
  });

  it('a named folder is entered; what is inside it follows the usual rules', () => {
    assert.deepEqual(filesUnder(root, ['node_modules/lib'], options), ['node_modules/lib/index.js']);
  });

  it("the config's ignore globs still apply, and say so", () => {
    assert.deepEqual(filesUnder(root, ['Config.kt'], options), []);
    assert.deepEqual(skippedUnder(root, ['Config.kt'], options), [{ path: 'Config.kt', reason: 'ignored by the config\'s ignore pattern "Config.kt"' }]);
  });

  it('a named file of another language, and a missing path, are listed as skipped', () => {
    assert.deepEqual(skippedUnder(root, ['notes.md', 'missing', 'Ignored.kt'], options), [
      { path: 'missing', reason: 'no such file or folder' },
      { path: 'notes.md', reason: 'not a Kotlin, Java, TypeScript, JavaScript, Gradle or Android configuration file' },
    ]);
  });

  it('the same file named twice is taken once', () => {
    assert.deepEqual(filesUnder(root, ['Ignored.kt', './Ignored.kt', '.'], options), ['Ignored.kt']);
  });
});

describe('walker: links and unreadable entries never crash', { skip: !posix }, () => {
  it('follows links to folders once, and does not loop', () => {
    const root = makeTree({ a: { 'A.kt': '', b: { 'B.kt': '' } }, other: { 'O.kt': '' } });
    fs.symlinkSync('..', path.join(root, 'a', 'b', 'up'));           // a/b/up -> a (a loop)
    fs.symlinkSync(path.join(root, 'a'), path.join(root, 'a', 'self')); // a/self -> a
    fs.symlinkSync(path.join(root, 'other'), path.join(root, 'linked')); // linked -> other (a duplicate)
    fs.symlinkSync('A.kt', path.join(root, 'a', 'Alias.kt'));          // a file twice
    assert.deepEqual(filesUnder(root), ['a/A.kt', 'a/b/B.kt', 'other/O.kt']);
    // The links back to an enclosing folder are cycles worth a word; a second way into a folder is not.
    const loop = (target: string) => `symbolic link loop: leads back to an enclosing folder (${target}); its files are scanned once`;
    assert.deepEqual(walkPaths(['.'], root, supported).notices.map(n => [path.relative(root, n.path), n.message]),
      [['a/b/up', loop('..')], ['a/self', loop(path.join(root, 'a'))]]);
  });

  it('takes the files of a linked folder outside the tree', () => {
    const outside = makeTree({ 'Shared.kt': '' });
    const root = makeTree({ 'Main.kt': '' });
    fs.symlinkSync(outside, path.join(root, 'shared'));
    assert.deepEqual(filesUnder(root), ['Main.kt', 'shared/Shared.kt']);
  });

  it('broken links of analysable files and every link loop are skipped with a reason; other broken links are ignored', () => {
    const root = makeTree({ 'Ok.kt': '' });
    fs.symlinkSync('nowhere.kt', path.join(root, 'Dangling.kt'));
    fs.symlinkSync('Loop.kt', path.join(root, 'Loop.kt'));
    fs.symlinkSync('nowhere.md', path.join(root, 'doc.md'));
    fs.symlinkSync('ring-b', path.join(root, 'ring-a')); // a circle of links: maybe a folder, never reachable
    fs.symlinkSync('ring-a', path.join(root, 'ring-b'));
    assert.deepEqual(filesUnder(root), ['Ok.kt']);
    assert.deepEqual(skippedUnder(root), [
      { path: 'Dangling.kt', reason: 'broken symbolic link (target nowhere.kt cannot be reached)' },
      { path: 'Loop.kt', reason: 'symbolic link loop (target Loop.kt leads round in a circle of links)' },
      { path: 'ring-a', reason: 'symbolic link loop (target ring-b leads round in a circle of links)' },
      { path: 'ring-b', reason: 'symbolic link loop (target ring-a leads round in a circle of links)' },
    ]);
    assert.deepEqual(skippedUnder(root, ['Dangling.kt']), [{ path: 'Dangling.kt', reason: 'broken symbolic link (target nowhere.kt cannot be reached)' }]);
  });

  it('a FIFO named like a source file is not a regular file', () => {
    const root = makeTree({ 'Ok.kt': '' });
    execFileSync('mkfifo', [path.join(root, 'Pipe.kt')]);
    assert.deepEqual(filesUnder(root), ['Ok.kt']);
    assert.deepEqual(skippedUnder(root), [{ path: 'Pipe.kt', reason: 'not a regular file' }]);
    assert.deepEqual(skippedUnder(root, ['Pipe.kt']), [{ path: 'Pipe.kt', reason: 'not a regular file' }]);
  });

  it('an unreadable folder below the root (skipped as root, who can read anything)', { skip: process.getuid?.() === 0 }, () => {
    const root = makeTree({ 'Ok.kt': '', locked: { 'Hidden.kt': '' } });
    fs.chmodSync(path.join(root, 'locked'), 0);
    try {
      assert.deepEqual(filesUnder(root), ['Ok.kt']);
      assert.deepEqual(skippedUnder(root), [{ path: 'locked', reason: 'cannot read folder (EACCES: permission denied)' }]);
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('an unreadable .gitignore is a notice, not a failure', () => {
    const root = makeTree({ 'Ok.kt': '', sub: { 'S.kt': '' } });
    fs.mkdirSync(path.join(root, 'sub', '.gitignore')); // a folder where a file is expected: EISDIR even for root
    const result = walkPaths(['.'], root, supported);
    assert.deepEqual(result.files.map(f => path.relative(root, f)), ['Ok.kt', 'sub/S.kt']);
    assert.deepEqual(result.notices, [{ path: path.join(root, 'sub', '.gitignore'), message: '.gitignore not applied: EISDIR: illegal operation on a directory' }]);
  });
});
