// Loads the tree-sitter grammars once per thread and hands out one parser per language. The caller says where
// the .wasm files are (next to the bundle in dist/, or out/wasm in tests): the engine itself reads no paths.
// Every grammar is loaded up front, before anything is parsed: all five take ~60 ms then, while a grammar loaded
// after a first parse took 150–800 ms (measured with web-tree-sitter 0.27.2), a stall on the first file of a
// second language.
import { Parser, Language, type Tree } from 'web-tree-sitter';
import * as path from 'node:path';
import type { LanguageId } from '../types';

export type TreeLanguage = Exclude<LanguageId, 'gradle' | 'properties' | 'xml' | 'json'>;

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

/** A parse that ran past its time budget: the file is reported as skipped rather than holding up the rest. */
export class ParseTimeout extends Error {}

let parseBudgetMs = 10_000;

/** The time budget of one parse in milliseconds (the XML reader checks it between chunks). */
export function parseBudget(): number {
  return parseBudgetMs;
}

/** Sets the time budget of one parse (tests use a tiny one); returns the previous budget. */
export function setParseBudget(ms: number): number {
  const previous = parseBudgetMs;
  parseBudgetMs = ms;
  return previous;
}

/** Parses `text` (re-using `oldTree` when given), giving up after the time budget with ParseTimeout. */
export function parseWithin(lang: TreeLanguage, text: string, oldTree?: Tree): Tree {
  const parser = parserFor(lang);
  const deadline = performance.now() + parseBudgetMs;
  // The callback's boolean result cancels the parse (typed as void in web-tree-sitter's declarations).
  const progressCallback = (() => performance.now() > deadline) as unknown as () => void;
  const tree = parser.parse(text, oldTree ?? null, { progressCallback });
  if (!tree) {
    parser.reset(); // a cancelled parse would otherwise resume on the next call
    throw new ParseTimeout(`too slow to parse (over ${parseBudgetMs} ms)`);
  }
  return tree;
}
