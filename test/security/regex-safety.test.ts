// No regex the engine runs can be driven into super-linear backtracking: every provider format (FORMATS) and every
// regex literal in server/src/engine (found with the TypeScript parser, module-level or not), plus the patterns the
// engine builds with `new RegExp` from a template (instantiated with a sample identifier) and every RegExp a module
// exports, is timed on adversarial inputs — 100k runs of its own alphabet, its literal prefixes repeated, near
// misses, and a 1 MB line. Runs happen in a worker, so a regex that never returns is named and the worker killed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as ts from 'typescript';
import { FORMATS } from '../../server/src/engine/secrets/formats';
import type { RegexCase } from './regex-worker';

// A catastrophic pattern on these inputs (up to a 1 MB line) takes minutes or never ends; a linear one takes well
// under a second. The bound sits far from both, so a loaded CI machine (measured: a linear 380 ms pattern at
// 527 ms with the other core busy) does not make it flake, and backtracking still cannot pass.
const LIMIT_MS = 2000;
/**
 * Patterns that backtrack quadratically on a long run but whose call site bounds the input: source -> bound, with
 * the reason. Each is still timed, on inputs cut to its bound.
 */
const BOUNDED: Record<string, { max: number; why: string }> = {
  // cors-permissive.ts checkCrossOrigin: exec on `before`, at most the 300 characters before the literal.
  [/(\w+)\s*=\s*\[?\s*$/.source]: { max: 300, why: 'cors-permissive.ts: run on model.text.slice(start - 300, start)' },
};
const STALL_MS = 10_000;
const repo = path.join(__dirname, '..', '..', '..');
const engineDir = path.join(repo, 'server', 'src', 'engine');
const outEngineDir = path.join(repo, 'out', 'server', 'src', 'engine');

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) tsFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.endsWith('.examples.ts')) out.push(p);
  }
  return out;
}

/** Literal words in a pattern (what a near miss repeats). */
function literalWords(source: string): string[] {
  const words = (source.replace(/\\./g, ' ').replace(/\[[^\]]*\]/g, ' ').replace(/\{\d+(,\d*)?\}/g, ' ').match(/[A-Za-z0-9_]{2,}/g) ?? [])
    .filter(w => !/^\d+$/.test(w));
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

function collect(): { cases: RegexCase[]; dynamicSkipped: string[] } {
  const cases = new Map<string, RegexCase>();
  const dynamicSkipped: string[] = [];
  const add = (re: RegExp, origin: string, extra: string[] = []) => {
    const key = `/${re.source}/${re.flags}`;
    if (!cases.has(key)) {
      cases.set(key, { source: re.source, flags: re.flags, origin, prefixes: [...new Set([...extra, ...literalWords(re.source)])], maxInput: BOUNDED[re.source]?.max });
    }
  };
  for (const f of FORMATS) add(f.pattern, `FORMATS ${f.id}`, f.keywords);
  for (const file of tsFiles(engineDir)) {
    const rel = path.relative(repo, file);
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const slash = text.lastIndexOf('/');
        add(new RegExp(text.slice(1, slash), text.slice(slash + 1)), `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`);
      } else if (ts.isNewExpression(node) && node.expression.getText(sf) === 'RegExp' && node.arguments?.length) {
        const [pattern, flags] = node.arguments;
        const where = `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
        if (ts.isTemplateExpression(pattern) || ts.isNoSubstitutionTemplateLiteral(pattern) || ts.isStringLiteral(pattern)) {
          // Substitutions (an identifier's name) become a sample identifier; the template is cooked as JS would.
          const template = ts.isTemplateExpression(pattern)
            ? '`' + pattern.head.text.replace(/[`\\$]/g, m => '\\' + m) + pattern.templateSpans.map(s => 'authRequest' + s.literal.text.replace(/[`\\$]/g, m => '\\' + m)).join('') + '`'
            : JSON.stringify(pattern.text);
          const source = new Function(`return ${template};`)() as string;
          const f = flags && (ts.isStringLiteral(flags) || ts.isNoSubstitutionTemplateLiteral(flags)) ? flags.text : 'g';
          add(new RegExp(source, f), `${where} (new RegExp, sample identifier)`);
        } else {
          dynamicSkipped.push(`${where}: ${node.getText(sf).slice(0, 60)}`); // built from another regex or a FORMATS entry
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  // Every RegExp a compiled engine module exports (built at run time, whatever its source looks like).
  for (const file of tsFiles(engineDir)) {
    const compiled = path.join(outEngineDir, path.relative(engineDir, file)).replace(/\.ts$/, '.js');
    if (!fs.existsSync(compiled)) continue;
    const mod = require(compiled) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (value instanceof RegExp) add(value, `${path.relative(repo, file)} export ${name}`);
    }
  }
  return { cases: [...cases.values()], dynamicSkipped };
}

function bigLine(): string {
  // 1 MB, no newline: assignments, quotes, URLs and key-like runs, as a minified bundle might hold.
  const parts = ['apiKey = "', 'Bearer ', 'https://user:', '@example.com/', 'client_secret=', 'AKIA', 'ghp_', 'eyJhbGciOi.', "token: '", 'sk-', '-----BEGIN '];
  let s = '', seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alpha = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  while (s.length < 1_000_000) {
    s += parts[Math.floor(rand() * parts.length)];
    const n = 5 + Math.floor(rand() * 60);
    for (let i = 0; i < n; i++) s += alpha[Math.floor(rand() * alpha.length)];
  }
  return s.slice(0, 1_000_000);
}

const { cases, dynamicSkipped } = collect();

test(`every engine regex runs in linear time on adversarial inputs (${cases.length} regexes)`, { timeout: 60_000 }, async t => {
  assert.ok(cases.length >= FORMATS.length + 100, `${cases.length} regexes collected`);
  const results: { index: number; input: string; ms: number }[] = [];
  let current: { index: number; input: string } | undefined;
  const worker = new Worker(path.join(__dirname, 'regex-worker.js'), { workerData: { cases, bigLine: bigLine() } });
  await new Promise<void>((resolve, reject) => {
    let stall: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(stall);
      stall = setTimeout(() => {
        void worker.terminate();
        const c = current && cases[current.index];
        reject(new Error(`no answer in ${STALL_MS} ms: /${c?.source}/${c?.flags} (${c?.origin}) on ${current?.input}`));
      }, STALL_MS);
    };
    arm();
    worker.on('message', (m: { kind: string; index: number; input: string; ms: number }) => {
      arm();
      if (m.kind === 'start') current = m;
      else if (m.kind === 'done') results.push(m);
      else { clearTimeout(stall); resolve(); }
    });
    worker.on('error', e => { clearTimeout(stall); reject(e); });
  });
  await worker.terminate();
  const worst = results.reduce((a, b) => (b.ms > a.ms ? b : a));
  const w = cases[worst.index];
  t.diagnostic(`${cases.length} regexes x inputs = ${results.length} runs; worst ${worst.ms.toFixed(1)} ms: /${w.source.slice(0, 80)}/${w.flags} (${w.origin}) on ${worst.input}`);
  t.diagnostic(`timed on bounded inputs only: ${Object.entries(BOUNDED).map(([src, b]) => `/${src}/ <= ${b.max} chars (${b.why})`).join('; ')}`);
  assert.equal(cases.filter(c => c.maxInput).length, Object.keys(BOUNDED).length, 'every bounded pattern still exists in the engine');
  t.diagnostic(`not instantiated here (copies of collected patterns): ${dynamicSkipped.join('; ')}`);
  const slow = results.filter(r => r.ms > LIMIT_MS).map(r => `${r.ms.toFixed(0)} ms: /${cases[r.index].source}/${cases[r.index].flags} (${cases[r.index].origin}) on ${r.input}`);
  assert.deepEqual(slow, [], `regexes over ${LIMIT_MS} ms on one input`);
});
