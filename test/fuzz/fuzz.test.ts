// The engine never throws, stays within a bound on hostile input, and keeps reporting what sits in the untouched
// part of a mutated file. CI runs a bounded number per language; `npm run fuzz -- --count 10000` runs more.
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, engineReady, settings } from '../helpers/engine';
import { analyzeFile } from '../../server/src/engine/index';
import { setParseBudget } from '../../server/src/engine/parse/parsers';
import { mutate } from './mutate';
import { rng } from '../helpers/random';
import { seeds } from './seeds';

const count = Number(process.env.AUTHLINT_FUZZ_COUNT ?? 20);
/** A hang guard, not a speed target: the slowest mutant (a 1 MB line, 20,000 brackets) takes well under this. */
const boundMs = 10_000;

before(engineReady);

for (const seed of seeds) {
  test(`fuzz ${seed.language}: ${count} mutants, no exception, bounded, untouched finding kept`, () => {
    const random = rng(0x5eed ^ seed.language.length * 7919);
    const baseline = analyze(seed.path, seed.text).filter(f => f.span.end <= seed.keep);
    assert.ok(baseline.length > 0, 'the seed has a finding in its untouched part');
    const failures: string[] = [];
    for (let i = 0; i < count; i++) {
      const m = mutate(seed.text, seed.keep, random);
      const started = performance.now();
      let got;
      try {
        got = analyze(seed.path, m.text);
      } catch (e) {
        failures.push(`#${i} ${m.kind}: threw ${(e as Error).message}`);
        continue;
      }
      const ms = performance.now() - started;
      if (ms > boundMs) failures.push(`#${i} ${m.kind}: ${ms.toFixed(0)} ms`);
      for (const f of baseline) {
        if (!got.some(g => g.ruleId === f.ruleId && g.span.start === f.span.start && g.span.end === f.span.end)) {
          failures.push(`#${i} ${m.kind}: lost ${f.ruleId} at ${f.span.start}`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
}

test('a parse past its time budget is reported as skipped, and the next parse starts clean', () => {
  const previous = setParseBudget(0);
  try {
    const big = 'val a = listOf(' + '1, '.repeat(200_000) + '1)\nconst val API_TOKEN = "Zq8vLr2Xw9TnB4kPm7Yc1HdS"\n';
    const r = analyzeFile({ path: 'app/src/main/java/Big.kt', text: big, forceTree: true }, settings());
    assert.equal(r.skipped, 'too slow to parse (over 0 ms)');
    assert.deepEqual(r.findings, []);
  } finally {
    setParseBudget(previous);
  }
  const small = analyze('app/src/main/java/Small.kt', 'const val API_TOKEN = "Zq8vLr2Xw9TnB4kPm7Yc1HdS"\n');
  assert.deepEqual(small.map(f => [f.ruleId, f.range.start.line]), [['hardcoded-secret', 0]]);
});
