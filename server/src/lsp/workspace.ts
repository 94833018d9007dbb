// Workspace folders, and the path the engine sees for a file. Like the CLI, the engine gets paths relative to a
// root (here the file's workspace folder) for findings and module keys; the language and what it infers from
// where a file lives (test sources, debug source sets) come from the real location, as in the CLI
// (cli/location.ts), so opening `app/src` instead of the repository changes nothing. Files outside every folder
// keep their absolute path. Constants are followed across files within one folder (its "scope").
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { toPosix } from '../cli/walker';

export interface Folder {
  uri: string;
  name: string;
  /** Absolute file-system path. */
  fsPath: string;
}

/** Where a file stands: its folder's uri ('' outside every folder) and the engine path within it. */
export interface FileLocation {
  scope: string;
  enginePath: string;
  folder?: Folder;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

export class WorkspaceFolders {
  private folders: Folder[] = [];

  set(folders: readonly WorkspaceFolder[] | null | undefined): void {
    this.folders = [];
    for (const f of folders ?? []) this.add(f);
  }

  add(f: WorkspaceFolder): void {
    const fsPath = uriToPath(f.uri);
    if (fsPath && !this.folders.some(x => x.uri === f.uri)) this.folders.push({ uri: f.uri, name: f.name, fsPath });
  }

  remove(f: WorkspaceFolder): void {
    this.folders = this.folders.filter(x => x.uri !== f.uri);
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  /** The deepest folder holding the file (nested folders in a multi-root workspace). */
  folderOf(fsPath: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f.fsPath, fsPath);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (!best || f.fsPath.length > best.fsPath.length) best = f;
    }
    return best;
  }

  locate(fsPath: string): FileLocation {
    const folder = this.folderOf(fsPath);
    if (!folder) return { scope: '', enginePath: toPosix(fsPath) };
    return { scope: folder.uri, enginePath: toPosix(path.relative(folder.fsPath, fsPath)) || path.basename(fsPath), folder };
  }

  /** The file an engine path of a scope stands for. */
  fsPathOf(scope: string, enginePath: string): string {
    const folder = this.folders.find(f => f.uri === scope);
    return folder ? path.join(folder.fsPath, ...enginePath.split('/')) : enginePath;
  }
}
