import { UsageError } from '../io/input-error.js';

/** Parsed command line: positionals and flags (`--k v`, `--k=v`, `-o v`, repeated flags collect). */
export interface Args {
  command: string;
  positionals: string[];
  flags: Map<string, string[]>;
}

/** Flags that take no value. */
const BOOLEAN = new Set([
  'help',
  'version',
  'no-color',
  'color',
  'no-tui',
  'debug',
  'verify',
  'fp16',
  'markdown',
  'external-data',
  'quiet',
  'fix',
]);
const SHORT: Record<string, string> = { o: 'output', h: 'help', t: 'target', f: 'format', V: 'version' };
export const COMMANDS = ['check', 'inspect', 'convert', 'fix', 'targets', 'explain', 'profile', 'quant'];

export function parseArgs(argv: string[]): Args {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string): void => {
    flags.set(k, [...(flags.get(k) ?? []), v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) add(key, a.slice(eq + 1));
      else if (BOOLEAN.has(key)) add(key, 'true');
      else if (i + 1 < argv.length) add(key, argv[++i]!);
      else throw new UsageError(`option --${key} needs a value`);
    } else if (a.startsWith('-') && a.length > 1) {
      const key = SHORT[a.slice(1)];
      if (!key) throw new UsageError(`unknown option ${a}`);
      if (BOOLEAN.has(key)) add(key, 'true');
      else if (i + 1 < argv.length) add(key, argv[++i]!);
      else throw new UsageError(`option ${a} needs a value`);
    } else positionals.push(a);
  }
  let command = 'check';
  if (positionals.length && COMMANDS.includes(positionals[0]!)) command = positionals.shift()!;
  return { command, positionals, flags };
}

export function flag(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return v ? v[v.length - 1] : undefined;
}
export function flagAll(args: Args, name: string): string[] {
  return args.flags.get(name) ?? [];
}
export function hasFlag(args: Args, name: string): boolean {
  return args.flags.has(name);
}

/** Fail on flags a command does not know (typos must not pass silently). */
export function allowFlags(args: Args, known: readonly string[]): void {
  const ok = new Set([...known, 'help', 'debug', 'no-color', 'color']);
  for (const k of args.flags.keys())
    if (!ok.has(k)) throw new UsageError(`unknown option --${k} for '${args.command}'`);
}

/** `--input-shape name=1,3,224,224` (repeatable; also `name:1x3x224x224`) → name → dims. */
export function parseInputShapes(specs: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const spec of specs.flatMap((s) => s.split(';')).filter(Boolean)) {
    const m = spec.match(/^(.+?)[=:]\s*\[?([\d,x\s]+)\]?$/);
    if (!m) throw new UsageError(`bad --input-shape '${spec}' (expected name=1,3,224,224)`);
    const dims = m[2]!.split(/[,x]/).map((d) => Number(d.trim()));
    if (dims.some((d) => !Number.isInteger(d) || d < 0))
      throw new UsageError(`bad --input-shape '${spec}': dims must be non-negative integers`);
    out.set(m[1]!.trim(), dims);
  }
  return out;
}

/** `--layer-shape LAYER=1,256,14,14` (repeatable; a layer named again gives the dims of its next top) → layer → dims per top. */
export function parseLayerShapes(specs: string[]): Map<string, number[][]> {
  const out = new Map<string, number[][]>();
  for (const spec of specs) {
    const m = spec.match(/^(.+?)=\s*\[?([\d,x\s]+)\]?$/);
    if (!m) throw new UsageError(`bad --layer-shape '${spec}' (expected LAYER=1,256,14,14)`);
    const dims = m[2]!.split(/[,x]/).map((d) => Number(d.trim()));
    if (dims.some((d) => !Number.isInteger(d) || d < 0))
      throw new UsageError(`bad --layer-shape '${spec}': dims must be non-negative integers`);
    const name = m[1]!.trim();
    out.set(name, [...(out.get(name) ?? []), dims]);
  }
  return out;
}
