/**
 * Hostile strings in ONNX, Caffe (prototxt) and TFLite models run through every report format,
 * `inspect` and the TUI: the terminal receives no control character from the model, the JUnit XML
 * parses (python3's xml.etree), JSON and SARIF parse and keep the original strings, Markdown tables
 * keep their column and row counts, displayed names are bounded.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { runCli } from '../helpers/cli.js';
import { needing } from '../helpers/prereq.js';
import { HOSTILE, hostileOnnx, hostilePrototxt, hostileTflite, manyOutputsOnnx } from './hostile-models.js';
import { loadModel } from '../../converters/index.js';
import { prepareModel } from '../../src/cli/prepare-model.js';
import { buildSession } from '../../src/tui/index.js';
import { App } from '../../src/tui/app.js';
import { setColor } from '../../src/tui/color.js';
import { buildReport, type JsonReport } from '../../src/report/report-data.js';
import { checkModel } from '../../src/check/engine.js';
import { targetIds } from '../../src/check/targets.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderSarif } from '../../src/report/sarif.js';
import { summarizeModel } from '../../src/ir/summary.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-hostile-'));
const MODELS: { file: string; bytes: Uint8Array | string; original: string }[] = [
  { file: 'hostile.onnx', bytes: hostileOnnx(), original: HOSTILE.newline },
  { file: 'hostile.prototxt', bytes: hostilePrototxt(), original: HOSTILE.pipe + HOSTILE.escape },
  { file: 'hostile.tflite', bytes: hostileTflite(), original: HOSTILE.escape + HOSTILE.c1 + HOSTILE.markup },
  { file: 'many-outputs.onnx', bytes: manyOutputsOnnx(600), original: HOSTILE.escape },
];
for (const m of MODELS) writeFileSync(join(dir, m.file), m.bytes);
const PYTHON = '/usr/bin/python3';
const python = { name: 'python3', ok: existsSync(PYTHON), install: 'apt-get install python3' };

/** What a terminal would act on: controls other than newline, C1, bidi/zero-width/separators, lone surrogates. */
const RAW_CONTROL =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONG_RUN = 'L'.repeat(250);

function assertTerminalSafe(text: string, what: string): void {
  const m = RAW_CONTROL.exec(text);
  assert.not.ok(m, `${what}: raw U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m?.index}`);
  assert.not.ok(text.includes(LONG_RUN), `${what}: a 5000-character name is displayed unbounded`);
}

/** Every string in a parsed JSON document. */
function strings(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') out.push(x);
  else if (Array.isArray(x)) for (const y of x) strings(y, out);
  else if (x && typeof x === 'object') for (const y of Object.values(x)) strings(y, out);
  return out;
}

/** Cells of a Markdown table row: split at `|` not escaped by a backslash. */
function cells(row: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') n++;
  }
  return n - 1;
}

/** The model checked against every target, in process (the renderers the CLI uses), and its JSON report. */
function checked(path: string): { report: JsonReport; nodeNames: string[]; model: ReturnType<typeof loadModel> } {
  const model = loadModel(path);
  prepareModel(model);
  const report = buildReport(model, checkModel(model, targetIds()));
  assert.ok(report.findings.length > 0, 'the model has findings');
  return { report, model, nodeNames: model.graph.nodes.map((n, i) => n.name || `${n.op}#${i}`) };
}

for (const m of MODELS) {
  const path = join(dir, m.file);

  test(`${m.file}: text report and inspect (the CLI) show names escaped and bounded`, () => {
    const r = runCli([path, '--no-tui']);
    assert.is(r.code, 1, r.stderr);
    const text = r.stdout;
    assertTerminalSafe(text, 'text report');
    assert.ok(text.includes('\\x1b'), 'the escape is shown as a visible \\x1b');
    const inspect = runCli(['inspect', path]);
    assert.is(inspect.code, 0, inspect.stderr);
    assertTerminalSafe(inspect.stdout, 'inspect');
    const fix = runCli(['fix', path, '--target', 'ncnn', '-o', join(dir, `fixed-${m.file}.onnx`)]);
    assertTerminalSafe(fix.stdout + fix.stderr, 'fix');
  });

  test(`${m.file}: JSON and SARIF parse and keep the original strings`, () => {
    const { report, model } = checked(path);
    const json = JSON.parse(JSON.stringify(report)) as JsonReport;
    assert.ok(
      strings(json).some((s) => s.includes(m.original)),
      'the JSON report holds the original name',
    );
    const sarif = JSON.parse(renderSarif(report)) as { runs: { results: { message: { text: string } }[] }[] };
    assert.ok(
      sarif.runs[0]!.results.some((r) => r.message.text.includes(m.original)),
      'a SARIF message quotes the original name',
    );
    const summary = JSON.parse(JSON.stringify(summarizeModel(model))) as object;
    assert.ok(strings(summary).length > 0);
  });

  test(`${m.file}: Markdown tables keep their columns and rows`, () => {
    const { report: json } = checked(path);
    const md = renderMarkdown(json);
    assertTerminalSafe(md, 'markdown');
    assert.not.match(md, /<script/i);
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const line of md.split('\n')) {
      if (line.startsWith('|')) (current ??= []).push(line);
      else if (current) {
        tables.push(current);
        current = null;
      }
    }
    for (const t of tables)
      for (const row of t) assert.is(cells(row), cells(t[0]!), `row keeps ${cells(t[0]!)} columns: ${row}`);
    assert.is(tables[0]!.length - 2, json.targets.length, 'one matrix row per target');
    const findingTables = tables.slice(1).map((t) => t.length - 2);
    const perTarget = json.targets
      .map((t) => json.findings.filter((f) => f.target === t.id).length)
      .filter((n) => n > 0);
    assert.equal(findingTables, perTarget, 'one row per finding');
  });

  needing(test, python)(`${m.file}: JUnit XML is well-formed`, () => {
    const xml = join(dir, `${m.file}.xml`);
    const { report: json, nodeNames } = checked(path);
    writeFileSync(xml, renderJunit(json, nodeNames));
    const py = spawnSync(
      PYTHON,
      [
        '-c',
        'import sys, json, xml.etree.ElementTree as E\n' +
          'root = E.parse(sys.argv[1]).getroot()\n' +
          'print(json.dumps([[int(s.get("tests")), len(s.findall("testcase"))] for s in root.iter("testsuite")]))',
        xml,
      ],
      { encoding: 'utf8' },
    );
    assert.is(py.status, 0, `python3 xml.etree: ${py.stderr}`);
    const suites = JSON.parse(py.stdout) as [number, number][];
    assert.ok(suites.length > 0);
    for (const [declared, found] of suites) assert.is(found, declared, 'every test case is in the document');
  });

  test(`${m.file}: the TUI's frames carry no control character from the model`, async () => {
    setColor(false);
    const model = loadModel(path);
    prepareModel(model);
    const session = buildSession(model, { path, targets: [], ignore: new Set() });
    const ui = render(createElement(App, { session }));
    const settle = (): Promise<void> => new Promise((r) => setImmediate(r));
    await settle();
    for (const key of ['\r', 'j', 'j', 'j', 'G', 'k', '\t', 'j', 't', '\t', '\r', 'm', '\u001b', 'x']) {
      ui.stdin.write(key);
      await settle();
    }
    ui.unmount();
    assert.ok(ui.frames.length > 5);
    for (const [i, frame] of ui.frames.entries())
      assertTerminalSafe(frame.replace(/\x1b\[[0-9;]*m/g, ''), `TUI frame ${i}`);
    assert.ok(
      ui.frames.some((f) => f.includes('\\x1b')),
      'a hostile name is shown, escaped',
    );
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
