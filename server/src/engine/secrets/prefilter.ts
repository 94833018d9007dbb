// A hand-written Aho–Corasick keyword matcher: one pass over the text tells which keywords occur, so the secret
// finder only runs the regexes whose keywords are present (the gitleaks design). Works on UTF-16 char codes;
// ASCII letters are folded to lower case, everything else is compared as is. The automaton is compiled to a dense
// DFA over the alphabet of the keywords' characters; every other character sends it back to the root.

export class KeywordMatcher {
  readonly keywords: readonly string[];
  /** Symbol of each ASCII code (0 = not in any keyword); case folded. */
  private readonly asciiSym = new Uint16Array(128);
  /** Symbols of non-ASCII keyword characters (rare). */
  private readonly wideSym = new Map<number, number>();
  private readonly width: number;
  /** delta[state * width + symbol] = next state. */
  private readonly delta: Int32Array;
  /** Keyword indices recognised on entering each state (own and via suffix links); undefined = none. */
  private readonly outputs: (number[] | undefined)[];

  constructor(keywords: readonly string[]) {
    this.keywords = [...keywords];
    let nextSym = 1;
    const symOf = (c: number): number => {
      if (c >= 65 && c <= 90) c += 32;
      if (c < 128) return this.asciiSym[c] || (this.asciiSym[c] = nextSym++);
      let s = this.wideSym.get(c);
      if (s === undefined) this.wideSym.set(c, (s = nextSym++));
      return s;
    };
    // Trie (sparse while building).
    const goto: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    this.keywords.forEach((kw, k) => {
      if (kw.length === 0) throw new Error('KeywordMatcher: empty keyword');
      let s = 0;
      for (let i = 0; i < kw.length; i++) {
        const sym = symOf(kw.charCodeAt(i));
        let t = goto[s].get(sym);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          own.push([]);
          goto[s].set(sym, t);
        }
        s = t;
      }
      own[s].push(k);
    });
    // Upper-case ASCII letters share their lower-case symbol.
    for (let c = 65; c <= 90; c++) this.asciiSym[c] = this.asciiSym[c + 32];

    const width = (this.width = nextSym);
    const n = goto.length;
    const delta = (this.delta = new Int32Array(n * width));
    const fail = new Int32Array(n);
    this.outputs = new Array(n);
    // Breadth-first: a state's failure target is always shallower, so its row and outputs are final already.
    const queue: number[] = [];
    for (const [sym, t] of goto[0]) {
      delta[sym] = t;
      queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      const out = [...own[s], ...(this.outputs[fail[s]] ?? [])];
      this.outputs[s] = out.length ? out : undefined;
      const row = s * width, failRow = fail[s] * width;
      for (let sym = 1; sym < width; sym++) {
        const t = goto[s].get(sym);
        if (t === undefined) delta[row + sym] = delta[failRow + sym];
        else {
          fail[t] = delta[failRow + sym];
          delta[row + sym] = t;
          queue.push(t);
        }
      }
    }
  }

  /** found[i] === 1 when keywords[i] occurs in text (case-insensitive for ASCII). */
  scanBits(text: string): Uint8Array {
    const found = new Uint8Array(this.keywords.length);
    let remaining = this.keywords.length;
    if (remaining === 0) return found;
    const { asciiSym, wideSym, delta, outputs, width } = this;
    const hasWide = wideSym.size > 0;
    let s = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      const c = text.charCodeAt(i);
      const sym = c < 128 ? asciiSym[c] : hasWide ? wideSym.get(c) ?? 0 : 0;
      if (sym === 0) {
        s = 0;
        continue;
      }
      s = delta[s * width + sym];
      const out = outputs[s];
      if (out !== undefined) {
        for (let j = 0; j < out.length; j++) {
          if (found[out[j]] === 0) {
            found[out[j]] = 1;
            remaining--;
          }
        }
        if (remaining === 0) break; // everything found: nothing left to learn
      }
    }
    return found;
  }

  /** The keywords (as given) that occur in text. */
  scan(text: string): Set<string> {
    const bits = this.scanBits(text);
    const out = new Set<string>();
    for (let i = 0; i < bits.length; i++) if (bits[i]) out.add(this.keywords[i]);
    return out;
  }
}
