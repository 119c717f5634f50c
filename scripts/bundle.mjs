/**
 * The command-line entry as a few files (dist/bundle/main.js and its chunks) instead of ~250 ES modules:
 * Node resolves, reads and compiles one module graph of a dozen files, which halves an audit's start-up.
 * Built from tsc's output (dist/src), so the bundle runs exactly the code the tests run. Packages stay
 * external (installed dependencies); each command and the TUI stay in chunks of their own, so an audit
 * never loads ink, react or onnxruntime-node.
 */
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

// The bin is executable whatever the umask; so is tsc's entry, the bin of releases before the bundle, which a
// stale `npm exec` cache link (~/.npm/_npx) may still point to after an upgrade.
for (const entry of [join(outdir, 'main.js'), join(root, 'dist', 'src', 'cli', 'main.js')]) chmodSync(entry, 0o755);
