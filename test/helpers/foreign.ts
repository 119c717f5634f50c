import type { Value } from '../../src/ir/value.js';

/** Does a value depend on a node of a foreign domain (caffe.*, tflite.*), which onnxruntime cannot run? */
export function dependsOnDomain(v: Value, domain: string, seen = new Set<Value>()): boolean {
  if (seen.has(v)) return false;
  seen.add(v);
  const p = v.producer;
  return !!p && (p.domain === domain || p.inputs.some((i) => i && dependsOnDomain(i, domain, seen)));
}
