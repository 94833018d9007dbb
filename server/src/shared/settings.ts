// The editor settings of AuthLint, declared once for the client and the server (as vscode-eslint does with its
// shared folder). package.json's `contributes.configuration` must say exactly what `settingSchemas` says —
// test/lsp/manifest.test.ts compares them — and the server reads the values through `readSettings`, per resource.
// No imports: the client bundle takes this file alone.

export const settingsSection = 'authlint';

/** The project's home. A placeholder until the repository is published: change it here and nowhere else. */
export const repositoryUrl = 'https://github.com/authlint/authlint';
export const defaultDocsBaseUrl = `${repositoryUrl}/blob/main/docs/rules/`;

export type RuleLevelSetting = 'off' | 'info' | 'warning' | 'error';
export type GoogleKeyPolicySetting = 'context' | 'error' | 'info';
export type TraceSetting = 'off' | 'messages' | 'verbose';
export type BaselinedFindingsSetting = 'hide' | 'information';

/** The baseline file `authlint scan --write-baseline` is usually given, and the editor looks for by default. */
export const defaultBaselineFile = '.authlint-baseline.json';

/**
 * Option values are null when the user has not set them: VS Code hands every setting over with its default, so a
 * non-null default would always override `.authlint.json` and break "defaults < project config < user settings".
 */
export interface AuthLintSettings {
  enable: boolean;
  /** Per-rule levels; only the rules the user named. */
  rules: Record<string, RuleLevelSetting>;
  /** Globs relative to the workspace folder, on top of `.authlint.json`'s `ignore`. */
  exclude: string[];
  options: {
    googleKeyPolicy: GoogleKeyPolicySetting | null;
    maxTokenLifetimeSeconds: number | null;
    maxFileSize: number | null;
  };
  /** Base address of the rule pages; the rule id and `.md` are appended. */
  docsBaseUrl: string;
  /** Baseline file relative to the workspace folder, used when it exists; '' = none. */
  baseline: string;
  /** What to do with a finding the baseline holds. */
  baselinedFindings: BaselinedFindingsSetting;
  trace: { server: TraceSetting };
}

export const defaultSettings: AuthLintSettings = {
  enable: true,
  rules: {},
  exclude: [],
  options: { googleKeyPolicy: null, maxTokenLifetimeSeconds: null, maxFileSize: null },
  docsBaseUrl: defaultDocsBaseUrl,
  baseline: defaultBaselineFile,
  baselinedFindings: 'information',
  trace: { server: 'off' },
};

const levels: RuleLevelSetting[] = ['off', 'info', 'warning', 'error'];
const googleKeyPolicies: GoogleKeyPolicySetting[] = ['context', 'error', 'info'];
const traces: TraceSetting[] = ['off', 'messages', 'verbose'];
const baselinedFindings: BaselinedFindingsSetting[] = ['hide', 'information'];

/** JSON schema of each setting under its full key, as package.json declares it. */
export const settingSchemas: Record<string, Record<string, unknown>> = {
  'authlint.enable': {
    type: 'boolean', default: true, scope: 'resource',
    description: 'Lint files with AuthLint.',
  },
  'authlint.rules': {
    type: 'object', default: {}, scope: 'resource',
    additionalProperties: { type: 'string', enum: levels },
    markdownDescription: 'Rule levels by rule id (`off`, `info`, `warning`, `error`). They override `.authlint.json`, which overrides the built-in defaults.',
  },
  'authlint.exclude': {
    type: 'array', default: [], scope: 'resource', items: { type: 'string' },
    markdownDescription: 'Globs, relative to the workspace folder, of files not to lint — on top of the `ignore` list of `.authlint.json`.',
  },
  'authlint.options.googleKeyPolicy': {
    type: ['string', 'null'], default: null, scope: 'resource', enum: [...googleKeyPolicies, null],
    markdownDescription: 'How a Google API key is reported: `context` (information in a Maps/Firebase context, else error), `error` or `info`. Unset: `.authlint.json`, else `context`.',
  },
  'authlint.options.maxTokenLifetimeSeconds': {
    type: ['integer', 'null'], default: null, minimum: 1, scope: 'resource',
    markdownDescription: 'Longest accepted lifetime of an issued token, in seconds. Unset: `.authlint.json`, else 3600.',
  },
  'authlint.options.maxFileSize': {
    type: ['integer', 'null'], default: null, minimum: 1, scope: 'resource',
    markdownDescription: 'Files larger than this many characters are not linted. Unset: `.authlint.json`, else 2000000.',
  },
  'authlint.docsBaseUrl': {
    type: 'string', default: defaultDocsBaseUrl, scope: 'resource',
    markdownDescription: 'Where the rule pages live: a diagnostic links to `<docsBaseUrl><rule-id>.md`.',
  },
  'authlint.baseline': {
    type: 'string', default: defaultBaselineFile, scope: 'resource',
    markdownDescription: 'Baseline file, relative to the workspace folder (written by `authlint scan --write-baseline`), used when it exists: findings it holds are shown as `#authlint.baselinedFindings#` says. Empty: no baseline.',
  },
  'authlint.baselinedFindings': {
    type: 'string', default: 'information', scope: 'resource', enum: baselinedFindings,
    enumDescriptions: ['Do not show findings the baseline holds.', 'Show them with Information severity, marked as baselined.'],
    markdownDescription: 'How findings held by the `#authlint.baseline#` file are shown.',
  },
  'authlint.trace.server': {
    type: 'string', default: 'off', scope: 'window', enum: traces,
    description: 'Traces the communication between VS Code and the AuthLint language server (in the AuthLint output).',
  },
};

/**
 * The settings from whatever the editor sent (the `authlint` section), never throwing: a wrong value falls back to
 * its default and is named in `problems`, so one typo does not switch linting off.
 */
export function readSettings(raw: unknown): { settings: AuthLintSettings; problems: string[] } {
  const problems: string[] = [];
  const obj = isRecord(raw) ? raw : {};
  const pick = <T>(key: string, value: unknown, ok: (v: unknown) => v is T, fallback: T): T => {
    if (value === undefined) return fallback;
    if (ok(value)) return value;
    problems.push(`authlint.${key}: ${JSON.stringify(value)} is not valid; using ${JSON.stringify(fallback)}`);
    return fallback;
  };
  const options = isRecord(obj.options) ? obj.options : {};
  const rules: Record<string, RuleLevelSetting> = {};
  if (isRecord(obj.rules)) {
    for (const [id, level] of Object.entries(obj.rules)) {
      if (oneOf(levels)(level)) rules[id] = level;
      else problems.push(`authlint.rules.${id}: ${JSON.stringify(level)} is not one of ${levels.join(', ')}; rule left at its level`);
    }
  } else if (obj.rules !== undefined && obj.rules !== null) {
    problems.push('authlint.rules: expected an object mapping rule ids to levels');
  }
  const trace = isRecord(obj.trace) ? obj.trace : {};
  return {
    settings: {
      enable: pick('enable', obj.enable, isBoolean, true),
      rules,
      exclude: pick('exclude', obj.exclude, isStringArray, []),
      options: {
        googleKeyPolicy: pick('options.googleKeyPolicy', options.googleKeyPolicy, nullOr(oneOf(googleKeyPolicies)), null),
        maxTokenLifetimeSeconds: pick('options.maxTokenLifetimeSeconds', options.maxTokenLifetimeSeconds, nullOr(isPositiveInteger), null),
        maxFileSize: pick('options.maxFileSize', options.maxFileSize, nullOr(isPositiveInteger), null),
      },
      docsBaseUrl: pick('docsBaseUrl', obj.docsBaseUrl, isNonEmptyString, defaultDocsBaseUrl),
      baseline: pick('baseline', obj.baseline, isString, defaultBaselineFile).trim(),
      baselinedFindings: pick('baselinedFindings', obj.baselinedFindings, oneOf(baselinedFindings), 'information'),
      trace: { server: pick('trace.server', trace.server, oneOf(traces), 'off') },
    },
    problems,
  };
}

/** Address of a rule's page. */
export function ruleDocsUrl(docsBaseUrl: string, ruleId: string): string {
  return `${docsBaseUrl.endsWith('/') ? docsBaseUrl : `${docsBaseUrl}/`}${ruleId}.md`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isBoolean(v: unknown): v is boolean { return typeof v === 'boolean'; }
function isString(v: unknown): v is string { return typeof v === 'string'; }
function isNonEmptyString(v: unknown): v is string { return typeof v === 'string' && v.trim() !== ''; }
function isStringArray(v: unknown): v is string[] { return Array.isArray(v) && v.every(s => typeof s === 'string'); }
function isPositiveInteger(v: unknown): v is number { return typeof v === 'number' && Number.isSafeInteger(v) && v > 0; }
function oneOf<T extends string>(values: readonly T[]) {
  return (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
}
function nullOr<T>(ok: (v: unknown) => v is T) {
  return (v: unknown): v is T | null => v === null || ok(v);
}
