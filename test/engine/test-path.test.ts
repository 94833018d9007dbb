import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isTestPath, pathFactsOf } from '../../server/src/engine/index';

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

test('pathFactsOf: test sources and debug source sets of a path from the project root', () => {
  assert.deepEqual(pathFactsOf('app/src/debug/res/xml/network_security_config.xml'), { test: false, debugSourceSet: true });
  assert.deepEqual(pathFactsOf('app/src/freeDebug/AndroidManifest.xml'), { test: false, debugSourceSet: true });
  assert.deepEqual(pathFactsOf('app/src/test/java/com/x/Fixtures.kt'), { test: true, debugSourceSet: false });
  assert.deepEqual(pathFactsOf('app/src/main/res/xml/network_security_config.xml'), { test: false, debugSourceSet: false });
  // A path relative to a folder below the project shows neither: callers pass the path from the project root.
  assert.deepEqual(pathFactsOf('debug/res/xml/network_security_config.xml'), { test: false, debugSourceSet: false });
});
