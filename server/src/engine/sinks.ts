// Where a value becomes a credential, a signing key or an OAuth client secret. The API names live here as data
// (one table per kind, every language together), so each secret rule is written once.
import type { CallSite, ValueContext } from './model/model';
import { wordLookup } from './rules/memo';

export type SinkKind = 'signing-key' | 'client-secret' | 'credential';

export interface Sink {
  kind: SinkKind;
  /** Short description of the place, for messages and related locations ("HMAC key of SecretKeySpec"). */
  what: string;
}

interface CallSinkEntry {
  callee: string;
  /** Receiver chain must match (joined with '.'), when given. */
  receiver?: RegExp;
  /** Argument positions (or names) that are sinks. */
  args: (number | string)[];
  what: string;
}

const signingCalls: CallSinkEntry[] = [
  { callee: 'SecretKeySpec', args: [0], what: 'key of SecretKeySpec' },
  { callee: 'IvParameterSpec', args: [0], what: 'constant IV (IvParameterSpec)' },
  { callee: 'GCMParameterSpec', args: [1], what: 'constant IV (GCMParameterSpec)' },
  { callee: 'hmacShaKeyFor', args: [0], what: 'JWT key (Keys.hmacShaKeyFor)' },
  { callee: 'signWith', args: [0, 1], what: 'JWT signing key (signWith)' },
  { callee: 'setSigningKey', args: [0], what: 'JWT key (setSigningKey)' },
  { callee: 'verifyWith', args: [0], what: 'JWT verification key (verifyWith)' },
  { callee: 'decryptWith', args: [0], what: 'JWT key (decryptWith)' },
  { callee: 'HMAC256', receiver: /Algorithm$/, args: [0], what: 'JWT HMAC secret (Algorithm.HMAC256)' },
  { callee: 'HMAC384', receiver: /Algorithm$/, args: [0], what: 'JWT HMAC secret (Algorithm.HMAC384)' },
  { callee: 'HMAC512', receiver: /Algorithm$/, args: [0], what: 'JWT HMAC secret (Algorithm.HMAC512)' },
  { callee: 'sign', receiver: /^(jwt|jsonwebtoken|JWT|jsonWebToken)$/, args: [1], what: 'JWT secret (jwt.sign)' },
  { callee: 'verify', receiver: /^(jwt|jsonwebtoken|JWT|jsonWebToken)$/, args: [1], what: 'JWT secret (jwt.verify)' },
  { callee: 'sign', receiver: /SignJWT|^new SignJWT|\)$/, args: [0], what: 'JWT signing key (jose SignJWT.sign)' },
  { callee: 'jwtVerify', args: [1], what: 'JWT verification key (jose jwtVerify)' },
  { callee: 'createHmac', args: [1], what: 'HMAC key (crypto.createHmac)' },
  { callee: 'createSecretKey', args: [0], what: 'secret key (crypto.createSecretKey)' },
  { callee: 'createCipheriv', args: [1, 2], what: 'cipher key or IV (crypto.createCipheriv)' },
  { callee: 'createDecipheriv', args: [1, 2], what: 'cipher key or IV (crypto.createDecipheriv)' },
];

const clientSecretCalls: CallSinkEntry[] = [
  { callee: 'ClientSecretBasic', args: [0], what: 'AppAuth ClientSecretBasic' },
  { callee: 'ClientSecretPost', args: [0], what: 'AppAuth ClientSecretPost' },
  { callee: 'ClientSecretJwt', args: [0], what: 'AppAuth ClientSecretJwt' },
  { callee: 'setClientSecret', args: [0], what: 'OAuth client secret (setClientSecret)' },
  { callee: 'clientSecret', args: [0], what: 'OAuth client secret (clientSecret)' },
];

const credentialCalls: CallSinkEntry[] = [
  { callee: 'OpenAI', args: ['token', 'apiKey', 0], what: 'OpenAI client key' },
  { callee: 'OpenAIConfig', args: ['token', 'apiKey', 0], what: 'OpenAI client key' },
  { callee: 'apiKey', args: [0], what: 'SDK client key (apiKey)' },
  { callee: 'GenerativeModel', args: ['apiKey', 1], what: 'Google AI GenerativeModel key' },
  { callee: 'basic', receiver: /Credentials$/, args: [1], what: 'HTTP Basic password (Credentials.basic)' },
  { callee: 'setApiKey', args: [0], what: 'SDK client key (setApiKey)' },
  { callee: 'withApiKey', args: [0], what: 'SDK client key (withApiKey)' },
  { callee: 'bearerAuth', args: [0], what: 'bearer token (bearerAuth)' },
  { callee: 'setBearerAuth', args: [0], what: 'bearer token (setBearerAuth)' },
  { callee: 'setBasicAuth', args: [1], what: 'HTTP Basic password (setBasicAuth)' },
  { callee: 'PasswordAuthentication', args: [1], what: 'password (PasswordAuthentication)' },
];

/** Header-setting calls: (name, value). */
const headerCallees = new Set(['addHeader', 'header', 'setHeader', 'setRequestProperty', 'addRequestProperty', 'set', 'append', 'put', 'headers', 'add']);
const isHeaderCallee = wordLookup([...headerCallees].map(c => [c, true] as const));
/** Headers whose value is a credential. */
export const credentialHeaders = /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-goog-api-key|x-rapidapi-key|ocp-apim-subscription-key|x-functions-key|private-token|x-figma-token|x-riot-token|x-cmc_pro_api_key|x-secret|x-api-secret|x-client-secret)$/i;
/** Object keys that hold an SDK key in a constructor's options (`new OpenAI({ apiKey })`). */
const sdkKeyNames = /^(apiKey|api_key|authToken|accessToken|token)$/;
const sdkConstructors = /^(OpenAI|Anthropic|Groq|Mistral|MistralClient|Cohere|CohereClient|Replicate|HfInference|GoogleGenerativeAI|GoogleGenAI|Stripe|Twilio|Pinecone|Configuration|ElevenLabsClient|Together|DeepSeek|OpenAIApi|Client|createClient)$/;

function argMatches(entry: CallSinkEntry, ctx: ValueContext): boolean {
  return entry.args.some(a => typeof a === 'number' ? ctx.argName === undefined && ctx.argIndex === a : ctx.argName === a);
}

/** A table's entries by callee, in table order: most calls match no entry and are answered by one lookup. */
type CallSinkIndex = (callee: string) => CallSinkEntry[] | undefined;

function indexByCallee(table: CallSinkEntry[]): CallSinkIndex {
  const out = new Map<string, CallSinkEntry[]>();
  for (const e of table) out.set(e.callee, [...(out.get(e.callee) ?? []), e]);
  return wordLookup(out);
}

const signingIndex = indexByCallee(signingCalls);
const clientSecretIndex = indexByCallee(clientSecretCalls);
const credentialIndex = indexByCallee(credentialCalls);

function matchCall(table: CallSinkIndex, call: CallSite, ctx: ValueContext): CallSinkEntry | undefined {
  const entries = table(call.callee);
  if (!entries || ctx.keyPath.length) return undefined;
  let recv: string | undefined;
  return entries.find(e => (!e.receiver || e.receiver.test(recv ??= call.receiver.join('.'))) && argMatches(e, ctx));
}

/** Name of the header a value is set for, when the value is a header value. */
export function headerNameOf(ctx: ValueContext): string | undefined {
  const call = ctx.call;
  if (call && ctx.argIndex === 1 && isHeaderCallee(call.callee) && ctx.keyPath.length === 0) return call.args[0]?.stringValue;
  // `headers: { Authorization: v }` (fetch, axios, Headers), `mapOf("Authorization" to v)`
  if (ctx.nameKind === 'key' && ctx.keyPath.length >= 1) {
    const inHeaders = ctx.keyPath.slice(1).some(k => /^headers$/i.test(k)) || (call && /^(Headers|mapOf|hashMapOf|mutableMapOf|headersOf|of)$/.test(call.callee));
    if (inHeaders || credentialHeaders.test(ctx.keyPath[0])) return ctx.keyPath[0];
  }
  return undefined;
}

export function classifySink(ctx: ValueContext): Sink | undefined {
  const call = ctx.call;
  if (call) {
    const s = matchCall(signingIndex, call, ctx);
    if (s) return { kind: 'signing-key', what: s.what };
    const c = matchCall(clientSecretIndex, call, ctx);
    if (c) return { kind: 'client-secret', what: c.what };
    const k = matchCall(credentialIndex, call, ctx);
    if (k) return { kind: 'credential', what: k.what };
    // `new OpenAI({ apiKey: … })`
    if (call.isConstructor && ctx.keyPath.length === 1 && sdkKeyNames.test(ctx.keyPath[0]) && sdkConstructors.test(call.callee)) {
      return { kind: 'credential', what: `${call.callee} client key` };
    }
  }
  const header = headerNameOf(ctx);
  if (header && credentialHeaders.test(header)) return { kind: 'credential', what: `${header} header` };
  if (ctx.name && /client[_-]?secret$/i.test(ctx.name)) {
    return { kind: 'client-secret', what: `${ctx.name} of an OAuth configuration` };
  }
  if (call && ctx.argIndex === 1 && /^client_secret$/.test(call.args[0]?.stringValue ?? '') && /^(add|append|put|set|param|addFormDataPart|formParam|parameter|addQueryParameter|appendQueryParameter)$/.test(call.callee)) {
    return { kind: 'client-secret', what: 'client_secret parameter of a token request' };
  }
  // `Stripe.apiKey = "…"`
  if (ctx.nameKind === 'assign' && ctx.name === 'apiKey') return { kind: 'credential', what: 'SDK client key (apiKey)' };
  return undefined;
}

/** Contexts that tie a value to Google Maps / Firebase, where a restricted Google key is the intended use. */
export function isMapsOrFirebaseContext(ctx: ValueContext): boolean {
  const name = ctx.name ?? '';
  if (/maps|places|geo|firebase|google_api_key|googleApiKey|google_crash_reporting_api_key|gcm|fcm/i.test(name)) return true;
  // google-services.json: `client[].api_key[].current_key` is the app's Firebase key.
  if (name === 'current_key' && ctx.keyPath[1] === 'api_key') return true;
  const call = ctx.call;
  if (!call) return false;
  const recv = call.receiver.join('.');
  if (call.callee === 'initialize' && /Places|MapsInitializer/.test(recv)) return true;
  if (call.callee === 'setApiKey' && /FirebaseOptions|Builder/.test(recv)) return true;
  if (call.callee === 'initializeApp' || call.callee === 'FirebaseOptions') return true;
  if (/^(GeoApiContext|GoogleMap|MapView|PlacesClient)$/.test(call.callee)) return true;
  return false;
}

/** Maps / Places / Firebase SDK initialisation: a restricted key handed to the SDK it was made for (the intended use, not reported). */
export function isMapsOrFirebaseInit(ctx: ValueContext): boolean {
  const call = ctx.call;
  if (!call) return false;
  const recv = call.receiver.join('.');
  if (/^(initialize|initializeWithNewPlacesApiEnabled)$/.test(call.callee) && /(^|\.)(Places|MapsInitializer)$/.test(recv)) return true;
  if (call.callee === 'setApiKey' && /FirebaseOptions/.test(recv)) return true;
  return call.callee === 'initializeApp' || call.callee === 'FirebaseOptions';
}

/** Google Maps Platform and Firebase endpoints, where a restricted browser/app key is the documented use. */
export function isMapsOrFirebaseUrl(url: string): boolean {
  return /^\s*https?:\/\/(?:[\w-]+\.)*(?:(?:maps|places|roads|routes|geocoding-backend|addressvalidation|airquality|pollen|solar|tile|mapsplatformdatasets|firebase\w*|identitytoolkit|securetoken|fcmregistrations)\.googleapis\.com|firebaseio\.com|firebaseapp\.com|firebasedatabase\.app)(?:[/:?#]|$)/i.test(url);
}

/** URL query parameters whose value is a credential (`key=`, `appid=`, `api_key=`, `access_token=`, …). */
export const credentialQueryParams = /^(key|api_?key|apikey|api-key|appid|app_?key|app_?id_?key|access_?token|token|auth_?token|client_?secret|secret|subscription-key|x-api-key)$/i;

/** Calls that add a query parameter (name, value): OkHttp HttpUrl.Builder, Android Uri.Builder, URLSearchParams, Ktor `parameter`. */
const queryParamCallees = /^(addQueryParameter|addEncodedQueryParameter|setQueryParameter|setEncodedQueryParameter|appendQueryParameter|parameter|queryParam)$/;

/** Name of the URL query parameter a value is set for, when the value is one (`appendQueryParameter("key", v)`, `new URLSearchParams({ appid: v })`, axios `params: { key: v }`). */
export function queryParamNameOf(ctx: ValueContext): string | undefined {
  const call = ctx.call;
  if (!call) return undefined;
  const recv = call.receiver.join('.');
  if (ctx.keyPath.length === 0 && ctx.argIndex === 1) {
    if (queryParamCallees.test(call.callee)) return call.args[0]?.stringValue;
    if (/^(set|append)$/.test(call.callee) && /(^|\.)(searchParams|params|query|queryParams|urlParams|qs)$/i.test(recv)) return call.args[0]?.stringValue;
  }
  if (ctx.nameKind === 'key' && ctx.keyPath.length === 1 && call.callee === 'URLSearchParams') return ctx.keyPath[0];
  if (ctx.nameKind === 'key' && ctx.keyPath.length >= 2 && ctx.keyPath[1] === 'params') return ctx.keyPath[0];
  return undefined;
}
