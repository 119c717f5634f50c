/** The real binary: exit codes, every report format, SARIF validity, baseline, ignore, config. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sample } from '../helpers/samples.js';
import { validateJson } from '../helpers/json-schema.js';
import { ROOT } from '../helpers/paths.js';

const ssd = sample('ssd-op13').path;
const mbv3 = sample('mobilenet_v3_small-op13').path;
const dir = mkdtempSync(join(tmpdir(), 'convcheck-cli-'));

test('exit 0 without findings, 1 with error findings, 2 on bad input and usage', () => {
  assert.is(runCli([mbv3, '--target', 'ncnn']).code, 0);
  const r = runCli([ssd, '--target', 'ncnn']);
  assert.is(r.code, 1);
  assert.match(r.stdout, /ncnn\/NonMaxSuppression-unsupported/);
  const bad = runCli([join(dir, 'missing.onnx')]);
  assert.is(bad.code, 2);
  assert.is(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /^convcheck: .*missing\.onnx: no such file/);
  assert.is(runCli([mbv3, '--target', 'nosuch']).code, 2);
  assert.is(runCli([mbv3, '--frobnicate']).code, 2);
  assert.is(runCli([mbv3, '--format', 'yaml']).code, 2);
});

test('--fail-on warning turns warnings into a failing exit code', () => {
  const squeeze = sample('squeezenet').path;
  assert.is(runCli([squeeze, '--target', 'rknn']).code, 0, 'ceil_mode is a CPU-fallback warning');
  assert.is(runCli([squeeze, '--target', 'rknn', '--fail-on', 'warning']).code, 1);
});

test('JSON report has the documented shape', () => {
  const r = runCli([ssd, '--format', 'json']);
  const j = JSON.parse(r.stdout);
  assert.equal(Object.keys(j), ['tool', 'model', 'targets', 'findings']);
  assert.is(j.tool.name, 'convcheck');
  for (const k of ['path', 'format', 'producer', 'opsets', 'nodes', 'ops', 'inputs', 'outputs', 'params'])
    assert.ok(k in j.model, k);
  assert.equal(j.model.inputs[0], { name: 'input', dtype: 'float32', shape: [1, 3, 64, 64] });
  assert.equal(
    j.targets.map((t: { id: string }) => t.id),
    ['tensorrt', 'ncnn', 'rknn:rk3588', 'nnie', 'cv22', 'openvino', 'horizon', 'mnn', 'snpe'],
  );
  for (const t of j.targets)
    for (const k of ['supported', 'partial', 'unsupported', 'unknown']) assert.type(t.counts[k], 'number');
  for (const f of j.findings)
    for (const k of ['ruleId', 'level', 'target', 'node', 'op', 'message', 'source', 'confidence'])
      assert.ok(k in f, `finding has ${k}`);
});

test('SARIF output validates against the SARIF 2.1.0 schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
  const r = runCli([ssd, '--format', 'sarif']);
  const sarif = JSON.parse(r.stdout);
  assert.equal(validateJson(sarif, schema).slice(0, 5), []);
  const run = sarif.runs[0];
  assert.ok(run.tool.driver.rules.length > 3);
  assert.ok(
    run.results.every(
      (x: { locations: { logicalLocations: unknown[] }[] }) => x.locations[0]!.logicalLocations.length === 1,
    ),
  );
  assert.ok(
    run.tool.driver.rules.every(
      (x: { helpUri: string; help: { text: string } }) => x.helpUri.startsWith('https://') && x.help.text.length > 10,
    ),
  );
});

test('markdown and junit reports', () => {
  const md = runCli([ssd, '--format', 'markdown']).stdout;
  assert.match(md, /\| target \| verdict \|/);
  assert.match(md, /⛔ blocked/);
  const xml = runCli([ssd, '--format', 'junit', '--target', 'ncnn']).stdout;
  assert.match(xml, /^<\?xml/);
  const cases = xml.match(/<testcase /g)!.length;
  assert.is(cases, 115 + 1, 'one case per node and one for the model');
  assert.match(xml, /<failure message="ncnn\/NonMaxSuppression-unsupported/);
});

test('--baseline reports and fails only on new findings; --ignore drops a rule; config file', () => {
  const base = join(dir, 'base.json');
  runCli([ssd, '--target', 'ncnn', '--format', 'json', '-o', base]);
  assert.ok(existsSync(base));
  const again = runCli([ssd, '--target', 'ncnn', '--format', 'json', '--baseline', base]);
  assert.is(again.code, 0, 'nothing new');
  assert.equal(JSON.parse(again.stdout).findings, []);
  // a baseline from a model with fewer problems: the SSD's findings are new
  const clean = join(dir, 'clean.json');
  runCli([mbv3, '--target', 'ncnn', '--format', 'json', '-o', clean]);
  assert.is(runCli([ssd, '--target', 'ncnn', '--baseline', clean]).code, 1);
  const ids = [
    'ncnn/NonMaxSuppression-unsupported',
    'ncnn/tensor-int64',
    'ncnn/Gather-batch-axis',
    'ncnn/Unsqueeze-batch-axis',
    'ncnn/tensor-static-shape', // the values after NonMaxSuppression have data-dependent dims
  ];
  assert.is(runCli([ssd, '--target', 'ncnn', ...ids.flatMap((i) => ['--ignore', i])]).code, 0);
  const cfg = join(dir, 'convcheck.config.json');
  writeFileSync(cfg, JSON.stringify({ targets: ['ncnn'], ignore: ids }));
  const found = runCli([ssd, '--format', 'json'], { cwd: dir });
  assert.is(found.code, 0, 'convcheck.config.json in the working directory is used');
  assert.equal(
    JSON.parse(found.stdout).targets.map((t: { id: string }) => t.id),
    ['ncnn'],
  );
  const viaCfg = runCli([ssd, '--config', cfg, '--format', 'json']);
  assert.is(viaCfg.code, 0);
  assert.equal(
    JSON.parse(viaCfg.stdout).targets.map((t: { id: string }) => t.id),
    ['ncnn'],
  );
  writeFileSync(cfg, '{"targets": ["ncnn"], "oops": 1}');
  const bad = runCli([ssd, '--config', cfg]);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /unknown setting 'oops'/);
});

test('-o writes the report atomically and never over the model', () => {
  const r = runCli([mbv3, '--format', 'json', '-o', mbv3]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /refusing to overwrite an input file/);
  assert.ok(readFileSync(mbv3).length > 1000, 'model untouched');
});

test('targets and explain commands', () => {
  const t = runCli(['targets', '--target', 'rknn:rv1106']);
  assert.is(t.code, 0);
  assert.match(t.stdout, /rknn:rv1106: Rockchip RKNN/);
  const md = runCli(['targets', '--markdown']);
  assert.match(md.stdout, /## NVIDIA TensorRT \(`tensorrt`\)/);
  const e = runCli(['explain', 'ncnn/Slice-steps']);
  assert.is(e.code, 0);
  assert.match(e.stdout, /source\s+https:\/\/github.com\/Tencent\/ncnn/);
  assert.is(runCli(['explain', 'nope/none']).code, 2);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
