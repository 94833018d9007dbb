// Code actions for the findings of one document, looked up from the last validation (as vscode-eslint computes
// fixes while linting): a `quickfix` per engine fix, the key-moving fix of the secret rules, the secure-snippet
// actions (fixes/snippets.ts: a client command, not an edit), `source.fixAll.authlint` with the safe fixes only,
// and suppression comments last. Problems of suppression comments get their own quick fixes: the id they were
// meant to name, and removing the id or the whole comment.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Finding, LanguageId, SuppressionProblem } from '../engine/index';
import { ruleMetas } from '../engine/index';
import { fixAllKind } from '../shared/protocol';
import { WorkspaceEditBuilder, type FileReader, type FileText } from './fixes/workspaceEdit';
import { keyMoveFix } from './fixes/keyMove';
import { suppressFile, suppressLine } from './fixes/suppress';
import { snippetActionsFor } from './fixes/snippets';

export interface CodeActionContext {
  findings: readonly Finding[];
  /** Unused suppressions and unknown rule ids in them, with their diagnostics. */
  suppressionProblems?: readonly SuppressionProblem[];
  problemDiagnosticOf?(p: SuppressionProblem): Diagnostic;
  document: FileText;
  language: LanguageId;
  stopDir: string;
  reader: FileReader;
  /** The editor accepts documentChanges with CreateFile. */
  documentChanges: boolean;
  createFiles: boolean;
  diagnosticOf(f: Finding): Diagnostic;
  log(message: string): void;
}

/** A kind the request asks for: equal, or below one it names (`source` covers `source.fixAll.authlint`). */
function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some(k => kind === k || kind.startsWith(`${k}.`));
}

export function codeActionsFor(params: CodeActionParams, ctx: CodeActionContext): CodeAction[] {
  const only = params.context.only;
  const out: CodeAction[] = [];
  if (wanted(only, CodeActionKind.QuickFix)) {
    const here = ctx.findings.filter(f => intersects(f.range, params.range));
    const suppressions: CodeAction[] = [];
    const snippetKeys = new Set<string>();
    for (const f of here) {
      const diagnostic = ctx.diagnosticOf(f);
      for (const fix of f.fixes) {
        const b = new WorkspaceEditBuilder();
        for (const e of fix.edits) b.replace(ctx.document, e.span.start, e.span.end, e.newText);
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.safe, edit: b.build(ctx.documentChanges) });
      }
      if (ruleMetas.find(m => m.id === f.ruleId)?.category === 'secret') {
        const move = safely(ctx.log, () => keyMoveFix({ finding: f, document: ctx.document, language: ctx.language, stopDir: ctx.stopDir, reader: ctx.reader }));
        if (move && (!move.builder.createsFiles || (ctx.documentChanges && ctx.createFiles))) {
          out.push({ title: move.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: move.builder.build(ctx.documentChanges) });
        }
      }
      for (const a of snippetActionsFor(f, ctx.document.text, ctx.document.uri, ctx.language)) {
        const key = JSON.stringify(a.command);
        if (snippetKeys.has(key)) continue;
        snippetKeys.add(key);
        out.push({ title: a.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: a.command });
      }
      suppressions.push(...suppressionActions(f, diagnostic, ctx));
    }
    for (const p of ctx.suppressionProblems ?? []) {
      if (!intersects(p.range, params.range)) continue;
      const diagnostic = ctx.problemDiagnosticOf!(p);
      for (const fix of p.suggestion ? [p.suggestion, p.fix] : [p.fix]) {
        const b = new WorkspaceEditBuilder();
        for (const e of fix.edits) b.replace(ctx.document, e.span.start, e.span.end, e.newText);
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix === (p.suggestion ?? p.fix), edit: b.build(ctx.documentChanges) });
      }
    }
    out.push(...dedupe(suppressions));
  }
  if (wanted(only, fixAllKind) && only) {
    // Only when asked for (on save, or the Source Action menu): a fixAll offered with every quick fix is noise.
    const all = fixAll(ctx);
    if (all) out.push(all);
  }
  return out;
}

/**
 * One action with every safe fix of the document; fixes whose edits would overlap an earlier one wait for the next
 * run, which analyses the text the first one left. A fix's edit spans what its result depends on (a setter removal
 * spans its whole chain, oauth.ts removeCallEdit), so two fixes that are right alone but not together overlap.
 */
export function fixAll(ctx: Pick<CodeActionContext, 'findings' | 'document' | 'documentChanges'>): CodeAction | undefined {
  const b = new WorkspaceEditBuilder();
  const taken: { start: number; end: number }[] = [];
  let count = 0;
  for (const f of ctx.findings) {
    for (const fix of f.fixes) {
      if (!fix.safe) continue;
      if (fix.edits.some(e => taken.some(t => e.span.start < t.end && t.start < e.span.end))) continue;
      for (const e of fix.edits) {
        b.replace(ctx.document, e.span.start, e.span.end, e.newText);
        taken.push(e.span);
      }
      count++;
      break; // one fix per finding
    }
  }
  if (!count) return undefined;
  return { title: 'Fix all safe AuthLint problems', kind: fixAllKind, edit: b.build(ctx.documentChanges) };
}

function suppressionActions(f: Finding, diagnostic: Diagnostic, ctx: CodeActionContext): CodeAction[] {
  const out: CodeAction[] = [];
  const line = suppressLine(ctx.document.text, f, ctx.language);
  if (line) {
    const b = new WorkspaceEditBuilder();
    b.insert(ctx.document, line.offset, line.text);
    out.push({ title: `Suppress ${f.ruleId} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: b.build(ctx.documentChanges) });
  }
  const file = suppressFile(ctx.document.text, f.ruleId, ctx.language);
  if (!file) return out; // JSON: no comments
  const b = new WorkspaceEditBuilder();
  b.insert(ctx.document, file.offset, file.text);
  out.push({ title: `Suppress ${f.ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: b.build(ctx.documentChanges) });
  return out;
}

/** Two findings of one rule on one line offer one "this line" and one "this file" action, not two of each. */
function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter(a => {
    const key = `${a.title}\n${JSON.stringify(a.edit)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** A fix that cannot be built (an unexpected layout) is left out and logged: the other actions still show. */
function safely<T>(log: (message: string) => void, build: () => T): T | undefined {
  try {
    return build();
  } catch (e) {
    log(`Could not build the key-moving fix: ${(e as Error)?.stack ?? e}`);
    return undefined;
  }
}
