// Messages never carry a whole secret (spec, "How findings are placed"): at most the first 4 characters, then the
// length; values shorter than 12 characters show none, since 4 of 8 characters would give half the secret away.

const SHOW_PREFIX_FROM = 12;

/** `sk-p…(164 chars)`, or `•••(8 chars)` below 12 characters. Length and prefix count code points. */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  const n = chars.length;
  if (n < SHOW_PREFIX_FROM) return `•••(${n} chars)`;
  return `${chars.slice(0, 4).join('')}…(${n} chars)`;
}
