/**
 * Installable the way users install it: `npm pack`, then in an empty folder `npm install <tarball>`
 * from the npm registry alone. The plain install pulls no native binary and runs the audit and
 * `convert`; `fix --verify` says in one line how to install onnxruntime-node, and works once it is
 * installed. Prints the install size and time of both (the figures in the README).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { needing } from '../helpers/prereq.js';
import { sample } from '../helpers/samples.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The environment without npm's per-script variables (npm_config_prefix… would point npm at this repository). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^npm_/i.test(k) && !/^ONNXRUNTIME_NODE_INSTALL/.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

function npm(args: string[], cwd: string, extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync('npm', args, { cwd, env: cleanEnv(extra), encoding: 'utf8', timeout: 15 * 60_000 });
}

const registry = {
  name: 'the npm registry',
  ok: spawnSync('npm', ['ping'], { env: cleanEnv(), encoding: 'utf8', timeout: 30_000 }).status === 0,
  install: 'network access to registry.npmjs.org',
};

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}
const megabytes = (dir: string): number => files(dir).reduce((n, f) => n + statSync(f).size, 0) / 2 ** 20;

needing(test, registry)(
  'npm pack → npm install in an empty folder → audit, convert; fix --verify after onnxruntime-node',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'convcheck-pack-'));
    try {
      // the tarball: what `npm pack` puts in (dist was built by the test run)
      const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
      assert.is(packed.status, 0, packed.stderr);
      const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
      const inside = info!.files.map((f) => f.path);
      for (const need of [
        pkg.bin.convcheck!,
        'dist/src/cli/main.js',
        'targets.json',
        'opsets/onnx.json',
        'LICENSE',
        'README.md',
      ])
        assert.ok(inside.includes(need), `the tarball has ${need}`);
      const stray = inside.filter((p) => /^(test|bench|samples|dist\/test|dist\/bench)\//.test(p));
      assert.equal(stray, [], 'no tests, benches or samples in the tarball');

      // the plain install: registry only, no native binary
      const app = join(dir, 'app');
      mkdirSync(app);
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
      let t0 = Date.now();
      const install = npm(['install', join(dir, info!.filename), '--no-audit', '--no-fund'], app);
      const plainSeconds = (Date.now() - t0) / 1000;
      assert.is(install.status, 0, install.stderr);
      // npm 11 lists dependencies' install scripts (protobufjs's postinstall) as a notice; no config warning
      assert.not.match(install.stderr, /Unknown (project|cli|user|global|env) config/, install.stderr);
      const modules = join(app, 'node_modules');
      const plainMb = megabytes(modules);
      assert.equal(
        files(modules).filter((f) => f.endsWith('.node')),
        [],
        'no native binary',
      );
      assert.not.ok(readdirSync(modules).includes('onnxruntime-node'), 'onnxruntime-node is not installed');

      const run = (...args: string[]): SpawnSyncReturns<string> =>
        npm(['exec', '--yes=false', '--', 'convcheck', ...args], app);
      const version = run('--version');
      assert.is(version.status, 0, version.stderr);
      assert.is(version.stdout.trim(), `convcheck ${pkg.version}`);
      assert.is(version.stderr, '', 'no npm warning');

      // the audit: exit 1 with findings, the same report as the repository's build gives
      const ssd = join(app, 'ssd.onnx');
      copyFileSync(sample('ssd-op13').path, ssd);
      const audit = run('ssd.onnx', '--target', 'ncnn', '--format', 'json');
      assert.is(audit.status, 1, audit.stderr);
      const here = runCli([ssd, '--target', 'ncnn', '--format', 'json']);
      const strip = (s: string): unknown => ({ ...(JSON.parse(s) as object), model: null });
      assert.equal(strip(audit.stdout), strip(here.stdout), 'the installed package reports what the repository does');
      assert.ok((JSON.parse(audit.stdout) as { findings: unknown[] }).findings.length > 0);

      // the other commands that never run a model
      for (const args of [['inspect', 'ssd.onnx'], ['targets'], ['explain', 'ncnn/NonMaxSuppression-unsupported']]) {
        const r = run(...args);
        assert.is(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
        assert.ok(r.stdout.length > 0);
      }

      // convert to ncnn
      const mobile = join(app, 'mobilenet.onnx');
      copyFileSync(sample('mobilenet_v3_small-op13').path, mobile);
      const conv = run('convert', 'mobilenet.onnx', '--to', 'ncnn', '-o', 'out/mobilenet.param');
      assert.is(conv.status, 0, conv.stderr);
      const ref = join(dir, 'ref');
      assert.is(runCli(['convert', mobile, '--to', 'ncnn', '-o', join(ref, 'mobilenet.param')]).code, 0);
      assert.is(
        readFileSync(join(app, 'out', 'mobilenet.param'), 'utf8'),
        readFileSync(join(ref, 'mobilenet.param'), 'utf8'),
      );

      // fix --verify without onnxruntime-node: one line with the install command, exit 2, nothing written
      const yolo = join(app, 'yolo.onnx');
      copyFileSync(sample('yolo-op13').path, yolo);
      const noOrt = run('fix', 'yolo.onnx', '--target', 'ncnn', '-o', 'fixed.onnx', '--verify');
      assert.is(noOrt.status, 2, noOrt.stdout + noOrt.stderr);
      assert.is(noOrt.stderr.trimEnd().split('\n').length, 1, noOrt.stderr);
      assert.match(noOrt.stderr, /^convcheck: .*needs onnxruntime-node.*npm install onnxruntime-node/);
      assert.not.ok(readdirSync(app).includes('fixed.onnx'), 'nothing written');

      // with onnxruntime-node (its CUDA download skipped the way it documents)
      t0 = Date.now();
      const ort = npm(
        ['install', `onnxruntime-node@${pkg.devDependencies['onnxruntime-node']}`, '--no-audit', '--no-fund'],
        app,
        { ONNXRUNTIME_NODE_INSTALL: 'skip' },
      );
      const ortSeconds = (Date.now() - t0) / 1000;
      assert.is(ort.status, 0, ort.stderr);
      const ortMb = megabytes(modules);
      const fixed = run('fix', 'yolo.onnx', '--target', 'ncnn', '-o', 'fixed.onnx', '--verify');
      assert.is(fixed.status, 0, fixed.stdout + fixed.stderr);
      assert.match(fixed.stdout, /verify \(onnxruntime[^)]*\): EQUAL/);

      console.log(
        `  install of the packed tarball: ${plainMb.toFixed(1)} MB of node_modules in ${plainSeconds.toFixed(1)} s; ` +
          `with onnxruntime-node: ${ortMb.toFixed(1)} MB (+${ortSeconds.toFixed(1)} s)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('no npm warning inside the repository', () => {
  // a cache of its own: npm exec links this checkout into the cache's _npx folder, and a link left there by an
  // earlier checkout at the same path (another bin) must not decide the result
  const cache = mkdtempSync(join(tmpdir(), 'convcheck-npm-cache-'));
  try {
    const r = spawnSync('npm', ['exec', '--yes=false', '--', 'convcheck', '--version'], {
      cwd: ROOT,
      env: cleanEnv({ npm_config_cache: cache }),
      encoding: 'utf8',
    });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout.trim(), `convcheck ${pkg.version}`);
    assert.is(r.stderr, '', 'nothing on stderr (no "npm warn Unknown project config")');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('a stale npm exec link to the bin of releases before the bundle still runs', () => {
  const entry = join(ROOT, 'dist', 'src', 'cli', 'main.js');
  assert.ok((statSync(entry).mode & 0o111) !== 0, `${entry} is executable`);
  const r = spawnSync(entry, ['--version'], { env: cleanEnv(), encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout.trim(), `convcheck ${pkg.version}`);
});

test.run();
