// Hover on a finding: what was found (masked), the risk, what to do, and the rule's page. For secrets it also says
// plainly what moving a key does not do: the key stays in git history, and a key shipped inside an app can still
// be pulled out of it.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { ruleMetas, type Finding } from '../engine/index';
import { ruleDocsUrl } from '../shared/settings';

const severityWord = { error: 'error', warning: 'warning', info: 'information' } as const;

export const secretHoverNote =
  'Moving the key out of the source does not make it secret again: it stays in git history, so **revoke and rotate it**. '
  + 'A key shipped inside an app (APK, JavaScript bundle) can still be extracted and replayed — keep it behind your backend.';

export function hoverFor(findings: readonly Finding[], docsBaseUrl: string): Hover | null {
  if (!findings.length) return null;
  const parts = findings.map(f => {
    const meta = ruleMetas.find(m => m.id === f.ruleId);
    const lines = [`**AuthLint: \`${f.ruleId}\`** (${severityWord[f.severity]})`, '', f.message];
    if (meta) lines.push('', `**Risk:** ${meta.description}`, '', `**What to do:** ${meta.advice}`);
    if (meta?.category === 'secret') lines.push('', secretHoverNote);
    lines.push('', `[Rule page: ${f.ruleId}](${ruleDocsUrl(docsBaseUrl, f.ruleId)})`);
    return lines.join('\n');
  });
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: findings[0].range,
  };
}
