// Strings from a user's files, echoed in messages a terminal or a CI log shows.

/**
 * JSON.stringify, plus escapes for what it leaves as is but a terminal or a log viewer acts on: DEL and the C1
 * controls (0x9b starts an escape sequence on some terminals), line and paragraph separators, bidi controls.
 */
export function quote(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Text for a terminal or a CI log line, as is but with what would act on them escaped (`\u001b`, `\n`: no colour
 * change, no second line starting `::error::`). For values that are not quoted: paths, messages.
 */
export function escapeControls(text: string): string {
  return text.replace(unsafe, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
