/**
 * How the analysis runs a model: one session per model, one run per sample, float32 outputs by name. The analysis
 * never imports a format; the caller gives the serializer (the ONNX exporter) and the runtime.
 */
import type { Model } from '../../ir/model.js';
import { loadOnnxRuntime } from '../../verify/load-onnxruntime.js';
import type { Sample, Tensors } from './sample-feeds.js';

export interface ModelRunner {
  /** Run `model` on each sample; `onSample` gets the float32 outputs named in `outputs` (other dtypes are skipped). */
  run(
    model: Model,
    samples: readonly Sample[],
    outputs: readonly string[],
    onSample: (t: Tensors, i: number) => void,
  ): Promise<void>;
}

/**
 * A runner on onnxruntime-node (CPU), basic graph optimizations only (constant folding, no kernel fusions). The
 * intra-op threads do not spin while waiting for work (onnxruntime's session config `session.intra_op.allow_spinning`
 * = 0): between runs the analysis works on the main thread (error sums, statistics, the next graph), and spinning
 * threads would take the CPU from it; the outputs are the same either way.
 */
export function onnxRuntimeRunner(toBytes: (model: Model) => Uint8Array): ModelRunner {
  return {
    async run(model, samples, outputs, onSample) {
      const ort = await loadOnnxRuntime();
      const session = await ort.InferenceSession.create(toBytes(model), {
        graphOptimizationLevel: 'basic',
        logSeverityLevel: 3,
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      });
      try {
        for (const [i, sample] of samples.entries()) {
          const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
          for (const name of session.inputNames) {
            const f = sample[name];
            if (!f) throw new Error(`no data for model input '${name}'`);
            feeds[name] = new ort.Tensor(f.type, f.data, f.dims);
          }
          const result = await session.run(feeds, [...outputs]);
          const tensors: Tensors = new Map();
          for (const [name, t] of Object.entries(result))
            if (t.type === 'float32') tensors.set(name, { dims: [...t.dims], data: t.data as Float32Array });
          onSample(tensors, i);
        }
      } finally {
        await session.release();
      }
    },
  };
}
