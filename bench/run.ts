/**
 * `npm run bench`: runs each benchmark case in its own Node process (so peak RSS is that case's
 * alone) and prints a table. A case is a module under bench/cases/ that prints one JSON line per
 * measurement: {"name", "seconds", "peakRssMB", ...extra figures}.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cases, explicit and ordered (file names under bench/cases/, without extension). */
const CASES: string[] = [
  'prepare-fixtures',
  'onnx-import-small',
  'onnx-import-100mb',
  'python-onnx-100mb',
  'onnx-export-100mb',
  'ncnn-export-100mb',
  'tui-first-screen',
  'tui-10k-nodes',
  'onnx-external-2gb',
  'html-layout',
  'html-report-5k',
  'audit-resnet50-vit',
  'audit-external-2500mb',
  'export-resnet50',
  'audit-tflite-large',
  'audit-caffe-large',
  'quant',
];

interface Row {
  name: string;
  seconds: number;
  peakRssMB: number;
  [k: string]: unknown;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The load average now: on a shared machine wall times follow it, so every run states it (at start and end). */
const loadLine = (when: string): string =>
  `load average ${when}: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (1, 5, 15 min) on ${availableParallelism()} cores`;
console.log(loadLine('at start'));
if (process.env.NODE_EXTRA_CA_CERTS)
  console.log('NODE_EXTRA_CA_CERTS is set here: the measured processes run without it (bench/process-stats.ts)');
const only = process.argv.slice(2);
const rows: Row[] = [];
for (const c of CASES) {
  if (only.length && !only.some((o) => c.includes(o))) continue;
  const file = join(here, 'cases', `${c}.js`);
  if (!existsSync(file)) {
    console.error(`bench: missing ${file}`);
    process.exitCode = 1;
    continue;
  }
  const r = spawnSync(process.execPath, ['--expose-gc', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) {
    console.error(`bench: ${c} failed (exit ${r.status})`);
    process.exitCode = 1;
  }
  for (const line of r.stdout.split('\n')) {
    if (!line.startsWith('{')) {
      if (line.trim()) console.log(line);
      continue;
    }
    const row = JSON.parse(line) as Row;
    rows.push(row);
    const extra = Object.entries(row)
      .filter(([k]) => !['name', 'seconds', 'peakRssMB'].includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(
      `${row.name.padEnd(48)} ${row.seconds.toFixed(3).padStart(9)} s  ${row.peakRssMB.toFixed(0).padStart(6)} MB peak RSS  ${extra}`,
    );
  }
}
if (!rows.length) console.log('no benchmark ran');
console.log(loadLine('at end'));
