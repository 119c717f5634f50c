/**
 * The binary NetParameter of a .caffemodel, read for what deployment needs: each layer's name and
 * blobs. Field numbers from BVLC caffe.proto: NetParameter.layer = 100 (LayerParameter: name 1,
 * blobs 7), NetParameter.layers = 2 (V1LayerParameter: name 4, blobs 6); BlobProto: num 1,
 * channels 2, height 3, width 4, data 5 (packed float), double_data 8, shape 7 (BlobShape: dim 1).
 * Float data stays a view into the file buffer.
 */
import { InputError } from '../../src/io/input-error.js';
import { Tensor } from '../../src/ir/tensor.js';

class Wire {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
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
    for (let k = 0; k < 10; k++) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.buf[this.pos++]!;
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

function readBlob(buf: Uint8Array, start: number, end: number, file: string): BlobData {
  const w = new Wire(buf, start, end, file);
  const legacy = [0, 0, 0, 0];
  let hasLegacy = false,
    shape: number[] | null = null;
  let data: Uint8Array | null = null;
  const floats: number[] = [],
    doubles: number[] = [];
  for (let f = w.next(); f; f = w.next()) {
    if (f.field >= 1 && f.field <= 4 && f.type === 0) {
      legacy[f.field - 1] = f.value;
      hasLegacy = true;
    } else if (f.field === 5 && f.type === 2) data = buf.subarray(f.start, f.end);
    else if (f.field === 5 && f.type === 5)
      floats.push(new DataView(buf.buffer, buf.byteOffset + f.start, 4).getFloat32(0, true));
    else if (f.field === 8 && f.type === 2) {
      const dv = new DataView(buf.buffer, buf.byteOffset + f.start, f.end - f.start);
      for (let k = 0; k + 8 <= f.end - f.start; k += 8) doubles.push(dv.getFloat64(k, true));
    } else if (f.field === 7 && f.type === 2) {
      shape = [];
      const s = new Wire(buf, f.start, f.end, file);
      for (let g = s.next(); g; g = s.next()) {
        if (g.field !== 1) continue;
        if (g.type === 0) shape.push(g.value);
        else if (g.type === 2) {
          const d = new Wire(buf, g.start, g.end, file);
          while (d.pos < d.end) shape.push(d.varint());
        }
      }
    }
  }
  const dims = shape ?? (hasLegacy ? legacy : []);
  const count = dims.reduce((a, b) => a * b, 1);
  if (data) {
    if (data.byteLength !== count * 4)
      throw new InputError(file, `caffemodel blob has ${data.byteLength / 4} values for shape [${dims.join(',')}]`);
    return { dims, tensor: Tensor.fromBytes('float32', dims, data) };
  }
  const vals = floats.length ? floats : doubles;
  if (vals.length !== count)
    throw new InputError(file, `caffemodel blob has ${vals.length} values for shape [${dims.join(',')}]`);
  return { dims, tensor: Tensor.fromArray('float32', dims, Float32Array.from(vals)) };
}

/** layer name → its blobs, for V2 (`layer`) and V1 (`layers`) nets. */
export function readCaffemodel(buf: Uint8Array, file: string): Map<string, BlobData[]> {
  const out = new Map<string, BlobData[]>();
  const w = new Wire(buf, 0, buf.length, file);
  let layersSeen = 0;
  for (let f = w.next(); f; f = w.next()) {
    if (f.type !== 2 || (f.field !== 100 && f.field !== 2)) continue;
    layersSeen++;
    const v1 = f.field === 2;
    const l = new Wire(buf, f.start, f.end, file);
    let name = '';
    const blobs: BlobData[] = [];
    for (let g = l.next(); g; g = l.next()) {
      if (g.type !== 2) continue;
      if (g.field === (v1 ? 4 : 1)) name = new TextDecoder().decode(buf.subarray(g.start, g.end));
      else if (g.field === (v1 ? 6 : 7)) blobs.push(readBlob(buf, g.start, g.end, file));
    }
    if (blobs.length) out.set(name, blobs);
  }
  if (!layersSeen) throw new InputError(file, 'not a caffemodel (no layers)');
  return out;
}
