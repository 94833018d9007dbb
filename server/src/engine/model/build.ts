// Picks the grammar for a path and builds the FileModel: the whole file, or only windows around candidates
// when the file is large (a 9 MB bundle parses in ~1.7 s; its few candidates need a few kilobytes each).
import type { LanguageId } from '../types';
import type { FileModel } from './model';
import type { Grammar } from './grammar';
import { extractModel } from './extract';
import { extractTextModel } from './text';
import { kotlinGrammar } from './kotlin';
import { javaGrammar } from './java';
import { javascriptGrammar, tsxGrammar, typescriptGrammar } from './typescript';
import { parseWithin, type TreeLanguage } from '../parse/parsers';
import type { Span } from '../types';
import type { Tree } from 'web-tree-sitter';

const grammars: Record<TreeLanguage, Grammar> = {
  kotlin: kotlinGrammar, java: javaGrammar, typescript: typescriptGrammar, tsx: tsxGrammar, javascript: javascriptGrammar,
};

const byExtension: Record<string, LanguageId> = {
  kt: 'kotlin', kts: 'kotlin', java: 'java',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  gradle: 'gradle',
};

export function languageOf(path: string): LanguageId | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (base.endsWith('.d.ts')) return 'typescript';
  if (base === 'gradle.properties' || base === 'local.properties') return 'properties';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? byExtension[base.slice(dot + 1).toLowerCase()] : undefined;
}

/** The model of a whole file from a tree the caller keeps (the language server's incremental trees). */
export function modelFromTree(path: string, language: TreeLanguage, text: string, tree: Tree): FileModel {
  return extractModel(grammars[language], tree, path, text);
}

export function buildModel(path: string, language: LanguageId, text: string, windows?: Span[]): FileModel {
  if (language === 'gradle' || language === 'properties') return extractTextModel(path, language, text);
  const grammar = grammars[language];
  if (!windows) {
    const tree = parseWithin(language, text);
    try { return extractModel(grammar, tree, path, text); } finally { tree.delete(); }
  }
  const parts: FileModel[] = [];
  for (const w of windows) {
    const tree = parseWithin(language, text.slice(w.start, w.end));
    try { parts.push(extractModel(grammar, tree, path, text, w.start)); } finally { tree.delete(); }
  }
  const first = parts[0];
  return {
    path, language, text,
    packageName: first?.packageName,
    literals: parts.flatMap(p => p.literals),
    scalars: parts.flatMap(p => p.scalars),
    references: parts.flatMap(p => p.references),
    calls: parts.flatMap(p => p.calls),
    constants: parts.flatMap(p => p.constants),
    comments: parts.flatMap(p => p.comments),
    conditionals: parts.flatMap(p => p.conditionals ?? []),
    functions: parts.flatMap(p => p.functions ?? []),
    bindings: parts.flatMap(p => p.bindings ?? []),
    elements: parts.flatMap(p => p.elements ?? []),
    imports: first?.imports ?? [],
    syntaxErrors: parts.reduce((n, p) => n + p.syntaxErrors, 0),
  };
}
