// Following constants to where they are used: within a file (by name and owner), and across files through the
// keys a constant is exported under (JVM: package + owner + name; TS/JS: module path + name).
import type { ExportedConstant, ExternalUse, FileResult, PendingUse } from './api';
import type { FileModel, StringLiteral } from './model/model';
import type { Use } from './rules/rule';
import { classifySink } from './sinks';
import { offsetToRange } from './positions';
import { wordLookup } from './rules/memo';

const jvm = (m: FileModel) => m.language === 'kotlin' || m.language === 'java';

export function resolveLocal(model: FileModel): Map<StringLiteral, Use[]> {
  const byName = new Map<string, FileModel['constants']>();
  // The lengths of the constants' names: most references are answered by their length, without hashing the name.
  const lengths = new Set<number>();
  for (const c of model.constants) {
    byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    lengths.add(c.name.length);
  }
  const out = new Map<StringLiteral, Use[]>();
  if (!byName.size) return out;
  const importedName = wordLookup(model.imports.map(i => [i.local, true] as const));
  for (const ref of model.references) {
    if (!lengths.has(ref.name.length)) continue;
    const candidates = byName.get(ref.name);
    if (!candidates) continue;
    const imported = ref.qualifier && importedName(ref.qualifier);
    if (imported) continue;
    const c = ref.qualifier
      ? candidates.find(k => k.owner === ref.qualifier) ?? (ref.qualifier === 'this' || ref.qualifier === 'Companion' ? candidates[0] : undefined)
      : candidates.find(k => !k.owner) ?? candidates[0];
    if (!c || c.literal.span.start === ref.span.start) continue;
    const use: Use = { ctx: ref.ctx, span: ref.span, direct: false, language: model.language };
    const uses = out.get(c.literal);
    if (uses) uses.push(use); else out.set(c.literal, [use]);
  }
  return out;
}

function normalize(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return (p.startsWith('/') ? '/' : '') + parts.join('/');
}

const stripExt = (p: string) => p.replace(/\.(d\.ts|[cm]?[jt]sx?)$/, '');

function moduleKeys(path: string): string[] {
  const base = stripExt(normalize(path));
  return base.endsWith('/index') ? [base, base.slice(0, -'/index'.length)] : [base];
}

export function exportsOf(model: FileModel): ExportedConstant[] {
  const out: ExportedConstant[] = [];
  for (const c of model.constants) {
    if (!c.exported) continue;
    const keys = jvm(model)
      ? [[model.packageName, c.owner, c.name].filter(Boolean).join('.')]
      : moduleKeys(model.path).map(m => `${m}#${c.owner ? c.owner + '.' : ''}${c.name}`);
    out.push({ keys, name: c.name, literalSpan: c.literal.span });
  }
  return out;
}

export function pendingOf(model: FileModel, local: Map<StringLiteral, Use[]>): PendingUse[] {
  const resolved = new Set<number>();
  for (const uses of local.values()) for (const u of uses) resolved.add(u.span.start);
  const out: PendingUse[] = [];
  const dir = normalize(model.path).replace(/\/[^/]*$/, '');
  for (const ref of model.references) {
    if (resolved.has(ref.span.start) || !classifySink(ref.ctx)) continue;
    const candidates: string[] = [];
    let modules: string[] | undefined;
    // Generated classes (BuildConfig, R) have no source to follow; reading them is embedded-api-key's business.
    if (ref.qualifier === 'BuildConfig' || ref.qualifier === 'R' || ref.qualifier?.startsWith('R.')) continue;
    if (jvm(model)) {
      const pkg = model.packageName ? `${model.packageName}.` : '';
      const head = ref.qualifier ?? ref.name;
      const imp = model.imports.find(i => i.local === head);
      if (ref.qualifier) candidates.push(imp ? `${imp.from}.${ref.name}` : `${pkg}${ref.qualifier}.${ref.name}`);
      else if (imp) candidates.push(imp.from);
      // An unqualified, unimported name from another file is a Kotlin top-level constant of the same package;
      // anything else is a local or a parameter, not worth a cross-file search.
      else if (model.language === 'kotlin' && /^[A-Z][A-Z0-9_]*$/.test(ref.name)) candidates.push(`${pkg}${ref.name}`);
      else continue;
    } else {
      const head = ref.qualifier?.split('.')[0] ?? ref.name;
      const imp = model.imports.find(i => i.local === head);
      if (!imp || !imp.from.startsWith('.')) continue;
      const mod = stripExt(normalize(`${dir}/${imp.from}`));
      modules = [mod, `${mod}/index`];
      if (ref.qualifier) candidates.push(imp.imported === '*' ? `${mod}#${ref.name}` : `${mod}#${imp.imported}.${ref.name}`);
      else candidates.push(`${mod}#${imp.imported}`);
    }
    out.push({ candidates, name: ref.name, qualifier: ref.qualifier, modules, span: ref.span, range: offsetToRange(model.text, ref.span), ctx: ref.ctx });
  }
  return out;
}

/** Matches every file's pending uses against every file's exports: defining path → uses found elsewhere. */
export function resolvePending(files: Pick<FileResult, 'path' | 'language' | 'exports' | 'pending'>[]): Map<string, ExternalUse[]> {
  const owners = new Map<string, { path: string; name: string }>();
  for (const f of files) for (const e of f.exports) for (const k of e.keys) if (!owners.has(k)) owners.set(k, { path: f.path, name: e.name });
  const out = new Map<string, ExternalUse[]>();
  for (const f of files) {
    for (const p of f.pending) {
      const hit = p.candidates.map(c => owners.get(c)).find(Boolean);
      if (!hit || hit.path === f.path) continue;
      const use: ExternalUse = { name: hit.name, fromPath: f.path, span: p.span, range: p.range, ctx: p.ctx, fromLanguage: f.language };
      out.set(hit.path, [...(out.get(hit.path) ?? []), use]);
    }
  }
  return out;
}
