// OAuth facts the oauth-* rules and weak-random-oauth-param share: response types, parameters of hand-built
// authorization and token requests, AppAuth builder calls, and what a file shows about PKCE and state. The
// library API names live here as data, so each rule is written once for every language.
import type { CallSite, FileModel, StringLiteral, ValueContext } from './model/model';
import type { Span, TextEdit } from './types';
import { callsWhere, nameTest, perModel, textTest } from './rules/memo';

// ---- response types --------------------------------------------------------------------------------------------

export interface ResponseTypeKind { code: boolean; token: boolean; idToken: boolean }

/** `code`, `token`, `id_token token`, `code+id_token`, `id_token%20token`; undefined for anything else (holes included). */
export function parseResponseType(value: string): ResponseTypeKind | undefined {
  // Rules ask this of every literal: a character no response type or separator holds answers at once.
  if (notInResponseType.test(value)) return undefined;
  const words = value.trim().split(/(?:\s|\+|%20)+/).filter(Boolean);
  if (!words.length || words.some(w => !/^(code|token|id_token|none)$/.test(w))) return undefined;
  return { code: words.includes('code'), token: words.includes('token'), idToken: words.includes('id_token') };
}

const notInResponseType = /[^\s+%20codetkni_]/;

/** The edit that turns the `token` word of a response type into `code` (`token id_token` → `code id_token`). */
export function tokenToCodeEdit(raw: string, rawStart: number): TextEdit | undefined {
  const m = /(^|\s|\+|%20)token(?=$|\s|\+|%20)/.exec(raw);
  if (!m) return undefined;
  const at = rawStart + m.index + m[1].length;
  return { span: { start: at, end: at + 'token'.length }, newText: 'code' };
}

// ---- parameters written inline in a URL, query string or form body ---------------------------------------------

export interface InlineParam {
  name: string;
  /** Raw value as written (holes such as `${state}` or Kotlin `$state` kept). */
  value: string;
  /** File offsets of `name=value` and of the value alone. */
  span: Span;
  valueSpan: Span;
}

const paramPattern = /(^|[?&#\s])([A-Za-z_][A-Za-z0-9_]{0,40})=([^&#\s"'`]{0,2000})/g;

/** The `name=value` parameters written inside a literal, with file offsets (from the literal's raw source text). */
export function inlineParams(model: FileModel, lit: StringLiteral): InlineParam[] {
  const raw = model.text.slice(lit.contentSpan.start, lit.contentSpan.end);
  if (!raw.includes('=')) return [];
  // A URL, query string or form body has no spaces outside its `${…}` holes; prose ("unsupported
  // response_type=token") does.
  if (/\s/.test(raw.replace(/\$\{[^}]*\}/g, ''))) return [];
  const out: InlineParam[] = [];
  paramPattern.lastIndex = 0;
  for (let m = paramPattern.exec(raw); m; m = paramPattern.exec(raw)) {
    const start = lit.contentSpan.start + m.index + m[1].length;
    const valueStart = start + m[2].length + 1;
    out.push({ name: m[2], value: m[3], span: { start, end: valueStart + m[3].length }, valueSpan: { start: valueStart, end: valueStart + m[3].length } });
  }
  return out;
}

/** A parameter value as sent (`%20` and `+` are spaces). */
export function decodeParam(v: string): string {
  try { return decodeURIComponent(v.replace(/\+/g, ' ')); } catch { return v; }
}

/** A written value that is the same on every run: no interpolation hole, not empty. */
export function isConstantValue(v: string): boolean {
  return v.length > 0 && !/\$[{A-Za-z_]|%[sd]|\{\{|^[<{]|^:/.test(v);
}

// ---- calls that build requests ---------------------------------------------------------------------------------

/** `params.append('state', v)`, `uri.appendQueryParameter("state", v)`, `FormBody.Builder().add("grant_type", v)`, … */
const paramSetters = /^(append|set|add|put|appendQueryParameter|addQueryParameter|setQueryParameter|addEncoded|addFormDataPart|param|queryParam|parameter|formParam|field|addParameter|setParameter)$/;

/** The calls to a parameter setter, in document order (once per model). */
export const paramSetterCalls = callsWhere(nameTest(paramSetters));

/** The parameter name a call sets, when `ctx` is the value argument of such a setter (`append('state', ctx)`). */
export function setterParam(ctx: ValueContext): string | undefined {
  const call = ctx.call;
  if (!call || ctx.keyPath.length || ctx.argIndex !== 1 || !paramSetters.test(call.callee)) return undefined;
  return call.args[0]?.stringValue;
}

/** Calls with the parameter name as first argument: `append('response_type', …)`. */
export function isParamSetter(call: CallSite, name: string): boolean {
  return call.args.length >= 2 && call.args[0].stringValue === name && paramSetters.test(call.callee);
}

/** OAuth library calls that build their own requests (PKCE and state included by default). */
export const libraryRequestCalls = /^(AuthorizationRequest|ExpoAuthorizationRequest|AuthRequest|useAuthRequest|useIdTokenAuthRequest|authorize|prefetchConfiguration|loadAsync|startAsync)$/;

/** The callee as written with its qualifier (`AuthorizationRequest.Builder`, `new AuthorizationRequest.Builder`). */
export function qualifiedCallee(model: FileModel, call: CallSite): string {
  return model.text.slice(call.span.start, call.calleeSpan.end).replace(/\s+/g, '');
}

/** AppAuth-Android is used here (imports or package). Once per model: rules ask it per literal. */
export const usesAppAuthAndroid = perModel((model: FileModel): boolean => {
  if (model.language !== 'kotlin' && model.language !== 'java') return false;
  return (model.packageName ?? '').startsWith('net.openid.appauth')
    || model.imports.some(i => i.from.startsWith('net.openid.appauth'))
    || model.text.includes('net.openid.appauth');
});

const otherRequests = /TokenRequest|EndSession|Registration|tokenRequest|endSession|registration/;

/**
 * A setter on an authorization request builder, not on a token, end-session or registration request builder:
 * judged by the chain as written, the statement's line (`EndSessionRequest r = builder.setState(null).build()`)
 * and the declared type of a builder variable (`val b = EndSessionRequest.Builder(c)`).
 */
export function onAuthorizationBuilder(model: FileModel, call: CallSite): boolean {
  if (otherRequests.test(qualifiedCallee(model, call))) return false;
  const text = model.text;
  const lineStart = text.lastIndexOf('\n', call.span.start - 1) + 1;
  const lineEnd = text.indexOf('\n', call.calleeSpan.end);
  if (/\b(EndSessionRequest|TokenRequest|RegistrationRequest)\b/.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd))) return false;
  const head = call.receiver[0] === 'this' ? call.receiver[1] : call.receiver[0];
  if (!head || !/^[A-Za-z_$][\w$]*$/.test(head)) return true;
  const name = head.replace(/\$/g, '\\$');
  const declared = new RegExp(`(EndSession|Token|Registration)Request\\.Builder\\s+${name}\\b|\\b${name}\\s*(:\\s*|=\\s*(new\\s+)?)(EndSession|Token|Registration)Request\\.Builder\\b`);
  return !declared.test(text);
}

/** The call sits inside an `if` whose condition matches `re` (a library honouring its caller's option). */
export function guardedBy(model: FileModel, span: Span, re: RegExp): boolean {
  return (model.conditionals ?? []).some(c => c.span.start <= span.start && span.end <= c.span.end && re.test(c.condition));
}

/** Source text of the object (or Kotlin/Java map call) holding a keyed value, to read sibling keys. */
export function holderText(model: FileModel, ctx: ValueContext): string {
  if ((model.language === 'kotlin' || model.language === 'java') && ctx.call) return model.text.slice(ctx.call.span.start, ctx.call.span.end);
  if (ctx.objectSpan) return model.text.slice(ctx.objectSpan.start, ctx.objectSpan.end);
  return ctx.call ? model.text.slice(ctx.call.span.start, ctx.call.span.end) : '';
}

// ---- what the file shows -----------------------------------------------------------------------------------------

const codeTextCache = new WeakMap<FileModel, string>();

/** The file's text with comments blanked, so a `// TODO add code_challenge` is not taken for the parameter. */
export function codeText(model: FileModel): string {
  let t = codeTextCache.get(model);
  if (t === undefined) {
    const parts: string[] = [];
    let pos = 0;
    for (const c of model.comments) {
      if (c.span.start < pos) continue;
      parts.push(model.text.slice(pos, c.span.start), ' '.repeat(c.span.end - c.span.start));
      pos = c.span.end;
    }
    parts.push(model.text.slice(pos));
    t = parts.join('');
    codeTextCache.set(model, t);
  }
  return t;
}

/** The file sends a PKCE challenge somewhere (authorization request side). */
export const pkceChallengeEvidence = /code_challenge|codeChallenge|CodeChallenge/;
/** The file sends a PKCE verifier somewhere (token request side). */
export const pkceVerifierEvidence = /code_verifier|codeVerifier|CodeVerifier/;
/**
 * The file handles a `state` parameter somewhere (JVM: AppAuth's `setState(…)` counts). A `state` given a plain
 * string (`val state = "idle"`, `{ state: 'loading' }`) is a UI state, or a constant OAuth state that is its own
 * finding: neither is evidence; a string template with a hole (`"$s"`, `` `${s}` ``) is.
 */
const stateEvidenceJvm = /[?&]state=|(["'`])state\1|\bstate\s*[:=]\s*(?:[^=\s"]|"[^"\n]*\$)|[{,]\s*state\s*[,}]|\bsetState\s*\(\s*[^)\s]|"state"\s+to\b/;
/** In TS/JS `setState` is React's (a component's or a hook's), never the OAuth parameter; a `state` key still counts. */
const stateEvidenceJs = /[?&]state=|(["'`])state\1|(?<![.\w])state\s*:\s*(?:[^=\s'"`]|`[^`\n]*\$\{)|[{,]\s*state\s*[,}]/;

export const stateEvidence = {
  test(code: string, language?: string): boolean {
    return (language === 'kotlin' || language === 'java' ? stateEvidenceJvm : stateEvidenceJs).test(code);
  },
};
/** The file is a confidential client: it authenticates with a client secret. */
export const clientSecretEvidence = /client_secret|clientSecret/;
/** The file is about OAuth at all (gates the bare `state` name in weak-random-oauth-param). */
export const oauthContext = /oauth|authorize|response_type|redirect_uri|redirectUri|redirectUrl|client_id|clientId|code_challenge|code_?verifier|openid|appauth/i;

// The evidence tests over the whole file, once per model (several rules ask, some per literal).
/** `oauthContext` over the file's text. */
export const isOAuthFile = textTest(oauthContext);
/** `pkceChallengeEvidence` over `codeText`. */
export const hasPkceChallengeEvidence = perModel(model => pkceChallengeEvidence.test(codeText(model)));
/** `pkceVerifierEvidence` over `codeText`. */
export const hasPkceVerifierEvidence = perModel(model => pkceVerifierEvidence.test(codeText(model)));
/** `stateEvidence` over `codeText`, in the file's language. */
export const hasStateEvidence = perModel(model => stateEvidence.test(codeText(model), model.language));
/** `clientSecretEvidence` over `codeText`. */
export const hasClientSecretEvidence = perModel(model => clientSecretEvidence.test(codeText(model)));

// ---- fixes ---------------------------------------------------------------------------------------------------------

/**
 * The edit that removes a setter call from a builder chain and leaves code that compiles:
 * - `builder.setState(null);` as a statement of a block: the statement (its line, when it stands alone on it);
 * - in Java, as the body of `if (…)`, `while (…)`, `for (…)`, `else`, `do` or a label, where a statement must stand
 *   and a bare `builder;` is not one: an empty block; in Kotlin and TS/JS the bare `builder` (below);
 * - in Java as a lambda's body or in a `for` header: nothing (what compiles there depends on types the model does not
 *   know); where its value is used (`x = b.setState(null)`, `return …`): the bare `b`, the value less the setting;
 * - inside a chain: the `.setState(null)` segment (with the line break before it when it stands on its own line, but
 *   not across a `//` comment, which would then swallow what follows). The edit spans the chain from its start, so
 *   fixAll takes one removal per chain and run: two of them, each right alone, could together leave `builder;`;
 * - a receiver-less Kotlin `setState(null)` inside `apply { }`, with its `;` when one follows.
 */
export function removeCallEdit(model: FileModel, call: CallSite): TextEdit | undefined {
  const text = model.text;
  let dot = call.calleeSpan.start - 1;
  while (dot > call.span.start && (text[dot] === ' ' || text[dot] === '\t')) dot--;
  const lineStart = text.lastIndexOf('\n', call.span.start - 1) + 1;
  const rest = text.slice(call.span.end, call.span.end + 200);
  // The expression goes on after the call (`.build()` on the next line, maybe after a comment): the call is not a
  // statement of its own.
  const next = pastComments(model, call.span.end);
  const continued = /^\??\./.test(text.slice(next, next + 2));
  const after = continued ? null : /^[ \t]*;?[ \t]*(\r?\n|$)/.exec(rest);
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, call.span.start)) && !!after;
  const wholeLine = (): TextEdit => ({ span: { start: lineStart, end: call.span.end + after![0].length }, newText: '' });
  const before = text.slice(Math.max(0, call.span.start - 200), call.span.start);
  /** The call and the `;` that ends its statement (Java may put it on a line of its own) become an empty block. */
  const emptyBlock = (): TextEdit => {
    const semicolon = /^\s*;/.exec(rest);
    return { span: { start: call.span.start, end: call.span.end + (semicolon && model.language !== 'kotlin' ? semicolon[0].length : 0) }, newText: model.language === 'kotlin' ? '{}' : '{ }' };
  };
  const simpleReceiver = call.receiver.every(s => /^[\w$]+$/.test(s));
  if (text[dot] !== '.') {
    if (call.receiver.length) return undefined;
    const place = statementPlace(model, call.span.start);
    if (place === 'body') return emptyBlock();
    if (place === 'value') return undefined;
    if (aloneOnLine) return wholeLine();
    // `apply { setCodeVerifier(null); setScope("openid") }`: the call and its `;` (a `;` left alone after another
    // one does not parse), with the spaces up to what follows on the line.
    const semicolon = /^[ \t]*;(?:[ \t]*(?=\S))?/.exec(rest);
    return { span: { start: call.span.start, end: call.span.end + (semicolon ? semicolon[0].length : 0) }, newText: '' };
  }
  if (simpleReceiver && !continued) {
    const place = statementPlace(model, call.span.start);
    // Java has no bare `b;` statement; in Kotlin and TS/JS a bare `b` is one, and keeps the value an `if` used as an
    // expression has (`val r = if (l) b.setCodeVerifier(null) else b`), which an empty block would not.
    if (place === 'body' && model.language === 'java') return emptyBlock();
    // A lambda's body or a `for` header's step: in Java what compiles there depends on types the model does not know.
    if (place === 'step' && model.language === 'java') return undefined;
    if (place === 'block') {
      if (aloneOnLine) return wholeLine();
      const statementStart = /(?:^|[;{}\n])([ \t]*)$/.exec(before);
      const end = /^[ \t]*;|^(?=[ \t]*(?:\r?\n|}|$))/.exec(rest);
      if (statementStart && end) {
        // Another statement follows on the line: take the spaces after this one, so that one keeps its place.
        const trailing = /^[ \t]*;[ \t]+(?=\S)/.exec(rest);
        return trailing
          ? { span: { start: call.span.start, end: call.span.end + trailing[0].length }, newText: '' }
          : { span: { start: call.span.start - statementStart[1].length, end: call.span.end + end[0].length }, newText: '' };
      }
    }
    // What is left would be a bare `b;`: no statement in Java. Elsewhere, and where a value is wanted, `b` is the
    // value the call had, less the setting.
    if (place === 'block' && model.language === 'java') return undefined;
  }
  let segment = dot;
  if (text[segment - 1] === '?') segment--;
  let start = segment;
  while (start > call.span.start && /[ \t]/.test(text[start - 1])) start--;
  if (text[start - 1] === '\n') {
    // The line break before the segment goes with it, unless the line before ends in a comment: the segment's
    // indentation then stays too.
    const afterComment = model.comments.some(c => c.span.end <= start && c.span.end > lineOf(text, start - 1) && /^\s*$/.test(text.slice(c.span.end, start)));
    if (afterComment) start = segment;
    else while (start > call.span.start && /\s/.test(text[start - 1])) start--;
  }
  return { span: { start: call.span.start, end: call.span.end }, newText: text.slice(call.span.start, start) };
}

/**
 * Where the expression starting at `at` stands, judged by what comes before it (comments skipped):
 * - `block`: a statement of a block (after `;`, `{`, `}`; in Kotlin and TS/JS also at the start of a line after a
 *   complete expression, since a line break ends a statement there);
 * - `body`: where one statement must stand and an empty block can: after `if (…)`, `while (…)`, `for (…)`, `else`,
 *   `do`, a label or `case …:` / `default:`, a Java `case … ->`;
 * - `step`: a lambda's body (`() -> …`) or the start of a `for` header;
 * - `value`: anything else (after `=`, `return`, `(`, `,`, an operator): its value is used.
 */
function statementPlace(model: FileModel, at: number): 'block' | 'body' | 'step' | 'value' {
  const text = codeText(model); // comments blanked: they are passed over like spaces, and their brackets do not count
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  if (i === 0) return 'block';
  const ch = text[i - 1];
  if (ch === ';' || ch === '{' || ch === '}') return 'block';
  const word = /[\w$]+$/.exec(text.slice(Math.max(0, i - 30), i))?.[0];
  if (word === 'else' || word === 'do') return 'body';
  const line = text.slice(lineOf(text, i - 1), i);
  if (ch === ')') {
    const open = openingParen(text, i - 1);
    if (open >= 0 && /(?:^|[^\w$.])(?:if|while|for)\s*$/.test(text.slice(Math.max(0, open - 20), open))) return 'body';
  }
  if (ch === '(' && /(?:^|[^\w$.])for\s*\($/.test(text.slice(Math.max(0, i - 20), i))) return 'step';
  if (model.language !== 'kotlin') {
    // `case 1:`, `default:`, `retry:` (a `?` before it on the line: the `:` of a conditional expression).
    if (ch === ':' && !line.includes('?') && /(?:^|[\s;{}])(?:case\b.*|default\s*|[A-Za-z_$][\w$]*\s*):$/.test(line)) return 'body';
    if (ch === '>' && text[i - 2] === '-') return /(?:^|[\s;{}])(?:case\b.*|default\s*)->$/.test(line) ? 'body' : 'step';
  }
  // Kotlin and TS/JS end a statement at a line break: after a complete expression on an earlier line, a new one starts.
  const newlineBetween = text.slice(i, at).includes('\n');
  if (model.language !== 'java' && newlineBetween && /[\w$)\]"'`]/.test(ch) && !/^(?:in|is|as|return|throw|await|yield|typeof|new|case)$/.test(word ?? '')) return 'block';
  return 'value';
}

/** The offset of what follows `at` once spaces, line breaks and comments are passed. */
function pastComments(model: FileModel, at: number): number {
  const text = codeText(model);
  let i = at;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** The `(` that the `)` at `close` closes (parentheses in strings count), or -1 within 2,000 characters. */
function openingParen(text: string, close: number): number {
  let depth = 0;
  for (let j = close; j >= 0 && j > close - 2000; j--) {
    if (text[j] === ')') depth++;
    else if (text[j] === '(' && --depth === 0) return j;
  }
  return -1;
}

/** Where the line ending at `newline` (the offset of its `\n`) starts. */
function lineOf(text: string, newline: number): number {
  return text.lastIndexOf('\n', newline - 1) + 1;
}
