// Decodes the escape sequences of a string literal's content, per language. Interpolations were already replaced
// by the caller; an unknown or broken escape keeps its text, so half-typed code still yields a value.
export type EscapeStyle = 'kotlin' | 'java' | 'js';

const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0', '\\': '\\', "'": "'", '"': '"', '`': '`', $: '$', s: ' ' };

export function decodeEscapes(body: string, style: EscapeStyle): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) { out += ch; continue; }
    const next = body[i + 1];
    if (next === 'u') {
      const braced = style === 'js' && body[i + 2] === '{' ? /^\{([0-9a-fA-F]{1,6})\}/.exec(body.slice(i + 2, i + 11)) : null;
      if (braced) { out += safeCodePoint(parseInt(braced[1], 16)); i += 1 + braced[0].length; continue; }
      let j = i + 2;
      if (style === 'java') while (body[j] === 'u') j++; // Java allows \uuuu0041
      const hex = /^[0-9a-fA-F]{4}/.exec(body.slice(j, j + 4));
      if (hex) { out += String.fromCharCode(parseInt(hex[0], 16)); i = j + 3; continue; }
    } else if (next === 'x' && style === 'js') {
      const hex = /^[0-9a-fA-F]{2}/.exec(body.slice(i + 2, i + 4));
      if (hex) { out += String.fromCharCode(parseInt(hex[0], 16)); i += 3; continue; }
    } else if (style === 'java' && /[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4))![0];
      out += String.fromCharCode(parseInt(oct, 8) & 0xff); i += oct.length; continue;
    } else if (style === 'js' && next === '\n') {
      i += 1; continue; // line continuation
    } else if (next in simple) {
      out += simple[next]; i += 1; continue;
    } else if (style === 'js') {
      out += next; i += 1; continue; // JS drops the backslash of an unknown escape
    }
    out += ch;
  }
  return out;
}

function safeCodePoint(cp: number): string {
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
}
