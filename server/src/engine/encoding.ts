// What encoding a file's bytes are in, as far as AuthLint tells them apart: a byte-order mark decides (UTF-8,
// UTF-16 either way round), otherwise NUL bytes near the start mean binary (or UTF-16 without a mark, which is full
// of them), otherwise UTF-8. Shared by the scanner's reader (cli/read.ts) and `.authlint.json` (config.ts).

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'binary';

/** How many leading bytes are searched for a NUL. */
export const BINARY_PROBE_BYTES = 8192;

export function sniffEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return 'binary';
  return 'utf-8';
}
