// google-services.json (the Firebase configuration of an Android app) as a model: every string value is a literal
// bound to its property name, with the property names from the value outward as its key path (array levels left
// out): `client[].api_key[].current_key` → name `current_key`, keyPath ['current_key', 'api_key', 'client'].
// jsonc-parser's parseTree gives exact offsets and recovers from errors, so a half-typed file yields what it holds;
// jsonc-parser parses recursively, so a file nested deeper than any configuration is not handed to it (the secret
// formats still run over its text); our own walk uses a stack.
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { FileModel, StringLiteral } from './model';

/** Deeper nesting than this is no configuration file (google-services.json nests 6 levels). */
const MAX_DEPTH = 256;
/** Property names kept per value, innermost first. */
const MAX_KEYS = 8;

export function extractJsonModel(path: string, text: string): FileModel {
  const errors: ParseError[] = [];
  const tooDeep = nestingDepth(text) > MAX_DEPTH;
  const root = tooDeep ? undefined : parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const literals: StringLiteral[] = [];
  const pending: { node: Node; keys: string[] }[] = root ? [{ node: root, keys: [] }] : [];
  while (pending.length) {
    const { node, keys } = pending.pop()!;
    if (node.type === 'string' && typeof node.value === 'string' && node.length >= 2) {
      literals.push({
        span: { start: node.offset, end: node.offset + node.length },
        contentSpan: { start: node.offset + 1, end: node.offset + node.length - 1 },
        value: node.value,
        interpolated: false,
        ctx: { name: keys[0], nameKind: keys.length ? 'key' : undefined, keyPath: keys, wrappers: [], concatenated: false },
      });
      continue;
    }
    for (const child of node.children ?? []) {
      if (node.type === 'property') {
        // children: the key, then the value (absent while it is being typed)
        if (child === node.children![1]) pending.push({ node: child, keys: [String(node.children![0].value), ...keys].slice(0, MAX_KEYS) });
      } else {
        pending.push({ node: child, keys });
      }
    }
  }
  literals.sort((a, b) => a.span.start - b.span.start);
  return {
    path, language: 'json', text, literals, scalars: [], references: [], calls: [], constants: [], comments: [], imports: [],
    conditionals: [], functions: [], bindings: [], elements: [], syntaxErrors: tooDeep ? 1 : errors.length,
  };
}

/** The deepest nesting of `[` and `{` outside strings and comments (one pass). */
export function nestingDepth(text: string): number {
  let depth = 0, max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string: to its closing quote, over escapes
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22 && text.charCodeAt(i) !== 0x0a; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
    }
  }
  return max;
}
