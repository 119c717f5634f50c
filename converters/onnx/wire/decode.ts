import { messageSpec, isPackable, type FieldSpec, type MessageSpec } from './fields.js';
import { LazyBytes } from './lazy-bytes.js';
import type { ByteWindow } from './byte-window.js';

/** A decoded message: properties named as in fields.ts (camelCase); fields the table does not know in `$unknown`. */
export type Message = { [key: string]: unknown; $unknown?: Uint8Array[] };

export class WireError extends Error {}

/** Subgraphs (GraphProto within GraphProto) nested deeper than `maxGraphDepth`: the caller states its limit. */
export class GraphNestingError extends Error {
  constructor(readonly depth: number) {
    super(`subgraphs nested ${depth} levels deep`);
  }
}

/** Any message nesting beyond this is not a model: stop before the stack does. */
const MAX_MESSAGE_DEPTH = 512;

export interface DecodeOptions {
  /**
   * Fields ("TensorProto.raw_data", "TensorProto.float_data", …) whose payload is not read when longer
   * than `lazyOver` bytes: it becomes a LazyBytes (offset and length in the file, or a view of the buffer).
   */
  lazyFields?: ReadonlySet<string>;
  lazyOver?: number;
  /** Deepest GraphProto nesting accepted (the main graph is depth 0); deeper throws GraphNestingError. */
  maxGraphDepth?: number;
  /**
   * Called as decoding advances: the file offset reached and the main graph's nodes decoded so far
   * (every ~256 KB or 256 nodes; the offsets only grow). Skipped lazy payloads count as passed.
   */
  onProgress?: (bytes: number, nodes: number) => void;
}

const PROGRESS_BYTES = 256 << 10;
/** Size of the shared copies of small payloads (Decoder.copyOut). */
const SLAB_BYTES = 64 << 10;
const PROGRESS_NODES = 256;

const utf8 = new TextDecoder('utf-8');
const TWO32 = 2 ** 32;

/** Decode the message `type` occupying [start, end) of `win`, driven by the field table. */
export function decodeMessage(
  win: ByteWindow,
  type: string,
  options: DecodeOptions = {},
  start = 0,
  end = win.size,
): Message {
  return new Decoder(win, options).message(messageSpec(type), start, end);
}

class Decoder {
  private buf: Uint8Array = new Uint8Array(0);
  private slab: Uint8Array = new Uint8Array(0);
  private slabUsed = 0;
  private base = 0;
  private pos = 0;
  private lo = 0;
  private hi = 0;
  private readonly lazyFields: ReadonlySet<string>;
  private readonly lazyOver: number;
  private readonly maxGraphDepth: number;
  private depth = 0;
  private graphDepth = -1;
  private nodes = 0;
  private reportedAt = 0;
  private reportedNodes = 0;
  private readonly onProgress: ((bytes: number, nodes: number) => void) | undefined;

  constructor(
    private readonly win: ByteWindow,
    options: DecodeOptions,
  ) {
    this.lazyFields = options.lazyFields ?? new Set();
    this.lazyOver = options.lazyOver ?? 0;
    this.maxGraphDepth = options.maxGraphDepth ?? Infinity;
    this.onProgress = options.onProgress;
  }

  /** Report progress when enough bytes or nodes have passed since the last report. */
  private tick(): void {
    if (!this.onProgress) return;
    if (this.pos - this.reportedAt < PROGRESS_BYTES && this.nodes - this.reportedNodes < PROGRESS_NODES) return;
    this.reportedAt = this.pos;
    this.reportedNodes = this.nodes;
    this.onProgress(this.pos, this.nodes);
  }

  /** Make [at, at+n) addressable in this.buf. */
  private need(at: number, n: number): void {
    if (at < this.base || at + n > this.base + this.buf.length) {
      const c = this.win.cover(at, n);
      this.buf = c.buf;
      this.base = c.base;
      if (at + n > this.base + this.buf.length) throw new WireError(`truncated at byte ${at}`);
    }
  }

  private byte(): number {
    let i = this.pos - this.base;
    if (i < 0 || i >= this.buf.length) {
      this.need(this.pos, Math.min(10, this.win.size - this.pos));
      i = this.pos - this.base;
    }
    this.pos++;
    return this.buf[i]!;
  }

  /** Read a varint into lo/hi (unsigned 32-bit halves). */
  private varint(): void {
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let k = 0; k < 4; k++) {
      b = this.byte();
      lo |= (b & 0x7f) << (7 * k);
      if (b < 0x80) return this.set(lo, 0);
    }
    b = this.byte();
    lo |= (b & 0x7f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b < 0x80) return this.set(lo, hi);
    for (let k = 0; k < 5; k++) {
      b = this.byte();
      hi |= (b & 0x7f) << (7 * k + 3);
      if (b < 0x80) return this.set(lo, hi);
    }
    throw new WireError(`malformed varint before byte ${this.pos}`);
  }

  private set(lo: number, hi: number): void {
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  private length(end: number): number {
    this.varint();
    const n = this.hi ? Infinity : this.lo;
    if (this.pos + n > end) throw new WireError(`field length ${n} at byte ${this.pos} runs past its message`);
    return n;
  }

  message(spec: MessageSpec, start: number, end: number): Message {
    const isGraph = spec.name === 'GraphProto';
    if (spec.name === 'NodeProto' && this.graphDepth === 0) this.nodes++;
    if (++this.depth > MAX_MESSAGE_DEPTH)
      throw new WireError(`messages nested deeper than ${MAX_MESSAGE_DEPTH} levels`);
    if (isGraph && ++this.graphDepth > this.maxGraphDepth) throw new GraphNestingError(this.graphDepth);
    try {
      return this.fields(spec, start, end);
    } finally {
      this.depth--;
      if (isGraph) this.graphDepth--;
    }
  }

  private fields(spec: MessageSpec, start: number, end: number): Message {
    const out: Message = {};
    this.pos = start;
    while (this.pos < end) {
      const tagAt = this.pos;
      this.varint();
      const number = this.lo >>> 3;
      const wire = this.lo & 7;
      const field = spec.byNumber.get(number);
      if (!field || !this.field(out, spec, field, wire, end)) this.unknown(out, tagAt, wire, end);
      if (this.depth <= 2) this.tick(); // the model's and the main graph's fields: offsets in file order
    }
    if (this.pos !== end) throw new WireError(`message ${spec.name} ends at byte ${this.pos}, expected ${end}`);
    return out;
  }

  /** Decode one field into `out`; false when the wire type does not fit the field (kept as unknown). */
  private field(out: Message, spec: MessageSpec, f: FieldSpec, wire: number, end: number): boolean {
    if (wire === 2) {
      const n = this.length(end);
      const at = this.pos;
      let value: unknown;
      if (f.message) {
        value = this.message(messageSpec(f.type), at, at + n);
      } else if (f.type === 'string') {
        this.need(at, n);
        value = utf8.decode(this.buf.subarray(at - this.base, at - this.base + n));
      } else if (f.type === 'bytes') {
        value = this.bytesField(spec, f, at, n);
      } else if (f.repeated && isPackable(f.type)) {
        if (this.isLazy(spec, f, n) && out[f.key] === undefined) {
          out[f.key] = new LazyBytes(at, n, this.win.path, this.win.whole);
        } else {
          const arr = this.array(out, f);
          while (this.pos < at + n) arr.push(this.scalar(f.type, wireOf(f.type)));
          if (this.pos !== at + n) throw new WireError(`packed ${spec.name}.${f.name} overruns its length`);
        }
        this.pos = at + n;
        return true;
      } else {
        return false;
      }
      this.pos = at + n;
      this.store(out, f, value);
      return true;
    }
    if (f.message || f.type === 'string' || f.type === 'bytes' || wire !== wireOf(f.type)) return false;
    this.store(out, f, this.scalar(f.type, wire));
    return true;
  }

  private bytesField(spec: MessageSpec, f: FieldSpec, at: number, n: number): Uint8Array | LazyBytes {
    if (this.isLazy(spec, f, n)) return new LazyBytes(at, n, this.win.path, this.win.whole);
    this.need(at, n);
    const view = this.buf.subarray(at - this.base, at - this.base + n);
    return this.win.whole ? view : this.copyOut(view);
  }

  /**
   * A copy of a payload read through the reused file window. Small ones share 64 KB slabs (views at 8-byte
   * aligned offsets, as tensors read from a buffer in memory are views of it): one allocation per slab, not per
   * bias or BatchNorm statistic.
   */
  private copyOut(view: Uint8Array): Uint8Array {
    const n = view.length;
    if (n > SLAB_BYTES / 8) return Uint8Array.prototype.slice.call(view);
    let at = (this.slabUsed + 7) & ~7;
    if (at + n > this.slab.length) {
      this.slab = new Uint8Array(SLAB_BYTES);
      at = 0;
    }
    this.slab.set(view, at);
    this.slabUsed = at + n;
    return this.slab.subarray(at, at + n);
  }

  private isLazy(spec: MessageSpec, f: FieldSpec, n: number): boolean {
    return n > this.lazyOver && this.lazyFields.has(`${spec.name}.${f.name}`);
  }

  private array(out: Message, f: FieldSpec): unknown[] {
    let arr = out[f.key];
    if (arr instanceof LazyBytes) throw new WireError(`${f.name} is split into several packed runs`);
    if (!Array.isArray(arr)) out[f.key] = arr = [];
    return arr as unknown[];
  }

  private store(out: Message, f: FieldSpec, value: unknown): void {
    if (f.repeated) this.array(out, f).push(value);
    else if (f.message && out[f.key] !== undefined) out[f.key] = mergeMessages(out[f.key] as Message, value as Message);
    else out[f.key] = value;
  }

  private scalar(type: string, wire: number): unknown {
    if (wire === 5) {
      this.need(this.pos, 4);
      const dv = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos - this.base, 4);
      this.pos += 4;
      return type === 'float' ? dv.getFloat32(0, true) : dv.getUint32(0, true);
    }
    if (wire === 1) {
      this.need(this.pos, 8);
      const dv = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos - this.base, 8);
      this.pos += 8;
      return type === 'double' ? dv.getFloat64(0, true) : dv.getBigUint64(0, true);
    }
    this.varint();
    const { lo, hi } = this;
    switch (type) {
      case 'int32':
      case 'enum':
        return lo | 0;
      case 'uint32':
        return lo;
      case 'bool':
        return lo !== 0 || hi !== 0;
      case 'sint32':
        return (lo >>> 1) ^ -(lo & 1);
      case 'uint64':
        return hi < 0x200000 ? hi * TWO32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
      case 'sint64': {
        const u = (BigInt(hi) << 32n) | BigInt(lo);
        return safe((u >> 1n) ^ -(u & 1n));
      }
      default:
        // int64: two's complement in 64 bits
        if (hi < 0x200000) return hi * TWO32 + lo;
        return safe(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)));
    }
  }

  /** Keep a field the table does not know (or whose wire type differs) byte for byte. */
  private unknown(out: Message, tagAt: number, wire: number, end: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 5) this.pos += 4;
    else if (wire === 2) this.pos += this.length(end);
    else throw new WireError(`unsupported wire type ${wire} at byte ${tagAt}`);
    if (this.pos > end) throw new WireError(`field at byte ${tagAt} runs past its message`);
    this.need(tagAt, this.pos - tagAt);
    const raw = Uint8Array.prototype.slice.call(this.buf.subarray(tagAt - this.base, this.pos - this.base));
    (out.$unknown ??= []).push(raw);
  }
}

function safe(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** The wire type a scalar field is written with. */
export function wireOf(type: string): number {
  if (type === 'float' || type === 'fixed32') return 5;
  if (type === 'double' || type === 'fixed64') return 1;
  if (type === 'string' || type === 'bytes') return 2;
  return 0;
}

/** A message field given twice is merged (protobuf semantics): later scalars win, repeated fields concatenate. */
function mergeMessages(a: Message, b: Message): Message {
  const out: Message = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = Array.isArray(prev) && Array.isArray(v) ? [...prev, ...v] : v;
  }
  return out;
}
