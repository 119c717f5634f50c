/** Completeness of targets.json: schema-valid, unique ids, every rule sourced, every fix a rewrite, every predicate known. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { validateJson } from '../helpers/json-schema.js';
import { REWRITE_IDS } from '../../src/rewrite/rule-ids.js';
import { NODE_PREDICATE_NAMES } from '../../src/check/predicates.js';
import { CUSTOM_PREDICATES } from '../../src/check/custom/index.js';
import { MODEL_CUSTOM_NAMES } from '../../src/check/model-predicates.js';
import { opNames } from '../../src/opset/lookup.js';
import type { Rule, TargetsFile } from '../../src/check/target-types.js';

const data = JSON.parse(readFileSync(join(ROOT, 'targets.json'), 'utf8')) as TargetsFile;
const schema = JSON.parse(readFileSync(join(ROOT, 'targets.schema.json'), 'utf8')) as Record<string, unknown>;

function allRules(): { target: string; scope: string; rule: Rule }[] {
  const out: { target: string; scope: string; rule: Rule }[] = [];
  for (const [t, def] of Object.entries(data.targets)) {
    for (const r of def.modelRules) out.push({ target: t, scope: 'model', rule: r });
    for (const r of def.nodeRules ?? []) out.push({ target: t, scope: 'node', rule: r });
    for (const [op, e] of Object.entries(def.ops))
      for (const r of e.rules ?? []) out.push({ target: t, scope: op, rule: r });
    for (const v of Object.values(def.variants ?? {})) {
      for (const r of v['modelRules+'] ?? []) out.push({ target: t, scope: 'model', rule: r });
      for (const [op, e] of Object.entries(v.ops ?? {}))
        for (const r of e.rules ?? []) out.push({ target: t, scope: op, rule: r });
    }
  }
  return out;
}

test('targets.json is valid against targets.schema.json', () => {
  assert.equal(validateJson(data, schema).slice(0, 10), []);
});

test('the targets are there in file order, with their facts', () => {
  assert.equal(Object.keys(data.targets), [
    'tensorrt',
    'ncnn',
    'rknn',
    'nnie',
    'cv22',
    'openvino',
    'horizon',
    'mnn',
    'snpe',
  ]);
  assert.ok(
    data.targets.rknn!.variants!.rk3588 && data.targets.rknn!.variants!.rk3568 && data.targets.rknn!.variants!.rv1106,
  );
  assert.equal(data.targets.nnie!.inputFormats, ['caffe']);
});

test('rule ids are unique, prefixed by their target, and every rule has a source URL and a confidence', () => {
  const seen = new Set<string>();
  for (const { target, rule } of allRules()) {
    assert.not.ok(seen.has(rule.id), `duplicate rule id ${rule.id}`);
    seen.add(rule.id);
    assert.ok(rule.id.startsWith(`${target}/`) || rule.id.startsWith(`${target}:`), `${rule.id} names its target`);
    assert.match(rule.source.url, /^https:\/\//, `${rule.id} source`);
    assert.ok(['high', 'medium', 'low'].includes(rule.confidence), `${rule.id} confidence`);
  }
  for (const [t, def] of Object.entries(data.targets))
    for (const [op, e] of Object.entries(def.ops)) {
      assert.match(e.source.url, /^https:\/\//, `${t} ${op} source`);
      if (e.supported === false) assert.ok(e.message, `${t} ${op} says why it is unsupported`);
    }
  assert.ok(seen.size > 150, `${seen.size} rules`);
});

test('every fix names a rewrite id', () => {
  const fixes = [
    ...allRules().map((r) => r.rule.fix),
    ...Object.values(data.targets).flatMap((t) => Object.values(t.ops).map((e) => e.fix)),
  ].filter((f): f is string => !!f);
  for (const f of fixes) assert.ok(f in REWRITE_IDS, `fix '${f}' is not a rewrite id`);
});

test('every predicate is in the vocabulary and every custom predicate exists and is documented', () => {
  const walk = (p: Record<string, unknown>, model: boolean): void => {
    const key = Object.keys(p).find(
      (k) => NODE_PREDICATE_NAMES.includes(k) || ['opset', 'staticInputs', 'batch', 'format'].includes(k),
    );
    assert.ok(key, `unknown predicate ${JSON.stringify(p)}`);
    if (key === 'custom') {
      const name = p.custom as string;
      assert.ok(
        model ? MODEL_CUSTOM_NAMES.includes(name) : name in CUSTOM_PREDICATES,
        `custom predicate ${name} is implemented`,
      );
      assert.ok(name in data.customPredicates, `custom predicate ${name} is documented in customPredicates`);
    }
    for (const k of ['all', 'any'])
      if (Array.isArray(p[k])) for (const q of p[k] as Record<string, unknown>[]) walk(q, model);
    if (p.not) walk(p.not as Record<string, unknown>, model);
  };
  for (const { scope, rule } of allRules()) {
    walk(rule.require, scope === 'model');
    if (rule.when) walk(rule.when, scope === 'model');
  }
});

test('every op named is an ONNX op (or a foreign caffe.* layer), and every ONNX op is decided for every target', () => {
  const onnx = new Set(opNames());
  for (const [t, def] of Object.entries(data.targets)) {
    for (const op of Object.keys(def.ops))
      assert.ok(onnx.has(op) || op.startsWith('caffe.'), `${t}: ${op} is not an ONNX op`);
    assert.ok(def.unlisted.id && def.unlisted.source.url, `${t} says what happens to ops it does not list`);
  }
  // TensorRT's table decides every op of opsets ≤ 20 explicitly
  const trt = data.targets.tensorrt!.ops;
  const pre21 = [...onnx].filter(
    (op) =>
      ![
        'AffineGrid',
        'Attention',
        'BitCast',
        'CausalConvWithState',
        'CumProd',
        'LinearAttention',
        'RMSNormalization',
        'RotaryEmbedding',
        'SwiGLU',
        'Swish',
        'TensorScatter',
        'ImageDecoder',
        'RegexFullMatch',
        'StringConcat',
        'StringSplit',
        'Scaler',
        'Binarizer',
      ].includes(op),
  );
  const missing = pre21.filter((op) => !(op in trt));
  assert.ok(missing.length <= 12, `TensorRT table misses ${missing.join(', ')}`);
});

test.run();
