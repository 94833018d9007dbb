// Loads the tree-sitter runtime once per thread and each grammar the first time a file of its language is parsed,
// and hands out one parser per language. The caller says where the .wasm files are (next to the bundle in dist/,
// or out/wasm in tests): the engine itself reads no other paths.
// A grammar is compiled synchronously (`new WebAssembly.Module`, `Language.loadSync`): Kotlin in ≈ 11 ms, the
// others in 2–6 ms. The asynchronous `Language.load` took 17 ms for Kotlin and, started after a first parse, waited
// 600–700 ms behind V8's background compile of the grammar already in use (measured with web-tree-sitter 0.27.2,
// node 20, 2 cores); the synchronous compile has no such wait. So a server or worker that sees one language
// compiles one grammar, and the first diagnostics do not wait for the other four.
import { Parser, Language, type Tree } from 'web-tree-sitter';
import { accessSync, constants, readFileSync } from 'node:fs';
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

// The one WebAssembly API used here; TypeScript declares the namespace only in its DOM library, which this project
// does not load.
declare const WebAssembly: { Module: new (bytes: Uint8Array) => Parameters<typeof Language.loadSync>[0] };

let loading: Promise<void> | undefined;
let grammarDir: string | undefined;
const parsers = new Map<TreeLanguage, Parser>();
const failedGrammars = new Map<TreeLanguage, GrammarLoadError>();

/**
 * A grammar file that is there but does not load (truncated, corrupt): every file of its language would fail the
 * same way, so it is remembered, and a scan stops on it (cli/worker.ts) instead of skipping each such file.
 */
export class GrammarLoadError extends Error {}

/** Loads the runtime, and checks that it and every grammar file are there and readable (a broken install fails here, not on a first file). */
export function initParsers(wasmDir: string): Promise<void> {
  loading ??= (async () => {
    for (const file of ['web-tree-sitter.wasm', ...Object.values(grammarFiles)]) accessSync(path.join(wasmDir, file), constants.R_OK);
    await Parser.init({ locateFile: (name: string) => path.join(wasmDir, name) });
    grammarDir = wasmDir;
  })();
  return loading;
}

export function parserFor(lang: TreeLanguage): Parser {
  let parser = parsers.get(lang);
  if (parser) return parser;
  if (grammarDir === undefined) throw new Error('AuthLint engine used before initEngine() finished');
  const known = failedGrammars.get(lang);
  if (known) throw known;
  let language: Language;
  try {
    language = Language.loadSync(new WebAssembly.Module(readFileSync(path.join(grammarDir, grammarFiles[lang]))));
  } catch (e) {
    const failure = new GrammarLoadError(`cannot load the ${lang} grammar ${grammarFiles[lang]} (${e instanceof Error ? e.message : String(e)}); reinstall AuthLint`);
    failedGrammars.set(lang, failure);
    throw failure;
  }
  parser = new Parser();
  parser.setLanguage(language);
  parsers.set(lang, parser);
  return parser;
}

/** The grammars compiled so far in this thread, in the order they were first needed. */
export function loadedGrammars(): TreeLanguage[] {
  return [...parsers.keys()];
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
