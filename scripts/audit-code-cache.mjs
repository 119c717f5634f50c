/**
 * Writes the V8 code cache beside each audit script (dist/bundle/audit.cjs.cache, audit-onnx.cjs.cache): the cache
 * of the script after 5-target audits of sample models of the formats it serves, so it holds the code an audit runs
 * (not only the top level). A cache belongs to this Node's V8: on another one the bin's loader sees it rejected and
 * compiles from source. Written atomically; a missing sample leaves no cache (the bin then compiles from source).
 * The reports go to stdout, which the build discards (scripts/bundle.mjs runs this script with stdout ignored).
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { compileAuditBundle, codeCachePath, AUDIT_BUNDLE, ONNX_AUDIT_BUNDLE } = await import(
  join(root, 'dist', 'src', 'cli', 'audit-bundle.js')
);
const { parseArgs } = await import(join(root, 'dist', 'src', 'cli', 'args.js'));

const samples = (...paths) => paths.map((p) => join(root, 'samples', p));
const SCRIPTS = [
  [ONNX_AUDIT_BUNDLE, samples('onnx/resnet18.onnx')],
  // the other formats' script: what a TFLite and a Caffe audit run
  [AUDIT_BUNDLE, samples('tflite/face_detection_short_range.tflite', 'caffe/lenet.prototxt')],
];
for (const [name, models] of SCRIPTS) {
  const bundle = join(process.env.AUDIT_BUNDLE_DIR ?? join(root, 'dist', 'bundle'), name);
  const absent = models.find((m) => !existsSync(m));
  if (absent) {
    process.stderr.write(`audit code cache: ${absent} is absent, no cache for ${name}\n`);
    continue;
  }
  const { auditMain, script } = compileAuditBundle(bundle, undefined);
  for (const model of models) {
    const code = await auditMain(parseArgs([model, '--target', 'tensorrt,ncnn,rknn,nnie,cv22', '--no-tui']));
    if (code !== 0 && code !== 1) throw new Error(`audit code cache: the audit of ${model} exited ${code}`);
  }
  const out = codeCachePath(bundle);
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, out);
}
