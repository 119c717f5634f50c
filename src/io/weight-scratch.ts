import { ReusableBuffer } from './reusable-buffer.js';

/**
 * The buffers a writer lends a weight's recipe while the weight is written: the tensor's bytes land in `input`,
 * a rearranged copy (transpose, regroup, scale) goes to `output`. One pair serves every weight of an export,
 * so values computed for the file are never allocated per weight.
 */
export interface WeightScratch {
  input: ReusableBuffer;
  output: ReusableBuffer;
}
export const weightScratch = (): WeightScratch => ({ input: new ReusableBuffer(), output: new ReusableBuffer() });
