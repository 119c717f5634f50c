/**
 * Caffe layers → binary NetParameter (caffe.proto: NetParameter.name = 1, layer = 100; LayerParameter
 * name = 1, type = 2, bottom = 3, top = 4, blobs = 7; BlobProto shape = 7, data = 5 packed float;
 * BlobShape dim = 1 packed int64). Every layer is written with name, type, bottoms, tops and blobs;
 * readers take the parameters from the prototxt. Blob data is streamed as views, never copied.
 */
import type { Chunk } from '../../../src/io/atomic-write.js';
import type { CaffeBlob, CaffeLayer } from './caffe-layer.js';

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

function blobChunks(b: CaffeBlob): { size: number; chunks: Chunk[] } {
  const dims = b.dims.flatMap(varint);
  const shape = [...head(SHAPE_DIM, dims.length), ...dims];
  const pre = [...head(BLOB_SHAPE, shape.length), ...shape, ...head(BLOB_DATA, b.data.byteLength)];
  const data = new Uint8Array(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  return { size: pre.length + data.length, chunks: [Uint8Array.from(pre), data] };
}

function layerChunks(l: CaffeLayer): Chunk[] {
  const fields = [
    ...text(LAYER_NAME, l.name),
    ...text(LAYER_TYPE, l.type),
    ...l.bottoms.flatMap((s) => text(LAYER_BOTTOM, s)),
    ...l.tops.flatMap((s) => text(LAYER_TOP, s)),
  ];
  const blobs = l.blobs.map(blobChunks);
  const body: Chunk[] = [Uint8Array.from(fields)];
  for (const b of blobs) body.push(Uint8Array.from(head(LAYER_BLOBS, b.size)), ...b.chunks);
  const size = body.reduce((a, c) => a + (c as Uint8Array).length, 0);
  return [Uint8Array.from(head(NET_LAYER, size)), ...body];
}

/** The chunks of a .caffemodel holding the layers' blobs. */
export function* caffemodelChunks(netName: string, layers: CaffeLayer[]): Generator<Chunk> {
  yield Uint8Array.from(text(NET_NAME, netName));
  for (const l of layers) yield* layerChunks(l);
}
