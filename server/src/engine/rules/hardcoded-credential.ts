// A value in a known credential format (provider keys, tokens, private keys, connection strings with a password)
// wherever it stands: string, template, comment or build script. One finding per literal, on the literal.
import type { Rule } from './rule';
import type { StringLiteral } from '../model/model';
import type { Severity, Span } from '../types';
import { isMapsOrFirebaseContext } from '../sinks';
import { maskSecret } from '../secrets/mask';
import { obviouslyFake, suggestedName } from './secret-common';

/** Documentation showing what a key looks like ("An API key, e.g. "AIza…"") is an example written as such. */
const exampleIntro = /(?:\be\.g\.?|\beg\b|\bi\.e\.|\bexample\b|\bfor instance\b|\bsuch as\b|\blooks like\b|\bformat\b|\bsample\b)[^.\n]{0,40}$/i;

function documentedExample(text: string, comments: { span: Span }[], m: Span): boolean {
  const c = comments.find(k => k.span.start <= m.start && k.span.end >= m.end);
  if (!c) return false;
  const lineStart = Math.max(c.span.start, text.lastIndexOf('\n', m.start - 1) + 1);
  const before = text.slice(Math.max(lineStart - 120, c.span.start), m.start).replace(/[\s*/#"'`]+/g, ' ');
  return exampleIntro.test(before.trimEnd().replace(/[:(]$/, ''));
}

function containing(literals: StringLiteral[], span: Span): StringLiteral | undefined {
  // literals are in document order; binary search the last one starting at or before span.start
  let lo = 0, hi = literals.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (literals[mid].span.start <= span.start) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const lit = found >= 0 ? literals[found] : undefined;
  return lit && lit.span.end >= span.end ? lit : undefined;
}

export const hardcodedCredential: Rule = {
  meta: {
    id: 'hardcoded-credential',
    category: 'secret',
    defaultLevel: 'error',
    description: 'A value in a known credential format (cloud, AI/ML, source-host, chat and payment keys, private keys, JWTs, connection strings with a password).',
    advice: 'This is a live credential format: revoke it at the provider now (it stays in git history), then load the replacement at run time. A key shipped in an app can be extracted: keep it behind a backend proxy.',
    fixable: true,
  },
  keywords: [],
  check(ctx) {
    const seen = new Set<StringLiteral>();
    for (const m of ctx.formats()) {
      const lit = containing(ctx.model.literals, m);
      if (!lit && documentedExample(ctx.model.text, ctx.model.comments, m)) continue;
      if (lit) { if (seen.has(lit)) continue; seen.add(lit); }
      const f = m.format;
      let severity: Severity | undefined = f.level === 'info' ? 'info' : undefined;
      let note = '';
      if (f.googleKey) {
        const policy = ctx.options.googleKeyPolicy;
        const maps = lit ? ctx.usesOf(lit).some(u => isMapsOrFirebaseContext(u.ctx)) : false;
        if (policy === 'info' || (policy === 'context' && maps)) {
          severity = 'info';
          note = ' Maps/Firebase keys ship in apps by design: restrict it to your app (package + SHA-1, or HTTP referrer) and to the APIs it needs.';
        }
      }
      if (!severity && ctx.inTest && obviouslyFake(m.value)) severity = 'info';
      ctx.report({
        literal: lit,
        span: lit ? undefined : { start: m.start, end: m.end },
        message: `${f.provider} credential hard-coded (${maskSecret(m.value)}). Revoke it at the provider (it stays in git history) and load the replacement at run time.${note}`,
        severity,
        data: { kind: f.id, suggestedName: suggestedName(lit?.ctx ?? { keyPath: [], wrappers: [], concatenated: false }, `${f.provider}_KEY`) },
      });
    }
  },
};
