// The secret's value as written in the source, and how to write it into local.properties or .env. The engine's
// findings never carry the value (only a masked form), so the fix reads it from the literal's text.

/**
 * The value of a plain string literal (quotes included in `raw`), or undefined when the fix must not move it:
 * interpolation, several lines, an escape it does not know.
 */
export function literalValue(raw: string): string | undefined {
  let quote: string;
  if (raw.startsWith('"""') && raw.endsWith('"""') && raw.length >= 6) quote = '"""';
  else if (/^(["'`])/.test(raw) && raw.length >= 2 && raw.endsWith(raw[0])) quote = raw[0];
  else return undefined;
  const body = raw.slice(quote.length, raw.length - quote.length);
  if (/[\r\n]/.test(body)) return undefined;
  if (quote === '`' && body.includes('${')) return undefined;
  if (quote === '"""') return /\$[{A-Za-z_]/.test(body) ? undefined : body; // Kotlin raw string: no escapes
  if (quote === '"' && /(^|[^\\])\$[{A-Za-z_]/.test(body)) return undefined; // Kotlin template (harmless in Java/TS: rare in keys)
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') { out += c; continue; }
    const n = body[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', '\\': '\\', '"': '"', "'": "'", '`': '`', $: '$', '/': '/' };
    if (n in simple) { out += simple[n]; continue; }
    if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) { out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16)); i += 4; continue; }
    return undefined;
  }
  return /[\r\n]/.test(out) ? undefined : out;
}

/** A value as java.util.Properties.load reads it back (ISO-8859-1 stream: anything else as \uXXXX). */
export function propertiesValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const code = value.charCodeAt(i);
    if (c === '\\') out += '\\\\';
    else if (i === 0 && (c === ' ' || c === '\t' || c === '\f')) out += `\\${c === '\t' ? 't' : c === '\f' ? 'f' : ' '}`;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/**
 * A value as dotenv reads it back: bare when it is plain, else quoted with a quote it does not contain; undefined
 * when it holds all three quote kinds (it cannot be written exactly).
 */
export function dotenvValue(value: string): string | undefined {
  if (/^[A-Za-z0-9_.\-/+=:@,~%^]*$/.test(value)) return value;
  for (const q of ["'", '"', '`']) if (!value.includes(q)) return `${q}${value}${q}`;
  return undefined;
}

/** The line that defines `name` in a properties or .env text, if any. */
export function definitionLine(text: string, name: string, dotenv: boolean): string | undefined {
  const pattern = dotenv
    ? new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=.*$`, 'm')
    : new RegExp(`^[ \\t]*${name}(?:[ \\t]*[=:]|[ \\t]+).*$`, 'm');
  return pattern.exec(text)?.[0].replace(/\r$/, '');
}
