import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endQuietlyOnBrokenPipe } from './broken-pipe.js';

/**
 * Terminal questions and stdout writes that cost an audit nothing: Node builds process.stdout, stdin and
 * stderr, and loads its tty and net modules, on first touch (about 7 ms of a 0.1 s audit). A file or a pipe
 * is told from its stat alone; only a character device (a terminal, or /dev/null) asks the tty module.
 */
export function isTerminal(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false; // closed
  }
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

/**
 * Write `text` to stdout at once, in full. A reader that has gone (EPIPE) took what it wanted: the rest is
 * dropped and the command ends with its own status, as src/cli/broken-pipe.ts has it for the stream. A
 * non-blocking pipe that is full (EAGAIN) gets the rest through process.stdout, which waits for it.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written, bytes.length - written);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    if (code !== 'EAGAIN') throw e;
    endQuietlyOnBrokenPipe();
    process.stdout.write(bytes.subarray(written));
  }
}
