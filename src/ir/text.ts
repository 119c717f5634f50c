/**
 * A tiny text form of models, for tests and patterns:
 *
 *   opset 17                      (or: opset com.microsoft 1)
 *   input x: float32[1,3,N,8]
 *   const w: float32[4,3,3,3] = fill(0.5)   | = [1,2,3] | = random(7) (seeded U(-1,1))
 *   y = Conv<kernel_shape=[3,3], pads=[1,1,1,1]>(x, w)
 *   a, , c = caffe.PriorBox<...>(y, , x)    (empty = omitted input/output)
 *   output y: float32[1,4,N,8]    (the type is optional)
 *
 * Attribute values: 3 (int), 1.5 or 1e-5 (float, needs '.' or 'e'), "s" (string), [1,2] (ints),
 * [1.0,2] (floats if any element is), ["a","b"] (strings). '#' starts a comment.
 */
import { Graph } from './graph.js';
import { newModel, type Model } from './model.js';
import { Tensor } from './tensor.js';
import { numbersToBytes } from './typed-data.js';
import { tensorToNumbers } from './typed-data.js';
import type { Attr, Attrs } from './attr.js';
import type { DType } from './dtype.js';
import { DTYPES } from './dtype.js';
import type { Dim, Shape } from './shape.js';
import type { Value } from './value.js';

export function parseModelText(src: string): Model {
  const g = new Graph('main');
  const opsets = new Map<string, number>();
  src.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const fail = (msg: string): never => {
      throw new Error(`line ${i + 1}: ${msg}: ${raw.trim()}`);
    };
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^opset\s+(?:(\S+)\s+)?(\d+)$/))) {
      opsets.set(m[1] ?? '', Number(m[2]));
      return;
    }
    if ((m = line.match(/^(input|output)\s+([\w.:/-]+)(?:\s*:\s*(.+))?$/))) {
      const v = g.value(m[2]!);
      if (m[3]) setType(v, m[3], fail);
      (m[1] === 'input' ? g.inputs : g.outputs).push(v);
      return;
    }
    if ((m = line.match(/^const\s+([\w.:/-]+)\s*:\s*([^=]+?)\s*=\s*(.+)$/))) {
      const v = g.value(m[1]!);
      setType(v, m[2]!, fail);
      const dims = (v.shape ?? []).map((d) => (typeof d === 'number' ? d : fail('const dims must be numbers')));
      v.data = Tensor.fromBytes(
        v.dtype!,
        dims,
        numbersToBytes(
          v.dtype!,
          constValues(
            m[3]!,
            dims.reduce((a, b) => a * b, 1),
            fail,
          ),
        ),
      );
      return;
    }
    if ((m = line.match(/^(.*?)=\s*([\w.]+?)(?:\.(\w+))?\s*(<.*>)?\s*\((.*)\)$/))) {
      const outs = m[1]!.split(',').map((s) => s.trim());
      const domain = m[3] ? m[2]! : '';
      const op = m[3] ?? m[2]!;
      const inputs =
        m[5]!.trim() === ''
          ? []
          : m[5]!
              .split(',')
              .map((s) => s.trim())
              .map((s) => (s === '' ? null : (g.lookup(s) ?? fail(`unknown value '${s}'`))));
      g.addNode({
        op,
        domain,
        name: `${op}_${g.nodes.length}`,
        inputs,
        outputs: outs.map((s) => (s === '' ? null : s)),
        attrs: m[4] ? parseAttrs(m[4].slice(1, -1), fail) : new Map(),
      });
      return;
    }
    fail('cannot parse');
  });
  if (!opsets.has('')) opsets.set('', 17);
  return newModel(g, { opsets });
}

function setType(v: Value, text: string, fail: (m: string) => never): void {
  const m = text.trim().match(/^(\w+)(?:\[(.*)\])?$/);
  if (!m || !(m[1]! in DTYPES)) fail(`bad type '${text}'`);
  v.dtype = m![1] as DType;
  v.shape =
    m![2] === undefined
      ? null
      : m![2]!.trim() === ''
        ? []
        : m![2]!.split(',').map((d): Dim => {
            d = d.trim();
            return d === '?' ? null : /^-?\d+$/.test(d) ? Number(d) : d;
          });
}

function constValues(text: string, n: number, fail: (m: string) => never): number[] {
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^fill\((.+)\)$/))) return new Array<number>(n).fill(Number(m[1]));
  if ((m = text.match(/^random\((\d+)\)$/))) {
    const r = seeded(Number(m[1]));
    return Array.from({ length: n }, () => r() * 2 - 1);
  }
  if ((m = text.match(/^range\((.+)\)$/))) return Array.from({ length: n }, (_, i) => i * Number(m![1]));
  if (text.startsWith('[')) {
    const vals = JSON.parse(text) as number[];
    if (vals.length !== n) fail(`${vals.length} values for ${n} elements`);
    return vals;
  }
  return fail(`bad constant '${text}'`);
}

/** mulberry32: small deterministic PRNG for test data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseAttrs(text: string, fail: (m: string) => never): Attrs {
  const attrs: Attrs = new Map();
  const re = /\s*(\w+)\s*=\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*"|[^,]+)\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) attrs.set(m[1]!, parseAttrValue(m[2]!.trim(), fail));
  if (re.lastIndex < text.length && text.slice(re.lastIndex).trim()) fail(`bad attributes '${text}'`);
  return attrs;
}

function parseAttrValue(s: string, fail: (m: string) => never): Attr {
  if (s.startsWith('"')) return { type: 'string', value: JSON.parse(s) as string };
  if (s.startsWith('[')) {
    const body = s.slice(1, -1).trim();
    if (body === '') return { type: 'ints', value: [] };
    const items = body.split(',').map((x) => x.trim());
    if (items[0]!.startsWith('"')) return { type: 'strings', value: items.map((x) => JSON.parse(x) as string) };
    const isF = items.some(isFloatText);
    return { type: isF ? 'floats' : 'ints', value: items.map(Number) };
  }
  if (!/^[-+]?(\d|\.\d|inf|nan)/i.test(s)) fail(`bad attribute value '${s}'`);
  return isFloatText(s) ? { type: 'float', value: Number(s) } : { type: 'int', value: Number(s) };
}
const isFloatText = (x: string): boolean => /[.eE]|inf|nan/i.test(x) && !/^0x/.test(x);

/** Print a model in the text form (constants above 16 elements print as fill/…: a summary, not data). */
export function printModelText(model: Model): string {
  const g = model.graph;
  const lines: string[] = [];
  for (const [d, v] of model.opsets) lines.push(d ? `opset ${d} ${v}` : `opset ${v}`);
  for (const v of g.inputs) lines.push(`input ${v.name}${typeText(v.dtype, v.shape)}`);
  for (const v of g.constants())
    lines.push(`const ${v.name}${typeText(v.data!.dtype, v.data!.dims)} = ${constText(v.data!)}`);
  for (const n of g.nodes) {
    const attrs = [...n.attrs].map(([k, a]) => `${k}=${attrText(a)}`).join(', ');
    lines.push(
      `${n.outputs.map((o) => o?.name ?? '').join(', ')} = ${n.domain ? n.domain + '.' : ''}${n.op}${attrs ? `<${attrs}>` : ''}(${n.inputs.map((v) => v?.name ?? '').join(', ')})`,
    );
  }
  for (const v of g.outputs) lines.push(`output ${v.name}${typeText(v.dtype, v.shape)}`);
  return lines.join('\n') + '\n';
}

function typeText(dtype: DType | null, shape: Shape): string {
  if (!dtype) return '';
  return `: ${dtype}${shape === null ? '' : `[${shape.map((d) => (d === null ? '?' : d)).join(',')}]`}`;
}
function constText(t: Tensor): string {
  if (t.dtype === 'string' || t.count > 16 || !t.isLoaded) return `fill(0) # ${t.count} elements not shown`;
  return JSON.stringify(tensorToNumbers(t));
}
function attrText(a: Attr): string {
  switch (a.type) {
    case 'float':
      return Number.isInteger(a.value) ? a.value.toFixed(1) : String(a.value);
    case 'int':
      return String(a.value);
    case 'string':
      return JSON.stringify(a.value);
    case 'ints':
      return `[${a.value.join(',')}]`;
    case 'floats':
      return `[${a.value.map((x) => (Number.isInteger(x) ? x.toFixed(1) : String(x))).join(',')}]`;
    case 'strings':
      return `[${a.value.map((s) => JSON.stringify(s)).join(',')}]`;
    default:
      return `"<${a.type}>"`;
  }
}
