import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeSource, readSourceFile, type ReadOptions } from '../../server/src/cli/read';
import { makeTree } from '../helpers/tree';

const defaults: ReadOptions = { maxFileSize: 2_000_000, includeMinified: false };
const bytes = (...b: number[]) => Uint8Array.from(b);
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => utf16le(s).map((_, i, a) => a[i ^ 1]);

describe('decodeSource: encodings', () => {
  it('plain UTF-8', () => {
    assert.deepEqual(decodeSource(Buffer.from('val k = "é€𝄞"\n'), 'A.kt', defaults), { text: 'val k = "é€𝄞"\n', notes: [] });
  });

  it('strips a UTF-8 byte-order mark', () => {
    assert.deepEqual(decodeSource(Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('const a = 1')]), 'a.ts', defaults),
      { text: 'const a = 1', notes: [] });
  });

  it('decodes UTF-16 LE and BE with a byte-order mark (their NUL bytes are not "binary")', () => {
    const text = 'val key = "sk-é€𝄞"\n';
    assert.deepEqual(decodeSource(Buffer.concat([bytes(0xff, 0xfe), utf16le(text)]), 'A.kt', defaults),
      { text, notes: ['UTF-16 LE text (byte-order mark): decoded as UTF-16'] });
    assert.deepEqual(decodeSource(Buffer.concat([bytes(0xfe, 0xff), utf16be(text)]), 'A.kt', defaults),
      { text, notes: ['UTF-16 BE text (byte-order mark): decoded as UTF-16'] });
  });

  it('drops the odd last byte of UTF-16 and says so', () => {
    assert.deepEqual(decodeSource(Buffer.concat([bytes(0xff, 0xfe), utf16le('ab'), bytes(0x41)]), 'a.js', defaults),
      { text: 'ab', notes: ['UTF-16 LE text (byte-order mark): decoded as UTF-16', 'UTF-16 text with an odd number of bytes: the last byte was dropped'] });
  });

  it('replaces invalid UTF-8 with U+FFFD and notes it', () => {
    assert.deepEqual(decodeSource(Buffer.concat([Buffer.from('a = "'), bytes(0xc3, 0x28, 0xff), Buffer.from('"')]), 'a.js', defaults),
      { text: 'a = "\ufffd(\ufffd"', notes: ['not valid UTF-8: undecodable bytes were replaced with U+FFFD'] });
  });
});

describe('decodeSource: files not worth analysing', () => {
  it('binary: a NUL byte in the first 8 KB', () => {
    assert.deepEqual(decodeSource(bytes(0x50, 0x4b, 0x03, 0x04, 0x00, 0x01), 'lib.js', defaults), { skipped: 'binary file (NUL bytes in the first 8 KB)' });
  });

  it('a NUL byte after the first 8 KB is not enough', () => {
    const data = Buffer.concat([Buffer.from('x'.repeat(8192)), bytes(0)]);
    assert.ok('text' in decodeSource(data, 'A.kt', defaults));
  });

  it('minified JavaScript: long average line', () => {
    const text = `${'var a=1;'.repeat(200)}\n${'var b=2;'.repeat(200)}`;
    assert.deepEqual(decodeSource(Buffer.from(text), 'app.js', defaults),
      { skipped: 'minified JavaScript (average line length 1601 characters); scan it with --include-minified' });
  });

  it('minified JavaScript: one line over 20,000 characters among many short ones', () => {
    const text = `${'// a\n'.repeat(100)}${'x'.repeat(20_001)}\n${'// b\n'.repeat(100)}`;
    assert.deepEqual(decodeSource(Buffer.from(text), 'bundle.mjs', defaults),
      { skipped: 'minified JavaScript (a line of 20001 characters); scan it with --include-minified' });
  });

  it('--include-minified keeps them, and other languages are never judged minified', () => {
    const text = 'x'.repeat(30_000);
    assert.deepEqual(decodeSource(Buffer.from(text), 'app.cjs', { ...defaults, includeMinified: true }), { text, notes: [] });
    assert.deepEqual(decodeSource(Buffer.from(text), 'Gen.kt', defaults), { text, notes: [] });
    assert.deepEqual(decodeSource(Buffer.from(text), 'gen.ts', defaults), { text, notes: [] });
  });

  it('ordinary JavaScript is kept', () => {
    const text = 'const a = 1;\n'.repeat(1000);
    assert.deepEqual(decodeSource(Buffer.from(text), 'a.js', defaults), { text, notes: [] });
  });
});

describe('readSourceFile', () => {
  const root = makeTree({ 'ok.kt': 'val a = 1\n', 'big.ts': 'x'.repeat(101), 'exact.ts': 'x'.repeat(100), folder: {} });

  it('reads a file', () => {
    assert.deepEqual(readSourceFile(path.join(root, 'ok.kt'), defaults), { text: 'val a = 1\n', notes: [] });
  });

  it('skips a file over the size limit without reading it; the limit itself is allowed', () => {
    assert.deepEqual(readSourceFile(path.join(root, 'big.ts'), { ...defaults, maxFileSize: 100 }),
      { skipped: 'larger than the size limit (101 bytes > 100; raise it with --max-file-size or options.maxFileSize)' });
    assert.ok('text' in readSourceFile(path.join(root, 'exact.ts'), { ...defaults, maxFileSize: 100 }));
  });

  it('a missing file is a skip reason, not an exception', () => {
    assert.deepEqual(readSourceFile(path.join(root, 'gone.kt'), defaults), { skipped: 'cannot read file (ENOENT: no such file or directory)' });
  });

  it('a folder or a FIFO is not a regular file (and a FIFO does not block)', () => {
    assert.deepEqual(readSourceFile(path.join(root, 'folder'), defaults), { skipped: 'not a regular file' });
    if (process.platform === 'win32') return;
    const fifo = path.join(root, 'pipe.kt');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(readSourceFile(fifo, defaults), { skipped: 'not a regular file' });
  });

  it('an unreadable file (skipped when running as root, who can read anything)', { skip: process.getuid?.() === 0 || process.platform === 'win32' }, () => {
    const locked = path.join(root, 'locked.kt');
    fs.writeFileSync(locked, 'x');
    fs.chmodSync(locked, 0);
    assert.deepEqual(readSourceFile(locked, defaults), { skipped: 'cannot read file (EACCES: permission denied)' });
  });
});
