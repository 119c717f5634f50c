/**
 * The real ncnn runtime for tests: the vendored release source is built once per machine (CPU library only),
 * cached outside the checkout under ~/.cache/convcheck/ncnn-<sha256 of the tarball>/ (or $XDG_CACHE_HOME), and
 * test/ncnn-runner/run-ncnn.cpp is compiled against it. Parallel test processes take a lock (a directory holding
 * the builder's pid); the others wait, with a deadline, for the completion marker.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';
import type { Prereq } from './prereq.js';

export const NCNN_TARBALL = join(ROOT, '..', 'shared', 'vendor', 'ncnn-20260526.tar.gz');
const RUNNER_SOURCE = join(ROOT, 'test', 'ncnn-runner', 'run-ncnn.cpp');
const BUILD_SCRIPT = join(ROOT, 'test', 'ncnn-runner', 'build-ncnn.sh');
/** A cold build takes minutes on 2 cores; a waiter gives up after this. */
const BUILD_DEADLINE_MS = 60 * 60 * 1000;

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;

/** The ncnn build needs the vendored tarball and a C++ toolchain. */
export const NCNN: Prereq = {
  name: 'real ncnn (vendored source + cmake, g++, make)',
  ok: existsSync(NCNN_TARBALL) && has('cmake') && has('g++') && has('make'),
  install: `apt-get install cmake g++ make, and ${NCNN_TARBALL}`,
};

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'convcheck', `ncnn-${sha256(NCNN_TARBALL)}`);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2000));

/** Take the lock directory, or wait until whoever holds it finishes (or dies, then take it over). */
async function acquire(lock: string, done: string): Promise<boolean> {
  const deadline = Date.now() + BUILD_DEADLINE_MS;
  for (;;) {
    if (existsSync(done)) return false;
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch {
      const pidFile = join(lock, 'pid');
      const holder = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : NaN;
      if (Number.isFinite(holder) && holder > 0 && !alive(holder)) rmSync(lock, { recursive: true, force: true });
    }
    if (Date.now() > deadline) throw new Error(`ncnn build: ${lock} still held after ${BUILD_DEADLINE_MS / 60000} min`);
    await tick();
  }
}

/** Build the ncnn library (once per machine); returns its install prefix. */
export async function ncnnLibrary(): Promise<string> {
  const root = cacheRoot();
  const prefix = join(root, 'prefix');
  const done = join(root, 'complete');
  if (existsSync(done)) return prefix;
  mkdirSync(root, { recursive: true });
  const lock = join(root, 'lock');
  if (!(await acquire(lock, done))) return prefix;
  try {
    const started = Date.now();
    const r = spawnSync('bash', [BUILD_SCRIPT, NCNN_TARBALL, join(root, 'work'), prefix], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0)
      throw new Error(`ncnn build failed:\n${(r.stdout + r.stderr).split('\n').slice(-30).join('\n')}`);
    writeFileSync(done, `${Math.round((Date.now() - started) / 1000)}\n`);
    process.stderr.write(`  built ncnn in ${Math.round((Date.now() - started) / 1000)} s (${prefix})\n`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return prefix;
}

let runner: Promise<string> | undefined;
/** The compiled runner (keyed by the runner source's hash; rebuilt when the source changes). */
export function ncnnRunner(): Promise<string> {
  runner ??= (async () => {
    const prefix = await ncnnLibrary();
    const key = createHash('sha256').update(readFileSync(RUNNER_SOURCE)).digest('hex').slice(0, 16);
    const exe = join(cacheRoot(), `run-ncnn-${key}`);
    if (existsSync(exe)) return exe;
    const tmp = `${exe}.${process.pid}.tmp`;
    const r = spawnSync(
      'g++',
      [
        '-O2',
        '-std=c++11',
        `-I${join(prefix, 'include', 'ncnn')}`,
        RUNNER_SOURCE,
        join(prefix, 'lib', 'libncnn.a'),
      ].concat(['-fopenmp', '-lpthread', '-o', tmp]),
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`run-ncnn did not compile:\n${r.stderr}`);
    renameSync(tmp, exe); // atomic: a parallel compile of the same source lands the same binary
    return exe;
  })();
  return runner;
}
