/**
 * The binary NetParameter of a .caffemodel, read for what deployment needs: each layer's name and
 * blobs. Field numbers from BVLC caffe.proto: NetParameter.layer = 100 (LayerParameter: name 1,
 * blobs 7), NetParameter.layers = 2 (V1LayerParameter: name 4, blobs 6); BlobProto: num 1,
 * channels 2, height 3, width 4, data 5 (packed float), double_data 8, shape 7 (BlobShape: dim 1).
 * The file is read by positioned reads as the decoder walks it (the ONNX reader's byte window); packed
 * float data past 4 KiB is left in the file as a span its tensor reads on use (graph-only reading).
 */
import { InputError } from '../../src/io/input-error.js';
import { Tensor } from '../../src/ir/tensor.js';
import { bufferWindow, type ByteWindow } from '../onnx/wire/byte-window.js';
import { LazyBytes } from '../onnx/wire/lazy-bytes.js';

/** Blob data longer than this stays in the file until used. */
export const CAFFEMODEL_GRAPH_ONLY_OVER = 4096;

/** The bytes of [start, end): a view of a buffer in memory, a copy of the file's window otherwise. */
function bytesAt(win: ByteWindow, start: number, end: number): Uint8Array {
  const { buf, base } = win.cover(start, end - start);
  const view = buf.subarray(start - base, end - base);
  // a copy: the window is reused by the next read (Buffer#slice would be a view)
  return win.whole ? view : new Uint8Array(view);
}

class Wire {
  pos: number;
  constructor(
    readonly win: ByteWindow,
    start: number,
    readonly end: number,
    readonly file: string,
  ) {
    this.pos = start;
  }
  fail(m: string): never {
    throw new InputError(this.file, `corrupt caffemodel at byte ${this.pos}: ${m}`);
  }
  varint(): number {
    let v = 0,
      mul = 1;
    const { buf, base } = this.win.cover(this.pos, Math.min(10, this.end - this.pos));
    for (let k = 0; k < 10; k++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = buf[this.pos++ - base]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
    return this.fail('varint too long');
  }
  /** Next field: [number, wire type, start, end of a length-delimited payload | value]. */
  next(): { field: number; type: number; start: number; end: number; value: number } | null {
    if (this.pos >= this.end) return null;
    const key = this.varint();
    const field = Math.floor(key / 8),
      type = key & 7;
    if (field === 0) this.fail('field number 0');
    if (type === 0) return { field, type, start: 0, end: 0, value: this.varint() };
    if (type === 1) {
      this.skip(8);
      return { field, type, start: this.pos - 8, end: this.pos, value: 0 };
    }
    if (type === 5) {
      this.skip(4);
      return { field, type, start: this.pos - 4, end: this.pos, value: 0 };
    }
    if (type === 2) {
      const n = this.varint();
      const start = this.pos;
      this.skip(n);
      return { field, type, start, end: start + n, value: n };
    }
    return this.fail(`unsupported wire type ${type}`);
  }
  skip(n: number): void {
    if (n < 0 || this.pos + n > this.end) this.fail('length runs past the end');
    this.pos += n;
  }
}

export interface BlobData {
  dims: number[];
  tensor: Tensor;
}

function readBlob(win: ByteWindow, start: number, end: number, file: string): BlobData {
  const w = new Wire(win, start, end, file);
  const legacy = [0, 0, 0, 0];
  let hasLegacy = false,
    shape: number[] | null = null;
  let data: { start: number; end: number } | null = null;
  const floats: number[] = [],
    doubles: number[] = [];
  for (let f = w.next(); f; f = w.next()) {
    if (f.field >= 1 && f.field <= 4 && f.type === 0) {
      legacy[f.field - 1] = f.value;
      hasLegacy = true;
    } else if (f.field === 5 && f.type === 2) data = { start: f.start, end: f.end };
    else if (f.field === 5 && f.type === 5) {
      const b = bytesAt(win, f.start, f.end);
      floats.push(new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true));
    } else if (f.field === 8 && f.type === 2) {
      const b = bytesAt(win, f.start, f.end);
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      for (let k = 0; k + 8 <= f.end - f.start; k += 8) doubles.push(dv.getFloat64(k, true));
    } else if (f.field === 7 && f.type === 2) {
      shape = [];
      const s = new Wire(win, f.start, f.end, file);
      for (let g = s.next(); g; g = s.next()) {
        if (g.field !== 1) continue;
        if (g.type === 0) shape.push(g.value);
        else if (g.type === 2) {
          const d = new Wire(win, g.start, g.end, file);
          while (d.pos < d.end) shape.push(d.varint());
        }
      }
    }
  }
  const dims = shape ?? (hasLegacy ? legacy : []);
  const count = dims.reduce((a, b) => a * b, 1);
  if (data) {
    const byteLength = data.end - data.start;
    if (byteLength !== count * 4)
      throw new InputError(file, `caffemodel blob has ${byteLength / 4} values for shape [${dims.join(',')}]`);
    if (byteLength > CAFFEMODEL_GRAPH_ONLY_OVER && win.path)
      return { dims, tensor: Tensor.fromSource('float32', dims, new LazyBytes(data.start, byteLength, win.path)) };
    return { dims, tensor: Tensor.fromBytes('float32', dims, bytesAt(win, data.start, data.end)) };
  }
  const vals = floats.length ? floats : doubles;
  if (vals.length !== count)
    throw new InputError(file, `caffemodel blob has ${vals.length} values for shape [${dims.join(',')}]`);
  return { dims, tensor: Tensor.fromArray('float32', dims, Float32Array.from(vals)) };
}

/** layer name → its blobs, for V2 (`layer`) and V1 (`layers`) nets. */
export function readCaffemodel(source: Uint8Array | ByteWindow, file: string): Map<string, BlobData[]> {
  const win = source instanceof Uint8Array ? bufferWindow(source) : source;
  const out = new Map<string, BlobData[]>();
  const w = new Wire(win, 0, win.size, file);
  let layersSeen = 0;
  for (let f = w.next(); f; f = w.next()) {
    if (f.type !== 2 || (f.field !== 100 && f.field !== 2)) continue;
    layersSeen++;
    const v1 = f.field === 2;
    const l = new Wire(win, f.start, f.end, file);
    let name = '';
    const blobs: BlobData[] = [];
    for (let g = l.next(); g; g = l.next()) {
      if (g.type !== 2) continue;
      if (g.field === (v1 ? 4 : 1)) name = new TextDecoder().decode(bytesAt(win, g.start, g.end));
      else if (g.field === (v1 ? 6 : 7)) blobs.push(readBlob(win, g.start, g.end, file));
    }
    if (blobs.length) out.set(name, blobs);
  }
  if (!layersSeen) throw new InputError(file, 'not a caffemodel (no layers)');
  return out;
}
