// Keeping the file a key moves into out of git: if no `.gitignore` between the file and the repository root
// ignores it already, one line is added to the project root's `.gitignore` (created if missing).
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { toPosix } from '../../cli/walker';
import { appendedLines, type FileReader, type WorkspaceEditBuilder } from './workspaceEdit';

/** The repository root above `dir` (the folder holding `.git`), or `fallback`. */
export function repositoryRoot(dir: string, fallback: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return fallback;
  }
}

/** Whether git would ignore `target`, judged by the `.gitignore` files from its folder up to `stopDir` (deepest wins). */
export function isGitIgnored(reader: FileReader, target: string, stopDir: string): boolean {
  return isIgnoredBy(dir => {
    const file = reader.read(path.join(dir, '.gitignore'));
    return file ? ignore().add(file.text) : undefined;
  }, target, stopDir);
}

/** The same, with the rules of each folder's `.gitignore` from `rulesOf` (which may cache them). */
export function isIgnoredBy(rulesOf: (dir: string) => Ignore | undefined, target: string, stopDir: string): boolean {
  for (let d = path.dirname(target); ; d = path.dirname(d)) {
    const rules = rulesOf(d);
    if (rules) {
      const verdict = rules.test(toPosix(path.relative(d, target)));
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    if (d === stopDir || path.dirname(d) === d || !isInside(stopDir, d)) return false;
  }
}

/**
 * Adds `pattern` to `<rootDir>/.gitignore` unless `target` is ignored already. Returns whether an edit was added.
 */
export function keepIgnored(builder: WorkspaceEditBuilder, reader: FileReader, target: string, rootDir: string, pattern: string): boolean {
  const stopDir = repositoryRoot(rootDir, rootDir);
  if (isGitIgnored(reader, target, stopDir)) return false;
  const gitignorePath = path.join(rootDir, '.gitignore');
  const existing = reader.read(gitignorePath);
  if (existing) builder.insert(existing, existing.text.length, appendedLines(existing.text, [pattern]));
  else builder.create(gitignorePath, `${pattern}\n`);
  return true;
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
