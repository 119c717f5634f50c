import { readRangeInto } from './read-range.js';

/**
 * An indexed JSON file: the document with some records ("lazy paths") cut out, and those records' entries as
 * JSON texts after it. Reading it parses the small remainder; a cut-out record is read from the file when the
 * document first reaches it, and each of its entries is parsed when first read. Built by scripts/bundle.mjs
 * from the package's data files, read by src/io/package-json-indexed.ts.
 *
 * Layout (every JSON text ASCII, non-ASCII characters escaped, so each reads back as a one-byte string):
 * - a prelude line padded to PRELUDE bytes: `{"size": source bytes, "header": header bytes}`;
 * - the header `{"lazy": [[key path, start, table end, end]…], "rest": the document without the records}`;
 * - each record's bytes at [start, end): its span table `{key: [start, end]…}` up to `table end`, then the
 *   entries the table points to (offsets from the record's start).
 */

/** A lazy path: keys from the root; `*` stands for every key of the object there. */
export type LazyPath = string[];

type Json = Record<string, unknown>;
type Spans = Record<string, [number, number]>;
interface Header {
  lazy: [string[], number, number, number][];
  rest: Json;
}

const PRELUDE = 64;
/** Entries of one record read one by one before the rest of the record is read at once. */
const WHOLE_RECORD_AFTER = 32;

/** The records a lazy path names in `doc`, with their concrete key paths. */
function recordsAt(doc: unknown, path: LazyPath, at: string[] = []): [string[], Json][] {
  if (doc === null || typeof doc !== 'object') return [];
  if (!path.length) return [[at, doc as Json]];
  const [head, ...tail] = path as [string, ...string[]];
  const keys = head === '*' ? Object.keys(doc) : [head];
  return keys.flatMap((k) => recordsAt((doc as Json)[k], tail, [...at, k]));
}

/** JSON with every non-ASCII character escaped. */
function asciiJson(value: unknown): Buffer {
  const text = JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return Buffer.from(text, 'latin1');
}

/** A record's bytes: its span table, then its entries. */
function recordBytes(record: Json): { bytes: Buffer; tableEnd: number } {
  const texts = Object.entries(record).map(([key, value]) => [key, asciiJson(value)] as const);
  // the table's length depends on the offsets it holds: grow the draft until it holds still
  const tableFor = (tableLength: number): Buffer => {
    let at = tableLength;
    return asciiJson(Object.fromEntries(texts.map(([key, bytes]) => [key, [at, (at += bytes.length)]])));
  };
  let table = tableFor(0);
  for (let length = -1; length !== table.length;) {
    length = table.length;
    table = tableFor(length);
  }
  return { bytes: Buffer.concat([table, ...texts.map(([, bytes]) => bytes)]), tableEnd: table.length };
}

function setAt(doc: Json, keys: string[], value: unknown): void {
  let at = doc;
  for (const k of keys.slice(0, -1)) at = at[k] as Json;
  at[keys[keys.length - 1]!] = value;
}

/** The indexed file's bytes for `doc`, parsed from a source file of `sourceSize` bytes. */
export function buildJsonIndex(doc: unknown, sourceSize: number, lazyPaths: LazyPath[]): Buffer {
  const rest = structuredClone(doc) as Json;
  const records: [string[], { bytes: Buffer; tableEnd: number }][] = [];
  for (const path of lazyPaths)
    for (const [keys, record] of recordsAt(rest, path)) {
      records.push([keys, recordBytes(record)]);
      setAt(rest, keys, null);
    }
  const headerFor = (base: number): Buffer => {
    let at = base;
    const lazy = records.map(([keys, r]) => [keys, at, at + r.tableEnd, (at += r.bytes.length)]);
    return asciiJson({ lazy, rest });
  };
  let header = headerFor(PRELUDE);
  for (let length = -1; length !== header.length;) {
    length = header.length;
    header = headerFor(PRELUDE + length);
  }
  const prelude = asciiJson({ size: sourceSize, header: header.length });
  if (prelude.length >= PRELUDE) throw new Error('json index: prelude too long');
  const padded = Buffer.concat([prelude, Buffer.alloc(PRELUDE - 1 - prelude.length, 0x20), Buffer.from('\n')]);
  return Buffer.concat([padded, header, ...records.map(([, r]) => r.bytes)]);
}

const readText = (path: string, start: number, end: number): string =>
  readRangeInto(path, start, Buffer.allocUnsafe(end - start)).toString('latin1');

/** The source size an index at `path` was built from and its header's length (null: not an index). */
function readPrelude(path: string): { size: number; header: number } | null {
  try {
    const prelude = JSON.parse(readText(path, 0, PRELUDE)) as { size?: unknown; header?: unknown };
    return typeof prelude.size === 'number' && typeof prelude.header === 'number'
      ? { size: prelude.size, header: prelude.header }
      : null;
  } catch {
    return null;
  }
}

/**
 * The document of the index at `path` when it was built from a source of `sourceSize` bytes, else null (no
 * index, or a stale one). Records are read from the file when first reached, entries parsed when first read.
 */
export function readJsonIndex<T>(path: string, sourceSize: number): T | null {
  const prelude = readPrelude(path);
  if (!prelude || prelude.size !== sourceSize) return null;
  const header = JSON.parse(readText(path, PRELUDE, PRELUDE + prelude.header)) as Header;
  for (const [keys, start, tableEnd, end] of header.lazy)
    setLazyAt(header.rest, keys, () => {
      const table = JSON.parse(readText(path, start, tableEnd)) as Spans;
      return lazyRecord((from, to) => readText(path, start + from, start + to), table, end - start);
    });
  return header.rest as T;
}

/** A property whose value is made on its first read (a record nothing reads costs nothing). */
function setLazyAt(doc: Json, keys: string[], make: () => Json): void {
  let parent = doc;
  for (const k of keys.slice(0, -1)) parent = parent[k] as Json;
  const key = keys[keys.length - 1]!;
  Object.defineProperty(parent, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(parent, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

/**
 * A record whose entries are read from the file (`read`, offsets within the record) and parsed on their first
 * read, then kept: a Proxy, so it costs nothing per key until read. Keys, `in` and JSON.stringify see the record as the plain object it stands for; its property
 * descriptors are getters (a copy of them stays lazy).
 */
function lazyRecord(read: (start: number, end: number) => string, table: Spans, length: number): Json {
  const spans = new Map(Object.entries(table));
  const parsed = new Map<string, unknown>();
  // a command that walks the whole table (`targets`, `explain`) gets it in one read after the first few entries
  let whole: string | null = null;
  const text = (start: number, end: number): string => {
    if (whole === null && parsed.size >= WHOLE_RECORD_AFTER) whole = read(0, length);
    return whole === null ? read(start, end) : whole.slice(start, end);
  };
  const entry = (key: string): unknown => {
    if (!parsed.has(key)) {
      const [start, end] = spans.get(key)!;
      if (end > length) throw new Error(`json index: entry '${key}' runs past its record`);
      parsed.set(key, JSON.parse(text(start, end)));
    }
    return parsed.get(key);
  };
  const own = (key: string | symbol): key is string => typeof key === 'string' && spans.has(key);
  return new Proxy<Json>(
    {},
    {
      get: (target, key) => (own(key) ? entry(key) : Reflect.get(target, key)),
      has: (target, key) => own(key) || Reflect.has(target, key),
      ownKeys: () => [...spans.keys()],
      getOwnPropertyDescriptor: (_, key) =>
        own(key) ? { get: () => entry(key), enumerable: true, configurable: true } : undefined,
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
    },
  );
}
