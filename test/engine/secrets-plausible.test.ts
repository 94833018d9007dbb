import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  isLikelyHash, isPlausibleSecretValue, isPublicName, isSecretName, splitWords,
} from '../../server/src/engine/secrets/plausible';
import { isPlaceholder } from '../../server/src/engine/secrets/placeholder';
import { charClasses, shannonEntropy } from '../../server/src/engine/secrets/entropy';
import { findFormats } from '../../server/src/engine/secrets/find';

test('splitWords', () => {
  const cases: Array<[string, string[]]> = [
    ['apiKey', ['api', 'key']],
    ['API_KEY', ['api', 'key']],
    ['X-Api-Key', ['x', 'api', 'key']],
    ['clientID', ['client', 'id']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['sha256Key', ['sha256', 'key']],
    ['oauth2_client_secret', ['oauth2', 'client', 'secret']],
    ['android:menu:actionviewstates', ['android', 'menu', 'actionviewstates']],
    ['__proto__', ['proto']],
    ['', []],
  ];
  for (const [name, words] of cases) assert.deepEqual(splitWords(name), words, name);
});

test('secret-like names', () => {
  const secret = [
    'apiKey', 'api_key', 'APIKEY', 'apikey', 'secret', 'SECRET', 'clientSecret', 'client_secret', 'token', 'authToken',
    'accessToken', 'REFRESH_TOKEN', 'password', 'db_password', 'passwd', 'pwd', 'userPass', 'passphrase', 'auth',
    'authKey', 'basicAuth', 'credentials', 'credential', 'private_key', 'privateKey', 'access_key', 'accessKey',
    'secretKey', 'bearer', 'bearerToken', 'signingKey', 'hmacKey', 'HMAC_SECRET', 'key', 'KEY', 'X-Api-Key',
    'STRIPE_SECRET_KEY', 'encryptionKey', 'Authorization', 'sessionToken', 'MAPS_API_KEY',
    'PASSWORD4', 'TOKEN2', 'apiKey2', 'password2', 'API_KEY_V2', 'authTokenProd', 'OPENAI_KEY', 'stripeKey', 'GITHUB_KEY',
    'keyPassword', 'key_password', 'KEY_PASSWORD', 'keyPass', 'keyPwd', 'keyStorePassword', 'storePassword',
  ];
  const notSecret = [
    'author', 'authority', 'authorize', 'authorName', 'monkey', 'keyboard', 'keys', 'hotkey', 'sortKey', 'cacheKey',
    'ACTION_VIEW_STATES_KEY', 'primaryKey', 'foreignKey', 'tokenizer', 'passenger', 'compass', 'bypass', 'username',
    'email', 'currency', 'retryPolicy', 'sync', 'upload', 'handler', 'keyV2', 'primaryKey2', 'STRIPE_KEY_ID',
  ];
  for (const n of secret) assert.ok(isSecretName(n), `${n} should be secret-like`);
  for (const n of notSecret) assert.ok(!isSecretName(n), `${n} should not be secret-like`);
});

test('public names win over secret words', () => {
  const pub = [
    'clientId', 'client_id', 'CLIENT_ID', 'keyId', 'paymentProfileId', 'tokenName', 'SECRET_NAME', 'app_version',
    'TOKEN_HEADER_NAME', 'authHeader', 'tokenUrl', 'TOKEN_URI', 'tokenEndpoint', 'tokenType', 'passwordLength',
    'tokenCount', 'TOKEN_PREFIX', 'PASSWORD_MASK', 'passwordPattern', 'PASSWORD_REGEX', 'dateFormat', 'passwordLabel',
    'passwordHint', 'errorMessage', 'passwordField', 'tokenParam', 'LOGIN_QUERY', 'passwordColumn', 'tokenEvent',
    'ACTION_TOKEN', 'keyPath', 'keyFile', 'secretsDir', 'TokenClass', 'public_key_id', 'publicKey', 'PUBLIC_TOKEN',
    'PREF_ACCESS_TOKEN', 'PREF_REFRESH_TOKEN', 'KEY_API_KEY', 'EXTRA_TOKEN', 'ARG_PASSWORD', 'publishableKey',
    'KEY_ACCESS_TOKEN', 'KEY_USER_PASSWORD', 'keyTokenPassword',
  ];
  for (const n of pub) {
    assert.ok(isPublicName(n), `${n} should be public`);
    assert.ok(!isSecretName(n), `${n} is public, so not secret`);
  }
  for (const n of ['apiKey', 'secret', 'key', 'password', 'keyboard']) assert.ok(!isPublicName(n), n);
});

test('placeholders', () => {
  const yes = [
    '', '   ', 'YOUR_API_KEY', 'your-api-key', '<token>', '<YOUR TOKEN>', 'changeme', 'CHANGE_ME', '${API_KEY}',
    'prefix-${env.KEY}', '{{ secret }}', '#{password}', '%s', 'key=%1$s', 'TODO', 'todo', 'example', 'my-example-key',
    'dummy', 'xxx', 'xxxxxxxxxxxx', '***', '**********', '•••••', 'test', 'test_1', 'sample', 'replace_me', 'REPLACE_WITH_KEY',
    'insert_key_here', 'insert-your-token-here', 'aaaaaaaa', 'abcabcabc', '123456789', '1234567890', 'abcdefgh',
    'abcdef123456', '@password', ':password', '?', '$1', '$API_KEY', 'password', 'secret', 'none', 'null', '...',
    'placeholder', 'REDACTED',
  ];
  const no = [
    'k7Qx2mZp9LwV4tRb8NcY1sJd', 'Qm9vZ2llV29vZ2llLXNwYS1zZWNyZXQtMjAyNg', 'aB3/key9xQ', 'Tr0ub4dor&3', 'latest-build-7Hq',
    'hunter2Secure!Pass99', 'Zq8v-token-Lr2Xw9Tn',
  ];
  for (const v of yes) assert.ok(isPlaceholder(v), `${JSON.stringify(v)} is a placeholder`);
  for (const v of no) assert.ok(!isPlaceholder(v), `${JSON.stringify(v)} is not a placeholder`);
});

test('plausible secret values', () => {
  const yes = [
    'k7Qx2mZp9LwV4tRb8NcY1sJd', // random 24, mixed classes
    'Qm9vZ2llV29vZ2llLXNwYS1zZWNyZXQtMjAyNg', // base64 client secret (tp-appauth-js-client-secret)
    'R4nd0m-S3cr3t_Str1ng', 'p9Xk2Lm7Qw4Zr8Tn', 'wq8Z+3k/Pm1xV9bR7tLc0s', 'Tr0ub4dor&3x',
    '9f2c4e71a0b83d56e4f1c2a7b9d0e368', // hex: plausible, callers decide with isLikelyHash + the name
    '4be8c1d09f7a36e25b1c0d4f8a9e7b63c2d5f1a0',
    'QmZxWkLpTrNvBsYd', // random letters in PascalCase-like shape are not an identifier
    'ab12CD34ef56GH78', 'x9#Lq2!vR7@m',
  ];
  const no = [
    // too short / too long / whitespace / non-ASCII
    'aB3$x9', 'a'.repeat(513), 'correct horse battery staple', 'Пароль123456', 'mot de passe',
    // placeholders and masks
    'YOUR_API_KEY', '**********', '${DB_PASSWORD}', '{{token}}', '@password', '<api-key>',
    // URLs, paths, files, e-mails, domains
    'https://api.example.com/v1', 'content://settings/secure', '/etc/secrets/db', './config/keys.json',
    'com/example/app/R', 'keystore.jks', 'release.keystore', 'ops@example.com', 'api.example.com',
    // identifiers and names of things
    'refreshAccessTokenIfExpiredOrMissing', 'getPagesInWorkspaceSpaceAndChildren', 'onUserProfileAvatarUploadCompleted',
    'access_token', 'refresh_token_v2', 'android:menu:actionviewstates', 'apiKey', 'X-Session-Token',
    'PAYMENTS_DB_PASSWORD', 'Authorization', 'HmacSHA256', 'login.error.invalid_password', 'HTTPClientFactory',
    // ids, versions, numbers, dates
    '123e4567-e89b-12d3-a456-426614174000', '1.2.3-beta.1', 'v10.4.2', '20240131', '2024-01-31T10:00:00',
    '+1-555-0100-2233',
    // weak demo values (documented decision: a word plus digits is not reported by the generic rule)
    'password123', 'hunter2hunter', 'qwertyuiop', 'letmein2024', 'admin1234', 'Welcome1',
    // low-variety long strings
    'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb', 'abababababababababab',
  ];
  for (const v of yes) assert.ok(isPlausibleSecretValue(v), `${v} should be plausible`);
  for (const v of no) assert.ok(!isPlausibleSecretValue(v), `${v.slice(0, 60)} should not be plausible`);
});

test('isLikelyHash: hex digests of common lengths only', () => {
  for (const v of ['9f2c4e71a0b83d56e4f1c2a7b9d0e368', '3f9a1c27be4d8e05a6c1f2b3d4e5f60718293a4b', 'ab'.repeat(32), 'AB'.repeat(16)]) {
    assert.ok(isLikelyHash(v), v);
  }
  for (const v of ['9f2c4e71a0b83d56e4f1c2a7b9d0e36', 'g'.repeat(32), 'aB'.repeat(16), 'k7Qx2mZp9LwV4tRb8NcY1sJd']) {
    assert.ok(!isLikelyHash(v), v);
  }
});

test('entropy and character classes', () => {
  assert.equal(shannonEntropy(''), 0);
  assert.equal(shannonEntropy('aaaa'), 0);
  assert.equal(shannonEntropy('abab'), 1);
  assert.equal(shannonEntropy('0123456789abcdef'), 4);
  assert.deepEqual(charClasses('aB3$ é'), { lower: 1, upper: 1, digit: 1, symbol: 1, other: 2, kinds: 4 });
  assert.equal(charClasses('abc').kinds, 1);
});

// Every literal of the shared false-positive cases (/work/shared/cases/fp-*), with the name it is bound to.
// Each must be either not a secret name, a public name, or not a plausible value — and no provider format.
const FP_CASES: Array<{ file: string; name: string; value: string }> = [
  { file: 'fp-android-pref-keys/Prefs.java', name: 'PREF_ACCESS_TOKEN', value: 'access_token' },
  { file: 'fp-android-pref-keys/Prefs.java', name: 'PREF_REFRESH_TOKEN', value: 'refresh_token_v2' },
  { file: 'fp-android-pref-keys/Prefs.java', name: 'ACTION_VIEW_STATES_KEY', value: 'android:menu:actionviewstates' },
  { file: 'fp-android-pref-keys/Prefs.java', name: 'KEY_API_KEY', value: 'apiKey' },
  { file: 'fp-hex-id-ts/checkout.ts', name: 'paymentProfileId', value: '9f2c4e71a0b83d56e4f1c2a7b9d0e368' },
  { file: 'fp-hex-id-ts/checkout.ts', name: 'currency', value: 'EUR' },
  { file: 'fp-hex-id-ts/checkout.ts', name: '', value: '${…}/profiles/${…}' },
  { file: 'fp-identifiers/wiki.ts', name: 'sync', value: 'getPagesInWorkspaceSpaceAndChildren' },
  { file: 'fp-identifiers/wiki.ts', name: 'upload', value: 'onUserProfileAvatarUploadCompleted' },
  { file: 'fp-identifiers/wiki.ts', name: 'tokenRefresh', value: 'refreshAccessTokenIfExpiredOrMissing' },
  { file: 'fp-names-not-values/Settings.kt', name: 'SECRET_NAME', value: 'PAYMENTS_DB_PASSWORD' },
  { file: 'fp-names-not-values/Settings.kt', name: 'app_version', value: '3f9a1c27be4d8e05a6c1f2b3d4e5f60718293a4b' },
  { file: 'fp-names-not-values/Settings.kt', name: 'public_key_id', value: 'k7Qx2mZp9LwV4tRb8NcY1sJd' },
  { file: 'fp-names-not-values/Settings.kt', name: 'TOKEN_HEADER_NAME', value: 'X-Session-Token' },
  { file: 'fp-password-handling/Accounts.java', name: 'PASSWORD_MASK', value: '**********' },
  { file: 'fp-password-handling/Accounts.java', name: 'LOGIN_QUERY', value: 'SELECT id FROM users WHERE name=@name AND Password=@password' },
];

test('shared false-positive cases: no literal is a reportable generic secret or a provider format', () => {
  for (const { file, name, value } of FP_CASES) {
    const reportable = isSecretName(name) && !isPublicName(name) && isPlausibleSecretValue(value);
    assert.ok(!reportable, `${file}: ${name} = ${value}`);
    assert.deepEqual(findFormats(value), [], `${file}: ${value}`);
  }
  // The reasons, pinned: names of things are not plausible values; public names stay public.
  for (const v of ['access_token', 'refresh_token_v2', 'android:menu:actionviewstates', 'apiKey', 'PAYMENTS_DB_PASSWORD',
    'X-Session-Token', '**********', 'refreshAccessTokenIfExpiredOrMissing', 'EUR']) {
    assert.ok(!isPlausibleSecretValue(v), v);
  }
  for (const n of ['paymentProfileId', 'app_version', 'public_key_id', 'SECRET_NAME', 'TOKEN_HEADER_NAME', 'PASSWORD_MASK', 'PREF_ACCESS_TOKEN', 'KEY_API_KEY']) {
    assert.ok(isPublicName(n), n);
  }
});

test('the table above holds every plain literal of the shared fp-* files', () => {
  // out/test/engine → repository root → ../shared/cases (absent outside the project workspace: nothing to check).
  const cases = join(__dirname, '..', '..', '..', '..', 'shared', 'cases');
  if (!existsSync(cases)) return;
  const known = new Set(FP_CASES.map(c => c.value));
  for (const dir of readdirSync(cases).filter(d => d.startsWith('fp-'))) {
    for (const file of readdirSync(join(cases, dir))) {
      const text = readFileSync(join(cases, dir, file), 'utf8');
      for (const m of text.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/g)) {
        const value = m[1] ?? m[2];
        assert.ok(known.has(value), `${dir}/${file}: literal ${JSON.stringify(value)} is missing from FP_CASES`);
      }
    }
  }
});

test('shared true-positive cases: the values the other rules rely on', () => {
  // tp-appauth-js-client-secret: client_secret with a base64 value.
  assert.ok(isSecretName('client_secret'));
  assert.ok(isPlausibleSecretValue('Qm9vZ2llV29vZ2llLXNwYS1zZWNyZXQtMjAyNg'));
  // tp-*-const-key: `KEY` holding 40 hex (the signing-key rule reports it whatever its shape).
  assert.ok(isSecretName('KEY'));
  assert.ok(isLikelyHash('4be8c1d09f7a36e25b1c0d4f8a9e7b63c2d5f1a0'));
});
