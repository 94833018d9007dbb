// The engine's public surface: initialise once per thread, then analyse files (pure: text in, findings out).
import { initParsers } from './parse/parsers';
export { GrammarLoadError } from './parse/parsers';
import { rules } from './rules/index';
import type { RuleMeta } from './types';

export { analyzeFile, isTestPath, pathFactsOf } from './analyze';
export { analyzeDocument, DocumentTree, type TextChange } from './document';
export { languageOf } from './model/build';
export { resolvePending } from './resolve';
export { offsetToPosition, offsetToRange, positionToOffset } from './positions';
export type * from './api';
export type * from './types';

/** Loads the tree-sitter runtime and grammars from `wasmDir` (the folder holding the .wasm files). */
export function initEngine(wasmDir: string): Promise<void> {
  return initParsers(wasmDir);
}

export const ruleMetas: readonly RuleMeta[] = rules.map(r => r.meta);
export { defaultOptions } from './types';
