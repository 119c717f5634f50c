import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseModelText, printModelText } from '../../src/ir/text.js';
import { tensorToNumbers } from '../../src/ir/typed-data.js';

test('text form parses inputs, constants, nodes with attributes and omitted inputs', () => {
  const m = parseModelText(`
    opset 13
    input x: float32[1,3,N,8]
    const w: float32[2,3,1,1] = fill(0.5)
    const s: int64[2] = [1, 2]
    y = Conv<kernel_shape=[1,1], strides=[1,1], auto_pad="NOTSET">(x, w, )
    z = LeakyRelu<alpha=0.1>(y)
    output z
  `);
  const g = m.graph;
  assert.is(m.opsets.get(''), 13);
  assert.equal(g.inputs[0]!.shape, [1, 3, 'N', 8]);
  assert.equal(tensorToNumbers(g.value('s').data!), [1, 2]);
  const conv = g.nodes[0]!;
  assert.is(conv.op, 'Conv');
  assert.equal(
    conv.inputs.map((v) => v?.name ?? null),
    ['x', 'w', null],
  );
  assert.equal(conv.attrs.get('kernel_shape'), { type: 'ints', value: [1, 1] });
  assert.equal(g.nodes[1]!.attrs.get('alpha'), { type: 'float', value: 0.1 });
  assert.is(g.value('y').consumers[0], g.nodes[1]);
  const again = parseModelText(printModelText(m));
  assert.is(printModelText(again), printModelText(m));
});

test('toposort orders nodes and rejects cycles', () => {
  const m = parseModelText(`
    input x: float32[2]
    a = Relu(x)
    b = Neg(a)
    output b
  `);
  const g = m.graph;
  g.nodes.reverse();
  g.toposort();
  assert.equal(
    g.nodes.map((n) => n.op),
    ['Relu', 'Neg'],
  );
  g.setInput(g.nodes[0]!, 0, g.value('b'));
  assert.throws(() => g.toposort(), /cycle/);
});

test.run();
