import type { Confidence, Level, Source, Verdict } from './finding.js';

/** A predicate of the closed vocabulary (see targets.schema.json and src/check/README.md). */
export type Pred = Record<string, unknown>;

export interface Rule {
  id: string;
  level: Level;
  verdict?: Verdict;
  when?: Pred;
  require: Pred;
  message: string;
  fallback?: 'cpu';
  source: Source;
  confidence: Confidence;
  fix?: string;
}
export interface OpEntry {
  supported?: boolean;
  source: Source;
  confidence: Confidence;
  rules?: Rule[];
  /** For supported:false entries. */
  message?: string;
  level?: Level;
  fix?: string;
  fallback?: 'cpu';
  note?: string;
}
export interface Unlisted {
  id: string;
  level: Level;
  verdict?: Verdict;
  message: string;
  source: Source;
  confidence: Confidence;
}
export interface TargetDef {
  title: string;
  toolchain: string;
  inputFormats: string[];
  opset: { min: number; max: number };
  layout: string;
  maxRank: number;
  batch: string;
  dynamicShapes: string;
  dynamicNote?: string;
  precisions: string[];
  quantization: { scheme: string; granularity: string; symmetric: boolean; note?: string }[];
  source: Source;
  unlisted: Unlisted;
  modelRules: Rule[];
  nodeRules?: Rule[];
  ops: Record<string, OpEntry>;
  /** Ops whose CPU fallback exists: 'all', or a list (others escalate to errors). */
  cpuFallback?: 'all' | string[];
  /** A layer-name suffix by which the toolchain runs a layer on the CPU (NNIE: `_cpu`). */
  cpuLayerSuffix?: { suffix: string; source: Source };
  variants?: Record<string, VariantDef>;
  defaultVariant?: string;
}
export interface VariantDef {
  title: string;
  ops?: Record<string, OpEntry>;
  'modelRules+'?: Rule[];
  /** Ids of base model rules the variant does not have (a newer toolchain lifted them). */
  'modelRules-'?: string[];
  cpuFallback?: 'all' | string[];
}
export interface TargetsFile {
  version: number;
  customPredicates: Record<string, string>;
  targets: Record<string, TargetDef>;
  /** Published peak compute and bandwidth per target or target:variant (see src/profile/hardware.ts). */
  hardware?: Record<string, HardwareDef>;
}

export interface HardwareDef {
  chip: string;
  /** Tera-operations per second (one MAC = two operations), null where no public figure exists. */
  peakTops: Partial<Record<'int8' | 'int16' | 'fp16' | 'fp32', number | null>>;
  memoryGBs: number | null;
  note?: string;
  source: Source;
  confidence: Confidence;
}

/** A target with its variant applied: what the checker runs. */
export interface ResolvedTarget extends TargetDef {
  id: string;
}
