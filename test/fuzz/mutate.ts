// Seeded mutations of source files for the engine fuzz test and the on-demand fuzz run: truncations at every
// kind of point, byte flips, stripped quotes, repeated lines, binary noise, a 1 MB line, deep nesting, reversal.

export interface Mutant { kind: string; text: string }

const pointChars = `"'\`({[<=.,;:$\\/\n`;

/** A mutation of `text` that leaves `text.slice(0, keep)` untouched. */
export function mutate(text: string, keep: number, random: () => number): Mutant {
  const int = (n: number) => Math.floor(random() * n);
  const head = text.slice(0, keep);
  const tail = text.slice(keep);
  const kinds = ['truncate-at-point', 'truncate-random', 'flip', 'strip-quotes', 'repeat-line', 'noise', 'long-line', 'nesting', 'reverse', 'unclosed-string'];
  const kind = kinds[int(kinds.length)];
  switch (kind) {
    case 'truncate-at-point': {
      const points = [...tail].map((c, i) => (pointChars.includes(c) ? i : -1)).filter(i => i >= 0);
      const at = points.length ? points[int(points.length)] + int(2) : int(tail.length + 1);
      return { kind, text: head + tail.slice(0, at) };
    }
    case 'truncate-random': return { kind, text: head + tail.slice(0, int(tail.length + 1)) };
    case 'flip': {
      const chars = tail.split('');
      for (let n = 1 + int(20); n > 0 && chars.length; n--) {
        const pick = random();
        chars[int(chars.length)] = pick < 0.1 ? '\0' : pick < 0.2 ? '\ud800' : pick < 0.3 ? '\udfff' : String.fromCharCode(int(0x3000));
      }
      return { kind, text: head + chars.join('') };
    }
    case 'strip-quotes': return { kind, text: head + tail.replace(random() < 0.5 ? /"/g : /['`]/g, '') };
    case 'repeat-line': {
      const lines = tail.split('\n');
      const line = lines[int(lines.length)];
      return { kind, text: head + (line + "\n").repeat(1000 + int(2000)) + tail };
    }
    case 'noise': {
      let s = '';
      for (let n = 2000 + int(20000); n > 0; n--) s += String.fromCharCode(int(0x10000));
      return { kind, text: head + s };
    }
    case 'long-line': return { kind, text: head + 'val x = "' + 'a'.repeat(1_000_000) + (random() < 0.5 ? '"' : '') + '\n' + tail };
    case 'nesting': {
      const open = '([{'[int(3)];
      return { kind, text: head + 'f' + open.repeat(20_000) + tail };
    }
    case 'reverse': return { kind, text: head + [...tail].reverse().join('') };
    default: return { kind, text: head + tail.replace(/"/, '"\\') };
  }
}
