// ESLint-style table tests for one rule: valid and invalid cases per language, exact 1-based ranges, and the
// exact output of every fix. The tester rejects an invalid case without errors and duplicate cases.
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze, engineReady, settings } from './engine';
import type { EngineOptions, Finding, Severity } from '../../server/src/engine/index';

export interface ExpectedError {
  /** 1-based; may be left out when the code marks the range with ⟦ ⟧ (the n-th marked range is the n-th error). */
  line?: number; column?: number; endLine?: number; endColumn?: number;
  severity?: Severity;
  /** Substring or pattern the message must contain/match. */
  message?: string | RegExp;
  /** Exact text of the file after applying each of the finding's fixes, in order. */
  fixOutputs?: string[];
}
export interface ValidCase { code: string; path?: string; options?: Partial<EngineOptions>; name?: string }
export interface InvalidCase extends ValidCase { errors?: ExpectedError[] }
export interface LanguageTable { valid: (string | ValidCase)[]; invalid: InvalidCase[] }

const defaultPaths: Record<string, string> = {
  kotlin: 'app/src/main/java/com/example/Sample.kt', java: 'app/src/main/java/com/example/Sample.java',
  typescript: 'src/sample.ts', tsx: 'src/Sample.tsx', javascript: 'src/sample.js', gradle: 'app/build.gradle', properties: 'gradle.properties',
  // Android XML and google-services.json, one table per file kind.
  manifest: 'app/src/main/AndroidManifest.xml', values: 'app/src/main/res/values/strings.xml',
  'network-security-config': 'app/src/main/res/xml/network_security_config.xml', 'google-services': 'app/google-services.json',
};

const OPEN = '⟦', CLOSE = '⟧';

/** Strips ⟦ ⟧ markers and returns the marked ranges (1-based line/column, end exclusive like ESLint's endColumn). */
export function markedRanges(marked: string): { code: string; ranges: Required<Pick<ExpectedError, 'line' | 'column' | 'endLine' | 'endColumn'>>[] } {
  let code = '';
  const ranges: { line: number; column: number; endLine: number; endColumn: number }[] = [];
  let line = 1, column = 1;
  let open: { line: number; column: number } | undefined;
  for (const ch of marked) {
    if (ch === OPEN) { open = { line, column }; continue; }
    if (ch === CLOSE) { ranges.push({ line: open!.line, column: open!.column, endLine: line, endColumn: column }); open = undefined; continue; }
    code += ch;
    if (ch === '\n') { line++; column = 1; } else column += ch.length;
  }
  return { code, ranges };
}

function applyFix(text: string, f: Finding['fixes'][number]): string {
  const edits = [...f.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

export function ruleTester(ruleId: string, tables: Record<string, LanguageTable>): void {
  before(engineReady);
  const seen = new Set<string>();
  for (const [lang, table] of Object.entries(tables)) {
    const norm = (c: string | ValidCase): ValidCase => typeof c === 'string' ? { code: c } : c;
    table.valid.map(norm).forEach((c, i) => {
      const key = `${lang}\0${c.path ?? ''}\0${JSON.stringify(c.options ?? {})}\0${c.code}`;
      if (seen.has(key)) throw new Error(`${ruleId}: duplicate ${lang} case: ${c.code}`);
      seen.add(key);
      test(`${ruleId} ${lang} valid #${i + 1}${c.name ? ` (${c.name})` : ''}`, () => {
        const got = analyze(c.path ?? defaultPaths[lang], c.code, settings({}, c.options)).filter(f => f.ruleId === ruleId);
        assert.deepEqual(got.map(f => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`), []);
      });
    });
    table.invalid.forEach((marked, i) => {
      const { code, ranges } = markedRanges(marked.code);
      const errors = ranges.length
        ? ranges.map((r, j) => ({ ...(marked.errors?.[j] ?? {}), ...r }))
        : marked.errors ?? [];
      const c = { ...marked, code, errors };
      if (!c.errors.length) throw new Error(`${ruleId}: invalid ${lang} case without errors: ${c.code}`);
      if (marked.errors && ranges.length && marked.errors.length > ranges.length) throw new Error(`${ruleId}: more errors than marked ranges: ${c.code}`);
      const key = `${lang}\0${c.path ?? ''}\0${JSON.stringify(c.options ?? {})}\0${c.code}`;
      if (seen.has(key)) throw new Error(`${ruleId}: duplicate ${lang} case: ${c.code}`);
      seen.add(key);
      test(`${ruleId} ${lang} invalid #${i + 1}${c.name ? ` (${c.name})` : ''}`, () => {
        const got = analyze(c.path ?? defaultPaths[lang], c.code, settings({}, c.options)).filter(f => f.ruleId === ruleId);
        const pos = (f: Finding) => ({ line: f.range.start.line + 1, column: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 });
        assert.deepEqual(got.map(pos), c.errors.map(e => ({ line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn })));
        c.errors.forEach((e, j) => {
          if (e.severity) assert.equal(got[j].severity, e.severity);
          if (typeof e.message === 'string') assert.ok(got[j].message.includes(e.message), `message "${got[j].message}" lacks "${e.message}"`);
          else if (e.message) assert.match(got[j].message, e.message);
          const outputs = got[j].fixes.map(f => applyFix(c.code, f));
          if (e.fixOutputs) assert.deepEqual(outputs, e.fixOutputs);
          else assert.deepEqual(outputs, [], 'a finding with fixes must declare fixOutputs');
        });
      });
    });
  }
}
