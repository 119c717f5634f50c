/**
 * A reader that stops early (`convcheck targets | head -1`) closes the pipe while convcheck still writes: the
 * command ends with its own status and prints nothing on stderr — no EPIPE stack trace — on both entries of the
 * installed bin (the audit script and main.js).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { sample } from '../helpers/samples.js';

const BIN = join(ROOT, 'dist', 'bundle', 'bin.cjs');

interface Ended {
  code: number | null;
  stderr: string;
  bytesRead: number;
}

/** Run the bin, read its first chunk of stdout, then close the pipe; resolves when the process has ended. */
function readFirstChunkThenClose(args: string[]): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let bytesRead = 0;
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.stdout.once('data', (chunk: Buffer) => {
      bytesRead = chunk.length;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, bytesRead }));
  });
}

test('targets --markdown (375 KB) into a reader that leaves after the first chunk: exit 0, stderr empty', async () => {
  const ended = await readFirstChunkThenClose(['targets', '--markdown']);
  assert.ok(ended.bytesRead > 0, 'the reader got output');
  assert.is(ended.stderr, '');
  assert.is(ended.code, 0);
});

test('an audit with findings into a reader that leaves early: exit 1 (findings), stderr empty', async () => {
  // 229 KB of HTML: more than the pipe holds twice over, so the audit's write meets the closed pipe
  const ended = await readFirstChunkThenClose([sample('vit-op17').path, '--target', 'all', '--format', 'html']);
  assert.ok(ended.bytesRead > 0, 'the reader got output');
  assert.is(ended.stderr, '');
  assert.is(ended.code, 1);
});

test.run();
