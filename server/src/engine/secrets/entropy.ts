// Character statistics used to tell random-looking strings from words and identifiers.

/** Shannon entropy in bits per character (over UTF-16 code units; 0 for an empty string). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface CharClasses {
  lower: number;
  upper: number;
  digit: number;
  /** ASCII punctuation and symbols. */
  symbol: number;
  /** Anything outside printable ASCII (letters of other scripts, emoji, control characters). */
  other: number;
  /** How many of lower/upper/digit/symbol occur at least once (0–4). */
  kinds: number;
}

/** Counts of each character class in `s`. */
export function charClasses(s: string): CharClasses {
  let lower = 0, upper = 0, digit = 0, symbol = 0, other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c >= 48 && c <= 57) digit++;
    else if (c > 32 && c < 127) symbol++;
    else other++;
  }
  const kinds = (lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digit > 0 ? 1 : 0) + (symbol > 0 ? 1 : 0);
  return { lower, upper, digit, symbol, other, kinds };
}
