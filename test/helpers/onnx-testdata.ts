import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ONNX_TESTDATA } from './paths.js';

export interface SuiteCase {
  suite: string;
  name: string;
  dir: string;
  model: string;
  dataSets: string[];
}

/** Every model of Debian's libonnx-testdata in the given suites (empty when the package is absent). */
export function suiteCases(suites = ['node', 'pytorch-converted', 'pytorch-operator', 'simple']): SuiteCase[] {
  if (!existsSync(ONNX_TESTDATA)) return [];
  const out: SuiteCase[] = [];
  for (const suite of suites) {
    const base = join(ONNX_TESTDATA, suite);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name);
      const model = join(dir, 'model.onnx');
      if (!existsSync(model)) continue;
      const dataSets = readdirSync(dir)
        .filter((d) => d.startsWith('test_data_set_'))
        .sort()
        .map((d) => join(dir, d));
      out.push({ suite, name, dir, model, dataSets });
    }
  }
  return out;
}

/** input_N.pb / output_N.pb files of a data set, in order. */
export function dataFiles(dataSet: string, kind: 'input' | 'output'): string[] {
  return readdirSync(dataSet)
    .filter((f) => f.startsWith(`${kind}_`) && f.endsWith('.pb'))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
    .map((f) => join(dataSet, f));
}
