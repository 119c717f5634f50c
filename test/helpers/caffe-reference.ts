/**
 * Independent reference implementations of Caffe layers, written as plain loops from the layers' published
 * sources (BVLC caffe src/caffe/layers/*.cpp and the forks named per function), for checking the importer where
 * OpenCV dnn lacks the layer or reads a parameter differently. NCHW float32; they share nothing with the importer.
 */
import type { F32Tensor } from './opencv-dnn.js';

const t = (dims: number[], data: Float32Array): F32Tensor => ({ dims, data });
const count = (dims: number[]): number => dims.reduce((a, b) => a * b, 1);
const map = (x: F32Tensor, f: (v: number) => number): F32Tensor => t([...x.dims], x.data.map(f));

/** inner_product_layer.cpp: y = x·Wᵀ + b (W [N, K]), or x·W with transpose (W [K, N]). */
export function innerProduct(
  x: F32Tensor,
  w: Float32Array,
  b: Float32Array | null,
  n: number,
  transpose: boolean,
): F32Tensor {
  const batch = x.dims[0]!,
    k = count(x.dims) / batch;
  const y = new Float32Array(batch * n);
  for (let m = 0; m < batch; m++)
    for (let o = 0; o < n; o++) {
      let s = b ? b[o]! : 0;
      for (let i = 0; i < k; i++) s += x.data[m * k + i]! * (transpose ? w[i * n + o]! : w[o * k + i]!);
      y[m * n + o] = s;
    }
  return t([batch, n], y);
}

/** log_layer.cpp: log_base(shift + scale·x), base −1 = e. */
export const log = (x: F32Tensor, base: number, scale: number, shift: number): F32Tensor =>
  map(x, (v) => Math.log(shift + scale * v) / (base === -1 ? 1 : Math.log(base)));

/** lrn_layer.cpp CrossChannelForward: x · (k + α/n · Σ x² over n channels centred)^−β. */
export function lrnAcross(x: F32Tensor, n: number, alpha: number, beta: number, k: number): F32Tensor {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const y = new Float32Array(x.data.length);
  const pre = Math.floor((n - 1) / 2);
  for (let b = 0; b < N; b++)
    for (let c = 0; c < C; c++)
      for (let p = 0; p < H * W; p++) {
        let s = 0;
        for (let j = c - pre; j < c - pre + n; j++) if (j >= 0 && j < C) s += x.data[(b * C + j) * H * W + p]! ** 2;
        const i = (b * C + c) * H * W + p;
        y[i] = x.data[i]! * (k + (alpha / n) * s) ** -beta;
      }
  return t([...x.dims], y);
}

/** lrn_layer.cpp WithinChannelForward: x · (1 + α · mean of x² over an n×n window, zero padded)^−β. */
export function lrnWithin(x: F32Tensor, n: number, alpha: number, beta: number): F32Tensor {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const y = new Float32Array(x.data.length);
  const pad = Math.floor((n - 1) / 2);
  for (let bc = 0; bc < N * C; bc++)
    for (let h = 0; h < H; h++)
      for (let w = 0; w < W; w++) {
        let s = 0;
        for (let i = h - pad; i < h - pad + n; i++)
          for (let j = w - pad; j < w - pad + n; j++)
            if (i >= 0 && i < H && j >= 0 && j < W) s += x.data[bc * H * W + i * W + j]! ** 2;
        const o = bc * H * W + h * W + w;
        y[o] = x.data[o]! * (1 + (alpha * s) / (n * n)) ** -beta;
      }
  return t([...x.dims], y);
}

/** ShuffleNet fork shuffle_channel_layer.cpp: channels viewed [g, C/g] and transposed. */
export function shuffleChannel(x: F32Tensor, g: number): F32Tensor {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const y = new Float32Array(x.data.length);
  const per = C / g;
  for (let b = 0; b < N; b++)
    for (let i = 0; i < per; i++)
      for (let j = 0; j < g; j++)
        y.set(
          x.data.subarray((b * C + j * per + i) * H * W, (b * C + j * per + i + 1) * H * W),
          (b * C + i * g + j) * H * W,
        );
  return t([...x.dims], y);
}

/**
 * The NNIE PassThrough (stack mode, as a public Caffe port defines it): top channel (dy·b + dx)·C + c at (y, x) is
 * bottom channel c at (y·b + dy, x·b + dx).
 */
export function passThrough(x: F32Tensor, b: number): F32Tensor {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const [h, w] = [H / b, W / b];
  const y = new Float32Array(x.data.length);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let dy = 0; dy < b; dy++)
        for (let dx = 0; dx < b; dx++)
          for (let i = 0; i < h; i++)
            for (let j = 0; j < w; j++)
              y[((n * C * b * b + (dy * b + dx) * C + c) * h + i) * w + j] =
                x.data[((n * C + c) * H + i * b + dy) * W + j * b + dx]!;
  return t([N, C * b * b, h, w], y);
}

/** PSPNet interp.cpp caffe_cpu_interp2: bilinear, corners aligned (ratio (in−1)/(out−1)). */
export function interp(x: F32Tensor, H2: number, W2: number): F32Tensor {
  const [N, C, H1, W1] = x.dims as [number, number, number, number];
  const y = new Float32Array(N * C * H2 * W2);
  const rh = H2 > 1 ? (H1 - 1) / (H2 - 1) : 0,
    rw = W2 > 1 ? (W1 - 1) / (W2 - 1) : 0;
  for (let h2 = 0; h2 < H2; h2++) {
    const hr = rh * h2,
      h1 = Math.floor(hr),
      hp = h1 < H1 - 1 ? 1 : 0,
      l1 = hr - h1,
      l0 = 1 - l1;
    for (let w2 = 0; w2 < W2; w2++) {
      const wr = rw * w2,
        w1 = Math.floor(wr),
        wp = w1 < W1 - 1 ? 1 : 0,
        m1 = wr - w1,
        m0 = 1 - m1;
      for (let bc = 0; bc < N * C; bc++) {
        const at = (i: number, j: number): number => x.data[bc * H1 * W1 + i * W1 + j]!;
        y[bc * H2 * W2 + h2 * W2 + w2] =
          l0 * (m0 * at(h1, w1) + m1 * at(h1, w1 + wp)) + l1 * (m0 * at(h1 + hp, w1) + m1 * at(h1 + hp, w1 + wp));
      }
    }
  }
  return t([N, C, H2, W2], y);
}

export interface Pool {
  k: [number, number];
  s: [number, number];
  p: [number, number];
  ceil: boolean;
}

function pooledDims(H: number, W: number, q: Pool): [number, number] {
  const one = (n: number, i: 0 | 1): number => {
    const r = (n + 2 * q.p[i] - q.k[i]) / q.s[i];
    let o = (q.ceil ? Math.ceil(r) : Math.floor(r)) + 1;
    if (q.p[i] && (o - 1) * q.s[i] >= n + q.p[i]) o--;
    return o;
  };
  return [one(H, 0), one(W, 1)];
}

/** pooling_layer.cpp MAX: values and the mask (h·W + w of the first maximum in the window). */
export function maxPool(x: F32Tensor, q: Pool): { y: F32Tensor; mask: F32Tensor } {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const [OH, OW] = pooledDims(H, W, q);
  const y = new Float32Array(N * C * OH * OW),
    mask = new Float32Array(y.length);
  for (let bc = 0; bc < N * C; bc++)
    for (let i = 0; i < OH; i++)
      for (let j = 0; j < OW; j++) {
        const hs = Math.max(i * q.s[0] - q.p[0], 0),
          he = Math.min(i * q.s[0] - q.p[0] + q.k[0], H);
        const ws = Math.max(j * q.s[1] - q.p[1], 0),
          we = Math.min(j * q.s[1] - q.p[1] + q.k[1], W);
        let best = -Infinity,
          at = -1;
        for (let h = hs; h < he; h++)
          for (let w = ws; w < we; w++)
            if (x.data[bc * H * W + h * W + w]! > best) {
              best = x.data[bc * H * W + h * W + w]!;
              at = h * W + w;
            }
        y[bc * OH * OW + i * OW + j] = best;
        mask[bc * OH * OW + i * OW + j] = at;
      }
  return { y: t([N, C, OH, OW], y), mask: t([N, C, OH, OW], mask) };
}

/** pooling_layer.cpp AVE: sum over the window clipped to the input, divided by the window clipped to input + pad. */
export function avePool(x: F32Tensor, q: Pool): F32Tensor {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const [OH, OW] = pooledDims(H, W, q);
  const y = new Float32Array(N * C * OH * OW);
  for (let bc = 0; bc < N * C; bc++)
    for (let i = 0; i < OH; i++)
      for (let j = 0; j < OW; j++) {
        let hs = i * q.s[0] - q.p[0],
          ws = j * q.s[1] - q.p[1];
        let he = Math.min(hs + q.k[0], H + q.p[0]),
          we = Math.min(ws + q.k[1], W + q.p[1]);
        const size = (he - hs) * (we - ws);
        hs = Math.max(hs, 0);
        ws = Math.max(ws, 0);
        he = Math.min(he, H);
        we = Math.min(we, W);
        let s = 0;
        for (let h = hs; h < he; h++) for (let w = ws; w < we; w++) s += x.data[bc * H * W + h * W + w]!;
        y[bc * OH * OW + i * OW + j] = s / size;
      }
  return t([N, C, OH, OW], y);
}

/** pooling_layer.cpp STOCHASTIC at test time: Σx² / Σx over each window (no padding). */
export function stochasticPoolTest(x: F32Tensor, q: Pool): F32Tensor {
  const sq = avePool(
      map(x, (v) => v * v),
      q,
    ),
    s = avePool(x, q);
  return t(
    sq.dims,
    sq.data.map((v, i) => v / s.data[i]!),
  );
}

/** SegNet upsample_layer.cpp: top zero, top[plane mask[i]] = bottom[i] per plane. */
export function upsampleMask(x: F32Tensor, mask: F32Tensor, H2: number, W2: number): F32Tensor {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const y = new Float32Array(N * C * H2 * W2);
  for (let bc = 0; bc < N * C; bc++)
    for (let i = 0; i < H * W; i++) y[bc * H2 * W2 + mask.data[bc * H * W + i]!] = x.data[bc * H * W + i]!;
  return t([N, C, H2, W2], y);
}

/** YOLO ports' upsample_layer.cpp: nearest, integer stride. */
export function upsampleNearest(x: F32Tensor, s: number): F32Tensor {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const y = new Float32Array(N * C * H * s * W * s);
  for (let bc = 0; bc < N * C; bc++)
    for (let h = 0; h < H * s; h++)
      for (let w = 0; w < W * s; w++)
        y[(bc * H * s + h) * W * s + w] = x.data[bc * H * W + Math.floor(h / s) * W + Math.floor(w / s)]!;
  return t([N, C, H * s, W * s], y);
}

/** SENet axpy_layer.cpp: a [N, C, 1, 1] · x + y. */
export function axpy(a: F32Tensor, x: F32Tensor, y: F32Tensor): F32Tensor {
  const plane = x.dims[2]! * x.dims[3]!;
  return t(
    [...x.dims],
    x.data.map((v, i) => a.data[Math.floor(i / plane)]! * v + y.data[i]!),
  );
}

export const threshold = (x: F32Tensor, th: number): F32Tensor => map(x, (v) => (v > th ? 1 : 0));
export const clip = (x: F32Tensor, lo: number, hi: number): F32Tensor => map(x, (v) => Math.min(Math.max(v, lo), hi));
export const swish = (x: F32Tensor, beta: number): F32Tensor => map(x, (v) => v / (1 + Math.exp(-beta * v)));

/** tile_layer.cpp: the block from `axis` on, repeated `tiles` times per outer index. */
export function tile(x: F32Tensor, axis: number, tiles: number): F32Tensor {
  const outer = count(x.dims.slice(0, axis)),
    inner = count(x.dims.slice(axis));
  const y = new Float32Array(outer * inner * tiles);
  for (let o = 0; o < outer; o++)
    for (let r = 0; r < tiles; r++) y.set(x.data.subarray(o * inner, (o + 1) * inner), (o * tiles + r) * inner);
  const dims = [...x.dims];
  dims[axis] = dims[axis]! * tiles;
  return t(dims, y);
}

/** embed_layer.cpp: rows of W [input_dim, N] at the indices, plus bias. */
export function embed(ids: F32Tensor, w: Float32Array, b: Float32Array | null, n: number): F32Tensor {
  const y = new Float32Array(ids.data.length * n);
  ids.data.forEach((id, i) => {
    for (let o = 0; o < n; o++) y[i * n + o] = w[id * n + o]! + (b ? b[o]! : 0);
  });
  return t([...ids.dims, n], y);
}

/** im2col.cpp: output channel (c·kh + i)·kw + j holds the input at kernel offset (i, j), dilated, zero padded. */
export function im2col(
  x: F32Tensor,
  k: [number, number],
  s: [number, number],
  p: [number, number],
  d: [number, number],
): F32Tensor {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const OH = Math.floor((H + 2 * p[0] - (d[0] * (k[0] - 1) + 1)) / s[0]) + 1,
    OW = Math.floor((W + 2 * p[1] - (d[1] * (k[1] - 1) + 1)) / s[1]) + 1;
  const y = new Float32Array(N * C * k[0] * k[1] * OH * OW);
  for (let b = 0; b < N; b++)
    for (let c = 0; c < C; c++)
      for (let i = 0; i < k[0]; i++)
        for (let j = 0; j < k[1]; j++)
          for (let oh = 0; oh < OH; oh++)
            for (let ow = 0; ow < OW; ow++) {
              const h = oh * s[0] - p[0] + i * d[0],
                w = ow * s[1] - p[1] + j * d[1];
              const ch = (c * k[0] + i) * k[1] + j;
              y[((b * C * k[0] * k[1] + ch) * OH + oh) * OW + ow] =
                h >= 0 && h < H && w >= 0 && w < W ? x.data[((b * C + c) * H + h) * W + w]! : 0;
            }
  return t([N, C * k[0] * k[1], OH, OW], y);
}

/** reduction_layer.cpp: axes from `axis` on reduced per outer index; SUM, ASUM, SUMSQ, MEAN; × coeff. */
export function reduction(x: F32Tensor, op: 'SUM' | 'ASUM' | 'SUMSQ' | 'MEAN', axis: number, coeff: number): F32Tensor {
  const outer = count(x.dims.slice(0, axis)),
    inner = count(x.dims.slice(axis));
  const y = new Float32Array(outer);
  for (let o = 0; o < outer; o++) {
    let s = 0;
    for (let i = 0; i < inner; i++) {
      const v = x.data[o * inner + i]!;
      s += op === 'ASUM' ? Math.abs(v) : op === 'SUMSQ' ? v * v : v;
    }
    y[o] = (op === 'MEAN' ? s / inner : s) * coeff;
  }
  return t(x.dims.slice(0, axis), y);
}

/** argmax_layer.cpp with an axis: the top_k indices (or values with out_max_val) along it, largest first. */
export function argMax(x: F32Tensor, axis: number, k: number, values: boolean): F32Tensor {
  const outer = count(x.dims.slice(0, axis)),
    n = x.dims[axis]!,
    inner = count(x.dims.slice(axis + 1));
  const y = new Float32Array(outer * k * inner);
  for (let o = 0; o < outer; o++)
    for (let i = 0; i < inner; i++) {
      const idx = Array.from({ length: n }, (_, j) => j).sort(
        (a, b) => x.data[(o * n + b) * inner + i]! - x.data[(o * n + a) * inner + i]!,
      );
      for (let r = 0; r < k; r++)
        y[(o * k + r) * inner + i] = values ? x.data[(o * n + idx[r]!) * inner + i]! : idx[r]!;
    }
  const dims = [...x.dims];
  dims[axis] = k;
  return t(dims, y);
}

/** spp_layer.cpp: level l pools with 2^l bins per side (kernel ceil(H/bins), pad (kernel·bins − H + 1)/2), flattened, concatenated. */
export function spp(x: F32Tensor, levels: number, method: 'MAX' | 'AVE'): F32Tensor {
  const [N, , H, W] = x.dims as [number, number, number, number];
  const parts: F32Tensor[] = [];
  for (let l = 0; l < levels; l++) {
    const bins = 2 ** l;
    const kh = Math.ceil(H / bins),
      kw = Math.ceil(W / bins);
    const q: Pool = {
      k: [kh, kw],
      s: [kh, kw],
      p: [Math.floor((kh * bins - H + 1) / 2), Math.floor((kw * bins - W + 1) / 2)],
      ceil: true,
    };
    parts.push(method === 'MAX' ? maxPool(x, q).y : avePool(x, q));
  }
  const per = parts.map((p) => count(p.dims) / N);
  const total = per.reduce((a, b) => a + b, 0);
  const y = new Float32Array(N * total);
  for (let b = 0; b < N; b++) {
    let off = 0;
    parts.forEach((p, i) => {
      y.set(p.data.subarray(b * per[i]!, (b + 1) * per[i]!), b * total + off);
      off += per[i]!;
    });
  }
  return t([N, total], y);
}

/** batch_reindex_layer.cpp: the axis-0 items bottom 1 lists. */
export function batchReindex(x: F32Tensor, idx: F32Tensor): F32Tensor {
  const inner = count(x.dims.slice(1));
  const y = new Float32Array(idx.data.length * inner);
  idx.data.forEach((k, i) => y.set(x.data.subarray(k * inner, (k + 1) * inner), i * inner));
  return t([idx.data.length, ...x.dims.slice(1)], y);
}
