// Cheap questions for the rules, so that a 5,000-line file is not re-scanned per rule on every keystroke:
// per-model facts, remembered in a WeakMap keyed by the FileModel object (built fresh per analysis, so an answer
// never outlives the text it was computed from), and fast tests of callee names and identifiers.
import type { CallSite, FileModel, Reference, ScalarLiteral } from '../model/model';

/** `compute(model)` once per model object. */
export function perModel<T>(compute: (model: FileModel) => T): (model: FileModel) => T {
  const cache = new WeakMap<FileModel, T>();
  return model => {
    if (cache.has(model)) return cache.get(model) as T;
    const value = compute(model);
    cache.set(model, value);
    return value;
  };
}

/** `re.test(model.text)`, once per model. `re` must not be global or sticky. */
export function textTest(re: RegExp): (model: FileModel) => boolean {
  return perModel(model => re.test(model.text));
}

/**
 * `re.test(name)` as a function, for a test run on every call or reference of a file. A list of plain words
 * (`/^(setItem|set|cookie)$/`) is answered by comparing the name with the words of its length, which is much
 * cheaper than the regex; anything else runs the regex. (Not remembered per name: the model's strings are new on
 * every keystroke, and hashing them for a Map lookup costs more than the regex.) `re` must not be global or sticky.
 */
export function nameTest(re: RegExp): (name: string) => boolean {
  const words = re.flags === '' ? /^\^\(([A-Za-z0-9_]+(?:\|[A-Za-z0-9_]+)*)\)\$$/.exec(re.source)?.[1].split('|') : undefined;
  if (!words) return name => re.test(name);
  const byLength: (string[] | undefined)[] = [];
  for (const w of words) (byLength[w.length] ??= []).push(w);
  return name => {
    const same = byLength[name.length];
    if (same === undefined) return false;
    for (let i = 0; i < same.length; i++) if (name === same[i]) return true;
    return false;
  };
}

/**
 * A lookup of a few words (callee names, header callees) that compares the asked word with the entries of its
 * length: cheaper than a Map or Set for the model's strings, which would have to be hashed first.
 */
export function wordLookup<T>(entries: Iterable<readonly [string, T]>): (word: string) => T | undefined {
  const byLength: ([string, T][] | undefined)[] = [];
  for (const [w, v] of entries) (byLength[w.length] ??= []).push([w, v]);
  return word => {
    const same = byLength[word.length];
    if (same === undefined) return undefined;
    for (let i = 0; i < same.length; i++) if (same[i][0] === word) return same[i][1];
    return undefined;
  };
}

function isOneOf(s: string, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (s === words[i]) return true;
  return false;
}

/** The calls to any of `callees`, in document order. */
export function callsNamed(model: FileModel, ...callees: string[]): CallSite[] {
  return model.calls.filter(c => isOneOf(c.callee, callees));
}

/** The references to any of `names`, in document order. */
export function refsNamed(model: FileModel, ...names: string[]): Reference[] {
  return model.references.filter(r => isOneOf(r.name, names));
}

/** The scalars written as any of `texts` (`true`, `null`, `0`), in document order. */
export function scalarsOf(model: FileModel, ...texts: string[]): ScalarLiteral[] {
  return model.scalars.filter(s => isOneOf(s.text, texts));
}

/** The model's calls whose callee passes `test`, in document order; once per model. */
export function callsWhere(test: (callee: string) => boolean): (model: FileModel) => CallSite[] {
  return perModel(model => model.calls.filter(c => test(c.callee)));
}

/** The calls whose callee passes `test`, in document order; not remembered. */
export function callsMatching(model: FileModel, test: (callee: string) => boolean): CallSite[] {
  return model.calls.filter(c => test(c.callee));
}
