// The settings in force for one file: built-in defaults < the nearest `.authlint.json` < the user's editor
// settings for that resource. Editor settings are pulled (workspace/configuration with the file as scope) and
// one promise is cached per resource, as vscode-eslint does; nothing is kept in globals. The caches are cleared
// when the settings change (didChangeConfiguration) or a `.authlint.json` changes (didChangeWatchedFiles).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalyzeSettings } from '../engine/index';
import { configFileName, parseConfig, resolveSettings, type ConfigError, type ProjectConfig } from '../engine/config';
import { configIgnoreMatcher } from '../cli/walker';
import ignore, { type Ignore } from 'ignore';
import { isIgnoredBy, repositoryRoot } from './fixes/gitignore';
import { readSettings, settingsSection, type AuthLintSettings, type BaselinedFindingsSetting } from '../shared/settings';
import type { LspClient } from './client';
import type { WorkspaceFolders } from './workspace';

export interface ResourceSettings {
  enabled: boolean;
  analyze: AnalyzeSettings;
  docsBaseUrl: string;
  /** The glob (config `ignore` or `authlint.exclude`) that leaves this file out, if any. */
  excludedBy?: string;
  /** The `.authlint.json` that applied, if any (also when it was invalid). */
  configPath?: string;
  /** `authlint.baseline` resolved against the workspace folder (used when it exists), and `authlint.baselinedFindings`. */
  baseline: { file?: string; findings: BaselinedFindingsSetting };
}

export interface ProjectConfigState {
  path: string;
  config?: ProjectConfig;
  errors: ConfigError[];
}

export class DocumentSettings {
  private readonly byResource = new Map<string, Promise<ResourceSettings>>();
  private readonly userByScope = new Map<string, Promise<AuthLintSettings>>();
  private readonly configOfDir = new Map<string, string | null>();
  private readonly configs = new Map<string, ProjectConfigState>();
  private readonly gitignores = new Map<string, Ignore | null>();
  /** Settings pushed with didChangeConfiguration, for editors that cannot be asked (no workspace/configuration). */
  pushed: unknown;

  constructor(
    private readonly client: LspClient,
    private readonly folders: WorkspaceFolders,
    private readonly canPull: () => boolean,
    private readonly onConfigState: (state: ProjectConfigState) => void,
  ) {}

  /** The settings for a file (cached until a change clears them). */
  forFile(uri: string, fsPath: string): Promise<ResourceSettings> {
    let p = this.byResource.get(uri);
    if (!p) {
      p = this.compute(uri, fsPath);
      this.byResource.set(uri, p);
    }
    return p;
  }

  /** The user's settings for a scope (a file or folder uri; undefined = window). */
  user(scopeUri: string | undefined): Promise<AuthLintSettings> {
    const key = scopeUri ?? '';
    let p = this.userByScope.get(key);
    if (!p) {
      p = this.pull(scopeUri);
      this.userByScope.set(key, p);
    }
    return p;
  }

  /** Editor settings changed: forget every cached answer. */
  clearUser(): void {
    this.userByScope.clear();
    this.byResource.clear();
  }

  /** A `.authlint.json` or `.gitignore` appeared, changed or went away. */
  clearProjectConfigs(): void {
    this.configOfDir.clear();
    this.configs.clear();
    this.gitignores.clear();
    this.byResource.clear();
  }

  /** The nearest `.authlint.json` at or above a folder (as the CLI looks for it), parsed once. */
  projectConfig(dir: string): ProjectConfigState | undefined {
    const file = this.findConfig(dir);
    if (!file) return undefined;
    let state = this.configs.get(file);
    if (!state) {
      state = loadConfig(file);
      this.configs.set(file, state);
      this.onConfigState(state);
    }
    return state;
  }

  private async compute(uri: string, fsPath: string): Promise<ResourceSettings> {
    return this.combine(await this.user(uri), fsPath);
  }

  /** The user's settings (for the file or its folder) layered over the file's nearest `.authlint.json`. */
  combine(user: AuthLintSettings, fsPath: string): ResourceSettings {
    const project = this.projectConfig(path.dirname(fsPath));
    const analyze = resolveSettings(project?.config, {
      levels: user.rules,
      options: {
        googleKeyPolicy: user.options.googleKeyPolicy ?? undefined,
        maxTokenLifetimeSeconds: user.options.maxTokenLifetimeSeconds ?? undefined,
        maxFileSize: user.options.maxFileSize ?? undefined,
      },
    });
    const folder = this.folders.folderOf(fsPath);
    const configIgnore = project?.config ? configIgnoreMatcher({ baseDir: path.dirname(project.path), patterns: project.config.ignore }) : undefined;
    const userExclude = folder ? configIgnoreMatcher({ baseDir: folder.fsPath, patterns: user.exclude }) : undefined;
    return {
      enabled: user.enable,
      analyze,
      docsBaseUrl: user.docsBaseUrl,
      excludedBy: configIgnore?.(fsPath) ?? userExclude?.(fsPath) ?? this.ignoredLikeTheScan(fsPath, folder?.fsPath),
      configPath: project?.path,
      baseline: { file: user.baseline ? path.resolve(folder?.fsPath ?? path.dirname(fsPath), user.baseline) : undefined, findings: user.baselinedFindings },
    };
  }

  /**
   * What the scan (the CLI's walker) leaves out without a glob: dependencies and git-ignored files — among them
   * local.properties, where the key-moving fix puts keys on purpose.
   */
  private ignoredLikeTheScan(fsPath: string, folder: string | undefined): string | undefined {
    if (fsPath.split(/[\\/]/).includes('node_modules')) return 'node_modules';
    const stop = repositoryRoot(path.dirname(fsPath), folder ?? path.dirname(fsPath));
    return isIgnoredBy(dir => this.gitignoreRules(dir), fsPath, stop) ? '.gitignore' : undefined;
  }

  /** A folder's `.gitignore` rules, read once (until a `.gitignore` or `.authlint.json` changes). */
  private gitignoreRules(dir: string): Ignore | undefined {
    let rules = this.gitignores.get(dir);
    if (rules === undefined) {
      let text: string | undefined;
      try { text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'); } catch { /* none here */ }
      rules = text === undefined ? null : ignore().add(text);
      this.gitignores.set(dir, rules);
    }
    return rules ?? undefined;
  }

  private async pull(scopeUri: string | undefined): Promise<AuthLintSettings> {
    let raw: unknown;
    try {
      raw = this.canPull() ? await this.client.getConfiguration(scopeUri, settingsSection) : (this.pushed as Record<string, unknown> | undefined)?.[settingsSection];
    } catch (e) {
      this.client.log(`Could not read the settings (${(e as Error).message}); using the defaults.`);
    }
    const { settings, problems } = readSettings(raw);
    for (const p of problems) this.client.log(`Settings: ${p}`);
    return settings;
  }

  private findConfig(dir: string): string | undefined {
    const seen: string[] = [];
    let found: string | null | undefined;
    for (let d = dir; ; d = path.dirname(d)) {
      found = this.configOfDir.get(d);
      if (found !== undefined) break;
      seen.push(d);
      if (fs.existsSync(path.join(d, configFileName))) { found = path.join(d, configFileName); break; }
      if (path.dirname(d) === d) { found = null; break; }
    }
    for (const d of seen) this.configOfDir.set(d, found);
    return found ?? undefined;
  }
}

function loadConfig(file: string): ProjectConfigState {
  let text: Uint8Array;
  try {
    text = fs.readFileSync(file);
  } catch (e) {
    return { path: file, errors: [{ file, line: 1, column: 1, endLine: 1, endColumn: 1, jsonPath: '', message: `cannot read ${file}: ${(e as Error).message}` }] };
  }
  const parsed = parseConfig(text, configFileName);
  return 'errors' in parsed ? { path: file, errors: parsed.errors } : { path: file, config: parsed.config, errors: [] };
}

