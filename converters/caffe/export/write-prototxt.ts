/** Caffe layers → deploy prototxt text (NetParameter text format, V2 `layer {}` records). */
import { EnumValue, type CaffeLayer, type ParamMessage, type ParamValue } from './caffe-layer.js';

/** A prototxt string literal: quotes, backslashes and control characters escaped. */
function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)}"`;
}

/** Floats in the shortest form that reads back to the same float32. */
function numberText(v: number): string {
  if (Number.isInteger(v)) return String(v);
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : v < 0 ? '-inf' : 'nan';
  return String(Math.fround(v) === v ? shortestFloat32(v) : v);
}
function shortestFloat32(v: number): string {
  for (let p = 6; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

function scalar(v: ParamValue): string {
  if (v instanceof EnumValue) return v.name;
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return numberText(v as number);
}

function field(key: string, v: ParamValue, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) field(key, item, indent, out);
    return;
  }
  if (typeof v === 'object' && !(v instanceof EnumValue)) {
    out.push(`${indent}${key} {`);
    message(v, `${indent}  `, out);
    out.push(`${indent}}`);
    return;
  }
  out.push(`${indent}${key}: ${scalar(v)}`);
}

function message(m: ParamMessage, indent: string, out: string[]): void {
  for (const [k, v] of Object.entries(m)) field(k, v, indent, out);
}

export function prototxtText(netName: string, layers: CaffeLayer[], header: string[] = []): string {
  const out = header.map((l) => `# ${l}`);
  out.push(`name: ${quote(netName)}`);
  for (const l of layers) {
    out.push('layer {');
    out.push(`  name: ${quote(l.name)}`, `  type: ${quote(l.type)}`);
    for (const b of l.bottoms) out.push(`  bottom: ${quote(b)}`);
    for (const t of l.tops) out.push(`  top: ${quote(t)}`);
    message(l.params, '  ', out);
    out.push('}');
  }
  return `${out.join('\n')}\n`;
}
