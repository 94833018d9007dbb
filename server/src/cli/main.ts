// `authlint scan [paths…]`: finds the config, walks the paths, analyses the files on all cores, prints a report.
// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error (or an
// internal failure). Files that could not be read are reported but never change the exit code.
// `run` takes its streams, working directory and environment as arguments so tests drive it in-process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { languageOf, ruleMetas } from '../engine/index';
import { configFileName, parseConfig, resolveSettings, type ProjectConfig } from '../engine/config';
import type { Finding, Severity } from '../engine/types';
import { byPath, walkPaths } from './walker';
import { locateWasmDir, scanFiles, type ScanOutcome } from './pool';
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
TypeScript and JavaScript (and secrets in Gradle files). Paths default to the current folder.

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
  --no-color                    No colors in text output (also when NO_COLOR is set)
  -q, --quiet                   Report only findings at or above --fail-on; no summary
  -h, --help                    Show this help
  --version                     Print the version

A path named on the command line is scanned even if .gitignore or the built-in skip list
(node_modules, build, dist, …) would leave it out; the config's "ignore" globs still apply.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
            2 usage or configuration error.
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

  const loaded = loadConfig(cwd, args.config, targets[0]);
  if ('error' in loaded) {
    // A SARIF consumer gets the problems too, as notifications at their place in the file.
    const problem = args.format === 'sarif' ? emit(formatSarifConfigError(scanRoot(cwd, targets), toolInfo(), loaded.file, loaded.problems)) : undefined;
    return fail(problem ? `${loaded.error}\n${problem}` : loaded.error);
  }
  const { config, configPath } = loaded;

  const settings = resolveSettings(config, { options: { maxFileSize: args.maxFileSize } });
  const failOn = args.failOn ?? config?.failOn ?? 'error';
  const wasmDir = locateWasmDir();
  if (!wasmDir) return fail('internal error: the tree-sitter grammar files (*.wasm) are not installed next to the CLI');

  const root = scanRoot(cwd, targets);
  const rel = (absolute: string) => relativePath(root, absolute);
  const walked = walkPaths(targets, cwd, {
    isSupported: p => languageOf(p) !== undefined,
    ignore: config && configPath ? { baseDir: path.dirname(configPath), patterns: config.ignore } : undefined,
  });

  const progress = io.stderr.isTTY && !args.quiet ? progressLine(io.stderr) : undefined;
  let scanned: ScanOutcome;
  try {
    scanned = await scanFiles(walked.files.map(rel), {
      root,
      wasmDir,
      settings,
      read: { maxFileSize: settings.options.maxFileSize, includeMinified: args.includeMinified },
      onProgress: progress?.update,
    });
  } catch (e) {
    return fail(`internal error: ${(e as Error).message}`);
  } finally {
    progress?.clear();
  }

  const atThreshold = (f: Finding) => severityRank[f.severity] >= severityRank[failOn];
  const failing = scanned.results.some(r => r.findings.some(atThreshold));
  const report: Report = {
    root,
    tool: toolInfo(),
    rules: ruleMetas,
    results: args.quiet ? scanned.results.map(r => ({ ...r, findings: r.findings.filter(atThreshold) })) : scanned.results,
    skipped: [...walked.skipped.map(s => ({ ...s, path: rel(s.path) })), ...scanned.skipped].sort(byPath),
    notices: [...walked.notices.map(n => ({ ...n, path: rel(n.path) })), ...scanned.notices].sort(byPath),
  };

  const color = args.output === undefined && !args.noColor && !!io.stdout.isTTY && !io.env.NO_COLOR;
  const output = args.format === 'json' ? formatJson(report)
    : args.format === 'sarif' ? formatSarif(report)
    : formatText(report, { cwd, color, quiet: args.quiet });
  const notWritten = emit(output);
  if (notWritten) return fail(notWritten);
  // A named path that is not there is a usage error (a typo in CI must not pass as "no findings"); the report
  // of everything else was still written, with the path among the skipped files.
  // lstat: a broken or looping link named on the command line is there (listed as skipped, with its reason).
  const missing = targets.filter(t => !fs.lstatSync(t, { throwIfNoEntry: false }));
  if (missing.length) return fail(`no such file or folder: ${missing.map(t => path.relative(cwd, t) || t).join(", ")}`);
  return failing ? 1 : 0;
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
  includeMinified: boolean;
  noColor: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

function parseCommandLine(argv: readonly string[]): CommandLine {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      config: { type: 'string', short: 'c' },
      'fail-on': { type: 'string' },
      'max-file-size': { type: 'string' },
      'include-minified': { type: 'boolean' },
      'no-color': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
  const [command, ...paths] = positionals;
  const help = !!values.help || command === 'help';
  const base = { includeMinified: !!values['include-minified'], noColor: !!values['no-color'], quiet: !!values.quiet, help, version: !!values.version };
  if (help || values.version) return { ...base, paths: [], format: 'text' };
  if (command === undefined) throw new UsageError('missing command: use "authlint scan [paths...]"');
  if (command !== 'scan') throw new UsageError(`unknown command "${command}"`);

  const format = values.format ?? 'text';
  if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(failOn in severityRank)) throw new UsageError(`--fail-on must be error, warning or info, not "${failOn}"`);
  const size = values['max-file-size'];
  if (size !== undefined && !(/^\d+$/.test(size) && Number.isSafeInteger(Number(size)) && Number(size) > 0)) {
    throw new UsageError(`--max-file-size must be a positive whole number of bytes, not "${size}"`);
  }
  for (const flag of ['output', 'config'] as const) {
    if (values[flag] === '') throw new UsageError(`--${flag} needs a file name`);
  }
  return {
    ...base,
    paths: paths.length ? paths : ['.'],
    format: format as CommandLine['format'],
    output: values.output,
    config: values.config,
    failOn: failOn as Severity | undefined,
    maxFileSize: size === undefined ? undefined : Number(size),
  };
}

/** --config, else the nearest `.authlint.json` from the first target upwards; none is fine. */
type LoadedConfig = { config?: ProjectConfig; configPath?: string } | { error: string; file: string; problems: ConfigProblem[] };

function loadConfig(cwd: string, explicit: string | undefined, firstTarget: string): LoadedConfig {
  const configPath = explicit ? path.resolve(cwd, explicit) : findConfig(firstTarget);
  if (!configPath) return {};
  const label = path.relative(cwd, configPath) || configPath;
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (e) {
    const why = (e as Error).message;
    return { error: `cannot read config file ${label}: ${why}`, file: configPath, problems: [{ text: `cannot read the configuration file: ${why}` }] };
  }
  const parsed = parseConfig(text, label, ruleMetas.map(r => r.id));
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

/** parseArgs's messages, shorter (its hint about `--` does not apply to a command that takes paths). */
function usageProblem(e: Error): string {
  const unknown = /^Unknown option '([^']+)'/.exec(e.message);
  if (unknown) return `unknown option "${unknown[1]}"`;
  const missing = /^Option '(.+?)(?: <value>)?' argument missing/.exec(e.message);
  if (missing) return `${missing[1]} needs a value`;
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
