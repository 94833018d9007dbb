// The editor side of the baseline (`authlint.baseline`, `authlint.baselinedFindings`): every analysed file's
// findings get the same fingerprints `authlint scan` gives them (engine/fingerprint.ts, paths relative to the
// baseline file's folder), and those the baseline holds are hidden or shown as Information, marked as baselined.
// Baseline files are read once and forgotten when the editor reports a change to them (didChangeWatchedFiles): the
// default name is among the static watchers (watch.ts); for another name a watcher on its file name is registered
// the first time it is used.
import * as path from 'node:path';
import type { Finding } from '../engine/index';
import { withFingerprints } from '../engine/fingerprint';
import type { Baseline } from '../engine/baseline';
import { fingerprintPath, loadBaselineFile } from '../cli/baseline';
import { defaultBaselineFile } from '../shared/settings';
import type { ResourceSettings } from './documentSettings';

export interface BaselineHost {
  /** A baseline file was read: `error` says what is wrong with it (undefined: fine, or no such file). */
  onState(file: string, error: string | undefined): void;
  /** Asks the editor to report changes to files with this name (`**\/<name>`). */
  watch(fileName: string): void;
}

export class BaselineStore {
  private readonly loaded = new Map<string, Baseline | null>();
  private readonly watchedNames = new Set<string>([defaultBaselineFile]);

  constructor(private readonly host: BaselineHost) {}

  /**
   * The findings as the editor shows them: fingerprinted; with a baseline, those it holds dropped (`hide`) or
   * turned into information marked as baselined.
   */
  apply(findings: readonly Finding[], text: string, fsPath: string, s: ResourceSettings, folder: string | undefined): Finding[] {
    const file = s.baseline.file;
    const root = file ? path.dirname(file) : folder ?? path.dirname(fsPath);
    return this.mark(withFingerprints(text, fingerprintPath(root, fsPath), findings), s);
  }

  /** Findings already fingerprinted (by a scan worker, against the same root as `apply`): the baseline applied. */
  mark(printed: readonly Finding[], s: ResourceSettings): Finding[] {
    const file = s.baseline.file;
    const baseline = file ? this.get(file) : undefined;
    if (!baseline) return [...printed];
    const label = path.basename(file!);
    return printed.flatMap(f => {
      if (!baseline.fingerprints.has(f.fingerprint!)) return [f];
      if (s.baseline.findings === 'hide') return [];
      return [{ ...f, severity: 'info' as const, message: `${f.message} (baselined: listed in ${label})` }];
    });
  }

  /** Whether a change to this file may change a baseline in use (it has the name of one). */
  concerns(fsPath: string): boolean {
    return this.watchedNames.has(path.basename(fsPath));
  }

  /** Forgets what was read from baseline files (they changed). */
  clear(): void {
    this.loaded.clear();
  }

  private get(file: string): Baseline | undefined {
    let baseline = this.loaded.get(file);
    if (baseline === undefined) {
      baseline = this.read(file);
      this.loaded.set(file, baseline);
      const name = path.basename(file);
      if (!this.watchedNames.has(name)) {
        this.watchedNames.add(name);
        this.host.watch(name);
      }
    }
    return baseline ?? undefined;
  }

  private read(file: string): Baseline | null {
    const loaded = loadBaselineFile(file);
    this.host.onState(file, 'unreadable' in loaded ? `cannot read the baseline: ${loaded.unreadable}`
      : 'invalid' in loaded ? `invalid baseline: ${loaded.invalid}` : undefined);
    return 'baseline' in loaded ? loaded.baseline : null;
  }
}
