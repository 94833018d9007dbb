import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS, type SecretFormat } from '../../server/src/engine/secrets/formats';
import { findFormats } from '../../server/src/engine/secrets/find';
import { formatExamples } from '../../server/src/engine/secrets/formats.examples';

const resolve = (e: string | (() => string)) => (typeof e === 'function' ? e() : e);
const examplesOf = (f: SecretFormat) => formatExamples[f.id] ?? { match: [], noMatch: [] };
const matchesOf = (f: SecretFormat) => examplesOf(f).match.map(resolve);

test('examples exist for exactly the formats of the table', () => {
  assert.deepEqual(Object.keys(formatExamples).sort(), FORMATS.map(f => f.id).sort());
});

test('the table is well-formed', () => {
  const ids = new Set<string>();
  for (const f of FORMATS) {
    assert.ok(!ids.has(f.id), `duplicate id ${f.id}`);
    ids.add(f.id);
    assert.ok(f.pattern.global && !f.pattern.sticky, `${f.id}: pattern must be global, not sticky`);
    assert.ok(f.keywords.length > 0, `${f.id}: keywords`);
    for (const k of f.keywords) assert.equal(k, k.toLowerCase(), `${f.id}: keyword ${k} must be lower case`);
    assert.ok(examplesOf(f).match.length > 0, `${f.id}: needs true-positive examples`);
    assert.ok(examplesOf(f).noMatch.length > 0, `${f.id}: needs false-positive examples`);
  }
});

test('every match example contains one of its keywords (else the pre-filter would skip it)', () => {
  for (const f of FORMATS) {
    for (const v of matchesOf(f)) assert.ok(f.keywords.some(k => v.toLowerCase().includes(k)), `${f.id}: ${v.slice(0, 40)}`);
  }
});

test('true-positive examples are visibly fake', () => {
  for (const f of FORMATS) {
    for (const v of matchesOf(f)) assert.match(v, /FAKE|fake|TEST|Test|test|0000|facade|deadbeef/, f.id);
  }
});

test('every match example is found with its format id and exactly its value', () => {
  for (const f of FORMATS) {
    for (const v of matchesOf(f)) {
      const found = findFormats(v).filter(m => m.format.id === f.id);
      assert.equal(found.length, 1, `${f.id}: ${JSON.stringify(v.slice(0, 80))} → ${found.length} matches`);
      const [m] = found;
      assert.equal(v.slice(m.start, m.end), m.value);
      if (f.group === undefined) assert.deepEqual([m.start, m.end, m.value], [0, v.length, v], f.id);
      else assert.ok(m.value.length > 0 && m.value.length < v.length, f.id);
    }
  }
});

test('match examples are found inside code, with offsets into the whole text', () => {
  for (const f of FORMATS) {
    for (const v of matchesOf(f)) {
      const before = 'package demo\n\nval config = listOf("';
      const text = `${before}${v}", "other")\n// end\n`;
      const m = findFormats(text).find(x => x.format.id === f.id);
      assert.ok(m, `${f.id} in context`);
      assert.equal(text.slice(m.start, m.end), m.value);
      if (f.group === undefined) assert.equal(m.start, before.length);
    }
  }
});

test('captured secrets of formats with a context group', () => {
  const secretOf = (id: string) => matchesOf(FORMATS.find(f => f.id === id)!).map(v => findFormats(v).find(m => m.format.id === id)!.value);
  assert.deepEqual(secretOf('database-connection-string'), ['FAKEpass0TESTONLY', 'FAKEmongo0TESTonly', 'FakeRedis0TestOnly', 'Fak3:pa@ss0TEST']);
  for (const s of secretOf('aws-secret-access-key')) assert.match(s, /^[A-Za-z0-9/+]{40}$/);
  for (const s of secretOf('azure-storage-account-key')) assert.match(s, /^[A-Za-z0-9+/]{86}==$/);
});

test('no noMatch example is found by any format, alone or in code', () => {
  for (const f of FORMATS) {
    for (const v of examplesOf(f).noMatch) {
      assert.deepEqual(findFormats(v).map(m => m.format.id), [], `${f.id}: ${JSON.stringify(v.slice(0, 80))}`);
      assert.deepEqual(findFormats(`const s = "${v}";`).map(m => m.format.id), [], `${f.id} in code`);
    }
  }
});

test('severity hints: Google keys depend on context, Stripe test keys are information', () => {
  const byId = (id: string) => FORMATS.find(f => f.id === id)!;
  assert.equal(byId('google-api-key').googleKey, true);
  assert.equal(byId('stripe-test-key').level, 'info');
  assert.equal(byId('stripe-live-key').level, undefined);
});

test('several secrets in one text: sorted, non-overlapping, exact offsets', () => {
  const all = FORMATS.flatMap(f => matchesOf(f).slice(0, 1).map(v => ({ id: f.id, v })));
  const text = all.map(({ v }) => `x = "${v}"`).join('\n');
  const found = findFormats(text);
  for (const { id } of all) assert.ok(found.some(m => m.format.id === id), id);
  for (let i = 0; i < found.length; i++) {
    assert.equal(text.slice(found[i].start, found[i].end), found[i].value);
    if (i > 0) assert.ok(found[i - 1].end <= found[i].start, 'sorted and disjoint');
  }
});

test('prefixes, examples and masks from documentation are not reported', () => {
  const text = [
    'AKIA' + 'IOSFODNN7EXAMPLE', 'sk_live_', 'ghp_', 'xoxb-', 'AIza', 'sk-proj-', 'glpat-', 'npm_',
    'sk_live_' + '*'.repeat(24), 'AKIA' + 'XXXXXXXXXXXXXXXX', 'Bearer <token>', 'AC' + 'facade00deadbeefc0ffee000badf00d',
  ].join('\n');
  assert.deepEqual(findFormats(text), []);
});

test('no source or test file of this module holds a whole key-shaped string', () => {
  // Compiled tests live in out/test/engine; the sources are three levels up.
  const root = join(__dirname, '..', '..', '..');
  const dir = join(root, 'server', 'src', 'engine', 'secrets');
  if (!existsSync(dir)) return; // running from an unusual location
  const files = [
    ...readdirSync(dir).filter(f => f.endsWith('.ts')).map(f => join(dir, f)),
    ...['secrets-formats', 'secrets-plausible', 'secrets-checksum', 'mask', 'prefilter'].map(f => join(root, 'test', 'engine', `${f}.test.ts`)),
  ];
  for (const f of files) assert.deepEqual(findFormats(readFileSync(f, 'utf8')).map(m => m.format.id), [], f);
});

// --- linear time -------------------------------------------------------------------------------------------

const N = 100_000;
const stretch = (unit: string) => (unit.length === 0 ? '' : unit.repeat(Math.ceil(N / unit.length)).slice(0, N));

/** Long runs of each format's own alphabet, its prefixes repeated, and near-misses glued together. */
function adversarial(f: SecretFormat): string[] {
  const out = new Set<string>();
  for (const v of matchesOf(f)) {
    const alphabet = [...new Set(v)].join('');
    out.add(stretch(alphabet));
    out.add(stretch(v));
    out.add(stretch(v.slice(0, -1)));
    out.add(stretch(v.slice(0, -1) + ' '));
    out.add(stretch(v.slice(0, Math.min(12, v.length))));
    out.add(stretch(v.slice(0, 6)));
    for (const at of [v.length - 1, v.length >> 1]) {
      const head = v.slice(0, Math.min(at, 24));
      out.add(head + stretch(v[at]));
      out.add(head + stretch(v.slice(at - 2, at + 1)));
    }
  }
  for (const k of f.keywords) out.add(stretch(k)).add(stretch(k.toUpperCase() + '-'));
  for (const c of ['a', 'A', '0', '-', '_', '=', '/', ' ', '\n', '.', ':', '@']) out.add(stretch(c));
  return [...out];
}

test('every pattern is linear: 100k-character adversarial inputs scan in < 200 ms', () => {
  const worst: string[] = [];
  for (const f of FORMATS) {
    const regex = new RegExp(f.pattern.source, f.pattern.flags);
    let max = 0;
    for (const s of adversarial(f)) {
      regex.lastIndex = 0;
      const t0 = process.hrtime.bigint();
      while (regex.exec(s) !== null) { /* scan to the end */ }
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      max = Math.max(max, ms);
      assert.ok(ms < 200, `${f.id}: ${ms.toFixed(1)} ms on ${JSON.stringify(s.slice(0, 40))}…`);
    }
    worst.push(`${f.id} ${max.toFixed(1)}ms`);
  }
});

test('findFormats on a 1 MB line of mixed near-misses stays fast', () => {
  const pieces = FORMATS.flatMap(f => matchesOf(f).map(v => v.slice(0, -3)));
  let line = '';
  while (line.length < 1_000_000) line += pieces.join('') + 'eyJ.'.repeat(50) + 'postgres://a:b'.repeat(20);
  const t0 = process.hrtime.bigint();
  findFormats(line);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
});
