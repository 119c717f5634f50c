/**
 * nnie_mapper's prototxt conventions, applied to a mapped net: layers that must run on the ARM side get
 * the `_cpu` name suffix (the SVP tool chain's mark of a CPU layer), and graph outputs that other layers
 * also consume get the `_report` top suffix (the mapper otherwise fuses such intermediate results away).
 * Described in MindSpore Lite's NNIE guide, "SVP tool chain related functions support":
 * https://www.mindspore.cn/lite/docs/en/master/use/nnie.html
 */
import type { CaffeNet } from './to-caffe-layers.js';

export interface CpuLayer {
  layer: string;
  type: string;
  /** Why it cannot run on NNIE: the checker's findings for its node. */
  why: string[];
}

/**
 * Caffe layer types NNIE runs: Caffe 1.0 standard layers and the HiSVP extension layers (device_soc_hisilicon
 * hi3516dv300 taurus doc 4.3.AI_CPU算子实现.md, "NNIE layer classes"). A node whose ONNX op NNIE lacks but
 * which the writer expressed with these layers only (DepthToSpace as Deconvolution, Pad as Convolution, …)
 * runs on NNIE.
 */
const NNIE_LAYER_TYPES = new Set([
  'Convolution',
  'Deconvolution',
  'Pooling',
  'InnerProduct',
  'BatchNorm',
  'Scale',
  'ReLU',
  'ReLU6',
  'PReLU',
  'Sigmoid',
  'TanH',
  'AbsVal',
  'ELU',
  'BNLL',
  'Power',
  'Softmax',
  'Eltwise',
  'Concat',
  'Slice',
  'Flatten',
  'Reshape',
  'LRN',
  'Upsample',
  'PassThrough',
  'Permute',
]);

/** Drop "not an NNIE layer" findings of nodes written with NNIE layer types only. */
export function layersRunOnNnie(net: CaffeNet, node: string): boolean {
  const mine = net.layers.filter((l) => l.origin === node);
  return mine.length > 0 && mine.every((l) => NNIE_LAYER_TYPES.has(l.type));
}

/**
 * Order the layers so that NNIE layers come as early as the data flow allows: CPU layers of detection
 * heads then gather at the end instead of splitting the net into one segment per head.
 */
export function deferCpuLayers(net: CaffeNet): void {
  const producer = new Map<string, number>();
  net.layers.forEach((l, i) => l.tops.forEach((t) => producer.set(t, i)));
  const deps = net.layers.map(
    (l, i) => new Set(l.bottoms.map((b) => producer.get(b)).filter((p): p is number => p !== undefined && p !== i)),
  );
  const done = new Set<number>();
  const order: number[] = [];
  while (order.length < net.layers.length) {
    const ready = net.layers.map((_, i) => i).filter((i) => !done.has(i) && [...deps[i]!].every((d) => done.has(d)));
    const next = ready.find((i) => !net.layers[i]!.name.endsWith('_cpu')) ?? ready[0]!;
    done.add(next);
    order.push(next);
  }
  net.layers.splice(0, net.layers.length, ...order.map((i) => net.layers[i]!));
}

/**
 * Mark the layers written for `cpuNodes` (IR node name → reasons) with `_cpu`, and rename output tops that
 * feed other layers to `<top>_report`. Returns the CPU layers in net order.
 */
export function applyNnieConventions(net: CaffeNet, cpuNodes: Map<string, string[]>): CpuLayer[] {
  const cpu: CpuLayer[] = [];
  for (const l of net.layers) {
    const why = l.origin ? cpuNodes.get(l.origin) : undefined;
    if (!why) continue;
    if (!l.name.endsWith('_cpu')) l.name = `${l.name}_cpu`;
    cpu.push({ layer: l.name, type: l.type, why });
  }
  // a layer fed only by CPU layers stays on the CPU too: going back to NNIE would open another segment
  const onCpu = new Set(cpu.flatMap((c) => net.layers.find((l) => l.name === c.layer)!.tops));
  for (const l of net.layers) {
    if (l.name.endsWith('_cpu') || !l.bottoms.length || !l.bottoms.every((b) => onCpu.has(b))) {
      if (l.name.endsWith('_cpu')) l.tops.forEach((t) => onCpu.add(t));
      continue;
    }
    l.name = `${l.name}_cpu`;
    l.tops.forEach((t) => onCpu.add(t));
    cpu.push({
      layer: l.name,
      type: l.type,
      why: ['fed only by CPU layers: kept on the CPU so the net is not split again'],
    });
  }
  const consumed = new Set(net.layers.flatMap((l) => l.bottoms));
  const renames = new Map<string, string>();
  for (const [value, top] of net.outputs)
    if (consumed.has(top) && !top.endsWith('_report')) {
      renames.set(top, `${top}_report`);
      net.outputs.set(value, `${top}_report`);
    }
  for (const l of net.layers) {
    l.tops = l.tops.map((t) => renames.get(t) ?? t);
    l.bottoms = l.bottoms.map((b) => renames.get(b) ?? b);
  }
  return cpu;
}

/** Net segments when CPU layers split it: each maximal run of NNIE or CPU layers in order is one segment. */
export function segmentCount(net: CaffeNet): number {
  let segments = 0;
  let last: boolean | null = null;
  for (const l of net.layers) {
    if (l.type === 'Input') continue;
    const onCpu = l.name.endsWith('_cpu');
    if (onCpu !== last) segments++;
    last = onCpu;
  }
  return segments;
}
