/**
 * Scalar fields of a flexbuffer map (the custom_options format of TFLite custom ops), read with the
 * flatbuffers package's flexbuffers reader. Its DataView reads are bounds-checked; any failure (a corrupt
 * buffer, a missing key, a non-scalar value) is reported as absent, never a crash.
 */
import { toReference } from 'flatbuffers/mjs/flexbuffers.js';

export type FlexScalar = number | boolean;

/** The named scalar keys of the map at the buffer's root; keys absent or unreadable are left out. */
export function readFlexMap(bytes: Uint8Array, keys: readonly string[]): Map<string, FlexScalar> {
  const out = new Map<string, FlexScalar>();
  let root;
  try {
    root = toReference(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    if (!root.isMap()) return out;
  } catch {
    return out;
  }
  for (const key of keys) {
    try {
      const v = root.get(key as unknown as number); // the reader looks map keys up by string; its typings say number
      if (v.isBool()) out.set(key, v.boolValue()!);
      else if (v.isNumber()) {
        const n = v.numericValue();
        if (n !== null) out.set(key, Number(n));
      }
    } catch {
      // absent or unreadable: the caller's default applies
    }
  }
  return out;
}
