// A hand-written Aho–Corasick keyword matcher: one pass over the text tells which keywords occur, so the secret
// finder only runs the regexes whose keywords are present (the gitleaks design). Works on UTF-16 char codes;
// ASCII letters are folded to lower case, everything else is compared as is. The automaton is compiled to a dense
// DFA over the alphabet of the keywords' characters; every other character sends it back to the root.

/** About this many characters per piece (scanBitsReusing), cut at the next line break. */
const PIECE = 4096;
/** Texts longer than this are scanned whole and not kept (a large file is analysed in windows anyway). */
const KEPT_UP_TO = 1 << 20;

/** A part of a scanned text (offsets in it) and the keywords found in it alone. */
interface Piece { start: number; end: number; bits: Uint8Array }
interface Scanned { text: string; pieces: Piece[] }

/** What one open document keeps of its last scan by one matcher (its pieces), for the next keystroke's scan. */
export interface KeywordMemory {
  last?: Scanned;
}

/** `text` holds `old[start, end)` at `at` (string equality of slices: much faster than startsWith in V8). */
const holds = (text: string, at: number, old: string, start: number, end: number) =>
  at >= 0 && at + end - start <= text.length && text.slice(at, at + end - start) === old.slice(start, end);
const sameStart = (text: string, r: Scanned) => holds(text, 0, r.text, 0, r.pieces[0].end);
const sameEnd = (text: string, r: Scanned) => {
  const start = r.pieces[r.pieces.length - 1].start;
  return holds(text, text.length - (r.text.length - start), r.text, start, r.text.length);
};

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
  /** Some keyword holds a line break (none does): texts cannot be scanned in pieces. */
  private readonly lineBreakInKeyword: boolean;

  constructor(keywords: readonly string[]) {
    this.keywords = [...keywords];
    this.lineBreakInKeyword = this.keywords.some(k => k.includes('\n'));
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

  /**
   * `scanBits(text)` for a text that is mostly one scanned just before (the same document, one keystroke later):
   * the text is cut into pieces that end at a line break, and a piece already scanned (same characters, found at
   * the same distance from the start or from the end of the text) keeps its bits. No keyword holds a line break,
   * and a line break sends the automaton back to the root, so the union of the pieces' bits is exactly the whole
   * text's. `memory` is the document's: it holds the previous text's pieces and receives this one's.
   */
  scanBitsReusing(text: string, memory: KeywordMemory): Uint8Array {
    if (this.lineBreakInKeyword || text.length < 2 * PIECE || text.length > KEPT_UP_TO) {
      memory.last = undefined;
      return this.scanBits(text);
    }
    const prev = memory.last && (sameStart(text, memory.last) || sameEnd(text, memory.last)) ? memory.last : undefined;
    const pieces: Piece[] = [];
    let pos = 0, head = 0;
    const tail: Piece[] = [];
    let end = text.length;
    if (prev) {
      const old = prev.text, last = prev.pieces.length - 1;
      // The same pieces from the start (each ends with a line break, so the next one starts at the root).
      for (; head < last; head++) {
        const p = prev.pieces[head];
        if (!holds(text, pos, old, p.start, p.end)) break;
        pieces.push({ start: pos, end: pos + p.end - p.start, bits: p.bits });
        pos += p.end - p.start;
      }
      // The same pieces from the end: each must start right after a line break of the new text, past the head.
      for (let j = last; j >= head; j--) {
        const p = prev.pieces[j];
        const at = end - (p.end - p.start);
        if (at < pos || at === 0 || text.charCodeAt(at - 1) !== 10 || !holds(text, at, old, p.start, p.end)) break;
        tail.push({ start: at, end, bits: p.bits });
        end = at;
      }
    }
    // What changed is scanned again, in new pieces.
    while (pos < end) {
      const nl = text.indexOf('\n', Math.min(pos + PIECE, end) - 1);
      const stop = nl < 0 || nl >= end ? end : nl + 1;
      pieces.push({ start: pos, end: stop, bits: this.scanBits(text.slice(pos, stop)) });
      pos = stop;
    }
    for (let j = tail.length - 1; j >= 0; j--) pieces.push(tail[j]);
    const found = new Uint8Array(this.keywords.length);
    for (const p of pieces) {
      const bits = p.bits;
      for (let i = 0; i < bits.length; i++) found[i] |= bits[i];
    }
    memory.last = { text, pieces };
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
