// Test access to the real engine: grammars from out/wasm (copied there by `scripts/build.mjs --tests`).
import * as path from 'node:path';
import { analyzeFile, initEngine, resolvePending, defaultOptions } from '../../server/src/engine/index';
import type { AnalyzeSettings, FileResult, Finding, LanguageId, RuleLevels, EngineOptions } from '../../server/src/engine/index';

export const wasmDir = path.join(__dirname, '..', '..', 'wasm');
let ready: Promise<void> | undefined;

export function engineReady(): Promise<void> {
  return (ready ??= initEngine(wasmDir));
}

export function settings(levels: RuleLevels = {}, options: Partial<EngineOptions> = {}): AnalyzeSettings {
  return { levels, options: { ...defaultOptions, ...options } };
}

export function analyze(filePath: string, text: string, s: AnalyzeSettings = settings(), language?: LanguageId): Finding[] {
  return analyzeFile({ path: filePath, text, language }, s).findings;
}

/** Analyses several files together as the CLI does: phase 1, cross-file resolution, phase 2 for defining files. */
export function analyzeProject(files: Record<string, string>, s: AnalyzeSettings = settings()): Record<string, Finding[]> {
  const first = new Map<string, FileResult>();
  for (const [p, text] of Object.entries(files)) first.set(p, analyzeFile({ path: p, text }, s));
  const external = resolvePending([...first.values()]);
  const out: Record<string, Finding[]> = {};
  for (const [p, text] of Object.entries(files)) {
    const ext = external.get(p);
    out[p] = ext ? analyzeFile({ path: p, text }, s, ext).findings : first.get(p)!.findings;
  }
  return out;
}
