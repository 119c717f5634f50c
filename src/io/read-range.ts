import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Read `into.byteLength` bytes at `offset` of a file straight into `into` (positioned reads, no other buffer);
 * throws when the file ends first.
 */
export function readRangeInto<T extends Uint8Array>(path: string, offset: number, into: T): T {
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < into.byteLength) {
      const n = readSync(fd, into, got, into.byteLength - got, offset + got);
      if (n === 0) throw new Error(`${path}: file ends before offset ${offset + into.byteLength}`);
      got += n;
    }
  } finally {
    closeSync(fd);
  }
  return into;
}
