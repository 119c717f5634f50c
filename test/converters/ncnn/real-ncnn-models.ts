/**
 * Every model the tests export to ncnn, as cases for the real-ncnn test: the ONNX samples, the float Caffe and
 * TFLite samples, the Caffe and TFLite corpus models, and the small per-layer graphs of layer-cases.ts.
 * Each loads with static batch-1 input shapes (a dynamic dim as a user would give it with --input-shape).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../../../src/ir/model.js';
import { loadModel } from '../../../converters/index.js';
import { parseModelText } from '../../../src/ir/text.js';
import { inferShapes } from '../../../src/shape/infer.js';
import { corpusModels } from '../../helpers/corpus-refs.js';
import { CORPUS } from '../../helpers/paths.js';
import { samples } from '../../helpers/samples.js';
import { LAYER_CASES } from './layer-cases.js';
import { LSTM_BIDIRECTIONAL_2_LAYER } from './lstm-bidirectional.js';
import { UNARY_REDUCE_CASES } from './unary-reduce-cases.js';

export interface RealNcnnCase {
  name: string;
  /** Where the model comes from: sample, corpus or layer case. */
  origin: string;
  /** The model with shapes inferred, ready to export. */
  load(): Model;
}

/** Batch 1 for every graph input; other symbolic dims 64 (the exporter needs static shapes). */
function withStaticInputs(m: Model): Model {
  const inputShapes = new Map<string, number[]>();
  for (const v of m.graph.inputs) {
    if (v.data || !v.shape) continue;
    const dims = v.shape.map((d, i) => (i === 0 ? 1 : typeof d === 'number' ? d : 64));
    if (dims.join() !== v.shape.join()) inputShapes.set(v.name, dims);
  }
  inferShapes(m, { inputShapes });
  return m;
}

const fromFile = (path: string) => (): Model => withStaticInputs(loadModel(path, { weights: 'load' }));

function sampleCases(): RealNcnnCase[] {
  // int8 TFLite samples are refused by design; prototxt-only Caffe samples have no weights to run
  return samples((s) => s.format !== 'tflite' || !(s.features ?? []).includes('int8'))
    .filter((s) => s.format !== 'caffe' || existsSync(s.path.replace(/\.prototxt$/, '.caffemodel')))
    .map((s) => ({ name: s.name, origin: `samples (${s.format})`, load: fromFile(s.path) }));
}

function corpusCases(): RealNcnnCase[] {
  const caffe = corpusModels('caffe', '.prototxt')
    .filter((n) => existsSync(join(CORPUS, 'caffe', `${n}.caffemodel`)))
    .map((n) => ({
      name: `corpus caffe/${n}`,
      origin: 'corpus (caffe)',
      load: fromFile(join(CORPUS, 'caffe', `${n}.prototxt`)),
    }));
  const tflite = corpusModels('tflite', '.tflite').map((n) => ({
    name: `corpus tflite/${n}`,
    origin: 'corpus (tflite)',
    load: fromFile(join(CORPUS, 'tflite', `${n}.tflite`)),
  }));
  return [...caffe, ...tflite];
}

function layerCases(): RealNcnnCase[] {
  const graphs: [string, string][] = [
    ...LAYER_CASES.map(([op, , text]): [string, string] => [op, text]),
    ['2-layer bidirectional LSTM (time-major, h_n/c_n)', LSTM_BIDIRECTIONAL_2_LAYER],
    ...UNARY_REDUCE_CASES,
  ];
  return graphs.map(([what, text]) => ({
    name: `layer ${what}`,
    origin: 'layer case',
    load: () => {
      const m = parseModelText(text); // static shapes as written (a time-major LSTM's batch is axis 1)
      inferShapes(m);
      return m;
    },
  }));
}

export function realNcnnCases(): RealNcnnCase[] {
  return [...sampleCases(), ...corpusCases(), ...layerCases()];
}
