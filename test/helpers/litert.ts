// Runs .tflite models in LiteRT.js (@litertjs/core, the WASM CPU runtime) under Node.
// The package loads its Emscripten loader with importScripts (web worker) or a <script> tag; under
// Node a global importScripts that evaluates the loader file with vm.runInThisContext is enough,
// and the .wasm next to it is found through the Module's locateFile.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

type Lite = typeof import('@litertjs/core');
let loaded: Promise<Lite> | undefined;

const wasmDir = join(dirname(createRequire(import.meta.url).resolve('@litertjs/core/package.json')), 'wasm');

export const LITERT_RUNTIME = 'LiteRT.js @litertjs/core (wasm, CPU) under Node';

function loadRuntime(): Promise<Lite> {
  loaded ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    g.self ??= globalThis;
    g.importScripts ??= (url: string) => {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      // the Emscripten loader, seeing Node, uses require/__dirname (CommonJS names absent in ESM):
      // run it as a function of those, then publish the factory it declares as the global it expects
      const wrapped = `(function (require, __dirname, __filename) {\n${readFileSync(file, 'utf8')}\n;globalThis.ModuleFactory = ModuleFactory; })`;
      (vm.runInThisContext(wrapped, { filename: file }) as (r: NodeRequire, d: string, f: string) => void)(
        createRequire(file),
        dirname(file),
        file,
      );
    };
    const lite = await import('@litertjs/core');
    await lite.loadLiteRt(wasmDir + '/');
    return lite;
  })();
  return loaded;
}

type Data = import('@litertjs/core').TypedArray;
export interface LiteOutput {
  name: string;
  shape: number[];
  data: Data;
}

/** Runs the model's default signature on the given inputs (in input-detail order, NHWC as stored). */
export async function runLiteRt(modelPath: string, inputs: { data: Data; shape: number[] }[]): Promise<LiteOutput[]> {
  const lite = await loadRuntime();
  const model = await lite.loadAndCompile(new Uint8Array(readFileSync(modelPath)), { accelerator: 'wasm' });
  try {
    const tensors = inputs.map((x) => new lite.Tensor(x.data, x.shape));
    const outs = await model.run(tensors);
    const details = model.getOutputDetails();
    const result: LiteOutput[] = [];
    for (let i = 0; i < outs.length; i++) {
      const t = outs[i]!;
      result.push({
        name: details[i]?.name ?? String(i),
        shape: [...(details[i]?.shape ?? [])],
        data: (await t.data()).slice(),
      });
      t.delete();
    }
    for (const t of tensors) t.delete();
    return result;
  } finally {
    model.delete();
  }
}
