// The generic rule (`hardcoded-secret`) sees any literal bound to a secret-like name, so it needs two filters that
// the provider formats do not: is the *name* secret-like (and not a name of public data), and is the *value*
// plausibly a secret rather than a name of something, a URL, a sentence or a stand-in.
import { charClasses, shannonEntropy } from './entropy';
import { isPlaceholder } from './placeholder';

// ---------------------------------------------------------------------------------------------------------------
// Names

/** Words of an identifier, lower-cased: camelCase, PascalCase, snake_case, kebab-case, SCREAMING_CASE, dotted. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2') // fooBar, sha256Key → foo Bar, sha256 Key
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // XMLHttp → XML Http
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase());
}

/** Words that make a name secret-like wherever they stand (whole words: `author`, `authority` do not count). */
const SECRET_WORDS = new Set([
  'secret', 'secrets', 'token', 'tokens', 'password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase',
  'credential', 'credentials', 'creds', 'bearer', 'auth', 'authorization', 'apikey', 'apikeys', 'apisecret',
  'apitoken', 'clientsecret', 'privatekey', 'accesskey', 'secretkey', 'authkey', 'authtoken', 'accesstoken',
  'refreshtoken', 'signingkey', 'hmac', 'passcode', 'pin',
]);

/** A substring of every word in SECRET_WORDS, and of `key`. */
const mayBeSecretName = /secret|token|pass|pwd|cred|bearer|auth|key|hmac|pin/i;

/** Words that make a trailing `key` secret-like (`apiKey`, `secret_key`, `SIGNING_KEY`); `key` alone counts too. */
const KEY_QUALIFIERS = new Set([
  'api', 'secret', 'access', 'private', 'signing', 'sign', 'signature', 'hmac', 'encryption', 'encrypt',
  'crypto', 'aes', 'master', 'client', 'consumer', 'auth', 'jwt', 'session', 'license', 'subscription', 'app',
  // Providers whose `*_KEY` is a credential (`OPENAI_KEY`, `stripeKey`).
  'openai', 'anthropic', 'claude', 'gemini', 'cohere', 'mistral', 'groq', 'replicate', 'huggingface', 'hf', 'deepseek',
  'elevenlabs', 'pinecone', 'stripe', 'paypal', 'braintree', 'square', 'twilio', 'sendgrid', 'mailgun', 'slack',
  'github', 'gitlab', 'firebase', 'google', 'aws', 'azure', 'mapbox', 'algolia', 'sentry', 'pusher', 'shopify',
]);

/** Trailing words that only version or locate a name (`API_KEY_V2`, `tokenProd`): the word before decides. */
const SUFFIX_WORDS = new Set(['v', 'new', 'old', 'prod', 'production', 'dev', 'debug', 'release', 'staging', 'live', 'backup', 'alt', 'primary', 'secondary']);

/** Last words that make a name denote public data, metadata or the name of something. */
const PUBLIC_LAST_WORDS = new Set([
  'id', 'ids', 'uuid', 'guid', 'name', 'names', 'version', 'header', 'headers', 'url', 'urls', 'uri', 'uris',
  'endpoint', 'endpoints', 'type', 'types', 'length', 'len', 'count', 'size', 'prefix', 'suffix', 'mask',
  'pattern', 'regex', 'regexp', 'format', 'label', 'hint', 'message', 'msg', 'field', 'param', 'params', 'query',
  'column', 'event', 'action', 'path', 'file', 'filename', 'dir', 'directory', 'class', 'placeholder', 'title',
  'text', 'description', 'error', 'policy', 'scope', 'scopes', 'expiry', 'expiration', 'ttl', 'timeout',
]);

/** First words of constants that name preference/intent/bundle keys and intent actions (Android conventions). */
const PUBLIC_FIRST_WORDS = new Set(['public', 'pref', 'prefs', 'key', 'extra', 'arg', 'args', 'action']);

/**
 * A name of public data or of something (not a value): `*_id`/`*Id`, `*_name`, `*_version`, `*Header`, `*Url`,
 * `public*`, preference/intent keys `PREF_*`, `KEY_*`, `EXTRA_*`, `ARG_*`… (the prefix rules need 2+ words);
 * and keys that are public by design, which their vendor tells you to ship in the app: anything *publishable*
 * (`stripe_publishable_key`, `STRIPE_PUBLISHABLE_KEY_LIVE`) and Facebook's client token
 * (`facebook_client_token`, `com.facebook.sdk.ClientToken`, `fbClientToken`).
 */
export function isPublicName(name: string): boolean {
  const words = splitWords(name);
  if (words.length === 0) return false;
  if (PUBLIC_LAST_WORDS.has(words[words.length - 1])) return true;
  if (words.length >= 2 && PUBLIC_FIRST_WORDS.has(words[0]) && !isKeyPassword(words)) return true;
  if (words.includes('publishable') || isFacebookClientToken(words)) return true;
  return words[0] === 'public'; // `publicKey` alone too
}

/** Words that name a password. */
const PASSWORD_WORDS = new Set(['password', 'pass', 'passwd', 'pwd', 'passphrase']);

/**
 * The password of a signing key or key store (`keyPassword`, `key_password`, `keyStorePassword`: Gradle's
 * `signingConfigs`, Android's classic leak), not a preference key named `KEY_…`.
 */
function isKeyPassword(words: string[]): boolean {
  return words[0] === 'key' && PASSWORD_WORDS.has(words[words.length - 1]) && words.slice(1, -1).every(w => w === 'store');
}

/** `facebook … client token` / `fb … client token`: the Facebook SDK's client token, embedded in every app using it. */
function isFacebookClientToken(words: string[]): boolean {
  const client = words.findIndex((w, i) => (w === 'client' && words[i + 1] === 'token') || w === 'clienttoken');
  return client > 0 && words.slice(0, client).some(w => w === 'facebook' || w === 'fb');
}

/**
 * A name that suggests its value is a credential: `apiKey`, `api_key`, `SECRET`, `authToken`, `db_password`,
 * `X-Api-Key`, `client_secret`, exactly `key`. Public names (see isPublicName) are never secret names, so
 * `TOKEN_HEADER_NAME`, `public_key_id` and `PREF_ACCESS_TOKEN` are not.
 */
export function isSecretName(name: string): boolean {
  // Every secret word and `key` holds one of these: most names are answered without splitting them.
  if (!mayBeSecretName.test(name)) return false;
  // `TOKEN2`, `apiKey2`, `API_KEY_V2`: digits and version words at the end do not change what the name holds.
  const words = splitWords(name).map(w => w.replace(/\d+$/, '')).filter(Boolean);
  while (words.length > 1 && SUFFIX_WORDS.has(words[words.length - 1])) words.pop();
  if (words.length === 0 || isPublicName(name)) return false;
  if (words.some(w => SECRET_WORDS.has(w))) return true;
  const last = words[words.length - 1];
  if (words.length === 1) return last === 'key';
  if (last === 'key' || last === 'keys') return words.slice(0, -1).some(w => KEY_QUALIFIERS.has(w));
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/**
 * Keys whose format says they are public by design, made to be shipped in apps and web pages: Stripe's (and
 * Clerk's) publishable keys `pk_live_…`/`pk_test_…`, Mapbox public tokens `pk.eyJ…`. Their secret counterparts
 * (`sk_live_…`, `rk_live_…`, `sk.eyJ…`) are provider formats that hardcoded-credential reports under any name.
 */
export function isPublishableKeyValue(value: string): boolean {
  return /^pk_(?:live|test)_[A-Za-z0-9$=_-]{8,}$/.test(value) || /^pk\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{8,}$/.test(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9A-F]{32}|[0-9A-F]{40}|[0-9A-F]{64})$/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/|^(?:mailto|tel|data|file|urn|content|android\.resource):/i;
const EMAIL = /^[^@\s]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const DOMAIN = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/;
const FILE_NAME = /^[\w.-]+\.(?:png|jpe?g|gif|svg|webp|ico|json|xml|ya?ml|txt|md|html?|css|js|mjs|cjs|ts|tsx|jsx|kt|kts|java|gradle|properties|pem|crt|cer|der|p12|pfx|jks|keystore|key|pub|der|zip|jar|aar|apk|so|db|sqlite|csv|pdf|mp3|mp4|wav|ttf|otf|woff2?)$/i;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][0-9A-Za-z.-]+)?$/;
/** Letters and digits in words, joined by single separators: `access_token`, `X-Session-Token`, `__proto__`. */
const IDENTIFIER_CHARS = /^[_$]*[A-Za-z0-9]+(?:[-_.:/]{1,2}[A-Za-z0-9]+)*[_$]*$/;

/** Lowercase/uppercase hex of a common digest length (MD5, SHA-1, SHA-256) — also how opaque ids often look. */
export function isLikelyHash(value: string): boolean {
  return HEX_HASH.test(value);
}

/** Common words without a vowel that still occur in names (`httpClient`, `XML_PARSER`, `jwtSecret`). */
const VOWELLESS_WORDS = new Set([
  'http', 'https', 'html', 'jwks', 'pkcs', 'smtp', 'xsrf', 'csrf', 'grpc', 'mtls', 'html5', 'xhtml', 'ssml',
]);

/** Short words that are words (`is`, `of`, `to` in i18n keys like `A_rest_parameter_must_be_last_in_a_list`). */
const COMMON_SHORT = new Set([
  'a', 'an', 'as', 'at', 'be', 'by', 'do', 'go', 'if', 'in', 'is', 'it', 'no', 'of', 'on', 'or', 'so', 'to', 'up',
  'we', 'me', 'my', 'id', 'ui', 'io', 'db', 'js', 'ts', 'os', 'ok', 'vs', 'eg', 'ie', 'am', 'pm', 'x', 'y', 'z',
]);

/**
 * A name-like value: an identifier, a constant or header name, an i18n key, an algorithm name (`HmacSHA256`).
 * Random strings fail one of three tests: digits only end a word (`v2`, `oauth2`, `ES2022`); in camelCase, words
 * of four or more letters have a vowel (or are a known vowel-less word); words of one or two letters that are not
 * common short words are rare.
 */
export function isIdentifierLike(value: string): boolean {
  if (!IDENTIFIER_CHARS.test(value) || !/[A-Za-z]/.test(value) || /\d[a-z]/.test(value)) return false;
  const words = splitWords(value).map(w => w.replace(/\d+$/, '')).filter(Boolean);
  // The vowel test is for camel/Pascal shapes only: snake and kebab words are separated on purpose (`jspm_x`).
  const camel = /[a-z]/.test(value) && /[A-Z]/.test(value) && !/[-_.:/]/.test(value);
  if (camel && words.some(w => w.length >= 4 && !/[aeiouy]/.test(w) && !VOWELLESS_WORDS.has(w))) return false;
  const tiny = words.filter(w => w.length <= 2 && !COMMON_SHORT.has(w)).length;
  return tiny * 3 <= words.length + 1;
}

/** `/etc/x`, `./a/b.json`, `com/example/app/R`: every segment is a name or a file name. */
function isPathLike(value: string): boolean {
  const rooted = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|\\\\)/.test(value);
  if (!rooted && !value.includes('/')) return false;
  const segments = value.replace(/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\|\\\\)/, '').split(/[/\\]/);
  return segments.every(seg => /^\.{0,2}$/.test(seg) || isIdentifierLike(seg.replace(/^@/, '')) || FILE_NAME.test(seg));
}

/**
 * Could this literal, bound to a secret-like name, be a real secret? Decisions:
 * - 8–512 characters, printable ASCII, no whitespace (sentences and i18n text fail here).
 * - Not a placeholder, URL, path, file name, e-mail, domain, version, UUID, identifier or number.
 * - Enough variety for its length: below 12 characters all of lower, upper, digit/symbol must occur (so
 *   `password123` and `hunter2hunter` are NOT plausible: a dictionary word plus digits is a demo value, and
 *   reporting every such test fixture would drown the real findings); 12–19 characters need 2+ classes and
 *   3.0 bits/char; 20+ need 3.0 bits/char, or 3.5 when only one class occurs (long lowercase runs are words).
 * - Hex digests pass (many API keys are 32 hex); callers use isLikelyHash with the name to decide.
 */
export function isPlausibleSecretValue(value: string): boolean {
  const n = value.length;
  if (n < 8 || n > 512) return false;
  if (!/^[\x21-\x7e]+$/.test(value)) return false;
  if (isPlaceholder(value)) return false;
  if (URL_LIKE.test(value) || EMAIL.test(value) || DOMAIN.test(value) || FILE_NAME.test(value)) return false;
  if (VERSION.test(value) || UUID.test(value)) return false;
  if (/^[\d\s.,:+\-/]+$/.test(value)) return false; // numbers, dates, phone numbers
  if (isIdentifierLike(value) || isPathLike(value)) return false;
  // Code fragments: `).toString(`, `a.join(`, `[apiKey]`, `#password`.
  if (/\(\)|\)\.|\.[A-Za-z_$][\w$]*\(/.test(value)) return false;
  // Code and markup: brackets, separators and template variables (`getX(app?)`, `meta[name=viewport]`,
  // `multiline={true}`, `group:artifact:$kotlinVersion`) — generated secrets use none of these.
  if (/[{}()[\]<>,;|`]/.test(value) || /\$[a-z][A-Za-z]{3,}/.test(value)) return false;
  const core = value.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (core !== value && (core.length === 0 || isIdentifierLike(core))) return false;
  if (isLikelyHash(value)) return true;
  const c = charClasses(value);
  const h = shannonEntropy(value);
  if (n < 12) return c.lower > 0 && c.upper > 0 && c.digit + c.symbol > 0 && h >= 2.5;
  if (n < 20) return c.kinds >= 2 && h >= 3.0;
  return h >= (c.kinds >= 2 ? 3.0 : 3.5);
}
