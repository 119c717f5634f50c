/** Small graphs of the further ncnn layers: [ONNX op, the ncnn layer it becomes, the graph in IR text]. */
export const LAYER_CASES: [string, string, string][] = [
  [
    'InstanceNorm',
    'InstanceNorm',
    'input x: float32[1,4,5,6]\nconst g: float32[4] = random(1)\nconst b: float32[4] = random(2)\ny = InstanceNormalization<epsilon=0.00001>(x, g, b)\noutput y',
  ],
  [
    'GroupNorm',
    'GroupNorm',
    'opset 21\ninput x: float32[1,6,5,4]\nconst g: float32[6] = random(1)\nconst b: float32[6] = random(2)\ny = GroupNormalization<num_groups=3, epsilon=0.00001>(x, g, b)\noutput y',
  ],
  ['Softplus', 'Softplus', 'input x: float32[1,3,4,4]\ny = Softplus(x)\noutput y'],
  ['Selu', 'SELU', 'input x: float32[1,3,4,4]\ny = Selu(x)\noutput y'],
  ['Tile', 'Tile', 'input x: float32[1,3,2,4]\nconst r: int64[4] = [1,2,3,1]\ny = Tile(x, r)\noutput y'],
  ['Expand', 'Tile', 'input x: float32[1,3,1,4]\nconst s: int64[4] = [1,3,5,4]\ny = Expand(x, s)\noutput y'],
  [
    'ConvTranspose-group2',
    'DeconvolutionDepthWise',
    'input x: float32[1,4,5,6]\nconst w: float32[4,3,3,3] = random(1)\nconst b: float32[6] = random(2)\ny = ConvTranspose<group=2, strides=[2,2], pads=[1,0,1,1], output_padding=[1,0]>(x, w, b)\noutput y',
  ],
  [
    'ConvTranspose-depthwise',
    'DeconvolutionDepthWise',
    'input x: float32[1,4,5,6]\nconst w: float32[4,1,4,4] = random(3)\ny = ConvTranspose<group=4, strides=[2,2], pads=[1,1,1,1]>(x, w)\noutput y',
  ],
  ['SpaceToDepth', 'Reorg', 'input x: float32[1,3,4,6]\ny = SpaceToDepth<blocksize=2>(x)\noutput y'],
  [
    'Einsum-weight',
    'InnerProduct',
    'opset 13\ninput x: float32[1,3,8]\nconst w: float32[8,4] = random(1)\ny = Einsum<equation="bij,jk->bik">(x, w)\noutput y',
  ],
  [
    'Einsum-attention',
    'MatMul',
    'opset 13\ninput x: float32[1,2,5,8]\ny = Einsum<equation="bhid,bhjd->bhij">(x, x)\noutput y',
  ],
];
