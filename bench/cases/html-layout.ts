/** convcheck's layered layout on the 5 000-node residual graph (the same graph the yardstick layouts get). */
import { layeredLayout } from '../../src/report/html/layered-layout.js';
import { measure, report } from '../measure.js';

const blocks = 1000;
const edges: [number, number][] = [];
for (let b = 0; b < blocks; b++) {
  const base = b * 5;
  if (b) edges.push([base - 1, base], [base - 1, base + 3]);
  edges.push([base, base + 1], [base + 1, base + 2], [base + 2, base + 3], [base + 3, base + 4]);
}
const count = blocks * 5;
const { seconds } = measure(() => layeredLayout({ count, edges, widths: Array(count).fill(80) }));
report({ name: 'convcheck layered layout of 5000 nodes', seconds });
