// CRC32 and base62 helpers for tokens that carry their own checksum. GitHub's classic tokens
// (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/) and npm's tokens (same scheme,
// 2021-09) end in 6 base62 characters holding the CRC32 of the 30-character random part, left-padded with '0'.
// Verifying it lets us report those tokens with near-zero false positives and reject look-alikes.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** IEEE CRC32 (zlib's). A string is taken as UTF-8. */
export function crc32(input: string | Uint8Array): number {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Base62 (0-9A-Za-z) of a non-negative integer, left-padded with '0' to `width`. */
export function base62Encode(n: number, width = 0): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`base62Encode: ${n}`);
  let out = '';
  do {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, '0');
}

/** Inverse of base62Encode; -1 for a character outside the alphabet. */
export function base62Decode(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = BASE62.indexOf(s[i]);
    if (d < 0) return -1;
    n = n * 62 + d;
  }
  return n;
}

const BASE62_BODY = /^[0-9A-Za-z]{36}$/;

/** `<prefix>_` + 30 random base62 + 6-char base62 CRC32 of those 30 characters. */
function validChecksummed(token: string, prefixes: readonly string[]): boolean {
  const us = token.indexOf('_');
  if (us < 0 || !prefixes.includes(token.slice(0, us))) return false;
  const rest = token.slice(us + 1);
  if (!BASE62_BODY.test(rest)) return false;
  return base62Decode(rest.slice(30)) === crc32(rest.slice(0, 30));
}

const GITHUB_PREFIXES = ['ghp', 'gho', 'ghu', 'ghs', 'ghr'] as const;
export type GitHubPrefix = (typeof GITHUB_PREFIXES)[number];

/** A GitHub classic token (ghp_/gho_/ghu_/ghs_/ghr_) whose checksum is right. */
export function validGitHubClassic(token: string): boolean {
  return token.length === 40 && validChecksummed(token, GITHUB_PREFIXES);
}

/** An npm access token (npm_) whose checksum is right. */
export function validNpmToken(token: string): boolean {
  return token.length === 40 && validChecksummed(token, ['npm']);
}

function makeChecksummed(prefix: string, body30: string): string {
  if (!/^[0-9A-Za-z]{30}$/.test(body30)) throw new Error('body must be 30 base62 characters');
  return `${prefix}_${body30}${base62Encode(crc32(body30), 6)}`;
}

/** Test helper: a GitHub classic token with a valid checksum (`prefix` with or without the underscore). */
export function makeGitHubClassic(prefix: GitHubPrefix | `${GitHubPrefix}_`, body30: string): string {
  return makeChecksummed(prefix.replace(/_$/, ''), body30);
}

/** Test helper: an npm token with a valid checksum. */
export function makeNpmToken(body30: string): string {
  return makeChecksummed('npm', body30);
}
