// The extension's manifest agrees with what the code declares once (settings, commands, linted files), and the
// client's pure helpers (restart policy, status words) behave.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, readSettings, repositoryUrl, ruleDocsUrl, settingSchemas } from '../../server/src/shared/settings';
import { commands, commandTitles, kotlinExtensions, lintedLanguageIds, serverCommands, serverRunningContext } from '../../server/src/shared/protocol';
import { RestartPolicy, serverGone } from '../../client/src/restartPolicy';
import { countText, statusView } from '../../client/src/statusText';
import { mallocTunable, serverEnvironment } from '../../client/src/serverEnv';

const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('declares exactly the settings of server/src/shared/settings.ts', () => {
    assert.deepEqual(pkg.contributes.configuration.properties, settingSchemas);
  });

  it('the schema defaults are the defaults readSettings gives', () => {
    const flat = (o: Record<string, unknown>, prefix = 'authlint'): Record<string, unknown> => Object.fromEntries(Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object' && !Array.isArray(v) && k !== 'rules' ? Object.entries(flat(v as Record<string, unknown>, `${prefix}.${k}`)) : [[`${prefix}.${k}`, v]]));
    assert.deepEqual(flat(readSettings(undefined).settings as never), Object.fromEntries(Object.entries(settingSchemas).map(([k, s]) => [k, s.default])));
    assert.deepEqual(readSettings(undefined).settings, defaultSettings);
  });

  it('contributes the commands of shared/protocol.ts, titled and categorised', () => {
    assert.deepEqual(pkg.contributes.commands, Object.values(commands).map(c => ({ command: c, title: commandTitles[c], category: 'AuthLint' })));
    assert.deepEqual(serverCommands, ['authlint.scanWorkspace']);
  });

  it('lists the server\'s commands in the Command Palette only while the server runs', () => {
    assert.deepEqual(pkg.contributes.menus, { commandPalette: serverCommands.map(command => ({ command, when: serverRunningContext })) });
  });

  it('gives VS Code a Kotlin language id and activates on every linted language', () => {
    assert.deepEqual(pkg.contributes.languages, [{ id: 'kotlin', aliases: ['Kotlin', 'kotlin'], extensions: [...kotlinExtensions] }]);
    for (const id of lintedLanguageIds) assert.ok(pkg.activationEvents.includes(`onLanguage:${id}`), id);
  });

  it('is honest about what it needs: engines.vscode matches @types/vscode, untrusted workspaces supported', () => {
    assert.equal(pkg.engines.vscode, `^${pkg.devDependencies['@types/vscode']}`);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /runs no code/);
    assert.match(pkg.devDependencies['@vscode/vsce'], /^3\.\d+\.\d+$/, 'vsce 4 needs Node 22');
    for (const dep of ['vscode-languageserver', 'vscode-languageserver-textdocument', 'vscode-languageclient', '@types/vscode']) {
      assert.match(pkg.devDependencies[dep], /^\d+\.\d+\.\d+$/, `${dep} pinned`);
    }
  });

  it('runs where the files are (remote, WSL, containers) and stays off in virtual workspaces, saying why', () => {
    assert.deepEqual(pkg.extensionKind, ['workspace']);
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
    assert.match(pkg.capabilities.virtualWorkspaces.description, /file system/);
  });

  it('contributes the .authlint.json schema, built into dist/ and packaged', () => {
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.authlint.json', url: './dist/authlint.schema.json' }]);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'dist', 'authlint.schema.json'), 'utf8')),
      JSON.parse(fs.readFileSync(path.join(root, 'server', 'schema', 'authlint.schema.json'), 'utf8')), 'npm run build copies it');
  });

  it('names the repository through the one constant, and bins for the CLI and the server', () => {
    assert.equal(pkg.repository.url, `${repositoryUrl}.git`);
    assert.equal(ruleDocsUrl(defaultSettings.docsBaseUrl, 'hardcoded-secret'), `${repositoryUrl}/blob/main/docs/rules/hardcoded-secret.md`);
    assert.equal(pkg.bin['authlint-language-server'], 'dist/server.js');
    assert.equal(pkg.main, './dist/client.js');
  });

  it('.vscodeignore keeps the package to the bundles, grammars, snippets and documents', () => {
    const lines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter(l => l && !l.startsWith('#'));
    assert.equal(lines[0], '**', 'everything out unless named');
    assert.deepEqual(lines.slice(1).sort(), ['!CHANGELOG.md', '!LICENSE', '!README.md', '!client/icon.png', '!dist/*.wasm', '!dist/authlint.schema.json', '!dist/client.js', '!dist/scan-worker.js', '!dist/server-bundle.js', '!dist/server.js', '!package.json', '!snippets/**']);
    assert.ok(fs.existsSync(path.join(root, pkg.icon)));
  });
});

describe('client helpers', () => {
  it('starts the server on Linux with a fixed malloc mmap threshold, keeping the user\'s own tuning', () => {
    assert.equal(mallocTunable, 'glibc.malloc.mmap_threshold=131072');
    assert.deepEqual(serverEnvironment({ PATH: '/bin' }, 'linux'), { PATH: '/bin', GLIBC_TUNABLES: mallocTunable });
    assert.deepEqual(serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux'), { GLIBC_TUNABLES: `glibc.malloc.arena_max=2:${mallocTunable}` });
    assert.deepEqual(serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=4096' }, 'linux'), { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=4096' });
    assert.deepEqual(serverEnvironment({ PATH: 'C:\\x' }, 'win32'), { PATH: 'C:\\x' });
    assert.deepEqual(serverEnvironment({}, 'darwin'), {});
  });

  it('errors that only say the server process is gone do not shut the client down before it can restart', () => {
    const errno = (code: string, message: string) => Object.assign(new Error(message), { code });
    assert.deepEqual([
      errno('EPIPE', 'write EPIPE'), errno('ERR_IPC_CHANNEL_CLOSED', 'Channel closed'), errno('ECONNRESET', 'read ECONNRESET'),
      new Error('write EPIPE'), new Error('Cannot call write after a stream was destroyed'),
      new Error('Header must provide a Content-Length property.'), errno('ERR_INVALID_ARG_TYPE', 'bad argument'), undefined,
    ].map(serverGone), [true, true, true, true, true, false, false, false]);
  });

  it('restarts a crashed server a bounded number of times, then reports once', () => {
    let now = 0;
    const policy = new RestartPolicy(2, 60_000, () => now);
    assert.deepEqual([policy.onCrash(), policy.onCrash()], [{ restart: true }, { restart: true }]);
    assert.deepEqual(policy.onCrash(), { restart: false, report: true });
    assert.deepEqual(policy.onCrash(), { restart: false, report: false });
    policy.reset();
    assert.deepEqual(policy.onCrash(), { restart: true });
    now = 120_000; // old crashes age out
    assert.deepEqual([policy.onCrash(), policy.onCrash()], [{ restart: true }, { restart: true }]);
  });

  it('status words: state, config problems and counts', () => {
    assert.equal(countText({ errors: 1, warnings: 2, infos: 0 }), '1 error, 2 warnings');
    assert.equal(countText({ errors: 0, warnings: 0, infos: 0 }), 'no problems');
    assert.deepEqual(statusView('starting', undefined, undefined, { errors: 0, warnings: 0, infos: 0 }).busy, true);
    const ok = statusView('running', { state: 'ok', message: 'AuthLint is running' }, { errors: 1, warnings: 0, infos: 0 }, { errors: 3, warnings: 1, infos: 0 });
    assert.deepEqual(ok, { text: 'AuthLint: 1 error', detail: 'this file: 1 error · workspace: 3 errors, 1 warning', severity: 'information', busy: false });
    const bad = statusView('running', { state: 'error', message: 'Invalid configuration: x' }, undefined, { errors: 0, warnings: 0, infos: 0 });
    assert.equal(bad.severity, 'error');
    assert.match(bad.detail, /^Invalid configuration: x/);
    assert.equal(statusView('gave-up', undefined, undefined, { errors: 0, warnings: 0, infos: 0 }).severity, 'error');
  });
});
