/** Parse and validate an ncnn .param (text) and read the weights of each layer from the .bin. */
import { InputError } from '../../src/io/input-error.js';
import { halfToFloat } from '../../src/ir/typed-data.js';
import type { NcnnLayer, ParamValue } from './ncnn-layer.js';
import { ncnnTable } from './ncnn-table.js';

export function parseParam(text: string, file: string): NcnnLayer[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length);
  const fail = (line: number, m: string): never => {
    throw new InputError(file, `line ${line}: ${m}`);
  };
  if (lines[0] !== String(ncnnTable().magic)) fail(1, `magic is '${lines[0] ?? ''}', not ${ncnnTable().magic}`);
  const counts = (lines[1] ?? '').split(/\s+/).map(Number);
  if (counts.length !== 2 || !counts.every((n) => Number.isInteger(n) && n > 0))
    fail(2, 'expected "<layer count> <blob count>"');
  const [nLayers, nBlobs] = counts as [number, number];
  if (lines.length - 2 !== nLayers) fail(2, `says ${nLayers} layers, the file has ${lines.length - 2}`);
  const produced = new Set<string>(),
    consumed = new Set<string>(),
    names = new Set<string>();
  const layers: NcnnLayer[] = [];
  lines.slice(2).forEach((line, k) => {
    const ln = k + 3;
    const tok = line.split(/\s+/);
    const [type, name, nin, nout] = [tok[0]!, tok[1]!, Number(tok[2]), Number(tok[3])];
    if (!name || !Number.isInteger(nin) || !Number.isInteger(nout) || nin < 0 || nout < 0)
      fail(ln, 'expected "<type> <name> <inputs> <outputs> …"');
    if (names.has(name)) fail(ln, `layer name '${name}' repeats`);
    names.add(name);
    const bottoms = tok.slice(4, 4 + nin),
      tops = tok.slice(4 + nin, 4 + nin + nout);
    if (bottoms.length !== nin || tops.length !== nout) fail(ln, 'fewer blob names than the counts say');
    for (const b of bottoms) {
      if (!produced.has(b)) fail(ln, `blob '${b}' is used before any layer produces it`);
      if (consumed.has(b)) fail(ln, `blob '${b}' is consumed twice (fan-out needs a Split layer)`);
      consumed.add(b);
    }
    for (const t of tops) {
      if (produced.has(t)) fail(ln, `blob '${t}' is produced twice`);
      produced.add(t);
    }
    const params = new Map<number, ParamValue>();
    for (const kv of tok.slice(4 + nin + nout)) {
      const m = kv.match(/^(-?\d+)=(.+)$/);
      if (!m) fail(ln, `bad param '${kv}'`);
      const key = Number(m![1]);
      if (key <= ncnnTable().arrayKeyBase) {
        const vals = m![2]!.split(',').map(Number);
        if (vals[0] !== vals.length - 1 || vals.some((x) => Number.isNaN(x)))
          fail(ln, `array param '${kv}' has a wrong count`);
        params.set(ncnnTable().arrayKeyBase - key, vals.slice(1));
      } else {
        if (key < 0 || key > 31) fail(ln, `param id ${key} outside 0..31`);
        const v = Number(m![2]);
        if (Number.isNaN(v)) fail(ln, `param '${kv}' is not a number`);
        params.set(key, v);
      }
    }
    layers.push({ type, name, bottoms, tops, params, weights: [] });
  });
  if (produced.size !== nBlobs) fail(2, `says ${nBlobs} blobs, the layers produce ${produced.size}`);
  return layers;
}

/** Reads .bin buffers in layer order; `tagged` buffers start with a storage tag (fp32 0, fp16 0x01306B47). */
export class BinReader {
  private pos = 0;
  constructor(
    private buf: Uint8Array,
    private file: string,
  ) {}
  private need(n: number): void {
    if (this.pos + n > this.buf.length)
      throw new InputError(
        this.file,
        `ends at byte ${this.buf.length}, a weight needs bytes ${this.pos}..${this.pos + n}`,
      );
  }
  read(count: number, tagged: boolean): Float32Array {
    const tags = ncnnTable().weightTags;
    let fp16 = false;
    if (tagged) {
      this.need(4);
      const tag = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4).getUint32(0, true);
      this.pos += 4;
      if (tag === tags.float16) fp16 = true;
      else if (tag !== tags.float32)
        throw new InputError(
          this.file,
          `weight tag 0x${tag.toString(16)} at byte ${this.pos - 4} (convcheck reads fp32 and fp16 weights)`,
        );
    }
    const bytes = fp16 ? Math.ceil((count * 2) / 4) * 4 : count * 4;
    this.need(bytes);
    const dv = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, fp16 ? count * 2 : count * 4);
    const out = Float32Array.from({ length: count }, (_, i) =>
      fp16 ? halfToFloat(dv.getUint16(i * 2, true)) : dv.getFloat32(i * 4, true),
    );
    this.pos += bytes;
    return out;
  }
  get rest(): number {
    return this.buf.length - this.pos;
  }
}
