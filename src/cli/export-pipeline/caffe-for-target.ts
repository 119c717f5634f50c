/**
 * The Caffe export pipeline of `fix … -o model.prototxt`: after the target's fixes, write Caffe (prototxt +
 * caffemodel) instead of ONNX, prepared by the Caffe pipeline (caffe.ts).
 * For NNIE the net follows nnie_mapper's conventions: the Upsample extension layer for nearest ×2 resizes,
 * `_cpu` on every layer whose node the NNIE rules reject (listed with why), `_report` on output tops that
 * other layers consume, and at most 8 NNIE/CPU segments.
 */
import type { Model } from '../../ir/model.js';
import { checkModel } from '../../check/engine.js';
import { ExportBlocked } from '../../../converters/converter.js';
import { summarize, writeCaffeFiles } from '../../../converters/caffe/export/index.js';
import { prepareCaffe } from './caffe.js';
import {
  applyNnieConventions,
  deferCpuLayers,
  layersRunOnNnie,
  segmentCount,
} from '../../../converters/caffe/export/nnie-conventions.js';
import type { CaffeNet } from '../../../converters/caffe/export/to-caffe-layers.js';

/** NNIE nets have at most 8 segments (hi_nnie.h SVP_NNIE_MAX_NET_SEG_NUM). */
const NNIE_MAX_SEGMENTS = 8;

export const writesCaffe = (out: string): boolean => /\.(prototxt|caffemodel)$/i.test(out);

/** Errors of the NNIE rules per IR node, in words; the model-format rule is met by writing Caffe. */
function nnieCpuNodes(model: Model, net: CaffeNet): Map<string, string[]> {
  const cpu = new Map<string, string[]>();
  const findings = checkModel(model, ['nnie'], { ignore: new Set(['nnie/model-format']) })[0]!.findings;
  for (const f of findings) {
    if (f.level !== 'error' || !f.node) continue;
    if (f.ruleId === 'nnie/op-unsupported' && layersRunOnNnie(net, f.node)) continue;
    cpu.set(f.node, [...(cpu.get(f.node) ?? []), `${f.message} [${f.ruleId}]`]);
  }
  // the rank rule is model-level: the nodes writing blobs of rank > 4 are the ones that cannot run on NNIE
  for (const n of model.graph.nodes) {
    const wide = n.outputs.find((v) => v?.shape && v.shape.length > 4);
    if (wide && n.name)
      cpu.set(n.name, [
        ...(cpu.get(n.name) ?? []),
        `writes ${wide.name} of rank ${wide.shape!.length}: NNIE blobs are 4-D [nnie/model-rank]`,
      ]);
  }
  return cpu;
}

/** Write the fixed model as Caffe; returns the files and report lines, or throws ExportBlocked. */
export function writeFixedCaffe(
  model: Model,
  out: string,
  target: string,
  protect: string[],
): { files: string[]; lines: string[] } {
  const nnie = target === 'nnie' || target.startsWith('nnie:');
  const { net, rewrites } = prepareCaffe(model, nnie ? 'nnie' : 'caffe');
  const lines = summarize(net, rewrites).map((l) => `  caffe: ${l}`);
  const header: string[] = [];
  if (nnie) {
    const cpu = applyNnieConventions(net, nnieCpuNodes(model, net));
    deferCpuLayers(net);
    const segments = segmentCount(net);
    if (segments > NNIE_MAX_SEGMENTS)
      throw new ExportBlocked([
        `the CPU layers split the net into ${segments} segments; NNIE allows ${NNIE_MAX_SEGMENTS} [nnie/model-cpu-segments]`,
        ...cpu.map((c) => `${c.layer} (${c.type}) runs on the CPU: ${c.why.join('; ')}`),
      ]);
    lines.push(`  nnie: ${segments} segment(s), ${cpu.length} layer(s) on the CPU (ARM side, name suffix _cpu)`);
    for (const c of cpu) lines.push(`    ${c.layer} (${c.type}): ${c.why.join('; ')}`);
    const reported = [...net.outputs.values()].filter((t) => t.endsWith('_report'));
    if (reported.length) lines.push(`  nnie: output tops reported by the mapper: ${reported.join(', ')}`);
    header.push(
      'nnie_mapper: prototxt_file = this file, caffemodel_file = the .caffemodel beside it',
      ...cpu.map((c) => `runs on the CPU: ${c.layer} (${c.type})`),
    );
  }
  return { files: writeCaffeFiles(net, out, protect, header), lines };
}
