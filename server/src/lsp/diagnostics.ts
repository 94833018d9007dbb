// Findings as LSP diagnostics: source "AuthLint", the rule id as code with a link to its page, the places a
// secret is used as related information. Messages come from the engine already masked. Problems of suppression
// comments are information with their own codes (shared/protocol.ts), the unused ones faded as unnecessary code,
// and so is the note on a document that was not analysed.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Finding, Severity, SuppressionProblem } from '../engine/index';
import { ruleDocsUrl } from '../shared/settings';
import { notAnalysedCode } from '../shared/protocol';

export const diagnosticSource = 'AuthLint';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** `uriOfPath` turns an engine path of the same scope into a uri (related locations in other files). */
export function toDiagnostic(finding: Finding, uri: string, docsBaseUrl: string, uriOfPath: (enginePath: string) => string): Diagnostic {
  const related: DiagnosticRelatedInformation[] = finding.related.map(r => ({
    location: { uri: r.path === undefined ? uri : uriOfPath(r.path), range: r.range },
    message: r.message || 'used here',
  }));
  return {
    range: finding.range,
    severity: severities[finding.severity],
    source: diagnosticSource,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(docsBaseUrl, finding.ruleId) },
    message: finding.message,
    ...(related.length ? { relatedInformation: related } : {}),
    // The finding's fingerprint, as `authlint scan` reports it (JSON `fingerprint`, SARIF partialFingerprints).
    ...(finding.fingerprint ? { data: { fingerprint: finding.fingerprint } } : {}),
  };
}

export function problemDiagnostic(problem: SuppressionProblem): Diagnostic {
  return {
    range: problem.range,
    severity: DiagnosticSeverity.Information,
    source: diagnosticSource,
    code: problem.code,
    message: problem.message,
    ...(problem.code === 'authlint-unused-suppression' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
  };
}

/** The note at the top of an open document the engine did not analyse: `reason` as the engine gives it. */
export function notAnalysedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: diagnosticSource,
    code: notAnalysedCode,
    message: `AuthLint did not analyse this file: ${reason}. The setting authlint.options.maxFileSize (or options.maxFileSize in .authlint.json) raises the limit.`,
  };
}
