// The pre-filter's decisions that depend on the kind of file, seen through analyzeFile: whether the file was parsed.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFile } from '../../server/src/engine/index';
import { gate, isDeclarationFile } from '../../server/src/engine/prefilter';
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

// The named-value search (prefilter.ts, namedQuoted) runs over every file that holds a secret-like word, on every
// keystroke of an open one. A line of many such words before a long value of escapes that never closes made it
// backtrack through every split of the name and every length of the value, at each word: quadratic in the line.
// Timed against a peer in the same process (the same gate over as much code without such words, a keyword pass), as
// a ratio: a machine's speed cancels out. Measured: 4-9x; the backtracking search was 356x on the first line.
test('the named-value search is linear: long lines of secret-like names and unclosed escaped values', () => {
  const lines = (line: string) => line.repeat(Math.ceil(400_000 / line.length)).slice(0, 400_000);
  const cases = [
    lines(`  ${'key'.repeat(28)} = "${'\\x'.repeat(520)}\\\n`),
    lines(`  ${'apiKey'.repeat(14)} = "${'x'.repeat(1100)}\n`),
    lines(`  ${'token'.repeat(16)}: '${"a\\'b".repeat(300)}\n`),
  ];
  const peer = lines(`  val ${'value'.repeat(17)} = compute("${'x'.repeat(520)}", ${'x, '.repeat(170)})\n`);
  const time = (text: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      gate(text, false);
      best = Math.min(best, Number(process.hrtime.bigint() - t0));
    }
    return best;
  };
  const base = time(peer);
  for (const text of cases) {
    const ratio = time(text) / base;
    assert.ok(ratio < 40, `${ratio.toFixed(0)}x the peer on ${JSON.stringify(text.slice(0, 60))}`);
  }
  // The search still finds what it is for, and only that: a name, then a closed quoted value (escapes included).
  assert.equal(gate('const pwd = "Zx9\\"Qw3Rt7Yp2Lm8";\n', false).gate.tree, true);
  assert.equal(gate('const pwd = "Zx9\\"Qw3Rt7Yp2Lm8\\\n', false).gate.tree, false);
  assert.equal(gate('const pwd = "Zx9 Qw3Rt7Yp2Lm8";\n', false).gate.tree, false);
});
