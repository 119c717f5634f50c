/**
 * The fast path of a non-interactive audit: the check command as one CommonJS script (dist/bundle/audit.cjs)
 * compiled with the V8 code cache made at build time (audit.cjs.cache beside it), so Node neither parses nor
 * compiles the audit's code on each run. The cache is only read: a cache of another Node/V8 build, or of
 * another audit.cjs, is rejected by V8 and the script compiles from source (the same result, slower).
 * Nothing is written at run time. Without audit.cjs (running from tsc's output) the caller takes the normal
 * command modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import vm from 'node:vm';
import { flag, hasFlag, type Args } from './args.js';
import { isTerminal } from './terminal.js';

export type AuditMain = (args: Args) => Promise<number>;

/** The audit script of every format, and the ONNX audit script (converters/onnx-only.ts in place of the registry). */
export const AUDIT_BUNDLE = 'audit.cjs';
export const ONNX_AUDIT_BUNDLE = 'audit-onnx.cjs';

/**
 * The script for an audit of `model`: a name ending in .onnx is read by the ONNX importer whatever the registry
 * (it comes first and its sniff accepts the name), so the ONNX script, without the other formats' code, reads
 * it exactly as the full one does.
 */
export function auditBundleFor(model: string): string {
  return extname(model).toLowerCase() === '.onnx' ? ONNX_AUDIT_BUNDLE : AUDIT_BUNDLE;
}
export const codeCachePath = (bundle: string): string => `${bundle}.cache`;

/** Whether check runs without the TUI for certain (what audit.cjs covers): otherwise the normal command runs. */
export function auditBundleServes(args: Args): boolean {
  if (args.command !== 'check' || hasFlag(args, 'fix')) return false;
  if (hasFlag(args, 'help') || hasFlag(args, 'version') || !args.positionals.length) return false; // main's answers
  if (hasFlag(args, 'debug')) return false; // the modules' own names in the stack trace (audit.cjs is minified)
  const tty = isTerminal(1) && isTerminal(0);
  return !tty || hasFlag(args, 'no-tui') || !!flag(args, 'format') || !!flag(args, 'output');
}

export interface CompiledAudit {
  auditMain: AuditMain;
  script: vm.Script;
  /** Whether V8 took the code cache (false: none given, or rejected). */
  cacheUsed: boolean;
}

/** Compile and run the bundle's module body; `cachedData` is the V8 code cache to try. */
export function compileAuditBundle(path: string, cachedData: Buffer | undefined): CompiledAudit {
  const file = resolve(path);
  const source = readFileSync(file, 'latin1'); // the build writes it in ASCII (scripts/bundle.mjs)
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, {
    filename: file,
    cachedData,
    // the script never imports at run time (onnxruntime is for fix --verify); Node's loader if it ever does
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER
      ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
      : {}),
  });
  const body = script.runInThisContext() as (...a: unknown[]) => void;
  const module = { exports: {} as { auditMain?: AuditMain } };
  body.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (typeof module.exports.auditMain !== 'function') throw new Error(`${file}: no auditMain export`);
  return { auditMain: module.exports.auditMain, script, cacheUsed: !!cachedData && !script.cachedDataRejected };
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(codeCachePath(file));
  } catch {
    return undefined;
  }
}

/** The audit bundle for `model` beside the running bin (`bundleDir`), or null when there is none. */
export function loadAuditBundle(bundleDir: string, model: string): AuditMain | null {
  const file = join(bundleDir, auditBundleFor(model));
  if (!existsSync(file)) return null;
  return compileAuditBundle(file, readCache(file)).auditMain;
}
