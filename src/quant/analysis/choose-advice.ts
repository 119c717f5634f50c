/**
 * Which layers to keep at higher precision. Damage is the isolated error's mean per-channel SQNR (error-sum.ts: one
 * huge channel cannot hide the loss of the others); layers far below the model's typical layer (more than
 * MARGIN_DB under the median) or under FLOOR_DB outright are advised, worst first, at most MAX_SHARE of the layers
 * (at least one when any qualifies).
 */
import type { LayerReport } from './quant-report.js';

export const FLOOR_DB = 20;
export const MARGIN_DB = 10;
export const MAX_SHARE = 0.1;

function median(values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Infinity;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const damage = (l: LayerReport): number => l.isolated.channelSqnrDb;

/** Layers by damage: lowest isolated per-channel SQNR first, then lowest accumulated SQNR. */
export function rankByDamage(layers: LayerReport[]): LayerReport[] {
  return [...layers].sort((a, b) => damage(a) - damage(b) || a.accumulated.sqnrDb - b.accumulated.sqnrDb);
}

export function chooseKept(ranked: readonly LayerReport[], maxKeep?: number): LayerReport[] {
  const typical = median(ranked.map(damage));
  const limit = maxKeep ?? Math.max(1, Math.floor(ranked.length * MAX_SHARE));
  return ranked.filter((l) => damage(l) < FLOOR_DB || damage(l) < typical - MARGIN_DB).slice(0, limit);
}
