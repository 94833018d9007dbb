// Starts a bundle (dist/server-bundle.js, dist/cli-bundle.js) with V8's code cache: the bytecode of every function
// the last run compiled, saved after the first run of each version and handed to V8 on the next start, so the
// bundle's 1–1.3 MB of JavaScript is not parsed and compiled again. Measured on the language server's cold start
// (spawn → first diagnostics of a Kotlin file): median 280–288 → 214–233 ms in alternated runs (docs/performance.md).
//
// The cache is an optimization and nothing else: whatever goes wrong (no home folder, a read-only disk, a cache
// V8 rejects — another Node version, other flags, a damaged file) the bundle is compiled from source as without it.
// It lives in the user's own cache folder and is read and written only where no one else can put or swap a file or a
// folder on the way (safeFolder): code cache data is executable, so a file someone else could plant must never be
// loaded, and a folder someone else could redirect must never be written to.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** What became of the cache at start: used; none yet; rejected by V8; turned off; not trusted (see `trusted`). */
export type CacheStatus = 'used' | 'none' | 'rejected' | 'off' | 'untrusted';

export interface LaunchOptions {
  /** Where the cache would be written; default `cacheDir(process.env)`. */
  dir?: string;
  /**
   * When a missing or rejected cache is written: at the process's exit (a CLI run: by then every function it needed
   * was compiled), or this many milliseconds after the start (a server: it may be killed rather than exit).
   * The server writes at whichever comes first.
   */
  writeAfterMs?: number;
}

/**
 * The folder for code caches: `AUTHLINT_CACHE_DIR`, else the platform's per-user cache folder. Undefined (no cache)
 * when `NODE_DISABLE_COMPILE_CACHE` is set — Node's own switch for its compile cache — or no folder is known.
 */
export function cacheDir(env: Readonly<Record<string, string | undefined>>, platform = process.platform, home = os.homedir()): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.AUTHLINT_CACHE_DIR) return path.resolve(env.AUTHLINT_CACHE_DIR);
  if (platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'authlint', 'Cache', 'v8') : undefined;
  if (!home) return undefined;
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'authlint', 'v8');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'authlint', 'v8');
}

/**
 * Whether a cache folder (or file) may be trusted: on POSIX systems it must belong to this user and be writable by
 * nobody else. Windows has no such mode bits; the per-user LOCALAPPDATA folder is the protection there.
 */
export function trusted(stat: fs.Stats, uid: number | null = process.getuid?.() ?? null): boolean {
  if (uid === null) return true;
  return stat.uid === uid && (stat.mode & 0o022) === 0;
}

/**
 * Whether nobody but this user (and root) can change what `dir` leads to: every folder on the way belongs to the user
 * or root and is writable by nobody else, unless it is sticky like /tmp (there others cannot rename or remove what
 * is not theirs), and `dir` itself is `trusted`. A link on the way must belong to the user or root too, and the path
 * it leads to is judged the same way. Judging `dir` alone is not enough: a folder (or link) of someone else's above it
 * could swap it for another between the check and the write. 'missing': a folder on the way does not exist yet, the
 * rest is safe (the caller may create it). `real`: the folder's path with the links on the way followed — the one to
 * use, as judged.
 */
export function safeFolder(dir: string, uid: number | null = process.getuid?.() ?? null): { state: 'safe' | 'missing' | 'unsafe'; real: string } {
  let rest = path.resolve(dir).split(path.sep).filter(Boolean);
  let at = path.parse(path.resolve(dir)).root;
  const verdict = (state: 'safe' | 'missing' | 'unsafe') => ({ state, real: path.join(at, ...rest) });
  if (uid === null) return verdict('safe');
  for (let links = 0; rest.length;) {
    const next = path.join(at, rest[0]);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(next);
    } catch (e) {
      return verdict((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unsafe');
    }
    if (stat.uid !== uid && stat.uid !== 0) return verdict('unsafe');
    if (stat.isSymbolicLink()) {
      if (++links > 32) return verdict('unsafe');
      let target: string;
      try {
        target = fs.readlinkSync(next);
      } catch {
        return verdict('unsafe');
      }
      // Start again from where the link leads: its own way there is judged too.
      const resolved = path.resolve(at, target);
      rest = [...resolved.split(path.sep).filter(Boolean), ...rest.slice(1)];
      at = path.parse(resolved).root;
      continue;
    }
    if (!stat.isDirectory()) return verdict('unsafe');
    if (rest.length === 1 ? !trusted(stat, uid) : (stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0) return verdict('unsafe');
    at = next;
    rest = rest.slice(1);
  }
  return verdict('safe');
}

/** Runs `bundle` as the main module, with the cache when there is a good one; returns what became of the cache. */
export function launch(bundle: string, options: LaunchOptions = {}): CacheStatus {
  const source = fs.readFileSync(bundle, 'utf8');
  const dir = 'dir' in options ? options.dir : cacheDir(process.env);
  const name = path.basename(bundle, '.js');
  // One file per bundle content and runtime: upgrading AuthLint or Node starts a new one (and removes the old).
  const key = dir && crypto.createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  const file = `${name}-${key}.v8cache`;
  let status: CacheStatus = dir ? 'none' : 'off';
  let cachedData: Buffer | undefined;
  if (dir) {
    const state = readCache(dir, file);
    if (state === 'untrusted') status = 'untrusted';
    else cachedData = state;
  }
  // The module wrapper Node itself uses, so the bundle sees `require`, `module`, `__dirname` as when it is required.
  const script = new vm.Script(Module.wrap(source.replace(/^#!.*/, '')), {
    filename: bundle,
    cachedData,
    // The bundle may `import()` a Node built-in (web-tree-sitter's file loading): resolve it as in the main context.
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData) status = script.cachedDataRejected ? 'rejected' : 'used';
  if (dir && status !== 'untrusted') scheduleWrite(script, dir, file, name, status === 'used' ? cachedData!.length : 0, options.writeAfterMs);
  runAsMain(script, bundle);
  return status;
}

/** The bytes of the cache `file` in `dir`, undefined when there is none, or 'untrusted' when they could be someone else's. */
function readCache(dir: string, file: string): Buffer | undefined | 'untrusted' {
  const folder = safeFolder(dir);
  if (folder.state === 'missing') return undefined; // no folder yet
  if (folder.state === 'unsafe') return 'untrusted';
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.join(folder.real, file), 'r');
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || !trusted(stat)) return 'untrusted';
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes the cache at exit or after `afterMs`, when it holds more than the one loaded (`loaded` bytes; 0: none or
 * rejected): V8 saves the functions compiled so far, so a `--version` run leaves a small cache and the first scan
 * after it a complete one. Grown by less than an eighth, the old one stays.
 */
function scheduleWrite(script: vm.Script, dir: string, file: string, name: string, loaded: number, afterMs: number | undefined): void {
  let done = false;
  const write = () => {
    if (done) return;
    done = true;
    writeCache(script, dir, file, name, loaded);
  };
  process.once('exit', write);
  if (afterMs !== undefined) setTimeout(write, afterMs).unref();
}

/** Writes the cache `file` into `dir` beside nothing but other caches: a private folder, a private file, renamed into place whole. */
function writeCache(script: vm.Script, dir: string, file: string, name: string, loaded: number): void {
  try {
    const data = script.createCachedData();
    if (loaded && data.length < loaded * 1.125) return;
    let folder = safeFolder(dir);
    if (folder.state === 'missing') {
      fs.mkdirSync(folder.real, { recursive: true, mode: 0o700 });
      folder = safeFolder(folder.real);
    }
    if (folder.state !== 'safe') return;
    // A new file of a name no one could guess (`wx`: never through something already there).
    const temp = path.join(folder.real, `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
    fs.writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, path.join(folder.real, file));
    // Caches of other versions of this bundle are dead weight.
    for (const other of fs.readdirSync(folder.real)) {
      if (other.startsWith(`${name}-`) && other.endsWith('.v8cache') && other !== file) fs.rmSync(path.join(folder.real, other), { force: true });
    }
  } catch {
    // A cache that cannot be written only costs the next start its compile time.
  }
}

/** Runs the compiled wrapper as the process's main module: `require.main === module` holds inside the bundle. */
function runAsMain(script: vm.Script, bundle: string): void {
  const main = new Module(bundle, undefined);
  main.filename = bundle;
  main.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
  const require = Object.assign((id: string) => main.require(id), {
    resolve: (request: string) => (Module as unknown as { _resolveFilename(r: string, m: Module): string })._resolveFilename(request, main),
    main,
    cache: (Module as unknown as { _cache: Record<string, Module> })._cache,
  });
  (script.runInThisContext() as (...args: unknown[]) => void).call(main.exports, main.exports, require, main, bundle, path.dirname(bundle));
  main.loaded = true;
}
