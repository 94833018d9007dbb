// Offsets (UTF-16 code units) to LSP positions. Line starts are computed once per text and cached.
import type { Position, Range, Span } from './types';

let lastText = '';
let lastStarts: number[] = [0];

export function lineStarts(text: string): number[] {
  if (text === lastText) return lastStarts;
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  lastText = text; lastStarts = starts;
  return starts;
}

export function offsetToPosition(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function offsetToRange(text: string, span: Span): Range {
  return { start: offsetToPosition(text, span.start), end: offsetToPosition(text, span.end) };
}

export function positionToOffset(text: string, pos: Position): number {
  const starts = lineStarts(text);
  const line = Math.min(Math.max(pos.line, 0), starts.length - 1);
  const next = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  return Math.min(starts[line] + Math.max(pos.character, 0), next);
}

/**
 * What to delete to remove `span` when it stands alone on its line(s): the whole line with its line break (on the
 * last line, with the line break before it, CRLF included). Undefined when something else stands on the line.
 */
export function wholeLineOf(text: string, span: Span): Span | undefined {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const newline = text.indexOf('\n', span.end);
  const lineEnd = newline < 0 ? text.length : newline;
  if (text.slice(lineStart, span.start).trim() || text.slice(span.end, lineEnd).trim()) return undefined;
  if (newline >= 0) return { start: lineStart, end: newline + 1 };
  if (lineStart === 0) return { start: 0, end: lineEnd };
  return { start: text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1, end: lineEnd };
}
