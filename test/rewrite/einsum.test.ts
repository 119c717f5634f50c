/** decompose-einsum: Einsum → Transpose / ReduceSum / Mul / MatMul, checked in onnxruntime against Einsum itself. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expectNoMatch, expectRewrite } from '../helpers/rewrite-tester.js';
import { parseModelText } from '../../src/ir/text.js';
import { runRewrites } from '../../src/rewrite/engine.js';

const RULE = 'decompose-einsum';
const TOL = { rtol: 1e-5, atol: 1e-5 };

/** A graph with one Einsum over the given input types. */
function einsum(equation: string, types: string[], opset = 13): string {
  const names = types.map((_, i) => String.fromCharCode(97 + i));
  return [
    `opset ${opset}`,
    ...types.map((t, i) => `input ${names[i]}: ${t}`),
    `y = Einsum<equation="${equation}">(${names.join(', ')})`,
    'output y',
  ].join('\n');
}
/** The ops after the rule on a graph, without running it (for symbolic shapes). */
function opsAfter(graph: string): string[] {
  const m = parseModelText(graph);
  runRewrites(m, new Set([RULE]));
  return m.graph.nodes.map((n) => n.op);
}

test('decompose-einsum: left alone', () => {
  expectNoMatch(RULE, [
    { graph: einsum('...ij,...jk->...ik', ['float32[2,3,4]', 'float32[2,4,5]']), name: 'ellipsis' },
    { graph: einsum('ii->i', ['float32[3,3]']), name: 'diagonal' },
    { graph: einsum('ij,jk,kl->il', ['float32[2,3]', 'float32[3,4]', 'float32[4,5]']), name: 'three operands' },
    { graph: einsum('ij,jk->ik', ['float32', 'float32[3,4]']), name: 'rank unknown' },
    { graph: einsum('ij,jk->ik', ['float32[2,3]', 'float32[4,5]']), name: 'contracted sizes differ' },
    { graph: einsum('ij,jk->ik', ['float32[2,3]', 'float32[3,4]'], 11), name: 'no Einsum before opset 12' },
    { graph: einsum('abc,bcd->ad', ['float32[A,B,3]', 'float32[B,3,4]']), name: 'merged axes with two unknown sizes' },
  ]);
});

test('decompose-einsum: batched and plain matmul', async () => {
  await expectRewrite(
    RULE,
    [
      { graph: einsum('bij,bjk->bik', ['float32[2,3,4]', 'float32[2,4,5]']), ops: ['MatMul'] },
      {
        graph: einsum('bhid,bhjd->bhij', ['float32[1,2,5,8]', 'float32[1,2,6,8]'], 12),
        ops: ['Transpose', 'MatMul'],
        name: 'attention scores',
      },
      {
        graph: einsum('bhij,bhjd->bhid', ['float32[1,2,5,6]', 'float32[1,2,6,8]']),
        ops: ['MatMul'],
        name: 'attention context',
      },
      { graph: einsum('ij,jk->ik', ['float32[3,4]', 'float32[4,5]']), ops: ['MatMul'] },
      {
        graph: einsum('xz, zy -> xy', ['float32[3,4]', 'float32[4,5]']),
        ops: ['MatMul'],
        name: 'other letters, spaces',
      },
      { graph: einsum('ij,jk', ['float32[3,4]', 'float32[4,5]']), ops: ['MatMul'], name: 'implicit output' },
      {
        graph: einsum('ij,jk->ki', ['float32[3,4]', 'float32[4,5]']),
        ops: ['MatMul', 'Transpose'],
        name: 'output permuted',
      },
      {
        graph: einsum('bqhd,bkhd->bhqk', ['float32[2,5,3,4]', 'float32[2,6,3,4]']),
        ops: ['Transpose', 'Transpose', 'MatMul'],
        name: 'heads in the middle',
      },
      { graph: einsum('ij,j->i', ['float32[3,4]', 'float32[4]']), ops: ['MatMul'], name: 'matrix × vector' },
      { graph: einsum('i,i->', ['float32[4]', 'float32[4]']), ops: ['MatMul'], name: 'dot product' },
      {
        graph: einsum('ij,jk->k', ['float32[3,4]', 'float32[4,5]']),
        ops: ['ReduceSum', 'MatMul'],
        name: 'a letter only one operand has',
      },
    ],
    TOL,
  );
  await expectRewrite(
    RULE,
    [
      {
        graph: einsum('bij,bj->bi', ['float32[2,3,4]', 'float32[2,4]'], 12),
        ops: ['Unsqueeze', 'MatMul', 'Squeeze'],
        name: 'batched matrix × vector, opset 12',
      },
      {
        graph: einsum('bij,bj->bi', ['float32[2,3,4]', 'float32[2,4]']),
        ops: ['Unsqueeze', 'MatMul', 'Squeeze'],
        name: 'batched matrix × vector, opset 13',
      },
      {
        graph: einsum('bij,jk->bik', ['float32[2,3,4]', 'float32[4,5]']),
        ops: ['MatMul'],
        name: 'leading letters over a weight matrix',
      },
      {
        graph: einsum('bij,j->bi', ['float32[2,3,4]', 'float32[4]']),
        ops: ['MatMul'],
        name: 'leading letters over a vector',
      },
      {
        graph: einsum('bji,jk->bki', ['float32[2,4,3]', 'float32[4,5]']),
        ops: ['Transpose', 'MatMul', 'Transpose'],
        name: 'leading letters, permuted',
      },
      {
        graph: einsum('abc,cbd->ad', ['float32[2,3,4]', 'float32[4,3,5]']),
        ops: ['Transpose', 'Reshape', 'Reshape', 'MatMul', 'Reshape'],
        name: 'two contracted letters',
      },
    ],
    TOL,
  );
});

test('decompose-einsum: one operand', async () => {
  await expectRewrite(
    RULE,
    [
      { graph: einsum('ij->ji', ['float32[3,4]']), ops: ['Transpose'] },
      { graph: einsum('bchw->bhwc', ['float32[1,3,4,5]']), ops: ['Transpose'] },
      { graph: einsum('ij->i', ['float32[3,4]'], 12), ops: ['ReduceSum'], name: 'axes attribute' },
      { graph: einsum('ij->i', ['float32[3,4]'], 13), ops: ['ReduceSum'], name: 'axes input' },
      { graph: einsum('bij->jb', ['float32[2,3,4]']), ops: ['ReduceSum', 'Transpose'], name: 'sum then permute' },
      { graph: einsum('ij->', ['float32[3,4]']), ops: ['ReduceSum'], name: 'everything' },
      { graph: einsum('ij->ij', ['float32[3,4]']), ops: ['Identity'], name: 'nothing to do' },
    ],
    { rtol: 0, atol: 1e-4 },
  );
  for (const [opset, inputs] of [
    [12, 1],
    [13, 2],
  ] as const) {
    const m = parseModelText(einsum('ij->i', ['float32[3,4]'], opset));
    runRewrites(m, new Set([RULE]));
    const r = m.graph.nodes[0]!;
    assert.is(r.inputs.length, inputs, `opset ${opset}: ReduceSum inputs`);
    assert.equal(opset === 12 ? r.ints('axes') : undefined, opset === 12 ? [1] : undefined);
    assert.is(r.int('keepdims'), 0);
  }
});

test('decompose-einsum: elementwise and outer products', async () => {
  await expectRewrite(
    RULE,
    [
      { graph: einsum('ij,ij->ij', ['float32[3,4]', 'float32[3,4]']), ops: ['Mul'] },
      {
        graph: einsum('ij,ji->ij', ['float32[3,4]', 'float32[4,3]']),
        ops: ['Transpose', 'Mul'],
        name: 'second operand transposed',
      },
      {
        graph: einsum('i,j->ij', ['float32[3]', 'float32[4]'], 12),
        ops: ['Unsqueeze', 'Mul'],
        name: 'outer product, opset 12',
      },
      {
        graph: einsum('i,j->ij', ['float32[3]', 'float32[4]']),
        ops: ['Unsqueeze', 'Mul'],
        name: 'outer product, opset 13',
      },
      {
        graph: einsum('bi,bj->bij', ['float32[2,3]', 'float32[2,4]']),
        ops: ['Unsqueeze', 'Unsqueeze', 'Mul'],
        name: 'batched outer product',
      },
    ],
    TOL,
  );
});

test('decompose-einsum: partly unknown shapes', () => {
  assert.equal(opsAfter(einsum('bij,bjk->bik', ['float32[N,3,4]', 'float32[N,4,5]'])), ['MatMul']);
  assert.equal(opsAfter(einsum('bhid,bhjd->bhij', ['float32[N,2,S,8]', 'float32[N,2,T,8]'])), ['Transpose', 'MatMul']);
  assert.equal(opsAfter(einsum('abc,cbd->ad', ['float32[N,3,4]', 'float32[4,3,5]'])), [
    'Transpose',
    'Reshape',
    'Reshape',
    'MatMul',
    'Reshape',
  ]);
});

test.run();
