// Loads the tree-sitter grammars once per thread and hands out one parser per language. The caller says where
// the .wasm files are (next to the bundle in dist/, or out/wasm in tests): the engine itself reads no paths.
import { Parser, Language } from 'web-tree-sitter';
import * as path from 'node:path';
import type { LanguageId } from '../types';

export type TreeLanguage = Exclude<LanguageId, 'gradle' | 'properties'>;

const grammarFiles: Record<TreeLanguage, string> = {
  kotlin: 'tree-sitter-kotlin.wasm',
  java: 'tree-sitter-java.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
};

let loading: Promise<void> | undefined;
const parsers = new Map<TreeLanguage, Parser>();

export function initParsers(wasmDir: string): Promise<void> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (name: string) => path.join(wasmDir, name) });
    for (const [lang, file] of Object.entries(grammarFiles) as [TreeLanguage, string][]) {
      const language = await Language.load(path.join(wasmDir, file));
      const parser = new Parser();
      parser.setLanguage(language);
      parsers.set(lang, parser);
    }
  })();
  return loading;
}

export function parserFor(lang: TreeLanguage): Parser {
  const p = parsers.get(lang);
  if (!p) throw new Error('AuthLint engine used before initEngine() finished');
  return p;
}

export function isTreeLanguage(lang: LanguageId): lang is TreeLanguage {
  return lang in grammarFiles;
}
