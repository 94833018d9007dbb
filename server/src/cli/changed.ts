// `--changed`, `--changed=REF` and `--staged`: the files git says changed. git runs through execFile with argument
// arrays (no shell), from the repository's top folder, with NUL-separated output (`-z`), so paths with spaces,
// quotes or non-ASCII characters come through as they are.
//
//   --staged         staged changes: `git diff --cached` (what the next commit holds; for pre-commit hooks)
//   --changed        staged + unstaged changes + untracked files that are not ignored: everything `git status`
//                    lists except deletions (`git diff --cached`, `git diff`, `git ls-files --others --exclude-standard`)
//   --changed=REF    every file that differs between the merge base of REF and HEAD and the working tree (committed
//                    on this branch, staged or not), plus untracked files that are not ignored: what a pull request
//                    against REF would change, and what is not committed yet
//
// Deleted files are left out (`--diff-filter=d`); renames are a deletion plus an addition (`--no-renames`), so
// the new name is scanned. Files the working tree no longer has are dropped. The caller intersects the result
// with what a full scan of the named paths would analyse.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WalkResult } from './walker';

export type ChangedMode = { kind: 'changed'; ref?: string } | { kind: 'staged' };

export type ChangedFiles = { repoRoot: string; files: string[] } | { error: string };

interface GitResult { ok: boolean; stdout: Buffer; stderr: string; missing?: boolean }

/** Absolute paths of the changed files that exist, sorted; or why they cannot be listed (exit code 2). */
export async function gitChangedFiles(cwd: string, mode: ChangedMode, git = 'git'): Promise<ChangedFiles> {
  const flag = mode.kind === 'staged' ? '--staged' : mode.ref === undefined ? '--changed' : `--changed=${mode.ref}`;
  const top = await runGit(git, ['rev-parse', '--show-toplevel'], cwd);
  if (top.missing) return { error: `${flag} needs git, and "${git}" was not found on the PATH` };
  if (!top.ok) {
    if (/not a git repository/i.test(top.stderr)) return { error: `${flag}: ${cwd} is not inside a git repository` };
    return { error: `${flag}: git rev-parse failed: ${firstLine(top.stderr)}` };
  }
  const repoRoot = top.stdout.toString('utf8').replace(/\r?\n$/, '');
  const lists: string[][] = [];
  const diff = ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--diff-filter=d'];
  const untracked = ['ls-files', '-z', '--others', '--exclude-standard'];
  const listing: string[][] = [];
  if (mode.kind === 'staged') {
    listing.push([...diff, '--cached', '--']);
  } else if (mode.ref === undefined) {
    listing.push([...diff, '--cached', '--'], [...diff, '--'], untracked);
  } else {
    const commit = await runGit(git, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${mode.ref}^{commit}`], repoRoot);
    if (!commit.ok) return { error: `${flag}: unknown git revision "${mode.ref}"` };
    const base = await runGit(git, ['merge-base', commit.stdout.toString('utf8').trim(), 'HEAD'], repoRoot);
    if (!base.ok) return { error: `${flag}: "${mode.ref}" and HEAD have no common ancestor${base.stderr ? ` (${firstLine(base.stderr)})` : ''}` };
    listing.push([...diff, base.stdout.toString('utf8').trim(), '--'], untracked);
  }
  for (const args of listing) {
    const r = await runGit(git, args, repoRoot);
    if (!r.ok) return { error: `${flag}: git ${args[0]} failed: ${firstLine(r.stderr)}` };
    lists.push(r.stdout.toString('utf8').split('\0').filter(Boolean));
  }
  const files = new Set<string>();
  for (const rel of lists.flat()) {
    const abs = path.join(repoRoot, ...rel.split('/'));
    if (isFile(abs)) files.add(abs);
  }
  return { repoRoot, files: [...files].sort() };
}

function runGit(git: string, args: string[], cwd: string): Promise<GitResult> {
  return new Promise(resolve => {
    execFile(git, args, {
      cwd,
      encoding: 'buffer',
      maxBuffer: 256 * 1024 * 1024,
      windowsHide: true,
      // English messages (matched above); no optional index lock, so a scan never blocks a concurrent git command.
      env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0' },
    }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      resolve({ ok: !error, stdout: stdout ?? Buffer.alloc(0), stderr: (stderr ?? Buffer.alloc(0)).toString('utf8'), missing: code === 'ENOENT' });
    });
  });
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false; // gone, or a folder on its path became a file: nothing to scan
  }
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

/** Pulls `--changed` and `--changed=REF` out of the arguments (before a `--`); the rest goes to parseArgs. */
export function takeChangedFlags(argv: readonly string[]): { rest: string[]; changed: ChangedMode[] } {
  const rest: string[] = [];
  const changed: ChangedMode[] = [];
  let options = true;
  for (const arg of argv) {
    if (options && arg === '--') options = false;
    if (options && arg === '--changed') changed.push({ kind: 'changed' });
    else if (options && arg.startsWith('--changed=')) changed.push({ kind: 'changed', ref: arg.slice('--changed='.length) });
    else rest.push(arg);
  }
  return { rest, changed };
}

/** What a full walk found, kept to the changed files (compared by real path); missing named paths stay listed. */
export function onlyChanged(walked: WalkResult, changedFiles: readonly string[]): WalkResult {
  const wanted = new Set(changedFiles.map(realPath));
  const keep = (p: string) => wanted.has(realPath(p));
  return {
    files: walked.files.filter(keep),
    skipped: walked.skipped.filter(s => keep(s.path) || !fs.existsSync(s.path)),
    notices: walked.notices.filter(n => keep(n.path)),
  };
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
