// Suppression hygiene: every form (next line, this line, whole file) in every comment syntax, with the exact range
// of each problem and the exact text its fix leaves. A suppression that silences a finding is no problem; one that
// silences nothing, or names an unknown rule, is — and it never becomes a finding.
import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../server/src/engine/index';
import type { Fix, Range, RuleLevels, Span, SuppressionProblem } from '../../server/src/engine/index';
import { buildModel } from '../../server/src/engine/model/build';
import { engineReady, settings } from '../helpers/engine';

const KEY = 'hJ8kL2mN9pQ4rS7tV1wX3yZ6';

before(engineReady);

function analyzed(path: string, text: string, levels: RuleLevels = {}) {
  return analyzeFile({ path, text }, { ...settings(levels), reportUnusedSuppressions: true });
}

/** The range of the `nth` occurrence (0-based) of `needle`, counted independently of the engine. */
function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} #${nth} not in the text`);
  }
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(at), end: pos(at + needle.length) };
}

function apply(text: string, fix: Fix): string {
  return [...fix.edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

interface Expected {
  code: SuppressionProblem['code'];
  ruleId?: string;
  /** The problem's text and which occurrence of it. */
  at: [string, number];
  /** The whole text after the fix. */
  fixed: string;
  fixTitle?: string;
  /** The whole text after the "did you mean" edit. */
  suggested?: string;
}

function check(path: string, text: string, expected: Expected[], findings: string[]) {
  const r = analyzed(path, text);
  assert.deepEqual(r.findings.map(f => `${f.ruleId} ${f.range.start.line}`), findings, 'findings');
  const problems = r.suppressionProblems ?? [];
  assert.deepEqual(problems.map(p => ({ code: p.code, ruleId: p.ruleId, range: p.range })),
    expected.map(e => ({ code: e.code, ruleId: e.ruleId, range: rangeOf(text, ...e.at) })), 'codes and exact ranges');
  problems.forEach((p, i) => {
    assert.equal(apply(text, p.fix), expected[i].fixed, `fix of problem ${i + 1}`);
    assert.equal(p.fix.title, expected[i].fixTitle ?? 'Remove unused suppression');
    assert.equal(p.fix.safe, false, 'never part of source.fixAll');
    assert.equal(p.suggestion && apply(text, p.suggestion), expected[i].suggested, `suggestion of problem ${i + 1}`);
  });
  return problems;
}

describe('suppression hygiene: each form, each comment syntax', () => {
  it('Kotlin, // comments: an unused file, next-line and end-of-line suppression; the used one is fine', () => {
    const head = '// authlint-disable token-logged -- no logging here\n';
    const body = 'package com.example\n\nobject Api {\n';
    const used = `    // authlint-disable-next-line hardcoded-secret -- sandbox key\n    const val API_KEY = "${KEY}"\n`;
    const unusedNext = '    // authlint-disable-next-line hardcoded-secret\n';
    const tail = '    const val NAME = "shop"\n    val retries = 3';
    const text = `${head}${body}${used}${unusedNext}${tail} // authlint-disable-line cleartext-endpoint\n}\n`;
    const problems = check('app/src/main/java/com/example/Api.kt', text, [
      { code: 'authlint-unused-suppression', ruleId: 'token-logged', at: ['token-logged', 0], fixed: text.replace(head, '') },
      { code: 'authlint-unused-suppression', ruleId: 'hardcoded-secret', at: ['hardcoded-secret', 1], fixed: text.replace(unusedNext, '') },
      { code: 'authlint-unused-suppression', ruleId: 'cleartext-endpoint', at: ['cleartext-endpoint', 0], fixed: text.replace(' // authlint-disable-line cleartext-endpoint', '') },
    ], []);
    assert.deepEqual(problems.map(p => p.message), [
      'Unused suppression: no token-logged finding in this file. Remove it, or it will hide a future problem there.',
      'Unused suppression: no hardcoded-secret finding on the next line. Remove it, or it will hide a future problem there.',
      'Unused suppression: no cleartext-endpoint finding on this line. Remove it, or it will hide a future problem there.',
    ]);
    assert.deepEqual(problems[0].range, { start: { line: 0, character: 20 }, end: { line: 0, character: 32 } });
  });

  it('Java, /* */ comments: one id of two unused; an end-of-line block comment; a file-level block comment', () => {
    const text = `/* authlint-disable cors-permissive */\npackage com.example;\n\nclass Api {\n` +
      `    /* authlint-disable-next-line token-logged, hardcoded-secret */\n    static final String API_KEY = "${KEY}";\n` +
      '    int retries = 3; /* authlint-disable-line cleartext-endpoint */\n}\n';
    check('src/main/java/com/example/Api.java', text, [
      { code: 'authlint-unused-suppression', ruleId: 'cors-permissive', at: ['cors-permissive', 0], fixed: text.replace('/* authlint-disable cors-permissive */\n', '') },
      { code: 'authlint-unused-suppression', ruleId: 'token-logged', at: ['token-logged', 0], fixed: text.replace('token-logged, ', ''), fixTitle: 'Remove "token-logged" from this suppression' },
      { code: 'authlint-unused-suppression', ruleId: 'cleartext-endpoint', at: ['cleartext-endpoint', 0], fixed: text.replace(' /* authlint-disable-line cleartext-endpoint */', '') },
    ], []);
  });

  it('TypeScript: an unknown id (with the id it was meant to be), and a suppression without ids that silences nothing', () => {
    const text = `// authlint-disable-next-line hardcoded-secrt\nexport const apiKey = '${KEY}';\n// authlint-disable-next-line\nexport const title = 'shop';\n`;
    const problems = check('src/config.ts', text, [
      { code: 'authlint-unknown-rule', ruleId: 'hardcoded-secrt', at: ['hardcoded-secrt', 0], fixed: text.replace('// authlint-disable-next-line hardcoded-secrt\n', ''),
        suggested: text.replace('hardcoded-secrt', 'hardcoded-secret') },
      { code: 'authlint-unused-suppression', at: ['authlint-disable-next-line', 1], fixed: text.replace('// authlint-disable-next-line\n', '') },
    ], ['hardcoded-secret 1']);
    assert.deepEqual(problems.map(p => p.message), [
      'Unknown rule id "hardcoded-secrt" in this suppression (did you mean "hardcoded-secret"?): it suppresses nothing.',
      'Unused suppression: no finding on the next line. Remove it, or it will hide a future problem there.',
    ]);
    assert.equal(problems[0].suggestion?.title, 'Change to "hardcoded-secret"');
  });

  it('JavaScript: a reason without " -- " is read as ids; the same finding silenced twice uses both', () => {
    const text = `// authlint-disable hardcoded-secret because fixture\nconst apiKey = '${KEY}'; // authlint-disable-line hardcoded-secret\n`;
    const problems = check('src/config.js', text, [
      { code: 'authlint-unknown-rule', ruleId: 'because', at: ['because', 0], fixed: text.replace('because ', ''), fixTitle: 'Remove "because" from this suppression' },
      { code: 'authlint-unknown-rule', ruleId: 'fixture', at: ['fixture', 0], fixed: text.replace(' fixture', ''), fixTitle: 'Remove "fixture" from this suppression' },
    ], []);
    assert.equal(problems[1].message, 'Unknown rule id "fixture" in this suppression: it suppresses nothing. Rule ids are listed in docs/rules; a reason goes after " -- ".');
  });

  it('Groovy build.gradle, // comments: the last line without a line break takes the break before it', () => {
    const text = `android {\n    defaultConfig {\n        // authlint-disable-next-line hardcoded-secret\n        buildConfigField "String", "API_KEY", "\\"${KEY}\\""\n    }\n}\n// authlint-disable token-logged`;
    check('app/build.gradle', text, [
      { code: 'authlint-unused-suppression', ruleId: 'token-logged', at: ['token-logged', 0], fixed: text.replace('\n// authlint-disable token-logged', '') },
    ], []);
  });

  it('gradle.properties, # and ! comments, CRLF line breaks', () => {
    const text = `# authlint-disable-next-line hardcoded-secret\r\nshop.partnerApiSecret=${KEY}\r\n! authlint-disable-next-line hardcoded-secret\r\norg.gradle.caching=true\r\n`;
    check('gradle.properties', text, [
      { code: 'authlint-unused-suppression', ruleId: 'hardcoded-secret', at: ['hardcoded-secret', 1], fixed: text.replace('! authlint-disable-next-line hardcoded-secret\r\n', '') },
    ], []);
  });

  it('a suppression inside a longer comment: only the directive goes', () => {
    const text = "const retries = 3; // keep in sync with the server authlint-disable-line cleartext-endpoint\n";
    check('src/retry.ts', text, [
      { code: 'authlint-unused-suppression', ruleId: 'cleartext-endpoint', at: ['cleartext-endpoint', 0], fixed: "const retries = 3; // keep in sync with the server\n" },
    ], []);
  });
});

describe('a file-level suppression in a file analysed in windows (above 256 KB)', () => {
  it('applies: the top of the file is read for it even when no window starts there', () => {
    const filler = Array.from({ length: 9000 }, (_, i) => `export const n${i} = ${i}; // line ${i}`).join('\n');
    const tail = `\nexport const apiKey = '${KEY}';\n`;
    assert.ok(filler.length > 256 * 1024);
    assert.deepEqual(analyzeFile({ path: 'src/big.ts', text: filler + tail }, settings()).findings.map(f => f.ruleId), ['hardcoded-secret'], 'found without it');
    const text = `// authlint-disable hardcoded-secret -- generated fixture\n${filler}${tail}`;
    assert.deepEqual(analyzeFile({ path: 'src/big.ts', text }, settings()).findings, []);
    assert.deepEqual(analyzed('src/big.ts', text).suppressionProblems, [], 'not judged: its comments were not all read');
  });

  it('is read with the one model: the pre-filter puts a window on the head that holds it', () => {
    const filler = Array.from({ length: 9000 }, (_, i) => `export const n${i} = ${i}; // line ${i}`).join('\n');
    const text = `// authlint-disable hardcoded-secret -- generated fixture\n${filler}\nexport const apiKey = '${KEY}';\n`;
    const builds: (Span[] | undefined)[] = [];
    const counting: typeof buildModel = (path, language, source, windows) => { builds.push(windows); return buildModel(path, language, source, windows); };
    assert.deepEqual(analyzeFile({ path: 'src/big.ts', text }, settings(), [], { build: counting, keywords: {} }).findings, []);
    assert.equal(builds.length, 1, 'one model per analysis');
    const head = text.lastIndexOf('\n', 4096);
    assert.equal(builds[0]?.length, 2, 'the head and the candidate');
    assert.deepEqual(builds[0]?.[0], { start: 0, end: head });
    assert.equal(builds[0]?.[1].end, text.length);
    // Without a suppression at the top, no head window.
    const plain = `${filler}\nexport const apiKey = '${KEY}';\n`;
    builds.length = 0;
    analyzeFile({ path: 'src/big.ts', text: plain }, settings(), [], { build: counting, keywords: {} });
    assert.equal(builds.length, 1);
    assert.equal(builds[0]?.length, 1);
    assert.ok(builds[0]![0].start > 4096);
  });
});

describe('suppression hygiene: what is and is not reported', () => {
  it('a file the pre-filter would not parse is read for its suppressions', () => {
    const text = '// authlint-disable-next-line hardcoded-secret\nexport const retries = 3;\n';
    assert.deepEqual(analyzed('src/retry.ts', text).suppressionProblems?.map(p => p.ruleId), ['hardcoded-secret']);
  });

  it('a rule that is off did not run: its suppressions are not called unused (an unknown id still is)', () => {
    const text = '// authlint-disable-next-line hardcoded-secret, token-loged\nexport const retries = 3;\n';
    assert.deepEqual(analyzed('src/retry.ts', text, { 'hardcoded-secret': 'off' }).suppressionProblems?.map(p => p.code), ['authlint-unknown-rule']);
  });

  it('only when asked for: without reportUnusedSuppressions there is no such field', () => {
    const text = '// authlint-disable-next-line hardcoded-secret\nexport const retries = 3;\n';
    assert.equal(analyzeFile({ path: 'src/retry.ts', text }, settings()).suppressionProblems, undefined);
    assert.deepEqual(analyzed('src/retry.ts', 'export const retries = 3;\n').suppressionProblems, []);
  });

  it('a misspelt id no longer silences every rule: the finding stays, and the id is reported', () => {
    const text = `// authlint-disable-next-line Hardcoded-Secret\nexport const apiKey = '${KEY}';\n`;
    const r = analyzed('src/config.ts', text);
    assert.deepEqual(r.findings.map(f => f.ruleId), ['hardcoded-secret']);
    assert.deepEqual(r.suppressionProblems?.map(p => [p.code, p.ruleId, p.suggestion?.title]), [['authlint-unknown-rule', 'Hardcoded-Secret', 'Change to "hardcoded-secret"']]);
  });

  it('a word that could be a secret (a key pasted into the comment) is shown masked, in the message and the fix title', () => {
    const pasted = 'Qz4Wx8Rt2Yp6Lm1Nb5Vc9Kd3';
    const text = `// authlint-disable-next-line hardcoded-secret ${pasted}\nexport const apiKey = '${KEY}';\n`;
    const [p, ...rest] = analyzed('src/config.ts', text).suppressionProblems ?? [];
    assert.deepEqual(rest, []);
    assert.deepEqual([p.code, p.ruleId, p.message, p.fix.title], ['authlint-unknown-rule', 'Qz4W…(24 chars)',
      'Unknown rule id "Qz4W…(24 chars)" in this suppression: it suppresses nothing. Rule ids are listed in docs/rules; a reason goes after " -- ".',
      'Remove "Qz4W…(24 chars)" from this suppression']);
    assert.deepEqual(p.range, rangeOf(text, pasted));
    assert.equal(apply(text, p.fix), text.replace(` ${pasted}`, ''));
  });

  it('a suppression of the rule that lost the literal to a more specific one silences nothing', () => {
    // An OAuth client secret is reported by hardcoded-client-secret, not by hardcoded-secret.
    const text = `// authlint-disable-next-line hardcoded-secret\nconst config = { issuer: 'https://idp.example.com', clientId: 'shop', clientSecret: '${KEY}' };\n`;
    const r = analyzed('src/auth.ts', text);
    assert.deepEqual(r.findings.map(f => f.ruleId), ['hardcoded-client-secret']);
    assert.deepEqual(r.suppressionProblems?.map(p => p.ruleId), ['hardcoded-secret']);
  });
});

describe('suppression hygiene in Android XML', () => {
  const manifest = (comment: string, cleartext: string) => [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<manifest xmlns:android="http://schemas.android.com/apk/res/android">',
    comment,
    '    <application',
    '        android:label="Shop"',
    `        android:usesCleartextTraffic="${cleartext}">`,
    '    </application>',
    '</manifest>',
    '',
  ].join('\n');
  const path = 'app/src/main/AndroidManifest.xml';

  it('a next-line comment above a multi-line opening tag silences its finding and is used', () => {
    const r = analyzed(path, manifest('    <!-- authlint-disable-next-line cleartext-endpoint -->', 'true'));
    assert.deepEqual(r.findings.map(f => f.ruleId), []);
    assert.deepEqual(r.suppressionProblems, []);
  });

  it('with nothing to silence on any line of the tag it is reported once, on the id, and its fix removes the line', () => {
    const text = manifest('    <!-- authlint-disable-next-line cleartext-endpoint -->', 'false');
    const r = analyzed(path, text);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.suppressionProblems!.map(p => [p.code, p.ruleId, p.range]), [['authlint-unused-suppression', 'cleartext-endpoint', rangeOf(text, 'cleartext-endpoint')]]);
    assert.equal(apply(text, r.suppressionProblems![0].fix!), text.replace('    <!-- authlint-disable-next-line cleartext-endpoint -->\n', ''));
  });
});
