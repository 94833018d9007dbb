// `--changed`, `--changed=REF` and `--staged`: the files git says changed. git runs through execFile with argument
// arrays (no shell), from the top folder of the repository of each scanned path, with NUL-separated output (`-z`),
// so paths with spaces, quotes or non-ASCII characters come through as they are.
//
//   --staged         staged changes: `git diff --cached` (what the next commit holds; for pre-commit hooks). The
//                    content scanned is the blob the index holds (`git cat-file --batch`), not the working-tree
//                    file: a file staged with a key and then edited on disk is still scanned with the key.
//   --changed        staged + unstaged changes + untracked files that are not ignored: everything `git status`
//                    lists except deletions (`git diff --cached`, `git diff`, `git ls-files --others --exclude-standard`)
//   --changed=REF    every file that differs between the merge base of REF and HEAD and the working tree (committed
//                    on this branch, staged or not), plus untracked files that are not ignored: what a pull request
//                    against REF would change, and what is not committed yet
//
// Each scanned path is looked up in its own repository (`git rev-parse --show-toplevel` from its folder), so the
// working directory does not matter; paths in several repositories get each repository's changes. Deleted files
// are left out (`--diff-filter=d`); renames are a deletion plus an addition (`--no-renames`), so the new name is
// scanned. With --changed, files the working tree no longer has are dropped; with --staged, a staged file is
// scanned from the index even if the working tree no longer has it. The caller intersects the result with what a
// full scan of the named paths would analyse.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { accessProblem, type SkippedFile, type WalkResult } from './walker';

export type ChangedMode = { kind: 'changed'; ref?: string } | { kind: 'staged' };

/** A file's content in git's index: the repository whose object database holds it, and the blob's id. */
export interface StagedBlob { repoRoot: string; object: string }

export interface ChangedList {
  /** Absolute paths (under each repository's top folder as git reports it), sorted. */
  files: string[];
  /** --staged: the index's blob of each file of `files`, by the same path. */
  staged?: Map<string, StagedBlob>;
  /** --staged: changed paths the index holds no single file content for (unmerged, during a conflicted merge). */
  skipped: SkippedFile[];
}

export type ChangedFiles = ChangedList | { error: string };

interface GitResult { ok: boolean; stdout: Buffer; stderr: string; missing?: boolean }

/**
 * The changed files of the repositories holding `targets` (absolute paths that exist), or why they cannot be
 * listed (exit code 2).
 */
export async function gitChangedFiles(targets: readonly string[], mode: ChangedMode, git = 'git'): Promise<ChangedFiles> {
  const flag = mode.kind === 'staged' ? '--staged' : mode.ref === undefined ? '--changed' : `--changed=${mode.ref}`;
  const tops = new Map<string, string>(); // folder of a target -> its repository's top folder
  for (const target of targets) {
    const dir = isDirectory(target) ? target : path.dirname(target);
    if (tops.has(dir)) continue;
    if (!isDirectory(dir)) return { error: `${flag}: no such folder: ${dir}` };
    // git runs from the folder: one this user cannot enter gives no answer at all, only a failed start.
    const denied = accessProblem(dir, true);
    if (denied) return { error: `${flag}: cannot read folder ${dir} (${denied})` };
    const top = await runGit(git, ['rev-parse', '--show-toplevel'], dir);
    if (top.missing) return { error: `${flag} needs git, and "${git}" was not found on the PATH` };
    if (!top.ok) {
      if (/not a git repository/i.test(top.stderr)) return { error: `${flag}: ${dir} is not inside a git repository` };
      return { error: `${flag}: git rev-parse failed in ${dir}: ${firstLine(top.stderr)}` };
    }
    tops.set(dir, top.stdout.toString('utf8').replace(/\r?\n$/, ''));
  }
  const out: ChangedList = { files: [], skipped: [], ...(mode.kind === 'staged' ? { staged: new Map<string, StagedBlob>() } : {}) };
  for (const repoRoot of [...new Set(tops.values())].sort()) {
    // Which repository failed matters only when there are several.
    const where = new Set(tops.values()).size > 1 ? ` (in ${repoRoot})` : '';
    const listed = mode.kind === 'staged' ? await stagedIn(repoRoot, flag, where, git) : await changedIn(repoRoot, mode, flag, where, git);
    if ('error' in listed) return listed;
    out.files.push(...listed.files);
    out.skipped.push(...listed.skipped);
    for (const [file, blob] of listed.staged ?? []) out.staged!.set(file, blob);
  }
  out.files = [...new Set(out.files)].sort();
  return out;
}

async function changedIn(repoRoot: string, mode: { kind: 'changed'; ref?: string }, flag: string, where: string, git: string): Promise<ChangedFiles> {
  const diff = ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--diff-filter=d'];
  const untracked = ['ls-files', '-z', '--others', '--exclude-standard'];
  const listing: string[][] = [];
  if (mode.ref === undefined) {
    listing.push([...diff, '--cached', '--'], [...diff, '--'], untracked);
  } else {
    const commit = await runGit(git, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${mode.ref}^{commit}`], repoRoot);
    if (!commit.ok) return { error: `${flag}: unknown git revision "${mode.ref}"${where}` };
    const base = await runGit(git, ['merge-base', commit.stdout.toString('utf8').trim(), 'HEAD'], repoRoot);
    if (!base.ok) return { error: `${flag}: "${mode.ref}" and HEAD have no common ancestor${where}${base.stderr ? ` (${firstLine(base.stderr)})` : ''}` };
    listing.push([...diff, base.stdout.toString('utf8').trim(), '--'], untracked);
  }
  const files = new Set<string>();
  for (const args of listing) {
    const r = await runGit(git, args, repoRoot);
    if (!r.ok) return { error: `${flag}: git ${args[0]} failed${where}: ${firstLine(r.stderr)}` };
    for (const rel of r.stdout.toString('utf8').split('\0').filter(Boolean)) {
      const abs = path.join(repoRoot, ...rel.split('/'));
      if (mayBeFile(abs)) files.add(abs);
    }
  }
  return { files: [...files], skipped: [] };
}

/**
 * The staged files and the blob the index holds for each: `git diff --cached --raw` lists both in one go (the
 * new side of a cached diff is the index). Only regular files (mode 100644 or 100755) have content to scan: a
 * symbolic link's blob is its target's name, a submodule's entry is a commit.
 */
async function stagedIn(repoRoot: string, flag: string, where: string, git: string): Promise<ChangedFiles> {
  const args = ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', '--diff-filter=d', '--'];
  const r = await runGit(git, args, repoRoot);
  if (!r.ok) return { error: `${flag}: git diff failed${where}: ${firstLine(r.stderr)}` };
  const fields = r.stdout.toString('utf8').split('\0');
  const files: string[] = [];
  const staged = new Map<string, StagedBlob>();
  const skipped: SkippedFile[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    // ":<old mode> <new mode> <old object> <new object> <status>", then the path
    const meta = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) ([A-Z])/.exec(fields[i]);
    if (!meta) return { error: `${flag}: unexpected output of git diff${where}: ${JSON.stringify(fields[i].slice(0, 80))}` };
    const abs = path.join(repoRoot, ...fields[i + 1].split('/'));
    const [, mode, object, status] = meta;
    if (status === 'U') skipped.push({ path: abs, reason: 'unmerged in the index: resolve the conflict and stage the file to scan it' });
    else if (mode === '100644' || mode === '100755') {
      files.push(abs);
      staged.set(abs, { repoRoot, object });
    }
  }
  return { files, staged, skipped };
}

/**
 * The content of blobs of one repository: `git cat-file --batch-check` for the sizes first, so a blob larger than
 * `maxBytes` is never loaded (its size is returned instead), then `git cat-file --batch` for the others.
 */
export async function readBlobs(repoRoot: string, objects: readonly string[], maxBytes: number, git = 'git'): Promise<Map<string, Uint8Array | number> | { error: string }> {
  const unique = [...new Set(objects)];
  const out = new Map<string, Uint8Array | number>();
  if (!unique.length) return out;
  const check = await runGit(git, ['cat-file', '--batch-check'], repoRoot, `${unique.join('\n')}\n`);
  if (!check.ok) return { error: `git cat-file failed${inRepo(repoRoot)}: ${firstLine(check.stderr)}` };
  const wanted: string[] = [];
  for (const line of check.stdout.toString('utf8').split('\n').filter(Boolean)) {
    const m = /^([0-9a-f]+) blob (\d+)$/.exec(line);
    if (!m) return { error: `cannot read a staged file from git's object database${inRepo(repoRoot)}: ${line.slice(0, 80)}` };
    const size = Number(m[2]);
    if (size > maxBytes) out.set(m[1], size);
    else wanted.push(m[1]);
  }
  if (!wanted.length) return out;
  const batch = await runGit(git, ['cat-file', '--batch'], repoRoot, `${wanted.join('\n')}\n`);
  if (!batch.ok) return { error: `git cat-file failed${inRepo(repoRoot)}: ${firstLine(batch.stderr)}` };
  // Each blob: "<object> blob <size>\n", the bytes, "\n".
  const bytes = batch.stdout;
  for (let at = 0; at < bytes.length;) {
    const eol = bytes.indexOf(0x0a, at);
    const m = eol < 0 ? null : /^([0-9a-f]+) blob (\d+)$/.exec(bytes.toString('utf8', at, eol));
    if (!m) return { error: `unexpected output of git cat-file${inRepo(repoRoot)}` };
    const start = eol + 1;
    const end = start + Number(m[2]);
    // A copy, not a view: a view would take the whole output buffer along when sent to a worker thread.
    out.set(m[1], new Uint8Array(bytes.subarray(start, end)));
    at = end + 1;
  }
  return out;
}

function inRepo(repoRoot: string): string {
  return ` in ${repoRoot}`;
}

/** Runs git without a shell; `input` is written to its standard input. */
function runGit(git: string, args: string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise(resolve => {
    const child = execFile(git, args, {
      cwd,
      encoding: 'buffer',
      maxBuffer: 1024 * 1024 * 1024,
      windowsHide: true,
      // English messages (matched above); no optional index lock, so a scan never blocks a concurrent git command.
      env: { ...process.env, LC_ALL: 'C', LANGUAGE: 'C', GIT_OPTIONAL_LOCKS: '0' },
    }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      const text = (stderr ?? Buffer.alloc(0)).toString('utf8');
      // A git that could not start has nothing on stderr: the error says why.
      resolve({ ok: !error, stdout: stdout ?? Buffer.alloc(0), stderr: text || (error && typeof error.code === 'string' ? error.message : ''), missing: code === 'ENOENT' });
    });
    child.stdin?.on('error', () => { /* git exited early: its exit status says why */ });
    child.stdin?.end(input ?? '');
  });
}

function isDirectory(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/**
 * Whether a path git lists as changed is a file of the working tree, or may be one: a file this user cannot look at
 * (in a folder it cannot enter) is kept, so that the scan lists it, or its folder, as skipped with the reason,
 * rather than drop it as if deleted.
 */
function mayBeFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
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

/**
 * What a full walk found, kept to the changed files (compared by real path); missing named paths stay listed, and
 * so does what cannot be read, since whether it changed cannot be known.
 */
export function onlyChanged(walked: WalkResult, changedFiles: readonly string[]): WalkResult {
  const wanted = new Set(changedFiles.map(realPath));
  const keep = (p: string) => wanted.has(realPath(p));
  return {
    // So does a file this user cannot read (git could not read it either): reading it lists it as skipped.
    files: walked.files.filter(f => keep(f) || accessProblem(f, false) !== undefined),
    // A folder the walk could not read stays listed: what changed in it cannot be known (git cannot read it either,
    // and lists nothing from it), so the scan must not pass as if it held no change.
    skipped: walked.skipped.filter(s => keep(s.path) || !fs.existsSync(s.path) || isDirectory(s.path)),
    notices: walked.notices.filter(n => keep(n.path)),
  };
}

export function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
