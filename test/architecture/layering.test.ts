/**
 * The layering of docs/architecture.md holds in every .ts/.tsx file under src/ and converters/: converters never
 * import src/check, src/rewrite or src/fix; nothing in src/ outside the app layer (src/cli, src/tui) imports
 * converters/; only the export pipelines (src/cli/export-pipeline) reach the ncnn and Caffe exporters. A failure
 * lists every offending import with its file and line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/paths.js';
import { edgesOf, repositoryEdges } from './import-edges.js';
import { LAYER_RULES, violationText, violations } from './layer-rules.js';

test('the import parser sees every form of import, and only imports', () => {
  const text = [
    "import { a } from '../../converters/index.js';",
    'import type {',
    '  B,',
    "} from '../check/finding.js';",
    "export { c } from './c.js';",
    "import './side-effect.js';",
    "const d = await import('../../converters/onnx/export.js');",
    "// import { e } from '../../converters/commented.js';",
    'const s = "import { f } from \'../../converters/in-a-string.js\'";',
    "import { g } from 'node:fs';",
  ].join('\n');
  const edges = edgesOf('src/report/x.ts', text);
  assert.equal(
    edges.map((e) => `${e.to}@${e.line}`),
    [
      'converters/index.js@1',
      'src/check/finding.js@4',
      'src/report/c.js@5',
      'src/report/side-effect.js@6',
      'converters/onnx/export.js@7',
      'node:fs@10',
    ],
  );
});

test('the rules flag converters → check/rewrite/fix, core → converters, exporters outside the pipeline', () => {
  const edges = [
    ...edgesOf('converters/ncnn/export.ts', "import { checkModel } from '../../src/check/engine.js';"),
    ...edgesOf('converters/caffe/export/index.ts', "import { runRewrites } from '../../../src/rewrite/engine.js';"),
    ...edgesOf('converters/ncnn/x.ts', "import { f } from '../../src/fix/session.js';"),
    ...edgesOf('converters/ncnn/y.ts', "import type { Model } from '../../src/ir/model.js';"),
    ...edgesOf('src/rewrite/rules/r.ts', "import { p } from '../../../converters/caffe/foreign-params.js';"),
    ...edgesOf('src/check/custom/t.ts', "import { paramId } from '../../../converters/ncnn/ncnn-table.js';"),
    ...edgesOf('src/cli/commands/convert.ts', "import { exporters } from '../../../converters/index.js';"),
    ...edgesOf('src/tui/index.ts', "import { loadModel } from '../../converters/index.js';"),
    ...edgesOf('src/client/x.ts', "import { loadModel } from '../../converters/index.js';"),
    ...edgesOf('src/tui/export.ts', "import { writeNcnn } from '../../converters/ncnn/export.js';"),
    ...edgesOf('src/cli/export-pipeline/ncnn.ts', "import { writeNcnn } from '../../../converters/ncnn/export.js';"),
    ...edgesOf('src/cli/commands/c.ts', "import { toCaffeNet } from '../../../converters/caffe/export/index.js';"),
  ];
  assert.equal(violations(edges).map(violationText), [
    'converters/ncnn/export.ts:1 imports src/check/engine.js [converters-stay-adapters]',
    'converters/caffe/export/index.ts:1 imports src/rewrite/engine.js [converters-stay-adapters]',
    'converters/ncnn/x.ts:1 imports src/fix/session.js [converters-stay-adapters]',
    'src/rewrite/rules/r.ts:1 imports converters/caffe/foreign-params.js [core-is-format-free]',
    'src/check/custom/t.ts:1 imports converters/ncnn/ncnn-table.js [core-is-format-free]',
    'src/client/x.ts:1 imports converters/index.js [core-is-format-free]',
    'src/tui/export.ts:1 imports converters/ncnn/export.js [exporters-behind-pipeline]',
    'src/cli/commands/c.ts:1 imports converters/caffe/export/index.js [exporters-behind-pipeline]',
  ]);
});

test('no import of src/ or converters/ breaks a layer rule', () => {
  const { files, edges } = repositoryEdges(ROOT, ['src', 'converters']);
  // the walk reached both trees and the parser read their imports (not an empty pass)
  assert.ok(files.filter((f) => f.startsWith('converters/')).length > 50, `${files.length} files`);
  assert.ok(files.filter((f) => f.startsWith('src/')).length > 100, `${files.length} files`);
  assert.ok(
    edges.some((e) => e.from.startsWith('src/cli/') && e.to.startsWith('converters/')),
    'the app layer imports converters',
  );
  const found = violations(edges).map(violationText);
  if (found.length) {
    process.stderr.write(`layering violations (${found.length}):\n${found.map((v) => `  ${v}\n`).join('')}`);
    for (const r of LAYER_RULES) process.stderr.write(`  [${r.id}] ${r.why}\n`);
  }
  assert.equal(found, [], `${found.length} import(s) break the layering:\n${found.join('\n')}`);
});

test.run();
