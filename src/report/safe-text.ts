/**
 * Strings that come from a model or a file (node, value, graph, layer, tensor and producer names, op
 * types, doc strings, metadata, custom op names, prototxt strings) are data, never markup or terminal
 * commands. One function per output context; every place such a string reaches output goes through one.
 *
 * - terminal (text report, `inspect`, `fix`, error lines, the TUI): `termText`
 * - Markdown (pull-request comments): `markdownText`
 * - XML 1.0 (JUnit): `xmlText`
 * - HTML: `htmlText`
 * - JSON and SARIF keep the original string: `JSON.stringify` escapes control characters and (since
 *   ES2019) lone surrogates, so the output stays valid JSON whatever the model holds.
 *
 * Displayed strings are bounded (`max` characters, then `…`); the JSON report keeps the full text.
 */

/** Default display bound for a name. */
export const NAME_MAX = 200;
/** Default display bound for a sentence that may quote names (finding messages, error problems). */
export const MESSAGE_MAX = 600;

/**
 * Characters a terminal would act on or that reorder or hide text: C0 controls, DEL, C1 controls,
 * zero-width characters and marks (U+200B–200F), line/paragraph separators (U+2028–2029),
 * bidirectional embeddings/overrides (U+202A–202E) and isolates (U+2066–2069), the Arabic letter
 * mark (U+061C), the byte order mark (U+FEFF), and lone surrogates.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function visibleEscape(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Cut to at most `max` characters (the last one an ellipsis), never between the halves of a surrogate pair. */
export function bound(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** For a terminal: unsafe characters as visible escapes (`\x1b`, `\u202e`), one line, at most `max` characters. */
export function termText(s: string, max = NAME_MAX): string {
  return bound(String(s).replace(UNSAFE, visibleEscape), max);
}

const MARKDOWN_SPECIAL = /[\\`*_[\]{}()#+!|~]/g;
const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeMarkup = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_SPECIAL[c]!);

/**
 * For Markdown (also inside a table cell): controls and newlines as visible escapes, inline syntax
 * (`` ` * _ [ ] # | `` …) backslash-escaped, `< > &` as entities so no HTML gets through.
 */
export function markdownText(s: string, max = NAME_MAX): string {
  return escapeMarkup(termText(s, max)).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/**
 * For XML 1.0 text and attribute values: characters XML forbids (C0 controls other than tab/newline/CR,
 * U+FFFE/U+FFFF, lone surrogates) and those a viewer would act on become visible escapes; markup is escaped.
 */
export function xmlText(s: string, max = MESSAGE_MAX): string {
  return escapeMarkup(termText(s, max).replace(/[\ufffe\uffff]/g, visibleEscape));
}

/** For HTML element text and quoted attribute values: as `xmlText`, every markup character escaped. */
export function htmlText(s: string, max = MESSAGE_MAX): string {
  return xmlText(s, max);
}
