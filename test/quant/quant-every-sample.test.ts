/**
 * `convcheck quant` through the CLI on every float sample of samples/ (ONNX, Caffe with weights, float TFLite), for
 * the five targets with a scheme, on 2 synthetic samples each: exit 0, a JSON report that parses, every quantizable
 * layer of the model ranked by damage (none in the recurrent-only gru: the report says so), the advice the top of that ranking; and each target's advice file as `-o`
 * writes it parses in the format it names: rknn-toolkit2's YAML (python3 yaml), trtexec's `--layerPrecisions`
 * (`name:precision` items joined by commas), ncnn's calibration-table layer names (one token a line, as ncnn2table
 * writes the name column), and the commented lists of nnie and cv22.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../converters/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { adviceText } from '../../src/quant/advice-formats.js';
import { quantScheme } from '../../src/quant/scheme.js';
import { samples } from '../helpers/samples.js';
import { runCli } from '../helpers/cli.js';
import { needing } from '../helpers/prereq.js';
import { PYTHON_YAML } from '../helpers/prerequisites.js';

const TARGETS = ['tensorrt', 'rknn', 'nnie', 'cv22', 'ncnn'];
const QUANTIZABLE = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);

/** Every float sample that carries its weights (not the prototxt-only Caffe nets, not the int8 TFLite models). */
const FLOAT_SAMPLES = samples(
  (s) =>
    !(s.features ?? []).includes('prototxt-only') &&
    !(s.inputs ?? []).some((i) => i.dtype === 'int8' || i.dtype === 'uint8') &&
    !/int8|quantized/.test(s.file) &&
    !(s.format === 'caffe' && !(s.features ?? []).includes('caffemodel')),
);

interface Kept {
  node: string;
  output: string;
}
interface JsonLayer {
  node: string;
  output: string;
  isolated: { channelSqnrDb: number | null };
}
interface JsonReport {
  target: string;
  layers: JsonLayer[];
  endToEnd: unknown[];
  warnings: string[];
  advice: { keep: Kept[]; predicted: unknown[] };
}

/** Quantizable layers counted here from the graph: Conv/ConvTranspose/Gemm/MatMul with a constant float weight. */
function quantizableCount(path: string): number {
  const graph = prepareModel(loadModel(path)).graph;
  return graph.nodes.filter((n) => {
    const w = n.inputs[1];
    return n.domain === '' && QUANTIZABLE.has(n.op) && !!w?.data && w.data.dtype === 'float32';
  }).length;
}

const linesAfterComment = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.trim());

/** Format checks that need no external tool; rknn's YAML is read back by python below. */
const FORMAT_CHECKS: Record<string, (text: string, keep: Kept[]) => void> = {
  tensorrt: (text, keep) => {
    if (keep.length === 0) return assert.is(text, '# no layer needs higher precision\n');
    const m = /^--layerPrecisions=(\S*) --precisionConstraints=obey\n$/.exec(text);
    assert.ok(m, text);
    const items = m[1] ? m[1].split(',') : [];
    assert.equal(
      items.map((item) => /^(.+):(fp32|fp16|bf16|int8)$/.exec(item)?.[1]),
      keep.map((k) => k.node),
      text,
    );
  },
  ncnn: (text, keep) => {
    const names = linesAfterComment(text);
    assert.ok(
      names.every((n) => /^\S+$/.test(n)),
      `one token a line: ${text}`,
    );
    assert.equal(
      names,
      keep.map((k) => k.node),
    );
  },
  nnie: (text, keep) =>
    assert.equal(
      linesAfterComment(text),
      keep.map((k) => k.node),
    ),
  cv22: (text, keep) =>
    assert.equal(
      linesAfterComment(text),
      keep.map((k) => k.node),
    ),
  rknn: (text) => assert.match(text, /^custom_quantize_layers:/),
};

const rknnConfigs: { text: string; keep: Kept[] }[] = [];

test('the float samples include every format', () => {
  assert.ok(['onnx', 'caffe', 'tflite'].every((f) => FLOAT_SAMPLES.some((s) => s.format === f)));
});

for (const [index, sample] of FLOAT_SAMPLES.entries())
  test(`quant ${sample.name}: five targets, every layer ranked, advice files in their formats`, () => {
    const r = runCli(['quant', sample.path, '--target', TARGETS.join(','), '--samples', '2', '--format', 'json']);
    assert.is(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { targets: JsonReport[] };
    assert.equal(
      json.targets.map((t) => t.target),
      TARGETS,
    );
    const layers = quantizableCount(sample.path);
    for (const report of json.targets) {
      assert.is(report.layers.length, layers, `${report.target}: every quantizable layer ranked`);
      if (layers === 0)
        assert.ok(
          report.warnings.some((w) => /no quantizable layer/.test(w)),
          'says so',
        );
      const damage = report.layers.map((l) => l.isolated.channelSqnrDb).filter((d): d is number => d !== null);
      for (let i = 1; i < damage.length; i++) assert.ok(damage[i - 1]! <= damage[i]!, `${report.target}: ranked`);
      assert.equal(
        report.advice.keep.map((k) => k.output),
        report.layers.slice(0, report.advice.keep.length).map((l) => l.output),
        `${report.target}: the advice is the top of the ranking`,
      );
      assert.is(report.advice.predicted.length, report.endToEnd.length);
      const text = adviceText(report.target, report.advice.keep, quantScheme(report.target).higherPrecision.format);
      FORMAT_CHECKS[report.target]!(text, report.advice.keep);
      if (report.target === 'rknn') rknnConfigs.push({ text, keep: report.advice.keep });
    }
    // the file -o writes is that text: on every 7th sample, the targets in turn (all five over the samples)
    if (index % 7 !== 0) return;
    const target = TARGETS[(index / 7) % TARGETS.length]!;
    const dir = mkdtempSync(join(tmpdir(), 'quant-advice-'));
    try {
      const out = join(dir, 'advice');
      const o = runCli(['quant', sample.path, '--target', target, '--samples', '2', '-o', out]);
      assert.is(o.code, 0, o.stderr);
      const keep = json.targets.find((t) => t.target === target)!.advice.keep;
      assert.is(readFileSync(out, 'utf8'), adviceText(target, keep, quantScheme(target).higherPrecision.format));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

const withYaml = needing(test, PYTHON_YAML);

withYaml('every rknn advice above reads back as YAML: custom_quantize_layers maps each kept output to float16', () => {
  assert.ok(rknnConfigs.length === FLOAT_SAMPLES.length, 'one config per sample');
  const py = 'import sys, yaml, json; print(json.dumps([yaml.safe_load(d) for d in json.load(sys.stdin)]))';
  const input = JSON.stringify(rknnConfigs.map((c) => c.text));
  const parsed = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py], { input, encoding: 'utf8' })) as unknown[];
  parsed.forEach((doc, i) =>
    assert.equal(doc, {
      custom_quantize_layers: Object.fromEntries(rknnConfigs[i]!.keep.map((k) => [k.output, 'float16'])),
    }),
  );
});

test.run();
