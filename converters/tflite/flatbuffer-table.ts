/**
 * Bounds-checked access to flatbuffer tables (on the `flatbuffers` package's ByteBuffer): every
 * offset, vtable and vector length is validated against the buffer, so a corrupt file is an
 * InputError, never a crash or a hang.
 */
import { ByteBuffer } from 'flatbuffers';
import { InputError } from '../../src/io/input-error.js';

export class FbReader {
  readonly bb: ByteBuffer;
  constructor(
    readonly buf: Uint8Array,
    readonly file: string,
  ) {
    this.bb = new ByteBuffer(buf);
  }
  fail(m: string): never {
    throw new InputError(this.file, `corrupt TFLite flatbuffer: ${m}`);
  }
  check(pos: number, size: number): void {
    if (!(pos >= 0 && pos + size <= this.buf.length))
      this.fail(`offset ${pos} (+${size}) outside the ${this.buf.length}-byte file`);
  }
  u8(p: number): number {
    this.check(p, 1);
    return this.bb.readUint8(p);
  }
  i32(p: number): number {
    this.check(p, 4);
    return this.bb.readInt32(p);
  }
  u32(p: number): number {
    this.check(p, 4);
    return this.bb.readUint32(p);
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
    this.vtLen = r.bb.readUint16(this.vt);
    r.check(this.vt, this.vtLen);
  }
  /** Absolute position of field `id`, or 0 when absent. */
  field(id: number): number {
    const o = 4 + 2 * id;
    if (o + 2 > this.vtLen) return 0;
    const rel = this.r.bb.readUint16(this.vt + o);
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
    if (!p) return dflt;
    this.r.check(p, 4);
    return this.r.bb.readFloat32(p);
  }
  long(id: number, dflt = 0): number {
    const p = this.field(id);
    if (!p) return dflt;
    this.r.check(p, 8);
    return Number(this.r.bb.readInt64(p));
  }
  table(id: number): Table | null {
    const p = this.field(id);
    return p ? new Table(this.r, p + this.r.u32(p)) : null;
  }
  string(id: number): string {
    const v = this.vec(id, 1);
    return v ? new TextDecoder().decode(this.r.buf.subarray(v.start, v.start + v.length)) : '';
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
    return v ? Array.from({ length: v.length }, (_, i) => this.r.bb.readUint16(v.start + 2 * i)) : [];
  }
  floats(id: number): number[] {
    const v = this.vec(id, 4);
    return v ? Array.from({ length: v.length }, (_, i) => this.r.bb.readFloat32(v.start + 4 * i)) : [];
  }
  longs(id: number): number[] {
    const v = this.vec(id, 8);
    return v ? Array.from({ length: v.length }, (_, i) => Number(this.r.bb.readInt64(v.start + 8 * i))) : [];
  }
  bytes(id: number): Uint8Array | null {
    const v = this.vec(id, 1);
    return v ? this.r.buf.subarray(v.start, v.start + v.length) : null;
  }
  tables(id: number): Table[] {
    const v = this.vec(id, 4);
    if (!v) return [];
    if (v.length > this.r.buf.length / 4) this.r.fail('vector longer than the file');
    return Array.from({ length: v.length }, (_, i) => {
      const e = v.start + 4 * i;
      return new Table(this.r, e + this.r.u32(e));
    });
  }
}
