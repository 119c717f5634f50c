/**
 * The checker: every node against every requested target; all findings at once, never stopping
 * at the first. Report and fix stay separate: findings name the rewrite that fixes them.
 */
import { asDeclaredCpu, declaredCpu } from './declared-cpu.js';
import type { Model } from '../ir/model.js';
import type { Node } from '../ir/node.js';
import type { Graph } from '../ir/graph.js';
import { subgraphs } from '../ir/graph.js';
import type { Finding, TargetResult, Verdict } from './finding.js';
import type { OpEntry, ResolvedTarget, Rule } from './target-types.js';
import { opEntryScope, resolveTarget } from './targets.js';
import { evaluate, type NodeCtx } from './predicates.js';
import { evaluateModel } from './model-predicates.js';
import { knownValue } from '../shape/infer.js';
import { importWarnings } from '../ir/import-warning.js';

export interface CheckOptions {
  ignore?: Set<string>;
}

const RANK: Record<Verdict, number> = { supported: 0, unknown: 1, partial: 2, unsupported: 3 };
export function worse(a: Verdict, b: Verdict): Verdict {
  return RANK[b] > RANK[a] ? b : a;
}

export function checkModel(model: Model, targetSpecs: string[], options: CheckOptions = {}): TargetResult[] {
  return targetSpecs.map((spec) => checkTarget(model, resolveTarget(spec), options));
}

/** All outputs are computable from constants (shape glue with static shapes, constant subexpressions). */
function isFoldable(n: Node): boolean {
  return n.outputs.some(Boolean) && n.outputs.every((v) => !v || knownValue(v) !== null);
}

function opKey(n: Node): string {
  return n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.op}` : n.op;
}

function verdictOf(level: string, explicit: string | undefined, fallback: string | undefined): Verdict {
  if (explicit) return explicit as Verdict;
  if (level === 'error') return fallback ? 'partial' : 'unsupported';
  if (level === 'warning') return 'partial';
  return 'supported';
}

export function checkTarget(model: Model, t: ResolvedTarget, options: CheckOptions = {}): TargetResult {
  const opset = model.opsets.get('') ?? model.opsets.get('ai.onnx') ?? 17;
  const findings: Finding[] = [];
  const nodeVerdicts = new Map<Node, Verdict>();
  const offloaded = new Set<unknown>();
  const cpuDeclared = new Set<unknown>();
  const canFallBack = (op: string): boolean =>
    t.cpuFallback === undefined || t.cpuFallback === 'all' || t.cpuFallback.includes(op);
  const ignored = (id: string): boolean => options.ignore?.has(id) ?? false;

  const add = (
    n: Node | null,
    path: string,
    f: Omit<Finding, 'target' | 'node' | 'op' | 'origin' | 'irNode'>,
  ): Finding => {
    const finding: Finding = {
      ...f,
      target: t.id,
      node: n ? path + (n.name || `${n.op}#${n.graphIndex ?? ''}`) : '',
      op: n ? opKey(n) : '',
      ...(n?.origin ? { origin: { name: n.origin.name, type: n.origin.type } } : {}),
      ...(n ? { irNode: n } : {}),
    };
    if (!finding.fix) delete finding.fix;
    findings.push(finding);
    return finding;
  };

  const applyRule = (n: Node, path: string, r: Rule, ctx: NodeCtx): Verdict => {
    if (ignored(r.id)) return 'supported';
    if (r.when) {
      const w = evaluate(r.when, ctx);
      if (w.pass !== true) return 'supported';
    }
    const o = evaluate(r.require, ctx);
    if (o.pass === true) return 'supported';
    if (o.pass === null) return r.level === 'info' ? 'supported' : 'unknown';
    let level = r.level,
      verdict = verdictOf(r.level, r.verdict, r.fallback),
      message = r.message;
    if (r.fallback === 'cpu' && !canFallBack(n.op)) {
      level = 'error';
      verdict = 'unsupported';
      message += ', and this chip has no CPU fallback for it';
    }
    if (r.fallback === 'cpu') offloaded.add(n);
    return report(n, path, {
      ...(r.fallback === 'cpu' && verdict !== 'unsupported' ? { fallback: 'cpu' as const } : {}),
      ruleId: r.id,
      level,
      message: o.actual ? `${message} (${o.actual})` : message,
      source: r.source,
      confidence: r.confidence,
      fix: r.fix,
      verdict,
    });
  };

  /** A node computed from constants only is folded away before conversion: its findings become fixable warnings. */
  const report = (n: Node, path: string, f: Omit<Finding, 'target' | 'node' | 'op' | 'origin' | 'irNode'>): Verdict => {
    if (f.level === 'error' && declaredCpu(t, n)) f = asDeclaredCpu(t, f);
    if (f.level === 'error' && isFoldable(n)) {
      f = {
        ...f,
        level: 'warning',
        verdict: 'partial',
        fix: f.fix ?? 'fold-constants',
        message: `${f.message}; it is computed from constants only, so folding removes it`,
      };
    }
    add(n, path, f);
    return f.verdict;
  };

  const checkNode = (n: Node, path: string): Verdict => {
    const key = opKey(n);
    const entry: OpEntry | undefined = t.ops[key];
    const ctx: NodeCtx = { node: n, model, opset };
    if (declaredCpu(t, n)) [offloaded, cpuDeclared].forEach((s) => s.add(n));
    let v: Verdict = 'supported';
    if (!entry && n.op === 'Constant' && !n.domain) {
      // a Constant node is data: it becomes a weight/constant blob on every target
    } else if (!entry) {
      const u = t.unlisted;
      if (!ignored(u.id)) {
        v = report(n, path, {
          ruleId: u.id,
          level: u.level,
          message: `${key}: ${u.message}`,
          source: u.source,
          confidence: u.confidence,
          verdict: verdictOf(u.level, u.verdict, undefined),
        });
        offloaded.add(n);
      }
    } else if (entry.supported === false) {
      const id = `${opEntryScope(t.id, key)}/${key}-unsupported`;
      if (!ignored(id)) {
        let level = entry.level ?? 'error';
        let verdict = verdictOf(level, undefined, entry.fallback);
        let message = entry.message ?? `${t.title} does not support ${key}`;
        if (entry.fallback === 'cpu' && !canFallBack(n.op)) {
          level = 'error';
          verdict = 'unsupported';
          message += ', and this chip has no CPU fallback for it';
        }
        v = report(n, path, {
          ruleId: id,
          level,
          message,
          source: entry.source,
          confidence: entry.confidence,
          fix: entry.fix,
          verdict,
        });
        offloaded.add(n);
      }
    } else {
      for (const r of entry.rules ?? []) v = worse(v, applyRule(n, path, r, ctx));
    }
    for (const r of t.nodeRules ?? []) v = worse(v, applyRule(n, path, r, ctx));
    for (const g of subgraphs(n)) checkGraph(g, `${path}${n.name || n.op}/${g.name || 'body'}/`);
    return v;
  };

  const checkGraph = (g: Graph, path: string): void => {
    g.nodes.forEach((n, i) => {
      n.graphIndex = i;
      const v = checkNode(n, path);
      if (path === '') nodeVerdicts.set(n, v);
    });
  };
  checkGraph(model.graph, '');

  for (const r of t.modelRules) {
    if (ignored(r.id)) continue;
    const o = evaluateModel(r.require, { model, opset, offloaded, declaredCpu: cpuDeclared });
    if (o.pass !== false) continue;
    add(null, '', {
      ruleId: r.id,
      level: r.level,
      message: o.actual ? `${r.message} (${o.actual})` : r.message,
      source: r.source,
      confidence: r.confidence,
      fix: r.fix,
      verdict: verdictOf(r.level, r.verdict, r.fallback),
    });
  }

  // what the importer could not take as the source format meant it (unknown fork fields, stopped shape propagation)
  for (const w of importWarnings(model)) {
    if (ignored(w.id)) continue;
    const finding: Finding = {
      ruleId: w.id,
      level: 'warning',
      target: t.id,
      node: w.layer,
      op: w.layerType ?? '',
      ...(w.layer ? { origin: { name: w.layer, type: w.layerType ?? '' } } : {}),
      message: w.message,
      source: w.source,
      confidence: 'high',
      verdict: 'partial',
    };
    findings.push(finding);
  }

  const counts: Record<Verdict, number> = { supported: 0, partial: 0, unsupported: 0, unknown: 0 };
  for (const v of nodeVerdicts.values()) counts[v]++;
  const errors = findings.filter((f) => f.level === 'error');
  const verdict = !errors.length ? 'ready' : errors.every((f) => f.fix) ? 'needs-fixes' : 'blocked';
  return { id: t.id, title: t.title, toolchain: t.toolchain, verdict, counts, nodeVerdicts, findings };
}

/** The error findings that decide a target's verdict, most frequent rule first (for the matrix). */
export function topBlockers(
  r: TargetResult,
  n = 3,
): { ruleId: string; count: number; message: string; fix?: string }[] {
  const by = new Map<string, Finding[]>();
  for (const f of r.findings) if (f.level === 'error') by.set(f.ruleId, [...(by.get(f.ruleId) ?? []), f]);
  return [...by]
    .sort((a, b) => Number(!!a[1][0]!.fix) - Number(!!b[1][0]!.fix) || b[1].length - a[1].length)
    .slice(0, n)
    .map(([ruleId, fs]) => ({
      ruleId,
      count: fs.length,
      message: fs[0]!.message,
      ...(fs[0]!.fix ? { fix: fs[0]!.fix } : {}),
    }));
}
