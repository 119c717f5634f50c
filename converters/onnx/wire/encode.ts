import { messageSpec, isPackable, type FieldSpec, type MessageSpec } from './fields.js';
import { wireOf, type Message } from './decode.js';
import type { ReusableBuffer } from '../../../src/io/reusable-buffer.js';

/** Bytes written when the output reaches them (a tensor's handle or view), never gathered beforehand. */
export interface Deferred {
  readonly byteLength: number;
  read(): Uint8Array;
  /** The bytes read into `scratch` instead of a fresh buffer (valid until its next use), when the source can. */
  readVia?(scratch: ReusableBuffer): Uint8Array;
}

/** The encoded message: buffers of the graph, with large tensor payloads left as Deferred (read while writing). */
export type Piece = Uint8Array | Deferred;

const STAGE = 1 << 16;
/** Deferred payloads smaller than this are copied into the staging buffer. */
const INLINE_DEFERRED = 1 << 16;

export const isDeferred = (v: unknown): v is Deferred =>
  typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && typeof (v as Deferred).read === 'function';

/** Encode `msg` as the message `type`, field-number order, fields the table does not know re-emitted as read. */
export function encodeMessage(type: string, msg: Message): Piece[] {
  const e = new Encoder();
  e.message(messageSpec(type), msg);
  return e.finish();
}

/** Concatenate pieces (reading deferred payloads): for callers that want one buffer. */
export function joinPieces(pieces: Piece[]): Uint8Array {
  let n = 0;
  for (const p of pieces) n += p.byteLength;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of pieces) {
    const b = isDeferred(p) ? p.read() : p;
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** int64-like inputs: numbers, bigints, and Long-style objects with toString(). */
function toBig(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return BigInt(String(v));
}

function varintSize(v: bigint): number {
  let u = BigInt.asUintN(64, v);
  let n = 1;
  while (u >= 0x80n) {
    u >>= 7n;
    n++;
  }
  return n;
}

function smallSize(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

function isSmall(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 31;
}

function zigzag(v: bigint): bigint {
  return v >= 0n ? v << 1n : (-v << 1n) - 1n;
}

function scalarValue(type: string, v: unknown): bigint | number {
  if (type === 'sint32' || type === 'sint64') return zigzag(toBig(v));
  if (type === 'bool') return v ? 1 : 0;
  if (isSmall(v)) return v;
  return toBig(v);
}

function scalarSize(type: string, v: unknown): number {
  const w = wireOf(type);
  if (w === 5) return 4;
  if (w === 1) return 8;
  const s = scalarValue(type, v);
  return typeof s === 'number' ? smallSize(s) : varintSize(s);
}

class Encoder {
  private sizes = new Map<object, number>();
  private pieces: Piece[] = [];
  private stage = new Uint8Array(STAGE);
  private view = new DataView(this.stage.buffer);
  private at = 0;

  finish(): Piece[] {
    this.flush();
    return this.pieces;
  }

  private flush(): void {
    if (this.at) this.pieces.push(this.stage.subarray(0, this.at));
    this.stage = new Uint8Array(STAGE);
    this.view = new DataView(this.stage.buffer);
    this.at = 0;
  }

  private room(n: number): void {
    if (this.at + n > this.stage.length) {
      this.flush();
      if (n > STAGE) {
        this.stage = new Uint8Array(n);
        this.view = new DataView(this.stage.buffer);
      }
    }
  }

  private bytes(b: Uint8Array): void {
    if (b.byteLength > INLINE_DEFERRED) {
      this.flush();
      this.pieces.push(b);
      return;
    }
    this.room(b.byteLength);
    this.stage.set(b, this.at);
    this.at += b.byteLength;
  }

  private varint(v: number | bigint): void {
    this.room(10);
    if (typeof v === 'number') {
      while (v >= 0x80) {
        this.stage[this.at++] = (v & 0x7f) | 0x80;
        v = Math.floor(v / 128);
      }
      this.stage[this.at++] = v;
      return;
    }
    let u = BigInt.asUintN(64, v);
    while (u >= 0x80n) {
      this.stage[this.at++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.stage[this.at++] = Number(u);
  }

  private tag(f: FieldSpec, wire: number): void {
    this.varint(f.number * 8 + wire);
  }

  private scalar(type: string, v: unknown): void {
    const w = wireOf(type);
    this.room(8);
    if (w === 5) {
      if (type === 'float') this.view.setFloat32(this.at, Number(v), true);
      else this.view.setUint32(this.at, Number(v), true);
      this.at += 4;
    } else if (w === 1) {
      if (type === 'double') this.view.setFloat64(this.at, Number(v), true);
      else this.view.setBigUint64(this.at, BigInt.asUintN(64, toBig(v)), true);
      this.at += 8;
    } else {
      this.varint(scalarValue(type, v));
    }
  }

  // ---- sizes ----
  messageSize(spec: MessageSpec, msg: Message): number {
    const cached = this.sizes.get(msg);
    if (cached !== undefined) return cached;
    let n = 0;
    for (const f of spec.fields) {
      const v = msg[f.key];
      if (!present(v)) continue;
      const tagSize = smallSize(f.number * 8);
      if (f.repeated && isPackable(f.type)) {
        const len = packedSize(f, v);
        if (len || isDeferred(v)) n += tagSize + smallSize(len) + len;
        continue;
      }
      for (const item of f.repeated ? (v as unknown[]) : [v]) n += tagSize + this.valueSize(f, item);
    }
    for (const raw of msg.$unknown ?? []) n += raw.byteLength;
    this.sizes.set(msg, n);
    return n;
  }

  private valueSize(f: FieldSpec, v: unknown): number {
    if (f.message) {
      const len = this.messageSize(messageSpec(f.type), v as Message);
      return smallSize(len) + len;
    }
    if (f.type === 'string') {
      const len = Buffer.byteLength(v as string, 'utf8');
      return smallSize(len) + len;
    }
    if (f.type === 'bytes') {
      const len = (v as Uint8Array | Deferred).byteLength;
      return smallSize(len) + len;
    }
    return scalarSize(f.type, v);
  }

  // ---- emission ----
  message(spec: MessageSpec, msg: Message): void {
    for (const f of spec.fields) {
      const v = msg[f.key];
      if (!present(v)) continue;
      if (f.repeated && isPackable(f.type)) {
        const len = packedSize(f, v);
        if (!len && !isDeferred(v)) continue;
        this.tag(f, 2);
        this.varint(len);
        if (isDeferred(v)) this.deferred(v);
        else for (const item of v as unknown[]) this.scalar(f.type, item);
        continue;
      }
      for (const item of f.repeated ? (v as unknown[]) : [v]) this.value(f, item);
    }
    for (const raw of msg.$unknown ?? []) this.bytes(raw);
  }

  private value(f: FieldSpec, v: unknown): void {
    if (f.message) {
      this.tag(f, 2);
      const sub = messageSpec(f.type);
      this.varint(this.messageSize(sub, v as Message));
      this.message(sub, v as Message);
    } else if (f.type === 'string') {
      const b = Buffer.from(v as string, 'utf8');
      this.tag(f, 2);
      this.varint(b.byteLength);
      this.bytes(b);
    } else if (f.type === 'bytes') {
      this.tag(f, 2);
      this.varint((v as Uint8Array).byteLength);
      if (isDeferred(v)) this.deferred(v);
      else this.bytes(v as Uint8Array);
    } else {
      this.tag(f, wireOf(f.type));
      this.scalar(f.type, v);
    }
  }

  private deferred(d: Deferred): void {
    if (d.byteLength <= INLINE_DEFERRED) return this.bytes(d.read());
    this.flush();
    this.pieces.push(d);
  }
}

function packedSize(f: FieldSpec, v: unknown): number {
  if (isDeferred(v)) return v.byteLength;
  const arr = v as unknown[];
  const w = wireOf(f.type);
  if (w === 5) return 4 * arr.length;
  if (w === 1) return 8 * arr.length;
  let n = 0;
  for (const item of arr) n += scalarSize(f.type, item);
  return n;
}
