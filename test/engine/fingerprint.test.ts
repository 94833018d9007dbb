// Fingerprints: stable under edits elsewhere in the file, different for a second copy of the same key, never
// carrying the value.
import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { fingerprintScheme, withFingerprints } from '../../server/src/engine/fingerprint';
import { parseBaseline, serializeBaseline } from '../../server/src/engine/baseline';
import type { Finding } from '../../server/src/engine/types';
import { analyze, engineReady } from '../helpers/engine';

// Invented values in no provider's format: plausible secrets for the generic rule and nothing more.
const KEY = 'Qz4Wx8Ev2Rt6Yu1Io5Pa9Sd3';
const OTHER_KEY = 'Mb7Nc3Vx9Zl2Kj6Hg4Fd8Sa1';

const original = `package com.example.shop

class Api {
    fun client(): Client {
        val apiKey = "${KEY}"
        return Client(apiKey)
    }

    fun name() = "shop"
}
`;

function prints(path: string, text: string): { ruleId: string; line: number; fingerprint: string }[] {
  return withFingerprints(text, path, analyze(path, text)).map(f => ({ ruleId: f.ruleId, line: f.range.start.line, fingerprint: f.fingerprint! }));
}

describe('fingerprints', () => {
  before(engineReady);

  it('are 32 hex digits, one per finding, the same on every run', () => {
    const first = prints('app/Api.kt', original);
    assert.deepEqual(first.map(p => [p.ruleId, p.line]), [['hardcoded-secret', 4]]);
    assert.match(first[0].fingerprint, /^[0-9a-f]{32}$/);
    assert.deepEqual(prints('app/Api.kt', original), first);
    assert.equal(fingerprintScheme, 'authlint/v1');
  });

  it('survive lines inserted above, reindenting, reformatting and moving the function', () => {
    const [{ fingerprint }] = prints('app/Api.kt', original);
    const inserted = original.replace('class Api {', '// a comment\n\nimport x.y\n\nclass Api {\n    val n = 1\n');
    const reindented = original.replace(/^ {4}/gm, '\t').replace(`val apiKey = "${KEY}"`, `val  apiKey  =  "${KEY}"`);
    const moved = `package com.example.shop

class Api {
    fun name() = "shop"

    fun other() = 2

    fun client(): Client {
        val apiKey = "${KEY}"
        return Client(apiKey)
    }
}
`;
    for (const [label, text] of [['inserted', inserted], ['reindented', reindented], ['moved', moved], ['CRLF', original.replace(/\n/g, '\r\n')]]) {
      const after = prints('app/Api.kt', text);
      assert.equal(after.length, 1, label);
      assert.equal(after[0].fingerprint, fingerprint, label);
    }
  });

  it('a second copy of the same line is a different finding; the first keeps its fingerprint', () => {
    const [{ fingerprint }] = prints('app/Api.kt', original);
    const twice = original.replace('    fun name() = "shop"', `    fun backup(): Client {\n        val apiKey = "${KEY}"\n        return Client(apiKey)\n    }\n\n    fun name() = "shop"`);
    const after = prints('app/Api.kt', twice);
    assert.deepEqual(after.map(p => p.line), [4, 9]);
    assert.equal(after[0].fingerprint, fingerprint);
    assert.notEqual(after[1].fingerprint, fingerprint);
  });

  it('change with the value, the rule, the path and the finding\'s own line', () => {
    const [{ fingerprint }] = prints('app/Api.kt', original);
    assert.notEqual(prints('app/Api.kt', original.replace(KEY, OTHER_KEY))[0].fingerprint, fingerprint, 'value');
    assert.notEqual(prints('app/Client.kt', original)[0].fingerprint, fingerprint, 'path');
    assert.notEqual(prints('app/Api.kt', original.replace('val apiKey', 'var apiKey'))[0].fingerprint, fingerprint, 'own line');
    const finding = analyze('app/Api.kt', original)[0];
    const asOtherRule: Finding = { ...finding, ruleId: 'hardcoded-credential' };
    assert.notEqual(withFingerprints(original, 'app/Api.kt', [asOtherRule])[0].fingerprint, fingerprint, 'rule');
  });

  it('keep the order of the findings and give secret findings a masked hint, never the value', () => {
    const text = `export const apiKey = '${KEY}';\nexport const url = 'http://api.example.org/v1';\nfetch(url);\n`;
    const findings = analyze('web/api.ts', text);
    const reversed = [...findings].reverse();
    const printed = withFingerprints(text, 'web/api.ts', reversed);
    assert.deepEqual(printed.map(f => f.ruleId), reversed.map(f => f.ruleId));
    assert.deepEqual(withFingerprints(text, 'web/api.ts', findings).map(f => f.fingerprint), [...printed].reverse().map(f => f.fingerprint));
    const secret = printed.find(f => f.ruleId === 'hardcoded-secret')!;
    assert.equal(secret.data.masked, 'Qz4W…(24 chars)');
    // What leaves the engine with a fingerprint — messages, data (the LSP's diagnostics carry it), the baseline file
    // built from it — holds no 8-character piece of the key past the 4 characters a mask shows.
    const baseline = serializeBaseline(printed.map(f => ({ fingerprint: f.fingerprint!, ruleId: f.ruleId, path: 'web/api.ts', ...(f.data.masked === undefined ? {} : { hint: f.data.masked as string }) })));
    const exposed = { messages: printed.map(f => f.message).join('\n'), data: JSON.stringify(printed.map(f => f.data)), baseline };
    assert.ok(baseline.includes('"hint":"Qz4W…(24 chars)"'), baseline);
    for (const [where, text] of Object.entries(exposed)) {
      for (let i = 4; i + 8 <= KEY.length; i++) assert.ok(!text.includes(KEY.slice(i, i + 8)), `piece ${i} of the key in the ${where}`);
    }
  });

  it('read at most 256 non-blank characters on each side of the finding: a minified line costs no more', () => {
    const finding = (start: number, end: number): Finding => ({
      ruleId: 'hardcoded-secret', severity: 'error', message: 'm', span: { start, end },
      range: { start: { line: 0, character: start }, end: { line: 0, character: end } }, related: [], fixes: [], data: {},
    });
    const far = 'a=1;'.repeat(500_000);
    const near = `${'b'.repeat(300)}k="${KEY}";${'c'.repeat(300)}`;
    const at = (prefix: string) => prefix.length + near.indexOf(KEY);
    const one = withFingerprints(far + near, 'min.js', [finding(at(far), at(far) + KEY.length)])[0].fingerprint;
    const other = withFingerprints(`x${far}${near}`, 'min.js', [finding(at(`x${far}`), at(`x${far}`) + KEY.length)])[0].fingerprint;
    assert.equal(one, other);
  });
});

describe('baseline file format', () => {
  it('an empty baseline, and a round trip that sorts and drops duplicates', () => {
    assert.equal(serializeBaseline([]), '{\n  "version": 1,\n  "fingerprints": "authlint/v1",\n  "findings": []\n}\n');
    const a = { fingerprint: 'a'.repeat(32), ruleId: 'hardcoded-secret', path: 'b.ts' };
    const b = { fingerprint: 'b'.repeat(32), ruleId: 'cleartext-endpoint', path: 'a.ts', hint: 'x' };
    const text = serializeBaseline([a, b, a]);
    assert.equal(text, serializeBaseline([b, a]));
    const parsed = parseBaseline(text);
    assert.ok('baseline' in parsed);
    assert.deepEqual(parsed.baseline.entries, [b, a]);
    assert.deepEqual([...parsed.baseline.fingerprints], [b.fingerprint, a.fingerprint]);
    assert.deepEqual(parseBaseline(`\uFEFF${text.replace('"findings"', '"note": "kept by hand", "findings"')}`), parsed, 'a BOM and unknown keys are fine');
  });
});
