// The open documents, kept in step with the editor through incremental changes. Each change is also handed to
// the document's syntax tree (tree.edit) before it is applied, so the next analysis re-parses only what changed.
// Trees exist only for open documents: closing one frees its tree.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DidChangeTextDocumentParams, TextDocumentItem } from 'vscode-languageserver';
import { DocumentTree } from '../engine/index';

export class OpenDocument {
  readonly tree = new DocumentTree();
  constructor(public text: TextDocument) {}
  get uri(): string { return this.text.uri; }
  get version(): number { return this.text.version; }
}

export class OpenDocuments {
  private readonly docs = new Map<string, OpenDocument>();

  open(item: TextDocumentItem): OpenDocument {
    this.docs.get(item.uri)?.tree.dispose();
    const doc = new OpenDocument(TextDocument.create(item.uri, item.languageId, item.version, item.text));
    this.docs.set(item.uri, doc);
    return doc;
  }

  /** Applies the changes in order; undefined when the document is not open (a client bug: ignored). */
  change(params: DidChangeTextDocumentParams): OpenDocument | undefined {
    const doc = this.docs.get(params.textDocument.uri);
    if (!doc) return undefined;
    for (const change of params.contentChanges) {
      if ('range' in change) {
        const before = doc.text;
        // Positions past the end of a line or of the text are clamped, as the editor would.
        const start = before.offsetAt(change.range.start);
        const end = Math.max(start, before.offsetAt(change.range.end));
        doc.tree.edit({
          span: { start, end },
          range: { start: before.positionAt(start), end: before.positionAt(end) },
          newText: change.text,
        });
        doc.text = TextDocument.update(before, [{ range: { start: before.positionAt(start), end: before.positionAt(end) }, text: change.text }], params.textDocument.version);
      } else {
        doc.tree.dispose(); // the whole text was replaced: nothing to re-use
        doc.text = TextDocument.update(doc.text, [change], params.textDocument.version);
      }
    }
    // Version numbers come from the editor; an update without changes still moves the version.
    if (doc.text.version !== params.textDocument.version) doc.text = TextDocument.update(doc.text, [], params.textDocument.version);
    return doc;
  }

  close(uri: string): void {
    this.docs.get(uri)?.tree.dispose();
    this.docs.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  closeAll(): void {
    for (const d of this.docs.values()) d.tree.dispose();
    this.docs.clear();
  }
}
