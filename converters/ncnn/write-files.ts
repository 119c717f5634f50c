/** The .param text and .bin bytes of a list of ncnn layers (docs/developer-guide/param-and-model-file-structure.md). */
import type { NcnnLayer, ParamValue } from './ncnn-layer.js';
import { isFloatParam, ncnnTable } from './ncnn-table.js';
import { floatToHalf } from '../../src/ir/typed-data.js';
import { weightCount, weightScratch, weightValues } from './deferred-weight.js';
import { ReusableBuffer } from '../../src/io/reusable-buffer.js';

function num(v: number, float: boolean): string {
  if (!float) return String(Math.trunc(v));
  if (!Number.isFinite(v)) return v > 0 ? '3.402823e+38' : '-3.402823e+38';
  return v.toExponential(6); // always has '.' and 'e': ncnn reads it as a float; ≤ 15 characters
}
function paramText(type: string, id: number, v: ParamValue): string {
  const float = isFloatParam(type, id);
  if (Array.isArray(v))
    return `${ncnnTable().arrayKeyBase - id}=${v.length}${v.map((x) => `,${num(x, float || !Number.isInteger(x))}`).join('')}`;
  return `${id}=${num(v, float || !Number.isInteger(v))}`;
}

export function paramFile(layers: NcnnLayer[]): string {
  const blobs = new Set<string>();
  for (const l of layers) for (const t of l.tops) blobs.add(t);
  const lines = [String(ncnnTable().magic), `${layers.length} ${blobs.size}`];
  for (const l of layers) {
    const params = [...l.params].sort((a, b) => a[0] - b[0]).map(([id, v]) => paramText(l.type, id, v));
    lines.push(
      [l.type.padEnd(16), l.name.padEnd(24), l.bottoms.length, l.tops.length, ...l.bottoms, ...l.tops, ...params]
        .join(' ')
        .trimEnd(),
    );
  }
  return lines.join('\n') + '\n';
}

/** The size of the .bin that binChunks writes (for progress), from the weights' counts without computing them. */
export function binSize(layers: NcnnLayer[], options: { fp16?: boolean } = {}): number {
  let n = 0;
  for (const l of layers)
    for (const w of l.weights) {
      const count = weightCount(w);
      if (w.tagged && options.fp16) n += 4 + Math.ceil((2 * count) / 4) * 4;
      else n += (w.tagged ? 4 : 0) + 4 * count;
    }
  return n;
}

/**
 * Weight buffers in layer order, each 4-byte aligned; tagged ones start with the storage tag. Each weight's
 * values are read (deferred ones computed) when its turn comes, into buffers reused for every weight: a chunk is
 * valid only until the next one is asked for (the atomic writer writes each before it asks), so the writer holds
 * one weight at a time and leaves no read buffers behind for the garbage collector.
 */
export function* binChunks(layers: NcnnLayer[], options: { fp16?: boolean } = {}): Generator<Uint8Array> {
  const tags = ncnnTable().weightTags;
  const scratch = weightScratch(),
    halves = new ReusableBuffer();
  for (const l of layers)
    for (const w of l.weights) {
      const data = weightValues(w, scratch);
      if (w.tagged && options.fp16) {
        yield tagBytes(tags.float16!);
        yield halfBytes(data, halves);
        continue;
      }
      if (w.tagged) yield tagBytes(tags.float32!);
      yield new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    }
}

const tagBytes = (tag: number): Uint8Array => new Uint8Array(new Uint32Array([tag]).buffer);

/** float16 values of `data` in `halves`, zero-padded to a multiple of 4 bytes. */
function halfBytes(data: Float32Array, halves: ReusableBuffer): Uint8Array {
  const bytes = halves.view(Math.ceil((2 * data.length) / 4) * 4);
  const h = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  for (let i = 0; i < data.length; i++) h[i] = floatToHalf(data[i]!);
  if (h.length > data.length) h[data.length] = 0;
  return bytes;
}
