import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Prereq } from './prereq.js';

const BINARY = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? 'chromium';

/** Debian's chromium, headless, as the real browser the HTML report is checked in. */
export const CHROMIUM: Prereq = {
  name: 'chromium',
  ok: spawnSync(BINARY, ['--version'], { stdio: 'ignore' }).status === 0,
  install: 'apt-get install chromium',
};

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1280,900'];

/** Load a page and return the DOM after its scripts ran (chromium waits for the load event). */
export function dumpDom(url: string): string {
  const r = spawnSync(BINARY, [...FLAGS, '--dump-dom', url], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`chromium failed: ${r.stderr.slice(-400)}`);
  return r.stdout;
}

/** Load a page and write a PNG screenshot of the viewport. */
export function screenshot(url: string, png: string): void {
  const r = spawnSync(BINARY, [...FLAGS, `--screenshot=${png}`, url], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || !existsSync(png)) throw new Error(`chromium screenshot failed: ${r.stderr.slice(-400)}`);
}
