import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isTestPath } from '../../server/src/engine/index';

const tests = [
  'app/src/test/java/com/x/AuthTest.kt', 'app/src/androidTest/java/com/x/Flow.kt', 'src/__tests__/login.ts',
  'src/login.test.ts', 'src/login.spec.tsx', 'src/login_test.ts', 'src/login-spec.js', 'javatests/net/openid/appauth/RequestTest.java',
  'lib/src/main/java/com/x/SignerTests.java', 'test/fixtures/keys.ts',
];
const sources = [
  'app/src/main/java/com/x/Auth.kt', 'src/login.ts', 'src/testing-utils.ts', 'src/contest.ts', 'src/latest.js',
  'app/src/main/java/com/x/Attestation.kt', 'src/protest/Form.tsx',
];

test('test sources are recognised by their folder or name', () => {
  assert.deepEqual(tests.filter(p => !isTestPath(p)), []);
});

test('ordinary sources are not test sources', () => {
  assert.deepEqual(sources.filter(p => isTestPath(p)), []);
});
