// Bundles the CLI, the language server and the VS Code client with esbuild and copies the tree-sitter .wasm files next to
// the bundle, where the engine's grammar locator looks for them. `--tests` compiles the test files to out/ instead.
// Both compile the `.authlint.json` validator from server/schema/authlint.schema.json (see configValidatorCode).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleAliases } from './bundle-aliases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = new Set(process.argv.slice(2));

export const wasmFiles = {
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-java.wasm': 'tree-sitter-java/tree-sitter-java.wasm',
  'tree-sitter-kotlin.wasm': '@tree-sitter-grammars/tree-sitter-kotlin/tree-sitter-kotlin.wasm',
  'tree-sitter-typescript.wasm': 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm': 'tree-sitter-typescript/tree-sitter-tsx.wasm',
  'tree-sitter-javascript.wasm': 'tree-sitter-javascript/tree-sitter-javascript.wasm',
};

function copyWasm(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const [name, spec] of Object.entries(wasmFiles)) copyFileSync(require.resolve(spec), join(outDir, name));
}

export const schemaFile = join(root, 'server', 'schema', 'authlint.schema.json');

/**
 * The validator of `.authlint.json` as ajv standalone code (CommonJS), generated from the schema here rather than
 * compiled when the CLI or the server starts: no `new Function` at run time, no schema compilation on the startup
 * path, and the bundles carry ~25 KB of generated checks instead of ajv itself. The keywords VS Code reads for its
 * editor (enumDescriptions, patternErrorMessage) are annotations to ajv. Strict mode: a typo in the schema fails here.
 */
export async function configValidatorCode() {
  const { default: Ajv } = await import('ajv');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true } });
  ajv.addVocabulary(['enumDescriptions', 'patternErrorMessage']);
  return standaloneCode(ajv, ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8'))));
}

/** Serves `./configValidator` (imported by server/src/engine/config.ts) from the generated code. */
function configValidatorPlugin(code) {
  return {
    name: 'authlint-config-validator',
    setup(b) {
      b.onResolve({ filter: /^\.\/configValidator$/ }, () => ({ path: 'configValidator.js', namespace: 'authlint-generated' }));
      b.onLoad({ filter: /.*/, namespace: 'authlint-generated' }, () => ({ contents: code, loader: 'js', resolveDir: root }));
    },
  };
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const common = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', alias: bundleAliases,
};
const validatorCode = await configValidatorCode();

if (args.has('--tests')) {
  // Tests import the sources directly; each test file becomes one file in out/ (no bundling, so the module graph
  // stays visible to the test runner and stack traces point at the sources).
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const entryPoints = [...walk(join(root, 'test')), ...walk(join(root, 'server/src')), ...walk(join(root, 'client/src'))]
    // Fixtures are data; the editor suites (test/e2e) run inside VS Code and are compiled by their own runner.
    .filter(p => !p.includes(join('test', 'fixtures')) && !p.includes(join('test', 'e2e')));
  const { alias: _alias, ...unbundled } = common;
  await build({ ...unbundled, bundle: false, entryPoints, outdir: join(root, 'out'), outbase: root });
  copyWasm(join(root, 'out', 'wasm'));
  // What the unbundled config.js requires beside it: the generated validator and the schema.
  writeFileSync(join(root, 'out', 'server', 'src', 'engine', 'configValidator.js'), validatorCode);
  mkdirSync(join(root, 'out', 'server', 'schema'), { recursive: true });
  copyFileSync(schemaFile, join(root, 'out', 'server', 'schema', 'authlint.schema.json'));
} else {
  await build({
    ...common,
    // cli.js and server.js are small launchers that run the -bundle files with V8's code cache (server/src/launch).
    entryPoints: {
      cli: join(root, 'server/src/launch/cli.ts'),
      'cli-bundle': join(root, 'server/src/cli/main.ts'),
      'scan-worker': join(root, 'server/src/cli/worker.ts'),
      server: join(root, 'server/src/launch/server.ts'),
      'server-bundle': join(root, 'server/src/lsp/main.ts'),
    },
    outdir: join(root, 'dist'),
    banner: { js: '#!/usr/bin/env node' },
    external: ['vscode'],
    plugins: [configValidatorPlugin(validatorCode)],
  });
  // The VS Code extension: `vscode` is provided by the editor at run time. It starts dist/server.js.
  await build({
    ...common,
    entryPoints: { client: join(root, 'client/src/extension.ts') },
    outdir: join(root, 'dist'),
    external: ['vscode'],
  });
  copyWasm(join(root, 'dist'));
  // VS Code validates and completes `.authlint.json` with it (package.json contributes.jsonValidation).
  copyFileSync(schemaFile, join(root, 'dist', 'authlint.schema.json'));
  console.log(`built ${relative(process.cwd(), join(root, 'dist')) || 'dist'}`);
}
