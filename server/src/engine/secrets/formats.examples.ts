// True and false examples for every provider format of formats.ts, checked by the test suite. Kept apart from the
// table so the shipped bundle holds none of them: esbuild folds `'AKIA' + '…'` into one key-shaped string, which
// secret scanners (vsce's among them) would find in the .vsix.
//
// Examples that should match are built at run time from obviously fake fillers, so no committed file holds a
// whole key-shaped string (push protection, gitleaks). Checksummed tokens get their real checksum at test time.
import { makeGitHubClassic, makeNpmToken } from './checksum';

export interface FormatExamples { match: Array<string | (() => string)>; noMatch: string[] }

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

function fakeJwt(): string {
  const header = b64url('{"alg":"HS256","typ":"JWT"}');
  const payload = b64url('{"sub":"fake-user","scope":"TEST ONLY","iat":1700000000}');
  return [header, payload, fill(43, 'FAKEsignature0TEST1ONLY_-')].join('.');
}

function pemBlock(kind: string, nl: string): string {
  const lines = Array.from({ length: 6 }, (_, i) => fill(64, `${B64}${i}`));
  return [`-----BEGIN ${kind}PRIVATE KEY-----`, ...lines, `-----END ${kind}PRIVATE KEY-----`].join(nl);
}

/** Format id → its examples. */
export const formatExamples: Record<string, FormatExamples> = {
  'aws-access-key-id': {
  match: [() => 'AKIA' + 'FAKETEST2ONLY777', () => 'ASIA' + 'TESTONLY2FAKE777'],
  noMatch: ['AKIA' + 'IOSFODNN7EXAMPLE', 'AKIA' + 'XXXXXXXXXXXXXXXX', 'AKIA', 'AKIA1234', 'xAKIA' + 'FAKETEST2ONLY777z'],
},
  'aws-secret-access-key': {
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
  'google-api-key': {
  match: [() => 'AIza' + fill(35, 'FAKE0TEST1ONLY2_-fake'), () => 'AIza' + fill(35, 'TEST_ONLY-fake0')],
  noMatch: ['AIza', 'AIzaSyEXAMPLE' + fill(24), 'AIza' + 'x'.repeat(35), 'AIza' + fill(34)],
},
  'google-oauth-client-secret': { match: [() => 'GOCSPX-' + fill(28)], noMatch: ['GOCSPX-', 'GOCSPX-' + 'X'.repeat(28), 'GOCSPX-' + fill(20)] },
  'azure-storage-account-key': {
  match: [() => `DefaultEndpointsProtocol=https;AccountName=fakeacct;AccountKey=${fill(86, B64)}==;EndpointSuffix=core.windows.net`],
  noMatch: ['AccountKey=<storage-key>', 'AccountKey=' + fill(40, B64) + '=='],
},
  'openai-api-key': {
  match: [
    () => join('sk-', fill(20, 'FAKE0TEST1ONLY2'), 'T3BlbkFJ', fill(20, 'fake3test4only5')),
    () => join('sk-proj-', fill(74, 'FAKE_TEST-ONLY0'), 'T3BlbkFJ', fill(74, 'fake_test-only1')),
    () => join('sk-svcacct-', fill(58), 'T3BlbkFJ', fill(58)),
  ],
  noMatch: ['sk-', 'sk-proj-', 'sk-' + fill(48), 'task-' + fill(20) + 'T3BlbkFJ' + fill(20)],
},
  'anthropic-api-key': {
  match: [() => join('sk-ant-api03-', fill(93, 'FAKE-TEST_ONLY0fake1'), 'AA'), () => join('sk-ant-admin01-', fill(93), 'AA')],
  noMatch: ['sk-ant-api03-', 'sk-ant-api03-' + fill(60) + 'AA', 'sk-ant-api03-' + fill(93) + 'BB'],
},
  'huggingface-token': {
  match: [() => 'hf_' + fill(34, LETTERS)],
  noMatch: ['hf_', 'hf_' + 'loadPretrainedModelFromLocalCachex', 'hf_' + fill(30, LETTERS)],
},
  'github-classic-token': {
  match: [
    () => makeGitHubClassic('ghp', fill(30, 'FAKE0TEST1ONLY')),
    () => makeGitHubClassic('gho', fill(30, 'fake0test1only')),
    () => makeGitHubClassic('ghs', fill(30, 'TEST0000FAKE')),
  ],
  // Right shape, wrong checksum.
  noMatch: ['ghp_' + fill(36, 'FAKE0TEST1ONLY'), 'ghp_', 'ghp_' + fill(20)],
},
  'github-fine-grained-token': {
  match: [() => join('github_pat_', fill(22), '_', fill(59, 'fake0TEST1only2'))],
  noMatch: ['github_pat_', 'github_pat_' + fill(22) + '_' + fill(40)],
},
  'gitlab-token': {
  match: [
    () => 'glpat-' + fill(20),
    () => join('glpat-', fill(27, 'FAKE_TEST-ONLY0'), '.', '01', 'fake0tst'.slice(0, 7)),
    () => 'gldt-' + fill(20, 'fakeTEST0only1'),
    () => 'glptt-' + fill(40, HEX),
  ],
  noMatch: ['glpat-', 'glpat-' + 'XXXXXXXXXXX-XXXXXXXX', 'glpat-' + fill(12)],
},
  'npm-token': {
  match: [() => makeNpmToken(fill(30, 'FAKE0TEST1ONLY2'))],
  noMatch: ['npm_' + fill(36, 'FAKE0TEST1ONLY2'), 'npm_', 'npm_install_dependencies_for_project'],
},
  'slack-token': {
  match: [
    () => join('xoxb-', '0000000000', '-', '1111111111111', '-', fill(24)),
    () => join('xoxp-', '1000000001-2000000002-3000000003-', fill(32, HEX)),
    () => join('xapp-1-', 'AFAKE0TEST', '-', '1234567890123', '-', fill(64, HEX)),
  ],
  noMatch: ['xoxb-', 'xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx', 'xoxb-12345-abcd234', 'xoxb-Slack_BOT_TOKEN'],
},
  'slack-webhook': {
  match: [() => join('https://hooks.slack.com/services/', 'T0FAKE000', '/', 'B0TEST000', '/', fill(24))],
  noMatch: ['https://hooks.slack.com/services/', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
},
  'stripe-live-key': {
  match: [() => ['sk', 'live', fill(24)].join('_'), () => ['rk', 'live', fill(99)].join('_')],
  noMatch: ['sk_live_', 'sk_live_' + '*'.repeat(24), 'sk_live_' + '0'.repeat(24), 'pk_live_' + fill(24)],
},
  'stripe-test-key': { match: [() => ['sk', 'test', fill(24)].join('_')], noMatch: ['sk_test_', 'pk_test_' + fill(24)] },
  'twilio-api-key': { match: [() => 'SK' + HEX], noMatch: ['AC' + HEX, 'SK' + HEX.toUpperCase(), 'SK' + HEX.slice(0, 20)] },
  'sendgrid-api-key': { match: [() => join('SG.', fill(22), '.', fill(43, 'fake_TEST-only0'))], noMatch: ['SG.', 'SG.' + fill(22) + '.' + fill(20)] },
  'mailgun-api-key': { match: [() => 'key-' + HEX], noMatch: ['key-' + 'x'.repeat(32), 'api-key-header', 'key-' + fill(32)] },
  'fcm-server-key': { match: [() => join('AAAA', 'FAKE0te', ':APA91b', fill(134))], noMatch: ['AAAA:APA91b', 'AAAAFAKE0te:APA91b' + fill(40)] },
  'mapbox-secret-token': {
  match: [() => join('sk.', b64url('{"u":"fake-user","a":"TESTONLY0"}'), '.', fill(22))],
  noMatch: ['pk.' + b64url('{"u":"fake-user","a":"TESTONLY0"}') + '.' + fill(22), 'sk.eyJ'],
},
  'private-key': {
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
  'jwt': {
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
  'database-connection-string': {
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
};
