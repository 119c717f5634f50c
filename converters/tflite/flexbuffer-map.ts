/**
 * Scalar fields of a flexbuffer map (the custom_options format of TFLite custom ops). Every read is
 * bounds-checked against the buffer: a corrupt buffer, a missing key or a non-scalar value is absent,
 * never a crash or a hang. (The flatbuffers package's own reader fails on maps with 64-bit elements.)
 * Format: flatbuffers' FlexBuffers documentation ("Internals": root at the end — value, packed type,
 * byte width; a map is a values vector preceded by its keys vector offset, keys byte width and length,
 * followed by one packed type byte per value).
 */
export type FlexScalar = number | boolean;

/** FlexBuffers value types read here (the Type enum of flexbuffers.h). */
const TYPE = { INT: 1, UINT: 2, FLOAT: 3, INDIRECT_INT: 6, INDIRECT_UINT: 7, INDIRECT_FLOAT: 8, MAP: 9, BOOL: 26 };

class Bounded {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private at(pos: number, width: number): void {
    if (!(pos >= 0 && pos + width <= this.bytes.length) || ![1, 2, 4, 8].includes(width)) throw new RangeError();
  }
  uint(pos: number, width: number): number {
    this.at(pos, width);
    if (width === 1) return this.view.getUint8(pos);
    if (width === 2) return this.view.getUint16(pos, true);
    if (width === 4) return this.view.getUint32(pos, true);
    return Number(this.view.getBigUint64(pos, true));
  }
  int(pos: number, width: number): number {
    this.at(pos, width);
    if (width === 1) return this.view.getInt8(pos);
    if (width === 2) return this.view.getInt16(pos, true);
    if (width === 4) return this.view.getInt32(pos, true);
    return Number(this.view.getBigInt64(pos, true));
  }
  float(pos: number, width: number): number {
    this.at(pos, width);
    if (width === 4) return this.view.getFloat32(pos, true);
    if (width === 8) return this.view.getFloat64(pos, true);
    throw new RangeError();
  }
  /** The null-terminated key at pos (at most 256 bytes). */
  key(pos: number): string {
    let end = pos;
    while (end < this.bytes.length && end - pos < 256 && this.bytes[end] !== 0) end++;
    if (end >= this.bytes.length || this.bytes[end] !== 0) throw new RangeError();
    return new TextDecoder().decode(this.bytes.subarray(pos, end));
  }
}

/** A scalar element: at `pos`, `width` bytes wide in its parent, of packed type `packed`. */
function scalar(b: Bounded, pos: number, width: number, packed: number): FlexScalar | null {
  const type = packed >> 2,
    own = 1 << (packed & 3);
  switch (type) {
    case TYPE.INT:
      return b.int(pos, width);
    case TYPE.UINT:
      return b.uint(pos, width);
    case TYPE.FLOAT:
      return b.float(pos, width);
    case TYPE.BOOL:
      return b.uint(pos, width) !== 0;
    case TYPE.INDIRECT_INT:
      return b.int(pos - b.uint(pos, width), own);
    case TYPE.INDIRECT_UINT:
      return b.uint(pos - b.uint(pos, width), own);
    case TYPE.INDIRECT_FLOAT:
      return b.float(pos - b.uint(pos, width), own);
    default:
      return null;
  }
}

/** The named scalar keys of the map at the buffer's root; keys absent or unreadable are left out. */
export function readFlexMap(bytes: Uint8Array, keys: readonly string[]): Map<string, FlexScalar> {
  const out = new Map<string, FlexScalar>();
  try {
    const b = new Bounded(bytes);
    const n = bytes.length;
    const rootWidth = b.uint(n - 1, 1),
      rootPacked = b.uint(n - 2, 1);
    if (rootPacked >> 2 !== TYPE.MAP) return out;
    const rootPos = n - 2 - rootWidth;
    const map = rootPos - b.uint(rootPos, rootWidth);
    const w = 1 << (rootPacked & 3);
    const length = b.uint(map - w, w);
    if (length * (w + 1) > n) return out;
    const keysField = map - 3 * w;
    const keysVec = keysField - b.uint(keysField, w),
      keysWidth = b.uint(map - 2 * w, w);
    if (b.uint(keysVec - keysWidth, keysWidth) !== length) return out;
    const wanted = new Set(keys);
    for (let i = 0; i < length; i++) {
      const keyPos = keysVec + i * keysWidth;
      const name = b.key(keyPos - b.uint(keyPos, keysWidth));
      if (!wanted.has(name)) continue;
      const value = scalar(b, map + i * w, w, b.uint(map + length * w + i, 1));
      if (value !== null && (typeof value === 'boolean' || Number.isFinite(value))) out.set(name, value);
    }
  } catch {
    // a corrupt buffer: whatever was read so far stands, the rest is absent
  }
  return out;
}
