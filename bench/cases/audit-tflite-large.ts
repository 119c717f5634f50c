/**
 * Graph-only TFLite reading: a 5-target audit of a ~180 MiB TFLite model (thirty-six 3×3 convolutions of 384
 * channels, weights inside the flatbuffer) costs its graph, not its weights. Target: ≤ 100 MiB peak RSS.
 */
import { CLI, FIVE_TARGETS, sizeOf } from '../generated-models.js';
import { measureProcess, row } from '../process-stats.js';
import { tfliteConvChain } from '../tflite-chain.js';

const path = tfliteConvChain('conv-chain-180mb.tflite', 36, 384);
const ours = measureProcess(process.execPath, [CLI, path, '--target', FIVE_TARGETS], [0, 1]);
console.log(
  row(`5-target audit, TFLite (${sizeOf(path).toFixed(0)} MiB, weights inside)`, ours, {
    rssPerFile: (ours.peakRssMB / sizeOf(path)).toFixed(2),
    meets: ours.peakRssMB <= 100 ? 'yes' : 'no (target ≤100 MiB)',
  }),
);
