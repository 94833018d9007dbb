// Suppression comments, in the file's own comment syntax:
//   authlint-disable-next-line <ids> -- reason    authlint-disable-line <ids>    authlint-disable <ids> (whole file)
// No ids means every rule.
import type { FileModel } from './model/model';
import { offsetToPosition } from './positions';

const directive = /authlint-(disable-next-line|disable-line|disable)\b([^\n]*)/g;

export interface Suppressions {
  suppressed(ruleId: string, offset: number): boolean;
}

function parseIds(rest: string): Set<string> | 'all' {
  const body = rest.split('--')[0].replace(/\*\/\s*$/, '');
  const ids = body.split(/[\s,]+/).filter(s => /^[a-z][a-z0-9-]*$/.test(s));
  return ids.length ? new Set(ids) : 'all';
}

export function suppressions(model: FileModel): Suppressions {
  const fileWide: (Set<string> | 'all')[] = [];
  const byLine = new Map<number, (Set<string> | 'all')[]>();
  const add = (line: number, ids: Set<string> | 'all') => byLine.set(line, [...(byLine.get(line) ?? []), ids]);
  for (const c of model.comments) {
    if (!c.text.includes('authlint-')) continue;
    directive.lastIndex = 0;
    for (let m = directive.exec(c.text); m; m = directive.exec(c.text)) {
      const ids = parseIds(m[2]);
      const line = offsetToPosition(model.text, c.span.start + m.index).line;
      if (m[1] === 'disable') fileWide.push(ids);
      else if (m[1] === 'disable-line') add(line, ids);
      else add(line + 1, ids);
    }
  }
  if (!fileWide.length && !byLine.size) return { suppressed: () => false };
  const matches = (list: (Set<string> | 'all')[] | undefined, id: string) => !!list?.some(s => s === 'all' || s.has(id));
  return {
    suppressed(ruleId, offset) {
      return matches(fileWide, ruleId) || matches(byLine.get(offsetToPosition(model.text, offset).line), ruleId);
    },
  };
}
