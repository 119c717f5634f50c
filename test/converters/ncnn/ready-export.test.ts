/**
 * One capability source, end to end: every model of samples/, of the corpus (as its sources.json lists them) and
 * of the ONNX backend suite's node models goes through `fix --target ncnn`, the ncnn check and the ncnn export.
 * The check says READY exactly when the export succeeds, and every refusal names a rule id the report shows.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../../converters/index.js';
import { InputError } from '../../../src/io/input-error.js';
import { samples } from '../../helpers/samples.js';
import { corpusModels } from '../../helpers/corpus-refs.js';
import { CORPUS } from '../../helpers/paths.js';
import { suiteCases } from '../../helpers/onnx-testdata.js';
import { needing } from '../../helpers/prereq.js';
import { CORPUS_PREREQ, ONNX_TESTDATA_PREREQ } from '../../helpers/prerequisites.js';
import { disagreement, readyAndExport } from './ready-export-run.js';

interface Tally {
  ready: number;
  refused: number;
  unreadable: number;
  wrong: string[];
}

/** Run every file; a file the importer or shape inference rejects as bad input is counted, not compared. */
function tally(files: [string, string][]): Tally {
  const t: Tally = { ready: 0, refused: 0, unreadable: 0, wrong: [] };
  for (const [name, path] of files) {
    let outcome;
    try {
      outcome = readyAndExport(loadModel(path, { weights: 'load' }));
    } catch (e) {
      if (e instanceof InputError) {
        t.unreadable++;
        continue;
      }
      t.wrong.push(`${name}: crashed: ${(e as Error).message}`);
      continue;
    }
    const why = disagreement(outcome);
    if (why) t.wrong.push(`${name}: ${why}`);
    else if (outcome.exported) t.ready++;
    else t.refused++;
  }
  return t;
}

function check(what: string, files: [string, string][]): void {
  assert.ok(files.length > 0, `no ${what} models found`);
  const t = tally(files);
  process.stderr.write(
    `  ready ⇔ export, ${what}: ${files.length} models, ${t.ready} ready and exported, ${t.refused} not ready and refused, ${t.unreadable} rejected as bad input, ${t.wrong.length} disagreeing\n`,
  );
  for (const w of t.wrong) process.stderr.write(`    ${w}\n`);
  assert.is(t.wrong.length, 0, `${t.wrong.length} ${what} models disagree (listed above)`);
}

test('samples: READY ⇔ the ncnn export succeeds, refusals name reported rules', () => {
  // prototxt-only Caffe samples have no weights to export
  const files = samples(
    (s) => s.format !== 'caffe' || existsSync(join('samples', s.file.replace(/\.prototxt$/, '.caffemodel'))),
  )
    .filter((s) => s.format !== 'caffe' || existsSync(s.path.replace(/\.prototxt$/, '.caffemodel')))
    .map((s): [string, string] => [s.name, s.path]);
  check('samples', files);
});

needing(test, CORPUS_PREREQ)('corpus: READY ⇔ the ncnn export succeeds, refusals name reported rules', () => {
  const caffe = corpusModels('caffe', '.prototxt')
    .filter((n) => existsSync(join(CORPUS, 'caffe', `${n}.caffemodel`)))
    .map((n): [string, string] => [`caffe/${n}`, join(CORPUS, 'caffe', `${n}.prototxt`)]);
  const tflite = corpusModels('tflite', '.tflite').map((n): [string, string] => [
    `tflite/${n}`,
    join(CORPUS, 'tflite', `${n}.tflite`),
  ]);
  check('corpus', [...caffe, ...tflite]);
});

needing(test, ONNX_TESTDATA_PREREQ)(
  'ONNX backend node models: READY ⇔ the ncnn export succeeds, refusals name reported rules',
  () => {
    check(
      'ONNX node suite',
      suiteCases(['node']).map((c): [string, string] => [`node/${c.name}`, c.model]),
    );
  },
);

test.run();
