/** Einsum equations ("bhid,bhjd->bhij"): one letter string per operand and the output's. */

export interface EinsumEquation {
  inputs: string[];
  output: string;
}

const LETTERS = /^[a-zA-Z]*$/;
const repeats = (t: string): boolean => new Set(t).size !== t.length;

/**
 * Parse an equation (explicit "->" form, or implicit: the letters used once, sorted). Null for the forms
 * not decomposed: an ellipsis, a letter repeated within one term (a diagonal or trace), an output letter
 * no operand has, and implicit outputs with upper-case letters (runtimes order those differently).
 */
export function parseEinsum(equation: string): EinsumEquation | null {
  const [lhs, rhs, ...rest] = equation.replace(/\s/g, '').split('->');
  const inputs = lhs!.split(',');
  const all = inputs.join('');
  if (rest.length || !LETTERS.test(all) || (rhs !== undefined && !LETTERS.test(rhs))) return null;
  if (rhs === undefined && /[A-Z]/.test(all)) return null;
  const output =
    rhs ??
    [...new Set(all)]
      .filter((c) => all.indexOf(c) === all.lastIndexOf(c))
      .sort()
      .join('');
  if (inputs.some(repeats) || repeats(output) || [...output].some((c) => !all.includes(c))) return null;
  return { inputs, output };
}

/**
 * The letters of a two-operand product, after each operand has summed out the letters only it has and
 * the output lacks: `a`/`b` the operands' remaining terms, `batch` (in both and the output), `m` (only in
 * `a`), `n` (only in `b`), in output order, and `k` (contracted: in both, not the output), in `a`'s order.
 */
export interface ProductLetters {
  a: string;
  b: string;
  batch: string;
  m: string;
  n: string;
  k: string;
}

export function productLetters(ta: string, tb: string, out: string): ProductLetters {
  const a = [...ta].filter((c) => tb.includes(c) || out.includes(c)).join('');
  const b = [...tb].filter((c) => ta.includes(c) || out.includes(c)).join('');
  const pick = (s: string, f: (c: string) => boolean): string => [...s].filter(f).join('');
  return {
    a,
    b,
    batch: pick(out, (c) => a.includes(c) && b.includes(c)),
    m: pick(out, (c) => a.includes(c) && !b.includes(c)),
    n: pick(out, (c) => b.includes(c) && !a.includes(c)),
    k: pick(a, (c) => b.includes(c) && !out.includes(c)),
  };
}
