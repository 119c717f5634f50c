import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../io/input-error.js';

/** convcheck.config.json: per-repository settings (command-line flags win). */
export interface Config {
  targets?: string[] | string;
  failOn?: 'error' | 'warning' | 'info';
  ignore?: string[];
  inputShapes?: Record<string, number[]>;
  format?: string;
}

export function loadConfig(explicit: string | undefined, cwd = process.cwd()): Config {
  const path = explicit ?? join(cwd, 'convcheck.config.json');
  if (!existsSync(path)) {
    if (explicit) throw new InputError(explicit, 'no such config file');
    return {};
  }
  let c: unknown;
  try {
    c = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(path, `not valid JSON (${(e as Error).message})`);
  }
  if (!c || typeof c !== 'object' || Array.isArray(c)) throw new InputError(path, 'must be a JSON object');
  const cfg = c as Record<string, unknown>;
  const known = ['targets', 'failOn', 'ignore', 'inputShapes', 'format', '$schema'];
  for (const k of Object.keys(cfg))
    if (!known.includes(k))
      throw new InputError(path, `unknown setting '${k}' (settings: ${known.slice(0, -1).join(', ')})`);
  if (cfg.failOn !== undefined && !['error', 'warning', 'info'].includes(cfg.failOn as string))
    throw new InputError(path, `failOn must be error, warning or info`);
  if (cfg.ignore !== undefined && !(Array.isArray(cfg.ignore) && cfg.ignore.every((x) => typeof x === 'string')))
    throw new InputError(path, 'ignore must be a list of rule ids');
  if (cfg.inputShapes !== undefined) {
    const s = cfg.inputShapes as Record<string, unknown>;
    if (
      typeof s !== 'object' ||
      Object.values(s).some((d) => !Array.isArray(d) || d.some((x) => !Number.isInteger(x) || x < 0))
    )
      throw new InputError(path, 'inputShapes must map input names to lists of non-negative integers');
  }
  return cfg as Config;
}
