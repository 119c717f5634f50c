/**
 * Layers a target's toolchain is told to run on the CPU by their name: NNIE's SVP toolchain takes a layer whose
 * name ends in `_cpu` as a CPU custom operator (targets.json `cpuLayerSuffix`, with its source). A rule such a
 * layer fails is then not a blocker: it is reported as info, with the CPU fallback, and the node counts as
 * offloaded for segment counting.
 */
import type { Node } from '../ir/node.js';
import type { Finding } from './finding.js';
import type { ResolvedTarget } from './target-types.js';

type Draft = Omit<Finding, 'target' | 'node' | 'op' | 'origin' | 'irNode'>;

export function declaredCpu(t: ResolvedTarget, n: Node): boolean {
  const suffix = t.cpuLayerSuffix?.suffix;
  return !!suffix && !!n.origin?.name.endsWith(suffix);
}

export function asDeclaredCpu(t: ResolvedTarget, f: Draft): Draft {
  return {
    ...f,
    level: 'info',
    verdict: 'partial',
    fallback: 'cpu',
    message: `${f.message}; the layer's name ends in ${t.cpuLayerSuffix!.suffix}, so the toolchain runs it on the CPU`,
  };
}
