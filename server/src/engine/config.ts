// The project configuration file `.authlint.json`, shared by the CLI and the language server. Pure: text in,
// config or errors out. The file is JSON (no comments, no trailing commas: VS Code edits it as JSON, and other
// tools may read it with a JSON parser), validated against server/schema/authlint.schema.json — the schema VS Code
// also uses for completion and squiggles — so the editor and `authlint scan` accept exactly the same files.
// Validation is strict (unknown keys and rule ids are errors) because a typo that is silently ignored leaves a rule
// at a level the team did not choose. Errors name the file, the position, the JSON path and what was expected, so
// CI logs are enough to fix them.
//
// jsonc-parser gives the syntax tree with offsets (through jsonTree.ts, which refuses nesting deep enough to
// overflow its recursion); the validator is ajv's standalone code for the schema, compiled by scripts/build.mjs (no
// schema compilation or `new Function` at run time, and no ajv in the bundles). Messages echo what the file holds
// only quoted and escaped (a key may hold terminal escapes or a forged CI log command), cut short, and masked
// when it looks like a secret (someone pastes a key into the wrong field); at most MAX_REPORTED problems are
// listed, since a generated file can hold thousands.
import { getNodeValue, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import schema from '../../schema/authlint.schema.json';
import validateConfig from './configValidator';
import type { AnalyzeSettings } from './api';
import { offsetToPosition } from './positions';
import { closest } from './suggest';
import { defaultOptions, type EngineOptions, type RuleLevels, type Severity } from './types';
import { parseJsonTree } from './jsonTree';
import { sniffEncoding } from './encoding';
import { maskSecret } from './secrets/mask';
import { isPlausibleSecretValue } from './secrets/plausible';
import { findFormats } from './secrets/find';
import { quote } from './quote';

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

/** Problems listed per file; the rest are counted in one more line (`… and 19980 more problems`). */
export const MAX_REPORTED = 20;

/**
 * `text` is the file decoded as UTF-8, or its bytes: then an encoding other than UTF-8 (a UTF-16 file saved by a
 * Windows editor, invalid UTF-8) is reported as such instead of as the syntax errors its decoding would produce.
 */
export function parseConfig(input: string | Uint8Array, fileLabel: string): { config: ProjectConfig } | { errors: ConfigError[] } {
  const decoded: { text: string; problem?: string } = typeof input === 'string' ? { text: input } : decodeConfig(input);
  const text = decoded.text;
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
  if (decoded.problem !== undefined) {
    report({ offset: 0, length: 0 }, '', decoded.problem);
    return { errors };
  }

  // Editors on Windows may save a byte-order mark: a space in its place keeps every offset.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const parsed = parseJsonTree(source, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (parsed.tooDeep) {
    report({ offset: parsed.tooDeep.offset, length: 1 }, '', `nested deeper than ${parsed.tooDeep.limit} levels`);
    return { errors };
  }
  const { root, errors: syntaxErrors } = parsed;
  if (!root || syntaxErrors.length) {
    // The first syntax error is the one to fix; the parser's recovery makes the later ones guesses.
    const e = syntaxErrors[0] ?? { error: ParseErrorCode.ValueExpected, offset: 0, length: 0 };
    report(e, '', `invalid JSON: ${syntaxProblem(source, e, root)}`);
    return { errors };
  }
  // RFC 8259 leaves duplicate keys to the parser, and parsers keep one or the other: refuse the ambiguity.
  const duplicate = firstDuplicateKey(root);
  if (duplicate) {
    report(duplicate, '', `invalid JSON: duplicate key ${shown(String(duplicate.value))}`);
    return { errors };
  }

  const value: unknown = getNodeValue(root);
  if (!validateConfig(value)) {
    // Located cheaply for every error (one index of the tree, one lookup per segment); put in words — the
    // expensive part, with its "did you mean" — only for those listed.
    const index = new TreeIndex();
    const located = new Map<string, Located>();
    for (const e of validateConfig.errors ?? []) {
      const l = locate(root, index, e);
      if (l && !located.has(l.key)) located.set(l.key, l); // one problem per key or value: the first the schema finds
    }
    const sorted = [...located.values()].sort((a, b) => a.node.offset - b.node.offset);
    for (const l of sorted.slice(0, MAX_REPORTED)) report(l.node, l.jsonPath(), l.problem(source));
    if (sorted.length > MAX_REPORTED) {
      const rest = sorted.length - MAX_REPORTED;
      report(sorted[MAX_REPORTED].node, '', `… and ${rest} more problem${rest === 1 ? '' : 's'}`);
    }
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

/** The file's bytes as text, or why they are not UTF-8 (the same detection as the scanner's, cli/read.ts). */
function decodeConfig(bytes: Uint8Array): { text: string; problem?: string } {
  const encoding = sniffEncoding(bytes);
  const save = 'save it as UTF-8';
  switch (encoding) {
    case 'utf-16le': case 'utf-16be':
      return { text: '', problem: `not UTF-8: the file is ${encoding === 'utf-16le' ? 'UTF-16 little-endian' : 'UTF-16 big-endian'} (it starts with a byte-order mark); ${save}` };
    case 'binary':
      return { text: '', problem: `not UTF-8: the file holds NUL bytes (UTF-16 without a byte-order mark, or not text); ${save}` };
    default:
      try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
      } catch {
        return { text: '', problem: `not valid UTF-8; ${save}` };
      }
  }
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
  jsonPath(): string;
  problem(source: string): string;
}

/** The properties of each object node by key, built when a lookup first needs them (duplicate keys are refused before). */
class TreeIndex {
  private readonly objects = new Map<Node, Map<string, Node>>();

  property(object: Node, key: string): Node | undefined {
    let byKey = this.objects.get(object);
    if (!byKey) {
      byKey = new Map();
      for (const p of object.children ?? []) {
        const k = p.children?.[0]?.value;
        if (typeof k === 'string' && !byKey.has(k)) byKey.set(k, p);
      }
      this.objects.set(object, byKey);
    }
    return byKey.get(key);
  }
}

function locate(tree: Node, index: TreeIndex, e: ErrorObject): Located | undefined {
  const segments = e.instancePath.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const node = walk(tree, index, segments);
  if (!node) return undefined;
  const parentPath = (display = true) => pathOf(tree, index, segments, display);
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: unknown }).additionalProperty);
    const property = node.type === 'object' ? index.property(node, key) : undefined;
    return {
      key: `${e.instancePath}/${key}`, node: property?.children?.[0] ?? node,
      jsonPath: () => pathOf(tree, index, [...segments, key]),
      problem: () => {
        const at = parentPath(false);
        const { noun, expected } = keyNouns[at] ?? { noun: 'key' };
        const candidates = Object.keys(schemaAt(segments)?.properties ?? {});
        return `unknown ${noun}${didYouMean(key, candidates)}; expected ${expected ?? oneOf(candidates)}`;
      },
    };
  }
  return {
    key: e.instancePath, node,
    jsonPath: () => parentPath() || '(top level)',
    problem: source => {
      const general = parentPath(false).replace(/\[\d+\]/g, '[]');
      // A leading `!` would make the glob match everything else, ignoring the whole project: say why it is refused.
      return general === 'ignore[]' && node.type === 'string' && String(node.value).startsWith('!')
        ? 'negated patterns are not supported; list only what to ignore'
        : `expected ${expectations[general] ?? expectationOf(schemaAt(segments))}, got ${describe(node, source)}`;
    },
  };
}

/** The node at a JSON pointer's segments: one indexed lookup per segment. */
function walk(tree: Node, index: TreeIndex, segments: string[]): Node | undefined {
  let node: Node | undefined = tree;
  for (const segment of segments) {
    if (node.type === 'object') node = index.property(node, segment)?.children?.[1];
    else if (node.type === 'array') node = node.children?.[Number(segment)];
    else return undefined;
    if (!node) return undefined;
  }
  return node;
}

/**
 * The path as messages write it: `rules.hardcoded-secret`, `ignore[2]`. For display, a key that is not a plain
 * name is quoted (`rules["a.b"]`, escapes visible) or masked when it looks like a secret.
 */
function pathOf(tree: Node, index: TreeIndex, segments: string[], display = true): string {
  let node: Node | undefined = tree;
  let out = '';
  for (const segment of segments) {
    if (node?.type === 'array') {
      out += `[${segment}]`;
      node = node.children?.[Number(segment)];
    } else {
      const plain = !display || (plainKey.test(segment) && !looksSecret(segment));
      out += plain ? (out ? `.${segment}` : segment) : `[${shown(segment)}]`;
      node = node?.type === 'object' ? index.property(node, segment)?.children?.[1] : undefined;
    }
  }
  return out;
}

const plainKey = /^[A-Za-z_$][\w$-]{0,63}$/;

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
    case 'string': return shown(String(node.value));
    case 'number': return source.slice(node.offset, node.offset + node.length); // as written: 1.50, 1e400
    default: return String(node.value);
  }
}

/** Longest run of a value or key a message shows; longer ones are cut. */
const SHOWN_CHARACTERS = 32;

/**
 * A string from the file as a message may show it: masked when it looks like a key or token (maskSecret: a prefix
 * and the length), else quoted with every control, bidi and line-separator character escaped and cut short.
 */
export function shown(value: string): string {
  if (looksSecret(value)) return maskSecret(value);
  const chars = Array.from(value);
  return quote(chars.length > SHOWN_CHARACTERS ? `${chars.slice(0, SHOWN_CHARACTERS).join('')}…` : value);
}

function looksSecret(value: string): boolean {
  return value.length >= 8 && value.length <= 4096 && (isPlausibleSecretValue(value) || findFormats(value).length > 0);
}

// ---- Syntax errors in words ----

function syntaxProblem(source: string, e: ParseError, tree: Node | undefined): string {
  const found = e.offset < source.length ? quote(source[e.offset]) : 'the end of the file';
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
    case ParseErrorCode.UnexpectedEndOfNumber: return `invalid number ${shown(source.slice(e.offset, e.offset + e.length))}`;
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
  const quoted = values.map(v => quote(v));
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function didYouMean(word: string, candidates: readonly string[]): string {
  // A key as long as a paragraph is no typo of a rule id (and the edit distance would cost its length squared).
  const best = word.length <= 64 ? closest(word, candidates) : undefined;
  return best ? ` ${shown(word)} (did you mean ${quote(best)}?)` : ` ${shown(word)}`;
}
