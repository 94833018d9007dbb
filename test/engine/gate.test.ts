// The pre-filter's decisions that depend on the kind of file, seen through analyzeFile: whether the file was parsed.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile } from '../../server/src/engine/index';
import { isDeclarationFile } from '../../server/src/engine/prefilter';
import { rules } from '../../server/src/engine/rules/index';
import { engineReady, settings } from '../helpers/engine';

before(engineReady);

const parsed = (path: string, text: string) => analyzeFile({ path, text }, settings()).parsed;

// Declaration files whose words satisfy one rule's conjunction (Rule.allOf) and nothing else: in a .ts file they get
// the file parsed; in a .d.ts they cannot come from code (there is none), so the file is not parsed.
const conjunctionOnly: { rule: string; text: string }[] = [
  { rule: 'weak-random-oauth-param', text: 'interface Math {\n  random(): number;\n}\ninterface Options {\n  state?: string;\n}\n' },
  { rule: 'token-logged', text: 'export declare const logger: Logger;\nexport interface Login {\n  password: string;\n}\n' },
  { rule: 'token-insecure-storage', text: 'declare var localStorage: Storage;\nexport type Session = { token: string };\n' },
  { rule: 'embedded-api-key', text: '/** Fills the header from import.meta.env.VITE_MAPS_KEY. */\nexport declare function withHeader(name: string): void;\n' },
  { rule: 'oauth-embedded-webview', text: 'export declare class WebView {}\nexport interface Props {\n  redirect?: string;\n}\n' },
];

for (const { rule, text } of conjunctionOnly) {
  test(`a declaration file is not parsed for ${rule}'s conjunction; the same text in a .ts file is`, () => {
    assert.equal(parsed('src/api.ts', text), true);
    assert.equal(parsed('types/api.d.ts', text), false);
    assert.equal(parsed('types/api.d.mts', text), false);
    assert.equal(parsed('types/API.D.CTS', text), false);
  });
}

test('a declaration file is still parsed and reported for its literals', () => {
  const text = 'export declare const apiSecret = "hJ8kL2mN9pQ4rS7tV1wX3yZ6";\n';
  const result = analyzeFile({ path: 'types/config.d.ts', text }, settings());
  assert.equal(result.parsed, true);
  assert.deepEqual(result.findings.map(f => [f.ruleId, f.range.start.line, f.range.start.character, f.range.end.character]),
    [['hardcoded-secret', 0, 34, 58]]);
});

test('a declaration file is still parsed for an any-of keyword', () => {
  assert.equal(parsed('types/auth.d.ts', 'export interface AuthConfig {\n  clientSecret?: string;\n}\n'), true);
});

test('isDeclarationFile', () => {
  assert.deepEqual(['a.d.ts', 'a/b.d.mts', 'B.D.CTS', 'a.ts', 'a.d.tsx', 'd.ts', 'a.dts', 'a.d.ts.map'].map(isDeclarationFile),
    [true, true, true, false, false, false, false, false]);
});

// A large file is parsed in windows around its candidates, found in a lower-cased copy of the text. A character whose
// lower case is longer (U+0130 'İ' becomes 'i' + U+0307) must not move the windows away from the candidates after it.
test('a large file with İ before a candidate: the window still holds the candidate', () => {
  const head = `// ${'İ'.repeat(4000)}\n`;
  const call = 'https.request({ host: "api.example.com", rejectUnauthorized: false });\n';
  const filler = Array.from({ length: 9000 }, (_, i) => `export const n${i} = ${i}; // line ${i}`).join('\n');
  const text = `${head}${call}${filler}\n`;
  assert.ok(text.length > 256 * 1024);
  const result = analyzeFile({ path: 'src/big.ts', text }, settings());
  const column = call.indexOf('false');
  assert.deepEqual(result.findings.map(f => [f.ruleId, f.range.start.line, f.range.start.character, f.range.end.character]),
    [['tls-validation-disabled', 1, column, column + 5]]);
});

test('every rule keyword is lower-case ASCII (windows are placed by searching a lower-cased text for them)', () => {
  const odd = rules.flatMap(r => [...r.keywords, ...(r.allOf ?? []).flat()].filter(k => !/^[\x20-\x7e]+$/.test(k) || k !== k.toLowerCase()).map(k => `${r.meta.id}: ${k}`));
  assert.deepEqual(odd, []);
});
