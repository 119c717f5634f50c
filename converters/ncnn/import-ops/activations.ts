/** ncnn import: Activation layers: ReLU (leaky), Clip, Sigmoid, TanH, Mish, HardSigmoid, HardSwish, ELU, PReLU, Erf, Softplus, SELU, GELU. */
import { attr } from '../../../src/ir/attr.js';
import { InputError } from '../../../src/io/input-error.js';
import type { NcnnImportCtx, NcnnLayerTable } from './context.js';

/** ncnn layers that are one ONNX op of the same input and no parameters: ncnn type → ONNX op. */
const SAME_OPERATION: Record<string, string> = {
  Sigmoid: 'Sigmoid',
  TanH: 'Tanh',
  Mish: 'Mish',
  Erf: 'Erf',
  Softplus: 'Softplus',
};

const sameOperation =
  (onnxOp: string) =>
  ({ x, node, set }: NcnnImportCtx): void =>
    set(node(onnxOp, [x]));

function importReLU(ctx: NcnnImportCtx): void {
  const { l, x, P, node, set } = ctx;
  const s = P(l, 'slope', 0);
  set(s ? node('LeakyRelu', [x], new Map([['alpha', attr.float(s)]])) : node('Relu', [x]));
}

function importClip(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, node, set } = ctx;
  set(
    node('Clip', [
      x,
      konst(`${l.name}/min`, 'float32', [], [P(l, 'min', -3.4e38)]),
      konst(`${l.name}/max`, 'float32', [], [P(l, 'max', 3.4e38)]),
    ]),
  );
}

function importHardSigmoid(ctx: NcnnImportCtx): void {
  const { l, x, P, node, set } = ctx;
  set(
    node(
      'HardSigmoid',
      [x],
      new Map([
        ['alpha', attr.float(P(l, 'alpha', 0.2))],
        ['beta', attr.float(P(l, 'beta', 0.5))],
      ]),
    ),
  );
}

function importHardSwish(ctx: NcnnImportCtx): void {
  const { l, x, P, node, set } = ctx;
  const a = P(l, 'alpha', 0.2),
    b = P(l, 'beta', 0.5);
  set(
    node('Mul', [
      x,
      node(
        'HardSigmoid',
        [x],
        new Map([
          ['alpha', attr.float(a)],
          ['beta', attr.float(b)],
        ]),
        `${l.tops[0]}/hardsigmoid`,
      ),
    ]),
  );
}

function importELU(ctx: NcnnImportCtx): void {
  const { l, x, P, node, set } = ctx;
  set(node('Elu', [x], new Map([['alpha', attr.float(P(l, 'alpha', 0.1))]])));
}

function importPReLU(ctx: NcnnImportCtx): void {
  const { l, x, P, konst, weights, shape, node, set } = ctx;
  const n = P(l, 'num_slope', 0),
    s = weights(l, n, false);
  const r = shape(x).length;
  set(
    node('PRelu', [
      x,
      konst(`${l.name}/slope`, 'float32', n === 1 ? [1] : [n, ...new Array<number>(Math.max(0, r - 2)).fill(1)], s),
    ]),
  );
}

function importSELU(ctx: NcnnImportCtx): void {
  const { l, x, P, node, set } = ctx;
  set(
    node(
      'Selu',
      [x],
      new Map([
        ['alpha', attr.float(P(l, 'alpha', 1.67326324))],
        ['gamma', attr.float(P(l, 'lambda', 1.050700987))],
      ]),
    ),
  );
}

function importGELU(ctx: NcnnImportCtx): void {
  const { l, x, file, P, konst, node, set } = ctx;
  if (P(l, 'fast_gelu', 0))
    throw new InputError(file, `layer ${l.name}: GELU fast_gelu (tanh form) is not read by convcheck`);
  const h = node(
    'Mul',
    [x, konst(`${l.name}/inv_sqrt2`, 'float32', [], [Math.SQRT1_2])],
    new Map(),
    `${l.tops[0]}/scaled`,
  );
  const e = node(
    'Add',
    [node('Erf', [h], new Map(), `${l.tops[0]}/erf`), konst(`${l.name}/one`, 'float32', [], [1])],
    new Map(),
    `${l.tops[0]}/erf1`,
  );
  set(node('Mul', [node('Mul', [x, e], new Map(), `${l.tops[0]}/xe`), konst(`${l.name}/half`, 'float32', [], [0.5])]));
}

export const activationsLayers: NcnnLayerTable = {
  ...Object.fromEntries(Object.entries(SAME_OPERATION).map(([type, onnxOp]) => [type, sameOperation(onnxOp)])),
  ReLU: importReLU,
  Clip: importClip,
  HardSigmoid: importHardSigmoid,
  HardSwish: importHardSwish,
  ELU: importELU,
  PReLU: importPReLU,
  SELU: importSELU,
  GELU: importGELU,
};
