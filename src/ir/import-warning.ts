/**
 * Warnings an importer raises about the source model (a field it does not know, a layer that stops shape
 * propagation): carried on the model, and reported by the checker as findings for every target.
 */
import type { Model } from './model.js';

export interface ImportWarning {
  /** Stable id, `<format>/<topic>` (e.g. caffe/unknown-field). */
  id: string;
  /** The source layer or node it is about ('' for the whole model). */
  layer: string;
  layerType?: string;
  message: string;
  source: { url: string; section?: string };
}

export function importWarnings(model: Model): ImportWarning[] {
  const w = model.extra.importWarnings;
  return Array.isArray(w) ? (w as ImportWarning[]) : [];
}

export function addImportWarning(model: Model, warning: ImportWarning): void {
  model.extra.importWarnings = [...importWarnings(model), warning];
}
