// Picks the grammar for a path and builds the FileModel: the whole file, or only windows around candidates
// when the file is large (a 9 MB bundle parses in ~1.7 s; its few candidates need a few kilobytes each).
import type { LanguageId } from '../types';
import type { FileModel } from './model';
import type { Grammar } from './grammar';
import { extractModel } from './extract';
import { extractTextModel } from './text';
import { extractXmlModel } from './xml';
import { extractJsonModel } from './json';
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

/** Android resource folders whose XML files are read: `values`, `values-night`, `values-b+sr+Latn`, …, and `xml`. */
function isResourceFolder(folder: string): boolean {
  return folder === 'values' || folder.startsWith('values-') || folder === 'xml';
}

/**
 * The language a path is analysed as, or undefined when AuthLint does not read it. XML and JSON files are claimed
 * only where Android keeps configuration and keys: `AndroidManifest.xml`, the XML files of `res/values` (and its
 * qualified variants) and `res/xml`, and `google-services.json` — not every XML or JSON file of a repository.
 */
export function languageOf(path: string): LanguageId | undefined {
  const segments = path.split(/[\\/]/);
  const base = segments[segments.length - 1];
  if (base.endsWith('.d.ts')) return 'typescript';
  if (base === 'gradle.properties' || base === 'local.properties') return 'properties';
  if (base === 'AndroidManifest.xml') return 'xml';
  if (base === 'google-services.json') return 'json';
  if (base.endsWith('.xml') && segments.length >= 3 && segments[segments.length - 3] === 'res' && isResourceFolder(segments[segments.length - 2])) return 'xml';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? byExtension[base.slice(dot + 1).toLowerCase()] : undefined;
}

export function grammarOf(language: TreeLanguage): Grammar {
  return grammars[language];
}

/** The model of a whole file from a tree the caller keeps (the language server's incremental trees: document.ts). */
export function modelFromTree(path: string, language: TreeLanguage, text: string, tree: Tree): FileModel {
  return extractModel(grammars[language], tree, path, text);
}

export function buildModel(path: string, language: LanguageId, text: string, windows?: Span[]): FileModel {
  if (language === 'gradle' || language === 'properties') return extractTextModel(path, language, text);
  if (language === 'xml') return extractXmlModel(path, text);
  if (language === 'json') return extractJsonModel(path, text);
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
