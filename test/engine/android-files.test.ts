// Android XML and google-services.json at the model level: which paths are claimed, the exact spans saxes events
// are turned into, suppression comments in XML, and robustness — every prefix of a file being typed, garbage,
// binary, deep nesting, the size and time guards. Rule behaviour is in test/rules/*.test.ts (tables per file kind).
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, engineReady, settings } from '../helpers/engine';
import { rng } from '../helpers/random';
import { analyzeFile, languageOf } from '../../server/src/engine/index';
import { buildModel } from '../../server/src/engine/model/build';
import { maskBareAmpersands, androidUnescape } from '../../server/src/engine/model/xml';
import { cleartextPermissions, userTrustAnchors } from '../../server/src/engine/android';
import { nestingDepth } from '../../server/src/engine/jsonTree';
import { setParseBudget } from '../../server/src/engine/parse/parsers';

before(engineReady);

const KEY = 'Zq8vLr2Xw9TnB4kPm7Yc1HdS';
const manifestPath = 'app/src/main/AndroidManifest.xml';
const manifest = `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <application
        android:label="Shop &amp; Co"
        android:usesCleartextTraffic="true">
        <meta-data android:name="com.example.PARTNER_API_KEY" android:value="${KEY}" />
        <activity android:name=".MainActivity" android:exported="true" />
    </application>
</manifest>
`;

const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('languageOf claims only the Android XML files and google-services.json', () => {
  const claimed: Record<string, string | undefined> = {
    'app/src/main/AndroidManifest.xml': 'xml',
    'app/src/debug/AndroidManifest.xml': 'xml',
    'app/src/main/res/values/strings.xml': 'xml',
    'app/src/main/res/values-night/keys.xml': 'xml',
    'app/src/main/res/values-b+sr+Latn/strings.xml': 'xml',
    'app/src/main/res/xml/network_security_config.xml': 'xml',
    'C:\\shop\\app\\src\\main\\res\\values\\strings.xml': 'xml',
    'app/google-services.json': 'json',
    'app/src/release/google-services.json': 'json',
    'app/src/main/res/layout/activity_main.xml': undefined,
    'app/src/main/res/drawable/icon.xml': undefined,
    'app/src/main/res/values/nested/strings.xml': undefined,
    'values/strings.xml': undefined,
    'res/values/strings.json': undefined,
    'pom.xml': undefined,
    'package.json': undefined,
    'tsconfig.json': undefined,
    'AndroidManifest.xml.orig': undefined,
    'google-services.json.template': undefined,
  };
  assert.deepEqual(Object.fromEntries(Object.keys(claimed).map(p => [p, languageOf(p)])), claimed);
});

test('XML model: literals on exact attribute values, bound to their names; meta-data values to android:name', () => {
  const m = buildModel(manifestPath, 'xml', manifest);
  const lits = m.literals.map(l => [l.ctx.name, slice(manifest, l.contentSpan), l.value, slice(manifest, l.span)[0]]);
  assert.deepEqual(lits, [
    ['label', 'Shop &amp; Co', 'Shop & Co', '"'],
    ['usesCleartextTraffic', 'true', 'true', '"'],
    ['name', 'com.example.PARTNER_API_KEY', 'com.example.PARTNER_API_KEY', '"'],
    ['com.example.PARTNER_API_KEY', KEY, KEY, '"'],
    ['name', '.MainActivity', '.MainActivity', '"'],
    ['exported', 'true', 'true', '"'],
  ]);
  assert.deepEqual(m.xml!.elements.map(e => [e.name, e.parent, slice(manifest, e.span).slice(0, 12)]), [
    ['manifest', undefined, '<manifest xm'],
    ['application', 0, '<application'],
    ['meta-data', 1, '<meta-data a'],
    ['activity', 1, '<activity an'],
  ]);
  const app = m.xml!.elements[1];
  assert.ok(slice(manifest, app.span).endsWith('</application>'));
  assert.deepEqual(app.attributes.map(a => [a.name, a.local, a.android]), [['android:label', 'label', true], ['android:usesCleartextTraffic', 'usesCleartextTraffic', true]]);
  assert.equal(m.syntaxErrors, 0);
});

test('XML model: string resources, comments, CDATA, CRLF, a byte-order mark', () => {
  const text = '\uFEFF<resources>\r\n    <!-- keys -->\r\n    <string name="a">  "x \\"y\\" \\u0041"  </string>\r\n    <string name="b"><![CDATA[c&d]]></string>\r\n    <string name="c">x<b>y</b></string>\r\n</resources>\r\n';
  const m = buildModel('app/src/main/res/values/strings.xml', 'xml', text);
  assert.deepEqual(m.comments.map(c => c.text), ['<!-- keys -->']);
  const strings = m.literals.filter(l => l.ctx.name !== 'name');
  assert.deepEqual(strings.map(l => [l.ctx.name, slice(text, l.span), slice(text, l.contentSpan), l.value]), [
    ['a', '"x \\"y\\" \\u0041"', 'x \\"y\\" \\u0041', 'x "y" A'],
    ['b', 'c&d', 'c&d', 'c&d'],
  ]);
  assert.equal(m.xml!.elements[3].hasChildren, true);
});

test('androidUnescape and bare ampersands', () => {
  assert.equal(androidUnescape('"a\\nb\\\'c\\@d\\?e\\\\f"', true), "a\nb'c@d?e\\f");
  assert.equal(androidUnescape('trailing\\', false), 'trailing\\');
  assert.deepEqual(maskBareAmpersands('a & b &amp; &#65; &#x41; &x;&'), { text: 'a \uFFFD b &amp; &#65; &#x41; &x;\uFFFD', count: 2 });
  assert.deepEqual(maskBareAmpersands('plain'), { text: 'plain', count: 0 });
  assert.deepEqual(maskBareAmpersands('<!DOCTYPE x><!-- a & b --><a><![CDATA[&]]> & </a>'), { text: '<!DOCTYPE x><!-- a & b --><a><![CDATA[&]]> \uFFFD </a>', count: 1 });
  assert.deepEqual(maskBareAmpersands('<!-- never closed & '), { text: '<!-- never closed & ', count: 0 });
});

test('suppression comments in XML: next line covers the whole opening tag; file-wide; not from further away', () => {
  const at = (text: string) => analyze(manifestPath, text).map(f => f.ruleId).sort();
  const disabled = manifest.replace('    <application\n', '    <!-- authlint-disable-next-line cleartext-endpoint -->\n    <application\n');
  assert.deepEqual(at(disabled), ['hardcoded-secret']);
  const fileWide = manifest.replace('<manifest ', '<!-- authlint-disable hardcoded-secret -->\n<manifest ');
  assert.deepEqual(at(fileWide), ['cleartext-endpoint']);
  const tooFar = manifest.replace('    <application\n', '    <!-- authlint-disable-next-line cleartext-endpoint -->\n\n    <application\n');
  assert.deepEqual(at(tooFar), ['cleartext-endpoint', 'hardcoded-secret']);
  // A leaf element is covered to its end (a string's text on lines of its own), a parent only in its opening tag.
  const values = `<resources>\n    <!-- authlint-disable-next-line hardcoded-secret -->\n    <string name="api_token">\n        ${KEY}\n    </string>\n    <string name="api_secret">\n        ${KEY}\n    </string>\n</resources>\n`;
  assert.deepEqual(analyze('app/src/main/res/values/keys.xml', values).map(f => [f.ruleId, f.range.start.line]), [['hardcoded-secret', 6]]);
});

test('every prefix of a manifest being typed: no exception, and what stands before the cut is still found', () => {
  const keyStart = manifest.indexOf(KEY);
  const trueStart = manifest.indexOf('"true">') + 1;
  const failures: string[] = [];
  for (let n = 0; n <= manifest.length; n++) {
    const text = manifest.slice(0, n);
    let got: string[];
    try {
      got = analyze(manifestPath, text).map(f => `${f.ruleId}@${f.span.start}`);
    } catch (e) {
      failures.push(`${n}: threw ${(e as Error).message}`);
      continue;
    }
    // Once the value's closing quote is typed.
    if (n > trueStart + 4 && !got.includes(`cleartext-endpoint@${trueStart}`)) failures.push(`${n}: lost cleartext-endpoint`);
    if (n > keyStart + KEY.length && !got.includes(`hardcoded-secret@${keyStart}`)) failures.push(`${n}: lost hardcoded-secret`);
  }
  assert.deepEqual(failures, []);
});

test('every prefix of google-services.json: no exception, the key found once its string is closed', () => {
  const google = 'AI' + 'za' + 'FAKE0TEST1ONLY2_-fakeFAKE0TEST1ONLY2_-fake'.slice(0, 35);
  const json = `{\n  "client": [\n    {\n      "api_key": [ { "current_key": "${google}" } ],\n      "oauth_client": [ { "client_id": "1-x.apps.googleusercontent.com" } ]\n    }\n  ]\n}\n`;
  const keyEnd = json.indexOf(google) + google.length + 1;
  const failures: string[] = [];
  for (let n = 0; n <= json.length; n++) {
    try {
      const got = analyze('app/google-services.json', json.slice(0, n));
      const found = got.filter(f => f.ruleId === 'hardcoded-credential').map(f => `${f.severity}@${f.span.start}`);
      if (n >= keyEnd && found.join() !== `info@${keyEnd - 1 - google.length}`) failures.push(`${n}: ${found.join()}`);
    } catch (e) {
      failures.push(`${n}: threw ${(e as Error).message}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('garbage, binary and hostile structure never throw', () => {
  const random = rng(0xa11d);
  const alphabet = '<>/="\'&;!?[]-{}:,\n abc\u0000\uFFFD\uD800';
  for (let i = 0; i < 200; i++) {
    const len = Math.floor(random() * 400);
    let text = '';
    for (let k = 0; k < len; k++) text += alphabet[Math.floor(random() * alphabet.length)];
    for (const path of [manifestPath, 'app/src/main/res/xml/network_security_config.xml', 'app/google-services.json']) {
      assert.doesNotThrow(() => analyze(path, text), `${path}: ${JSON.stringify(text)}`);
    }
  }
  const deepXml = '<a>'.repeat(100_000) + `<meta-data android:name="api_key" android:value="${KEY}"/>`;
  assert.deepEqual(analyze('app/src/main/res/xml/deep.xml', deepXml).map(f => f.ruleId), ['hardcoded-secret']);
  const stripe = ['sk', 'live', 'FAKE0TEST1ONLY2fake3test4o'].join('_');
  const deepJson = '['.repeat(200_000) + `"${stripe}"`;
  assert.equal(nestingDepth(deepJson), 200_000);
  assert.deepEqual(analyze('app/google-services.json', deepJson).map(f => f.ruleId), ['hardcoded-credential'], 'the formats still run over a file too deep to parse');
  assert.equal(nestingDepth('{"a": "[[[[", "b": [ /* [[ */ 1 ] } // [['), 2);
});

test('deep nesting is linear: 20,000 configs inside 20,000 levels of elements', () => {
  // Each permission used to walk up to the root looking for <debug-overrides>: 20,000 × 20,000 steps.
  const depth = 20_000;
  const text = `<network-security-config>${'<domain-config>'.repeat(depth)}${'<base-config cleartextTrafficPermitted="true"/>'.repeat(depth)}${'</domain-config>'.repeat(depth)}</network-security-config>`;
  const model = buildModel('app/src/main/res/xml/network_security_config.xml', 'xml', text);
  assert.equal(model.xml!.elements.length, 2 * depth + 1);
  const started = performance.now();
  const permissions = cleartextPermissions(model);
  const anchors = userTrustAnchors(model);
  const ms = performance.now() - started;
  assert.equal(permissions.length, depth);
  assert.deepEqual([permissions[0].where, permissions[depth - 1].attribute.valueSpan], ['base-config', { start: text.lastIndexOf('true'), end: text.lastIndexOf('true') + 4 }]);
  assert.equal(anchors.length, 0);
  assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  // The same configs inside <debug-overrides> permit nothing.
  const debug = buildModel('x.xml', 'xml', `<network-security-config><debug-overrides>${'<domain-config>'.repeat(100)}<base-config cleartextTrafficPermitted="true"/>${'</domain-config>'.repeat(100)}</debug-overrides></network-security-config>`);
  assert.deepEqual(cleartextPermissions(debug), []);
});

test('the size limit and the time budget apply to XML', () => {
  const big = analyzeFile({ path: manifestPath, text: manifest }, settings({}, { maxFileSize: 100 }));
  assert.equal(big.skipped, `too large (${manifest.length} characters; limit 100)`);
  const previous = setParseBudget(0);
  try {
    const long = manifest.replace('</manifest>', `${'<uses-permission android:name="android.permission.INTERNET"/>\n'.repeat(20_000)}</manifest>`);
    const r = analyzeFile({ path: manifestPath, text: long }, settings());
    assert.equal(r.skipped, 'too slow to parse (over 0 ms)');
    assert.deepEqual(r.findings, []);
  } finally {
    setParseBudget(previous);
  }
  assert.equal(analyze(manifestPath, manifest).length, 2, 'the next parse starts clean');
});
