// The one way AuthLint turns JSON text into a syntax tree (`.authlint.json`, google-services.json): jsonc-parser's
// parseTree behind a nesting guard. parseTree (and getNodeValue, and any recursive walk of its tree) recurses once
// per level, so a file of a few thousand `[` overflows the stack with a RangeError — not a parse error, and not
// something a caller can tell from a bug. The guard measures the nesting in one pass first and refuses text nested
// deeper than the limit, saying where: no configuration nests anywhere near it.
import { parseTree, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';

/** Deeper nesting than this is no configuration file (google-services.json nests 6 levels, .authlint.json 3). */
export const MAX_JSON_DEPTH = 256;

export type JsonTree =
  | { root: Node | undefined; errors: ParseError[]; tooDeep?: undefined }
  /** `offset`: the `[` or `{` that opens level `limit + 1`. */
  | { tooDeep: { offset: number; limit: number }; root?: undefined; errors?: undefined };

export function parseJsonTree(text: string, options: ParseOptions, limit = MAX_JSON_DEPTH): JsonTree {
  const offset = tooDeepAt(text, limit);
  if (offset !== undefined) return { tooDeep: { offset, limit } };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, options);
  return { root, errors };
}

/** The offset of the first `[` or `{` that opens a level deeper than `limit`, outside strings and comments. */
export function tooDeepAt(text: string, limit: number): number | undefined {
  let found: number | undefined;
  scanNesting(text, (depth, at) => {
    if (depth > limit) { found = at; return true; }
    return false;
  });
  return found;
}

/** The deepest nesting of `[` and `{` outside strings and comments (one pass). */
export function nestingDepth(text: string): number {
  let max = 0;
  scanNesting(text, depth => { if (depth > max) max = depth; return false; });
  return max;
}

/**
 * Calls `opened` with the depth and offset of every `[` and `{` outside strings and comments, until it returns
 * true. A string ends at its closing quote or at a line break, as jsonc-parser's scanner ends it.
 */
function scanNesting(text: string, opened: (depth: number, at: number) => boolean): void {
  let depth = 0;
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
      if (opened(++depth, i)) return;
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
    }
  }
}
