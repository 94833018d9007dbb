// Loads the tree-sitter grammars once per thread, each when first asked for, and hands out one parser per language.
// The caller says where the .wasm files are (next to the bundle in dist/, or out/wasm in tests): the engine itself
// reads no paths. A language server that opens a Kotlin file loads the Kotlin grammar only (start-up time).
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

export const treeLanguages = Object.keys(grammarFiles) as TreeLanguage[];

let runtime: { wasmDir: string; ready: Promise<void> } | undefined;
const loads = new Map<TreeLanguage, Promise<void>>();
const parsers = new Map<TreeLanguage, Parser>();

/**
 * Starts the parser runtime (first call; its folder wins) and loads the grammars of `languages` (default: all;
 * languages without a grammar are ignored). Resolves when those are ready; each loads once.
 */
export function initParsers(wasmDir: string, languages: readonly LanguageId[] = treeLanguages): Promise<void> {
  if (!runtime) {
    const started = { wasmDir, ready: Parser.init({ locateFile: (name: string) => path.join(wasmDir, name) }) };
    started.ready.catch(() => { if (runtime === started) runtime = undefined; }); // a later call may try again
    runtime = started;
  }
  const { ready, wasmDir: dir } = runtime;
  return Promise.all(languages.filter(isTreeLanguage).map(lang => {
    let load = loads.get(lang);
    if (!load) {
      load = ready.then(async () => {
        const parser = new Parser();
        parser.setLanguage(await Language.load(path.join(dir, grammarFiles[lang])));
        parsers.set(lang, parser);
      });
      // A failed load (missing file) is tried again on the next call rather than remembered.
      load.catch(() => loads.delete(lang));
      loads.set(lang, load);
    }
    return load;
  })).then(() => undefined);
}

export function parserFor(lang: TreeLanguage): Parser {
  const p = parsers.get(lang);
  if (!p) throw new Error(`AuthLint engine used before initEngine() loaded the ${lang} grammar`);
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
