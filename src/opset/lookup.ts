import { readPackageJson } from '../io/package-json.js';

export interface OpParam {
  name: string;
  type: string;
  optional?: boolean;
  variadic?: boolean;
}
export interface OpAttr {
  type: string;
  required?: boolean;
  default?: unknown;
}
export interface OpSchema {
  since: number;
  deprecated?: boolean;
  inputs: OpParam[];
  outputs: OpParam[];
  attributes: Record<string, OpAttr>;
  typeConstraints: Record<string, string[]>;
  source: string;
}
interface OpsetFile {
  newestOpset: number;
  domains: Record<string, Record<string, OpSchema[]>>;
}

let data: OpsetFile | undefined;
function load(): OpsetFile {
  data ??= readPackageJson<OpsetFile>('opsets/onnx.json');
  return data;
}

/** The newest default-domain opset convcheck knows. */
export function newestOpset(): number {
  return load().newestOpset;
}

/** The version of an op in effect at an opset: the highest `since` ≤ opset (undefined: unknown op). */
export function lookupOp(domain: string, op: string, opset: number): OpSchema | undefined {
  const versions = load().domains[domain === '' ? 'ai.onnx' : domain]?.[op];
  if (!versions) return undefined;
  let found: OpSchema | undefined;
  for (const v of versions) if (v.since <= opset) found = v;
  return found;
}

/** All op names of a domain. */
export function opNames(domain = 'ai.onnx'): string[] {
  return Object.keys(load().domains[domain] ?? {});
}

/** An attribute's default at an opset (undefined when it has none). */
export function attrDefault(domain: string, op: string, opset: number, name: string): unknown {
  return lookupOp(domain, op, opset)?.attributes[name]?.default;
}
