/** .npy files written by NumPy itself (versions 1.0 and 2.0, several dtypes) parse to the same values; bad files give one-line errors. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNpy } from '../../src/io/npy.js';
import { InputError } from '../../src/io/input-error.js';
import { PYTHON } from '../helpers/onnx-checker.js';
import { needing } from '../helpers/prereq.js';
import { NUMPY } from '../helpers/prerequisites.js';

const dir = mkdtempSync(join(tmpdir(), 'convcheck-npy-'));

needing(test, NUMPY)('NumPy-written arrays read back exactly', () => {
  const script = `
import numpy as np
from numpy.lib import format as f
rng = np.random.default_rng(3)
np.save('${dir}/f32.npy', rng.standard_normal((2, 3, 4)).astype(np.float32))
np.save('${dir}/i64.npy', np.arange(-5, 7, dtype=np.int64).reshape(3, 4))
np.save('${dir}/u8.npy', np.arange(10, dtype=np.uint8))
np.save('${dir}/scalar.npy', np.float32(2.5))
with open('${dir}/v2.npy', 'wb') as fh: f.write_array(fh, np.ones((1, 2), np.int32), version=(2, 0))
np.save('${dir}/fortran.npy', np.asfortranarray(np.ones((2, 3), np.float32)))
np.save('${dir}/f64.npy', np.ones(3))
`;
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const f32 = parseNpy(new Uint8Array(readFileSync(join(dir, 'f32.npy'))), 'f32.npy');
  assert.equal([f32.dtype, f32.shape], ['float32', [2, 3, 4]]);
  const raw = spawnSync(
    PYTHON,
    ['-c', `import numpy as np; print(' '.join(repr(float(x)) for x in np.load('${dir}/f32.npy').ravel()))`],
    { encoding: 'utf8' },
  )
    .stdout.trim()
    .split(' ')
    .map(Number);
  const mine = new Float32Array(f32.bytes.slice().buffer);
  assert.equal([...mine], raw);
  const i64 = parseNpy(new Uint8Array(readFileSync(join(dir, 'i64.npy'))), 'i64.npy');
  assert.equal(
    [...new BigInt64Array(i64.bytes.slice().buffer)].map(Number),
    Array.from({ length: 12 }, (_, i) => i - 5),
  );
  assert.equal(parseNpy(new Uint8Array(readFileSync(join(dir, 'u8.npy'))), 'u8.npy').shape, [10]);
  assert.equal(parseNpy(new Uint8Array(readFileSync(join(dir, 'scalar.npy'))), 's').shape, []);
  const v2 = parseNpy(new Uint8Array(readFileSync(join(dir, 'v2.npy'))), 'v2.npy');
  assert.equal([v2.dtype, v2.shape, [...new Int32Array(v2.bytes.slice().buffer)]], ['int32', [1, 2], [1, 1]]);
  assert.equal(parseNpy(new Uint8Array(readFileSync(join(dir, 'f64.npy'))), 'f64.npy').dtype, 'float64');
  assert.throws(
    () => parseNpy(new Uint8Array(readFileSync(join(dir, 'fortran.npy'))), 'fortran.npy'),
    (e: Error) => e instanceof InputError && /Fortran order/.test(e.message),
  );
});

test('truncated, foreign and lying headers are one-line InputErrors naming the file', () => {
  const good = new Uint8Array([
    0x93,
    ...Buffer.from('NUMPY'),
    1,
    0,
    70,
    0,
    ...Buffer.from("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }".padEnd(69) + '\n'),
    0,
    0,
    0,
    0,
    0,
    0,
    0x80,
    0x3f,
  ]);
  assert.equal(new Float32Array(parseNpy(good, 'g.npy').bytes.slice().buffer)[1], 1);
  const cases: [Uint8Array, RegExp][] = [
    [good.subarray(0, 20), /header length 70 runs past the end/],
    [good.subarray(0, good.length - 1), /data is 7 bytes; shape \(2\) of float32 needs 8/],
    [new Uint8Array(Buffer.from('PK\x03\x04 not numpy at all')), /not a .npy file/],
    [Uint8Array.from([...good.subarray(0, 6), 9, ...good.subarray(7)]), /version 9/],
    [
      new Uint8Array(Buffer.from(Buffer.from(good).toString('latin1').replace("'<f4'", "'>f4'"), 'latin1')),
      /dtype '>f4' is not supported/,
    ],
  ];
  for (const [bytes, re] of cases) {
    assert.throws(
      () => parseNpy(bytes, 'x.npy'),
      (e: Error) =>
        e instanceof InputError && e.message.startsWith('x.npy: ') && re.test(e.message) && !e.message.includes('\n'),
    );
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
