/**
 * A minimal .caffemodel writer for tests: NetParameter { layer (100) { name (1), blobs (7) } }, each BlobProto with
 * shape (7: BlobShape.dim 1, packed) and data (5, packed float) — the field numbers of BVLC caffe.proto.
 */
import { writeFileSync } from 'node:fs';

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Buffer.from(out);
}
const lengthDelimited = (field: number, payload: Buffer): Buffer =>
  Buffer.concat([varint(field * 8 + 2), varint(payload.length), payload]);

export interface BlobSpec {
  dims: number[];
  data: Float32Array;
}

function blob(b: BlobSpec): Buffer {
  const shape = lengthDelimited(1, Buffer.concat(b.dims.map(varint)));
  const floats = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  return Buffer.concat([lengthDelimited(7, shape), lengthDelimited(5, floats)]);
}

/** The bytes of a caffemodel holding `layers` (layer name → blobs, in order). */
export function caffemodelBytes(layers: Record<string, BlobSpec[]>): Uint8Array {
  const parts: Buffer[] = [];
  for (const [name, blobs] of Object.entries(layers)) {
    const payload = Buffer.concat([
      lengthDelimited(1, Buffer.from(name, 'utf8')),
      ...blobs.map((b) => lengthDelimited(7, blob(b))),
    ]);
    parts.push(lengthDelimited(100, payload));
  }
  return Buffer.concat(parts);
}

export function writeCaffemodel(path: string, layers: Record<string, BlobSpec[]>): void {
  writeFileSync(path, caffemodelBytes(layers));
}

/** Deterministic values in [lo, hi) from a seed (a 32-bit LCG), for weights and inputs. */
export function seeded(count: number, seed: number, lo = -1, hi = 1): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((s >>> 8) / 0x1000000) * (hi - lo);
  }
  return out;
}
