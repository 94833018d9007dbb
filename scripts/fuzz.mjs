// On-demand fuzzing: the engine fuzz test with more mutants per language (default 10,000).
// Usage: npm run fuzz [-- --count N]
import { spawnSync } from 'node:child_process';
const i = process.argv.indexOf('--count');
const count = i > 0 ? Number(process.argv[i + 1]) : 10_000;
if (!Number.isInteger(count) || count <= 0) {
  console.error('fuzz: --count takes a positive whole number');
  process.exit(2);
}
console.log(`fuzz: ${count} mutants per language`);
const r = spawnSync(process.execPath, ['--test', 'out/test/fuzz/'], { stdio: 'inherit', env: { ...process.env, AUTHLINT_FUZZ_COUNT: String(count) } });
process.exit(r.status ?? 1);
