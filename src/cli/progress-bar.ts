/**
 * A one-line progress bar on stderr for long work (reading a large model, `fix --verify`, exports,
 * quantization). It draws only when stderr is a terminal, not with `--quiet` and not under CI; when
 * stderr is piped nothing at all is written. It redraws at most every 100 ms, fits the terminal
 * width, and erases its line when the work is done, so the command's own output starts clean.
 *
 * The API, for any command:
 *
 *   const bar = startProgress({ label: 'calibrating', unit: 'samples', quiet: hasFlag(args, 'quiet') });
 *   for (let k = 0; k < total; k++) { calibrateOne(k); bar.update(k + 1, total); }
 *   bar.done();
 *
 * `update(done, total, note?)` takes real counts as they advance (total 0 when unknown: the bar then
 * shows the count alone); `note` is a short extra fact (e.g. "1234 nodes"). `done()` erases the line
 * and may be called more than once; call it in a `finally` so an error message starts on a clean line.
 * Units: 'bytes' shows MB, any other unit is shown as a count followed by the unit's name.
 */
import { termText } from '../report/safe-text.js';
import { isTerminal } from './terminal.js';

export interface ProgressBar {
  update(done: number, total?: number, note?: string): void;
  done(): void;
}

export interface ProgressOptions {
  label: string;
  /** 'bytes', or the name of what is counted ('samples', 'runs', 'nodes', 'layers'). */
  unit: string;
  quiet?: boolean;
  /** Default process.stderr. */
  stream?: ProgressStream;
  /** Default process.env (CI, LANG/LC_ALL decide whether the bar draws and with which characters). */
  env?: Record<string, string | undefined>;
  /** Default Date.now (tests pass a clock). */
  now?: () => number;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/** Fewer redraws than this interval apart are dropped (the last state is drawn by the next update). */
export const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';
const BAR_MIN = 10;
const BAR_MAX = 40;

const NO_BAR: ProgressBar = { update: () => undefined, done: () => undefined };

/** Whether a bar would draw on `stream` (a terminal, not quiet, not CI). */
export function progressShown(options: Pick<ProgressOptions, 'quiet' | 'stream' | 'env'> = {}): boolean {
  const env = options.env ?? process.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  // stderr itself is asked without building process.stderr (src/cli/terminal.ts)
  const terminal = options.stream ? Boolean(options.stream.isTTY) : isTerminal(2);
  return terminal && !options.quiet && !ci;
}

export function startProgress(options: ProgressOptions): ProgressBar {
  if (!progressShown(options)) return NO_BAR;
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const glyphs = barGlyphs(options.env ?? process.env);
  const label = termText(options.label, 60);
  let lastDraw = -Infinity;
  let drawn = false;
  let finished = false;
  return {
    update(done, total = 0, note) {
      if (finished) return;
      const t = now();
      if (t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      drawn = true;
      const line = progressLine({
        label,
        unit: options.unit,
        done,
        total,
        note,
        glyphs,
        columns: stream.columns ?? 80,
      });
      stream.write(`${CLEAR_LINE}${line}`);
    },
    done() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write(CLEAR_LINE);
    },
  };
}

interface LineParts {
  label: string;
  unit: string;
  done: number;
  total: number;
  note?: string;
  glyphs: { full: string; empty: string };
  columns: number;
}

/** The text of one frame: `label [####------]  45%  12.3/27.0 MB  note`, never wider than columns - 1. */
export function progressLine(p: LineParts): string {
  const counts =
    p.total > 0 ? `${amount(p.done, p.unit, false)}/${amount(p.total, p.unit, true)}` : amount(p.done, p.unit, true);
  const note = p.note ? `  ${termText(p.note, 40)}` : '';
  const tail = `${p.total > 0 ? `  ${percent(p.done, p.total)}` : ''}  ${counts}${note}`;
  const room = p.columns - 1 - [...p.label].length - tail.length - 3;
  if (p.total <= 0 || room < BAR_MIN) return clip(`${p.label}${tail}`, p.columns - 1);
  const width = Math.min(BAR_MAX, room);
  const filled = Math.round((width * Math.min(p.done, p.total)) / p.total);
  return `${p.label} [${p.glyphs.full.repeat(filled)}${p.glyphs.empty.repeat(width - filled)}]${tail}`;
}

function percent(done: number, total: number): string {
  return `${Math.floor((100 * Math.min(done, total)) / total)}%`.padStart(4);
}

function amount(n: number, unit: string, withUnit: boolean): string {
  if (unit === 'bytes') return `${(n / 2 ** 20).toFixed(1)}${withUnit ? ' MB' : ''}`;
  return `${n}${withUnit ? ` ${unit}` : ''}`;
}

function clip(s: string, columns: number): string {
  const chars = [...s];
  return chars.length <= columns ? s : chars.slice(0, Math.max(0, columns)).join('');
}

/** Block characters on a UTF-8 terminal, ASCII otherwise. */
function barGlyphs(env: Record<string, string | undefined>): { full: string; empty: string } {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale) ? { full: '█', empty: '░' } : { full: '#', empty: '-' };
}
