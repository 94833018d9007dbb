// Values that stand in for a secret rather than being one. Two questions, two functions:
// - isPlaceholder: is this whole value a stand-in (generic rule: a value bound to a secret-like name)?
// - isFakeFormatValue: does a match of a provider format carry a marker that it is not real (documentation
//   examples, masks)? Deliberately narrower: a test key such as `sk_test_FAKE…` is still reported (the rule
//   layer decides what "obviously fake in a test source" means), but `AKIAIOSFODNN7EXAMPLE` is not.

/**
 * Substrings that mark documentation or redacted values wherever they appear. Case-sensitive spellings on purpose:
 * a long random base64 body (a PEM key, a JWT) must not trip over `xXxX` or `yOuR` by chance.
 */
const FAKE_MARKERS =
  /[Ee]xample|EXAMPLE|xxxx|XXXX|\*{3}|•|…|\.{3}|<[^<>]{0,40}>|\$\{|\{\{|YOUR|[Yy]our[_-]|[Pp]laceholder|PLACEHOLDER|[Cc]hange_?[Mm]e|CHANGE_?ME|[Rr]eplace[_-]?(?:[Mm]e|[Ww]ith|[Tt]his)|REPLACE|[Ii]nsert.{0,30}[Hh]ere|INSERT|[Rr]edacted|REDACTED/;

/** Whole words that make a value a stand-in when they are among its words. */
const PLACEHOLDER_WORDS = new Set([
  'todo', 'fixme', 'tbd', 'example', 'examples', 'dummy', 'sample', 'test', 'testing', 'fake', 'mock', 'demo',
  'placeholder', 'changeme', 'redacted', 'secret', 'password', 'passwd', 'pass', 'pwd', 'token', 'apikey',
  'key', 'value', 'none', 'null', 'nil', 'undefined', 'empty', 'default', 'string', 'xxx', 'abc', 'foo', 'bar',
  'baz', 'qux', 'here', 'yours', 'your', 'enter', 'insert', 'replace', 'required', 'optional',
]);

/** True when a provider-format match is evidently not a live credential (see the file comment). */
export function isFakeFormatValue(value: string): boolean {
  if (FAKE_MARKERS.test(value)) return true;
  return longestRun(value) >= 8 && longestRun(value) >= 0.4 * value.length;
}

/** True when the value is a stand-in for a secret: empty, a template or SQL parameter, a mask, a demo word… */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (FAKE_MARKERS.test(v)) return true;
  // Template and format syntax: ${x}, {{x}}, #{x}, {0}, %s, %1$s, $(x), $VAR.
  if (/\$\{|\{\{|#\{|\{\d+\}|%(?:\d+\$)?[sdif]|\$\(|^\$[A-Za-z_]\w*$/.test(v)) return true;
  // SQL / template parameters: @password, :password, ?, $1.
  if (/^(?:[@:][A-Za-z_]\w*|\?+|\$\d+)$/.test(v)) return true;
  if (/^<.*>$|^\[.*\]$|^\(.*\)$/.test(v)) return true;
  // Masks and blanks: ****, ••••, ----, ____, ....
  if (/^[*•·#_.\-=~xX?]+$/.test(v)) return true;
  if (isRepeatedOrSequential(v)) return true;
  // Words split at separators only (not at letter/digit boundaries, which would find `key` inside `aB3/key9x`),
  // with leading/trailing digits dropped: `password123`, `test_1`, `YOUR_KEY`. A stand-in is made of such words
  // (at most one other word: `my_test_key`); a real password may contain one (`hunter2Secure!Pass99`).
  const words = v.toLowerCase().split(/[^a-z0-9]+/).map(part => part.replace(/^\d+|\d+$/g, '')).filter(Boolean);
  const stand = words.filter(w => PLACEHOLDER_WORDS.has(w)).length;
  return stand > 0 && words.length - stand <= Math.max(0, Math.floor((words.length - 1) / 2));
}

/** Longest run of one repeated character. */
function longestRun(s: string): number {
  let best = 0, run = 0;
  for (let i = 0; i < s.length; i++) {
    run = i > 0 && s.charCodeAt(i) === s.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/**
 * One character repeated (`aaaaaaaa`), a short unit repeated (`abcabcabc`), or at most two ascending/descending
 * runs (`123456789`, `abcdef123456`, `qwerty` is left to the entropy check).
 */
function isRepeatedOrSequential(v: string): boolean {
  const s = v.toLowerCase();
  for (let unit = 1; unit <= 4 && unit * 2 <= s.length; unit++) {
    if (s.slice(0, unit).repeat(Math.ceil(s.length / unit)).slice(0, s.length) === s) return true;
  }
  if (s.length < 4 || !/^[a-z0-9]+$/.test(s)) return false;
  let runs = 1, dir = 0;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    const step = d === 1 || (s[i - 1] === '9' && s[i] === '0') ? 1 : d === -1 ? -1 : 0;
    if (step !== 0 && (dir === 0 || step === dir)) {
      dir = step;
      continue;
    }
    runs++;
    dir = 0;
    if (runs > 2) return false;
  }
  return true;
}
