/** Reading an operator's builtin options by field name, through the option table of opsets/tflite.json. */
import type { OpCtx } from './op-context.js';
import { tfliteTable } from '../read-model.js';

/** A scalar option (int, float, byte/enum or bool) by field name; its schema default when absent. */
export function opt(c: OpCtx, field: string): number {
  const spec = tfliteTable().options[c.op.op]?.[field];
  const t = c.op.options;
  if (!spec) return 0;
  const [id, kind, dflt] = spec;
  if (!t) return dflt ?? 0;
  if (kind === 'byte' || kind === 'bool') return t.byte(id, dflt ?? 0);
  if (kind === 'float') return t.float(id, dflt ?? 0);
  if (kind === 'long') return t.long(id, dflt ?? 0);
  if (kind === 'uint') return t.uint(id, dflt ?? 0);
  return t.int(id, dflt ?? 0);
}

/** An int vector option by field name ([] when absent). */
export function optInts(c: OpCtx, field: string): number[] {
  const s = tfliteTable().options[c.op.op]?.[field];
  return s && c.op.options ? c.op.options.ints(s[0]) : [];
}

/** A float vector option by field name ([] when absent). */
export function optFloats(c: OpCtx, field: string): number[] {
  const s = tfliteTable().options[c.op.op]?.[field];
  return s && c.op.options ? c.op.options.floats(s[0]) : [];
}

/** A long (int64) vector option by field name ([] when absent). */
export function optLongs(c: OpCtx, field: string): number[] {
  const s = tfliteTable().options[c.op.op]?.[field];
  return s && c.op.options ? c.op.options.longs(s[0]) : [];
}
