/** Einsum equations without an ellipsis or a diagonal (a label repeated within one operand). */
import type { CustomPredicate } from './types.js';

/** The first operand term of the equation that repeats a label (a diagonal), if any. */
function diagonalTerm(lhs: string): string | undefined {
  return lhs.split(',').find((term) => {
    const labels = term.replace(/\s|\.\.\./g, '');
    return new Set(labels).size !== labels.length;
  });
}

export const einsumPlain: CustomPredicate = (ctx) => {
  const equation = ctx.node.str('equation');
  if (equation === undefined) return { pass: null, actual: 'no equation' };
  if (equation.includes('...')) return { pass: false, actual: `equation '${equation}' has an ellipsis` };
  const diagonal = diagonalTerm(equation.split('->')[0] ?? '');
  return diagonal === undefined
    ? { pass: true }
    : { pass: false, actual: `operand '${diagonal}' of '${equation}' repeats a label (a diagonal)` };
};
