// Turns the paths given on the command line into the list of files to analyse.
//
// Inside folders: `.gitignore` files are honoured at every level (a deeper file's rules win, like git), and so
// are the `.gitignore` files of the folders above a named folder up to the repository root (the nearest folder
// holding `.git`); dependency and build-output folders are always skipped; only files the engine can analyse
// are kept; symbolic links are followed, but each real folder and file is visited once, which also breaks loops.
//
// Explicitly named paths (ESLint's rule): a named file or folder is taken even when `.gitignore` or the default
// skip list would leave it out, because the user asked for it; the config's `ignore` globs still apply to it, and
// a named file they exclude is listed as skipped so the user sees why nothing was reported.
//
// Nothing here throws on bad input: missing paths, unreadable folders, broken links and non-regular files become
// SkippedFile entries.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { quote } from '../engine/quote';

export interface SkippedFile {
  /** Absolute path. */
  path: string;
  reason: string;
}

/** A non-fatal problem worth reporting (a `.gitignore` that could not be read, a decoding note). */
export interface Notice {
  /** Absolute path of the file concerned. */
  path: string;
  message: string;
}

export interface WalkOptions {
  /** Whether the engine can analyse a file with this name. */
  isSupported(filePath: string): boolean;
  /** Globs from the config's `ignore`, relative to `baseDir` (the config file's folder). */
  ignore?: { baseDir: string; patterns: string[] };
}

export interface WalkResult {
  /** Absolute paths, sorted, each real file once. */
  files: string[];
  skipped: SkippedFile[];
  notices: Notice[];
}

/** Folders that hold dependencies or build output: never the project's own code. */
export const defaultSkippedFolders: ReadonlySet<string> = new Set([
  'node_modules', 'bower_components', 'jspm_packages', '.pnpm-store', '.yarn',
  '.git', '.hg', '.svn',
  'build', 'dist', 'out', 'target', 'coverage', '.nyc_output',
  '.gradle', '.idea', '.vscode-test', '.cxx', '.externalNativeBuild', 'Pods', 'Carthage', 'vendor',
  '.next', '.nuxt', '.svelte-kit', '.turbo', '.parcel-cache', '.cache', '.output', '.expo',
]);

/** Names that are build output at a module's root but ordinary packages inside a source tree (`…/src/main/java/com/x/build`). */
const outputFolderNames: ReadonlySet<string> = new Set(['build', 'dist', 'out', 'target', 'vendor', 'coverage']);

function isDefaultSkipped(abs: string, root: string): boolean {
  const name = path.basename(abs);
  if (!defaultSkippedFolders.has(name)) return false;
  return !outputFolderNames.has(name) || !path.relative(root, abs).split(/[\\/]/).slice(0, -1).includes('src');
}

/** The gitignore rules in force in a folder: its own `.gitignore` on top of its parents'. */
interface IgnoreScope { dir: string; rules: Ignore; parent?: IgnoreScope }

export function walkPaths(paths: readonly string[], cwd: string, options: WalkOptions): WalkResult {
  return new Walker(options).walk(paths.map(p => path.resolve(cwd, p)));
}

/**
 * Whether walking the absolute `roots` would take the file `abs`, decided from its path and the `.gitignore` files
 * on the way — the file itself need not exist (`--staged`: a file staged and then deleted from the working tree).
 * The same rules as the walk: named paths, the default skip list, `.gitignore`, the config's globs, the supported
 * names. Symbolic links on the way are not followed.
 */
export function wouldWalk(abs: string, roots: readonly string[], options: WalkOptions): boolean {
  const walker = new Walker(options);
  return roots.some(root => walker.admits(abs, root));
}

class Walker {
  private readonly files = new Map<string, string>(); // real path -> path as reached
  private readonly visitedDirs = new Set<string>();
  private readonly skipped: SkippedFile[] = [];
  private readonly skippedPaths = new Set<string>();
  private readonly notices: Notice[] = [];
  private readonly configIgnored: (absPath: string) => string | undefined;
  /** Symbolic links found while walking, taken after the real tree so a file is reported under its real path. */
  private readonly links: { path: string; scope?: IgnoreScope }[] = [];
  /** The named path being walked: output-folder names count as packages only inside its `src` folders. */
  private root = '';
  /** Analysable files met so far, duplicates included (a named folder with none gets a notice). */
  private found = 0;

  constructor(private readonly options: WalkOptions) {
    this.configIgnored = configIgnoreMatcher(options.ignore);
  }

  walk(roots: string[]): WalkResult {
    for (const root of roots) this.walkNamed(root);
    for (let i = 0; i < this.links.length; i++) this.visit(this.links[i].path, this.links[i].scope); // may add links
    const files = [...this.files.values()].sort();
    this.skipped.sort(byPath);
    return { files, skipped: this.skipped, notices: this.notices };
  }

  private walkNamed(abs: string): void {
    this.root = abs;
    const stat = this.stat(abs);
    if (!stat) return;
    const pattern = this.configIgnored(abs);
    if (pattern) {
      this.skip(abs, `ignored by the config's ignore pattern ${quote(pattern)}`);
    } else if (stat.isDirectory()) {
      const [found, skipped] = [this.found, this.skipped.length];
      this.enterDir(abs, this.ancestorScope(abs));
      // An empty checkout or a wrong folder would otherwise pass as "no findings" without a word.
      if (this.found === found && this.skipped.length === skipped) {
        this.notices.push({ path: abs, message: 'no Kotlin, Java, TypeScript, JavaScript or Gradle file to scan in this folder' });
      }
    } else if (!stat.isFile()) {
      this.skip(abs, 'not a regular file');
    } else if (!this.options.isSupported(abs)) {
      this.skip(abs, 'not a Kotlin, Java, TypeScript, JavaScript, Gradle or Android configuration file');
    } else {
      this.addFile(abs);
    }
  }

  /** See wouldWalk. */
  admits(abs: string, root: string): boolean {
    if (!this.options.isSupported(abs) || this.configIgnored(abs)) return false;
    if (abs === root) return true;
    const rel = path.relative(root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    this.root = root;
    let scope = this.ancestorScope(root);
    let dir = root;
    for (const name of rel.split(path.sep)) {
      scope = this.loadGitignore(dir, scope);
      const next = path.join(dir, name);
      const isDir = next !== abs;
      if ((isDir && isDefaultSkipped(next, root)) || gitIgnored(scope, next, isDir)) return false;
      dir = next;
    }
    return true;
  }

  /**
   * A folder entry: subject to the default skips, `.gitignore` and the config's globs. `realDir` is the real path of
   * the folder holding an entry that is not a link: the entry's own real path is then that plus its name, with no
   * `realpath` call (one per file cost a third of the walk: it checks every component of the path).
   */
  private visit(abs: string, scope: IgnoreScope | undefined, entry?: fs.Dirent, realDir?: string): void {
    if (entry?.isSymbolicLink()) {
      this.links.push({ path: abs, scope }); // taken after the real tree; comes back here without `entry`
      return;
    }
    const kind = entry ? (entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other') : kindBehindLink(abs);
    const real = entry && realDir !== undefined ? path.join(realDir, entry.name) : undefined;
    if (kind === 'folder') {
      if (!isDefaultSkipped(abs, this.root) && !gitIgnored(scope, abs, true) && !this.configIgnored(abs)) this.enterDir(abs, scope, real);
      return;
    }
    // Only files the engine would analyse are worth a line when they cannot be read; a link loop always is.
    const loop = kind === 'broken' && linkLoops(abs);
    if ((!loop && !this.options.isSupported(abs)) || gitIgnored(scope, abs, false) || this.configIgnored(abs)) return;
    if (kind === 'file') this.addFile(abs, real);
    else if (kind === 'broken') this.skip(abs, brokenLinkReason(abs));
    else this.skip(abs, 'not a regular file');
  }

  /** `known`: the folder's real path when the caller has it (see visit). */
  private enterDir(dir: string, parentScope: IgnoreScope | undefined, known?: string): void {
    const real = known ?? this.realpath(dir);
    if (real === undefined) return;
    if (this.visitedDirs.has(real)) {
      if (leadsToEnclosingFolder(dir, real)) {
        this.notices.push({ path: dir, message: `symbolic link loop: leads back to an enclosing folder (${linkTarget(dir)}); its files are scanned once` });
      }
      return;
    }
    this.visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.skip(dir, `cannot read folder (${errorText(e)})`);
      return;
    }
    // Most folders have no `.gitignore`: the listing says so, without a failed read per folder.
    const scope = entries.some(e => e.name === '.gitignore') ? this.loadGitignore(dir, parentScope) : parentScope;
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) this.visit(path.join(dir, entry.name), scope, entry, real);
  }

  private addFile(abs: string, known?: string): void {
    this.found++;
    const real = known ?? this.realpath(abs);
    if (real !== undefined && !this.files.has(real)) this.files.set(real, abs);
  }

  /**
   * The gitignore scopes of the folders above a named folder, from the repository root down. Rules that exclude
   * the named folder itself or a folder between it and the `.gitignore` are left out: naming the folder overrides
   * them, and git would otherwise exclude everything inside it.
   */
  private ancestorScope(named: string): IgnoreScope | undefined {
    if (fs.existsSync(path.join(named, '.git'))) return undefined; // the folder's own .gitignore is read on entry
    const chain: string[] = [];
    for (let d = path.dirname(named); ; d = path.dirname(d)) {
      chain.unshift(d);
      if (fs.existsSync(path.join(d, '.git'))) break;
      if (path.dirname(d) === d) return undefined; // not in a repository: only the named folder and below
    }
    return chain.reduce<IgnoreScope | undefined>((scope, dir) => {
      const folders: string[] = []; // the named folder and those between it and `dir`, as gitignore paths
      for (let f = named; f !== dir; f = path.dirname(f)) folders.push(`${toPosix(path.relative(dir, f))}/`);
      return this.loadGitignore(dir, scope, rule => !folders.some(f => ignore().add(rule).checkIgnore(f).ignored));
    }, undefined);
  }

  private loadGitignore(dir: string, parent: IgnoreScope | undefined, keepRule?: (rule: string) => boolean): IgnoreScope | undefined {
    const file = path.join(dir, '.gitignore');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.notices.push({ path: file, message: `.gitignore not applied: ${errorText(e)}` });
      return parent;
    }
    const rules = keepRule ? text.split(/\r?\n/).filter(keepRule) : text;
    return { dir, rules: ignore().add(rules), parent };
  }

  private stat(abs: string): fs.Stats | undefined {
    try {
      return fs.statSync(abs);
    } catch (e) {
      const isLink = isSymbolicLink(abs);
      const code = (e as NodeJS.ErrnoException).code;
      this.skip(abs, isLink ? brokenLinkReason(abs) : code === 'ENOENT' ? 'no such file or folder' : `cannot read (${errorText(e)})`);
      return undefined;
    }
  }

  private realpath(abs: string): string | undefined {
    try {
      return fs.realpathSync(abs);
    } catch (e) {
      this.skip(abs, `cannot resolve path (${errorText(e)})`);
      return undefined;
    }
  }

  private skip(abs: string, reason: string): void {
    // Once per path: a file named on the command line may be met again inside a named folder.
    if (this.skippedPaths.has(abs)) return;
    this.skippedPaths.add(abs);
    this.skipped.push({ path: abs, reason });
  }
}

/** Deepest `.gitignore` with an opinion wins, as in git; a negation (`!x`) re-includes. */
function gitIgnored(scope: IgnoreScope | undefined, abs: string, isDir: boolean): boolean {
  for (let s = scope; s; s = s.parent) {
    const rel = toPosix(path.relative(s.dir, abs)) + (isDir ? '/' : '');
    if (!rel || rel.startsWith('../')) continue;
    const verdict = s.rules.test(rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/**
 * The config's globs match paths relative to the config file's folder (dot files included). A glob without a
 * slash matches a name at any depth, as in `.gitignore`; a glob matching a folder excludes everything inside it.
 * Returns the pattern that excludes `abs`, if any.
 */
export function configIgnoreMatcher(spec: WalkOptions['ignore']): (abs: string) => string | undefined {
  if (!spec?.patterns.length) return () => undefined;
  const matchers = spec.patterns.map(p => {
    const glob = p.replace(/^\.\//, '').replace(/\/+$/, '');
    return { pattern: p, test: picomatch(glob, { dot: true, basename: !glob.includes('/') }) };
  });
  return abs => {
    const rel = toPosix(path.relative(spec.baseDir, abs));
    if (!rel || rel.startsWith('../') || path.isAbsolute(rel)) return undefined;
    const segments = rel.split('/');
    for (let i = segments.length; i > 0; i--) {
      const candidate = segments.slice(0, i).join('/');
      const hit = matchers.find(m => m.test(candidate));
      if (hit) return hit.pattern;
    }
    return undefined;
  };
}

/** What a symbolic link leads to; 'broken' when it dangles or loops (ELOOP). */
function kindBehindLink(abs: string): 'folder' | 'file' | 'other' | 'broken' {
  try {
    const stat = fs.statSync(abs);
    return stat.isDirectory() ? 'folder' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'broken';
  }
}

function isSymbolicLink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function brokenLinkReason(abs: string): string {
  const target = linkTarget(abs);
  if (linkLoops(abs)) return `symbolic link loop (target ${target} leads round in a circle of links)`;
  return `broken symbolic link (target ${target} cannot be reached)`;
}

function linkTarget(abs: string): string {
  try {
    return fs.readlinkSync(abs);
  } catch {
    return '?';
  }
}

/** Whether following the link never ends (ELOOP): a link to itself or a circle of links. */
function linkLoops(abs: string): boolean {
  try {
    fs.statSync(abs);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

/** Whether `dir` is a link to a folder that holds it (`a/b/up -> ..`): a cycle in the tree. */
function leadsToEnclosingFolder(dir: string, real: string): boolean {
  if (!isSymbolicLink(dir)) return false;
  try {
    const parent = fs.realpathSync(path.dirname(dir));
    const rel = path.relative(real, parent);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}

/**
 * Why this user cannot read the file at `p`, or list and search the folder at `p` (`folder`), if it cannot: the
 * errno and its text, as errorText gives it.
 */
export function accessProblem(p: string, folder: boolean): string | undefined {
  try {
    fs.accessSync(p, folder ? fs.constants.R_OK | fs.constants.X_OK : fs.constants.R_OK);
    return undefined;
  } catch (e) {
    return errorText(e);
  }
}

export function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code) return `${err.code}: ${err.message.replace(/^[A-Z]+: /, '').replace(/, \w+(?: '.*')?$/, '')}`;
  return err instanceof Error ? err.message : String(e);
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-unit order of paths: the same on every machine and locale. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return compare(a.path, b.path);
}
