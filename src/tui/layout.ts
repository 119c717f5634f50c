/**
 * Screen layout of the terminal UI: list columns sized from the width the list really gets (the
 * message column takes what is left), lines cut only at that edge and padded to it (so a redraw
 * leaves nothing of the previous frame behind), and ASCII glyphs where the terminal is not UTF-8.
 */
/** Code point ranges a terminal draws two cells wide (East Asian wide and fullwidth, emoji). */
const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];
/** Combining marks (drawn on the previous cell). */
const ZERO: [number, number][] = [
  [0x0300, 0x036f],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];
const inRanges = (cp: number, ranges: [number, number][]): boolean => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** Terminal cells one character takes. */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (inRanges(cp, ZERO)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}
/** Terminal cells a string takes. */
export function cellWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** True when the locale says the terminal takes UTF-8 (LC_ALL, then LC_CTYPE, then LANG). */
export function utf8Terminal(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

/** The few non-ASCII characters the UI draws, with their ASCII stand-ins. */
const GLYPHS = {
  utf8: { ellipsis: '…', cursor: '█', border: 'single', frame: 'double', round: 'round', ok: '✓', no: '✗', x: '×' },
  ascii: {
    ellipsis: '~',
    cursor: '_',
    border: 'classic',
    frame: 'classic',
    round: 'classic',
    ok: '+',
    no: 'x',
    x: 'x',
  },
} as const;
export type Glyphs = (typeof GLYPHS)['utf8'] | (typeof GLYPHS)['ascii'];
export const glyphs: Glyphs = utf8Terminal() ? GLYPHS.utf8 : GLYPHS.ascii;

/** Cut `s` to `width` terminal cells (the last one an ellipsis when cut) and pad it to exactly `width`. */
export function fit(s: string, width: number, ellipsis: string = glyphs.ellipsis): string {
  if (width <= 0) return '';
  const w = cellWidth(s);
  if (w <= width) return s + ' '.repeat(width - w);
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (used + cw > width - 1) break;
    out += ch;
    used += cw;
  }
  return out + ellipsis + ' '.repeat(Math.max(0, width - used - 1));
}

/** Split `s` into lines of `width` cells (at spaces where one is near), each padded to `width`. */
export function wrapFit(s: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (used + cw > width) {
      // break after the last space of the line when it is in its second half, else mid-word
      const space = line.lastIndexOf(' ');
      const cut = space >= width / 2 ? space + 1 : line.length;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
      used = cellWidth(line);
    }
    line += ch;
    used += cw;
  }
  lines.push(line);
  return lines.map((l) => fit(l, width));
}

/** Column widths of one list row: fixed columns as given, the flexible ones share what is left by weight. */
export interface ColumnSpec {
  /** Fixed width, or a minimum when `grow` is set. */
  width: number;
  /** Share of the remaining width (0: fixed). */
  grow?: number;
  /** Upper bound of a growing column (the rest goes to the next growing column). */
  max?: number;
}
export function columnWidths(total: number, specs: ColumnSpec[], gap = 1): number[] {
  const widths = specs.map((c) => c.width);
  const spare = Math.max(0, total - widths.reduce((a, b) => a + b, 0) - gap * (specs.length - 1));
  const weight = specs.reduce((a, c) => a + (c.grow ?? 0), 0);
  let left = spare;
  // bounded columns take their share up to their bound; the unbounded ones share the rest
  specs.forEach((c, i) => {
    if (!c.grow || c.max === undefined) return;
    const add = Math.min(Math.floor((spare * c.grow) / weight), c.max - c.width);
    widths[i] += Math.max(0, add);
    left -= Math.max(0, add);
  });
  const free = specs.map((c, i) => ({ c, i })).filter(({ c }) => c.grow && c.max === undefined);
  const freeWeight = free.reduce((a, { c }) => a + c.grow!, 0);
  free.forEach(({ c, i }, k) => {
    const add = k === free.length - 1 ? left : Math.floor((left * c.grow!) / freeWeight);
    widths[i] += add;
    left -= add;
  });
  return widths;
}

/** A run of text with one style, for lines that mix styles. */
export interface Segment {
  text: string;
  color?: string;
  bold?: boolean;
}
/** Cut a styled line to `width` cells (ellipsis at the cut) and pad the last segment to exactly `width`. */
export function fitSegments(segments: Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const [i, seg] of segments.entries()) {
    const w = cellWidth(seg.text);
    const last = i === segments.length - 1;
    if (w < left && !last) {
      out.push(seg);
      left -= w;
      continue;
    }
    out.push({ ...seg, text: fit(seg.text, left) });
    return out;
  }
  return out;
}
