// Suppression comments, in the file's own comment syntax:
//   authlint-disable-next-line <ids> -- reason    authlint-disable-line <ids>    authlint-disable <ids> (whole file)
// `<ids>` are separated by spaces or commas; no ids means every rule. Every word before ` -- ` is taken as an id:
// a misspelt one suppresses nothing (it does not turn the comment into one that suppresses every rule).
//
// Hygiene: each suppression remembers whether it silenced a finding. One that names an unknown rule id, or that
// silenced nothing, is a SuppressionProblem — not a finding, never counted as one — with the edit that removes it.
import type { Comment, FileModel } from './model/model';
import { offsetToPosition, offsetToRange, wholeLineOf } from './positions';
import { maskSecret } from './secrets/mask';
import { closest } from './suggest';
import { quote } from './quote';
import type { Fix, Span, SuppressionProblem } from './types';

const directivePattern = /authlint-(disable-next-line|disable-line|disable)\b([^\n]*)/g;

export const unusedSuppressionCode = 'authlint-unused-suppression';
export const unknownRuleCode = 'authlint-unknown-rule';

type Form = 'disable-next-line' | 'disable-line' | 'disable';

interface NamedId { id: string; span: Span; used: boolean }

interface Directive {
  form: Form;
  /** The line (0-based) it silences; -1 for the whole file. */
  line: number;
  /** The last line it silences (a next-line directive whose comment covers more, see Comment.coversTo). */
  lastLine: number;
  /** Empty: every rule. */
  ids: NamedId[];
  /** `authlint-disable-next-line`. */
  keyword: Span;
  /** From the keyword to the end of its ids and reason (before a closing `*\/`). */
  span: Span;
  comment: Comment;
  /** For a directive without ids. */
  used: boolean;
}

export interface Suppressions {
  /** Whether a finding of `ruleId` at `offset` is silenced; the suppressions that silence it count as used. */
  suppressed(ruleId: string, offset: number): boolean;
  /**
   * The suppressions that name an unknown rule or silenced nothing, once every finding went through `suppressed`.
   * Ids of rules that did not run (level off) are never called unused: nobody knows what they would have found.
   */
  problems(ruleIds: readonly string[], ran: (ruleId: string) => boolean): SuppressionProblem[];
}

function parseDirectives(model: FileModel): Directive[] {
  const out: Directive[] = [];
  for (const comment of model.comments) {
    if (!comment.text.includes('authlint-')) continue;
    directivePattern.lastIndex = 0;
    for (let m = directivePattern.exec(comment.text); m; m = directivePattern.exec(comment.text)) {
      const start = comment.span.start + m.index;
      const keywordEnd = start + 'authlint-'.length + m[1].length;
      // The ids end at ` -- ` (the reason) and before the `*/` or `-->` closing a comment; so does the directive.
      const rest = m[2].replace(/(\*\/|-->)[\s\S]*$/, '');
      const ids: NamedId[] = [];
      for (const t of rest.split('--')[0].matchAll(/[^\s,]+/g)) {
        ids.push({ id: t[0], span: { start: keywordEnd + t.index!, end: keywordEnd + t.index! + t[0].length }, used: false });
      }
      const line = offsetToPosition(model.text, start).line;
      const form = m[1] as Form;
      const first = form === 'disable' ? -1 : form === 'disable-line' ? line : line + 1;
      out.push({
        form, ids, comment, used: false,
        line: first,
        lastLine: form === 'disable-next-line' && comment.coversTo !== undefined ? Math.max(first, offsetToPosition(model.text, comment.coversTo).line) : first,
        keyword: { start, end: keywordEnd },
        span: { start, end: keywordEnd + rest.trimEnd().length },
      });
    }
  }
  return out;
}

export function suppressions(model: FileModel): Suppressions {
  const directives = parseDirectives(model);
  if (!directives.length) return { suppressed: () => false, problems: () => [] };
  return {
    suppressed(ruleId, offset) {
      const line = offsetToPosition(model.text, offset).line;
      let silenced = false;
      for (const d of directives) {
        if (d.line !== -1 && (line < d.line || line > d.lastLine)) continue;
        if (!d.ids.length) {
          d.used = silenced = true;
          continue;
        }
        for (const named of d.ids) if (named.id === ruleId) named.used = silenced = true;
      }
      return silenced;
    },
    problems(ruleIds, ran) {
      const out: SuppressionProblem[] = [];
      const unused = (what: string, d: Directive) => `Unused suppression: no ${what}${where[d.form]}. Remove it, or it will hide a future problem there.`;
      for (const d of directives) {
        if (!d.ids.length) {
          if (!d.used) out.push(problem(model.text, unusedSuppressionCode, undefined, d.keyword, unused('finding ', d), removal(model.text, d)));
          continue;
        }
        d.ids.forEach((named, i) => {
          const fix = d.ids.length === 1 ? removal(model.text, d) : removeId(d, i);
          if (!ruleIds.includes(named.id)) {
            const guess = closest(named.id, ruleIds);
            const shown = guess || isPlainWord(named.id) ? named.id : maskSecret(named.id);
            const p = problem(model.text, unknownRuleCode, shown, named.span, guess
              ? `Unknown rule id ${quote(shown)} in this suppression (did you mean "${guess}"?): it suppresses nothing.`
              : `Unknown rule id ${quote(shown)} in this suppression: it suppresses nothing. Rule ids are listed in docs/rules; a reason goes after " -- ".`,
              d.ids.length === 1 ? fix : { ...fix, title: `Remove ${quote(shown)} from this suppression` });
            if (guess) p.suggestion = { title: `Change to "${guess}"`, safe: false, edits: [{ span: named.span, newText: guess }] };
            out.push(p);
          } else if (!named.used && ran(named.id)) {
            out.push(problem(model.text, unusedSuppressionCode, named.id, named.span, unused(`${named.id} finding `, d), fix));
          }
        });
      }
      return out;
    },
  };
}

/**
 * A word that may be shown as written: no digits and not long. Anything else in a comment (a pasted key, say) is
 * shown masked, as messages never carry a secret.
 */
function isPlainWord(word: string): boolean {
  return !/\d/.test(word) && word.length <= 32;
}

const where: Record<Form, string> = { 'disable-next-line': 'on the next line', 'disable-line': 'on this line', disable: 'in this file' };

function problem(text: string, code: SuppressionProblem['code'], ruleId: string | undefined, span: Span, message: string, fix: Fix): SuppressionProblem {
  return { code, ...(ruleId === undefined ? {} : { ruleId }), message, span, range: offsetToRange(text, span), fix };
}

/** One id out of several: the id with the separator after it (before it, for the last one). */
function removeId(d: Directive, i: number): Fix {
  const named = d.ids[i];
  const span = i + 1 < d.ids.length ? { start: named.span.start, end: d.ids[i + 1].span.start } : { start: d.ids[i - 1].span.end, end: named.span.end };
  return { title: `Remove "${named.id}" from this suppression`, safe: false, edits: [{ span, newText: '' }] };
}

/**
 * The whole suppression: its comment when the comment holds nothing else — with its line when the comment stands
 * alone on it, else with the white space that separates it from the code — or just the directive inside a longer
 * comment.
 */
function removal(text: string, d: Directive): Fix {
  const remove = (start: number, end: number): Fix => ({ title: 'Remove unused suppression', safe: false, edits: [{ span: { start, end }, newText: '' }] });
  const c = d.comment.span;
  if (commentBody(d.comment.text).trim() !== text.slice(d.span.start, d.span.end).trim()) {
    let start = d.span.start;
    while (start > c.start && /[ \t]/.test(text[start - 1])) start--;
    return remove(start, d.span.end);
  }
  const line = wholeLineOf(text, c);
  if (line) return remove(line.start, line.end);
  const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
  const newline = text.indexOf('\n', c.end);
  const lineEnd = newline < 0 ? text.length : newline;
  const before = text.slice(lineStart, c.start);
  if (before.trim()) {
    let start = c.start;
    while (start > lineStart && /[ \t]/.test(text[start - 1])) start--;
    return remove(start, c.end);
  }
  let end = c.end;
  while (end < lineEnd && /[ \t]/.test(text[end])) end++;
  return remove(c.start, end);
}

/** A comment's text without its markers: `//`, `#`, `!`, `/* … *\/`, `<!-- … -->`. */
function commentBody(text: string): string {
  if (text.startsWith('<!--')) return text.slice(4, text.endsWith('-->') ? -3 : undefined);
  if (text.startsWith('/*')) return text.slice(2, text.endsWith('*/') ? -2 : undefined);
  if (text.startsWith('//')) return text.slice(2);
  if (text.startsWith('#') || text.startsWith('!')) return text.slice(1);
  return text;
}
