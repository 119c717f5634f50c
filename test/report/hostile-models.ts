/**
 * Hostile models built in the tests: names, doc strings and structure an attacker controls, in the
 * three input formats (ONNX protobuf, Caffe prototxt, TFLite flatbuffer).
 */
import * as flatbuffers from 'flatbuffers';
import { onnx } from '../../converters/onnx/proto.js';

/** Strings a model may carry that must never act on a terminal, a Markdown table or an XML parser. */
export const HOSTILE = {
  escape: 'evil\x1b[2J\x1b]0;pwned\x07name',
  markup: '<script>alert("x")</script>&amp;',
  pipe: 'a|b|c',
  newline: 'line1\nline2\r\n| x | y |',
  bidi: 'abc\u202Efdp.exe\u2066x\u2069',
  c1: 'csi\u009b31mred\u0085nel',
  xmlForbidden: 'nul\u0000vt\u000bfffe\ufffe',
  zeroWidth: 'zero\u200bwidth\u2028line',
  markdown: '**bold** _it_ [link](http://x) `code` # h',
  lone: 'lone\ud800surrogate',
  long: 'L'.repeat(5000),
};
export const HOSTILE_NAMES = Object.values(HOSTILE);

const vi = (name: string, dims: number[]): object => ({
  name,
  type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
});

function encodeOnnx(graph: object, extra: object = {}): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 13 },
      { domain: HOSTILE.escape, version: 1 },
    ],
    graph,
    ...extra,
  } as never).finish();
}

/**
 * A chain of Relu nodes named with every hostile string, whose values carry them too, then a node of
 * an unknown op in a hostile domain (so findings quote it); hostile producer, doc strings, metadata.
 */
export function hostileOnnx(): Uint8Array {
  const names = HOSTILE_NAMES;
  const node = names.map((n, i) => ({
    opType: 'Relu',
    name: n,
    input: [i ? `${names[i - 1]}#out` : HOSTILE.escape],
    output: [`${n}#out`],
    docString: n,
  }));
  node.push({
    opType: HOSTILE.markup,
    name: HOSTILE.newline,
    input: [`${names[names.length - 1]}#out`],
    output: [HOSTILE.pipe],
    docString: HOSTILE.bidi,
    domain: HOSTILE.escape,
  } as never);
  return encodeOnnx(
    {
      name: HOSTILE.bidi,
      docString: HOSTILE.escape,
      input: [vi(HOSTILE.escape, [1, 4])],
      output: [vi(HOSTILE.pipe, [1, 4])],
      node,
    },
    {
      producerName: HOSTILE.escape,
      producerVersion: HOSTILE.c1,
      docString: HOSTILE.markup,
      metadataProps: [{ key: HOSTILE.escape, value: HOSTILE.newline }],
    },
  );
}

/** `depth` If nodes, each the then-branch of the one above. */
export function nestedIfOnnx(depth: number): Uint8Array {
  let body: object = { name: 'leaf', output: [vi('x', [1])], node: [] };
  for (let i = 0; i < depth; i++) {
    const elseBranch = { name: `e${i}`, output: [vi('x', [1])], node: [] };
    body = {
      name: `g${i}`,
      output: [vi(`y${i}`, [1])],
      node: [
        {
          opType: 'If',
          name: `if${i}`,
          input: ['c'],
          output: [`y${i}`],
          attribute: [
            { name: 'then_branch', type: 5, g: body },
            { name: 'else_branch', type: 5, g: elseBranch },
          ],
        },
      ],
    };
  }
  const cond = { name: 'c', type: { tensorType: { elemType: 9, shape: { dim: [] } } } };
  return encodeOnnx({ ...body, input: [vi('x', [1]), cond] });
}

/** One Split with `n` outputs, all graph outputs, named with the hostile strings in turn. */
export function manyOutputsOnnx(n: number): Uint8Array {
  const outs = Array.from({ length: n }, (_, i) => `${HOSTILE_NAMES[i % HOSTILE_NAMES.length]!.slice(0, 40)}#${i}`);
  return encodeOnnx({
    name: 'many',
    input: [vi('x', [1, n])],
    output: outs.map((o) => vi(o, [1, 1])),
    node: [{ opType: 'Split', name: HOSTILE.escape, input: ['x'], output: outs, attribute: [] }],
  });
}

/** One node with `n` attributes. */
export function manyAttributesOnnx(n: number): Uint8Array {
  const attribute = Array.from({ length: n }, (_, i) => ({ name: `a${i}`, type: 2, i: i }));
  return encodeOnnx({
    name: 'attrs',
    input: [vi('x', [1])],
    output: [vi('y', [1])],
    node: [{ opType: 'Relu', name: 'r', input: ['x'], output: ['y'], attribute }],
  });
}

/** A node whose name has `n` characters. */
export function longNameOnnx(n: number): Uint8Array {
  return encodeOnnx({
    name: 'long',
    input: [vi('x', [1])],
    output: [vi('y', [1])],
    node: [{ opType: 'Relu', name: 'N'.repeat(n), input: ['x'], output: ['y'] }],
  });
}

/** A prototxt string literal: ASCII controls, quotes and backslashes as octal escapes, the rest as is (UTF-8). */
function prototxtString(s: string): string {
  const escape = (c: string): string => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
  return `"${s.replace(/[\u0000-\u001f\u007f"\\]/g, escape)}"`;
}

/** Caffe prototxt: ReLU layers named with the hostile strings, then a layer of an unknown hostile type. */
export function hostilePrototxt(): string {
  const names = HOSTILE_NAMES.filter((n) => !n.includes('\u0000'));
  const lines = [
    `name: ${prototxtString(HOSTILE.escape)}`,
    'input: "data"',
    'input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }',
  ];
  let bottom = 'data';
  for (const n of names) {
    lines.push(
      `layer { name: ${prototxtString(n)} type: "ReLU" bottom: ${prototxtString(bottom)} top: ${prototxtString(n)} }`,
    );
    bottom = n;
  }
  lines.push(
    `layer { name: ${prototxtString(HOSTILE.pipe + HOSTILE.escape)} type: ${prototxtString(HOSTILE.markup)} bottom: ${prototxtString(bottom)} top: "out" }`,
  );
  return lines.join('\n') + '\n';
}

/** Prototxt messages nested `depth` levels deep. */
export function deepPrototxt(depth: number): string {
  return `name: "deep"\nlayer ${'{ a '.repeat(depth)}${'} '.repeat(depth)}\n`;
}

/**
 * TFLite: input → RELU → CUSTOM op (hostile custom code) → output; tensors named with the hostile
 * strings. Field ids from TFLite schema.fbs (Model, OperatorCode, SubGraph, Tensor, Operator, Buffer).
 */
export function hostileTflite(): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  b.forceDefaults(true);
  const ints = (xs: number[]): number => {
    b.startVector(4, xs.length, 4);
    for (let i = xs.length - 1; i >= 0; i--) b.addInt32(xs[i]!);
    return b.endVector();
  };
  const offsets = (xs: number[]): number => {
    b.startVector(4, xs.length, 4);
    for (let i = xs.length - 1; i >= 0; i--) b.addOffset(xs[i]!);
    return b.endVector();
  };
  const tensorNames = [HOSTILE.escape, HOSTILE.markup, HOSTILE.bidi + HOSTILE.pipe + HOSTILE.long];
  const tensors = tensorNames.map((n) => {
    const name = b.createString(n);
    const shape = ints([1, 4]);
    b.startObject(4);
    b.addFieldOffset(0, shape, 0);
    b.addFieldInt8(1, 0, 0); // FLOAT32
    b.addFieldInt32(2, 0, 0); // buffer 0 (empty)
    b.addFieldOffset(3, name, 0);
    return b.endObject();
  });
  const op = (code: number, inputs: number[], outputs: number[]): number => {
    const ins = ints(inputs),
      outs = ints(outputs);
    b.startObject(3);
    b.addFieldInt32(0, code, 0);
    b.addFieldOffset(1, ins, 0);
    b.addFieldOffset(2, outs, 0);
    return b.endObject();
  };
  const operators = [op(0, [0], [1]), op(1, [1], [2])];
  const sgName = b.createString(HOSTILE.newline);
  const tensorVec = offsets(tensors),
    inVec = ints([0]),
    outVec = ints([2]),
    opVec = offsets(operators);
  b.startObject(5);
  b.addFieldOffset(0, tensorVec, 0);
  b.addFieldOffset(1, inVec, 0);
  b.addFieldOffset(2, outVec, 0);
  b.addFieldOffset(3, opVec, 0);
  b.addFieldOffset(4, sgName, 0);
  const subgraph = b.endObject();
  const code = (builtin: number, custom: string | null): number => {
    const c = custom === null ? 0 : b.createString(custom);
    b.startObject(4);
    b.addFieldInt8(0, builtin, 0);
    if (c) b.addFieldOffset(1, c, 0);
    b.addFieldInt32(2, 1, 1);
    b.addFieldInt32(3, builtin, 0);
    return b.endObject();
  };
  const codes = [code(19, null), code(32, HOSTILE.escape + HOSTILE.c1 + HOSTILE.markup)]; // RELU, CUSTOM
  b.startObject(0);
  const emptyBuffer = b.endObject();
  const codeVec = offsets(codes),
    sgVec = offsets([subgraph]),
    bufVec = offsets([emptyBuffer]),
    desc = b.createString(HOSTILE.escape);
  b.startObject(5);
  b.addFieldInt32(0, 3, 0);
  b.addFieldOffset(1, codeVec, 0);
  b.addFieldOffset(2, sgVec, 0);
  b.addFieldOffset(3, desc, 0);
  b.addFieldOffset(4, bufVec, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array();
}
