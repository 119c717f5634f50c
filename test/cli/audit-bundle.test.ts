/**
 * The bundled bin (dist/bundle/bin.cjs) audits through dist/bundle/audit-onnx.cjs (a model named .onnx) or audit.cjs,
 * compiled with its V8 code cache (src/cli/audit-bundle.ts):
 * it reports exactly what tsc's entry reports; a stale, foreign or missing cache falls back to compiling from
 * source with the same result; nothing is written beside the bin at run time; interactive and other commands
 * keep the normal command modules.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { AUDIT_BUNDLE, ONNX_AUDIT_BUNDLE, auditBundleFor, codeCachePath } from '../../src/cli/audit-bundle.js';

const BUNDLE = join(ROOT, 'dist', 'bundle');
const SCRIPTS = [AUDIT_BUNDLE, ONNX_AUDIT_BUNDLE].map((name) => join(BUNDLE, name));
const FIVE = ['--target', 'tensorrt,ncnn,rknn,nnie,cv22'];

function runBin(bin: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 28,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Whether V8 takes the cache beside `audit` (a fresh process: V8 keeps compiled sources per isolate, so a second
 * compile of the same source in one process would not consult the cache at all).
 */
function cacheTaken(audit: string): boolean {
  const loader = join(ROOT, 'dist', 'src', 'cli', 'audit-bundle.js');
  const script = `import { compileAuditBundle, codeCachePath } from ${JSON.stringify(loader)};
import { readFileSync } from 'node:fs';
const file = ${JSON.stringify(audit)};
process.stdout.write(String(compileAuditBundle(file, readFileSync(codeCachePath(file))).cacheUsed));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout === 'true';
}

/** A package folder of its own: the bin's files copied (so they can be altered), the data files linked. */
function scratchPackage(): { root: string; bin: string; bundle: string } {
  const root = mkdtempSync(join(tmpdir(), 'convcheck-audit-bundle-'));
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  for (const linked of ['targets.json', 'opsets', 'converters', 'node_modules'])
    symlinkSync(join(ROOT, linked), join(root, linked));
  const bundle = join(root, 'dist', 'bundle');
  mkdirSync(join(root, 'dist'));
  cpSync(BUNDLE, bundle, { recursive: true });
  return { root, bin: join(bundle, 'bin.cjs'), bundle };
}

/** Every file under `dir` with its size and modification time. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => join(dir, p))
    .map((p) => `${p} ${statSync(p).size} ${statSync(p).mtimeMs}`)
    .sort();
}

const scratch = mkdtempSync(join(tmpdir(), 'convcheck-audit-bundle-models-'));
/** A sample copied under another name. */
function misnamed(name: string, as: string): string {
  const path = join(scratch, as);
  cpSync(sample(name).path, path);
  return path;
}

const cases: [string, string[]][] = [
  ['ONNX, 5 targets, text', [sample('ssd-op13').path, ...FIVE]],
  ['ONNX, json', [sample('mobilenet_v3_small-op13').path, ...FIVE, '--format', 'json']],
  ['TFLite, markdown', [sample('tflite-face_detection_short_range').path, ...FIVE, '--format', 'markdown']],
  ['Caffe, sarif', [sample('caffe-squeezenet_v1_1').path, '--target', 'nnie', '--format', 'sarif']],
  ['a missing model', [join(tmpdir(), 'convcheck-no-such-model.onnx'), ...FIVE]],
  ['an unknown target', [sample('ssd-op13').path, '--target', 'nosuch']],
  // named .onnx: both registries read it with the ONNX importer, so the ONNX script says what the full one says
  ['a TFLite file named .onnx', [misnamed('tflite-hand_recrop', 'hand_recrop.onnx'), ...FIVE]],
  ['an ONNX model named .ONNX', [misnamed('resnet18', 'RESNET18.ONNX'), ...FIVE, '--format', 'json']],
];

test('the build made both audit scripts and code caches this Node accepts', () => {
  for (const script of SCRIPTS) {
    assert.ok(existsSync(script), script);
    assert.ok(existsSync(codeCachePath(script)), `the build wrote the code cache of ${script}`);
    assert.ok(cacheTaken(script), `V8 took the cache of ${script}`);
  }
});

test('a model named .onnx (any case) takes the ONNX script, any other the script of every format', () => {
  assert.is(auditBundleFor('a/b/model.onnx'), ONNX_AUDIT_BUNDLE);
  assert.is(auditBundleFor('MODEL.ONNX'), ONNX_AUDIT_BUNDLE);
  for (const other of ['m.tflite', 'm.prototxt', 'm.param', 'm.pb', 'model', 'onnx'])
    assert.is(auditBundleFor(other), AUDIT_BUNDLE, other);
});

test('the bundled bin reports what tsc entry reports (report, exit code, error line)', () => {
  for (const [what, args] of cases) {
    const bundled = runBin(join(BUNDLE, 'bin.cjs'), args);
    const modules = runCli(args);
    assert.is(bundled.code, modules.code, `${what}: exit code`);
    assert.is(bundled.stdout, modules.stdout, `${what}: report`);
    assert.is(bundled.stderr, modules.stderr, `${what}: stderr`);
    assert.ok(bundled.stdout.length + bundled.stderr.length > 0, what);
  }
});

test('a foreign, truncated or missing cache is rejected: same report, nothing written beside the bin', () => {
  const pkg = scratchPackage();
  try {
    const args = [sample('ssd-op13').path, ...FIVE, '--format', 'json'];
    const reference = runCli(args);
    const script = join(pkg.bundle, auditBundleFor(args[0]!));
    const cache = codeCachePath(script);
    const good = readFileSync(cache);
    const variants: [string, (() => void) | null][] = [
      ['random bytes', () => writeFileSync(cache, Buffer.from(good.map((_, i) => (i * 7919) & 0xff)))],
      ['truncated', () => writeFileSync(cache, good.subarray(0, good.length >> 1))],
      ['empty', () => writeFileSync(cache, '')],
      ['missing', () => rmSync(cache)],
    ];
    for (const [what, spoil] of variants) {
      spoil!();
      if (existsSync(cache)) assert.not.ok(cacheTaken(script), `${what}: rejected`);
      const before = listing(pkg.root + '/dist');
      const r = runBin(pkg.bin, args);
      assert.is(r.code, reference.code, `${what}: exit code`);
      assert.is(r.stdout, reference.stdout, `${what}: report`);
      assert.is(r.stderr, reference.stderr, `${what}: stderr`);
      assert.equal(listing(pkg.root + '/dist'), before, `${what}: nothing written at run time`);
    }
  } finally {
    rmSync(pkg.root, { recursive: true, force: true });
  }
});

test('the bin (and main.js) take audit.cjs for a non-interactive check without --debug only', () => {
  const pkg = scratchPackage();
  try {
    // a stand-in bundle that says it ran, without a cache
    for (const name of [AUDIT_BUNDLE, ONNX_AUDIT_BUNDLE]) {
      writeFileSync(
        join(pkg.bundle, name),
        'exports.auditMain = async (args) => { process.stdout.write("stand-in " + args.command + "\\n"); return 0; };',
      );
      rmSync(codeCachePath(join(pkg.bundle, name)));
    }
    const model = sample('mobilenet_v3_small-op13').path;
    for (const bin of [pkg.bin, join(pkg.bundle, 'main.js')]) {
      assert.is(runBin(bin, [model, '--target', 'ncnn']).stdout, 'stand-in check\n');
      assert.is(runBin(bin, [model, '--format', 'json']).stdout, 'stand-in check\n');
      assert.match(runBin(bin, ['--version']).stdout, /^convcheck \d/);
      const usage = runBin(bin, ['--target', 'ncnn']);
      assert.is(usage.code, 2, 'no model: the usage text');
      assert.match(usage.stdout, /^convcheck .*\n\nUsage:/);
      const inspect = runBin(bin, ['inspect', model]);
      assert.is(inspect.code, 0, inspect.stderr);
      assert.not.match(inspect.stdout, /stand-in/);
      const fix = runBin(bin, [model, '--target', 'ncnn', '--fix', '-o', join(pkg.root, 'fixed.onnx')]);
      assert.not.match(fix.stdout, /stand-in/, 'fix keeps its own command module');
      const debug = runBin(bin, [model, '--target', 'ncnn', '--debug']);
      assert.not.match(debug.stdout, /stand-in/, '--debug runs the modules, whose stack traces keep their names');
      assert.match(debug.stdout, /ncnn/);
    }
  } finally {
    rmSync(pkg.root, { recursive: true, force: true });
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
