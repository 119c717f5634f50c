/**
 * Whole-process measurements for the issue-18 table: a command run several times under bench/timed-run.py,
 * the median wall time and the median peak RSS of the process (what a user's machine pays, Node's or
 * Python's own start-up included).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProcessRun {
  seconds: number;
  peakRssMB: number;
  /** user + system CPU seconds: on a shared machine the wall time follows the load, the CPU time much less. */
  cpuSeconds: number;
}

export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
/** The timing wrapper (python3's wait4: wall time, peak RSS and CPU time of one process). */
export const TIMER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'timed-run.py');
/**
 * The environment of every measured process: this one's, less NODE_EXTRA_CA_CERTS. Node reads and parses that
 * certificate bundle at each start-up (~90 ms of CPU for a 220 KB bundle), before any of the program runs, for TLS
 * that an offline audit never opens; python never reads it. A machine that sets it pays that on every node
 * command; the rows measure the program and its yardstick, not that setting (bench/run.ts says when it was set).
 */
export const MEASURED_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'),
);

/** Runs per measurement (medians); BENCH_RUNS overrides. */
export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * One run through bench/timed-run.py: wall seconds from the command's fork to its exit (to the microsecond; GNU
 * time's %e has 10 ms steps, a tenth of a short audit), its peak RSS (MiB) and CPU seconds from wait4; an error
 * if the command failed.
 */
function once(cmd: string, args: string[], okCodes: number[]): ProcessRun | { error: string } {
  const r = spawnSync(PYTHON, [TIMER, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: MEASURED_ENV });
  const line = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('@@'))
    .pop();
  if (!line) return { error: r.stderr.trim().split('\n').pop() ?? `exit ${r.status}` };
  const [wall, kb, user, sys, code] = line.slice(2).split(' ').map(Number);
  if (!okCodes.includes(code!))
    return { error: `exit ${code}: ${r.stderr.trim().split('\n').slice(-4, -1).join(' | ')}` };
  return { seconds: wall!, peakRssMB: kb! / 1024, cpuSeconds: user! + sys! };
}

/** Median of `runs` runs of a command (exit codes in okCodes count as success: an audit with findings exits 1). */
export function measureProcess(cmd: string, args: string[], okCodes = [0], runs = RUNS): ProcessRun {
  const results: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    const r = once(cmd, args, okCodes);
    if ('error' in r) throw new Error(`${cmd} ${args.join(' ')}: ${r.error}`);
    results.push(r);
  }
  return {
    seconds: median(results.map((r) => r.seconds)),
    peakRssMB: median(results.map((r) => r.peakRssMB)),
    cpuSeconds: median(results.map((r) => r.cpuSeconds)),
  };
}

/** The python onnx yardstick: load + check + shape inference of a model, whole process. */
export const PYTHON_ONNX_SCRIPT = `
import onnx, sys
m = onnx.load(sys.argv[1]); onnx.checker.check_model(m); onnx.shape_inference.infer_shapes(m)
`;

/** The same for a model past protobuf's 2 GB (external data): onnx checks and infers it from its path. */
export const PYTHON_ONNX_LARGE_SCRIPT = `
import onnx, sys, tempfile, os
m = onnx.load(sys.argv[1]); onnx.checker.check_model(sys.argv[1])
out = os.path.join(tempfile.mkdtemp(), 'inferred.onnx'); onnx.shape_inference.infer_shapes_path(sys.argv[1], out); os.remove(out)
`;

export function havePythonOnnx(): boolean {
  return spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0;
}

/** A row for bench/run.ts, rounded. */
export function row(name: string, r: ProcessRun, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    name,
    seconds: +r.seconds.toFixed(3),
    peakRssMB: Math.round(r.peakRssMB),
    cpuS: +r.cpuSeconds.toFixed(2),
    ...extra,
  });
}
