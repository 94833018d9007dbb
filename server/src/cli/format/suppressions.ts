// Problems of suppression comments in a report (`--report-unused-suppressions`): a suppression that silences
// nothing, or an unknown rule id in one. They are listed apart from the findings in every format — never counted as
// findings — and exist in a report only when the scan looked for them.
import type { SuppressionProblem } from '../../engine/types';
import type { Report } from './json';

export interface LocatedProblem { file: string; problem: SuppressionProblem }

/** Whether the scan looked for them (then JSON and SARIF say so even when there are none). */
export function reportsSuppressions(report: Report): boolean {
  return report.reportUnusedSuppressions === true;
}

/** Every problem with its file, by path and position. */
export function suppressionProblemsOf(report: Report): LocatedProblem[] {
  return report.results.flatMap(r => [...(r.suppressionProblems ?? [])]
    .sort((a, b) => a.span.start - b.span.start)
    .map(problem => ({ file: r.path, problem })));
}

export function suppressionSummary(problems: readonly LocatedProblem[]): string {
  const unused = problems.filter(p => p.problem.code === 'authlint-unused-suppression').length;
  const unknown = problems.length - unused;
  const parts = [unused ? `${unused} unused` : '', unknown ? `${unknown} unknown rule ${unknown === 1 ? 'id' : 'ids'}` : ''].filter(Boolean);
  return `${problems.length} suppression ${problems.length === 1 ? 'problem' : 'problems'} (${parts.join(', ')})`;
}

/** SARIF rule descriptors for the two codes, listed after the rules. */
export const suppressionRuleDescriptors = [
  {
    id: 'authlint-unused-suppression',
    name: 'UnusedSuppression',
    shortDescription: { text: 'A suppression comment that silences no finding.' },
    fullDescription: { text: 'A suppression comment that silences no finding (the problem it was written for is gone). Remove it: a forgotten suppression hides the next problem on its line.' },
    help: { text: 'Remove the comment, or the rule id from it.' },
    helpAnchor: 'suppression-hygiene',
  },
  {
    id: 'authlint-unknown-rule',
    name: 'UnknownRuleInSuppression',
    shortDescription: { text: 'A suppression comment that names a rule AuthLint does not have.' },
    fullDescription: { text: 'A suppression comment that names a rule AuthLint does not have: it silences nothing. Correct the rule id (docs/rules), or put the reason after " -- ".' },
    help: { text: 'Write the rule id as listed in docs/rules, or remove it.' },
    helpAnchor: 'suppression-hygiene',
  },
] as const;
