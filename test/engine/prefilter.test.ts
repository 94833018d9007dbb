import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeywordMatcher, type KeywordMemory } from '../../server/src/engine/secrets/prefilter';
import { rng } from '../helpers/random';

/** Reference answer: plain indexOf on lower-cased ASCII. */
function naive(keywords: string[], text: string): Set<string> {
  const lower = text.replace(/[A-Z]/g, c => c.toLowerCase());
  return new Set(keywords.filter(k => lower.includes(k)));
}

test('finds overlapping keywords (classic he/she/his/hers)', () => {
  const m = new KeywordMatcher(['he', 'she', 'his', 'hers']);
  assert.deepEqual(m.scan('ushers'), new Set(['he', 'she', 'hers']));
  assert.deepEqual(m.scan('this'), new Set(['his']));
  assert.deepEqual(m.scan('nothing here'), new Set(['he']));
  assert.deepEqual(m.scan('xyz'), new Set());
});

test('is case-insensitive for ASCII and finds keywords at both ends', () => {
  const m = new KeywordMatcher(['akia', 'sk_live_', 'hooks.slack.com']);
  assert.deepEqual(m.scan('AKIA'), new Set(['akia']));
  assert.deepEqual(m.scan('x = "SK_LIVE_abc" // https://HOOKS.Slack.com'), new Set(['sk_live_', 'hooks.slack.com']));
});

test('suffix links: a keyword inside another keyword\'s failed prefix', () => {
  const m = new KeywordMatcher(['abcd', 'bce', 'c']);
  assert.deepEqual(m.scan('abce'), new Set(['bce', 'c']));
  assert.deepEqual(m.scan('aabcabcd'), new Set(['abcd', 'c']));
});

test('non-ASCII text resets the automaton and non-ASCII keywords work', () => {
  const m = new KeywordMatcher(['token', 'пароль']);
  assert.deepEqual(m.scan('tok\u00e9n токен'), new Set());
  assert.deepEqual(m.scan('😀token😀'), new Set(['token']));
  assert.deepEqual(m.scan('мой пароль'), new Set(['пароль']));
  // Only ASCII is case-folded.
  assert.deepEqual(m.scan('ПАРОЛЬ'), new Set());
});

test('scanBits reports by keyword index; duplicates and no keywords are fine', () => {
  const m = new KeywordMatcher(['aws', 'secret', 'aws']);
  assert.deepEqual([...m.scanBits('AWS_SECRET')], [1, 1, 1]);
  assert.deepEqual([...new KeywordMatcher([]).scanBits('anything')], []);
  assert.throws(() => new KeywordMatcher(['']));
});

test('agrees with a naive search on random text', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  const alphabet = 'abcAB_-.é';
  const keywords = ['ab', 'abc', 'bca', 'a_', '_-', 'cab.', 'bb', 'ca', 'é', 'aaab'];
  for (let round = 0; round < 300; round++) {
    let text = '';
    for (let i = 0, n = rnd(40); i < n; i++) text += alphabet[rnd(alphabet.length)];
    assert.deepEqual(new KeywordMatcher(keywords).scan(text), naive(keywords, text), JSON.stringify(text));
  }
});

test('throughput on 20 MB of source text', () => {
  const words = ['const', 'value', 'function', 'return', 'token', 'AKIA', 'private', 'ключ', 'x=1;', '\n'];
  const parts: string[] = [];
  let len = 0, i = 0;
  while (len < 20_000_000) {
    const w = words[(i * 7 + (i >> 3)) % words.length] + ' ';
    parts.push(w);
    len += w.length;
    i++;
  }
  const text = parts.join('');
  const m = new KeywordMatcher(['aiza', 'ghp_', 'sk_live_', 'xoxb-', 'eyj', 'private key', 'postgres', 'zzzz']);
  const t0 = process.hrtime.bigint();
  const found = m.scan(text);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const mbps = text.length / 1e6 / secs;
  assert.deepEqual(found, new Set());
  // The target is 40+ MB/s; the bound is looser so a loaded CI machine does not fail the build.
  assert.ok(mbps > 20, `${mbps.toFixed(0)} MB/s`);
});

test('scanBitsReusing: after any edits a document\'s reused scan equals a whole scan, for two documents edited in turn', () => {
  const keywords = ['token', 'secret', 'client_secret', 'akia', 'oauth', 'redirect_uri', 'пароль', 'x\ny'];
  const plain = new KeywordMatcher(keywords.filter(k => !k.includes('\n')));
  const rand = rng(20261203);
  const line = (i: number) => ['const a = 1;', 'val token = f()', '// redirect_uri', 'x = "AKIA" + y', 'мой пароль', '😀 oauth', 'nothing here'][i % 7];
  const docs = [0, 1].map(d => ({ text: Array.from({ length: 6000 }, (_, i) => line(i * (d + 3))).join('\n'), memory: {} as KeywordMemory }));
  const typed = ['t', 'oken', 'secret', '\n', '\r\n', 'client_', 'AKIA', ' ', '', 'пар', 'оль', '😀'];
  let reused = 0;
  for (let i = 0; i < 400; i++) {
    const doc = docs[i % 2];
    const start = Math.floor(rand() * (doc.text.length + 1));
    const end = Math.min(doc.text.length, start + (rand() < 0.05 ? Math.floor(rand() * 2000) : Math.floor(rand() * 4)));
    doc.text = doc.text.slice(0, start) + typed[Math.floor(rand() * typed.length)] + doc.text.slice(end);
    const before = doc.memory.last?.pieces;
    assert.deepEqual([...plain.scanBitsReusing(doc.text, doc.memory)], [...plain.scanBits(doc.text)], `edit ${i}`);
    if (before && doc.memory.last!.pieces.some(p => before.some(q => q.bits === p.bits))) reused++;
  }
  // Most scans kept pieces of the previous one (a piece's bits are the same array when kept).
  assert.ok(reused > 300, `${reused} of 400 scans reused pieces`);
  // Joining two lines at a piece boundary makes a keyword across it: the piece after the join cannot be kept.
  const joined: KeywordMemory = {};
  const split = `${'a'.repeat(5000)} tok\nen ${'b'.repeat(5000)}`;
  assert.deepEqual([...plain.scanBitsReusing(split, joined)], [...plain.scanBits(split)]);
  assert.equal(joined.last!.pieces[1].start, split.indexOf('en '), 'a piece starts right after the line break');
  const join = split.replace('tok\n', 'tok');
  assert.deepEqual([...plain.scanBitsReusing(join, joined)], [...plain.scanBits(join)]);
  assert.equal(plain.scanBitsReusing(join, joined)[0], 1, 'token found');
  // A text too large to keep is scanned whole and clears the memory; a short one is not kept either.
  const memory: KeywordMemory = {};
  plain.scanBitsReusing(docs[0].text, memory);
  assert.ok(memory.last);
  const huge = 'token '.repeat(200_000);
  assert.deepEqual([...plain.scanBitsReusing(huge, memory)], [...plain.scanBits(huge)]);
  assert.equal(memory.last, undefined);
  assert.deepEqual([...plain.scanBitsReusing('a token', memory)], [...plain.scanBits('a token')]);
  assert.equal(memory.last, undefined);
});
