import { defineRewrite } from '../define.js';
import { planConversion, type Plan } from '../opset-convert/convert.js';

/**
 * Convert the default-domain opset to `options.targetOpset` (from the target's supported range or
 * `--opset`), up or down between 9 and the newest: see src/rewrite/opset-convert/. All-or-nothing;
 * a refusal is reported in the run's notes with every node that blocks it.
 */
export default defineRewrite<Plan>({
  id: 'convert-opset',
  description: 'convert the model to another ONNX opset (signature changes adapted node by node)',
  safety: 'exact',
  source: 'https://github.com/onnx/onnx/blob/main/docs/Changelog.md',
  scope: 'graph',
  match(_n, ctx) {
    const to = ctx.options.targetOpset;
    if (to === undefined || (ctx.model.opsets.get('') ?? to) === to) return null;
    const plan = planConversion(ctx.model, to, ctx);
    // an earlier pass's refusal is replaced by this pass's outcome (other rules may have removed the blockers)
    ctx.notes.splice(0, ctx.notes.length, ...ctx.notes.filter((n) => !n.startsWith('convert-opset ')));
    if (plan.conversion.refused.length) {
      const r = plan.conversion.refused;
      ctx.notes.push(
        `convert-opset ${plan.conversion.from} → ${to} refused: ${r.slice(0, 5).join('; ')}${r.length > 5 ? ` (and ${r.length - 5} more)` : ''}`,
      );
      return null;
    }
    return plan;
  },
  apply(plan, ctx) {
    const c = plan.apply();
    ctx.opset = c.to;
    return c.changed;
  },
});
