import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  base62Decode, base62Encode, crc32, makeGitHubClassic, makeNpmToken, validGitHubClassic, validNpmToken,
} from '../../server/src/engine/secrets/checksum';

test('crc32 known vectors', () => {
  assert.equal(crc32('123456789'), 0xcbf43926);
  assert.equal(crc32(''), 0);
  assert.equal(crc32('The quick brown fox jumps over the lazy dog'), 0x414fa339);
  assert.equal(crc32(new Uint8Array([0])), 0xd202ef8d);
  assert.equal(crc32('é'), crc32(new Uint8Array([0xc3, 0xa9]))); // strings are UTF-8
});

test('base62 encodes with 0-9A-Za-z, pads, and round-trips', () => {
  assert.equal(base62Encode(0, 6), '000000');
  assert.equal(base62Encode(61), 'z');
  assert.equal(base62Encode(62), '10');
  assert.equal(base62Encode(10), 'A');
  assert.equal(base62Encode(36), 'a');
  for (const n of [0, 1, 61, 62, 3843, 0xcbf43926, 0xffffffff]) assert.equal(base62Decode(base62Encode(n, 6)), n);
  assert.equal(base62Encode(0xffffffff).length, 6); // a CRC32 always fits in 6 characters
  assert.equal(base62Decode('ab-'), -1);
  assert.throws(() => base62Encode(-1));
});

const BODY = 'FAKE0TEST1ONLY2fake3test4only5';

test('generated GitHub classic tokens validate, for every prefix', () => {
  for (const p of ['ghp', 'gho', 'ghu', 'ghs', 'ghr'] as const) {
    const t = makeGitHubClassic(p, BODY);
    assert.equal(t.length, 40);
    assert.ok(t.startsWith(`${p}_${BODY}`));
    assert.ok(validGitHubClassic(t), t);
    assert.equal(makeGitHubClassic(`${p}_`, BODY), t);
  }
});

test('a GitHub token with one character changed fails', () => {
  const t = makeGitHubClassic('ghp', BODY);
  for (let i = 4; i < t.length; i++) {
    const flipped = t.slice(0, i) + (t[i] === 'Q' ? 'R' : 'Q') + t.slice(i + 1);
    assert.equal(validGitHubClassic(flipped), false, `position ${i}`);
  }
  assert.equal(validGitHubClassic('ghx' + t.slice(3)), false);
  assert.equal(validGitHubClassic('npm' + t.slice(3)), false);
  assert.equal(validGitHubClassic(t + 'a'), false);
  assert.equal(validGitHubClassic(t.slice(0, -1)), false);
  assert.equal(validGitHubClassic('ghp_' + BODY + 'zzzzzz'), false);
});

test('npm tokens: same scheme, own prefix', () => {
  const t = makeNpmToken(BODY);
  assert.ok(t.startsWith('npm_' + BODY));
  assert.ok(validNpmToken(t));
  assert.equal(validNpmToken(t.slice(0, 10) + (t[10] === 'a' ? 'b' : 'a') + t.slice(11)), false);
  assert.equal(validGitHubClassic(t), false);
  assert.equal(validNpmToken(makeGitHubClassic('ghp', BODY)), false);
});

test('generators reject bodies that are not 30 base62 characters', () => {
  assert.throws(() => makeGitHubClassic('ghp', 'short'));
  assert.throws(() => makeNpmToken(BODY.slice(0, 29) + '_'));
});
