// Provider credential formats (rule `hardcoded-credential`). Each entry: keywords for the Aho–Corasick pre-filter,
// a linear-time pattern, an optional validator, and its own true/false examples (checked by the test suite).
// Facts come from the providers' public docs and token announcements; the regexes are ours.
//
// Linearity: every pattern is a literal prefix, bounded character-class runs that are either disjoint from what
// follows or end in a one-character boundary lookahead, and a fixed one-character lookbehind. The worst case per
// start position is bounded by the largest repetition count, and only prefix positions start a match.
//
// Examples that should match are built at run time from obviously fake fillers, so no committed file holds a
// whole key-shaped string (push protection, gitleaks). Checksummed tokens get their real checksum at test time.
import { validGitHubClassic, validNpmToken } from './checksum';
import { isPlaceholder } from './placeholder';

export type SecretService =
  | 'cloud' | 'ai' | 'source' | 'chat' | 'payment' | 'maps' | 'messaging' | 'crypto' | 'database' | 'jwt' | 'other';

export interface SecretFormat {
  id: string;
  provider: string;
  service: SecretService;
  /** Lower-case; the pattern only runs when at least one occurs in the text. */
  keywords: string[];
  /** Global, linear-time. */
  pattern: RegExp;
  /** Capture group holding the secret (default: the whole match). */
  group?: number;
  /** Extra check on the secret (checksum, decoded structure); `match` is the whole regex match. */
  validate?: (secret: string, match: string) => boolean;
  /** Reported as information instead of the rule's level (test-mode keys). */
  level?: 'info';
  /** Google API key: the rule picks the severity from the context (Maps/Firebase vs paid APIs). */
  googleKey?: true;
}

const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';


/** Decodes base64url (or base64) to a Latin-1 string; undefined on a character outside the alphabet. */
function b64decode(s: string): string | undefined {
  let out = '', bits = 0, acc = 0;
  for (const ch of s.replace(/=+$/, '')) {
    const v = ch === '+' ? 62 : ch === '/' ? 63 : B64URL_ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

function jsonObject(s: string | undefined): Record<string, unknown> | undefined {
  if (s === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A JWT whose header is JSON with "alg", whose payload is JSON, and that is not jwt.io's documented sample. */
function validJwt(token: string): boolean {
  const [h, p] = token.split('.');
  const header = jsonObject(b64decode(h));
  const payload = jsonObject(b64decode(p));
  if (!header || typeof header.alg !== 'string' || !payload) return false;
  return !(payload.name === 'John Doe' || payload.sub === '1234567890');
}



/** PEM body: a base64 run long enough to be key material, not `...` or prose. */
const hasKeyMaterial = (block: string): boolean => /[A-Za-z0-9+/]{40}/.test(block);

/** Mixed classes as in a random base64 key (rejects identifiers and hex that happen to be 40 long). */
const looksRandom40 = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9+/]/.test(s);

const DB_NON_SECRETS = new Set(['password', 'pass', 'passwd', 'pwd', 'pw', 'secret', 'user', 'username', 'root']);

/** A connection-string password: not a placeholder or stand-in word, not the user name (`guest:guest` defaults). */
function validDbPassword(pw: string, match: string): boolean {
  const user = /:\/\/([^:]*):/.exec(match)?.[1];
  return !isPlaceholder(pw) && !DB_NON_SECRETS.has(pw.toLowerCase()) && pw !== user;
}

// Boundaries: a secret does not continue a longer token on either side.
const L = '(?<![A-Za-z0-9_-])';
const R = '(?![A-Za-z0-9_-])';
const re = (source: string, flags = 'g') => new RegExp(source, flags);

export const FORMATS: SecretFormat[] = [
  {
    id: 'aws-access-key-id', provider: 'AWS', service: 'cloud',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    // 4-letter type prefix + 16 base32 characters (IAM docs: "AKIA" long-term, "ASIA" temporary).
    pattern: re(`(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])`),
  },
  {
    id: 'aws-secret-access-key', provider: 'AWS', service: 'cloud',
    keywords: ['aws', 'secretaccesskey', 'secret_access_key', 'secret-access-key'],
    // 40 base64 characters, only next to an AWS-ish name or right after an access key id in an argument list
    // (`BasicAWSCredentials("AKIA…", "…")`): alone, 40 base64 characters are any hash.
    pattern: re(
      `(?:(?:aws[\\w.-]{0,24}?secret|secret[_-]?access[_-]?key)[\\w.-]{0,24}["'\`]?\\s{0,4}(?::=|=>|[:=])` +
        `|(?:AKIA|ASIA)[A-Z2-7]{16}["'\`]?\\s{0,4},)\\s{0,4}["'\`]?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      'gi',
    ),
    group: 1,
    validate: looksRandom40,
  },
  {
    id: 'google-api-key', provider: 'Google', service: 'cloud', googleKey: true,
    keywords: ['aiza'],
    pattern: re(`${L}AIza[A-Za-z0-9_-]{35}${R}`),
  },
  {
    id: 'google-oauth-client-secret', provider: 'Google', service: 'cloud',
    keywords: ['gocspx-'],
    pattern: re(`${L}GOCSPX-[A-Za-z0-9_-]{28}${R}`),
  },
  {
    id: 'azure-storage-account-key', provider: 'Azure', service: 'cloud',
    keywords: ['accountkey'],
    // 64 random bytes → 86 base64 characters + "==" in a storage connection string.
    pattern: re(`AccountKey\\s{0,3}=\\s{0,3}([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`, 'gi'),
    group: 1,
  },
  {
    id: 'openai-api-key', provider: 'OpenAI', service: 'ai',
    keywords: ['t3blbkfj'],
    // Every OpenAI secret key (legacy sk-, sk-proj-, sk-svcacct-, sk-admin-) embeds base64("OpenAI") = T3BlbkFJ.
    pattern: re(`${L}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{40,250}${R}`),
    validate: s => s.includes('T3BlbkFJ') && !s.startsWith('sk-ant-'),
  },
  {
    id: 'anthropic-api-key', provider: 'Anthropic', service: 'ai',
    keywords: ['sk-ant-'],
    pattern: re(`${L}sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA${R}`),
  },
  {
    id: 'huggingface-token', provider: 'Hugging Face', service: 'ai',
    keywords: ['hf_'],
    pattern: re(`${L}hf_[A-Za-z]{34}${R}`),
    // Random mixed case, not a snake/camel identifier that happens to start with hf_.
    validate: s => (s.match(/[A-Z]/g)?.length ?? 0) >= 8 && (s.match(/[a-z]/g)?.length ?? 0) >= 8,
  },
  {
    id: 'github-classic-token', provider: 'GitHub', service: 'source',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: re(`(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`),
    validate: validGitHubClassic,
  },
  {
    id: 'github-fine-grained-token', provider: 'GitHub', service: 'source',
    keywords: ['github_pat_'],
    pattern: re(`(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])`),
  },
  {
    id: 'gitlab-token', provider: 'GitLab', service: 'source',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'gloas-'],
    // Personal (legacy 20 chars, or routable: body "." 2+7 chars), deploy, runner, trigger, OAuth app secret.
    pattern: re(
      `${L}(?:glpat-(?:[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{9}|[A-Za-z0-9_-]{20})|gl(?:dt|rt)-[A-Za-z0-9_-]{20}` +
        `|glptt-[0-9a-f]{40}|gloas-[A-Za-z0-9_-]{64})${R}`,
    ),
  },
  {
    id: 'npm-token', provider: 'npm', service: 'source',
    keywords: ['npm_'],
    pattern: re(`(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`),
    validate: validNpmToken,
  },
  {
    id: 'slack-token', provider: 'Slack', service: 'chat',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxe-', 'xapp-'],
    // Bot/user/workspace/refresh tokens: numeric segments, then a random segment; app-level tokens: the xapp
    // prefix, a digit, an upper-case id, a number, hex.
    pattern: re(
      `${L}(?:xox[bpare]-[0-9]{1,16}(?:-[0-9]{1,16}){0,3}-[A-Za-z0-9]{16,64}` +
        `|xapp-[0-9]-[A-Z0-9]{6,16}-[0-9]{6,16}-[a-f0-9]{32,80})${R}`,
    ),
  },
  {
    id: 'slack-webhook', provider: 'Slack', service: 'chat',
    keywords: ['hooks.slack.com'],
    pattern: re(`https?://hooks\\.slack\\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,14}/[A-Za-z0-9]{20,40}(?![A-Za-z0-9])`),
  },
  {
    id: 'stripe-live-key', provider: 'Stripe', service: 'payment',
    keywords: ['sk_live_', 'rk_live_'],
    pattern: re(`(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])`),
  },
  {
    id: 'stripe-test-key', provider: 'Stripe', service: 'payment', level: 'info',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: re(`(?<![A-Za-z0-9_])[sr]k_test_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])`),
  },
  {
    id: 'twilio-api-key', provider: 'Twilio', service: 'messaging',
    keywords: ['sk'],
    // API key SIDs are "SK" + 32 lower-case hex; "AC" + 32 hex is the account SID, an identifier, not a secret.
    pattern: re(`(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])`),
  },
  {
    id: 'sendgrid-api-key', provider: 'SendGrid', service: 'messaging',
    keywords: ['sg.'],
    pattern: re(`(?<![A-Za-z0-9_.-])SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${R}`),
  },
  {
    id: 'mailgun-api-key', provider: 'Mailgun', service: 'messaging',
    keywords: ['key-'],
    pattern: re(`${L}key-[0-9a-f]{32}${R}`),
  },
  {
    id: 'fcm-server-key', provider: 'Firebase Cloud Messaging', service: 'messaging',
    keywords: ['apa91b'],
    // Legacy server key: "AAAA" + 7 chars + ":APA91b" + ~134 chars.
    pattern: re(`${L}AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,200}${R}`),
  },
  {
    id: 'mapbox-secret-token', provider: 'Mapbox', service: 'maps',
    keywords: ['sk.eyj'],
    // Secret tokens are "sk." + base64url JSON ({"u":…,"a":…}) + "." + signature; public ones start "pk." (fine).
    pattern: re(`(?<![A-Za-z0-9_.-])sk\\.eyJ[A-Za-z0-9_-]{10,300}\\.[A-Za-z0-9_-]{20,64}${R}`),
  },
  {
    id: 'private-key', provider: 'PEM/OpenSSH', service: 'crypto',
    keywords: ['private key'],
    // BEGIN … END of the same kind; the body may hold newlines, literal "\n" escapes, quotes and `+` of a string
    // split over lines. The body cannot contain "-----", so it stops at the first marker: no backtracking across.
    pattern: re(
      `-----BEGIN ((?:[A-Z0-9]{1,16} ){0,3})PRIVATE KEY( BLOCK)?-----(?:[^-]|-(?!----)){40,16000}-----END \\1PRIVATE KEY\\2-----`,
    ),
    validate: hasKeyMaterial,
  },
  {
    id: 'jwt', provider: 'JWT', service: 'jwt',
    keywords: ['eyj'],
    pattern: re(`${L}eyJ[A-Za-z0-9_-]{10,1000}\\.eyJ[A-Za-z0-9_-]{10,8000}\\.[A-Za-z0-9_-]{20,2000}${R}`),
    validate: validJwt,
  },
  {
    id: 'database-connection-string', provider: 'Database', service: 'database',
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp'],
    // scheme://user:password@host. The password may hold ':' and '@' (the last '@' before the host wins), not
    // '/', '?', '#' or quotes, which end the authority.
    pattern: re(
      `(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?)://` +
        `([^\\s:@/?#'"\`\\\\]{0,128}):([^\\s/?#'"\`\\\\]{1,256})@[A-Za-z0-9[]`,
    ),
    group: 2,
    validate: validDbPassword,
  },
];
