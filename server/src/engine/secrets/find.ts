// Finds provider-format credentials in a text: one keyword pass (Aho–Corasick) picks the formats worth running,
// then each picked pattern runs once over the text. Matches failing their validator (checksum, decoded JSON) or
// carrying a documentation/mask marker are dropped, as are overlaps (the longer match wins).
import { FORMATS, type SecretFormat } from './formats';
import { KeywordMatcher } from './prefilter';
import { isFakeFormatValue } from './placeholder';

export interface FormatMatch {
  format: SecretFormat;
  /** Offsets of the secret itself in the text (UTF-16, half-open). */
  start: number;
  end: number;
  value: string;
}

interface Compiled {
  format: SecretFormat;
  /** The table's pattern with the `d` flag (group offsets) and its own lastIndex. */
  regex: RegExp;
}

interface Index {
  matcher: KeywordMatcher;
  /** For each keyword of the matcher, the formats that list it. */
  byKeyword: Compiled[][];
}

let index: Index | undefined;

function buildIndex(formats: readonly SecretFormat[]): Index {
  const keywords: string[] = [];
  const byKeyword: Compiled[][] = [];
  const slot = new Map<string, number>();
  for (const format of formats) {
    const flags = new Set(format.pattern.flags + 'gd');
    const compiled = { format, regex: new RegExp(format.pattern.source, [...flags].join('')) };
    for (const kw of format.keywords) {
      let i = slot.get(kw);
      if (i === undefined) {
        slot.set(kw, (i = keywords.length));
        keywords.push(kw);
        byKeyword.push([]);
      }
      byKeyword[i].push(compiled);
    }
  }
  return { matcher: new KeywordMatcher(keywords), byKeyword };
}

/** The formats' keywords, in the order `findFormats` expects their hit bits. */
export function formatKeywords(): readonly string[] {
  index ??= buildIndex(FORMATS);
  return index.matcher.keywords;
}

/**
 * Every provider-format secret in `text`, in text order. `hits` (one byte per formatKeywords() entry) lets a
 * caller that already scanned the text for these keywords skip the second pass.
 */
export function findFormats(text: string, hits?: Uint8Array): FormatMatch[] {
  index ??= buildIndex(FORMATS);
  hits ??= index.matcher.scanBits(text);
  const toRun = new Set<Compiled>();
  for (let i = 0; i < hits.length; i++) if (hits[i]) for (const c of index.byKeyword[i]) toRun.add(c);
  // Keep table order so that, between equal spans, the earlier (more specific) format wins.
  const ordered = [...toRun].sort((a, b) => FORMATS.indexOf(a.format) - FORMATS.indexOf(b.format));

  const found: FormatMatch[] = [];
  for (const { format, regex } of ordered) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0].length === 0) regex.lastIndex++; // cannot happen with the table's patterns; never loop forever
      const g = format.group ?? 0;
      const value = m[g];
      const span = m.indices?.[g];
      if (value === undefined || span === undefined || value.length === 0) continue;
      if (format.validate && !format.validate(value, m[0])) continue;
      if (isFakeFormatValue(value)) continue;
      found.push({ format, start: span[0], end: span[1], value });
    }
  }
  return dropOverlaps(found);
}

/** Keeps, among overlapping matches, the longest (ties: the earlier table entry). One sweep in start order. */
function dropOverlaps(matches: FormatMatch[]): FormatMatch[] {
  const order = (m: FormatMatch) => FORMATS.indexOf(m.format);
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end || order(a) - order(b));
  const kept: FormatMatch[] = [];
  for (const m of sorted) {
    const last = kept[kept.length - 1];
    if (!last || m.start >= last.end) kept.push(m);
    else if (m.end - m.start > last.end - last.start) kept[kept.length - 1] = m;
  }
  return kept;
}
