import { VERSION } from './version.js';
export { VERSION };

export const HELP = `convcheck ${VERSION}: check a neural network against deployment targets before you port it

Usage:
  convcheck <model> [--target ncnn|tensorrt|rknn[:chip]|nnie|cv22|openvino|horizon|mnn|snpe|all|a,b] [--format text|json|sarif|markdown|junit]
  convcheck inspect <model> [--format text|json]
  convcheck convert <model> --to onnx|ncnn -o <out> [--external-data] [--fp16]
  convcheck fix <model> --target <t> -o <out.onnx> [--fix=all] [--verify]
  convcheck targets [--target <t>] [--markdown]
  convcheck explain <rule-id>
  convcheck profile <model> [--target <t>] [--precision fp32|fp16|int8|int16] [--format text|json|markdown]
  convcheck quant <model> --target <t>[,<t>…] [--calib DIR|FILES] [--samples N] [--mean a,b,c --std a,b,c]
                  [--layout nchw|nhwc] [--size HxW] [--format text|json|markdown] [-o advice-file]

Models: ONNX (.onnx, external data beside it), Caffe (.prototxt [+ .caffemodel, --weights]), TFLite (.tflite), ncnn (.param + .bin).

Options:
  --target, -t <t>          target(s) to check against (default: all)
  --format, -f <fmt>        report format; without it a terminal gets the interactive UI
  --input-shape name=1,3,224,224   override input dims (repeatable)
  --layer-shape LAYER=1,256,14,14  Caffe: dims of a layer's top where inference stops (Python layers; repeatable)
  --signature <name>        TFLite: the signature to import (default: the first; inspect lists them)
  --fail-on error|warning|info     lowest level that makes the exit code 1 (default: error)
  --baseline <report.json>  fail only on findings not in that earlier JSON report
  --ignore <rule-id>        ignore a rule (repeatable)
  --config <file>           settings file (default: ./convcheck.config.json if present)
  --fix[=all]               apply the fixes the target needs (exact ones; =all also approx/interface)
  -o, --output <path>       output file
  --no-tui, --no-color, --debug, --version, --help

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 bad input or usage.
`;
