import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskSecret } from '../../server/src/engine/secrets/mask';

test('long values show the first 4 characters and the length', () => {
  const v = 'sk-p' + 'a'.repeat(160);
  assert.equal(maskSecret(v), 'sk-p…(164 chars)');
  assert.equal(maskSecret('abcdefghijkl'), 'abcd…(12 chars)');
});

test('values shorter than 12 characters show no character', () => {
  assert.equal(maskSecret('hunter22'), '•••(8 chars)');
  assert.equal(maskSecret('abcdefghijk'), '•••(11 chars)');
  assert.equal(maskSecret(''), '•••(0 chars)');
});

test('counts code points, never splits a surrogate pair', () => {
  assert.equal(maskSecret('😀😀😀😀😀😀😀😀😀😀😀😀'), '😀😀😀😀…(12 chars)');
});

test('never contains more than 4 characters of the secret', () => {
  for (const n of [1, 5, 11, 12, 13, 40, 200]) {
    const v = 'Q'.repeat(n);
    assert.ok((maskSecret(v).match(/Q/g)?.length ?? 0) <= 4);
  }
});
