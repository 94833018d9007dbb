// Builds one WorkspaceEdit touching several files: edits by offset in each file's current text, new files through
// CreateFile. The server never writes a file itself; the editor applies the edit (and can undo it).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { pathToUri } from '../workspace';

/** A file as the fix sees it: the editor's text when it is open (with its version), else the disk's. */
export interface FileText {
  fsPath: string;
  uri: string;
  text: string;
  /** The open document's version; null when the file is not open. */
  version: number | null;
}

export interface FileReader {
  /** The file's text, or undefined when it does not exist (or cannot be read). */
  read(fsPath: string): FileText | undefined;
}

interface PendingFile {
  file: FileText;
  edits: { start: number; end: number; newText: string }[];
}

export class WorkspaceEditBuilder {
  private readonly files = new Map<string, PendingFile>();
  private readonly created = new Map<string, string>();

  /** Replaces [start, end) of an existing file's text. Inserts at the same offset keep their call order. */
  replace(file: FileText, start: number, end: number, newText: string): void {
    let entry = this.files.get(file.fsPath);
    if (!entry) this.files.set(file.fsPath, (entry = { file, edits: [] }));
    entry.edits.push({ start, end, newText });
  }

  insert(file: FileText, offset: number, newText: string): void {
    this.replace(file, offset, offset, newText);
  }

  /** A new file with this content. */
  create(fsPath: string, content: string): void {
    this.created.set(fsPath, content);
  }

  get createsFiles(): boolean {
    return this.created.size > 0;
  }

  /** documentChanges (versioned edits, CreateFile) when the editor supports them, else the plain `changes` map. */
  build(documentChanges: boolean): WorkspaceEdit {
    if (!documentChanges) {
      if (this.created.size) throw new Error('creating files needs documentChanges');
      const changes: Record<string, TextEdit[]> = {};
      for (const { file, edits } of this.files.values()) changes[file.uri] = toTextEdits(file, edits);
      return { changes };
    }
    // The new files first, then every text edit, the new files' content included. VS Code records consecutive text
    // edits as one undo step across their files, which it can undo even after it has saved and unloaded a file
    // it did not show. A text edit on its own between two file operations becomes an undo step of that one
    // file, which VS Code drops, silently, once it unloads the file: Ctrl+Z then left the key in local.properties.
    const creates: CreateFile[] = [];
    const edits: TextDocumentEdit[] = [];
    for (const { file, edits: fileEdits } of this.files.values()) {
      edits.push({ textDocument: { uri: file.uri, version: file.version }, edits: toTextEdits(file, fileEdits) });
    }
    for (const [fsPath, content] of this.created) {
      const uri = pathToUri(fsPath);
      // ignoreIfExists: should the file appear before the edit is applied, the insert below adds to it instead
      // of replacing it.
      creates.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
      edits.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] });
    }
    return { documentChanges: [...creates, ...edits] };
  }
}

function toTextEdits(file: FileText, edits: PendingFile['edits']): TextEdit[] {
  const doc = TextDocument.create(file.uri, 'plaintext', 0, file.text);
  return edits.map(e => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}

/** The line break a file uses (CRLF when it has any), '\n' for a new or single-line file. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Text to add at the end of a file so that `lines` follow its last line, whether or not it ends with a newline. */
export function appendedLines(text: string, lines: readonly string[]): string {
  const eol = eolOf(text);
  const lead = text.length && !text.endsWith('\n') ? eol : '';
  return lead + lines.join(eol) + eol;
}
