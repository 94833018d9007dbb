// Reads one source file for analysis without ever throwing: whatever goes wrong becomes a skip reason.
// Order matters: the size is checked before reading (a 2 GB log must not be loaded), the byte-order mark before
// the binary test (UTF-16 text is full of NUL bytes), and minified bundles last (they need the decoded text).
import * as fs from 'node:fs';
import { errorText } from './walker';
import { sniffEncoding } from '../engine/encoding';

export interface ReadOptions {
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
  /** Analyse minified JavaScript too (skipped by default: one huge line, findings nobody can act on). */
  includeMinified: boolean;
}

export type ReadResult =
  | { text: string; /** Decoding remarks worth reporting (invalid UTF-8, …). */ notes: string[] }
  | { skipped: string };

const minifiedAverageLineLength = 1000;
const minifiedLongestLine = 20_000;
const minifiableFile = /\.(?:js|mjs|cjs)$/i;

export function readSourceFile(filePath: string, options: ReadOptions): ReadResult {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO named like a source file must not wait for a writer; fstat then rejects it.
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { skipped: 'not a regular file' };
    if (stat.size > options.maxFileSize) return { skipped: tooLargeReason(stat.size, options.maxFileSize) };
    return decodeSource(fs.readFileSync(fd), filePath, options);
  } catch (e) {
    return { skipped: `cannot read file (${errorText(e)})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A file's content that does not come from the file system (`--staged`: the blob in git's index), under the same
 * checks as a file read from disk; `filePath` is the path it is analysed under.
 */
export function readSourceBytes(bytes: Uint8Array, filePath: string, options: ReadOptions): ReadResult {
  if (bytes.length > options.maxFileSize) return { skipped: tooLargeReason(bytes.length, options.maxFileSize) };
  return decodeSource(bytes, filePath, options);
}

export function tooLargeReason(size: number, maxFileSize: number): string {
  return `larger than the size limit (${size} bytes > ${maxFileSize}; raise it with --max-file-size or options.maxFileSize)`;
}

/** Bytes to text, or why the bytes are not worth analysing. Pure, so it is tested without files. */
export function decodeSource(bytes: Uint8Array, filePath: string, options: ReadOptions): ReadResult {
  const decoded = decode(bytes);
  if ('skipped' in decoded) return decoded;
  if (!options.includeMinified && minifiableFile.test(filePath)) {
    const why = minifiedReason(decoded.text);
    if (why) return { skipped: `minified JavaScript (${why}); scan it with --include-minified` };
  }
  return decoded;
}

function decode(bytes: Uint8Array): ReadResult {
  const notes: string[] = [];
  const encoding = sniffEncoding(bytes);
  if (encoding === 'utf-8-bom') return decodeUtf8(bytes.subarray(3), notes);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const littleEndian = encoding === 'utf-16le';
    notes.push(`UTF-16 ${littleEndian ? 'LE' : 'BE'} text (byte-order mark): decoded as UTF-16`);
    let body = bytes.subarray(2);
    if (body.length % 2) {
      notes.push('UTF-16 text with an odd number of bytes: the last byte was dropped');
      body = body.subarray(0, body.length - 1);
    }
    // Swap big-endian pairs ourselves: the 'utf-16be' decoder needs full ICU, which some Node builds lack.
    const le = littleEndian ? body : swapPairs(body);
    return { text: new TextDecoder('utf-16le').decode(le), notes };
  }
  if (encoding === 'binary') return { skipped: 'binary file (NUL bytes in the first 8 KB)' };
  return decodeUtf8(bytes, notes);
}

function decodeUtf8(bytes: Uint8Array, notes: string[]): ReadResult {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), notes };
  } catch {
    notes.push('not valid UTF-8: undecodable bytes were replaced with U+FFFD');
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), notes };
  }
}

function minifiedReason(text: string): string | undefined {
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    longest = Math.max(longest, end - start);
    start = end + 1;
    lines++;
  }
  longest = Math.max(longest, text.length - start);
  const average = Math.round(text.length / lines);
  if (average > minifiedAverageLineLength) return `average line length ${average} characters`;
  if (longest > minifiedLongestLine) return `a line of ${longest} characters`;
  return undefined;
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) [out[i], out[i + 1]] = [bytes[i + 1], bytes[i]];
  return out;
}
