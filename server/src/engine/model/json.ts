// google-services.json (the Firebase configuration of an Android app) as a model: every string value is a literal
// bound to its property name, with the property names from the value outward as its key path (array levels left
// out): `client[].api_key[].current_key` → name `current_key`, keyPath ['current_key', 'api_key', 'client'].
// jsonc-parser's parseTree gives exact offsets and recovers from errors, so a half-typed file yields what it holds;
// it parses recursively, so a file nested deeper than any configuration is not handed to it (parseJsonTree; the
// secret formats still run over its text); our own walk uses a stack.
import type { Node } from 'jsonc-parser';
import type { FileModel, StringLiteral } from './model';
import { parseJsonTree } from '../jsonTree';

/** Property names kept per value, innermost first. */
const MAX_KEYS = 8;

export function extractJsonModel(path: string, text: string): FileModel {
  const parsed = parseJsonTree(text, { allowTrailingComma: true, disallowComments: false });
  const root = parsed.root;
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
    conditionals: [], functions: [], bindings: [], elements: [], syntaxErrors: parsed.tooDeep ? 1 : parsed.errors.length,
  };
}

