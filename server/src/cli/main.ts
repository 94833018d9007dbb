// `authlint scan [paths…]`: finds the config, walks the paths, analyses the files on all cores, prints a report.
// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error (or an
// internal failure). Files that could not be read are reported but never change the exit code. With a baseline
// (baseline.ts) only findings it does not hold count; --changed / --staged (changed.ts) narrow the files to git's.
// `run` takes its streams, working directory and environment as arguments so tests drive it in-process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { languageOf, ruleMetas } from '../engine/index';
import { configFileName, parseConfig, resolveSettings, type ProjectConfig } from '../engine/config';
import type { Finding, Severity } from '../engine/types';
import { accessProblem, byPath, errorText, walkPaths, wouldWalk, type SkippedFile, type WalkOptions, type WalkResult } from './walker';
import { chooseWorkerCount, locateWasmDir, scanFiles, type ScanOutcome } from './pool';
import type { Baseline } from '../engine/baseline';
import { baselineEntries, readBaseline, splitByBaseline, writeBaselineFile } from './baseline';
import { gitChangedFiles, onlyChanged, readBlobs, realPath, takeChangedFlags, type ChangedList, type ChangedMode } from './changed';
import { tooLargeReason } from './read';
import { formatJson, relativePath, type Report, type ToolInfo } from './format/json';
import { formatSarif, formatSarifConfigError, type ConfigProblem } from './format/sarif';
import { formatText } from './format/text';

export interface CliStream { write(text: string): unknown; isTTY?: boolean }
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  cwd: string;
  env: Record<string, string | undefined>;
}

export const usage = `Usage: authlint scan [paths...] [options]

Finds hard-coded API keys and insecure OAuth / API-auth configuration in Kotlin, Java,
TypeScript and JavaScript, secrets in Gradle files, and keys and transport settings in
Android configuration: AndroidManifest.xml, res/values*/*.xml, res/xml/*.xml (network
security config) and google-services.json. Paths default to the current folder.

Options:
  --format text|json|sarif      Output format (default: text)
  -o, --output FILE             Write the report to FILE instead of standard output
  -c, --config FILE             Configuration file (default: the nearest ${configFileName}
                                in the first scanned folder or a folder above it)
  --fail-on error|warning|info  Exit with 1 when a finding is at least this severe
                                (default: the config's "failOn", else error)
  --max-file-size BYTES         Skip larger files (default: the config's options.maxFileSize,
                                else 2000000)
  --include-minified            Also analyse minified JavaScript
  -j, --jobs N                  At most N worker threads, and never more than the cores
                                (default: one per core; 1 = no threads)
  --baseline FILE               Report only findings that are not in the baseline FILE; the exit
                                code counts only those. SARIF keeps the baselined results, marked
                                "unchanged" and suppressed
  --write-baseline FILE         Record every finding of this scan in FILE as the baseline (no
                                source text, no secret: fingerprints, rule ids, paths, masked
                                hints) and exit with 0
  --changed                     Scan only the files git lists as changed: staged, unstaged and
                                untracked (not ignored) files; deleted files are left out
  --changed=REF                 Scan only the files changed since the merge base of REF and HEAD,
                                committed or not, plus untracked files (REF needs the "=")
  --staged                      Scan only the files with staged changes, as the index holds
                                them (what the next commit holds, not the working-tree file;
                                for pre-commit hooks)
  --report-unused-suppressions  Also list suppression comments that silence nothing or name
                                an unknown rule (information: exit 1 only with --fail-on info)
  --no-color                    No colors in text output (also when NO_COLOR is set)
  -q, --quiet                   Report only findings at or above --fail-on; no summary
  -h, --help                    Show this help
  --version                     Print the version

A path named on the command line is scanned even if .gitignore or the built-in skip list
(node_modules, build, dist, …) would leave it out; the config's "ignore" globs still apply.
With --changed or --staged, git is asked about the repository of each path (not of the
current folder), and the paths limit the changed files to those a scan of the paths would
analyse. Constants are followed only between the scanned files. Baselines and changed-file
scans in CI and hooks: docs/ci.md.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it (with --baseline,
            only findings not in the baseline count), 2 usage or configuration error
            (also: a named path that does not exist or cannot be read, a missing or
            invalid baseline, not a git repository, an unknown REF), found before any
            file is written.
`;

const formats = ['text', 'json', 'sarif'] as const;
const severityRank: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const docsBase = 'https://github.com/authlint/authlint/blob/main/';

class UsageError extends Error {}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string, showUsage = false) => {
    io.stderr.write(`authlint: ${message}\n${showUsage ? `\n${usage}` : ''}`);
    return 2;
  };
  /** Writes the report to stdout or --output; returns why it could not be written. */
  const emit = (output: string): string | undefined => {
    if (args.output === undefined) {
      io.stdout.write(output);
      return undefined;
    }
    try {
      const target = path.resolve(io.cwd, args.output);
      makeFolders(path.dirname(target));
      fs.writeFileSync(target, output);
      return undefined;
    } catch (e) {
      return `cannot write the report to ${args.output}: ${(e as Error).message}`;
    }
  };
  let args: ReturnType<typeof parseCommandLine>;
  try {
    args = parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) return fail(usageProblem(e as Error), true);
    throw e;
  }
  if (args.help || args.version) {
    io.stdout.write(args.help ? usage : `${toolInfo().version}\n`);
    return 0;
  }

  const cwd = io.cwd;
  const targets = args.paths.map(p => path.resolve(cwd, p));
  // A named path that is not there is a usage error, found before anything is written: a typo in CI must not pass
  // as "no findings", nor replace the team's baseline with an empty one. lstat: a broken or looping link named on
  // the command line is there (it is listed as skipped, with its reason).
  const missing = targets.filter(t => !isThere(t));
  if (missing.length) {
    const hint = args.changed?.kind === 'changed' && args.changed.ref === undefined ? ' (to compare with a git revision, write --changed=REF)' : '';
    return fail(`no such file or folder: ${missing.map(t => path.relative(cwd, t) || t).join(', ')}${hint}`);
  }
  // So is a named file or folder this user cannot read (a folder inside a scan that cannot be read is listed as
  // skipped). With --staged the files come from git's index, not from the working tree.
  const unreadable = args.changed?.kind === 'staged' ? [] : targets.flatMap(t => {
    const problem = unreadableReason(t);
    return problem ? [`${path.relative(cwd, t) || t} (${problem})`] : [];
  });
  if (unreadable.length) return fail(`cannot read ${unreadable.join(', ')}`);

  const loaded = loadConfig(cwd, args.config, targets[0]);
  if ('error' in loaded) {
    // A SARIF consumer gets the problems too, as notifications at their place in the file.
    const problem = args.format === 'sarif' ? emit(formatSarifConfigError(scanRoot(cwd, targets), toolInfo(), loaded.file, loaded.problems)) : undefined;
    return fail(problem ? `${loaded.error}\n${problem}` : loaded.error);
  }
  const { config, configPath } = loaded;

  const baselineName = args.baseline ?? args.writeBaseline;
  const baselineFile = baselineName === undefined ? undefined : path.resolve(cwd, baselineName);
  if (baselineFile && args.output !== undefined && samePath(baselineFile, path.resolve(cwd, args.output))) {
    return fail(`--output and --${args.baseline !== undefined ? 'baseline' : 'write-baseline'} name the same file: the report would replace the baseline`, true);
  }
  let baseline: Baseline | undefined;
  if (args.baseline !== undefined) {
    const read = readBaseline(baselineFile!, args.baseline);
    if ('error' in read) return fail(read.error);
    baseline = read.baseline;
  }
  let changed: ChangedList | undefined;
  if (args.changed) {
    const listed = await gitChangedFiles(targets, args.changed);
    if ('error' in listed) return fail(listed.error);
    changed = listed;
  }

  const settings = { ...resolveSettings(config, { options: { maxFileSize: args.maxFileSize } }), reportUnusedSuppressions: args.reportUnusedSuppressions };
  const failOn = args.failOn ?? config?.failOn ?? 'error';
  const wasmDir = locateWasmDir();
  if (!wasmDir) return fail('internal error: the tree-sitter grammar files (*.wasm) are not installed next to the CLI');

  const root = scanRoot(cwd, targets);
  const rel = (absolute: string) => relativePath(root, absolute);
  const walkOptions: WalkOptions = {
    isSupported: p => languageOf(p) !== undefined,
    ignore: config && configPath ? { baseDir: path.dirname(configPath), patterns: config.ignore } : undefined,
  };
  const walkedAll = walkPaths(targets, cwd, walkOptions);
  let walked = changed ? onlyChanged(walkedAll, changed.files) : walkedAll;
  let contents: Map<string, Uint8Array> | undefined;
  if (changed?.staged) {
    const index = await stagedContents(walked, changed, targets, walkOptions, settings.options.maxFileSize);
    if ('error' in index) return fail(`--staged: ${index.error}`);
    walked = index.walked;
    contents = new Map([...index.contents].map(([file, bytes]) => [rel(file), bytes]));
  }

  const progress = io.stderr.isTTY && !args.quiet ? progressLine(io.stderr) : undefined;
  let scanned: ScanOutcome;
  try {
    scanned = await scanFiles(walked.files.map(rel), {
      root,
      wasmDir,
      settings,
      read: { maxFileSize: settings.options.maxFileSize, includeMinified: args.includeMinified },
      workers: args.jobs === undefined ? undefined : chooseWorkerCount(walked.files.length, args.jobs),
      fingerprintRoot: baselineFile ? path.dirname(baselineFile) : projectRoot(root, configPath),
      contents,
      onProgress: progress?.update,
    });
  } catch (e) {
    return fail(`internal error: ${(e as Error).message}`);
  } finally {
    progress?.clear();
  }

  if (args.writeBaseline !== undefined) {
    const entries = baselineEntries(scanned.results, root, path.dirname(baselineFile!));
    try {
      makeFolders(path.dirname(baselineFile!));
      writeBaselineFile(baselineFile!, entries);
    } catch (e) {
      return fail(`cannot write the baseline to ${args.writeBaseline}: ${(e as Error).message}`);
    }
    if (!args.quiet) io.stderr.write(`authlint: wrote ${entries.length} finding${entries.length === 1 ? '' : 's'} to the baseline ${args.writeBaseline}\n`);
    baseline = { entries, fingerprints: new Set(entries.map(e => e.fingerprint)) };
  }
  const split = baseline ? splitByBaseline(scanned.results, baseline) : { fresh: scanned.results, baselined: [] };

  const atThreshold = (f: Finding) => severityRank[f.severity] >= severityRank[failOn];
  // Suppression problems are information about comments: they count only when every finding does (--fail-on info).
  const problemsCount = failOn === 'info';
  const shown = (results: typeof scanned.results) => (args.quiet
    ? results.map(r => ({ ...r, findings: r.findings.filter(atThreshold), ...(r.suppressionProblems && !problemsCount ? { suppressionProblems: [] } : {}) }))
    : results);
  // --write-baseline accepts the current state: it exits with 0 whatever it found, suppression problems included.
  const failing = args.writeBaseline === undefined && split.fresh.some(r => r.findings.some(atThreshold) || (problemsCount && !!r.suppressionProblems?.length));
  const report: Report = {
    root,
    tool: toolInfo(),
    rules: ruleMetas,
    reportUnusedSuppressions: args.reportUnusedSuppressions,
    results: shown(split.fresh),
    ...(baseline ? { baseline: { file: baselineName!, results: shown(split.baselined) } } : {}),
    skipped: [...walked.skipped.map(s => ({ ...s, path: rel(s.path) })), ...scanned.skipped].sort(byPath),
    notices: [...walked.notices.map(n => ({ ...n, path: rel(n.path) })), ...scanned.notices].sort(byPath),
  };

  const color = args.output === undefined && !args.noColor && !!io.stdout.isTTY && !io.env.NO_COLOR;
  const output = args.format === 'json' ? formatJson(report)
    : args.format === 'sarif' ? formatSarif(report)
    : formatText(report, { cwd, color, quiet: args.quiet });
  const notWritten = emit(output);
  if (notWritten) return fail(notWritten);
  return failing ? 1 : 0;
}

/**
 * --staged: the walk's files with the content git's index holds for each (absolute path → bytes), plus the staged
 * files the working tree no longer has but a walk would take. Blobs over the size limit are not loaded: they are
 * skipped as a file that large would be.
 */
async function stagedContents(walked: WalkResult, changed: ChangedList, targets: readonly string[], walkOptions: WalkOptions, maxFileSize: number):
  Promise<{ walked: WalkResult; contents: Map<string, Uint8Array> } | { error: string }> {
  const staged = changed.staged!;
  const blobOf = new Map([...staged].map(([file, blob]) => [realPath(file), blob]));
  const files = new Map(walked.files.map(f => [f, blobOf.get(realPath(f))]));
  // Paths from git are under the repository's top folder, a real path; a target may lead there through a symbolic
  // link. Such a path is placed under the target's spelling, as the walk would have found it.
  const realTargets = targets.map(t => [t, realPath(t)] as const);
  const spelled = (file: string) => {
    for (const [target, real] of realTargets) {
      const inside = path.relative(real, file);
      if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside))) return path.join(target, inside);
    }
    return file;
  };
  // A staged file deleted from the working tree is still in the next commit: scanned if a walk would take it.
  for (const [file, blob] of staged) {
    if (!fs.existsSync(file) && wouldWalk(spelled(file), targets, walkOptions)) files.set(spelled(file), blob);
  }
  const skipped: SkippedFile[] = [
    ...walked.skipped,
    ...changed.skipped.map(s => ({ ...s, path: spelled(s.path) })).filter(s => wouldWalk(s.path, targets, walkOptions)),
  ];
  const contents = new Map<string, Uint8Array>();
  const byRepo = new Map<string, [string, string][]>();
  for (const [file, blob] of files) {
    if (!blob) { skipped.push({ path: file, reason: 'not in the index as a regular file' }); continue; }
    byRepo.set(blob.repoRoot, [...(byRepo.get(blob.repoRoot) ?? []), [file, blob.object]]);
  }
  for (const [repoRoot, entries] of byRepo) {
    const blobs = await readBlobs(repoRoot, entries.map(([, object]) => object), maxFileSize);
    if ('error' in blobs) return blobs;
    for (const [file, object] of entries) {
      const got = blobs.get(object);
      if (typeof got === 'number') skipped.push({ path: file, reason: tooLargeReason(got, maxFileSize) });
      else if (got) contents.set(file, got);
      else skipped.push({ path: file, reason: 'the staged content could not be read from git' });
    }
  }
  return {
    walked: { ...walked, files: [...contents.keys()].sort(), skipped: skipped.sort(byPath) },
    contents,
  };
}

/** Whether two absolute paths name the same file (through symbolic links too, when both exist). */
function samePath(a: string, b: string): boolean {
  return a === b || (fs.existsSync(a) && fs.existsSync(b) && realPath(a) === realPath(b));
}

/**
 * What fingerprints are relative to without a baseline: the top folder of the git repository holding the scan
 * root (the folder with `.git`, at or above it), else the folder of the config file, else the scan root. So the
 * same finding has the same fingerprint in JSON and SARIF whatever the working directory — and the same as in a
 * baseline kept at the top of the repository.
 */
export function projectRoot(root: string, configPath: string | undefined): string {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return configPath ? path.dirname(configPath) : root;
}

/**
 * `mkdir -p`, one level at a time: Node 20's recursive mkdir never returns for a path below /proc, and reports
 * EEXIST for a path below a file.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  while (!fs.existsSync(at)) {
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  if (!fs.statSync(at).isDirectory()) throw new Error(`${at} is not a folder`);
  for (const d of missing) fs.mkdirSync(d);
}

interface CommandLine {
  paths: string[];
  format: (typeof formats)[number];
  output?: string;
  config?: string;
  failOn?: Severity;
  maxFileSize?: number;
  jobs?: number;
  includeMinified: boolean;
  baseline?: string;
  writeBaseline?: string;
  changed?: ChangedMode;
  reportUnusedSuppressions: boolean;
  noColor: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

function parseCommandLine(argv: readonly string[]): CommandLine {
  // `--changed` takes its revision only after "=": parseArgs would take the next path as its value.
  const { rest, changed: changedFlags } = takeChangedFlags(argv);
  const { values, positionals } = parseArgs({
    args: negativeNumbersAsValues(rest),
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      config: { type: 'string', short: 'c' },
      'fail-on': { type: 'string' },
      'max-file-size': { type: 'string' },
      'include-minified': { type: 'boolean' },
      jobs: { type: 'string', short: 'j' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      staged: { type: 'boolean' },
      'report-unused-suppressions': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
  const [command, ...paths] = positionals;
  const help = !!values.help || command === 'help';
  const base = {
    includeMinified: !!values['include-minified'], reportUnusedSuppressions: !!values['report-unused-suppressions'],
    noColor: !!values['no-color'], quiet: !!values.quiet, help, version: !!values.version,
  };
  if (help || values.version) return { ...base, paths: [], format: 'text' };
  if (command === undefined) throw new UsageError('missing command: use "authlint scan [paths...]"');
  if (command !== 'scan') throw new UsageError(`unknown command "${command}"`);
  if (paths.includes('')) throw new UsageError('an empty path names no file or folder (write "." for the current folder)');

  const format = values.format ?? 'text';
  if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(failOn in severityRank)) throw new UsageError(`--fail-on must be error, warning or info, not "${failOn}"`);
  const size = values['max-file-size'];
  if (size !== undefined && !(/^\d+$/.test(size) && Number.isSafeInteger(Number(size)) && Number(size) > 0)) {
    throw new UsageError(`--max-file-size must be a positive whole number of bytes, not "${size}"`);
  }
  const jobs = values.jobs;
  if (jobs !== undefined && !(/^\d{1,3}$/.test(jobs) && Number(jobs) >= 1)) {
    throw new UsageError(`--jobs must be a whole number from 1 to 999, not "${jobs}"`);
  }
  for (const flag of ['output', 'config', 'baseline', 'write-baseline'] as const) {
    if (values[flag] === '') throw new UsageError(`--${flag} needs a file name`);
  }
  if (values.baseline !== undefined && values['write-baseline'] !== undefined) throw new UsageError('--baseline and --write-baseline cannot be combined');
  if (changedFlags.length > 1 || (changedFlags.length && values.staged)) throw new UsageError('give only one of --changed, --changed=REF and --staged');
  const changed: ChangedMode | undefined = values.staged ? { kind: 'staged' } : changedFlags[0];
  if (changed?.kind === 'changed' && changed.ref !== undefined && (changed.ref === '' || changed.ref.startsWith('-'))) {
    throw new UsageError(`--changed=REF needs a git revision after "=", not "${changed.ref}"`);
  }
  if (changed && values['write-baseline'] !== undefined) {
    throw new UsageError('--write-baseline records the whole project: it cannot be combined with --changed or --staged');
  }
  return {
    ...base,
    paths: paths.length ? paths : ['.'],
    format: format as CommandLine['format'],
    output: values.output,
    config: values.config,
    failOn: failOn as Severity | undefined,
    maxFileSize: size === undefined ? undefined : Number(size),
    jobs: jobs === undefined ? undefined : Number(jobs),
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    changed,
  };
}

/** --config, else the nearest `.authlint.json` from the first target upwards; none is fine. */
type LoadedConfig = { config?: ProjectConfig; configPath?: string } | { error: string; file: string; problems: ConfigProblem[] };

function loadConfig(cwd: string, explicit: string | undefined, firstTarget: string): LoadedConfig {
  const configPath = explicit ? path.resolve(cwd, explicit) : findConfig(firstTarget);
  if (!configPath) return {};
  const label = path.relative(cwd, configPath) || configPath;
  let text: Uint8Array;
  try {
    text = fs.readFileSync(configPath);
  } catch (e) {
    const why = (e as Error).message;
    return { error: `cannot read config file ${label}: ${why}`, file: configPath, problems: [{ text: `cannot read the configuration file: ${why}` }] };
  }
  const parsed = parseConfig(text, label);
  if ('errors' in parsed) {
    return {
      error: `invalid configuration:\n${parsed.errors.map(e => `  ${e.message}`).join('\n')}`,
      file: configPath,
      // The message without its `file:line:column: ` lead: SARIF gives the place separately.
      problems: parsed.errors.map(e => ({ line: e.line, column: e.column, text: e.message.replace(`${e.file}:${e.line}:${e.column}: `, '') })),
    };
  }
  return { config: parsed.config, configPath };
}

/** Options whose value is a number: `--jobs -1` is that option with the value "-1" (then refused with our message). */
const numericOptions: ReadonlySet<string> = new Set(['-j', '--jobs', '--max-file-size']);

/** `--jobs -1` → `--jobs=-1`: parseArgs would call "-1" an ambiguous option and suggest its own `--jobs=-XYZ`. */
function negativeNumbersAsValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') return [...out, ...args.slice(i)];
    if (numericOptions.has(args[i]) && /^-\d/.test(args[i + 1] ?? '')) {
      out.push(`${args[i] === '-j' ? '--jobs' : args[i]}=${args[i + 1]}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/** parseArgs's messages in our words (its hints about `--` and `-XYZ` do not fit a command that takes paths). */
function usageProblem(e: Error): string {
  const unknown = /^Unknown option '([^']+)'/.exec(e.message);
  if (unknown) return `unknown option "${unknown[1]}"`;
  const missing = /^Option '(.+?)(?: <value>)?' argument missing/.exec(e.message);
  if (missing) return `${missing[1]} needs a value`;
  const ambiguous = /^Option '(.+?)' argument is ambiguous[\s\S]*use '(--[\w-]+)=-XYZ'/.exec(e.message);
  if (ambiguous) return `${ambiguous[1]} needs a value; for a value that starts with "-", write ${ambiguous[2]}=VALUE`;
  return e.message;
}

/** The nearest `.authlint.json` in the folder of `target` (or the folder itself) and the folders above it. */
export function findConfig(target: string): string | undefined {
  let dir = target;
  while (!isDirectory(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, configFileName);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
    dir = path.dirname(dir);
  }
}

/**
 * What paths in JSON and SARIF are relative to: the working directory when every target is inside it (the usual
 * CI checkout), else the deepest folder containing every target.
 */
export function scanRoot(cwd: string, targets: readonly string[]): string {
  const inside = (dir: string, p: string) => { const r = path.relative(dir, p); return !r.startsWith('..') && !path.isAbsolute(r); };
  if (targets.every(t => inside(cwd, t))) return cwd;
  let root = isDirectory(targets[0]) ? targets[0] : path.dirname(targets[0]);
  while (!targets.every(t => inside(root, t)) && path.dirname(root) !== root) root = path.dirname(root);
  return root;
}


/** False also when `p` cannot be looked at (a symbolic link loop, a path through a file): the walker says why. */
function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

let cachedToolInfo: ToolInfo | undefined;

/** Version and home page from package.json, found above this file both in dist/ and in the test build. */
function toolInfo(): ToolInfo {
  if (cachedToolInfo) return cachedToolInfo;
  let pkg: { name?: string; version?: string; homepage?: string } = {};
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const candidate = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (candidate.name === 'authlint') { pkg = candidate; break; }
    } catch { /* not here: keep looking */ }
    if (path.dirname(dir) === dir) break;
  }
  cachedToolInfo = { name: 'AuthLint', version: pkg.version ?? '0.0.0', informationUri: pkg.homepage ?? 'https://github.com/authlint/authlint', docsBase };
  return cachedToolInfo;
}

/** A single self-overwriting status line on a terminal's stderr, redrawn at most ten times a second. */
function progressLine(stream: CliStream) {
  let last = 0;
  return {
    update: (done: number, total: number) => {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      stream.write(`\rAuthLint: ${done}/${total} files`);
    },
    clear: () => stream.write('\r\x1b[K'),
  };
}

if (require.main === module) {
  process.stdout.on('error', e => { if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e; }); // `| head` is fine
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
    code => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`authlint: internal error: ${(e as Error)?.stack ?? e}\n`); process.exitCode = 2; },
  );
}

/**
 * Whether something is at `p` (a broken link counts). A path this user cannot even look up (a folder on the way
 * that cannot be searched) may be there: unreadableReason says why it cannot be read.
 */
function isThere(p: string): boolean {
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}

/**
 * Why the file or folder at `p` cannot be read by this user, if it cannot. A link is judged by what it points to;
 * a broken or looping one is listed as skipped where it is walked.
 */
function unreadableReason(p: string): string | undefined {
  try {
    let stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) {
      try {
        stat = fs.statSync(p);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') return undefined;
        throw e;
      }
    }
    return stat.isDirectory() || stat.isFile() ? accessProblem(p, stat.isDirectory()) : undefined;
  } catch (e) {
    return errorText(e);
  }
}
