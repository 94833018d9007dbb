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
import { makeGitHubClassic, makeNpmToken, validGitHubClassic, validNpmToken } from './checksum';
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
  examples: { match: Array<string | (() => string)>; noMatch: string[] };
}

// --- example builders (deterministic, visibly fake) ---------------------------------------------------------

const FILLER = 'FAKE0TEST1ONLY2fake3test4only5';
/** `len` characters of visibly fake filler drawn from `src`. */
const fill = (len: number, src = FILLER): string => src.repeat(Math.ceil(len / src.length)).slice(0, len);
const HEX = 'facade00deadbeefc0ffee000badf00d';
const LETTERS = 'FAKEtestONLYfakeTESTonly';
const B64 = 'FAKE0TEST1ONLY2fake3test4only5+/';
const join = (...parts: string[]) => parts.join('');

const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url of an ASCII string, no padding (for JWT examples). */
function b64url(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const n = (s.charCodeAt(i) << 16) | ((s.charCodeAt(i + 1) || 0) << 8) | (s.charCodeAt(i + 2) || 0);
    const chars = Math.min(4, Math.ceil(((s.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64URL_ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

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

function fakeJwt(): string {
  const header = b64url('{"alg":"HS256","typ":"JWT"}');
  const payload = b64url('{"sub":"fake-user","scope":"TEST ONLY","iat":1700000000}');
  return [header, payload, fill(43, 'FAKEsignature0TEST1ONLY_-')].join('.');
}

function pemBlock(kind: string, nl: string): string {
  const lines = Array.from({ length: 6 }, (_, i) => fill(64, `${B64}${i}`));
  return [`-----BEGIN ${kind}PRIVATE KEY-----`, ...lines, `-----END ${kind}PRIVATE KEY-----`].join(nl);
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
    examples: {
      match: [() => 'AKIA' + 'FAKETEST2ONLY777', () => 'ASIA' + 'TESTONLY2FAKE777'],
      noMatch: ['AKIA' + 'IOSFODNN7EXAMPLE', 'AKIA' + 'XXXXXXXXXXXXXXXX', 'AKIA', 'AKIA1234', 'xAKIA' + 'FAKETEST2ONLY777z'],
    },
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
    examples: {
      match: [
        () => `aws_secret_access_key = ${fill(40, B64)}`,
        () => `AWS_SECRET_ACCESS_KEY="${fill(40, 'TEST0fake1ONLY2FAKE3/+')}"`,
        () => `credentials: { accessKeyId: id, secretAccessKey: '${fill(40, 'Fake1Test2Only3+')}' }`,
        () => `new BasicAWSCredentials("AKIA${'FAKETEST2ONLY777'}", "${fill(40, 'onlyTEST9fake8/')}")`,
      ],
      noMatch: [
        'aws_secret_access_key = ' + 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY',
        'aws_secret_access_key = ${AWS_SECRET}',
        'const digest = "' + fill(40, HEX) + '"',
        'aws_secret_access_key = ' + 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn',
      ],
    },
  },
  {
    id: 'google-api-key', provider: 'Google', service: 'cloud', googleKey: true,
    keywords: ['aiza'],
    pattern: re(`${L}AIza[A-Za-z0-9_-]{35}${R}`),
    examples: {
      match: [() => 'AIza' + fill(35, 'FAKE0TEST1ONLY2_-fake'), () => 'AIza' + fill(35, 'TEST_ONLY-fake0')],
      noMatch: ['AIza', 'AIzaSyEXAMPLE' + fill(24), 'AIza' + 'x'.repeat(35), 'AIza' + fill(34)],
    },
  },
  {
    id: 'google-oauth-client-secret', provider: 'Google', service: 'cloud',
    keywords: ['gocspx-'],
    pattern: re(`${L}GOCSPX-[A-Za-z0-9_-]{28}${R}`),
    examples: { match: [() => 'GOCSPX-' + fill(28)], noMatch: ['GOCSPX-', 'GOCSPX-' + 'X'.repeat(28), 'GOCSPX-' + fill(20)] },
  },
  {
    id: 'azure-storage-account-key', provider: 'Azure', service: 'cloud',
    keywords: ['accountkey'],
    // 64 random bytes → 86 base64 characters + "==" in a storage connection string.
    pattern: re(`AccountKey\\s{0,3}=\\s{0,3}([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`, 'gi'),
    group: 1,
    examples: {
      match: [() => `DefaultEndpointsProtocol=https;AccountName=fakeacct;AccountKey=${fill(86, B64)}==;EndpointSuffix=core.windows.net`],
      noMatch: ['AccountKey=<storage-key>', 'AccountKey=' + fill(40, B64) + '=='],
    },
  },
  {
    id: 'openai-api-key', provider: 'OpenAI', service: 'ai',
    keywords: ['t3blbkfj'],
    // Every OpenAI secret key (legacy sk-, sk-proj-, sk-svcacct-, sk-admin-) embeds base64("OpenAI") = T3BlbkFJ.
    pattern: re(`${L}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{40,250}${R}`),
    validate: s => s.includes('T3BlbkFJ') && !s.startsWith('sk-ant-'),
    examples: {
      match: [
        () => join('sk-', fill(20, 'FAKE0TEST1ONLY2'), 'T3BlbkFJ', fill(20, 'fake3test4only5')),
        () => join('sk-proj-', fill(74, 'FAKE_TEST-ONLY0'), 'T3BlbkFJ', fill(74, 'fake_test-only1')),
        () => join('sk-svcacct-', fill(58), 'T3BlbkFJ', fill(58)),
      ],
      noMatch: ['sk-', 'sk-proj-', 'sk-' + fill(48), 'task-' + fill(20) + 'T3BlbkFJ' + fill(20)],
    },
  },
  {
    id: 'anthropic-api-key', provider: 'Anthropic', service: 'ai',
    keywords: ['sk-ant-'],
    pattern: re(`${L}sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA${R}`),
    examples: {
      match: [() => join('sk-ant-api03-', fill(93, 'FAKE-TEST_ONLY0fake1'), 'AA'), () => join('sk-ant-admin01-', fill(93), 'AA')],
      noMatch: ['sk-ant-api03-', 'sk-ant-api03-' + fill(60) + 'AA', 'sk-ant-api03-' + fill(93) + 'BB'],
    },
  },
  {
    id: 'huggingface-token', provider: 'Hugging Face', service: 'ai',
    keywords: ['hf_'],
    pattern: re(`${L}hf_[A-Za-z]{34}${R}`),
    // Random mixed case, not a snake/camel identifier that happens to start with hf_.
    validate: s => (s.match(/[A-Z]/g)?.length ?? 0) >= 8 && (s.match(/[a-z]/g)?.length ?? 0) >= 8,
    examples: {
      match: [() => 'hf_' + fill(34, LETTERS)],
      noMatch: ['hf_', 'hf_' + 'loadPretrainedModelFromLocalCachex', 'hf_' + fill(30, LETTERS)],
    },
  },
  {
    id: 'github-classic-token', provider: 'GitHub', service: 'source',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: re(`(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`),
    validate: validGitHubClassic,
    examples: {
      match: [
        () => makeGitHubClassic('ghp', fill(30, 'FAKE0TEST1ONLY')),
        () => makeGitHubClassic('gho', fill(30, 'fake0test1only')),
        () => makeGitHubClassic('ghs', fill(30, 'TEST0000FAKE')),
      ],
      // Right shape, wrong checksum.
      noMatch: ['ghp_' + fill(36, 'FAKE0TEST1ONLY'), 'ghp_', 'ghp_' + fill(20)],
    },
  },
  {
    id: 'github-fine-grained-token', provider: 'GitHub', service: 'source',
    keywords: ['github_pat_'],
    pattern: re(`(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])`),
    examples: {
      match: [() => join('github_pat_', fill(22), '_', fill(59, 'fake0TEST1only2'))],
      noMatch: ['github_pat_', 'github_pat_' + fill(22) + '_' + fill(40)],
    },
  },
  {
    id: 'gitlab-token', provider: 'GitLab', service: 'source',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'gloas-'],
    // Personal (legacy 20 chars, or routable: body "." 2+7 chars), deploy, runner, trigger, OAuth app secret.
    pattern: re(
      `${L}(?:glpat-(?:[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{9}|[A-Za-z0-9_-]{20})|gl(?:dt|rt)-[A-Za-z0-9_-]{20}` +
        `|glptt-[0-9a-f]{40}|gloas-[A-Za-z0-9_-]{64})${R}`,
    ),
    examples: {
      match: [
        () => 'glpat-' + fill(20),
        () => join('glpat-', fill(27, 'FAKE_TEST-ONLY0'), '.', '01', 'fake0tst'.slice(0, 7)),
        () => 'gldt-' + fill(20, 'fakeTEST0only1'),
        () => 'glptt-' + fill(40, HEX),
      ],
      noMatch: ['glpat-', 'glpat-' + 'XXXXXXXXXXX-XXXXXXXX', 'glpat-' + fill(12)],
    },
  },
  {
    id: 'npm-token', provider: 'npm', service: 'source',
    keywords: ['npm_'],
    pattern: re(`(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`),
    validate: validNpmToken,
    examples: {
      match: [() => makeNpmToken(fill(30, 'FAKE0TEST1ONLY2'))],
      noMatch: ['npm_' + fill(36, 'FAKE0TEST1ONLY2'), 'npm_', 'npm_install_dependencies_for_project'],
    },
  },
  {
    id: 'slack-token', provider: 'Slack', service: 'chat',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxe-', 'xapp-'],
    // Bot/user/workspace/refresh tokens: numeric segments, then a random segment; app-level tokens: xapp-N-A…-N-hex.
    pattern: re(
      `${L}(?:xox[bpare]-[0-9]{1,16}(?:-[0-9]{1,16}){0,3}-[A-Za-z0-9]{16,64}` +
        `|xapp-[0-9]-[A-Z0-9]{6,16}-[0-9]{6,16}-[a-f0-9]{32,80})${R}`,
    ),
    examples: {
      match: [
        () => join('xoxb-', '0000000000', '-', '1111111111111', '-', fill(24)),
        () => join('xoxp-', '1000000001-2000000002-3000000003-', fill(32, HEX)),
        () => join('xapp-1-', 'AFAKE0TEST', '-', '1234567890123', '-', fill(64, HEX)),
      ],
      noMatch: ['xoxb-', 'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx', 'xoxb-12345-abcd234', 'xoxb-Slack_BOT_TOKEN'],
    },
  },
  {
    id: 'slack-webhook', provider: 'Slack', service: 'chat',
    keywords: ['hooks.slack.com'],
    pattern: re(`https?://hooks\\.slack\\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,14}/[A-Za-z0-9]{20,40}(?![A-Za-z0-9])`),
    examples: {
      match: [() => join('https://hooks.slack.com/services/', 'T0FAKE000', '/', 'B0TEST000', '/', fill(24))],
      noMatch: ['https://hooks.slack.com/services/', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
    },
  },
  {
    id: 'stripe-live-key', provider: 'Stripe', service: 'payment',
    keywords: ['sk_live_', 'rk_live_'],
    pattern: re(`(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])`),
    examples: {
      match: [() => ['sk', 'live', fill(24)].join('_'), () => ['rk', 'live', fill(99)].join('_')],
      noMatch: ['sk_live_', 'sk_live_' + '*'.repeat(24), 'sk_live_' + '0'.repeat(24), 'pk_live_' + fill(24)],
    },
  },
  {
    id: 'stripe-test-key', provider: 'Stripe', service: 'payment', level: 'info',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: re(`(?<![A-Za-z0-9_])[sr]k_test_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])`),
    examples: { match: [() => ['sk', 'test', fill(24)].join('_')], noMatch: ['sk_test_', 'pk_test_' + fill(24)] },
  },
  {
    id: 'twilio-api-key', provider: 'Twilio', service: 'messaging',
    keywords: ['sk'],
    // API key SIDs are "SK" + 32 lower-case hex; "AC" + 32 hex is the account SID, an identifier, not a secret.
    pattern: re(`(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])`),
    examples: { match: [() => 'SK' + HEX], noMatch: ['AC' + HEX, 'SK' + HEX.toUpperCase(), 'SK' + HEX.slice(0, 20)] },
  },
  {
    id: 'sendgrid-api-key', provider: 'SendGrid', service: 'messaging',
    keywords: ['sg.'],
    pattern: re(`(?<![A-Za-z0-9_.-])SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${R}`),
    examples: { match: [() => join('SG.', fill(22), '.', fill(43, 'fake_TEST-only0'))], noMatch: ['SG.', 'SG.' + fill(22) + '.' + fill(20)] },
  },
  {
    id: 'mailgun-api-key', provider: 'Mailgun', service: 'messaging',
    keywords: ['key-'],
    pattern: re(`${L}key-[0-9a-f]{32}${R}`),
    examples: { match: [() => 'key-' + HEX], noMatch: ['key-' + 'x'.repeat(32), 'api-key-header', 'key-' + fill(32)] },
  },
  {
    id: 'fcm-server-key', provider: 'Firebase Cloud Messaging', service: 'messaging',
    keywords: ['apa91b'],
    // Legacy server key: "AAAA" + 7 chars + ":APA91b" + ~134 chars.
    pattern: re(`${L}AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,200}${R}`),
    examples: { match: [() => join('AAAA', 'FAKE0te', ':APA91b', fill(134))], noMatch: ['AAAA:APA91b', 'AAAAFAKE0te:APA91b' + fill(40)] },
  },
  {
    id: 'mapbox-secret-token', provider: 'Mapbox', service: 'maps',
    keywords: ['sk.eyj'],
    // Secret tokens are "sk." + base64url JSON ({"u":…,"a":…}) + "." + signature; public ones start "pk." (fine).
    pattern: re(`(?<![A-Za-z0-9_.-])sk\\.eyJ[A-Za-z0-9_-]{10,300}\\.[A-Za-z0-9_-]{20,64}${R}`),
    examples: {
      match: [() => join('sk.', b64url('{"u":"fake-user","a":"TESTONLY0"}'), '.', fill(22))],
      noMatch: ['pk.' + b64url('{"u":"fake-user","a":"TESTONLY0"}') + '.' + fill(22), 'sk.eyJ'],
    },
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
    examples: {
      match: [
        () => pemBlock('', '\n'),
        () => pemBlock('RSA ', '\\n'),
        () => pemBlock('OPENSSH ', '\r\n'),
        () => pemBlock('EC ', '\\n" +\n    "'),
      ],
      noMatch: [
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\n<your key here, base64 encoded, several lines long>\n-----END PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\n' + fill(64, B64) + '\n-----END PUBLIC KEY-----',
        'const header = "-----BEGIN PRIVATE KEY-----";',
      ],
    },
  },
  {
    id: 'jwt', provider: 'JWT', service: 'jwt',
    keywords: ['eyj'],
    pattern: re(`${L}eyJ[A-Za-z0-9_-]{10,1000}\\.eyJ[A-Za-z0-9_-]{10,8000}\\.[A-Za-z0-9_-]{20,2000}${R}`),
    validate: validJwt,
    examples: {
      match: [fakeJwt],
      noMatch: [
        // jwt.io's documented sample, split so no file holds it whole.
        ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
          'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.'),
        // Header without "alg".
        [b64url('{"typ":"JWT","kid":"k"}'), b64url('{"sub":"x"}'), fill(43)].join('.'),
        // Unsigned.
        [b64url('{"alg":"none"}'), b64url('{"sub":"x"}'), ''].join('.'),
      ],
    },
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
    examples: {
      match: [
        // Split so that this file holds no whole connection string with a password (AuthLint scans itself).
        () => join('postgres://app', ':FAKEpass0TESTONLY', '@db.internal:5432/orders'),
        () => join('mongodb+srv://svc', ':FAKEmongo0TESTonly', '@cluster0.fake.mongodb.net/app'),
        () => join('redis://', ':FakeRedis0TestOnly', '@cache:6379/0'),
        () => join('amqp://worker', ':Fak3:pa@ss0TEST', '@mq.internal'),
      ],
      noMatch: [
        'postgres://user:${DB_PASSWORD}@host/db',
        'mongodb+srv://admin:<password>@cluster0.mongodb.net',
        'mysql://root:password@localhost/db',
        'redis://:****@cache:6379',
        'amqp://guest:guest@localhost',
        'postgresql://localhost:5432/app',
        'postgres://user:pass@host/db',
      ],
    },
  },
];
