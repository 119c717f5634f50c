import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { needing } from '../helpers/prereq.js';
import { CHROMIUM, dumpDom, screenshot } from '../helpers/chromium.js';
import { parseModelText } from '../../src/ir/text.js';
import { writeOnnx } from '../../converters/onnx/export.js';
import { targetIds } from '../../src/check/targets.js';

const TARGETS = targetIds().length;

const dir = mkdtempSync(join(tmpdir(), 'convcheck-html-'));
const withChromium = needing(test, CHROMIUM);

function report(model: string, out: string): string {
  const r = runCli([model, '--target', 'all', '--format', 'html', '-o', out]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return readFileSync(out, 'utf8');
}

test('the HTML report is one self-contained file: no external script, style, font or image', () => {
  const html = report('samples/onnx/yolo-op13.onnx', join(dir, 'yolo.html'));
  assert.not.match(html, /<(script|link|img|iframe)[^>]+(src|href)=/i);
  assert.not.match(html, /url\(\s*['"]?(https?:)?\/\//i);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  const data = JSON.parse(html.match(/<script type="application\/json" id="page-data">([\s\S]*?)<\/script>/)![1]!);
  assert.ok(data.nodes.length > 100 && data.edges.length >= data.nodes.length - 1);
  assert.is(data.targets.length, TARGETS, 'one entry per target of targets.json');
});

test('model strings cannot break out of the page: names with markup stay data', () => {
  const model = parseModelText(`
    opset 17
    input x: float32[1,3,8,8]
    y = Relu(x)
    output y`);
  const node = model.graph.nodes[0]!;
  node.name = '</script><script>window.pwned=1</script><img src=x onerror=alert(1)>\u2028';
  const path = join(dir, 'hostile.onnx');
  writeOnnx(model, path);
  const html = report(path, join(dir, 'hostile.html'));
  assert.not.ok(html.includes('</script><script>window.pwned'));
  assert.not.ok(html.includes('<img src=x'));
});

withChromium('Chromium renders the graph, the verdict matrix and the findings of a sample', () => {
  const out = join(dir, 'yolo.html');
  report('samples/onnx/yolo-op13.onnx', out);
  const dom = dumpDom(pathToFileURL(out).href);
  const body = dom.match(/<body([^>]*)>/)![1]!;
  const graphNodes = Number(body.match(/data-graph-nodes="(\d+)"/)![1]);
  const drawn = Number(body.match(/data-drawn-nodes="(\d+)"/)![1]);
  const data = JSON.parse(readFileSync(out, 'utf8').match(/id="page-data">([\s\S]*?)<\/script>/)![1]!);
  assert.is(graphNodes, data.nodes.length);
  assert.ok(drawn > 0 && drawn <= graphNodes, `${drawn} nodes on the first screen`);
  const matrix = dom.match(/<table id="matrix">([\s\S]*?)<\/table>/)![1]!;
  assert.is((matrix.match(/<tr>/g) ?? []).length, 1 + TARGETS, 'a header and one row per target');
  assert.match(matrix, /<td class="verdict ready">ready<\/td>/);
  const groups = new Set(data.findings.map((f: { target: string; ruleId: string }) => `${f.target} ${f.ruleId}`));
  assert.is((dom.match(/<details class="group/g) ?? []).length, groups.size);
  const png = join(dir, 'yolo.png');
  screenshot(pathToFileURL(out).href, png);
  assert.ok(statSync(png).size > 20_000, 'the screenshot has content');
});

withChromium('the hostile names render as text in Chromium: no script of the model runs', () => {
  const out = join(dir, 'hostile.html');
  const dom = dumpDom(pathToFileURL(out).href);
  assert.not.ok(dom.includes('<script>window.pwned=1</script>'), 'no script element from the model');
  assert.not.match(dom, /<img[^>]+onerror/, 'no element from the model');
  assert.match(dom, /data-graph-nodes="1"/, 'the page script still ran to the end');
});

test.run();
