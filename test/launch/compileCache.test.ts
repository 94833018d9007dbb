// The launcher's code cache (server/src/launch/compileCache.ts): where it lives, when it is trusted, and what a
// run does with it — each run a fresh Node process, as a start of the CLI or the language server is.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir, safeFolder, trusted } from '../../server/src/launch/compileCache';

describe('cacheDir', () => {
  const home = '/home/ada';
  it('follows the platform, AUTHLINT_CACHE_DIR, and is off with NODE_DISABLE_COMPILE_CACHE', () => {
    assert.equal(cacheDir({}, 'linux', home), '/home/ada/.cache/authlint/v8');
    assert.equal(cacheDir({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', home), '/var/cache/ada/authlint/v8');
    assert.equal(cacheDir({}, 'darwin', home), '/home/ada/Library/Caches/authlint/v8');
    assert.equal(cacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', home), path.join('C:\\Users\\ada\\AppData\\Local', 'authlint', 'Cache', 'v8'));
    assert.equal(cacheDir({}, 'win32', home), undefined);
    assert.equal(cacheDir({}, 'linux', ''), undefined);
    assert.equal(cacheDir({ AUTHLINT_CACHE_DIR: '/tmp/al' }, 'linux', home), '/tmp/al');
    assert.equal(cacheDir({ AUTHLINT_CACHE_DIR: '/tmp/al', NODE_DISABLE_COMPILE_CACHE: '1' }, 'linux', home), undefined);
  });
});

describe('trusted', () => {
  const stat = (uid: number, mode: number) => ({ uid, mode }) as fs.Stats;
  it('only what this user owns and nobody else can write', () => {
    assert.deepEqual([stat(1000, 0o40700), stat(1000, 0o40755), stat(1000, 0o100600), stat(1001, 0o40700), stat(1000, 0o40770), stat(1000, 0o40757)]
      .map(s => trusted(s, 1000)), [true, true, true, false, false, false]);
    assert.equal(trusted(stat(1001, 0o40777), null), true, 'no uid (Windows): no mode bits to judge');
  });
});

describe('launch', { skip: process.platform === 'win32' && 'POSIX modes' }, () => {
  const launcher = path.join(__dirname, '..', '..', 'server', 'src', 'launch', 'compileCache.js');
  const setup = () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authlint-cc-'));
    const bundle = path.join(root, 'app', 'bundle.js');
    fs.mkdirSync(path.dirname(bundle));
    // A bundle that reports how it sees itself run; enough functions for a cache worth the name.
    fs.writeFileSync(bundle, '#!/usr/bin/env node\nconst f = n => n < 2 ? n : f(n - 1) + f(n - 2);\n'
      + 'console.log(JSON.stringify({ main: require.main === module, dir: __dirname, file: __filename, args: process.argv.slice(2), fib: f(20), os: typeof require("node:os").cpus }));\n');
    return { root, bundle, dir: path.join(root, 'cache') };
  };
  /** One start: the bundle's own output and the launch status. */
  const start = (bundle: string, env: Record<string, string> = {}) => {
    // A launcher file like dist/cli.js: the bundle sees the command line the launcher got.
    const script = path.join(path.dirname(bundle), 'launch.js');
    fs.writeFileSync(script, `const s = require(${JSON.stringify(launcher)}).launch(${JSON.stringify(bundle)});\nprocess.on('exit', () => process.stderr.write('status=' + s));\n`);
    const r = spawnSync(process.execPath, [script, 'scan', 'x'], { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...env } });
    assert.equal(r.status, 0, r.stderr);
    return { out: JSON.parse(r.stdout), status: /status=(\w+)/.exec(r.stderr)?.[1] };
  };
  const files = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

  it('runs the bundle as the main module, writes the cache at exit, and uses it on the next start', () => {
    const { bundle, dir } = setup();
    const env = { AUTHLINT_CACHE_DIR: dir };
    const expected = { main: true, dir: path.dirname(bundle), file: bundle, args: ['scan', 'x'], fib: 6765, os: 'function' };
    const first = start(bundle, env);
    assert.deepEqual(first, { out: expected, status: 'none' });
    const [cache] = files(dir);
    assert.match(cache, /^bundle-[0-9a-f]{16}\.v8cache$/);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(dir, cache)).mode & 0o777, 0o600);
    assert.deepEqual(start(bundle, env), { out: expected, status: 'used' });
    assert.deepEqual(files(dir), [cache], 'a used cache that did not grow is left as it is');
  });

  it('a damaged cache is rejected by V8, the bundle still runs, and a good cache replaces it', () => {
    const { bundle, dir } = setup();
    const env = { AUTHLINT_CACHE_DIR: dir };
    start(bundle, env);
    const file = path.join(dir, files(dir)[0]);
    const damaged = Buffer.alloc(fs.statSync(file).size, 0x5a);
    fs.writeFileSync(file, damaged);
    const r = start(bundle, env);
    assert.equal(r.status, 'rejected');
    assert.equal(r.out.fib, 6765);
    assert.notDeepEqual(fs.readFileSync(file), damaged);
    assert.equal(start(bundle, env).status, 'used');
  });

  it('a changed bundle gets a new cache and the old one is removed', () => {
    const { bundle, dir } = setup();
    const env = { AUTHLINT_CACHE_DIR: dir };
    start(bundle, env);
    const [old] = files(dir);
    fs.appendFileSync(bundle, '// next version\n');
    assert.equal(start(bundle, env).status, 'none');
    const now = files(dir);
    assert.equal(now.length, 1);
    assert.notEqual(now[0], old);
  });

  it('never reads or writes a cache folder others can write to, and does nothing when turned off', () => {
    const { bundle, dir } = setup();
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.chmodSync(dir, 0o777);
    const r = start(bundle, { AUTHLINT_CACHE_DIR: dir });
    assert.equal(r.status, 'untrusted');
    assert.equal(r.out.fib, 6765);
    assert.deepEqual(files(dir), []);
    fs.chmodSync(dir, 0o700);
    assert.deepEqual(start(bundle, { AUTHLINT_CACHE_DIR: dir, NODE_DISABLE_COMPILE_CACHE: '1' }).status, 'off');
    assert.deepEqual(files(dir), []);
  });

  it('never uses a cache folder under a folder others can write to (they could swap it), unless that folder is sticky', () => {
    const { root, bundle } = setup();
    const shared = path.join(root, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o777);
    const dir = path.join(shared, 'cache');
    assert.equal(safeFolder(dir).state, 'unsafe');
    assert.equal(start(bundle, { AUTHLINT_CACHE_DIR: dir }).status, 'untrusted');
    assert.equal(fs.existsSync(dir), false, 'not even created');
    fs.chmodSync(shared, 0o1777); // like /tmp
    assert.equal(safeFolder(dir).state, 'missing');
    assert.equal(start(bundle, { AUTHLINT_CACHE_DIR: dir }).status, 'none');
    assert.equal(safeFolder(dir).state, 'safe');
    assert.equal(start(bundle, { AUTHLINT_CACHE_DIR: dir }).status, 'used');
  });

  it('follows a link of the user\'s to the cache folder, judging where it leads', () => {
    const { root, bundle, dir } = setup();
    const link = path.join(root, 'link');
    fs.symlinkSync('cache', link); // relative: resolved from the link's folder
    assert.deepEqual(safeFolder(link), { state: 'missing', real: dir });
    assert.equal(start(bundle, { AUTHLINT_CACHE_DIR: link }).status, 'none');
    assert.equal(files(dir).length, 1, 'written where the link leads');
    assert.deepEqual(safeFolder(link), { state: 'safe', real: dir });
    assert.equal(start(bundle, { AUTHLINT_CACHE_DIR: link }).status, 'used');
    fs.chmodSync(dir, 0o777);
    assert.equal(safeFolder(link).state, 'unsafe');
    assert.equal(start(bundle, { AUTHLINT_CACHE_DIR: link }).status, 'untrusted');
  });

  it('never reads, writes or cleans through a link someone else owns', { skip: process.getuid?.() !== 0 && 'needs root to give a link to another user' }, () => {
    const { root, bundle } = setup();
    // Another user's link to a folder of ours: following it would write there and remove its older caches.
    const victim = path.join(root, 'victim');
    fs.mkdirSync(victim, { mode: 0o700 });
    fs.writeFileSync(path.join(victim, 'bundle-0123456789abcdef.v8cache'), 'keep me');
    const link = path.join(root, 'planted');
    fs.symlinkSync(victim, link);
    fs.lchownSync(link, 65534, 65534);
    assert.equal(safeFolder(link).state, 'unsafe');
    assert.equal(start(bundle, { AUTHLINT_CACHE_DIR: link }).status, 'untrusted');
    assert.deepEqual(files(victim), ['bundle-0123456789abcdef.v8cache']);
    assert.equal(fs.readFileSync(path.join(victim, 'bundle-0123456789abcdef.v8cache'), 'utf8'), 'keep me');
  });
});
