/**
 * One small graph per limit of the ncnn exporter: [the targets.json rule that states it, the graph in IR text].
 * Each graph is valid ONNX that the exporter cannot write for exactly that reason.
 */
const IMG = 'input x: float32[1,4,6,6]';
const W = 'const w: float32[4,4,3,3] = random(1)';

export const REFUSAL_CASES: [string, string][] = [
  ['ncnn/Conv-rank', 'input x: float32[1,4,12]\nconst w: float32[4,4,3] = random(1)\ny = Conv(x, w)\noutput y'],
  ['ncnn/Conv-auto-pad', `${IMG}\n${W}\ny = Conv<auto_pad="SAME_UPPER">(x, w)\noutput y`],
  [
    'ncnn/ConvTranspose-rank',
    'input x: float32[1,4,12]\nconst w: float32[4,4,3] = random(1)\ny = ConvTranspose(x, w)\noutput y',
  ],
  [
    'ncnn/ConvTranspose-output-shape',
    `${IMG}\n${W}\ny = ConvTranspose<strides=[2,2], output_shape=[13,13]>(x, w)\noutput y`,
  ],
  ['ncnn/MaxPool-rank', 'input x: float32[1,4,12]\ny = MaxPool<kernel_shape=[3]>(x)\noutput y'],
  ['ncnn/AveragePool-rank', 'input x: float32[1,4,12]\ny = AveragePool<kernel_shape=[3]>(x)\noutput y'],
  ['ncnn/GlobalAveragePool-rank', 'input x: float32[1,4,12]\ny = GlobalAveragePool(x)\noutput y'],
  ['ncnn/GlobalMaxPool-rank', 'input x: float32[1,4,12]\ny = GlobalMaxPool(x)\noutput y'],
  [
    'ncnn/AveragePool-ceil-mode',
    'input x: float32[1,1,4,4]\ny = AveragePool<kernel_shape=[3,3], strides=[2,2], ceil_mode=1>(x)\noutput y',
  ],
  [
    'ncnn/Gemm-inner-product',
    'input x: float32[1,8]\nconst b: float32[8,4] = random(1)\ny = Gemm<alpha=0.5>(x, b)\noutput y',
  ],
  ['ncnn/MatMul-shapes', 'input a: float32[1,2,3,4]\ninput b: float32[2,4,5]\ny = MatMul(a, b)\noutput y'],
  ['ncnn/PRelu-slope', `${IMG}\nconst s: float32[6] = random(1)\ny = PRelu(x, s)\noutput y`],
  [
    'ncnn/BatchNormalization-params-const',
    `${IMG}\ninput s: float32[4]\nconst b: float32[4] = random(1)\nconst m: float32[4] = random(2)\nconst v: float32[4] = [1,1,1,1]\ny = BatchNormalization(x, s, b, m, v)\noutput y`,
  ],
  [
    'ncnn/Transpose-permute',
    'input x: float32[5,1,3]\nconst w: float32[1,16,3] = random(1)\nconst r: float32[1,16,4] = random(2)\ny = LSTM<hidden_size=4>(x, w, r)\nt = Transpose<perm=[1,0,2,3]>(y)\noutput t',
  ],
  ['ncnn/Pad-rank', 'input x: float32[1,4,6]\nconst p: int64[6] = [0,0,1,0,0,1]\ny = Pad(x, p)\noutput y'],
  [
    'ncnn/LayerNormalization-axis',
    'opset 17\ninput x: float32[1,4,6]\nconst g: float32[4,6] = random(1)\ny = LayerNormalization<axis=1>(x, g)\noutput y',
  ],
  [
    'ncnn/LayerNormalization-stats',
    'opset 17\ninput x: float32[1,4,6]\nconst g: float32[6] = random(1)\ny, mean = LayerNormalization<axis=-1>(x, g)\nz = Add(y, mean)\noutput z',
  ],
  [
    'ncnn/LayerNormalization-affine',
    'opset 17\ninput x: float32[1,4,6]\ninput g: float32[6]\ny = LayerNormalization<axis=-1>(x, g)\noutput y',
  ],
  ['ncnn/Gather-single-index', `${IMG}\nconst i: int64[2] = [0,2]\ny = Gather<axis=1>(x, i)\noutput y`],
  [
    'ncnn/LSTM-layout',
    'opset 14\ninput x: float32[1,5,3]\nconst w: float32[1,16,3] = random(1)\nconst r: float32[1,16,4] = random(2)\ny = LSTM<hidden_size=4, layout=1>(x, w, r)\noutput y',
  ],
  [
    'ncnn/LSTM-activations',
    'input x: float32[5,1,3]\nconst w: float32[1,16,3] = random(1)\nconst r: float32[1,16,4] = random(2)\ny = LSTM<hidden_size=4, clip=2.0>(x, w, r)\noutput y',
  ],
  [
    'ncnn/LSTM-sequence-lens',
    'input x: float32[5,1,3]\nconst w: float32[1,16,3] = random(1)\nconst r: float32[1,16,4] = random(2)\nconst l: int32[1] = [3]\ny = LSTM<hidden_size=4>(x, w, r, , l)\noutput y',
  ],
  [
    'ncnn/LSTM-initial-state',
    'input x: float32[5,1,3]\nconst w: float32[1,16,3] = random(1)\nconst r: float32[1,16,4] = random(2)\nconst h: float32[1,1,4] = random(3)\ny = LSTM<hidden_size=4>(x, w, r, , , h)\noutput y',
  ],
  [
    'ncnn/LSTM-peepholes',
    'input x: float32[5,1,3]\nconst w: float32[1,16,3] = random(1)\nconst r: float32[1,16,4] = random(2)\nconst p: float32[1,12] = random(3)\ny = LSTM<hidden_size=4>(x, w, r, , , , , p)\noutput y',
  ],
  [
    'ncnn/GRU-linear-before-reset',
    'input x: float32[5,1,3]\nconst w: float32[1,12,3] = random(1)\nconst r: float32[1,12,4] = random(2)\ny = GRU<hidden_size=4>(x, w, r)\noutput y',
  ],
  [
    'ncnn/InstanceNormalization-affine-const',
    `${IMG}\ninput s: float32[4]\nconst b: float32[4] = random(1)\ny = InstanceNormalization(x, s, b)\noutput y`,
  ],
  ['ncnn/Expand-same-rank', 'input x: float32[1,4]\nconst s: int64[3] = [1,3,4]\ny = Expand(x, s)\noutput y'],
  ['ncnn/Expand-batch-axis', 'input x: float32[1,4]\nconst s: int64[2] = [3,4]\ny = Expand(x, s)\noutput y'],
  ['ncnn/Cast-to', 'input x: float32[1,4]\ny = Cast<to=10>(x)\noutput y'],
  ['ncnn/Einsum-batch-axis', 'opset 13\ninput a: float32[1,3,4]\ny = Einsum<equation="bij->jib">(a)\noutput y'],
  ['ncnn/ArgMax-export', `${IMG}\ny = ArgMax<axis=1>(x)\noutput y`],
  ['ncnn/Celu-export', 'opset 13\ninput x: float32[1,4]\ny = Celu(x)\noutput y'],
  ['ncnn/Shrink-export', 'input x: float32[1,4]\ny = Shrink(x)\noutput y'],
  ['ncnn/ThresholdedRelu-export', 'input x: float32[1,4]\ny = ThresholdedRelu(x)\noutput y'],
  ['ncnn/model-input-tensor', 'input x: float32\ny = Relu(x)\noutput y'],
  ['ncnn/model-batch', 'input x: float32[3]\ny = Relu(x)\noutput y'],
];
