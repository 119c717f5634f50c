/**
 * Issue 18 rows 1–2: a 5-target audit (`convcheck <model> --target tensorrt,ncnn,rknn,nnie,cv22`, text report)
 * of a ResNet-50- and a ViT-B/16-shaped model with weights inside, against python onnx's load+check+infer of
 * the same file in the same run. Targets: ≥ 20× faster, ≤ 100 MiB peak RSS.
 */
import { CLI, CLI_MODULES, FIVE_TARGETS, generatedModel, sizeOf } from '../generated-models.js';
import { havePythonOnnx, measureProcess, PYTHON, PYTHON_ONNX_SCRIPT, row } from '../process-stats.js';

if (!havePythonOnnx()) {
  console.log(
    'audit rows skipped: python3 with onnx is absent (apt-get install python3-onnx), the models are built with it',
  );
  process.exit(0);
}
// what any node command pays before the program runs, in the same run (the floor of the rows below)
console.log(row('node start-up alone (node -e 0)', measureProcess(process.execPath, ['-e', '0'])));
for (const which of ['resnet50', 'vit_b_16'] as const) {
  const path = generatedModel(which);
  const mib = sizeOf(path).toFixed(0);
  const ours = measureProcess(process.execPath, [CLI, path, '--target', FIVE_TARGETS], [0, 1]);
  const py = measureProcess(PYTHON, ['-c', PYTHON_ONNX_SCRIPT, path]);
  const speedup = py.seconds / ours.seconds;
  console.log(
    row(`5-target audit, ${which} (${mib} MiB, weights inside)`, ours, {
      speedupVsPython: `${speedup.toFixed(1)}×`,
      rssVsPython: (ours.peakRssMB / py.peakRssMB).toFixed(2),
      meets: ours.peakRssMB <= 100 && speedup >= 20 ? 'yes' : `no (target ≤100 MiB and ≥20×)`,
    }),
  );
  console.log(row(`  python onnx load+check+infer, ${which}`, py));
  if (which === 'resnet50') {
    const modules = measureProcess(process.execPath, [CLI_MODULES, path, '--target', FIVE_TARGETS], [0, 1]);
    console.log(
      row(`  the same audit from the unbundled modules (dist/src)`, modules, {
        bundleSpeedup: `${(modules.seconds / ours.seconds).toFixed(2)}×`,
        bundleCpuSpeedup: `${(modules.cpuSeconds / ours.cpuSeconds).toFixed(2)}×`,
      }),
    );
  }
}
