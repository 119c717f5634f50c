/**
 * Small graphs of the ops the ncnn exporter writes as UnaryOp, Reduction, LRN and Softmax + log: [ONNX op, the
 * graph in IR text]. Inputs are uniform in [-1, 1]; ops with a narrower domain take a shifted or scaled input.
 */
const IN = 'input x: float32[1,3,4,5]';
const unary = (op: string, pre = ''): [string, string] => [
  op,
  `opset 13\n${IN}\n${pre}y = ${op}(${pre ? 'u' : 'x'})\noutput y`,
];

export const UNARY_REDUCE_CASES: [string, string][] = [
  unary('Asin'),
  unary('Acos'),
  unary('Atan'),
  unary('Sign'),
  unary('Sinh'),
  unary('Cosh'),
  unary('Asinh'),
  unary('Atanh', 'const h: float32[] = [0.5]\nu = Mul(x, h)\n'),
  unary('Acosh', 'const one: float32[] = [1]\na = Abs(x)\nu = Add(a, one)\n'),
  unary('Round', 'const k: float32[] = [4]\nu = Mul(x, k)\n'),
  ['LogSoftmax', `opset 13\n${IN}\ny = LogSoftmax<axis=1>(x)\noutput y`],
  ['LRN', `opset 13\n${IN}\ny = LRN<size=3, alpha=0.0001, beta=0.75, bias=1.0>(x)\noutput y`],
  ...['ReduceSumSquare', 'ReduceL1', 'ReduceL2', 'ReduceLogSumExp'].map((op): [string, string] => [
    op,
    `opset 13\n${IN}\ny = ${op}<axes=[2,3], keepdims=1>(x)\noutput y`,
  ]),
  [
    'ReduceLogSum',
    `opset 13\n${IN}\na = Abs(x)\nconst e: float32[] = [0.01]\nu = Add(a, e)\ny = ReduceLogSum<axes=[1], keepdims=1>(u)\noutput y`,
  ],
];
