// Module aliases for every esbuild bundle of the sources (scripts/build.mjs, scripts/lsp-latency.mjs):
// web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle does not have: use its CJS build.
// jsonc-parser's CommonJS build is UMD, whose factory requires its own files at run time (esbuild cannot follow
// them, and dist/ has no ./impl/): use its ES module build, which esbuild bundles.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const bundleAliases = {
  'web-tree-sitter': require.resolve('web-tree-sitter'),
  'jsonc-parser': join(dirname(require.resolve('jsonc-parser/package.json')), 'lib', 'esm', 'main.js'),
};
