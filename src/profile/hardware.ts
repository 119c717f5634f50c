import { targetsFile } from '../check/targets.js';
import type { HardwareDef, TargetDef } from '../check/target-types.js';
import type { Precision } from './precision.js';

/** Target precision names as the capability matrix writes them → the precision the cost model stores. */
const PRECISION_OF: Record<string, Precision> = {
  fp32: 'fp32',
  fp16: 'fp16',
  bf16: 'fp16',
  int8: 'int8',
  int16: 'int16',
  fx8: 'int8',
  fx16: 'int16',
};

/** The chip facts of a target spec: the variant's own entry (rknn:rk3568), else the default variant's, else the base's. */
export function hardwareOf(targetSpec: string): HardwareDef | null {
  const file = targetsFile();
  const [base, variant] = targetSpec.split(':') as [string, string | undefined];
  const def: TargetDef | undefined = file.targets[base];
  const chosen = variant ?? def?.defaultVariant;
  return file.hardware?.[`${base}:${chosen}`] ?? file.hardware?.[base] ?? null;
}

/** The precision a target computes in by default: the first of its precisions the cost model knows. */
export function defaultPrecision(targetSpec: string): Precision {
  const def = targetsFile().targets[targetSpec.split(':')[0]!];
  for (const p of def?.precisions ?? []) if (PRECISION_OF[p]) return PRECISION_OF[p]!;
  return 'fp32';
}
