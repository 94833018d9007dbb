// The workspace scan (command authlint.scanWorkspace): every file the CLI would scan in each workspace folder —
// the same walker, `.gitignore` handling, default skips and `.authlint.json` — analysed and published, with
// progress and a Cancel button. Like the CLI, it resolves constants across files once everything is indexed and
// analyses again the files whose constants are used elsewhere. A large folder is analysed on worker threads that
// end with the scan, so the parsers' WebAssembly memory (which never shrinks) goes with them and the server returns
// to its size; a small one in the server's thread, yielding to the event loop every few milliseconds. Either way
// typing, hovers and Cancel stay responsive. Open documents are skipped: they are validated from the editor's text.
import * as path from 'node:path';
import { languageOf, type ExternalUse, type FileResult, type Finding } from '../engine/index';
import { walkPaths } from '../cli/walker';
import type { ScanSummary } from '../shared/protocol';
import type { Executor } from '../cli/pool';
import type { FileOutcome } from '../cli/worker';
import type { LspClient, ProgressReporter } from './client';
import type { ConstantsIndex } from './constantsIndex';
import type { DocumentSettings, ResourceSettings } from './documentSettings';
import type { FileLocation, Folder, WorkspaceFolders } from './workspace';

export interface ScanHost {
  client: LspClient;
  folders: WorkspaceFolders;
  settings: DocumentSettings;
  index: ConstantsIndex;
  isOpen(fsPath: string): boolean;
  /** Findings of an open document's last validation (the scan counts them without analysing the file again). */
  openFindingCount(fsPath: string): number;
  analyzeClosed(fsPath: string, s: ResourceSettings, location: FileLocation, external: ExternalUse[]): { result?: FileResult; skipped?: string };
  publishClosed(fsPath: string, findings: readonly Finding[], s: ResourceSettings, location: FileLocation): void;
  /** Clears the diagnostics of closed files matching the predicate. */
  clearClosed(predicate: (fsPath: string) => boolean): void;
  revalidateOpen(fsPath: string): void;
  /** Analyses files of a folder (tasks name them relative to it, as the engine sees them) with these settings. */
  analyzer(folder: string, s: ResourceSettings, fileCount: number): Executor;
}

interface Analysed { fsPath: string; s: ResourceSettings; location: FileLocation; result: FileResult }

export class WorkspaceScanner {
  private readonly scanned = new Set<string>();
  private running: Promise<ScanSummary> | undefined;
  private cancelRequested = false;
  private rescanQueued = false;

  constructor(private readonly host: ScanHost) {}

  /** Whether the file's workspace folder has been scanned (its closed files then keep their diagnostics). */
  wasScanned(fsPath: string): boolean {
    const folder = this.host.folders.folderOf(fsPath);
    return !!folder && this.scanned.has(folder.uri);
  }

  forget(scope: string): void {
    this.scanned.delete(scope);
  }

  clearUnder(root: string): void {
    this.host.clearClosed(p => isInside(root, p));
  }

  cancel(): void {
    if (this.running) this.cancelRequested = true;
  }

  /** Scans every folder with progress; a request during a scan gets that scan's result. */
  scanAll(): Promise<ScanSummary> {
    this.running ??= this.withProgress([...this.host.folders.all()]).finally(() => this.finished());
    return this.running;
  }

  /** After a settings or config change: the folders scanned before are scanned again, quietly. */
  rescanScanned(): void {
    if (!this.scanned.size) return;
    if (this.running) { this.rescanQueued = true; return; }
    const folders = this.host.folders.all().filter(f => this.scanned.has(f.uri));
    this.running = this.run(folders).finally(() => this.finished());
    this.running.catch(e => this.host.client.log(`Rescan failed: ${(e as Error).message}`));
  }

  private finished(): void {
    this.running = undefined;
    this.cancelRequested = false;
    if (this.rescanQueued) {
      this.rescanQueued = false;
      this.rescanScanned();
    }
  }

  private async withProgress(folders: Folder[]): Promise<ScanSummary> {
    const progress = await this.host.client.createProgress();
    progress.begin('AuthLint: scanning the workspace', 0, 'finding files…', true);
    try {
      return await this.run(folders, progress);
    } finally {
      progress.done();
    }
  }

  private async run(folders: Folder[], progress?: ProgressReporter): Promise<ScanSummary> {
    const { host } = this;
    const plans: { folder: Folder; files: string[]; user: Awaited<ReturnType<DocumentSettings['user']>> }[] = [];
    for (const folder of folders) {
      const user = await host.settings.user(folder.uri);
      const project = host.settings.projectConfig(folder.fsPath);
      const walked = walkPaths([folder.fsPath], folder.fsPath, {
        isSupported: p => languageOf(p) !== undefined,
        ignore: project?.config ? { baseDir: path.dirname(project.path), patterns: project.config.ignore } : undefined,
      });
      for (const s of walked.skipped) host.client.log(`Scan: skipped ${s.path}: ${s.reason}`);
      // A nested folder of a multi-root workspace is scanned as its own folder.
      const files = walked.files.filter(f => host.folders.folderOf(f)?.uri === folder.uri);
      plans.push({ folder, files, user });
    }
    const total = plans.reduce((n, p) => n + p.files.length, 0);
    const cancelled = () => this.cancelRequested || !!progress?.token.isCancellationRequested;
    let done = 0;
    let findings = 0;
    const report = () => progress?.report(Math.floor((done / Math.max(total, 1)) * 100), `${done}/${total} files`);
    for (const plan of plans) {
      const analysed: Analysed[] = [];
      // Files with the same analysis settings go to one analyser (in practice: the whole folder).
      const groups = new Map<string, { s: ResourceSettings; files: Map<string, { fsPath: string; s: ResourceSettings; location: FileLocation }> }>();
      for (const fsPath of plan.files) {
        if (host.isOpen(fsPath)) { done++; findings += host.openFindingCount(fsPath); continue; }
        const s = host.settings.combine(plan.user, fsPath);
        const location = host.folders.locate(fsPath);
        if (!s.enabled || s.excludedBy) {
          done++;
          host.publishClosed(fsPath, [], s, location);
          continue;
        }
        const key = JSON.stringify([s.analyze, s.baseline]);
        const group = groups.get(key) ?? { s, files: new Map() };
        group.files.set(location.enginePath, { fsPath, s, location });
        groups.set(key, group);
      }
      report();
      let stopped = cancelled();
      for (const group of groups.values()) {
        if (stopped) break;
        const analyzer = host.analyzer(plan.folder.fsPath, group.s, group.files.size);
        const take = (outcomes: FileOutcome[]) => {
          for (const o of outcomes) {
            const file = group.files.get(o.path)!;
            done++;
            if (o.skipped) host.client.log(`Scan: skipped ${file.fsPath}: ${o.skipped}`);
            if (o.result) analysed.push({ ...file, result: o.result });
            host.publishClosed(file.fsPath, o.result?.findings ?? [], file.s, file.location);
          }
          report();
        };
        try {
          const paths = [...group.files.keys()];
          await analyzer.run(paths.map(p => ({ path: p })), { onOutcomes: take, shouldStop: cancelled });
          stopped = cancelled();
          // What was analysed counts, even when cancelled.
          findings += await this.resolveAcrossFiles(plan.folder, analysed.filter(a => group.files.has(a.location.enginePath)), analyzer);
        } finally {
          await analyzer.close();
        }
      }
      if (stopped) return { files: done, findings, cancelled: true };
      const seen = new Set(plan.files);
      host.clearClosed(p => host.folders.folderOf(p)?.uri === plan.folder.uri && !seen.has(p));
      this.scanned.add(plan.folder.uri);
    }
    progress?.report(100, `${total}/${total} files`);
    return { files: total, findings, cancelled: false };
  }

  /** Indexes the folder's files, then analyses again those whose constants are used in another file. */
  private async resolveAcrossFiles(folder: Folder, analysed: Analysed[], analyzer: Executor): Promise<number> {
    const { host } = this;
    const affected = host.index.updateMany(folder.uri, analysed.map(a => [a.location.enginePath, a.result] as const));
    const byPath = new Map(analysed.map(a => [a.location.enginePath, a]));
    const again = analysed
      .map(a => ({ path: a.location.enginePath, external: host.index.externalFor(folder.uri, a.location.enginePath) }))
      .filter(t => t.external.length);
    for (const o of await analyzer.run(again)) {
      const a = byPath.get(o.path)!;
      if (o.result) a.result = o.result;
      host.publishClosed(a.fsPath, a.result.findings, a.s, a.location);
    }
    const findings = analysed.reduce((n, a) => n + a.result.findings.length, 0);
    for (const p of affected) {
      const fsPath = host.folders.fsPathOf(folder.uri, p);
      if (host.isOpen(fsPath)) host.revalidateOpen(fsPath);
    }
    return findings;
  }
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}
