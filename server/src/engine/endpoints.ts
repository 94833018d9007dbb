// Where a URL is used as an HTTP/WebSocket endpoint that the code connects to: the API names as data, one table
// for every language, so a rule asks "is this value an endpoint?" once.
import type { CallSite, ValueContext } from './model/model';

interface EndpointCall {
  callee: RegExp;
  /** Receiver chain (joined with '.') must match, when given. */
  receiver?: RegExp;
  /** Only `new X(…)` / Kotlin constructor calls. */
  ctor?: boolean;
  /** Argument positions that hold the URL. */
  args?: number[];
  /** Object keys (first key from the value outward) that hold the URL in the call's options. */
  keys?: RegExp;
  /** The file must also contain one of these (e.g. `openConnection` for `URL(…)`), checked on the text. */
  needs?: RegExp;
  what: string;
}

const clientReceivers = /^(axios|http|https|\$http|this\.\$?http|httpClient|this\.httpClient|client|this\.client|api|this\.api|instance|got|ky|superagent|needle|request|\$|jQuery)$/;

const endpointCalls: EndpointCall[] = [
  // JVM
  { callee: /^baseUrl$/, args: [0], what: 'base URL (Retrofit / WebClient builder)' },
  { callee: /^url$/, receiver: /(Builder\(\)|^(builder|requestBuilder|reqBuilder|request|req))$/i, args: [0], what: 'request URL (OkHttp Request.Builder)' },
  { callee: /^URL$/, ctor: true, args: [0], needs: /\b(openConnection|openStream|readText|readBytes)\b/, what: 'URL opened with openConnection' },
  { callee: /^(newBuilder|uri)$/, receiver: /^HttpRequest$|newBuilder\(\)$|[Bb]uilder$/, args: [0], what: 'java.net.http request URI' },
  { callee: /^Http(Get|Post|Put|Delete|Patch|Head)$/, ctor: true, args: [0], what: 'Apache HttpClient request' },
  { callee: /^(StringRequest|JsonObjectRequest|JsonArrayRequest|ImageRequest)$/, ctor: true, args: [0, 1], what: 'Volley request' },
  { callee: /^(getForObject|getForEntity|postForObject|postForEntity|postForLocation|patchForObject|exchange)$/, receiver: /(restTemplate|template|rest)$/i, args: [0], what: 'RestTemplate request' },
  { callee: /^create$/, receiver: /^WebClient$/, args: [0], what: 'WebClient base URL' },
  // Ktor client, axios, Angular HttpClient, got, ky, superagent, jQuery
  { callee: /^(get|post|put|patch|delete|head|options|request|prepareGet|preparePost|submitForm|getJSON|ajax)$/, receiver: clientReceivers, args: [0], what: 'HTTP client request' },
  { callee: /^fetch$/, receiver: /^(|window|globalThis|self)$/, args: [0], what: 'fetch request' },
  { callee: /^axios$/, args: [0], keys: /^(url|baseURL)$/, what: 'axios request' },
  { callee: /^(create|extend)$/, receiver: /^(axios|ky|got|ofetch|\$fetch|apisauce)$/, keys: /^(baseURL|baseUrl|prefixUrl|prefixURL)$/, what: 'HTTP client base URL' },
  { callee: /^ajax$/, receiver: /^(\$|jQuery)$/, keys: /^url$/, what: 'jQuery.ajax request' },
  { callee: /^open$/, receiver: /(xhr|XMLHttpRequest|request|req)$/i, args: [1], what: 'XMLHttpRequest' },
  { callee: /^(WebSocket|EventSource)$/, ctor: true, args: [0], what: 'WebSocket / EventSource connection' },
  { callee: /^(HttpLink|createHttpLink|ApolloClient|GraphQLClient)$/, args: [0], keys: /^(uri|url)$/, what: 'GraphQL endpoint' },
  { callee: /^(OpenAI|Anthropic)$/, keys: /^baseURL$/, what: 'API client base URL' },
];

function matches(e: EndpointCall, call: CallSite, ctx: ValueContext, text: string): boolean {
  if (!e.callee.test(call.callee)) return false;
  if (e.ctor && !call.isConstructor) return false;
  if (e.receiver && !e.receiver.test(call.receiver.join('.'))) return false;
  const byArg = ctx.keyPath.length === 0 && ctx.argName === undefined && ctx.argIndex !== undefined && !!e.args?.includes(ctx.argIndex);
  const byKey = ctx.keyPath.length === 1 && !!e.keys?.test(ctx.keyPath[0]);
  if (!byArg && !byKey) return false;
  return !e.needs || e.needs.test(text);
}

/** What kind of endpoint a value is used as (for the message), or undefined when it is not used as one. */
export function endpointUse(ctx: ValueContext, fileText: string): string | undefined {
  const call = ctx.call;
  if (!call) return undefined;
  return endpointCalls.find(e => matches(e, call, ctx, fileText))?.what;
}
