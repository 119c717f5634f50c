/**
 * Bounds-checked access to flatbuffer tables: every offset, vtable and vector length is validated
 * against the file, so a corrupt file is an InputError, never a crash or a hang. The bytes are a buffer
 * or a file read page by page (flat-bytes.ts): buffer data is addressed as spans, never read here.
 */
import { InputError } from '../../src/io/input-error.js';
import type { ByteSource } from '../../src/ir/tensor.js';
import { bufferBytes, type FlatBytes } from './flat-bytes.js';

export class FbReader {
  readonly bytes: FlatBytes;
  constructor(
    source: Uint8Array | FlatBytes,
    readonly file: string,
  ) {
    this.bytes = source instanceof Uint8Array ? bufferBytes(source) : source;
  }
  get size(): number {
    return this.bytes.size;
  }
  fail(m: string): never {
    throw new InputError(this.file, `corrupt TFLite flatbuffer: ${m}`);
  }
  check(pos: number, size: number): void {
    if (!(pos >= 0 && pos + size <= this.bytes.size))
      this.fail(`offset ${pos} (+${size}) outside the ${this.bytes.size}-byte file`);
  }
  u8(p: number): number {
    this.check(p, 1);
    const c = this.bytes.cover(p, 1);
    return c.view.getUint8(c.index);
  }
  u16(p: number): number {
    this.check(p, 2);
    const c = this.bytes.cover(p, 2);
    return c.view.getUint16(c.index, true);
  }
  i32(p: number): number {
    this.check(p, 4);
    const c = this.bytes.cover(p, 4);
    return c.view.getInt32(c.index, true);
  }
  u32(p: number): number {
    this.check(p, 4);
    const c = this.bytes.cover(p, 4);
    return c.view.getUint32(c.index, true);
  }
  f32(p: number): number {
    this.check(p, 4);
    const c = this.bytes.cover(p, 4);
    return c.view.getFloat32(c.index, true);
  }
  i64(p: number): number {
    this.check(p, 8);
    const c = this.bytes.cover(p, 8);
    return Number(c.view.getBigInt64(c.index, true));
  }
  /** The bytes of [start, start + length) now (strings, option blobs). */
  slice(start: number, length: number): Uint8Array {
    this.check(start, length);
    const c = this.bytes.cover(start, length);
    return c.bytes.subarray(c.index, c.index + length);
  }
  /** The span [start, start + length) left where it is (buffer data), read when its tensor is used. */
  span(start: number, length: number): ByteSource {
    this.check(start, length);
    return this.bytes.source(start, length);
  }
  root(): Table {
    return new Table(this, this.u32(0));
  }
}

export class Table {
  private vt: number;
  private vtLen: number;
  constructor(
    readonly r: FbReader,
    readonly pos: number,
  ) {
    r.check(pos, 4);
    this.vt = pos - r.i32(pos);
    r.check(this.vt, 4);
    this.vtLen = r.u16(this.vt);
    r.check(this.vt, this.vtLen);
  }
  /** Absolute position of field `id`, or 0 when absent. */
  field(id: number): number {
    const o = 4 + 2 * id;
    if (o + 2 > this.vtLen) return 0;
    const rel = this.r.u16(this.vt + o);
    return rel ? this.pos + rel : 0;
  }
  int(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.r.i32(p) : dflt;
  }
  uint(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.r.u32(p) : dflt;
  }
  byte(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.r.u8(p) : dflt;
  }
  sbyte(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? (this.r.u8(p) << 24) >> 24 : dflt;
  }
  bool(id: number): boolean {
    return this.byte(id) !== 0;
  }
  float(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.r.f32(p) : dflt;
  }
  long(id: number, dflt = 0): number {
    const p = this.field(id);
    return p ? this.r.i64(p) : dflt;
  }
  table(id: number): Table | null {
    const p = this.field(id);
    return p ? new Table(this.r, p + this.r.u32(p)) : null;
  }
  string(id: number): string {
    const v = this.vec(id, 1);
    return v ? new TextDecoder().decode(this.r.slice(v.start, v.length)) : '';
  }
  /** A vector: start of its elements and its length (elements of `elem` bytes). */
  vec(id: number, elem: number): { start: number; length: number } | null {
    const p = this.field(id);
    if (!p) return null;
    const at = p + this.r.u32(p);
    const length = this.r.u32(at);
    this.r.check(at + 4, length * elem);
    return { start: at + 4, length };
  }
  ints(id: number): number[] {
    const v = this.vec(id, 4);
    return v ? Array.from({ length: v.length }, (_, i) => this.r.i32(v.start + 4 * i)) : [];
  }
  ushorts(id: number): number[] {
    const v = this.vec(id, 2);
    return v ? Array.from({ length: v.length }, (_, i) => this.r.u16(v.start + 2 * i)) : [];
  }
  floats(id: number): number[] {
    const v = this.vec(id, 4);
    return v ? Array.from({ length: v.length }, (_, i) => this.r.f32(v.start + 4 * i)) : [];
  }
  longs(id: number): number[] {
    const v = this.vec(id, 8);
    return v ? Array.from({ length: v.length }, (_, i) => this.r.i64(v.start + 8 * i)) : [];
  }
  bytes(id: number): Uint8Array | null {
    const v = this.vec(id, 1);
    return v ? this.r.slice(v.start, v.length) : null;
  }
  /** A byte vector left where it is (a buffer's data): a span read when used. */
  byteSpan(id: number): ByteSource | null {
    const v = this.vec(id, 1);
    return v ? this.r.span(v.start, v.length) : null;
  }
  tables(id: number): Table[] {
    const v = this.vec(id, 4);
    if (!v) return [];
    if (v.length > this.r.size / 4) this.r.fail('vector longer than the file');
    return Array.from({ length: v.length }, (_, i) => {
      const e = v.start + 4 * i;
      return new Table(this.r, e + this.r.u32(e));
    });
  }
}
