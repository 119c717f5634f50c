/**
 * The HTML report of a 5 000-node model: generating it, and Chromium's time to parse the page, lay out nothing
 * (positions are precomputed) and draw the graph (`data-render-ms`, from navigation start to the first drawn frame).
 * Yardstick: the general-purpose layered layouts from npm (dagre, ELK) on the same graph, each in its own process.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { residualNet } from '../residual-net.js';
import { BENCH_DIR } from '../fixtures.js';
import { report } from '../measure.js';
import { CLI } from '../../test/helpers/cli.js';
import { CHROMIUM, dumpDom } from '../../test/helpers/chromium.js';

const model = residualNet(1000);
const out = join(BENCH_DIR, 'residual-1000.html');
const t0 = process.hrtime.bigint();
const gen = spawnSync(process.execPath, [CLI, model, '--target', 'all', '--format', 'html', '-o', out]);
const genSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
if (gen.status !== 0 && gen.status !== 1) throw new Error(`report failed: ${gen.stderr}`);
report({ name: 'HTML report of a 5 000-node model: write', seconds: genSeconds });

if (!CHROMIUM.ok) console.error('bench: chromium absent, browser render not measured');
else {
  const t1 = process.hrtime.bigint();
  const dom = dumpDom(pathToFileURL(out).href);
  const wall = Number(process.hrtime.bigint() - t1) / 1e9;
  const renderMs = Number(dom.match(/data-render-ms="(\d+)"/)?.[1] ?? NaN);
  const nodes = Number(dom.match(/data-graph-nodes="(\d+)"/)?.[1] ?? NaN);
  report({
    name: 'HTML report of a 5 000-node model: Chromium render',
    seconds: renderMs / 1000,
    nodes,
    chromiumWallS: +wall.toFixed(2),
  });
}

// yardstick: the npm layout libraries on the same graph shape (5 nodes a block, a skip edge a block)
const script = `
const kind = process.argv[2], blocks = Number(process.argv[3]), lib = process.argv[4];
const edges = [];
for (let b = 0; b < blocks; b++) {
  const base = b * 5, prev = base - 1;
  if (b) edges.push([prev, base]);
  edges.push([base, base + 1], [base + 1, base + 2], [base + 2, base + 3], [base + 3, base + 4]);
  if (b) edges.push([prev, base + 3]);
}
const t = Date.now();
if (kind === 'dagre') {
  const dagre = require(lib);
  const g = new dagre.graphlib.Graph(); g.setGraph({}); g.setDefaultEdgeLabel(() => ({}));
  for (let i = 0; i < blocks * 5; i++) g.setNode(String(i), { width: 80, height: 28 });
  for (const [a, b] of edges) g.setEdge(String(a), String(b));
  dagre.layout(g);
  console.log(Date.now() - t);
} else {
  const ELK = require(lib);
  new ELK().layout({ id: 'r', layoutOptions: { 'elk.algorithm': 'layered' },
    children: Array.from({ length: blocks * 5 }, (_, i) => ({ id: 'n' + i, width: 80, height: 28 })),
    edges: edges.map(([a, b], i) => ({ id: 'e' + i, sources: ['n' + a], targets: ['n' + b] })) })
    .then(() => console.log(Date.now() - t), (e) => { console.error(String(e)); process.exit(1); });
}`;
const scriptFile = join(BENCH_DIR, 'layout-yardstick.cjs');
const resolve = createRequire(import.meta.url).resolve;
const LIBS: Record<string, string> = { dagre: resolve('@dagrejs/dagre'), elk: resolve('elkjs/lib/elk.bundled.js') };
writeFileSync(scriptFile, script);
for (const kind of ['dagre', 'elk'])
  for (const blocks of [200, 1000]) {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [scriptFile, kind, String(blocks), LIBS[kind]!], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status === 0)
      report({ name: `yardstick: ${kind} layout of ${blocks * 5} nodes`, seconds: Number(r.stdout) / 1000 });
    else {
      const failed = r.stderr.match(/RangeError[^\n]*/)?.[0] ?? (r.status === null ? 'timed out' : `exit ${r.status}`);
      report({ name: `yardstick: ${kind} layout of ${blocks * 5} nodes (failed after)`, seconds: wall, failed });
    }
  }
