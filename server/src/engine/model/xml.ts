// Android XML files (AndroidManifest.xml, res/values*/*.xml, res/xml/*.xml) as a model: every attribute value and
// every string resource's text is a literal bound to its name (a `<meta-data>` value to the meta-data's
// android:name, a `<string>`'s text to its name attribute, any other value to its attribute's name), comments are
// kept for suppressions, and the element structure goes to `model.xml` for the rules that judge configuration
// (cleartext permissions, trust anchors).
//
// Parsed with saxes in strict mode. Its error handler only counts: saxes carries on after a well-formedness error,
// so a half-typed file still yields every element and attribute before the error (and whatever saxes recovers
// after it). saxes reports positions, not spans; the spans are recovered from the text around each event:
// - an attribute event fires just after the closing quote, and a value cannot hold its own quote character, so
//   the opening quote is the last one of that kind before it;
// - a tag-start event fires just after the name and the character that ends it: `<name` is the last one before;
// - a close-tag event fires after its `>`, the `</` is the last one before it; a comment event fires on its
//   closing `--`, and a comment cannot hold `--`, so its `<!--` is the last one before.
// Every recovered span is checked against the text; an attribute whose span does not check out (an unquoted value
// saxes complained about) is left out. Three gaps in saxes's recovery are closed here: a bare `&` would make it read
// the rest of the file as one entity name (see maskBareAmpersands); a file ending inside an opening tag (its `>`
// not typed yet) would lose that tag's attributes; and an opening tag left without its `>` before the next tag
// (`<meta-data a="b"` then `<meta-data …/>`) would take the next tag's attributes as its own (see the error handler).
// A string resource whose text is one CDATA section has the section's inside as its span.
import { SaxesParser, type SaxesTag } from 'saxes';
import type { Comment, FileModel, StringLiteral, XmlAttribute, XmlElement } from './model';
import type { Span } from '../types';
import { ParseTimeout, parseBudget } from '../parse/parsers';

export const androidNamespace = 'http://schemas.android.com/apk/res/android';

/** Text is fed to saxes in pieces this large, so that the time budget is checked while it reads. */
const CHUNK = 64 * 1024;

interface Open {
  index: number;
  /** Its place in the stack of open elements: closing it is one comparison, not a search of the stack. */
  depth: number;
  /** Namespace prefixes in force in this element. */
  ns: Map<string, string>;
  /** Parser errors seen when it opened: a string resource with an error inside has no trustworthy text. */
  errorsAtOpen: number;
  /** Where its content starts (just after the opening tag). */
  contentStart: number;
  /** An `authlint-disable-next-line` comment right above it (see directiveAbove); it covers the tag's lines. */
  directive?: Comment;
}

const emptyCtx = () => ({ keyPath: [] as string[], wrappers: [] as string[], concatenated: false });

export function extractXmlModel(path: string, text: string): FileModel {
  const elements: XmlElement[] = [];
  const literals: StringLiteral[] = [];
  const comments: Comment[] = [];
  const stack: Open[] = [];
  const byTag = new Map<SaxesTag, Open>();
  let errors = 0;
  let tagStart = -1;
  let lastComment: Comment | undefined;
  let raw: { name: string; value: string; valueSpan: Span }[] = [];

  const parser = new SaxesParser({ position: true });
  const at = () => parser.position;
  /** The tag being read: its name, once saxes has read it, until its `>`. */
  let pending: string | undefined;
  parser.on('error', () => {
    errors++;
    // A `<` inside an opening tag: the tag was left unfinished (`<meta-data a="b"` without its `/>`) and a new
    // one starts. saxes reads on as if the new tag's attributes were the old one's; they are given to the new
    // element instead, so the half-typed tag does not take over the next element's name and key.
    const lt = at() - 1;
    if (pending === undefined || text.charCodeAt(lt) !== 0x3c || lt <= tagStart) return;
    // Only where an attribute could start: after the name or a complete attribute, white space between (a `<`
    // inside a quoted value is an error too, and no new tag).
    const last = raw[raw.length - 1];
    const since = last ? last.valueSpan.end + 1 : tagStart + 1 + pending.length;
    if (since > lt || !/^\s*$/.test(text.slice(since, lt))) return;
    nameAt.lastIndex = lt + 1;
    const name = nameAt.exec(text)?.[0];
    if (!name) return;
    const unfinished = open(pending, undefined);
    unfinished.span.end = lt;
    tagStart = lt;
    raw = [];
    pending = name;
  });

  /** An opening tag read to its end (or to the end of the file, while it is being typed). */
  const open = (name: string, tag: SaxesTag | undefined): XmlElement => {
    pending = undefined;
    const parent = stack[stack.length - 1];
    // Most elements declare no namespace: they share their parent's map.
    let ns = parent?.ns ?? new Map<string, string>();
    for (const a of raw) {
      if (!a.name.startsWith('xmlns:')) continue;
      if (ns === parent?.ns) ns = new Map(ns);
      ns.set(a.name.slice(6), a.value.trim());
    }
    const attributes: XmlAttribute[] = raw.filter(a => a.name !== 'xmlns' && !a.name.startsWith('xmlns:')).map(a => {
      const colon = a.name.indexOf(':');
      const prefix = colon > 0 ? a.name.slice(0, colon) : '';
      const uri = prefix ? ns.get(prefix) : undefined;
      return {
        name: a.name, local: a.name.slice(colon + 1), value: a.value, valueSpan: a.valueSpan,
        android: uri === androidNamespace || (uri === undefined && prefix === 'android'),
      };
    });
    const start = tagStart >= 0 ? tagStart : Math.max(0, at() - 1);
    const element: XmlElement = {
      name, span: { start, end: text.length }, parent: parent?.index, attributes, text: '', hasChildren: false,
    };
    if (parent) elements[parent.index].hasChildren = true;
    const entry: Open = { index: elements.length, depth: stack.length, ns, errorsAtOpen: errors, contentStart: at() };
    elements.push(element);
    for (const a of attributes) literals.push(attributeLiteral(element, a));
    if (!tag) return element;
    stack.push(entry);
    byTag.set(tag, entry);
    if (tag.isSelfClosing) element.span.end = at();
    if (lastComment && directiveAbove(text, lastComment, start)) {
      entry.directive = lastComment;
      lastComment.coversTo = at();
    }
    return element;
  };

  parser.on('opentagstart', tag => {
    tagStart = text.lastIndexOf(`<${tag.name}`, at() - 1);
    raw = [];
    pending = tag.name;
  });
  parser.on('attribute', attr => {
    const close = at() - 1;
    const quote = text[close];
    if (quote !== '"' && quote !== "'") return;
    const start = text.lastIndexOf(quote, close - 1);
    if (start < 0 || start < tagStart) return;
    raw.push({ name: attr.name, value: attr.value, valueSpan: { start: start + 1, end: close } });
  });
  // `pending` differs from the tag's name after an unfinished tag (see the error handler).
  parser.on('opentag', tag => open(pending ?? tag.name, tag));
  parser.on('closetag', tag => {
    const entry = byTag.get(tag);
    if (!entry) return;
    byTag.delete(tag);
    // The stack is only ever cut, so an entry still on it is at the depth where it was pushed.
    if (stack[entry.depth] === entry) stack.length = entry.depth;
    const element = elements[entry.index];
    if (tag.isSelfClosing) return;
    const name = element.name;
    const end = at();
    element.span.end = end;
    if (entry.directive && !element.hasChildren) entry.directive.coversTo = end;
    const closeStart = text.lastIndexOf('</', end - 1);
    // A tag closed by a different closing tag (saxes recovering from a typo) gets no content span.
    const after = text.charCodeAt(closeStart + 2 + name.length);
    if (closeStart < entry.contentStart || !text.startsWith(`</${name}`, closeStart) || !(after === 0x3e || isSpace(after))) return;
    element.contentSpan = { start: entry.contentStart, end: closeStart };
    if (errors === entry.errorsAtOpen) {
      const lit = resourceTextLiteral(text, element);
      if (lit) literals.push(lit);
    }
  });
  const addText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) elements[top.index].text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('comment', () => {
    // Fired on the closing `--`, before its `>`.
    const end = text[at()] === '>' ? at() + 1 : at();
    const start = text.lastIndexOf('<!--', at() - 4);
    if (start < 0) return;
    lastComment = { span: { start, end }, text: text.slice(start, end) };
    comments.push(lastComment);
  });

  const fed = maskBareAmpersands(text);
  errors += fed.count;
  const deadline = performance.now() + parseBudget();
  try {
    for (let i = 0; i < fed.text.length; i += CHUNK) {
      parser.write(fed.text.slice(i, i + CHUNK));
      if (performance.now() > deadline) throw new ParseTimeout(`too slow to parse (over ${parseBudget()} ms)`);
    }
    parser.close();
  } catch (e) {
    if (e instanceof ParseTimeout) throw e;
    errors++; // saxes reports through the handler; anything thrown anyway ends the reading, keeping what was read
  }
  // The file ends inside an opening tag (its `>` not typed yet): its attributes so far still count.
  if (pending !== undefined) open(pending, undefined);

  literals.sort((a, b) => a.span.start - b.span.start);
  return {
    path, language: 'xml', text, literals, scalars: [], references: [], calls: [], constants: [], comments, imports: [],
    conditionals: [], functions: [], bindings: [], elements: [],
    xml: { root: elements[0]?.name, elements },
    syntaxErrors: errors,
  };
}

/** An element name (after a `<`). */
const nameAt = /[A-Za-z_][\w.:-]{0,200}/y;

const reference = /&(?:#[0-9]{1,8}|#x[0-9a-fA-F]{1,8}|[A-Za-z_][\w.-]{0,64});/y;

/**
 * saxes reads an `&` as an entity reference up to the next `;`: one bare `&` (a label being typed, `&amp;` not yet
 * finished) would swallow the rest of the file. Such an `&` reaches saxes as U+FFFD instead — the same length, so
 * every offset still holds — and counts as an error. Comments and CDATA sections, where `&` is plain text, are
 * left alone. One pass: each search starts where the previous one of its kind stopped.
 */
export function maskBareAmpersands(text: string): { text: string; count: number } {
  const parts: string[] = [];
  let from = 0;
  let amp = text.indexOf('&');
  let bang = text.indexOf('<!');
  while (amp >= 0) {
    if (bang >= 0 && bang < amp) {
      const comment = text.startsWith('<!--', bang);
      const cdata = !comment && text.startsWith('<![CDATA[', bang);
      let resume = bang + 2; // `<!DOCTYPE`: only its `<!` is stepped over
      if (comment || cdata) {
        const close = text.indexOf(comment ? '-->' : ']]>', bang + (comment ? 4 : 9));
        resume = close < 0 ? text.length : close + 3;
      }
      bang = text.indexOf('<!', resume);
      if (resume > amp) amp = text.indexOf('&', resume);
      continue;
    }
    reference.lastIndex = amp;
    if (!reference.test(text)) {
      parts.push(text.slice(from, amp), '\uFFFD');
      from = amp + 1;
    }
    amp = text.indexOf('&', amp + 1);
  }
  if (!parts.length) return { text, count: 0 };
  parts.push(text.slice(from));
  return { text: parts.join(''), count: (parts.length - 1) / 2 };
}

/**
 * A comment cannot stand inside a tag, so `<!-- authlint-disable-next-line … -->` on the line just above an element
 * covers every line of its opening tag — and of the whole element when it holds no child element (a `<string>`
 * whose text sits on lines of its own). Whether the comment is such a directive and stands right there.
 */
function directiveAbove(text: string, comment: Comment, tagStart: number): boolean {
  if (!comment.text.includes('authlint-disable-next-line') || tagStart < comment.span.end || tagStart - comment.span.end > 200) return false;
  const between = text.slice(comment.span.end, tagStart);
  return between.trim() === '' && between.split('\n').length === 2;
}

/** An attribute value as a literal: a `<meta-data>` value is bound to the meta-data's android:name. */
function attributeLiteral(element: XmlElement, a: XmlAttribute): StringLiteral {
  let name = a.local;
  if (element.name === 'meta-data' && a.android && (a.local === 'value' || a.local === 'resource')) {
    name = element.attributes.find(x => x.android && x.local === 'name')?.value.trim() || name;
  }
  return {
    span: { start: a.valueSpan.start - 1, end: a.valueSpan.end + 1 },
    contentSpan: a.valueSpan,
    value: a.value,
    // `${MAPS_API_KEY}`: a manifest placeholder Gradle fills in.
    interpolated: a.value.includes('${'),
    ctx: { ...emptyCtx(), name, nameKind: 'property' },
  };
}

/**
 * The text of a string resource (`<string name="…">`, `<item type="string" name="…">`) as a literal bound to its
 * name: the span is the text without surrounding white space; Android's enclosing double quotes are the literal's
 * quotes, and its backslash escapes are decoded. A resource holding markup (`<b>`, `<xliff:g>`) is no key.
 */
function resourceTextLiteral(text: string, element: XmlElement): StringLiteral | undefined {
  const isString = element.name === 'string' || (element.name === 'item' && element.attributes.some(a => a.local === 'type' && a.value === 'string'));
  const name = element.attributes.find(a => a.name === 'name')?.value;
  if (!isString || !name || element.hasChildren || !element.contentSpan) return undefined;
  let { start, end } = element.contentSpan;
  const trim = () => {
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  };
  trim();
  // The text is one CDATA section: the value is what stands inside `<![CDATA[` … `]]>`, and so is its span.
  if (text.startsWith('<![CDATA[', start) && text.indexOf(']]>', start + 9) === end - 3) {
    start += 9;
    end -= 3;
    trim();
  }
  if (end === start) return undefined;
  const quoted = end - start >= 2 && text[start] === '"' && text[end - 1] === '"';
  const value = androidUnescape(element.text.trim(), quoted);
  return {
    span: { start, end },
    contentSpan: quoted ? { start: start + 1, end: end - 1 } : { start, end },
    value,
    interpolated: false,
    ctx: { ...emptyCtx(), name, nameKind: 'property' },
  };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const androidEscapes: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"', '@': '@', '?': '?' };

/** Android resource string escapes (`\'`, `\"`, `\n`, `\uXXXX`, …) and enclosing double quotes. */
export function androidUnescape(value: string, quoted: boolean): string {
  const body = quoted && value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) { out += c; continue; }
    const n = body[++i];
    if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else {
      out += androidEscapes[n] ?? n;
    }
  }
  return out;
}
