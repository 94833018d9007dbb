// The project configuration file `.authlint.json`, shared by the CLI and the language server. Pure: text in,
// config or errors out. Validation is strict (unknown keys and rule ids are errors) because a typo that is
// silently ignored leaves a rule at a level the team did not choose. Errors name the file, the position, the JSON
// path and what was expected, so CI logs are enough to fix them.
//
//   { "$schema"?: string,
//     "rules"?: { "<rule-id>": "off" | "info" | "warning" | "error" },
//     "ignore"?: ["<glob relative to the config file's folder>", …],
//     "options"?: { "googleKeyPolicy"?: "context" | "error" | "info",
//                   "maxTokenLifetimeSeconds"?: positive integer, "maxFileSize"?: positive integer },
//     "failOn"?: "error" | "warning" | "info" }
import type { AnalyzeSettings } from './api';
import { offsetToPosition } from './positions';
import { defaultOptions, type EngineOptions, type Level, type RuleLevels, type Severity } from './types';

export interface ProjectConfig {
  rules: RuleLevels;
  ignore: string[];
  options: Partial<EngineOptions>;
  failOn?: Severity;
}

export interface ConfigError {
  file: string;
  /** 1-based position of the offending value (or of the syntax error). */
  line: number;
  column: number;
  /** `rules.hardcoded-secret`, `ignore[2]`, `(top level)`; empty for invalid JSON. */
  jsonPath: string;
  /** The whole message: `file:line:column: jsonPath: problem` (no jsonPath for invalid JSON). */
  message: string;
}

/** Layers of user choices over the built-in defaults (editor settings, CLI flags). */
export interface SettingsOverrides {
  levels?: RuleLevels;
  options?: Partial<EngineOptions>;
}

export const configFileName = '.authlint.json';

const levels: readonly Level[] = ['off', 'info', 'warning', 'error'];
const severities: readonly Severity[] = ['error', 'warning', 'info'];
const googleKeyPolicies: readonly EngineOptions['googleKeyPolicy'][] = ['context', 'error', 'info'];
const topLevelKeys = ['$schema', 'rules', 'ignore', 'options', 'failOn'];
const optionKeys = ['googleKeyPolicy', 'maxTokenLifetimeSeconds', 'maxFileSize'];

export function parseConfig(text: string, fileLabel: string, ruleIds: readonly string[]): { config: ProjectConfig } | { errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const report = (offset: number, jsonPath: string, problem: string) => {
    const position = offsetToPosition(text, offset);
    const [line, column] = [position.line + 1, position.character + 1];
    errors.push({ file: fileLabel, line, column, jsonPath, message: `${fileLabel}:${line}:${column}: ${jsonPath ? `${jsonPath}: ` : ''}${problem}` });
  };

  let root: JsonNode;
  try {
    root = new JsonReader(text).readDocument();
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    report(e.offset, '', `invalid JSON: ${e.message}`);
    return { errors };
  }

  const config: ProjectConfig = { rules: {}, ignore: [], options: {} };
  if (root.kind !== 'object') {
    report(root.offset, '(top level)', `expected an object, got ${describe(root)}`);
    return { errors };
  }
  for (const { key, keyOffset, value } of root.entries) {
    switch (key) {
      case '$schema':
        if (value.kind !== 'string') report(value.offset, key, `expected a string, got ${describe(value)}`);
        break;
      case 'rules':
        readRules(value, ruleIds, config.rules, report);
        break;
      case 'ignore':
        readIgnore(value, config.ignore, report);
        break;
      case 'options':
        readOptions(value, config.options, report);
        break;
      case 'failOn':
        if (isOneOf(value, severities)) config.failOn = value.value;
        else report(value.offset, key, `expected ${oneOf(severities)}, got ${describe(value)}`);
        break;
      default:
        report(keyOffset, key, `unknown key${didYouMean(key, topLevelKeys)}; expected ${oneOf(topLevelKeys)}`);
    }
  }
  return errors.length ? { errors } : { config };
}

type Report = (offset: number, jsonPath: string, problem: string) => void;

function readRules(node: JsonNode, ruleIds: readonly string[], out: RuleLevels, report: Report): void {
  if (node.kind !== 'object') return report(node.offset, 'rules', `expected an object mapping rule ids to levels, got ${describe(node)}`);
  for (const { key, keyOffset, value } of node.entries) {
    const path = `rules.${key}`;
    if (!ruleIds.includes(key)) report(keyOffset, path, `unknown rule id${didYouMean(key, ruleIds)}; expected an AuthLint rule id (docs/rules/)`);
    else if (isOneOf(value, levels)) out[key] = value.value;
    else report(value.offset, path, `expected ${oneOf(levels)}, got ${describe(value)}`);
  }
}

function readIgnore(node: JsonNode, out: string[], report: Report): void {
  if (node.kind !== 'array') return report(node.offset, 'ignore', `expected an array of glob strings, got ${describe(node)}`);
  node.items.forEach((item, i) => {
    const path = `ignore[${i}]`;
    if (item.kind !== 'string' || item.value.trim() === '') report(item.offset, path, `expected a non-empty glob string, got ${describe(item)}`);
    // A leading `!` would make picomatch match everything else, ignoring the whole project: refuse it.
    else if (item.value.startsWith('!')) report(item.offset, path, `negated patterns are not supported; list only what to ignore`);
    else out.push(item.value);
  });
}

function readOptions(node: JsonNode, out: Partial<EngineOptions>, report: Report): void {
  if (node.kind !== 'object') return report(node.offset, 'options', `expected an object, got ${describe(node)}`);
  for (const { key, keyOffset, value } of node.entries) {
    const path = `options.${key}`;
    if (key === 'googleKeyPolicy') {
      if (isOneOf(value, googleKeyPolicies)) out.googleKeyPolicy = value.value;
      else report(value.offset, path, `expected ${oneOf(googleKeyPolicies)}, got ${describe(value)}`);
    } else if (key === 'maxTokenLifetimeSeconds' || key === 'maxFileSize') {
      if (value.kind === 'number' && Number.isSafeInteger(value.value) && value.value > 0) out[key] = value.value;
      else report(value.offset, path, `expected a positive integer, got ${describe(value)}`);
    } else {
      report(keyOffset, path, `unknown option${didYouMean(key, optionKeys)}; expected ${oneOf(optionKeys)}`);
    }
  }
}

/** Later layers win; a rule missing from every layer keeps its default level. */
export function mergeLevels(...layers: (RuleLevels | undefined)[]): RuleLevels {
  return Object.assign({}, ...layers.filter(Boolean));
}

/** Built-in defaults < project config < overrides (editor settings or CLI flags). */
export function resolveSettings(config: ProjectConfig | undefined, overrides: SettingsOverrides = {}): AnalyzeSettings {
  return {
    levels: mergeLevels(config?.rules, overrides.levels),
    options: { ...defaultOptions, ...definedOnly(config?.options), ...definedOnly(overrides.options) },
  };
}

function definedOnly<T extends object>(o: Partial<T> | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isOneOf<T extends string>(node: JsonNode, allowed: readonly T[]): node is StringNode & { value: T } {
  return node.kind === 'string' && (allowed as readonly string[]).includes(node.value);
}

function oneOf(values: readonly string[]): string {
  const quoted = values.map(v => JSON.stringify(v));
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function describe(node: JsonNode): string {
  switch (node.kind) {
    case 'object': return 'an object';
    case 'array': return 'an array';
    case 'null': return 'null';
    case 'string': return JSON.stringify(node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value);
    default: return String(node.value);
  }
}

function didYouMean(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best ? ` "${word}" (did you mean "${best}"?)` : ` "${word}"`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

// --- A small strict JSON reader that keeps offsets. JSON.parse reports no line/column in Node 20 and forgets
// where each value stood, which the messages above need. Duplicate keys are errors (JSON.parse keeps the last).

type StringNode = { kind: 'string'; value: string; offset: number };
type JsonNode =
  | { kind: 'object'; entries: { key: string; keyOffset: number; value: JsonNode }[]; offset: number }
  | { kind: 'array'; items: JsonNode[]; offset: number }
  | StringNode
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'boolean'; value: boolean; offset: number }
  | { kind: 'null'; value: null; offset: number };

class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) { super(message); }
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonReader {
  private pos = 0;
  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1; // editors on Windows may save a BOM
  }

  readDocument(): JsonNode {
    const value = this.readValue();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.found()} after the end of the document`);
    return value;
  }

  private readValue(): JsonNode {
    this.skipSpace();
    const offset = this.pos;
    const c = this.text[this.pos];
    if (c === '{') return this.readObject();
    if (c === '[') return this.readArray();
    if (c === '"') return { kind: 'string', value: this.readString(), offset };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value === null ? { kind: 'null', value, offset } : { kind: 'boolean', value, offset };
      }
    }
    numberPattern.lastIndex = this.pos;
    const m = numberPattern.exec(this.text);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'number', value: Number(m[0]), offset };
    }
    return this.fail(`expected a value, found ${this.found()}`);
  }

  private readObject(): JsonNode {
    const offset = this.pos++;
    const entries: { key: string; keyOffset: number; value: JsonNode }[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') { this.pos++; return { kind: 'object', entries, offset }; }
    for (;;) {
      this.skipSpace();
      const keyOffset = this.pos;
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes, found ${this.found()}`);
      const key = this.readString();
      if (entries.some(e => e.key === key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyOffset);
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after a property name, found ${this.found()}`);
      this.pos++;
      entries.push({ key, keyOffset, value: this.readValue() });
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === '}') return { kind: 'object', entries, offset };
      if (c !== ',') this.fail(`expected ',' or '}' after a property value, found ${this.found(-1)}`, this.pos - 1);
      this.skipSpace();
      if (this.text[this.pos] === '}') this.fail('trailing comma before \'}\'');
    }
  }

  private readArray(): JsonNode {
    const offset = this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') { this.pos++; return { kind: 'array', items, offset }; }
    for (;;) {
      items.push(this.readValue());
      this.skipSpace();
      const c = this.text[this.pos++];
      if (c === ']') return { kind: 'array', items, offset };
      if (c !== ',') this.fail(`expected ',' or ']' after an array element, found ${this.found(-1)}`, this.pos - 1);
      this.skipSpace();
      if (this.text[this.pos] === ']') this.fail('trailing comma before \']\'');
    }
  }

  private readString(): string {
    const start = this.pos++;
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c) || c === 0x0a) this.fail('unterminated string', start);
      if (c < 0x20) this.fail('control character in string');
      this.pos += c === 0x5c /* \ */ ? 2 : 1;
      if (c === 0x22 /* " */) break;
    }
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      return this.fail('invalid escape sequence in string', start);
    }
  }

  private skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private found(delta = 0): string {
    const c = this.text[this.pos + delta];
    return c === undefined ? 'the end of the file' : JSON.stringify(c);
  }

  private fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(message, offset);
  }
}
