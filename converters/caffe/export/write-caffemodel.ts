/**
 * Caffe layers → binary NetParameter (caffe.proto: NetParameter.name = 1, layer = 100; LayerParameter
 * name = 1, type = 2, bottom = 3, top = 4, blobs = 7; BlobProto shape = 7, data = 5 packed float;
 * BlobShape dim = 1 packed int64). Every layer is written with name, type, bottoms, tops and blobs;
 * readers take the parameters from the prototxt. Blob data is streamed as the writer reaches it (deferred-blob.ts).
 */
import type { Chunk } from '../../../src/io/atomic-write.js';
import type { CaffeBlob, CaffeLayer } from './caffe-layer.js';
import { weightScratch, type WeightScratch } from '../../../src/io/weight-scratch.js';
import { blobCount, blobValues } from './deferred-blob.js';

const NET_NAME = 1,
  NET_LAYER = 100,
  LAYER_NAME = 1,
  LAYER_TYPE = 2,
  LAYER_BOTTOM = 3,
  LAYER_TOP = 4,
  LAYER_BLOBS = 7,
  BLOB_DATA = 5,
  BLOB_SHAPE = 7,
  SHAPE_DIM = 1;
const LENGTH_DELIMITED = 2;

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 128) {
    out.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
const key = (field: number): number[] => varint(field * 8 + LENGTH_DELIMITED);
/** Tag and length of a length-delimited field whose payload has `length` bytes. */
const head = (field: number, length: number): number[] => [...key(field), ...varint(length)];
const text = (field: number, s: string): number[] => {
  const b = [...new TextEncoder().encode(s)];
  return [...head(field, b.length), ...b];
};

/** The bytes of a blob before its values (shape, data tag and length), and the blob's whole size. */
function blobHead(b: CaffeBlob): { size: number; head: Uint8Array } {
  const dims = b.dims.flatMap(varint);
  const shape = [...head(SHAPE_DIM, dims.length), ...dims];
  const dataBytes = 4 * blobCount(b);
  const pre = [...head(BLOB_SHAPE, shape.length), ...shape, ...head(BLOB_DATA, dataBytes)];
  return { size: pre.length + dataBytes, head: Uint8Array.from(pre) };
}

/**
 * A layer's bytes; its sizes come from the blobs' counts, and each blob's values are computed (read from the
 * model file, transposed) only when the writer reaches them, into `scratch`.
 */
function* layerChunks(l: CaffeLayer, scratch: WeightScratch): Generator<Chunk> {
  const fields = [
    ...text(LAYER_NAME, l.name),
    ...text(LAYER_TYPE, l.type),
    ...l.bottoms.flatMap((s) => text(LAYER_BOTTOM, s)),
    ...l.tops.flatMap((s) => text(LAYER_TOP, s)),
  ];
  const blobs = l.blobs.map((b) => ({ blob: b, ...blobHead(b) }));
  const heads = blobs.map((b) => Uint8Array.from(head(LAYER_BLOBS, b.size)));
  const size = fields.length + blobs.reduce((a, b, i) => a + heads[i]!.length + b.size, 0);
  yield Uint8Array.from([...head(NET_LAYER, size), ...fields]);
  for (const [i, b] of blobs.entries()) {
    yield heads[i]!;
    yield b.head;
    const values = blobValues(b.blob, scratch);
    yield new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  }
}

/**
 * The chunks of a .caffemodel holding the layers' blobs. Blob values are computed into buffers reused from one
 * blob to the next: a chunk is valid only until the next is asked for (the atomic writer writes each first).
 */
export function* caffemodelChunks(netName: string, layers: CaffeLayer[]): Generator<Chunk> {
  yield Uint8Array.from(text(NET_NAME, netName));
  const scratch = weightScratch();
  for (const l of layers) yield* layerChunks(l, scratch);
}
