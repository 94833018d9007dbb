// Worker for regex-safety.test.ts: times every regex on its adversarial inputs, reporting before each run so the
// parent can name the culprit (and terminate this worker) if a run never ends.
import { parentPort, workerData } from 'node:worker_threads';
import { rng } from '../helpers/random';

export interface RegexCase { source: string; flags: string; origin: string; prefixes: string[]; /** The call site never passes more. */ maxInput?: number }

const STANDARD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"\'`=/:@-_.';
const LETTERS_DIGITS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';


function randomRun(alphabet: string, length: number, rand: () => number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(alphabet[Math.floor(rand() * alphabet.length)]);
  return out.join('');
}

/** The characters of the standard alphabet the pattern can plausibly consume. */
function ownAlphabet(source: string): string {
  const broad = /\\[wWsSdD]|\[\^|(^|[^\\])\.|[a-z]-[a-z]|[A-Z]-[A-Z]|0-9/.test(source);
  const set = new Set<string>(broad ? LETTERS_DIGITS : '');
  for (const c of STANDARD) if (source.includes(c)) set.add(c);
  if (set.size === 0) set.add('a');
  return [...set].join('');
}

const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

export function inputsFor(c: RegexCase, index: number): [string, string][] {
  const rand = rng(0x5eed + index);
  const own = ownAlphabet(c.source);
  const inputs: [string, string][] = [
    ['100k random run of its alphabet', randomRun(own, 100_000, rand)],
    [`100k run of ${JSON.stringify(own[0])}`, own[0].repeat(100_000)],
    [`100k run of ${JSON.stringify(own[own.length - 1])}`, own[own.length - 1].repeat(100_000)],
    ['100k random run of the standard alphabet', randomRun(STANDARD, 100_000, rand)],
  ];
  for (const p of c.prefixes.slice(0, 2)) {
    inputs.push([`prefix ${JSON.stringify(p)} repeated`, repeatTo(p, 100_000)]);
    inputs.push([`near-miss ${JSON.stringify(p)} + run`, repeatTo(`${p}${randomRun(own, 30, rand)}=`, 100_000)]);
  }
  return inputs;
}

function time(re: RegExp, input: string): number {
  const r = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'g');
  const start = process.hrtime.bigint();
  for (let m = r.exec(input); m; m = r.exec(input)) if (m[0] === '') r.lastIndex++;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

if (parentPort && workerData) {
  const { cases, bigLine } = workerData as { cases: RegexCase[]; bigLine: string };
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const re = new RegExp(c.source, c.flags);
    const inputs = inputsFor(c, i);
    inputs.push(['1 MB line', bigLine]);
    for (const [name, input] of inputs) {
      const bounded = c.maxInput ? input.slice(0, c.maxInput) : input;
      const label = c.maxInput ? `${name} (first ${c.maxInput} characters: the call site's bound)` : name;
      parentPort.postMessage({ kind: 'start', index: i, input: label });
      parentPort.postMessage({ kind: 'done', index: i, input: label, ms: time(re, bounded) });
    }
  }
  parentPort.postMessage({ kind: 'end' });
}
