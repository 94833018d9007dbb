// Helpers the secret rules share: which name a moved value should get, whether a test value is obviously fake,
// and whether the file is a public client (an app) or server code.
import type { FileModel, ValueContext } from '../model/model';
import type { RelatedLocation } from '../types';
import type { RuleContext, Use } from './rule';
import { offsetToRange } from '../positions';
import { splitWords } from '../secrets/plausible';
import { perModel } from './memo';

/** Words that name no key in particular: a dotted name ending in only these keeps the segment before. */
const genericWords = new Set(['api', 'key', 'keys', 'apikey', 'token', 'secret', 'value']);

/** SCREAMING_SNAKE name for an env var / BuildConfig field: from the bound name, else from the fallback. */
export function suggestedName(ctx: ValueContext, fallback: string): string {
  let base = ctx.name && /[A-Za-z]/.test(ctx.name) ? ctx.name : fallback;
  // A dotted name (a manifest meta-data name): its last segment, qualified by the one before when it says nothing
  // on its own (`com.google.android.geo.API_KEY` → GEO_API_KEY, `com.example.PARTNER_API_KEY` → PARTNER_API_KEY).
  if (base.includes('.')) {
    const segments = base.split('.').filter(Boolean);
    const last = segments[segments.length - 1] ?? base;
    base = splitWords(last).every(w => genericWords.has(w)) && segments.length > 1 ? `${segments[segments.length - 2]}_${last}` : last;
  }
  const snake = base
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z]/.test(snake) ? snake : `AUTHLINT_${snake || 'SECRET'}`;
}

/** In tests a secret keeps its level unless it is obviously fake. */
export function obviouslyFake(value: string): boolean {
  return /fake|dummy|example|sample|mock|test|placeholder|not[-_]?a[-_]?real|lorem|foobar/i.test(value);
}

export type ClientKind = 'native' | 'browser' | 'server';

const serverModules = /^(express|koa|fastify|@nestjs\/|@hapi\/|hono|next\/server|node:|fs$|http$|https$)|org\.springframework|io\.ktor\.server|javax\.servlet|jakarta\.servlet|io\.micronaut|io\.quarkus/m;

/** The file imports a server framework or a Node built-in: it runs on a server, not in an app or a browser. */
export const importsServerFramework = perModel((model: FileModel): boolean => serverModules.test(model.imports.map(i => i.from).join('\n')));

/** Whether the file belongs to an app (native or browser: it cannot keep a secret) or to server code. Once per model. */
export const clientKind = perModel(clientKindOf);

function clientKindOf(model: FileModel): ClientKind {
  // Android manifests, resources and google-services.json belong to the app.
  if (model.language === 'xml' || model.language === 'json') return 'native';
  const from = model.imports.map(i => i.from).join('\n');
  if (importsServerFramework(model)) return 'server';
  if (/\bprocess\.env\b/.test(model.text) && !/^(react|react-native|expo|@openid\/appauth|vue|@angular)/m.test(from) && model.language !== 'kotlin' && model.language !== 'java') return 'server';
  if (model.language === 'kotlin' || model.language === 'java' || model.language === 'gradle' || model.language === 'properties') return 'native';
  if (/^(react-native|expo|@react-native)/m.test(from)) return 'native';
  return 'browser';
}

/** Related locations for the places a literal is used, other than where it is written. */
export function relatedUses(ctx: RuleContext, uses: Use[], what: (u: Use) => string | undefined): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const u of uses) {
    const msg = what(u);
    if (!msg) continue;
    if (u.related) out.push({ ...u.related, message: msg });
    else if (!u.direct) out.push({ range: offsetToRange(ctx.model.text, u.span), message: msg });
  }
  return out;
}
