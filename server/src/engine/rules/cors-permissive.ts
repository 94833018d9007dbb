// CORS that lets any web page read authenticated responses: the request's Origin reflected (or every origin
// allowed) together with credentials. A malicious site then calls the API with the user's cookies and reads the
// answer. `*` with credentials is refused by browsers and Spring: broken rather than exploitable (information).
import type { Rule, RuleContext } from './rule';
import type { CallSite, FileModel, StringLiteral } from '../model/model';
import type { Fix, Severity, Span } from '../types';
import { chainTop, enclosingFunction, bindingNamed, inside } from './regions';
import { callsNamed, callsWhere, nameTest, scalarsOf } from './memo';

const ALLOWED_ORIGIN = 'https://app.example.com';
const allowListJs = `['${ALLOWED_ORIGIN}']`;

/** Express/Connect `cors`, NestJS `enableCors`, Fastify/Koa/Hono CORS packages. */
const corsPackage = /['"](cors|@fastify\/cors|@koa\/cors|hono\/cors|@hapi\/cors)['"]|\benableCors\b/;
/** The request's own Origin header: Express, Node, Koa, Hono. */
const reflectedOrigin = /^\s*(req|request|ctx|ctx\.request|c\.req)(\.headers?\.origin|\.headers?\[\s*['"]origin['"]\s*\]|\.(get|header)\(\s*['"]origin['"]\s*\))\s*$/i;
const headerSetters = /^(setHeader|header|set|append|writeHead)$/;
const headerSetterCalls = callsWhere(nameTest(headerSetters));
/** Spring: methods taking origin patterns, and the plain origins ones. */
const springPatterns = /^(allowedOriginPatterns|addAllowedOriginPattern|setAllowedOriginPatterns)$/;
const springOrigins = /^(allowedOrigins|addAllowedOrigin|setAllowedOrigins)$/;
const listWrappers = /^(listOf|mutableListOf|arrayListOf|setOf|of|asList|singletonList|arrayOf)$/;
const springCredentials = /allowCredentials\s*\(\s*true\s*\)|setAllowCredentials\s*\(\s*(true|Boolean\.TRUE)\s*\)|allowCredentials\s*=\s*true\b/;

function slice(model: FileModel, span: Span): string {
  return model.text.slice(span.start, span.end);
}

function replaceFix(span: Span, newText: string, what = 'an allow-list'): Fix[] {
  return [{ title: `Allow only listed origins (${what})`, safe: false, edits: [{ span, newText }] }];
}

/** The Spring setting a literal is an origin of: a call (through `List.of("*")` / `listOf("*")`) or a Kotlin property (`config.allowedOrigins = listOf("*")`). */
function springSetting(lit: StringLiteral): { method: string; call: CallSite } | undefined {
  let call = lit.ctx.call;
  if (call && listWrappers.test(call.callee) && call.outer) call = call.outer;
  if (call && (springPatterns.test(call.callee) || springOrigins.test(call.callee))) return { method: call.callee, call };
  const bound = call?.ctx;
  if (call && listWrappers.test(call.callee) && bound?.nameKind === 'assign' && /^(allowedOrigins|allowedOriginPatterns)$/.test(bound.name ?? '')) return { method: bound.name!, call };
  return undefined;
}

function checkExpressOptions(ctx: RuleContext, level: (s?: Severity) => Severity | undefined): void {
  const { model } = ctx;
  const inCors = (call: CallSite | undefined) => !!call && /^(cors|enableCors|corsMiddleware)$/.test(call.callee) || corsPackage.test(model.text);
  const withCredentials = (span: Span | undefined) => !!span && /\bcredentials\s*:\s*true\b/.test(slice(model, span));
  for (const s of scalarsOf(model, 'true')) {
    if (s.text !== 'true' || s.ctx.name !== 'origin' || s.ctx.keyPath.length < 1 || !inCors(s.ctx.call) || !withCredentials(s.ctx.objectSpan)) continue;
    ctx.report({ span: s.span, severity: level(), fixes: replaceFix(s.span, allowListJs),
      message: 'origin: true reflects every request\'s Origin, and credentials: true lets those pages send the user\'s cookies: any website can call this API as the user and read the answer. List the allowed origins.' });
  }
  for (const lit of model.literals) {
    if (lit.value !== '*' || lit.ctx.name !== 'origin' || lit.ctx.keyPath.length < 1 || !inCors(lit.ctx.call) || !withCredentials(lit.ctx.objectSpan)) continue;
    ctx.report({ span: lit.contentSpan, severity: level('info'), fixes: replaceFix(lit.span, allowListJs),
      message: 'origin: \'*\' with credentials: true does not work (browsers refuse credentials with a wildcard origin); replacing it with origin: true would expose the API to every site. List the allowed origins.' });
  }
  for (const f of model.functions ?? []) {
    // `origin: (origin, callback) => callback(null, true)`: a dynamic check that allows everything.
    if (!f.isLambda || f.ctx?.name !== 'origin' || f.params.length < 2 || f.statements.length !== 1 || !inCors(f.ctx.call) || !withCredentials(f.ctx.objectSpan)) continue;
    const stmt = slice(model, f.statements[0]).replace(/;\s*$/, '');
    const m = /^(?:return\s+)?([A-Za-z_$][\w$]*)\(\s*null\s*,\s*([A-Za-z_$][\w$]*)\s*\)$/.exec(stmt);
    if (!m || m[1] !== f.params[1] || (m[2] !== 'true' && m[2] !== f.params[0])) continue;
    ctx.report({ span: f.span, severity: level(), fixes: replaceFix(f.span, allowListJs),
      message: 'This origin callback allows every origin, and credentials: true lets those pages send the user\'s cookies: any website can call this API as the user. Check the origin against an allow-list.' });
  }
}

function isReflected(model: FileModel, expr: string, at: number): boolean {
  if (reflectedOrigin.test(expr)) return true;
  const name = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(expr)?.[1];
  const b = name ? bindingNamed(model, name, at) : undefined;
  return !!b && b.nameSpan.start < at && reflectedOrigin.test(slice(model, b.valueSpan).replace(/\s*(\|\||\?\?)\s*['"][^'"]*['"]\s*$/, ''));
}

/** `res.setHeader('Access-Control-Allow-Origin', req.headers.origin)` with `Access-Control-Allow-Credentials: true`. */
function checkManualHeaders(ctx: RuleContext, level: (s?: Severity) => Severity | undefined): void {
  const { model } = ctx;
  const sites: Span[] = [];
  for (const call of headerSetterCalls(model)) {
    const value = call.args[1];
    if (!headerSetters.test(call.callee) || !value || call.args[0]?.stringValue?.toLowerCase() !== 'access-control-allow-origin') continue;
    if (isReflected(model, value.text, value.span.start)) sites.push(value.span);
  }
  // Object form: `res.set({ 'Access-Control-Allow-Origin': req.headers.origin, … })`.
  for (const lit of model.literals) {
    if (lit.value.toLowerCase() !== 'access-control-allow-origin' || lit.ctx.call) continue;
    const after = /^\s*:\s*([^,}\n]+)/.exec(model.text.slice(lit.span.end, lit.span.end + 120));
    if (!after) continue;
    const start = lit.span.end + after[0].length - after[1].length;
    const expr = after[1].replace(/\s+$/, '');
    if (isReflected(model, expr, start)) sites.push({ start, end: start + expr.length });
  }
  for (const span of sites) {
    const fn = enclosingFunction(model, span);
    const region = fn?.bodySpan ?? { start: 0, end: model.text.length };
    if (!/access-control-allow-credentials['"]\s*[,:]\s*(['"]true['"]|true)/i.test(slice(model, region))) continue;
    // Reflecting after checking the origin against a list is the allow-list itself.
    if ((model.conditionals ?? []).some(c => inside(span, c.span) && /origin/i.test(c.condition))) continue;
    ctx.report({ span, severity: level(), fixes: replaceFix(span, `'${ALLOWED_ORIGIN}'`, 'a fixed origin'),
      message: 'The request\'s Origin is copied into Access-Control-Allow-Origin together with Access-Control-Allow-Credentials: true: any website can call this API with the user\'s cookies and read the answer. Answer only origins from an allow-list.' });
  }
}

function checkSpring(ctx: RuleContext, level: (s?: Severity) => Severity | undefined): void {
  const { model } = ctx;
  for (const lit of model.literals) {
    if (lit.value !== '*') continue;
    const setting = springSetting(lit);
    if (setting) {
      const region = chainTop(model, setting.call).span;
      const fn = enclosingFunction(model, lit.span);
      const credentials = springCredentials.test(slice(model, region)) || (!!fn?.bodySpan && springCredentials.test(slice(model, fn.bodySpan)));
      if (!credentials) continue;
      const method = setting.method;
      const patterns = /Pattern/.test(method);
      ctx.report({ span: lit.contentSpan, severity: level(patterns ? undefined : 'info'), fixes: replaceFix(lit.contentSpan, ALLOWED_ORIGIN),
        message: patterns
          ? `${method}("*") with allowCredentials(true) answers every origin with its own name and allows cookies: any website can call this API as the user. List the allowed origins.`
          : `${method}("*") with allowCredentials(true) is rejected by Spring at startup (a wildcard origin cannot carry credentials); switching to allowedOriginPatterns("*") would expose the API to every site. List the allowed origins.` });
      continue;
    }
    checkCrossOrigin(ctx, lit, level);
  }
}

/** `@CrossOrigin(origins = "*", allowCredentials = "true")` (Java annotations are calls in the model; Kotlin's are read from the text). */
function checkCrossOrigin(ctx: RuleContext, lit: StringLiteral, level: (s?: Severity) => Severity | undefined): void {
  const { model } = ctx;
  let element: string | undefined, annotation: string | undefined;
  if (lit.ctx.call?.callee === 'CrossOrigin') {
    element = lit.ctx.argName ?? 'value';
    annotation = slice(model, lit.ctx.call.span);
  } else if (model.language === 'kotlin' && !lit.ctx.call) {
    const before = model.text.slice(Math.max(0, lit.span.start - 300), lit.span.start);
    const open = before.lastIndexOf('@CrossOrigin(');
    if (open < 0 || before.slice(open).includes(')')) return;
    element = /(\w+)\s*=\s*\[?\s*$/.exec(before)?.[1] ?? 'value';
    const close = model.text.indexOf(')', lit.span.end);
    annotation = before.slice(open) + model.text.slice(lit.span.start, close < 0 ? lit.span.end : close + 1);
  }
  if (!element || !annotation || !/^(value|origins|originPatterns)$/.test(element)) return;
  if (!/allowCredentials\s*=\s*"true"/.test(annotation)) return;
  const patterns = element === 'originPatterns';
  ctx.report({ span: lit.contentSpan, severity: level(patterns ? undefined : 'info'), fixes: replaceFix(lit.contentSpan, ALLOWED_ORIGIN),
    message: patterns
      ? '@CrossOrigin(originPatterns = "*", allowCredentials = "true") answers every origin and allows cookies: any website can call this endpoint as the user. List the allowed origins.'
      : '@CrossOrigin(origins = "*", allowCredentials = "true") is rejected by Spring (a wildcard origin cannot carry credentials); switching to originPatterns = "*" would expose the endpoint to every site. List the allowed origins.' });
}

/** Ktor `install(CORS) { anyHost(); allowCredentials = true }`. */
function checkKtor(ctx: RuleContext, level: (s?: Severity) => Severity | undefined): void {
  const { model } = ctx;
  const ktor1 = model.imports.some(i => /^io\.ktor\.features\./.test(i.from));
  for (const call of callsNamed(model, 'anyHost')) {
    if (call.callee !== 'anyHost' || call.args.length || call.receiver.length) continue;
    const fn = enclosingFunction(model, call.span);
    if (!fn?.bodySpan || !/\ballowCredentials\s*=\s*true\b/.test(slice(model, fn.bodySpan))) continue;
    ctx.report({ span: call.span, severity: level(),
      fixes: replaceFix(call.span, `${ktor1 ? 'host' : 'allowHost'}("app.example.com", schemes = listOf("https"))`, 'one host'),
      message: 'anyHost() with allowCredentials = true answers every origin and allows cookies: any website can call this API as the user and read the answer. Allow only your front-end hosts.' });
  }
}

export const corsPermissive: Rule = {
  meta: {
    id: 'cors-permissive',
    category: 'cors',
    defaultLevel: 'warning',
    description: 'Any origin, or the request\'s own Origin, allowed together with credentials (Express cors, manual headers, Spring, Ktor).',
    advice: 'With credentials allowed, every origin you accept can call the API with the user\'s cookies and read the answer. Accept only an explicit list of your own front-end origins.',
    fixable: true,
  },
  keywords: ['cors', 'access-control-allow-origin', 'crossorigin', 'anyhost', 'allowedorigin'],
  check(ctx) {
    const level = (s?: Severity): Severity | undefined => ctx.inTest ? 'info' : s;
    if (ctx.model.language === 'kotlin' || ctx.model.language === 'java') {
      checkSpring(ctx, level);
      checkKtor(ctx, level);
    } else {
      checkExpressOptions(ctx, level);
      checkManualHeaders(ctx, level);
    }
  },
};
