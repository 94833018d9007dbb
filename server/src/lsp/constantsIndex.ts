// The workspace constants index: for every analysed file, the constants it exports and the names it uses without
// defining them (the engine's exports/pending). Matching them (resolvePending, as the CLI does) tells which
// file's secret is used where; when those uses change, the defining file must be analysed again, because its
// findings (and their related locations) depend on them. One index per workspace folder ("scope").
import { resolvePending, type ExportedConstant, type ExternalUse, type LanguageId, type PendingUse } from '../engine/index';

interface Entry {
  language: LanguageId;
  exports: ExportedConstant[];
  pending: PendingUse[];
}

export class ConstantsIndex {
  private readonly scopes = new Map<string, Map<string, Entry>>();
  /** The last resolution per scope: defining path → uses elsewhere, and a fingerprint to compare. */
  private readonly resolved = new Map<string, Map<string, { uses: ExternalUse[]; key: string }>>();

  /** Records a file's exports and pending uses; returns the defining files whose uses changed. */
  update(scope: string, path: string, entry: Entry): string[] {
    const files = this.files(scope);
    if (!entry.exports.length && !entry.pending.length) {
      if (!files.has(path)) return [];
      files.delete(path);
    } else {
      files.set(path, entry);
    }
    return this.reresolve(scope);
  }

  remove(scope: string, path: string): string[] {
    return this.files(scope).delete(path) ? this.reresolve(scope) : [];
  }

  /** Uses of this file's constants in other files of its scope. */
  externalFor(scope: string, path: string): ExternalUse[] {
    return this.resolved.get(scope)?.get(path)?.uses ?? [];
  }

  /** Updates many files, then resolves once (the workspace scan). */
  updateMany(scope: string, entries: Iterable<[string, Entry]>): string[] {
    const files = this.files(scope);
    for (const [path, entry] of entries) {
      if (entry.exports.length || entry.pending.length) files.set(path, entry);
      else files.delete(path);
    }
    return this.reresolve(scope);
  }

  dropScope(scope: string): void {
    this.scopes.delete(scope);
    this.resolved.delete(scope);
  }

  private files(scope: string): Map<string, Entry> {
    let files = this.scopes.get(scope);
    if (!files) this.scopes.set(scope, (files = new Map()));
    return files;
  }

  private reresolve(scope: string): string[] {
    const files = this.files(scope);
    const byDefiner = resolvePending([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, e]) => ({ path, language: e.language, exports: e.exports, pending: e.pending })));
    const before = this.resolved.get(scope) ?? new Map<string, { uses: ExternalUse[]; key: string }>();
    const after = new Map<string, { uses: ExternalUse[]; key: string }>();
    for (const [path, uses] of byDefiner) after.set(path, { uses, key: JSON.stringify(uses) });
    this.resolved.set(scope, after);
    const changed: string[] = [];
    for (const path of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(path)?.key !== after.get(path)?.key) changed.push(path);
    }
    return changed.sort();
  }
}
