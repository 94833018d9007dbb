// Tokens kept where other code or other apps can read them: web storage and script-readable cookies (any XSS),
// React Native AsyncStorage (unencrypted), external storage and world-readable files (every app on the device).
// Plain SharedPreferences / DataStore are app-private, so they are only information: the seed advises a Keystore key.
import type { Rule, RuleContext } from './rule';
import type { CallSite, FileModel } from '../model/model';
import type { Severity, Span } from '../types';
import {
  bindingOf, codeTester, enclosingFunction, flowsInto, holesOf, isSensitiveAccessor, isSensitiveExpression, isSensitiveName, objectEntries,
  sameSpan, within, words,
} from './token-common';
import { callsWhere, nameTest, perModel, refsNamed } from './memo';

/** Key-value stores readable by any script in the page or by other code (receiver chain, callee). */
const webStores: readonly { receiver: RegExp; callee: RegExp; what: string; severity: Severity }[] = [
  { receiver: /(^|\.)localStorage$/, callee: /^setItem$/, what: 'localStorage', severity: 'warning' },
  { receiver: /(^|\.)sessionStorage$/, callee: /^setItem$/, what: 'sessionStorage', severity: 'warning' },
  { receiver: /(^|\.)AsyncStorage$/, callee: /^(setItem|mergeItem)$/, what: 'AsyncStorage (unencrypted)', severity: 'warning' },
];

/** Calls that set a cookie from server code, with whether HttpOnly is on unless said otherwise. */
const cookieSetters: readonly { receiver: RegExp; callee: RegExp; httpOnlyByDefault: boolean; clientSide?: boolean }[] = [
  { receiver: /^(Cookies|jsCookie)$/, callee: /^set$/, httpOnlyByDefault: false, clientSide: true }, // js-cookie
  { receiver: /^ctx\.cookies$/, callee: /^set$/, httpOnlyByDefault: true }, // Koa
  // Next.js `cookies().set`, `cookieStore.set`, `response.cookies.set` (a bare `cookies` is SvelteKit's or a client library's: left out)
  { receiver: /(^|\.|await)cookies\(\)\)?$|^cookieStore$|^\w+\.cookies$/, callee: /^set$/, httpOnlyByDefault: false },
  { receiver: /(^|\.)(res|response|reply|resp|ctx\.res)$/, callee: /^(cookie|setCookie)$/, httpOnlyByDefault: false }, // Express, Fastify
];

/** File writes (Android/JVM) that may put a value on external storage. */
const writeCallees = /^(writeText|writeBytes|appendText|appendBytes|write|append|writeString|print|println|writeUTF)$/;
const externalStorage = /^(getExternalStorageDirectory|getExternalStoragePublicDirectory|getExternalFilesDir|getExternalFilesDirs|getExternalCacheDir|getExternalMediaDirs)$/;

/** Receivers of `putString` that are not preferences (React Native maps, bundles, intents, JSON). */
const notPreferences = /(^|\.)(map|result|params|args|arguments|bundle|outState|savedInstanceState|extras|intent|json|obj|object|writableMap|data|event|payload|response|body|Arguments\.createMap\(\))$/i;

/** A key or value is a token: its literal value or name (`'access_token'`, `KEY_AUTH_STATE`, `accessToken`, `getIdToken()`). */
function sensitiveKey(model: FileModel, arg: { stringValue?: string; text: string } | undefined): boolean {
  if (!arg) return false;
  if (arg.stringValue !== undefined) return isSensitiveName(arg.stringValue);
  const e = arg.text.trim();
  if (!/^[\w$.]+$/.test(e)) return false;
  const name = e.replace(/^.*\./, '');
  const c = model.constants.find(k => k.name === name);
  if (c) return isSensitiveName(c.literal.value);
  // A key constant defined elsewhere: `TOKEN_KEY`, `KEY_ACCESS_TOKEN`, `PREF_AUTH_STATE` (a plain `key` variable says nothing).
  const rest = words(name).filter(w => !/^(key|keys|pref|prefs|preference|preferences|storage|name)$/.test(w));
  return rest.length > 0 && isSensitiveName(rest.join('_'));
}

function sensitiveValue(arg: { text: string } | undefined): boolean {
  if (!arg) return false;
  const t = arg.text.trim().replace(/^await\s+/, '');
  if (/encrypt|cipher|seal|wrap|aead|hash|digest/i.test(t)) return false;
  if (isSensitiveExpression(t)) return true;
  // `JSON.stringify(tokens)`, `authState.jsonSerializeString()`
  const inner = /^(?:JSON\.stringify|String)\((.*)\)$/.exec(t);
  return !!inner && isSensitiveExpression(inner[1]);
}

function report(ctx: RuleContext, span: Span, message: string, severity: Severity, kind: string): void {
  ctx.report({ span, message, severity: ctx.inTest ? 'info' : severity === 'warning' ? undefined : severity, data: { kind } });
}

function checkWebStorage(ctx: RuleContext, call: CallSite, recv: string): boolean {
  const store = webStores.find(s => s.receiver.test(recv) && s.callee.test(call.callee));
  if (!store || call.args.length < 2) return !!store;
  const [key, value] = call.args;
  if (!sensitiveKey(ctx.model, key) && !sensitiveValue(value)) return true;
  report(ctx, value.span,
    store.what.startsWith('AsyncStorage')
      ? 'Token stored in AsyncStorage, which is unencrypted: it can be read from backups, rooted devices and debug builds. Use the platform keystore (react-native-keychain, expo-secure-store).'
      : `Token stored in ${store.what}: any script on the page — one XSS, one compromised dependency — can read it. Keep tokens in memory or in an HttpOnly, Secure, SameSite cookie set by the server.`,
    store.severity, store.what.startsWith('AsyncStorage') ? 'async-storage' : 'web-storage');
  return true;
}

// SvelteKit's `cookies.set` / `event.cookies.set` default to HttpOnly.
const importsSvelteKit = perModel(model => model.imports.some(i => /^@sveltejs\/kit|\$types$/.test(i.from)));

function checkCookieSetter(ctx: RuleContext, call: CallSite, recv: string): boolean {
  const svelteKit = importsSvelteKit(ctx.model);
  const setter = svelteKit && recv === 'cookies' && call.callee === 'set'
    ? { httpOnlyByDefault: true, clientSide: false }
    : cookieSetters.find(s => s.receiver.test(recv) && s.callee.test(call.callee));
  if (!setter || call.args.length < 2) return !!setter;
  const [name, value, options] = call.args;
  if (!sensitiveKey(ctx.model, name) && !sensitiveValue(value)) return true;
  let httpOnly: boolean | undefined = setter.clientSide ? false : setter.httpOnlyByDefault || svelteKit;
  let at: Span = call.calleeSpan;
  if (!setter.clientSide && options) {
    let entries = objectEntries(ctx.model, options.span);
    if (!entries && /^[A-Za-z_$][\w$]*$/.test(options.text.trim())) {
      const b = bindingOf(ctx.model, options.text.trim(), options.span.start);
      entries = b && objectEntries(ctx.model, b.valueSpan);
    }
    if (!entries || entries.some(e => e.key === undefined)) return true;
    const h = entries.find(e => e.key === 'httpOnly');
    if (h) {
      const v = ctx.model.text.slice(h.value.start, h.value.end).trim();
      if (v === 'true') return true;
      if (v !== 'false') return true; // computed: cannot tell
      httpOnly = false;
      at = h.value;
    }
  }
  if (httpOnly) return true;
  report(ctx, at, setter.clientSide
    ? 'Token cookie set from script: it cannot be HttpOnly, so any script on the page (one XSS) can read it. Let the server set it with HttpOnly, Secure and SameSite.'
    : 'Token cookie without HttpOnly: any script on the page (one XSS) can read it. Set `httpOnly: true` (with `secure: true` and `sameSite`).',
  'warning', 'cookie');
  return true;
}

/** `localStorage.token = …`, `localStorage['token'] = …`, `document.cookie = 'token=…'`: assignments, found at each
 * occurrence of the object's name in code (not in strings or comments). */
function checkAssignments(ctx: RuleContext): void {
  const model = ctx.model;
  const text = model.text;
  // (`/localStorage|sessionStorage|document\s*\.\s*cookie/`, with plain searches first.)
  if (!text.includes('localStorage') && !text.includes('sessionStorage') && !(text.includes('document') && /document\s*\.\s*cookie/.test(text))) return;
  const inCode = codeTester(model);
  const storage = /(localStorage|sessionStorage)\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(["'`])([^"'`\n]{1,100})\3\s*\])\s*=(?!=)/y;
  const cookie = /document\s*\.\s*cookie\s*=(?!=)/y;
  for (const needle of ['localStorage', 'sessionStorage', 'document']) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      if ((at > 0 && /[\w$]/.test(text[at - 1])) || !inCode(at)) continue;
      storage.lastIndex = at;
      cookie.lastIndex = at;
      const m = needle === 'document' ? null : storage.exec(text);
      if (m) {
        const key = m[2] ?? m[4];
        if (m[2] && /^(setItem|getItem|removeItem|clear|key|length)$/.test(m[2])) continue;
        const valueStart = at + m[0].length;
        const valueText = text.slice(valueStart, valueStart + 200).split(/[;\n]/)[0];
        if (!isSensitiveName(key) && !isSensitiveExpression(valueText)) continue;
        report(ctx, { start: at, end: at + m[0].replace(/\s*=$/, '').length },
          `Token stored in ${m[1]}: any script on the page — one XSS, one compromised dependency — can read it. Keep tokens in memory or in an HttpOnly, Secure, SameSite cookie set by the server.`,
          'warning', 'web-storage');
        continue;
      }
      const c = needle === 'document' ? cookie.exec(text) : null;
      if (!c) continue;
      const end = at + c[0].length;
      const lit = model.literals.find(l => l.span.start >= end && /^\s*\(?\s*$/.test(text.slice(end, l.span.start)));
      if (!lit) continue;
      const name = /^\s*([^=;\s]+)=/.exec(lit.value)?.[1];
      const sensitive = (name && !name.includes('${') && isSensitiveName(name))
        || (/^\s*[^=;\s$]+=/.test(lit.value) && holesOf(model, lit).some(h => isSensitiveExpression(h.text)));
      if (!sensitive) continue;
      report(ctx, lit.contentSpan, 'Token written to `document.cookie`: a cookie set from script cannot be HttpOnly, so any script on the page can read it. Let the server set it with HttpOnly, Secure and SameSite.', 'warning', 'cookie');
    }
  }
}

const externalStorageCalls = callsWhere(nameTest(externalStorage));
const sensitiveAccessorCalls = callsWhere(isSensitiveAccessor);
const isWriteCallee = nameTest(writeCallees);

/** A token written to a file next to a call that opens external storage, in the same function. */
function checkExternalStorage(ctx: RuleContext): void {
  const model = ctx.model;
  const external = externalStorageCalls(model);
  if (!external.length) return;
  const fns = new Set(external.map(c => enclosingFunction(model, c.span, false) ?? enclosingFunction(model, c.span)).filter(Boolean));
  const inScope = (s: Span) => [...fns].some(f => within(s, f!.span));
  const isWrite = (c: CallSite) => isWriteCallee(c.callee) && c.receiver.length > 0 && inScope(c.span);
  const seen: Span[] = [];
  const flag = (span: Span) => {
    if (seen.some(s => sameSpan(s, span))) return;
    seen.push(span);
    report(ctx, span, 'Token written to external storage, which other apps (and anyone with the SD card or a USB cable) can read. Keep tokens in app-private storage, encrypted with a Keystore key.', 'warning', 'external-storage');
  };
  for (const ref of model.references) if (isSensitiveName(ref.name, ref.qualifier) && flowsInto(ref.ctx, isWrite)) flag(ref.span);
  for (const call of sensitiveAccessorCalls(model)) if (flowsInto(call.ctx, isWrite)) flag(call.span);
  for (const lit of model.literals) {
    // Only an interpolated literal has holes.
    if (!lit.interpolated || !flowsInto(lit.ctx, isWrite)) continue;
    for (const h of holesOf(model, lit)) if (isSensitiveExpression(h.text)) flag(h.span);
  }
}

/** Plain SharedPreferences (`edit().putString("token", …)`) and DataStore keys for tokens: information. */
function checkPreferences(ctx: RuleContext, call: CallSite, recv: string): void {
  const model = ctx.model;
  if (call.callee === 'stringPreferencesKey' && call.args[0]?.stringValue !== undefined && isSensitiveName(call.args[0].stringValue)) {
    report(ctx, call.args[0].span, 'Token kept in plain DataStore: readable on rooted devices and in backups. Encrypt it with a Keystore AES-GCM key (or Tink) before storing it.', 'info', 'preferences');
    return;
  }
  if (call.callee !== 'putString' || call.args.length !== 2) return;
  if (notPreferences.test(recv)) return;
  const inEditLambda = call.receiver.length === 0 && (model.functions ?? []).some(f => f.isLambda && within(call.span, f.span) && f.ctx?.call && /^(edit|commit|apply)$/.test(f.ctx.call.callee));
  const editor = /edit\(\)|(^|\.)\w*(editor|edit|prefs|preferences|sharedpref)\w*$/i.test(recv);
  if (!inEditLambda && !editor) return;
  const [key, value] = call.args;
  if (!sensitiveKey(model, key) && !sensitiveValue(value)) return;
  if (/encrypt|cipher|seal|aead|keystore/i.test(value.text)) return;
  report(ctx, value.span, 'Token kept in plain SharedPreferences: app-private, but readable on rooted devices and in backups. Encrypt it with a Keystore AES-GCM key (or Tink); EncryptedSharedPreferences is deprecated.', 'info', 'preferences');
}

/** Every callee the store, cookie and preference checks look at. */
const storeCallees = /^(setItem|mergeItem|set|cookie|setCookie|putString|stringPreferencesKey)$/;
const storeCalls = callsWhere(nameTest(storeCallees));
const worldModes = /^MODE_WORLD_(READABLE|WRITEABLE)$/;

export const tokenInsecureStorage: Rule = {
  meta: {
    id: 'token-insecure-storage',
    category: 'token',
    defaultLevel: 'warning',
    description: 'Tokens stored where other code or apps can read them: localStorage/sessionStorage, non-HttpOnly cookies, AsyncStorage, external storage, world-readable files; information for plain SharedPreferences/DataStore.',
    advice: 'Keep tokens where only your code can read them: an HttpOnly, Secure cookie or memory in the browser; the Keychain/Keystore on devices (react-native-keychain, expo-secure-store, a Keystore AES-GCM key or Tink on Android).',
    fixable: false,
  },
  keywords: ['mode_world_'],
  allOf: [
    ['localstorage', 'sessionstorage', 'asyncstorage', 'document.cookie', 'cookie(', 'setcookie', 'cookies', 'getexternal', 'putstring', 'stringpreferenceskey'],
    ['token', 'jwt', 'secret', 'authstate', 'jsonserialize', 'session', 'credential', 'password', 'apikey', 'api_key', 'bearer'],
  ],
  check(ctx) {
    const model = ctx.model;
    let plainPrefsOk: boolean | undefined;
    for (const call of storeCalls(model)) {
      const recv = call.receiver.join('.');
      if (checkWebStorage(ctx, call, recv)) continue;
      if (checkCookieSetter(ctx, call, recv)) continue;
      plainPrefsOk ??= model.text.includes('EncryptedSharedPreferences');
      if (!plainPrefsOk) checkPreferences(ctx, call, recv);
    }
    for (const ref of refsNamed(model, 'MODE_WORLD_READABLE', 'MODE_WORLD_WRITEABLE')) {
      if (!worldModes.test(ref.name)) continue;
      report(ctx, ref.span, `\`${ref.name}\` lets every app on the device ${ref.name.endsWith('READABLE') ? 'read' : 'overwrite'} the file, tokens included (and throws a SecurityException since Android 7). Use MODE_PRIVATE.`, 'warning', 'world-readable');
    }
    checkAssignments(ctx);
    checkExternalStorage(ctx);
  },
};
