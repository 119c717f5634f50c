/**
 * Writes dist/bundle/audit.cjs.cache: the V8 code cache of the audit bundle after a 5-target audit of a sample
 * model, so it holds the code an audit runs (not only the top level). The cache belongs to this Node's V8: on
 * another one the bin's loader sees it rejected and compiles from source. Written atomically; a missing sample
 * leaves no cache (the bin then compiles from source).
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { compileAuditBundle, codeCachePath } = await import(join(root, 'dist', 'src', 'cli', 'audit-bundle.js'));
const { parseArgs } = await import(join(root, 'dist', 'src', 'cli', 'args.js'));

const bundle = join(root, 'dist', 'bundle', 'audit.cjs');
const sample = join(root, 'samples', 'onnx', 'resnet18.onnx');
if (!existsSync(sample)) {
  process.stderr.write(`audit code cache: ${sample} is absent, no cache written\n`);
  process.exit(0);
}
const { auditMain, script } = compileAuditBundle(bundle, undefined);
// the report goes to stdout, which the build discards (scripts/bundle.mjs runs this script with stdout ignored)
const code = await auditMain(parseArgs([sample, '--target', 'tensorrt,ncnn,rknn,nnie,cv22', '--no-tui']));
if (code !== 0 && code !== 1) throw new Error(`audit code cache: the sample audit exited ${code}`);
const out = codeCachePath(bundle);
const tmp = `${out}.tmp-${process.pid}`;
writeFileSync(tmp, script.createCachedData());
renameSync(tmp, out);
