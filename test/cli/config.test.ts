import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mergeLevels, parseConfig, resolveSettings } from '../../server/src/engine/config';
import { defaultOptions } from '../../server/src/engine/types';
import { cli } from '../helpers/cli';
import { makeTree } from '../helpers/tree';

const file = '.authlint.json';

/** The messages of a config that must be rejected. */
function errorsOf(text: string | Uint8Array): string[] {
  const parsed = parseConfig(text, file);
  assert.ok('errors' in parsed, `expected errors for ${text}`);
  return parsed.errors.map(e => e.message);
}

describe('parseConfig: valid files', () => {
  it('reads every section', () => {
    const text = JSON.stringify({
      $schema: './schema.json',
      rules: { 'hardcoded-secret': 'off', 'oauth-pkce-disabled': 'info' },
      ignore: ['generated/**', 'legacy'],
      options: { googleKeyPolicy: 'error', maxTokenLifetimeSeconds: 900, maxFileSize: 1000 },
      failOn: 'warning',
    }, null, 2);
    assert.deepEqual(parseConfig(text, file), {
      config: {
        rules: { 'hardcoded-secret': 'off', 'oauth-pkce-disabled': 'info' },
        ignore: ['generated/**', 'legacy'],
        options: { googleKeyPolicy: 'error', maxTokenLifetimeSeconds: 900, maxFileSize: 1000 },
        failOn: 'warning',
      },
    });
  });

  it('accepts an empty object and a UTF-8 byte-order mark', () => {
    assert.deepEqual(parseConfig('\ufeff{}', file), { config: { rules: {}, ignore: [], options: {} } });
  });
});

describe('parseConfig: invalid JSON reports line and column', () => {
  const cases: [string, string][] = [
    ['', '.authlint.json:1:1: invalid JSON: expected a value, found the end of the file'],
    ['{\n  "rules": {}\n', '.authlint.json:3:1: invalid JSON: expected \',\' or \'}\' after a property value, found the end of the file'],
    ['{\n  "rules" {}\n}', '.authlint.json:2:11: invalid JSON: expected \':\' after a property name, found "{"'],
    ['{"rules": {},\n}', '.authlint.json:2:1: invalid JSON: trailing comma before \'}\''],
    ['{"ignore": ["a",]}', '.authlint.json:1:17: invalid JSON: trailing comma before \']\''],
    ['{"a": 1, "a": 2}', '.authlint.json:1:10: invalid JSON: duplicate key "a"'],
    ['{"x": "abc', '.authlint.json:1:7: invalid JSON: unterminated string'],
    ['{"x": "\\q"}', '.authlint.json:1:7: invalid JSON: invalid escape sequence in string'],
    ['{"x": tru}', '.authlint.json:1:7: invalid JSON: expected a value, found "t"'],
    ["{'rules': {}}", '.authlint.json:1:2: invalid JSON: expected a property name in double quotes, found "\'"'],
    ['{} x', '.authlint.json:1:4: invalid JSON: unexpected "x" after the end of the document'],
  ];
  for (const [text, message] of cases) it(JSON.stringify(text), () => assert.deepEqual(errorsOf(text), [message]));

  it('carries the position as fields too', () => {
    const parsed = parseConfig('{\n  "rules" {}\n}', file);
    assert.ok('errors' in parsed);
    assert.deepEqual({ ...parsed.errors[0], message: undefined }, { file, line: 2, column: 11, endLine: 2, endColumn: 12, jsonPath: '', message: undefined });
  });

  it('refuses comments: VS Code edits the file as JSON, and so does every other JSON tool', () => {
    assert.deepEqual(errorsOf('{\n  // why\n  "rules": {}\n}'), ['.authlint.json:2:3: invalid JSON: comments are not allowed (the file is JSON)']);
    assert.deepEqual(errorsOf('{ /* a */ }'), ['.authlint.json:1:3: invalid JSON: comments are not allowed (the file is JSON)']);
  });

  const more: [string, string][] = [
    ['{"x": "a\tb"}', '.authlint.json:1:7: invalid JSON: control character in string (write it as an escape such as \\t)'],
    ['{"x": 1.}', '.authlint.json:1:7: invalid JSON: invalid number "1."'],
    ['[1 2]', '.authlint.json:1:4: invalid JSON: expected \',\' or \']\' after an array element, found "2"'],
    ['{"a": 1 "b": 2}', '.authlint.json:1:9: invalid JSON: expected \',\' or \'}\' after a property value, found "\\""'],
    ['{,}', '.authlint.json:1:2: invalid JSON: expected a property name in double quotes, found ","'],
    ['{"x": \\u12}', '.authlint.json:1:7: invalid JSON: expected a value, found "\\\\"'],
    ['{"rules": {"a": 1, "a": 2}}', '.authlint.json:1:20: invalid JSON: duplicate key "a"'],
  ];
  for (const [text, message] of more) it(JSON.stringify(text), () => assert.deepEqual(errorsOf(text), [message]));
});

describe('parseConfig: wrong shapes name the JSON path and the expectation', () => {
  const cases: [string, string[]][] = [
    ['[1]', ['.authlint.json:1:1: (top level): expected an object, got an array']],
    ['{"rulez": {}}', ['.authlint.json:1:2: rulez: unknown key "rulez" (did you mean "rules"?); expected "$schema", "rules", "ignore", "options" or "failOn"']],
    ['{"severity": {}}', ['.authlint.json:1:2: severity: unknown key "severity"; expected "$schema", "rules", "ignore", "options" or "failOn"']],
    ['{"rules": {"hardcoded-secrt": "error"}}', ['.authlint.json:1:12: rules.hardcoded-secrt: unknown rule id "hardcoded-secrt" (did you mean "hardcoded-secret"?); expected an AuthLint rule id (docs/rules/)']],
    ['{"rules": {"no-eval": "error"}}', ['.authlint.json:1:12: rules.no-eval: unknown rule id "no-eval"; expected an AuthLint rule id (docs/rules/)']],
    ['{"rules": {"hardcoded-secret": "high"}}', ['.authlint.json:1:32: rules.hardcoded-secret: expected "off", "info", "warning" or "error", got "high"']],
    ['{"rules": {"hardcoded-secret": 2}}', ['.authlint.json:1:32: rules.hardcoded-secret: expected "off", "info", "warning" or "error", got 2']],
    ['{"rules": []}', ['.authlint.json:1:11: rules: expected an object mapping rule ids to levels, got an array']],
    ['{"ignore": "dist"}', ['.authlint.json:1:12: ignore: expected an array of glob strings, got "dist"']],
    ['{"ignore": ["a", 3, "", "!b"]}', [
      '.authlint.json:1:18: ignore[1]: expected a non-empty glob string, got 3',
      '.authlint.json:1:21: ignore[2]: expected a non-empty glob string, got ""',
      '.authlint.json:1:25: ignore[3]: negated patterns are not supported; list only what to ignore',
    ]],
    ['{"options": 3}', ['.authlint.json:1:13: options: expected an object, got 3']],
    ['{"options": {"maxFileSize": -1, "maxTokenLifetimeSeconds": 1.5}}', [
      '.authlint.json:1:29: options.maxFileSize: expected a positive integer, got -1',
      '.authlint.json:1:60: options.maxTokenLifetimeSeconds: expected a positive integer, got 1.5',
    ]],
    ['{"options": {"maxFileSize": "2MB"}}', ['.authlint.json:1:29: options.maxFileSize: expected a positive integer, got "2MB"']],
    ['{"options": {"googleKeyPolicy": "strict"}}', ['.authlint.json:1:33: options.googleKeyPolicy: expected "context", "error" or "info", got "strict"']],
    ['{"options": {"maxFileSise": 1}}', ['.authlint.json:1:14: options.maxFileSise: unknown option "maxFileSise" (did you mean "maxFileSize"?); expected "googleKeyPolicy", "maxTokenLifetimeSeconds" or "maxFileSize"']],
    ['{"failOn": "warn"}', ['.authlint.json:1:12: failOn: expected "error", "warning" or "info", got "warn"']],
    ['{"failOn": null}', ['.authlint.json:1:12: failOn: expected "error", "warning" or "info", got null']],
    ['{"$schema": 1}', ['.authlint.json:1:13: $schema: expected a string, got 1']],
    ['{"options": {"maxFileSize": 1e400}}', ['.authlint.json:1:29: options.maxFileSize: expected a positive integer, got 1e400']],
    ['{"options": {"maxFileSize": 9007199254740992}}', ['.authlint.json:1:29: options.maxFileSize: expected a positive integer, got 9007199254740992']],
    ['{"options": {"maxFileSize": -1.5}}', ['.authlint.json:1:29: options.maxFileSize: expected a positive integer, got -1.5']],
    ['{"ignore": ["  ", "!"]}', [
      '.authlint.json:1:13: ignore[0]: expected a non-empty glob string, got "  "',
      '.authlint.json:1:19: ignore[1]: negated patterns are not supported; list only what to ignore',
    ]],
    ['{"rules": {"__proto__": "off"}}', ['.authlint.json:1:12: rules.__proto__: unknown rule id "__proto__"; expected an AuthLint rule id (docs/rules/)']],
    ['{"__proto__": {}}', ['.authlint.json:1:2: __proto__: unknown key "__proto__"; expected "$schema", "rules", "ignore", "options" or "failOn"']],
    ['{"failOn": "' + 'w'.repeat(50) + '"}', [`.authlint.json:1:12: failOn: expected "error", "warning" or "info", got "${'w'.repeat(32)}…"`]],
    ['"rules"', ['.authlint.json:1:1: (top level): expected an object, got "rules"']],
  ];
  for (const [text, messages] of cases) it(text, () => assert.deepEqual(errorsOf(text), messages));

  it('reports every problem in document order, each with the range of its key or value', () => {
    const parsed = parseConfig('{\n  "options": { "maxFileSize": 0, "bogus": true },\n  "rules": { "oauth-pkce-disabled": "on" }\n}', file);
    assert.ok('errors' in parsed);
    assert.deepEqual(parsed.errors.map(e => [e.jsonPath, e.line, e.column, e.endLine, e.endColumn]), [
      ['options.maxFileSize', 2, 31, 2, 32],
      ['options.bogus', 2, 34, 2, 41],
      ['rules.oauth-pkce-disabled', 3, 37, 3, 41],
    ]);
  });

  it('uses the label it is given and counts lines', () => {
    const parsed = parseConfig('{\n  "rules": {\n    "hardcoded-secret": true\n  }\n}', 'app/.authlint.json');
    assert.ok('errors' in parsed);
    assert.equal(parsed.errors[0].message, 'app/.authlint.json:3:25: rules.hardcoded-secret: expected "off", "info", "warning" or "error", got true');
  });
});

describe('settings precedence: defaults < config < overrides', () => {
  it('mergeLevels lets later layers win and skips missing ones', () => {
    assert.deepEqual(mergeLevels({ a: 'error', b: 'warning' }, undefined, { b: 'off' }), { a: 'error', b: 'off' });
  });

  it('resolveSettings', () => {
    const config = { rules: { 'hardcoded-secret': 'warning' as const }, ignore: [], options: { maxFileSize: 10, maxTokenLifetimeSeconds: 60 } };
    assert.deepEqual(resolveSettings(undefined), { levels: {}, options: defaultOptions });
    assert.deepEqual(resolveSettings(config, { levels: { 'oauth-pkce-disabled': 'off' }, options: { maxFileSize: 99, googleKeyPolicy: undefined } }), {
      levels: { 'hardcoded-secret': 'warning', 'oauth-pkce-disabled': 'off' },
      options: { googleKeyPolicy: 'context', maxTokenLifetimeSeconds: 60, maxFileSize: 99 },
    });
  });
});

describe('parseConfig: hostile files', () => {
  const deep = (n: number) => `{"ignore":${'['.repeat(n)}${']'.repeat(n)}}`;

  it('nesting deeper than 256 levels is an error at the first bracket too deep, not a stack overflow', () => {
    // `{` is level 1, the n-th `[` level n + 1: the 256th `[` (offset 265) opens level 257.
    assert.deepEqual(errorsOf(deep(3000)), ['.authlint.json:1:266: nested deeper than 256 levels']);
    assert.deepEqual(errorsOf(deep(100_000)), ['.authlint.json:1:266: nested deeper than 256 levels']);
    const parsed = parseConfig(deep(3000), file);
    assert.ok('errors' in parsed);
    assert.deepEqual([parsed.errors[0].line, parsed.errors[0].column, parsed.errors[0].endLine, parsed.errors[0].endColumn], [1, 266, 1, 267]);
  });

  it('nesting up to the limit is validated as usual', () => {
    assert.deepEqual(errorsOf(deep(255)), ['.authlint.json:1:12: ignore[0]: expected a non-empty glob string, got an array']);
    assert.deepEqual(errorsOf(`{"rules": ${'{"a": '.repeat(300)}1${'}'.repeat(301)}`), ['.authlint.json:1:1541: nested deeper than 256 levels']);
  });

  it('20,000 unknown rule ids: the first 20 problems and a count of the rest, located in linear time', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `unknown-rule-${String(i).padStart(5, '0')}`);
    const text = JSON.stringify({ rules: Object.fromEntries(ids.map(id => [id, 'off'])) });
    const started = performance.now();
    const messages = errorsOf(text);
    const ms = performance.now() - started;
    assert.equal(messages.length, 21);
    assert.equal(messages[0], '.authlint.json:1:11: rules.unknown-rule-00000: unknown rule id "unknown-rule-00000"; expected an AuthLint rule id (docs/rules/)');
    // Each entry `"unknown-rule-00000":"off",` is 27 characters.
    assert.equal(messages[19], `.authlint.json:1:${11 + 19 * 27}: rules.unknown-rule-00019: unknown rule id "unknown-rule-00019"; expected an AuthLint rule id (docs/rules/)`);
    assert.equal(messages[20], `.authlint.json:1:${11 + 20 * 27}: … and 19980 more problems`);
    // Quadratic locating took 6.9 s here; linear takes a few hundred milliseconds on a slow machine.
    assert.ok(ms < 2000, `${Math.round(ms)} ms`);
  });

  it('21 problems are all listed; 22 end with "… and 1 more problem"', () => {
    const rules = (n: number) => JSON.stringify({ rules: Object.fromEntries(Array.from({ length: n }, (_, i) => [`r${i}`, 'off'])) });
    assert.equal(errorsOf(rules(20)).length, 20);
    assert.equal(errorsOf(rules(21)).at(-1), '.authlint.json:1:241: … and 1 more problem');
    assert.equal(errorsOf(rules(22)).at(-1), '.authlint.json:1:241: … and 2 more problems');
  });

  it('control characters in keys and values are escaped: no terminal escape, no forged CI log line', () => {
    const text = JSON.stringify({ rules: { '\u001b[2J\n::warning::forged': 'off' }, failOn: '\u009b31m\u202e' });
    assert.deepEqual(errorsOf(text), [
      '.authlint.json:1:11: rules["\\u001b[2J\\n::warning::forged"]: unknown rule id "\\u001b[2J\\n::warning::forged"; expected an AuthLint rule id (docs/rules/)',
      '.authlint.json:1:58: failOn: expected "error", "warning" or "info", got "\\u009b31m\\u202e"',
    ]);
    assert.ok(errorsOf(text).every(m => !/[\u0000-\u001f\u007f-\u009f\u202e]/.test(m)));
    assert.deepEqual(errorsOf('{"a\\u0007": 1}'), ['.authlint.json:1:2: ["a\\u0007"]: unknown key "a\\u0007"; expected "$schema", "rules", "ignore", "options" or "failOn"']);
    assert.deepEqual(errorsOf('{"a": 1, "a\\u0000": 2, "a\\u0000": 3}'), ['.authlint.json:1:24: invalid JSON: duplicate key "a\\u0000"']);
  });

  it('a value or key that looks like a secret is masked, however long; other long keys are cut', () => {
    // Invented, no provider's format: 40 random-looking characters (the old cut showed 40 whole).
    const token = 'Qw3Er5Ty7Ui9Op2As4Df6Gh8Jk1Lz0Xc5Vb7Nm3P';
    assert.deepEqual(errorsOf(JSON.stringify({ failOn: token })), ['.authlint.json:1:11: failOn: expected "error", "warning" or "info", got Qw3E…(40 chars)']);
    assert.deepEqual(errorsOf(JSON.stringify({ rules: { [token]: 'error' } })),
      ['.authlint.json:1:11: rules[Qw3E…(40 chars)]: unknown rule id Qw3E…(40 chars); expected an AuthLint rule id (docs/rules/)']);
    const long = 'a-rule-id-nobody-wrote-'.repeat(10);
    assert.deepEqual(errorsOf(JSON.stringify({ rules: { [long]: 'off' } })),
      [`.authlint.json:1:11: rules["${long.slice(0, 32)}…"]: unknown rule id "${long.slice(0, 32)}…"; expected an AuthLint rule id (docs/rules/)`]);
    for (const m of [...errorsOf(JSON.stringify({ failOn: token })), ...errorsOf(JSON.stringify({ rules: { [token]: 'error' } }))]) assert.ok(!m.includes(token.slice(4, 12)));
  });

  it('a UTF-16 or otherwise non-UTF-8 file is said to be one', () => {
    const json = '{"rules": {}}';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    assert.deepEqual(errorsOf(le), ['.authlint.json:1:1: not UTF-8: the file is UTF-16 little-endian (it starts with a byte-order mark); save it as UTF-8']);
    assert.deepEqual(errorsOf(Buffer.concat([Buffer.from([0xfe, 0xff]), be])),
      ['.authlint.json:1:1: not UTF-8: the file is UTF-16 big-endian (it starts with a byte-order mark); save it as UTF-8']);
    assert.deepEqual(errorsOf(Buffer.from(json, 'utf16le')),
      ['.authlint.json:1:1: not UTF-8: the file holds NUL bytes (UTF-16 without a byte-order mark, or not text); save it as UTF-8']);
    assert.deepEqual(errorsOf(Buffer.from([0x7b, 0xe9, 0x7d])), ['.authlint.json:1:1: not valid UTF-8; save it as UTF-8']);
    assert.deepEqual(parseConfig(Buffer.from(`\ufeff${json}`), file), { config: { rules: {}, ignore: [], options: {} } });
  });
});

describe('authlint scan with a hostile .authlint.json', () => {
  it('deep nesting exits with 2 and the position, not an internal error', async () => {
    const root = makeTree({ '.authlint.json': `{"ignore":${'['.repeat(3000)}${']'.repeat(3000)}}`, 'a.ts': 'export const a = 1;\n' });
    assert.deepEqual(await cli(['scan'], root), { code: 2, stdout: '', stderr: 'authlint: invalid configuration:\n  .authlint.json:1:266: nested deeper than 256 levels\n' });
  });

  it('a UTF-16 file exits with 2 and says so', async () => {
    const root = makeTree({ '.authlint.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]), 'a.ts': 'export const a = 1;\n' });
    assert.deepEqual(await cli(['scan'], root), {
      code: 2, stdout: '',
      stderr: 'authlint: invalid configuration:\n  .authlint.json:1:1: not UTF-8: the file is UTF-16 little-endian (it starts with a byte-order mark); save it as UTF-8\n',
    });
  });
});
