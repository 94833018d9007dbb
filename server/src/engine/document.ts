// An open document's syntax tree and model, kept between analyses and brought up to date incrementally, the way
// editors keep their trees: a keystroke re-parses the changed region (`tree.edit` + parse with the old tree) and
// extracts again only the declarations in it (model/incremental.ts), not the file.
// Pure like the rest of the engine: the caller (the language server) reports each text change in the engine's
// units (UTF-16 offsets, 0-based lines) and disposes the tree when the document closes.
import { Edit, type Point, type Tree } from 'web-tree-sitter';
import type { AnalyzeInput, AnalyzeSettings, ExternalUse, FileResult } from './api';
import type { LanguageId, Range, Span } from './types';
import { analyzeFile } from './analyze';
import type { FileModel } from './model/model';
import type { KeywordMemory } from './secrets/prefilter';
import { addEdit, DeclarationMemo, updateModel, type ChangedRegion } from './model/incremental';
import { buildModel, grammarOf, modelFromTree } from './model/build';
import { isTreeLanguage, parseWithin, type TreeLanguage } from './parse/parsers';

/** One change of a document, in the text as it was before the change. */
export interface TextChange {
  span: Span;
  range: Range;
  newText: string;
}

export class DocumentTree {
  private tree: Tree | undefined;
  private language: TreeLanguage | undefined;
  /** Length the text must have for the edited tree to match it: a mismatch means a lost change, so re-parse whole. */
  private expectedLength = -1;
  /** The model of the tree before the edits since (undefined: none, or it cannot be brought up to date). */
  private model: FileModel | undefined;
  /** Where the model's text and the tree's differ. */
  private regions: ChangedRegion[] = [];
  /** The tree the model was extracted from, as it was (a copy: `edit` moves the nodes of the tree it edits). */
  private modelTree: Tree | undefined;
  /** Items of whole top-level declarations, for the edits that break the rest of the file and the ones that mend it. */
  private readonly declarations = new DeclarationMemo();
  /** How the models were made: brought up to date from the previous one, or extracted from the whole tree (for tests and the bench). */
  readonly stats = { updated: 0, extracted: 0 };

  /** Top-level declarations whose items were reused rather than extracted again (for tests and the bench). */
  get reusedDeclarations(): number {
    return this.declarations.reused;
  }

  /** Records one change; changes must be reported in order, each relative to the text left by the previous one. */
  edit(change: TextChange): void {
    if (!this.tree) return;
    this.regions = addEdit(this.regions, change.span.start, change.span.end, change.span.start + change.newText.length);
    const start = toPoint(change.range.start);
    this.tree.edit(new Edit({
      startIndex: change.span.start,
      oldEndIndex: change.span.end,
      newEndIndex: change.span.start + change.newText.length,
      startPosition: start,
      oldEndPosition: toPoint(change.range.end),
      newEndPosition: endOfInsertion(start, change.newText),
    }));
    this.expectedLength += change.newText.length - (change.span.end - change.span.start);
  }

  /** The tree of `text`: re-parsed from the edited old tree when there is one for the same language. */
  parse(language: TreeLanguage, text: string): Tree {
    const old = this.language === language && this.expectedLength === text.length ? this.tree : undefined;
    const tree = parseWithin(language, text, old);
    if (old) {
      // Where the structure changed (a quote that opens a string to the end of the line, a brace that closes a class).
      for (const r of old.getChangedRanges(tree)) this.regions = addEdit(this.regions, r.startIndex, r.endIndex, r.endIndex);
    } else {
      this.forgetModel();
    }
    this.tree?.delete();
    this.tree = tree;
    this.language = language;
    this.expectedLength = text.length;
    return tree;
  }

  /** The model of `text`, from the model of the previous text where it can serve (model/incremental.ts). */
  modelOf(path: string, language: TreeLanguage, text: string): FileModel {
    const tree = this.parse(language, text);
    const previous = this.model;
    let model = previous && !this.regions.length && previous.path === path && previous.text === text ? previous : undefined;
    const memo = this.modelTree && { declarations: this.declarations, oldTree: this.modelTree };
    if (!model && previous) model = updateModel(grammarOf(language), previous, tree, path, text, this.regions, memo);
    if (model) this.stats.updated++;
    else { model = modelFromTree(path, language, text, tree); this.stats.extracted++; }
    if (model !== this.model || !this.modelTree) {
      this.modelTree?.delete();
      this.modelTree = tree.copy();
    }
    this.model = model;
    this.regions = [];
    return model;
  }

  /** The keyword pass's memory of this document's last scan (secrets/prefilter.ts). */
  readonly keywords: KeywordMemory = {};

  /** Forgets the model, the tree it came from and the declarations kept. */
  private forgetModel(): void {
    this.model = undefined;
    this.regions = [];
    this.modelTree?.delete();
    this.modelTree = undefined;
    this.declarations.clear();
  }

  /** Forgets the tree and the model (the document is now analysed in windows). */
  dropTree(): void {
    this.forgetModel();
    this.tree?.delete();
    this.tree = undefined;
    this.language = undefined;
    this.expectedLength = -1;
  }

  /** Forgets everything kept for the document (it closed, or its whole text was replaced). */
  dispose(): void {
    this.dropTree();
    this.keywords.last = undefined;
  }

  /** The tree as last parsed (for tests: the incremental model must equal a full extraction of this very tree). */
  get current(): Tree | undefined {
    return this.tree;
  }

  /** Whether a tree is kept (for tests and memory accounting). */
  get hasTree(): boolean {
    return this.tree !== undefined;
  }
}

/**
 * analyzeFile for an open document: the same pre-filter, rules and results, with the whole-file parse going
 * through the document's cached tree. A large file parsed in windows is not cached.
 */
export function analyzeDocument(input: AnalyzeInput, settings: AnalyzeSettings, external: ExternalUse[], tree: DocumentTree): FileResult {
  const build = (path: string, language: LanguageId, text: string, windows?: Span[]) => {
    if (windows || !isTreeLanguage(language)) {
      tree.dropTree();
      return buildModel(path, language, text, windows);
    }
    return tree.modelOf(path, language, text);
  };
  return analyzeFile(input, settings, external, { build, keywords: tree.keywords });
}

function toPoint(p: { line: number; character: number }): Point {
  return { row: p.line, column: p.character };
}

/** Where inserted text ends, counting rows as tree-sitter does (by '\n'). */
function endOfInsertion(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastBreak - 1 };
}
