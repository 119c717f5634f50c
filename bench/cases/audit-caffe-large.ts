/**
 * Graph-only .caffemodel reading: a 5-target audit of a deploy prototxt with a ~180 MiB caffemodel (thirty-six
 * 3×3 convolutions of 384 channels) costs its graph, not its weights. Target: ≤ 100 MiB peak RSS.
 */
import { statSync } from 'node:fs';
import { CLI, FIVE_TARGETS } from '../generated-models.js';
import { measureProcess, row } from '../process-stats.js';
import { caffeConvChain } from '../caffe-chain.js';

const prototxt = caffeConvChain('conv-chain-180mb', 36, 384);
const mib = statSync(prototxt.replace(/\.prototxt$/, '.caffemodel')).size / 2 ** 20;
const ours = measureProcess(process.execPath, [CLI, prototxt, '--target', FIVE_TARGETS], [0, 1]);
console.log(
  row(`5-target audit, Caffe (${mib.toFixed(0)} MiB caffemodel)`, ours, {
    rssPerFile: (ours.peakRssMB / mib).toFixed(2),
    meets: ours.peakRssMB <= 100 ? 'yes' : 'no (target ≤100 MiB)',
  }),
);
