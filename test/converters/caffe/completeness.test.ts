/**
 * Completeness over the layer table: every type BVLC Caffe registers and every fork type deployment nets use is
 * mapped with a conformance case, or listed foreign-with-shape / not-for-inference with a reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../src/package-root.js';
import { caffeLayers } from '../../../converters/caffe/v1-types.js';
import { layerOp } from '../../../converters/caffe/ops/index.js';
import { CASES } from './conformance-suite.js';

const types = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'opsets', 'caffe.json'), 'utf8')) as {
    layerTypes: { bvlc: string[]; forks: string[] };
  }
).layerTypes;
/** Mapped by the importer itself rather than a record: graph inputs. */
const BUILT_IN = new Set(['Input']);

test('every BVLC and fork layer type is mapped with a conformance case, or listed with a reason', () => {
  const covered = new Set(CASES.flatMap((c) => c.covers));
  const problems: string[] = [];
  for (const t of [...types.bvlc, ...types.forks]) {
    const d = caffeLayers()[t];
    if (!d) problems.push(`${t}: not in opsets/caffe.json`);
    else if (d.inference === 'mapped') {
      if (!BUILT_IN.has(t) && !layerOp(t)) problems.push(`${t}: mapped in the table, no record`);
      if (!BUILT_IN.has(t) && !covered.has(t)) problems.push(`${t}: mapped, but no conformance case covers it`);
    } else if (!d.reason) problems.push(`${t}: ${d.inference} without a reason`);
  }
  assert.equal(problems, []);
  assert.ok(types.bvlc.length >= 60, `BVLC layer list (${types.bvlc.length})`);
});

test('conformance cases name only layer types the table knows', () => {
  for (const c of CASES) for (const t of c.covers) assert.ok(caffeLayers()[t], `${c.name}: ${t}`);
});

test.run();
