/**
 * Calibration data: PNG and JPEG images decoded, resized and normalized as OpenCV does it (python3-opencv as the
 * reference: cv2.imread, BGR→RGB, float32, cv2.resize INTER_LINEAR, (x − mean)/std, HWC→CHW), .npy written by
 * numpy and raw float32 read back exactly; wrong sizes are one-line input errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { parseModelText } from '../../src/ir/text.js';
import { InputError } from '../../src/io/input-error.js';
import { readCalibration } from '../../src/quant/calibration-data/read-calibration.js';
import { parsePreprocess } from '../../src/quant/calibration-data/preprocess-options.js';
import { OPENCV } from '../helpers/opencv-dnn.js';
import { PYTHON } from '../helpers/onnx-checker.js';
import { needing } from '../helpers/prereq.js';

const withOpenCv = needing(test, OPENCV);
const model = (dims: string) =>
  parseModelText(`
opset 13
input x: float32[${dims}]
y = Identity(x)
output y: float32[${dims}]
`);

/** A 30×20 RGB test card: gradients and a hard edge. */
function card(): { width: number; height: number; rgba: Uint8Array } {
  const width = 30;
  const height = 20;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      rgba.set([(x * 255) / 29, (y * 255) / 19, x > 14 ? 220 : 30, 255], i);
    }
  return { width, height, rgba };
}

function openCvReference(file: string, h: number, w: number, mean: number[], std: number[]): Float32Array {
  const script = `
import cv2, numpy as np, sys
img = cv2.cvtColor(cv2.imread(sys.argv[1], cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB).astype(np.float32)
img = cv2.resize(img, (${w}, ${h}), interpolation=cv2.INTER_LINEAR)
img = (img - np.array(${JSON.stringify(mean)}, np.float32)) / np.array(${JSON.stringify(std)}, np.float32)
sys.stdout.buffer.write(np.ascontiguousarray(img.transpose(2, 0, 1)).astype('<f4').tobytes())
`;
  const out = execFileSync(PYTHON, ['-c', script, file], { maxBuffer: 1 << 24 });
  return new Float32Array(Uint8Array.from(out).buffer);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.is(a.length, b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

const MEAN = [123.675, 116.28, 103.53];
const STD = [58.395, 57.12, 57.375];

withOpenCv('PNG: resize and normalization equal OpenCV on float data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calib-'));
  try {
    const { width, height, rgba } = card();
    const png = new PNG({ width, height });
    png.data = Buffer.from(rgba);
    const file = join(dir, 'card.png');
    writeFileSync(file, PNG.sync.write(png));
    for (const [h, w] of [
      [24, 16],
      [40, 60],
    ] as const) {
      const pre = parsePreprocess({ mean: MEAN.join(','), std: STD.join(',') });
      const [sample] = readCalibration([file], model(`1,3,${h},${w}`), pre, 1, 'm.onnx');
      const ours = sample!.x!.data as Float32Array;
      const diff = maxDiff(ours, openCvReference(file, h, w, MEAN, STD));
      assert.ok(diff < 1e-3, `${h}x${w}: max difference ${diff}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

withOpenCv('JPEG: the decoded image is within four grey levels of OpenCV (libjpeg; IDCTs differ, observed 3)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calib-'));
  try {
    const { width, height, rgba } = card();
    const file = join(dir, 'card.jpg');
    writeFileSync(file, jpeg.encode({ width, height, data: rgba }, 95).data);
    const pre = parsePreprocess({});
    const [sample] = readCalibration([dir], model('1,3,20,30'), pre, 4, 'm.onnx');
    const diff = maxDiff(sample!.x!.data as Float32Array, openCvReference(file, 20, 30, [0], [1]));
    assert.ok(diff <= 4, `max difference ${diff} grey levels`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

withOpenCv('NHWC layout keeps channels last', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calib-'));
  try {
    const { width, height, rgba } = card();
    const png = new PNG({ width, height });
    png.data = Buffer.from(rgba);
    const file = join(dir, 'card.png');
    writeFileSync(file, PNG.sync.write(png));
    const nchw = readCalibration([file], model('1,3,20,30'), parsePreprocess({}), 1, 'm')[0]!.x!.data;
    const nhwc = readCalibration([file], model('1,20,30,3'), parsePreprocess({}), 1, 'm')[0]!.x!.data;
    for (const [c, y, x] of [
      [0, 3, 7],
      [2, 19, 29],
      [1, 10, 0],
    ] as const)
      assert.is(nhwc[(y * 30 + x) * 3 + c], nchw[(c * 20 + y) * 30 + x]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('.npy (numpy float64) and raw float32 are read exactly; wrong sizes are input errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calib-'));
  try {
    const values = Float32Array.from({ length: 24 }, (_, i) => i / 7 - 1);
    writeFileSync(join(dir, 'b.raw'), new Uint8Array(values.buffer));
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 3, 4), }";
    const padded = header.padEnd(118, ' ') + '\n';
    const npy = Buffer.concat([
      Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0, padded.length, 0]),
      Buffer.from(padded),
      Buffer.from(new Float64Array(values).buffer),
    ]);
    writeFileSync(join(dir, 'a.npy'), npy);
    const samples = readCalibration([dir], model('1,2,3,4'), parsePreprocess({}), 10, 'm');
    assert.is(samples.length, 2);
    for (const s of samples) assert.equal(Array.from(s.x!.data as Float32Array), Array.from(values));
    assert.throws(
      () => readCalibration([join(dir, 'b.raw')], model('1,2,3,5'), parsePreprocess({}), 1, 'm'),
      (e: unknown) => e instanceof InputError && /raw float32 data of 96 bytes/.test(e.problem),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
