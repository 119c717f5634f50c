/**
 * The Caffe writer's refusal rules: every blocker of `convert --to caffe` / `fix -o *.prototxt` ends with one of
 * these ids in brackets, so a refusal is named and can be counted, listed and documented (docs/caffe-export.md).
 * `caffe/<Op>-form` is the family of rules "this node of an op the writer knows has a form (attribute, constant
 * operand, rank) with no exact Caffe layer"; the message says which.
 */
import { familyOf } from './layer-families.js';

export const CAFFE_REFUSAL_RULES: Record<string, string> = {
  'caffe/op-unsupported': 'no Caffe layer computes this ONNX op (or op of another domain) exactly',
  'caffe/constant-activation':
    'a constant is used where Caffe takes a blob: Caffe layers hold constants as parameters only',
  'caffe/input-static': 'a graph input has no static dims: Caffe Input layers are fixed-shape (give --input-shape)',
  'caffe/input-dtype':
    'a graph input is not floating point: Caffe blobs are float, integer or boolean inputs have no meaning',
  'caffe/shape-static': 'a value has no static shape: Caffe layer parameters are computed from fixed dims',
  'caffe/constant-output': 'a graph output is a constant: Caffe nets output only what layers compute',
  'caffe/output-unwritten': 'a graph output is written by no layer (a node output the writer does not produce)',
  'caffe/input-rank': 'a scalar graph input: OpenCV dnn cannot be fed a 0-D blob and NNIE blobs are 4-D',
  'caffe/Dropout-mask': "Dropout's mask output is used: Caffe's Dropout computes none",
  'caffe/Interp-opencv': "OpenCV dnn's Caffe reader has no interp_param: the Interp layer is written for NNIE only",
  'caffe/omitted-input': 'a required input is omitted',
};

/** `caffe/<Op>-form` for an op with a layer family. */
export const formRule = (op: string): string => `caffe/${op}-form`;

export function isCaffeExportRule(id: string): boolean {
  if (id in CAFFE_REFUSAL_RULES) return true;
  const form = id.match(/^caffe\/(.+)-form$/);
  return !!form && familyOf(form[1]!) !== undefined;
}
