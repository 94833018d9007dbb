// The extension's own snippets (snippets/<lang>.json, VS Code snippet format), read at run time for
// `authlint.insertSnippet` and the code actions' `authlint.insertSnippetAt`. Pure helpers: no `vscode` import.

export interface SnippetEntry {
  name: string;
  prefix: string;
  description: string;
  /** The snippet text (the body's lines joined with \n), in VS Code snippet syntax. */
  body: string;
}

/** VS Code snippet files are JSON with comments and trailing commas: drop both outside strings, then JSON.parse. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else {
      out += ch;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/** The snippets of one file, in file order; entries without a body are left out. */
export function parseSnippets(text: string): SnippetEntry[] {
  const json = parseJsonc(text.replace(/^\uFEFF/, ''));
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('a snippets file must hold a JSON object');
  const out: SnippetEntry[] = [];
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const v = value as { prefix?: unknown; body?: unknown; description?: unknown } | null;
    if (!v || typeof v !== 'object') continue;
    const body = Array.isArray(v.body) ? v.body.map(String).join('\n') : typeof v.body === 'string' ? v.body : undefined;
    if (body === undefined) continue;
    const prefix = Array.isArray(v.prefix) ? v.prefix.map(String).join(', ') : typeof v.prefix === 'string' ? v.prefix : '';
    const description = Array.isArray(v.description) ? v.description.map(String).join('\n') : typeof v.description === 'string' ? v.description : '';
    out.push({ name, prefix, description, body });
  }
  return out;
}

/** Prefixes every non-empty line but the first with `indent` (the first goes where the cursor is). */
export function indentBody(body: string, indent: string): string {
  if (!indent) return body;
  return body.split('\n').map((l, i) => (i === 0 || !l ? l : indent + l)).join('\n');
}
