import { readPackageJson } from '../io/package-json.js';
import { UsageError } from '../io/input-error.js';
import type { ResolvedTarget, Rule, TargetsFile } from './target-types.js';

let file: TargetsFile | undefined;
/** targets.json of the package (validated by test/check/targets-schema.test.ts). */
export function targetsFile(): TargetsFile {
  file ??= readPackageJson<TargetsFile>('targets.json');
  return file;
}

/** Base target ids in file order: tensorrt, ncnn, rknn, nnie, cv22. */
export function targetIds(): string[] {
  return Object.keys(targetsFile().targets);
}

/** Every checkable id, variants included (rknn:rk3588 …). */
export function allTargetIds(): string[] {
  return Object.entries(targetsFile().targets).flatMap(([id, t]) => [
    id,
    ...Object.keys(t.variants ?? {}).map((v) => `${id}:${v}`),
  ]);
}

/** `tensorrt`, `rknn:rv1106` → the target with its variant merged in (ops replace, rules append, `modelRules-` drop by id). */
export function resolveTarget(spec: string): ResolvedTarget {
  const [base, variantName] = spec.split(':') as [string, string | undefined];
  const t = targetsFile().targets[base];
  if (!t) throw new UsageError(`unknown target '${spec}' (targets: ${allTargetIds().join(', ')})`);
  const vName = variantName ?? t.defaultVariant;
  if (!vName) return { ...t, id: base };
  const v = t.variants?.[vName];
  if (!v)
    throw new UsageError(
      `unknown variant '${vName}' of ${base} (variants: ${Object.keys(t.variants ?? {}).join(', ')})`,
    );
  const dropped = new Set(v['modelRules-'] ?? []);
  const modelRules: Rule[] = [...t.modelRules.filter((r) => !dropped.has(r.id)), ...(v['modelRules+'] ?? [])];
  return {
    ...t,
    id: `${base}:${vName}`,
    title: `${t.title} ${v.title}`,
    ops: overlay(t.ops, v.ops ?? {}),
    modelRules,
    cpuFallback: v.cpuFallback ?? t.cpuFallback,
  };
}

/** The id prefix of an op entry: `rknn:rv1106` when that variant replaces the op's entry, else the base id. */
export function opEntryScope(spec: string, op: string): string {
  const [base, variantName] = spec.split(':') as [string, string | undefined];
  const t = targetsFile().targets[base];
  const vName = variantName ?? t?.defaultVariant;
  return vName && t?.variants?.[vName]?.ops?.[op] ? `${base}:${vName}` : base;
}

/** `all`, `ncnn,rknn:rv1106` → resolved target specs. */
export function parseTargetList(spec: string | undefined): string[] {
  if (!spec || spec === 'all') return targetIds();
  const ids = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) resolveTarget(id);
  return ids;
}

/** Find a rule by id anywhere in targets.json (for `explain`). */
export function findRule(id: string):
  | {
      target: string;
      op?: string;
      rule:
        | Rule
        | {
            id: string;
            level: string;
            message: string;
            source: { url: string; section?: string };
            confidence: string;
            fix?: string;
          };
    }
  | undefined {
  for (const [tid, t] of Object.entries(targetsFile().targets)) {
    if (t.unlisted.id === id) return { target: tid, rule: t.unlisted };
    const scopes: [string | undefined, Rule[]][] = [
      [undefined, t.modelRules],
      [undefined, t.nodeRules ?? []],
    ];
    for (const [op, e] of Object.entries(t.ops)) scopes.push([op, e.rules ?? []]);
    for (const [vn, v] of Object.entries(t.variants ?? {})) {
      scopes.push([undefined, v['modelRules+'] ?? []]);
      for (const [op, e] of Object.entries(v.ops ?? {})) {
        scopes.push([op, e.rules ?? []]);
        if (e.supported === false && `${tid}:${vn}/${op}-unsupported` === id)
          return {
            target: `${tid}:${vn}`,
            op,
            rule: {
              id,
              level: e.level ?? 'error',
              message: e.message ?? '',
              source: e.source,
              confidence: e.confidence,
              fix: e.fix,
            },
          };
      }
    }
    for (const [op, e] of Object.entries(t.ops))
      if (e.supported === false && `${tid}/${op}-unsupported` === id)
        return {
          target: tid,
          op,
          rule: {
            id,
            level: e.level ?? 'error',
            message: e.message ?? '',
            source: e.source,
            confidence: e.confidence,
            fix: e.fix,
          },
        };
    for (const [op, rules] of scopes) {
      const r = rules.find((x) => x.id === id);
      if (r) return { target: tid, op, rule: r };
    }
  }
  return undefined;
}

/** The default-domain opsets a target's toolchain loads (its model rule with an `opset` predicate), if it says. */
export function targetOpsetRange(spec: string): { min: number; max: number } | undefined {
  for (const r of resolveTarget(spec).modelRules) {
    const p = r.require as { opset?: { min: number; max: number } };
    if (p.opset) return p.opset;
  }
  return undefined;
}

/**
 * `{ ...base, ...over }` for op tables by property descriptors: an op table read through the package index
 * describes its entries as getters (src/io/json-index.ts), so the copy keeps them unparsed until a check reads
 * them; a variant that changes no op keeps its base table.
 */
function overlay<T extends object>(base: T, over: T): T {
  if (!Object.keys(over).length) return base;
  return Object.defineProperties(
    Object.defineProperties({}, Object.getOwnPropertyDescriptors(base)),
    Object.getOwnPropertyDescriptors(over),
  ) as T;
}
