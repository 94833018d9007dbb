// A value context with nothing found yet. Every field is there from the start, unset ones undefined: contexts (and
// call sites, extract.ts) then share one shape, which keeps the rules' property reads and the incremental model's
// copies (incremental.ts) on V8's fast paths.
import type { ValueContext } from './model';

export function newContext(): ValueContext {
  return {
    name: undefined, nameKind: undefined, call: undefined, argIndex: undefined, argName: undefined,
    keyPath: [], wrappers: [], concatenated: false, objectSpan: undefined,
  };
}
