// Decides, before any parsing, whether a file can hold a finding: one keyword pass (Aho–Corasick) over the text,
// the provider formats (themselves keyword-gated), URLs with credentials, and quoted values that look like
// secrets. Most files have none and are never parsed. A large file with a few candidates is parsed only in
// windows around them.
import type { Span } from './types';
import { findFormats, formatKeywords, type FormatMatch } from './secrets/find';
import { KeywordMatcher, type KeywordMemory } from './secrets/prefilter';
import { isPlausibleSecretValue } from './secrets/plausible';
import { rules } from './rules/index';

/** Files above this size are parsed in windows around candidates rather than whole. */
export const WINDOWED_ABOVE = 256 * 1024;
const WINDOW_RADIUS = 1500;
const MAX_WINDOWS = 400;
/** File-level suppressions stand at the top: a file with one in its first this-many characters gets a head window. */
export const HEAD_WINDOW = 4096;

const ruleKeywords = [...new Set(rules.flatMap(r => [...r.keywords, ...(r.allOf ?? []).flat()]))];
const keywordIndex = new Map(ruleKeywords.map((k, i) => [k, i]));
/** Per rule: any-of keyword indices, and groups of which each needs one hit. */
const triggers = rules.map(r => ({
  any: r.keywords.map(k => keywordIndex.get(k)!),
  all: (r.allOf ?? []).map(group => group.map(k => keywordIndex.get(k)!)),
}));

interface Hits {
  /** Any-of keywords present. */
  any: Set<number>;
  /** Conjunctions satisfied: the anchor group's keywords, and the other groups' words. */
  pairs: { anchors: number[]; near: string[] }[];
}

/**
 * Which rules the file can concern: each rule's any-of words, or all of its groups. In a large file a conjunction
 * places windows only where an anchor (a logger, a random source, a storage API) has a word of the other groups
 * close by: `token` and `key` alone are everywhere, and so is `console.` in a bundle.
 */
function triggered(bits: Uint8Array, ambient: boolean): Hits {
  const hits: Hits = { any: new Set(), pairs: [] };
  for (const t of triggers) {
    for (const i of t.any) if (bits[i]) hits.any.add(i);
    // Conjunctions belong to rules about code (Rule.allOf): a declaration file holds none.
    if (!ambient && t.all.length && t.all.every(group => group.some(i => bits[i]))) {
      hits.pairs.push({ anchors: t.all[0].filter(i => bits[i]), near: t.all.slice(1).flat().map(i => ruleKeywords[i]) });
    }
  }
  return hits;
}
/** How close (characters) the words of a conjunction must stand to place a window in a large file. */
const PAIR_DISTANCE = 300;
const nameKeywords = ['key', 'token', 'secret', 'password', 'passwd', 'pwd', 'auth', 'credential', 'bearer', 'pass'];
// One pass finds the rules' keywords, the secret-name words and the provider formats' keywords together.
const formatWords = formatKeywords();
const matcher = new KeywordMatcher([...ruleKeywords, ...nameKeywords, ...formatWords]);
const ruleKeywordCount = ruleKeywords.length;
const nameEnd = ruleKeywordCount + nameKeywords.length;

// A secret-like name, then on the same line within 100 characters a quoted run without spaces (`API_KEY = "…"`,
// `apiKey: '…'`, `"password" to "…"`). A Kotlin raw string or Java text block may open on the name's line and hold
// the value on the next. The value may hold escapes (`\"`, `\\`, `\$`): an escaped quote does not end it.
// The rest of the name, the stretch up to the quote and the value are each matched once, greedily, and never given
// back (`(?=(…))\n`: what a lookahead captured is not backtracked into, so the backreference makes the group atomic).
// Giving back cannot make a match: the name's characters are also the stretch's, the stretch stops only at a quote
// or a line break, and a shorter value is followed by more value, not by a quote or a space. Backtracking into them
// made one line of `keykeykey… = "\x\x…\` cost 41 splits of the name times 512 lengths of the value, at each of its
// keywords: 2.5 s on a 1.9 MB file, on every keystroke; now 60 ms.
const namedQuoted = /(?:key|token|secret|passw|pwd|auth|credential|bearer|private)(?=(\w{0,40}))\1["'`]?(?=([^\n"'`]{0,100}))\2(?:"""[ \t]{0,20}\r?\n[ \t]{0,100}|["'`])(?=((?:[^"'`\s\\]|\\[^\s]){8,512}))\3(?=["'`\s])/gi;
/** The value's group in a namedQuoted match. */
const VALUE = 3;
// `scheme://user:pass@` or a key/token query parameter with a value.
const urlCredential = /:\/\/[^\s/"'`@:]{1,256}:[^\s/"'`@]{1,256}@|[?&](?:key|api_key|apikey|api-key|access_token|token|client_secret|sig|signature|auth|password|secret)=[^&#\s"'`$<{%]/gi;

export interface Gate {
  tree: boolean;
  /** Set when only parts of a large file need parsing. */
  windows?: Span[];
}

/**
 * A TypeScript declaration file (`.d.ts`, `.d.mts`, `.d.cts`): types and ambient declarations only, no statement
 * runs — no call, no logger, no storage, no random source — so the rules about code have nothing to find there.
 * Its literals (a `declare const` value, a string literal type) and comments are still candidates.
 */
export function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/i.test(path);
}

/**
 * Scans once and returns the gate plus the format matches (computed only when a format keyword occurs). An open
 * document passes its `memory`: scanned again one keystroke later, its unchanged parts keep their keyword bits.
 * `ambient`: the text is a declaration file's (isDeclarationFile).
 */
export function gate(text: string, force: boolean, memory?: KeywordMemory, ambient = false): { gate: Gate; formats: FormatMatch[] } {
  const bits = memory ? matcher.scanBitsReusing(text, memory) : matcher.scanBits(text);
  const formatBits = bits.subarray(nameEnd);
  const formats = formatBits.some(b => b !== 0) ? findFormats(text, formatBits) : [];
  return { gate: force ? { tree: true } : decide(text, bits, () => formats, ambient), formats };
}

function decide(text: string, bits: Uint8Array, formats: () => FormatMatch[], ambient: boolean): Gate {
  const hits = triggered(bits, ambient);
  const ruleHit = hits.any.size > 0 || hits.pairs.length > 0;
  let nameHit = false;
  for (let i = ruleKeywordCount; i < nameEnd; i++) if (bits[i]) nameHit = true;
  const large = text.length > WINDOWED_ABOVE;
  if (!large) {
    if (ruleHit || formats().length) return { tree: true };
    urlCredential.lastIndex = 0;
    if (urlCredential.test(text)) return { tree: true };
    return { tree: nameHit && hasPlausibleQuoted(text) };
  }
  const offsets: number[] = formats().map(f => f.start);
  if (ruleHit) {
    const lower = lowerSameOffsets(text);
    const occurrences = (kw: string, each: (at: number) => void) => {
      for (let at = lower.indexOf(kw), n = 0; at >= 0 && n < MAX_WINDOWS; at = lower.indexOf(kw, at + kw.length), n++) each(at);
    };
    for (const i of hits.any) occurrences(ruleKeywords[i], at => offsets.push(at));
    for (const pair of hits.pairs) {
      for (const i of pair.anchors) {
        occurrences(ruleKeywords[i], at => {
          const around = lower.slice(Math.max(0, at - PAIR_DISTANCE), at + PAIR_DISTANCE);
          if (pair.near.some(w => around.includes(w))) offsets.push(at);
        });
      }
    }
  }
  urlCredential.lastIndex = 0;
  for (let m = urlCredential.exec(text); m && offsets.length < 4 * MAX_WINDOWS; m = urlCredential.exec(text)) offsets.push(m.index);
  if (nameHit) {
    namedQuoted.lastIndex = 0;
    for (let m = namedQuoted.exec(text); m && offsets.length < 4 * MAX_WINDOWS; m = namedQuoted.exec(text)) if (isPlausibleSecretValue(unescaped(m[VALUE]))) offsets.push(m.index);
  }
  if (!offsets.length) return { tree: false };
  return { tree: true, windows: windowsAround(text, offsets, headWindow(text)) };
}

/**
 * `text` lower-cased with every character at its offset: the offsets found in it are the text's. `toLowerCase` is
 * that unless the text holds a character whose lower case is longer (U+0130 'İ' → 'i' + U+0307); the keywords are
 * ASCII, so lower-casing A–Z alone finds the same occurrences.
 */
function lowerSameOffsets(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]+/g, s => s.toLowerCase());
}

/**
 * The top of the file, up to HEAD_WINDOW characters and ending at a line break, when it holds a suppression
 * comment: a file-level `authlint-disable` there must be in the model even when no candidate is near the top.
 */
function headWindow(text: string): Span | undefined {
  const at = text.slice(0, HEAD_WINDOW).indexOf('authlint-disable');
  if (at < 0) return undefined;
  const lineEnd = text.lastIndexOf('\n', HEAD_WINDOW);
  if (lineEnd > at) return { start: 0, end: lineEnd };
  // The comment's line runs past the head: to its end, within reason.
  const nl = text.indexOf('\n', at);
  return { start: 0, end: Math.min(nl < 0 ? text.length : nl, at + HEAD_WINDOW) };
}

/** A quoted value's escapes taken as the character they escape: near enough to the decoded value for the gate. */
function unescaped(raw: string): string {
  return raw.includes('\\') ? raw.replace(/\\(.)/g, '$1') : raw;
}

function hasPlausibleQuoted(text: string): boolean {
  namedQuoted.lastIndex = 0;
  for (let m = namedQuoted.exec(text); m; m = namedQuoted.exec(text)) if (isPlausibleSecretValue(unescaped(m[VALUE]))) return true;
  return false;
}

function windowsAround(text: string, offsets: number[], head?: Span): Span[] | undefined {
  offsets.sort((a, b) => a - b);
  const out: Span[] = head ? [{ ...head }] : [];
  for (const at of offsets) {
    let start = Math.max(0, at - WINDOW_RADIUS);
    let end = Math.min(text.length, at + WINDOW_RADIUS);
    const nl = text.lastIndexOf('\n', start);
    start = nl < 0 || start - nl > WINDOW_RADIUS ? start : nl + 1;
    const nr = text.indexOf('\n', end);
    end = nr < 0 || nr - end > WINDOW_RADIUS ? end : nr;
    const last = out[out.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  const covered = out.reduce((n, w) => n + w.end - w.start, 0);
  // Many windows: parsing the whole file is cheaper than parsing its pieces.
  return out.length > MAX_WINDOWS || covered > text.length / 2 ? undefined : out;
}
