// The secure snippets (snippets/*.json): every one, with its placeholders filled, parses without a syntax error and
// AuthLint reports nothing on it (all rules, any level); every library class and member the JVM snippets and the
// AppAuth-JS snippet use is in api-symbols.json, which records where each was checked against the real library.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, ruleMetas } from '../../server/src/engine/index';
import type { LanguageId } from '../../server/src/engine/index';
import { engineReady, settings } from '../helpers/engine';

const root = path.join(__dirname, '..', '..', '..');
const snippetsDir = path.join(root, 'snippets');
const symbolsFile = path.join(root, 'test', 'snippets', 'api-symbols.json');

interface Snippet { prefix: string; body: string[]; description: string }
type SnippetFile = Record<string, Snippet>;

const expected: Record<string, Record<string, string>> = {
  'kotlin.json': {
    'AuthLint: AppAuth sign-in (Kotlin)': 'authlint-appauth',
    'AuthLint: AuthState in the Keystore (Kotlin)': 'authlint-authstate-keystore',
    'AuthLint: Play Integrity token (Kotlin)': 'authlint-play-integrity',
  },
  'java.json': {
    'AuthLint: AppAuth sign-in (Java)': 'authlint-appauth',
  },
  'typescript.json': {
    'AuthLint: AppAuth-JS browser PKCE (TypeScript)': 'authlint-appauth-js',
    'AuthLint: backend key proxy (TypeScript)': 'authlint-proxy',
    'AuthLint: CORS allow-list (TypeScript)': 'authlint-cors',
  },
};

/** Where each file's snippets are analysed: a non-test source path of each language the file serves. */
const targets: Record<string, { path: string; language: LanguageId }[]> = {
  'kotlin.json': [{ path: 'app/src/main/java/com/example/app/Snippet.kt', language: 'kotlin' }],
  'java.json': [{ path: 'app/src/main/java/com/example/app/Snippet.java', language: 'java' }],
  'typescript.json': [
    { path: 'src/snippet.ts', language: 'typescript' },
    { path: 'src/snippet.tsx', language: 'tsx' },
  ],
};

function load(file: string): SnippetFile {
  return JSON.parse(fs.readFileSync(path.join(snippetsDir, file), 'utf8')) as SnippetFile;
}

/**
 * Expands a snippet body as VS Code would with every default accepted: `${N:default}` → default, `${N}`/`$N` →
 * nothing, choices `${N|a,b|}` → the first, variables `${NAME}` → nothing; `\$`, `\}` and `\\` → the character.
 */
export function expand(body: string[]): string {
  const text = body.join('\n');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) { out += text[++i]; continue; }
    if (c !== '$') { out += c; continue; }
    const rest = text.slice(i);
    let m = /^\$\{(\d+):((?:\\.|[^\\}])*)\}/.exec(rest);
    if (m) { out += m[2].replace(/\\(.)/g, '$1'); i += m[0].length - 1; continue; }
    m = /^\$\{\d+\|([^,|]*)[^}]*\|\}/.exec(rest);
    if (m) { out += m[1]; i += m[0].length - 1; continue; }
    m = /^\$\{\d+\}|^\$\d+|^\$\{[A-Z_]+\}|^\$[A-Z_]+/.exec(rest);
    if (m) { i += m[0].length - 1; continue; }
    out += c;
  }
  return out;
}

const allRules = Object.fromEntries(ruleMetas.map(m => [m.id, 'info' as const]));

test('snippet files hold exactly the agreed names and prefixes, each with a body and a description', () => {
  for (const [file, names] of Object.entries(expected)) {
    const snippets = load(file);
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(names).sort(), file);
    for (const [name, prefix] of Object.entries(names)) {
      const s = snippets[name];
      assert.equal(s.prefix, prefix, name);
      assert.ok(Array.isArray(s.body) && s.body.length > 5 && s.body.every(l => typeof l === 'string'), name);
      assert.ok(typeof s.description === 'string' && s.description.length > 20, name);
      assert.match(s.body.join('\n'), /\$\{1:[^}]+\}/, `${name}: has a first placeholder with a default`);
    }
  }
});

test('placeholder expansion', () => {
  assert.equal(expand(['a ${1:https://idp.example.com} b $2 c ${0} d \\$x ${3|one,two|}']), 'a https://idp.example.com b  c  d $x one');
});

test('package.json contributes the snippet files; the .vsix keeps snippets/', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const contributed = new Map<string, string>((pkg.contributes?.snippets ?? []).map((s: { language: string; path: string }) => [s.language, s.path]));
  assert.equal(contributed.get('kotlin'), './snippets/kotlin.json');
  assert.equal(contributed.get('java'), './snippets/java.json');
  assert.equal(contributed.get('typescript'), './snippets/typescript.json');
  assert.equal(contributed.get('typescriptreact'), './snippets/typescript.json');
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map(l => l.trim());
  assert.ok(ignore.includes('!snippets/**'), '.vscodeignore re-includes snippets/**');
});

for (const [file, names] of Object.entries(expected)) {
  for (const name of Object.keys(names)) {
    for (const target of targets[file]) {
      test(`${name} → ${path.extname(target.path)}: no syntax error, no finding`, async () => {
        await engineReady();
        const text = expand(load(file)[name].body);
        const result = analyzeFile({ path: target.path, text, language: target.language, forceTree: true }, settings(allRules));
        assert.equal(result.parsed, true, 'parsed');
        assert.equal(result.syntaxErrors, 0, 'syntax errors');
        assert.deepEqual(result.findings.map(f => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`), []);
      });
    }
  }
}

test('the same check sees a weakened snippet (the clean result is not vacuous)', async () => {
  await engineReady();
  const kt = expand(load('kotlin.json')['AuthLint: AppAuth sign-in (Kotlin)'].body);
  const proxy = expand(load('typescript.json')['AuthLint: backend key proxy (TypeScript)'].body);
  const cors = expand(load('typescript.json')['AuthLint: CORS allow-list (TypeScript)'].body);
  const java = expand(load('java.json')['AuthLint: AppAuth sign-in (Java)'].body);
  const cases: [string, LanguageId, string, string][] = [
    ['app/src/main/java/A.kt', 'kotlin', kt.replace('ResponseTypeValues.CODE', 'ResponseTypeValues.TOKEN'), 'oauth-implicit-flow'],
    ['app/src/main/java/A.kt', 'kotlin', kt.replace('.build()', '.setCodeVerifier(null)\n                .build()'), 'oauth-pkce-disabled'],
    ['app/src/main/java/A.java', 'java', java.replace('"https://idp.example.com"', '"http://idp.example.com"'), 'oauth-insecure-endpoint'],
    ['src/proxy.ts', 'typescript', proxy.replace("expiresIn: '1h'", "expiresIn: '30d'"), 'long-lived-token'],
    ['src/proxy.ts', 'typescript', proxy.replace("{ algorithms: ['HS256'] }", "{ algorithms: ['HS256', 'none'] }"), 'jwt-unverified'],
    ['src/cors.ts', 'typescript', cors.replace('origin: allowedOrigins', 'origin: true'), 'cors-permissive'],
  ];
  for (const [p, language, text, rule] of cases) {
    const result = analyzeFile({ path: p, text, language, forceTree: true }, settings(allRules));
    assert.ok(result.findings.some(f => f.ruleId === rule), `${rule} on the weakened snippet: ${result.findings.map(f => f.ruleId).join(', ')}`);
  }
  const broken = analyzeFile({ path: 'app/src/main/java/A.kt', text: kt.replace('fun signIn() {', 'fun signIn() {{'), language: 'kotlin', forceTree: true }, settings(allRules));
  assert.ok(broken.syntaxErrors > 0, 'a syntax error is counted');
});

// ---- API check --------------------------------------------------------------------------------------------------

interface Symbols { sources: { symbols: string[] }[]; plain: { jvm: string[]; js: string[] } }
const symbolData = JSON.parse(fs.readFileSync(symbolsFile, 'utf8')) as Symbols;
const jvmSymbols = new Set(symbolData.sources.flatMap(s => s.symbols).filter(s => !s.startsWith('js:')));
const jsSymbols = new Set(symbolData.sources.flatMap(s => s.symbols).filter(s => s.startsWith('js:')).map(s => s.slice(3)));
const membersOf = (set: Set<string>) => new Set([...set].filter(s => s.includes('.')).map(s => s.slice(s.lastIndexOf('.') + 1)));

/** Packages whose API the JVM snippets must only use as verified. */
const checkedPackages = /^(net\.openid\.appauth|androidx\.|android\.|com\.google\.android\.play\.|javax\.crypto|java\.security)/;
const keywords = new Set(['if', 'for', 'while', 'when', 'catch', 'return', 'fun', 'switch', 'synchronized', 'try', 'super', 'this', 'throw', 'new', 'object', 'else', 'do']);

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:"])\/\/.*$/gm, '$1').replace(/"(?:\\.|[^"\\\n])*"/g, '""');
}

/** Library uses in a JVM snippet that are not in the verified symbol list. */
export function unverifiedJvmUses(code: string, symbols: Set<string>, plain: string[]): string[] {
  const known = new Set<string>();
  const missing = new Set<string>();
  for (const m of code.matchAll(/^import\s+([\w.]+)\.(\w+);?\s*$/gm)) {
    if (!checkedPackages.test(m[1] + '.')) continue;
    known.add(m[2]);
    if (!symbols.has(m[2])) missing.add(m[2]);
  }
  const body = stripComments(code);
  const members = membersOf(symbols);
  // Own functions and function-typed parameters are not library API.
  const local = new Set([...body.matchAll(/\bfun\s+(\w+)\s*\(|\b(?:void|boolean|String|AuthState|SecretKey)\s+(\w+)\s*\(|\b(\w+)\s*:\s*\(/g)].map(m => m[1] ?? m[2] ?? m[3]));
  const allowed = (name: string) => members.has(name) || local.has(name) || plain.includes(name) || keywords.has(name);
  // Known.Nested( / Known.member(
  for (const m of body.matchAll(/\b([A-Z]\w*)\.(\w+)\s*[({]/g)) {
    if (known.has(m[1]) && !symbols.has(`${m[1]}.${m[2]}`)) missing.add(`${m[1]}.${m[2]}`);
  }
  // Known( constructor calls, not qualified
  for (const m of body.matchAll(/(?<![.\w])([A-Z]\w*)\s*\(/g)) {
    if (known.has(m[1]) && !symbols.has(m[1])) missing.add(m[1]);
  }
  // .member( / .member { calls on anything: must be a verified member of some listed class (or plain/local)
  for (const m of body.matchAll(/(?<![A-Z]\w*)\.([a-z]\w*)\s*[({]/g)) {
    if (!allowed(m[1])) missing.add(`.${m[1]}`);
  }
  // unqualified calls: registerForActivityResult(…) etc.
  for (const m of body.matchAll(/(?<![.\w])([a-z]\w*)\s*[({]/g)) {
    if (!allowed(m[1])) missing.add(`${m[1]}(`);
  }
  return [...missing].sort();
}

/** AppAuth-JS uses in the browser snippet that are not in the verified list. */
export function unverifiedJsUses(code: string, symbols: Set<string>, plain: string[]): string[] {
  const missing = new Set<string>();
  const imported = new Set<string>();
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@openid\/appauth'/g)) {
    for (const name of m[1].split(',').map(s => s.trim()).filter(Boolean)) {
      imported.add(name);
      if (!symbols.has(name)) missing.add(name);
    }
  }
  const body = code.replace(/^import[\s\S]*?;$/gm, '').replace(/\/\/.*$/gm, '').replace(/'(?:\\.|[^'\\\n])*'/g, "''");
  for (const m of body.matchAll(/\b([A-Z]\w*)\.(\w+)/g)) {
    if (imported.has(m[1]) && !symbols.has(`${m[1]}.${m[2]}`)) missing.add(`${m[1]}.${m[2]}`);
  }
  const members = membersOf(symbols);
  const jsBuiltins = ['reject', 'resolve', 'then', 'catch'];
  for (const m of body.matchAll(/(?<![A-Z]\w*)\.([a-z]\w*)\s*\(/g)) {
    if (!members.has(m[1]) && !plain.includes(m[1]) && !jsBuiltins.includes(m[1]) && m[1] !== 'reject') missing.add(`.${m[1]}`);
  }
  for (const m of body.matchAll(/\?\.\[?'?(\w+)/g)) {
    if (m[1] !== 'code_verifier' && !members.has(m[1])) missing.add(`?.${m[1]}`);
  }
  return [...missing].sort();
}

test('every library symbol of the Kotlin and Java snippets is in the verified list', () => {
  for (const file of ['kotlin.json', 'java.json']) {
    for (const [name, s] of Object.entries(load(file))) {
      assert.deepEqual(unverifiedJvmUses(expand(s.body), jvmSymbols, symbolData.plain.jvm), [], name);
    }
  }
});

test('every AppAuth-JS symbol of the browser snippet is in the verified list', () => {
  const s = load('typescript.json')['AuthLint: AppAuth-JS browser PKCE (TypeScript)'];
  assert.deepEqual(unverifiedJsUses(expand(s.body), jsSymbols, symbolData.plain.js), []);
});

test('the symbol check catches an invented or misspelt API', () => {
  const code = [
    'import net.openid.appauth.AuthorizationService',
    'import net.openid.appauth.AuthState',
    'import net.openid.appauth.ClientSecretBasic',
    'fun f(s: AuthorizationService, a: AuthState) {',
    '  s.performTokenRequestt(null) { _, _ -> }',
    '  AuthState.fromJson("")',
    '  a.performActionWithFreshTokens(s) { _, _, _ -> }',
    '}',
  ].join('\n');
  assert.deepEqual(unverifiedJvmUses(code, jvmSymbols, symbolData.plain.jvm), ['.performTokenRequestt', 'AuthState.fromJson', 'ClientSecretBasic']);
  const js = "import { AuthorizationRequest, ImplicitHandler } from '@openid/appauth';\nAuthorizationRequest.RESPONSE_TYPE_TOKEN;\nx.performTokenRequst(a, b);";
  assert.deepEqual(unverifiedJsUses(js, jsSymbols, symbolData.plain.js), ['.performTokenRequst', 'AuthorizationRequest.RESPONSE_TYPE_TOKEN', 'ImplicitHandler']);
});

test('every symbol group names where it was verified', () => {
  const raw = JSON.parse(fs.readFileSync(symbolsFile, 'utf8')) as { sources: Record<string, unknown>[] };
  for (const s of raw.sources) {
    assert.ok(typeof s.library === 'string');
    assert.ok((typeof s.repo === 'string' && /^[0-9a-f]{40}$/.test(String(s.commit)) && Array.isArray(s.files)) || typeof s.url === 'string', String(s.library));
    assert.ok(Array.isArray(s.symbols) && (s.symbols as unknown[]).length > 0);
  }
});
