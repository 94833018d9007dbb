// The project configuration file `.authlint.json`, shared by the CLI and the language server. Pure: text in,
// config or errors out. The file is JSON (no comments, no trailing commas: VS Code edits it as JSON, and other
// tools may read it with a JSON parser), validated against server/schema/authlint.schema.json — the schema VS Code
// also uses for completion and squiggles — so the editor and `authlint scan` accept exactly the same files.
// Validation is strict (unknown keys and rule ids are errors) because a typo that is silently ignored leaves a rule
// at a level the team did not choose. Errors name the file, the position, the JSON path and what was expected, so
// CI logs are enough to fix them.
//
// jsonc-parser gives the syntax tree with offsets; the validator is ajv's standalone code for the schema, compiled
// by scripts/build.mjs (no schema compilation or `new Function` at run time, and no ajv in the bundles).
import { getNodeValue, parseTree, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import schema from '../../schema/authlint.schema.json';
import validateConfig from './configValidator';
import type { AnalyzeSettings } from './api';
import { offsetToPosition } from './positions';
import { closest } from './suggest';
import { defaultOptions, type EngineOptions, type RuleLevels, type Severity } from './types';

export interface ProjectConfig {
  rules: RuleLevels;
  ignore: string[];
  options: Partial<EngineOptions>;
  failOn?: Severity;
}

export interface ConfigError {
  file: string;
  /** 1-based position of the offending key or value (or of the syntax error). */
  line: number;
  column: number;
  /** 1-based end of the offending key or value (exclusive; equal to the start for a point such as the end of the file). */
  endLine: number;
  endColumn: number;
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

/** The JSON schema of `.authlint.json` (the extension ships it as dist/authlint.schema.json). */
export const configSchema = schema;

/** What `.authlint.json` may hold, as the validator has checked it. */
interface ConfigFile {
  $schema?: string;
  rules?: RuleLevels;
  ignore?: string[];
  options?: Partial<EngineOptions>;
  failOn?: Severity;
}

type Report = (node: { offset: number; length: number }, jsonPath: string, problem: string) => void;

export function parseConfig(text: string, fileLabel: string): { config: ProjectConfig } | { errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const report: Report = ({ offset, length }, jsonPath, problem) => {
    const start = offsetToPosition(text, offset);
    const end = offsetToPosition(text, offset + length);
    const [line, column] = [start.line + 1, start.character + 1];
    errors.push({
      file: fileLabel, line, column, endLine: end.line + 1, endColumn: end.character + 1, jsonPath,
      message: `${fileLabel}:${line}:${column}: ${jsonPath ? `${jsonPath}: ` : ''}${problem}`,
    });
  };

  // Editors on Windows may save a byte-order mark: a space in its place keeps every offset.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(source, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (!root || syntaxErrors.length) {
    // The first syntax error is the one to fix; the parser's recovery makes the later ones guesses.
    const e = syntaxErrors[0] ?? { error: ParseErrorCode.ValueExpected, offset: 0, length: 0 };
    report(e, '', `invalid JSON: ${syntaxProblem(source, e, root)}`);
    return { errors };
  }
  // RFC 8259 leaves duplicate keys to the parser, and parsers keep one or the other: refuse the ambiguity.
  const duplicate = firstDuplicateKey(root);
  if (duplicate) {
    report(duplicate, '', `invalid JSON: duplicate key ${JSON.stringify(duplicate.value)}`);
    return { errors };
  }

  const value: unknown = getNodeValue(root);
  if (!validateConfig(value)) {
    const located = new Map<string, Located>();
    for (const e of validateConfig.errors ?? []) {
      const l = locate(root, source, e);
      if (l && !located.has(l.key)) located.set(l.key, l); // one problem per key or value: the first the schema finds
    }
    for (const l of [...located.values()].sort((a, b) => a.node.offset - b.node.offset)) report(l.node, l.jsonPath, l.problem);
    if (!errors.length) report(root, '(top level)', 'does not match the schema'); // a schema keyword `locate` does not know
    return { errors };
  }
  const file = value as ConfigFile;
  return {
    config: {
      rules: { ...file.rules },
      ignore: [...(file.ignore ?? [])],
      options: { ...file.options },
      ...(file.failOn ? { failOn: file.failOn } : {}),
    },
  };
}

// ---- Schema errors as positions and words ----

interface SchemaNode {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

const schemaRoot = schema as unknown as SchemaNode;

/** What a value must be, where the schema's own words would be vaguer. Paths as in messages, `[]` for any index. */
const expectations: Record<string, string> = {
  rules: 'an object mapping rule ids to levels',
  ignore: 'an array of glob strings',
  'ignore[]': 'a non-empty glob string',
};
/** Unknown keys: what the object's keys are called, and what is expected instead of the list of them. */
const keyNouns: Record<string, { noun: string; expected?: string }> = {
  rules: { noun: 'rule id', expected: 'an AuthLint rule id (docs/rules/)' },
  options: { noun: 'option' },
};

interface Located {
  /** One problem per key: the first the validator reports. */
  key: string;
  node: Node;
  jsonPath: string;
  problem: string;
}

function locate(tree: Node, source: string, e: ErrorObject): Located | undefined {
  const segments = e.instancePath.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const at = walk(tree, segments);
  if (!at) return undefined;
  const schemaNode = schemaAt(segments);
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: unknown }).additionalProperty);
    const property = at.node.children?.find(p => p.children?.[0]?.value === key);
    const jsonPath = at.path ? `${at.path}.${key}` : key;
    const { noun, expected } = keyNouns[at.path] ?? { noun: 'key' };
    const candidates = Object.keys(schemaNode?.properties ?? {});
    return {
      key: `${e.instancePath}/${key}`, node: property?.children?.[0] ?? at.node, jsonPath,
      problem: `unknown ${noun}${didYouMean(key, candidates)}; expected ${expected ?? oneOf(candidates)}`,
    };
  }
  const general = at.path.replace(/\[\d+\]/g, '[]');
  // A leading `!` would make the glob match everything else, ignoring the whole project: say why it is refused.
  const problem = general === 'ignore[]' && at.node.type === 'string' && String(at.node.value).startsWith('!')
    ? 'negated patterns are not supported; list only what to ignore'
    : `expected ${expectations[general] ?? expectationOf(schemaNode)}, got ${describe(at.node, source)}`;
  return { key: e.instancePath, node: at.node, jsonPath: at.path || '(top level)', problem };
}

/** The node at a JSON pointer's segments, and its path as messages write it (`rules.x`, `ignore[2]`). */
function walk(tree: Node, segments: string[]): { node: Node; path: string } | undefined {
  let node: Node | undefined = tree;
  let path = '';
  for (const segment of segments) {
    if (node.type === 'object') {
      node = node.children?.find(p => p.children?.[0]?.value === segment)?.children?.[1];
      path = path ? `${path}.${segment}` : segment;
    } else if (node.type === 'array') {
      node = node.children?.[Number(segment)];
      path = `${path}[${segment}]`;
    } else {
      return undefined;
    }
    if (!node) return undefined;
  }
  return { node, path };
}

/** The schema of the value at those segments (the schema has no $ref: VS Code would ignore what stands beside one). */
function schemaAt(segments: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schemaRoot;
  for (const segment of segments) node = node?.properties?.[segment] ?? node?.items;
  return node;
}

function expectationOf(node: SchemaNode | undefined): string {
  if (node?.enum) return oneOf(node.enum.map(String));
  switch (node?.type) {
    case 'integer': return node.minimum === 1 ? 'a positive integer' : 'an integer';
    case 'number': return 'a number';
    case 'string': return 'a string';
    case 'boolean': return 'true or false';
    case 'array': return 'an array';
    case 'object': return 'an object';
    default: return 'a valid value';
  }
}

function describe(node: Node, source: string): string {
  switch (node.type) {
    case 'object': return 'an object';
    case 'array': return 'an array';
    case 'null': return 'null';
    case 'string': {
      const s = String(node.value);
      return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
    }
    case 'number': return source.slice(node.offset, node.offset + node.length); // as written: 1.50, 1e400
    default: return String(node.value);
  }
}

// ---- Syntax errors in words ----

function syntaxProblem(source: string, e: ParseError, tree: Node | undefined): string {
  const found = e.offset < source.length ? JSON.stringify(source[e.offset]) : 'the end of the file';
  const { container, previous } = contextAt(source, e.offset);
  const afterEnd = tree && e.offset >= tree.offset + tree.length;
  switch (e.error) {
    case ParseErrorCode.UnexpectedEndOfString: return 'unterminated string';
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode: return 'invalid escape sequence in string';
    case ParseErrorCode.InvalidCharacter: return 'control character in string (write it as an escape such as \\t)';
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment: return 'comments are not allowed (the file is JSON)';
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber: return `invalid number ${JSON.stringify(source.slice(e.offset, e.offset + e.length))}`;
    case ParseErrorCode.ColonExpected: return `expected ':' after a property name, found ${found}`;
    case ParseErrorCode.EndOfFileExpected: return `unexpected ${found} after the end of the document`;
    case ParseErrorCode.CommaExpected:
    case ParseErrorCode.CloseBraceExpected:
    case ParseErrorCode.CloseBracketExpected:
      return container === '['
        ? `expected ',' or ']' after an array element, found ${found}`
        : `expected ',' or '}' after a property value, found ${found}`;
    default: // PropertyNameExpected, ValueExpected, InvalidSymbol: what was expected depends on where
      if (afterEnd) return `unexpected ${found} after the end of the document`;
      if (previous === ',' && (source[e.offset] === '}' || source[e.offset] === ']')) return `trailing comma before '${source[e.offset]}'`;
      if (container === '{' && (previous === '{' || previous === ',')) return `expected a property name in double quotes, found ${found}`;
      return `expected a value, found ${found}`;
  }
}

/** The innermost open bracket before `offset` and the last character that is not white space (strings skipped). */
function contextAt(source: string, offset: number): { container?: '{' | '['; previous?: string } {
  const open: ('{' | '[')[] = [];
  let previous: string | undefined;
  for (let i = 0; i < offset && i < source.length; i++) {
    const c = source[i];
    if (c === '"') {
      for (i++; i < offset && source[i] !== '"' && source[i] !== '\n'; i++) if (source[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      open.push(c);
    } else if (c === '}' || c === ']') {
      open.pop();
    }
    if (!/\s/.test(c)) previous = c;
  }
  return { container: open.at(-1), previous };
}

function firstDuplicateKey(node: Node): Node | undefined {
  if (node.type === 'object') {
    const keys = new Set<unknown>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key) continue;
      if (keys.has(key.value)) return key;
      keys.add(key.value);
    }
  }
  for (const child of node.children ?? []) {
    const found = firstDuplicateKey(child);
    if (found) return found;
  }
  return undefined;
}

// ---- Layers ----

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

function oneOf(values: readonly string[]): string {
  const quoted = values.map(v => JSON.stringify(v));
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const best = closest(word, candidates);
  return best ? ` "${word}" (did you mean "${best}"?)` : ` "${word}"`;
}
