/**
 * The graph PyTorch writes for nn.LSTM(16, 12, num_layers=2, bidirectional=True) called on a time-major
 * [T=6, batch=1, 16] sequence without initial states (torch.onnx.export, opset 14, constants folded): per layer
 * an ONNX LSTM with zero initial_h/initial_c sliced from the [4,1,12] zeros, Y [6,2,1,12] laid out as [6,1,24]
 * by Transpose(0,2,1,3) + Reshape [0,0,-1]; the final states of both layers stacked along axis 0 (layers ×
 * directions; the batch is axis 1): outputs output [6,1,24], h_n [4,1,12], c_n [4,1,12].
 */
export const LSTM_BIDIRECTIONAL_2_LAYER = `opset 14
input input: float32[6,1,16]
const W0: float32[2,48,16] = random(11)
const R0: float32[2,48,12] = random(12)
const B0: float32[2,96] = random(13)
const h00: float32[2,1,12] = fill(0)
const c00: float32[2,1,12] = fill(0)
const W1: float32[2,48,24] = random(14)
const R1: float32[2,48,12] = random(15)
const B1: float32[2,96] = random(16)
const h01: float32[2,1,12] = fill(0)
const c01: float32[2,1,12] = fill(0)
const shape: int64[3] = [0,0,-1]
y0, yh0, yc0 = LSTM<direction="bidirectional", hidden_size=12>(input, W0, R0, B0, , h00, c00)
t0 = Transpose<perm=[0,2,1,3]>(y0)
s0 = Reshape(t0, shape)
y1, yh1, yc1 = LSTM<direction="bidirectional", hidden_size=12>(s0, W1, R1, B1, , h01, c01)
t1 = Transpose<perm=[0,2,1,3]>(y1)
output = Reshape(t1, shape)
h_n = Concat<axis=0>(yh0, yh1)
c_n = Concat<axis=0>(yc0, yc1)
output output
output h_n
output c_n
`;
