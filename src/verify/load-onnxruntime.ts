/**
 * onnxruntime-node is an optional peer dependency: only commands that run models (`fix --verify`, the
 * TUI's verify) load it, on first use. The audit, `inspect`, `targets`, `explain`, `convert` and the
 * TUI work without it. When it is missing, the error names the command that installs it.
 */
import { MissingDependencyError } from '../io/input-error.js';

export type OnnxRuntime = typeof import('onnxruntime-node');

/** The install command (Linux x64: the variable skips onnxruntime-node's download of its CUDA provider). */
export const INSTALL_ONNXRUNTIME = 'ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node';

let loaded: Promise<OnnxRuntime> | undefined;

export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  loaded ??= import('onnxruntime-node').catch((e: NodeJS.ErrnoException) => {
    loaded = undefined;
    if (e.code === 'ERR_MODULE_NOT_FOUND' && /onnxruntime-node/.test(e.message))
      throw new MissingDependencyError(
        `running a model (fix --verify) needs onnxruntime-node, which is not installed: ${INSTALL_ONNXRUNTIME}`,
      );
    throw e;
  });
  return loaded;
}
