// A key that is not written in the source but still ships inside the app — a BuildConfig field, a resource
// string, a react-native-config value or a bundler-public env var — used there as an API credential. Moving a
// key out of the source takes it out of git, not out of the APK or the bundle: it is extracted and replayed.
import type { Rule, RuleContext } from './rule';
import type { FileModel, StringLiteral, ValueContext } from '../model/model';
import type { RelatedLocation, Severity, Span } from '../types';
import { classifySink, isMapsOrFirebaseContext, isMapsOrFirebaseInit, isMapsOrFirebaseUrl, credentialQueryParams, queryParamNameOf } from '../sinks';
import { importsServerFramework } from './secret-common';
import { enclosingFunction, holesOf, simpleExpression, within } from './token-common';
import { offsetToRange } from '../positions';
import { callsNamed, nameTest } from './memo';

const isResourceRead = nameTest(/^(getString|getText|stringResource)$/);

/** BuildConfig fields every Android build has, which are never keys. */
const buildFields = /^(DEBUG|APPLICATION_ID|LIBRARY_PACKAGE_NAME|BUILD_TYPE|FLAVOR|VERSION_CODE|VERSION_NAME|IS_NEW_ARCHITECTURE_ENABLED|IS_HERMES_ENABLED)$/;
/** Prefixes that bundlers inline into client code. */
const publicProcessEnv = /^(NEXT_PUBLIC_|EXPO_PUBLIC_|REACT_APP_|VUE_APP_|GATSBY_)\w+$/;
const publicImportMetaEnv = /^(VITE_|PUBLIC_)\w+$/;
/** Values that are public by design (Supabase anon key, Stripe publishable key, reCAPTCHA site key). */
const publicByDesign = /ANON|PUBLISHABLE|SITE_?KEY/i;
/** Google keys meant to ship, restricted by package/referrer: Maps, Places, Firebase. */
const mapsName = /maps|places|geocod|firebase/i;
/** Sinks whose key is paid usage whatever the key is called. */
const paidSink = /OpenAI|Anthropic|Generative|Gemini|Groq|Mistral|Cohere|Replicate|HfInference|Stripe|Twilio|Pinecone|ElevenLabs|Together|DeepSeek/i;

interface Source {
  span: Span;
  /** How the key is read, for the message (`BuildConfig.GEMINI_API_KEY`). */
  label: string;
  /** The key's own name (for the Maps/Firebase check). */
  name: string;
  where: string;
}

/** The embedded origin of an expression's text, when it is one (`BuildConfig.X`, `getString(R.string.x)`, `import.meta.env.VITE_X`, …). */
function embeddedOrigin(model: FileModel, text: string, configLocals: Set<string>, envNames: Set<string>): Omit<Source, 'span'> | undefined {
  if (text.length > 200) return undefined;
  const jvm = model.language === 'kotlin' || model.language === 'java';
  // Every origin below has a dot, but a react-native-dotenv name: most texts (plain names) are answered here.
  if (!text.includes('.') && (jvm || !envNames.size)) return undefined;
  const t = text.trim().replace(/\s+/g, '').replace(/(!!|\.orEmpty\(\)|\?:""|\?\?''|\?\?""|\|\|''|\|\|""|as\w+)$/, '');
  let m: RegExpExecArray | null;
  if (jvm) {
    if ((m = /^(?:[\w.]*\.)?BuildConfig\.([A-Za-z0-9_]+)$/.exec(t)) && !buildFields.test(m[1])) return { label: `BuildConfig.${m[1]}`, name: m[1], where: 'BuildConfig field, compiled into the APK' };
    if ((m = /^(?:[\w.()?]*\.)?(?:getString|getText|stringResource)\((?:[\w.]*\.)?R\.string\.(\w+)\)$/.exec(t)) && !/^android\./.test(t.replace(/^.*\(/, ''))) return { label: `R.string.${m[1]}`, name: m[1], where: 'resource string, stored in resources.arsc' };
    return undefined;
  }
  if ((m = /^import\.meta\.env\.(\w+)$/.exec(t)) && publicImportMetaEnv.test(m[1])) return { label: `import.meta.env.${m[1]}`, name: m[1], where: 'public env var, inlined into the bundle' };
  if ((m = /^process\.env\.(\w+)$/.exec(t)) && publicProcessEnv.test(m[1])) return { label: `process.env.${m[1]}`, name: m[1], where: 'public env var, inlined into the bundle' };
  if ((m = /^(\w+)\.(\w+)$/.exec(t)) && configLocals.has(m[1])) return { label: `${m[1]}.${m[2]}`, name: m[2], where: 'react-native-config value, bundled with the app' };
  if ((m = /^Constants\.(?:expoConfig|manifest)\??\.extra\??\.(\w+)$/.exec(t))) return { label: `Constants.expoConfig.extra.${m[1]}`, name: m[1], where: 'Expo app config value, shipped in the app manifest' };
  if (/^\w+$/.test(t) && envNames.has(t)) return { label: t, name: t, where: 'react-native-dotenv value, inlined into the bundle' };
  return undefined;
}

/** A value's way into a credential: the sink it reaches, or the key-like query parameter of a URL it is appended to. */
function sinkOf(model: FileModel, ctx: ValueContext, span: Span): { what: string; url?: string; maps?: boolean } | undefined {
  if (isMapsOrFirebaseInit(ctx)) return undefined;
  const sink = classifySink(ctx);
  if (sink) return { what: sink.what, url: urlOfCall(ctx), maps: isMapsOrFirebaseContext(ctx) };
  const param = queryParamNameOf(ctx);
  if (param && credentialQueryParams.test(param)) return { what: `\`${param}=\` query parameter`, url: urlOfCall(ctx) };
  if (ctx.concatenated) {
    // `"https://…?appid=" + BuildConfig.KEY`
    const before = literalBefore(model, span.start);
    const p = before && /[?&]([\w-]+)=$/.exec(before.value);
    if (before && p && credentialQueryParams.test(p[1])) return { what: `\`${p[1]}=\` query parameter`, url: before.value };
  }
  return undefined;
}

function urlOfCall(ctx: ValueContext): string | undefined {
  return ctx.call?.args.map(a => a.stringValue).find(v => v !== undefined && /^https?:\/\//.test(v));
}

function literalBefore(model: FileModel, at: number): StringLiteral | undefined {
  let best: StringLiteral | undefined;
  for (const l of model.literals) {
    if (l.span.end > at) break;
    best = l;
  }
  return best && /^[\s(]*\+[\s(]*$/.test(model.text.slice(best.span.end, at)) ? best : undefined;
}

interface Hit { source: Source; what: string; url?: string; maps?: boolean; use?: Span }

function isServerCode(model: FileModel): boolean {
  if (importsServerFramework(model)) return true;
  if (/^\s*['"]use server['"]/m.test(model.text.slice(0, 500))) return true;
  return callsNamed(model, 'require').some(c => c.callee === 'require' && c.receiver.length === 0
    && /^(express|koa|fastify|@nestjs\/|@hapi\/|hono|node:|http|https|fs)(\/|$)/.test(c.args[0]?.stringValue ?? ''));
}

function report(ctx: RuleContext, hit: Hit): void {
  const { source } = hit;
  const maps = !paidSink.test(hit.what) && (hit.maps || mapsName.test(source.name) || (hit.url !== undefined && isMapsOrFirebaseUrl(hit.url)));
  const severity: Severity | undefined = ctx.inTest || maps ? 'info' : undefined;
  const related: RelatedLocation[] = hit.use ? [{ range: offsetToRange(ctx.model.text, hit.use), message: `used as ${hit.what} here` }] : [];
  ctx.report({
    span: source.span,
    message: maps
      ? `\`${source.label}\` (${source.where}) is sent as ${hit.what}. A Maps/Firebase key is meant to ship, but only restricted: limit it to your package and signing certificate (or HTTP referrer) and to the APIs you use.`
      : `\`${source.label}\` is a ${source.where}, used as ${hit.what}: anyone can extract it from the app and spend your quota. Keep the key on a backend that calls the API for the app, and rotate this one.`,
    severity,
    related,
    data: { kind: 'proxy-snippet', suggestedName: source.name.replace(/^(VITE_|PUBLIC_|NEXT_PUBLIC_|EXPO_PUBLIC_|REACT_APP_|VUE_APP_|GATSBY_)/, '') },
  });
}

export const embeddedApiKey: Rule = {
  meta: {
    id: 'embedded-api-key',
    category: 'secret',
    defaultLevel: 'warning',
    description: 'A key from BuildConfig, resource strings, react-native-config or a bundler-public env var used as an API credential in client code.',
    advice: 'A key shipped in an APK or a JavaScript bundle can be extracted and replayed. Keep paid keys on a backend proxy that authenticates the user; restrict Maps/Firebase keys to your app.',
    fixable: false,
  },
  keywords: ['dangerouslyallowbrowser'],
  // A shipped value (BuildConfig, resources, public env) AND a place it could be a credential.
  allOf: [
    ['buildconfig.', 'r.string.', 'react-native-config', 'import.meta.env', 'next_public_', 'expo_public_', 'react_app_', 'vue_app_', 'gatsby_',
    '@env', 'react-native-dotenv', 'expoconfig'],
    ['apikey', 'api_key', 'api-key', 'authorization', 'bearer', 'key=', 'appid', 'token', 'header', 'openai', 'generativemodel', 'anthropic',
      'stripe', 'client(', 'setapikey', 'withapikey', 'queryparameter', 'urlsearchparams', 'params'],
  ],
  check(ctx) {
    const model = ctx.model;
    if (isServerCode(model)) return;
    const configLocals = new Set(model.imports.filter(i => i.from === 'react-native-config').map(i => i.local));
    const envNames = new Set(model.imports.filter(i => i.from === '@env' || i.from === 'react-native-dotenv').map(i => i.local));
    const origin = (text: string) => embeddedOrigin(model, text, configLocals, envNames);
    const hits: Hit[] = [];
    const textOf = (s: Span) => model.text.slice(s.start, s.end);
    // What embeddedOrigin answers at once (too long; no dot, and no react-native-dotenv name to be), without a slice.
    const jvm = model.language === 'kotlin' || model.language === 'java';
    const mayBeOrigin = (s: Span) => {
      if (s.end - s.start > 200) return false;
      if (!jvm && envNames.size) return true;
      for (let i = s.start; i < s.end; i++) if (model.text.charCodeAt(i) === 46 /* . */) return true;
      return false;
    };

    // Read straight into a sink: `GenerativeModel(apiKey = BuildConfig.KEY)`, `headers: { 'X-Api-Key': import.meta.env.VITE_KEY }`.
    for (const ref of model.references) {
      if (!mayBeOrigin(ref.span)) continue;
      const o = origin(textOf(ref.span));
      if (!o) continue;
      const sink = sinkOf(model, ref.ctx, ref.span);
      if (sink) hits.push({ source: { ...o, span: ref.span }, ...sink });
    }
    for (const call of model.calls) {
      if (!isResourceRead(call.callee) || !call.ctx) continue;
      const o = origin(textOf(call.span));
      if (!o) continue;
      const sink = sinkOf(model, call.ctx, call.span);
      if (sink) hits.push({ source: { ...o, span: call.span }, ...sink });
    }
    // Through a name: `private val apiKey = BuildConfig.KEY` … `.addHeader("X-Api-Key", apiKey)`.
    for (const b of model.bindings ?? []) {
      if (!mayBeOrigin(b.valueSpan)) continue;
      const o = origin(textOf(b.valueSpan));
      if (!o) continue;
      const fn = enclosingFunction(model, b.nameSpan);
      const scope = fn?.span ?? { start: 0, end: model.text.length };
      const source: Source = { ...o, span: b.valueSpan };
      for (const ref of model.references) {
        if (ref.name !== b.name || !within(ref.span, scope) || ref.span.start === b.nameSpan.start) continue;
        if (ref.qualifier && ref.qualifier !== 'this') continue;
        const sink = sinkOf(model, ref.ctx, ref.span);
        if (sink) { hits.push({ source, ...sink, use: ref.span }); break; }
      }
      for (const lit of model.literals) {
        if (!lit.interpolated || !within(lit.span, scope)) continue;
        for (const h of holesOf(model, lit)) {
          const e = simpleExpression(h.text);
          if (!e || e.call || e.name !== b.name || (e.qualifier && e.qualifier !== 'this')) continue;
          const sink = holeSink(model, lit, h.outer.start);
          if (sink) hits.push({ source, ...sink, use: h.span });
        }
      }
    }
    // Interpolated: `"https://…?key=${BuildConfig.KEY}"`, `` `Bearer ${import.meta.env.VITE_TOKEN}` ``.
    for (const lit of model.literals) {
      if (!lit.interpolated) continue;
      for (const h of holesOf(model, lit)) {
        const o = origin(h.text);
        if (!o) continue;
        const sink = holeSink(model, lit, h.outer.start);
        if (sink) hits.push({ source: { ...o, span: h.span }, ...sink });
      }
    }
    const reported: Span[] = [];
    for (const hit of hits.sort((a, b) => a.source.span.start - b.source.span.start)) {
      if (reported.some(s => s.start === hit.source.span.start && s.end === hit.source.span.end)) continue;
      if (publicByDesign.test(hit.source.name)) continue;
      reported.push(hit.source.span);
      report(ctx, hit);
    }
    // OpenAI / Anthropic browser clients: `dangerouslyAllowBrowser: true`, when no embedded key of the same call was reported.
    for (const s of model.scalars) {
      if (s.text !== 'true' || s.ctx.keyPath[0] !== 'dangerouslyAllowBrowser' || s.ctx.keyPath.length !== 1 || !s.ctx.call) continue;
      const call = s.ctx.call;
      if (reported.some(r => within(r, call.span))) continue;
      ctx.report({
        span: s.span,
        message: `\`dangerouslyAllowBrowser: true\` runs the ${call.callee} client in the browser, so its API key ships to every visitor. Call the API from your backend; in the browser use only a key the user typed in or a short-lived token from your server.`,
        severity: ctx.inTest ? 'info' : undefined,
        data: { kind: 'proxy-snippet' },
      });
    }
  },
};

/** Where an interpolated key goes: a key-like query parameter written just before it, or the literal's own sink (an Authorization header value). */
function holeSink(model: FileModel, lit: StringLiteral, holeStart: number): { what: string; url?: string } | undefined {
  const before = model.text.slice(lit.contentSpan.start, holeStart);
  const p = /[?&]([\w-]+)=$/.exec(before);
  if (p && credentialQueryParams.test(p[1])) return { what: `\`${p[1]}=\` query parameter`, url: before };
  if (isMapsOrFirebaseInit(lit.ctx)) return undefined;
  const sink = classifySink(lit.ctx);
  return sink?.kind === 'credential' || sink?.kind === 'client-secret' ? { what: sink.what } : undefined;
}

