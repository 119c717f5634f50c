/**
 * How images become input tensors, as the targets' toolchains take it: per-channel `(pixel − mean) / std` on
 * 0–255 values (rknn-toolkit2 `rknn.config(mean_values, std_values)`; NNIE's `norm_type` with `data_scale` is the
 * same with std = 1/data_scale), the input layout (nchw or nhwc) and the size images are resized to (HxW).
 */
import { UsageError } from '../../io/input-error.js';

export type Layout = 'nchw' | 'nhwc';

export interface PreprocessOptions {
  mean: number[];
  std: number[];
  layout?: Layout;
  size?: { height: number; width: number };
}

function numbers(flagName: string, text: string | undefined, fallback: number[]): number[] {
  if (text === undefined) return fallback;
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v)))
    throw new UsageError(`--${flagName} takes numbers separated by commas (e.g. 123.675,116.28,103.53)`);
  return values;
}

export function parsePreprocess(flags: {
  mean?: string;
  std?: string;
  layout?: string;
  size?: string;
}): PreprocessOptions {
  const mean = numbers('mean', flags.mean, [0]);
  const std = numbers('std', flags.std, [1]);
  if (std.some((s) => s === 0)) throw new UsageError('--std values must not be 0');
  if (flags.layout !== undefined && flags.layout !== 'nchw' && flags.layout !== 'nhwc')
    throw new UsageError('--layout must be nchw or nhwc');
  let size: PreprocessOptions['size'];
  if (flags.size !== undefined) {
    const m = flags.size.match(/^(\d+)x(\d+)$/);
    if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) throw new UsageError('--size takes HxW (e.g. 224x224)');
    size = { height: Number(m[1]), width: Number(m[2]) };
  }
  return { mean, std, ...(flags.layout ? { layout: flags.layout as Layout } : {}), ...(size ? { size } : {}) };
}
