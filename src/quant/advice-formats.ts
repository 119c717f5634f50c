/**
 * The layers to keep at higher precision, written in each toolchain's own format (documented fields only):
 *
 * - rknn: the `custom_quantize_layers` block of `<model>.quantization.cfg` written by `hybrid_quantization_step1`,
 *   keyed by each layer's output tensor name, value `float16` (rknn-toolkit2 examples/functions/hybrid_quant,
 *   https://github.com/airockchip/rknn-toolkit2/tree/master/rknn-toolkit2/examples/functions/hybrid_quant).
 * - tensorrt: trtexec `--layerPrecisions=<layer>:fp16,…` with `--precisionConstraints=obey`
 *   (https://docs.nvidia.com/deeplearning/tensorrt/latest/reference/command-line-programs.html, trtexec flags).
 * - ncnn: the calibration-table lines to delete before ncnn2int8 (those layers stay fp32;
 *   https://github.com/Tencent/ncnn/blob/master/docs/how-to-use-and-FAQ/quantized-int8-inference.md).
 * - nnie, cv22: a list of layers with the documented switch; the prototxt marking syntax of NNIE compile_mode 2 and
 *   CV22 per-layer widths are not public, so no file in their format is invented.
 * - openvino: NNCF's `ignored_scope=nncf.IgnoredScope(names=[…])` argument of nncf.quantize (ignored nodes keep float
 *   inputs and weights; https://github.com/openvinotoolkit/nncf, docs LegacyQuantization.md "ignored_scopes").
 * - horizon: the hb_mapper YAML line `run_on_cpu: 'a; b'` (named nodes run in float on the CPU; values separated by
 *   ';', D-Robotics rdk_doc ptq_process.md, calibration parameters).
 * - mnn: the quant.json field `skip_quant_op_names` (alibaba/MNN docs/tools/compress.md).
 * - snpe: the output tensors to give 16-bit activation encodings through --quantization_overrides (the encoding
 *   entry's other fields are not written: a list with the documented switch).
 */
export interface KeptLayer {
  /** Node (layer) name. */
  node: string;
  /** Its first output tensor name. */
  output: string;
}

/** A YAML plain scalar when safe, otherwise single-quoted (quotes doubled). */
function yamlKey(s: string): string {
  return /^[A-Za-z_][\w./-]*$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}

function rknnConfig(layers: readonly KeptLayer[]): string {
  if (layers.length === 0) return 'custom_quantize_layers: {}\n';
  return `custom_quantize_layers:\n${layers.map((l) => `    ${yamlKey(l.output)}: float16\n`).join('')}`;
}

function tensorrtFlags(layers: readonly KeptLayer[]): string {
  if (layers.length === 0) return '# no layer needs higher precision\n';
  const list = layers.map((l) => `${l.node}:fp16`).join(',');
  return `--layerPrecisions=${list} --precisionConstraints=obey\n`;
}

function ncnnTable(layers: readonly KeptLayer[]): string {
  return `# delete these layers' lines from the ncnn2table output before ncnn2int8 (they stay fp32)\n${layers.map((l) => `${l.node}\n`).join('')}`;
}

function listWith(note: string): (layers: readonly KeptLayer[]) => string {
  return (layers) => `# ${note}\n${layers.map((l) => `${l.node}\n`).join('')}`;
}

/** A JSON string literal, which is also a valid Python string literal. */
const quoted = (s: string): string => JSON.stringify(s);

function nncfIgnoredScope(layers: readonly KeptLayer[]): string {
  return `ignored_scope=nncf.IgnoredScope(names=[${layers.map((l) => quoted(l.node)).join(', ')}])\n`;
}

function horizonRunOnCpu(layers: readonly KeptLayer[]): string {
  if (layers.length === 0) return '# no layer needs higher precision\n';
  return `run_on_cpu: '${layers.map((l) => l.node.replace(/'/g, "''")).join('; ')}'\n`;
}

function mnnSkipList(layers: readonly KeptLayer[]): string {
  return `${JSON.stringify({ skip_quant_op_names: layers.map((l) => l.node) }, null, 2)}\n`;
}

function snpeOverrides(layers: readonly KeptLayer[]): string {
  const note =
    '# --quantization_overrides: give these tensors 16-bit activation encodings (activation_encodings, bitwidth 16)';
  return `${note}\n${layers.map((l) => `${l.output}\n`).join('')}`;
}

export const ADVICE_FORMATS: Readonly<Record<string, (layers: readonly KeptLayer[]) => string>> = {
  rknn: rknnConfig,
  tensorrt: tensorrtFlags,
  ncnn: ncnnTable,
  nnie: listWith('nnie_mapper compile_mode 2: mark these layers for 16-bit high precision in the prototxt'),
  cv22: listWith('CV22: per-layer widths are not public; -c act-force-fx16,coeff-force-fx16 raises the whole model'),
  openvino: nncfIgnoredScope,
  horizon: horizonRunOnCpu,
  mnn: mnnSkipList,
  snpe: snpeOverrides,
};

/**
 * The advice file of a target. A target with a scheme but no writer here gets a list of layers headed by its
 * scheme's own words on how the toolchain takes them (targets.json → higherPrecision.format), as `fallbackNote`.
 */
export function adviceText(target: string, layers: readonly KeptLayer[], fallbackNote?: string): string {
  const format = ADVICE_FORMATS[target.split(':')[0] ?? target];
  if (format) return format(layers);
  if (fallbackNote !== undefined) return listWith(fallbackNote.replace(/\s+/g, ' '))(layers);
  throw new Error(`no advice format for target '${target}'`);
}
