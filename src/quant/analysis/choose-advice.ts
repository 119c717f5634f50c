/**
 * Which layers to keep at higher precision: ranked by isolated SQNR (lowest first), those far below the model's
 * typical layer (more than MARGIN_DB under the median isolated SQNR) or under FLOOR_DB outright, at most
 * MAX_SHARE of the layers (at least one when any qualifies).
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

/** Layers by damage: lowest isolated SQNR first, then lowest accumulated SQNR. */
export function rankByDamage(layers: LayerReport[]): LayerReport[] {
  return [...layers].sort(
    (a, b) => a.isolated.sqnrDb - b.isolated.sqnrDb || a.accumulated.sqnrDb - b.accumulated.sqnrDb,
  );
}

export function chooseKept(ranked: readonly LayerReport[], maxKeep?: number): LayerReport[] {
  const typical = median(ranked.map((l) => l.isolated.sqnrDb));
  const limit = maxKeep ?? Math.max(1, Math.floor(ranked.length * MAX_SHARE));
  return ranked.filter((l) => l.isolated.sqnrDb < FLOOR_DB || l.isolated.sqnrDb < typical - MARGIN_DB).slice(0, limit);
}
