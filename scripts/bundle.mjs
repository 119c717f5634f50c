/**
 * The command-line entry as a few files (dist/bundle/main.js and its chunks) instead of ~250 ES modules, with
 * bin.cjs in front of it and the audit as one script with a code cache (docs/audit-start-up.md):
 * Node resolves, reads and compiles one module graph of a dozen files, which halves an audit's start-up.
 * Built from tsc's output (dist/src), so the bundle runs exactly the code the tests run. Packages stay
 * external (installed dependencies); each command and the TUI stay in chunks of their own, so an audit
 * never loads ink, react or onnxruntime-node.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

// The package's large data files, indexed (src/io/json-index.ts): the bundles read them through
// src/io/package-json-indexed.ts, which parses only the records a command reads.
const { buildJsonIndex } = await import(join(root, 'dist', 'src', 'io', 'json-index.js'));
const { indexPath } = await import(join(root, 'dist', 'src', 'io', 'package-json-indexed.js'));
const INDEXED = [
  ['targets.json', [['targets', '*', 'ops'], ['targets', '*', 'variants', '*', 'ops'], ['quantSchemes']]],
  ['opsets/onnx.json', [['domains', '*']]],
];
for (const [relPath, lazyPaths] of INDEXED) {
  const source = readFileSync(join(root, relPath));
  const out = indexPath(relPath);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, buildJsonIndex(JSON.parse(source.toString('utf8')), source.length, lazyPaths));
}
const indexedData = {
  name: 'indexed-package-data',
  setup(b) {
    b.onResolve({ filter: /\/package-json\.js$/ }, (a) => ({
      path: join(a.resolveDir, a.path.replace(/package-json\.js$/, 'package-json-indexed.js')),
    }));
  },
};
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
  plugins: [indexedData],
  logLevel: 'warning',
});

// The non-interactive audit again as one CommonJS script (src/cli/audit-main.ts, loaded by src/cli/audit-bundle.ts
// with a V8 code cache): chalk (ESM only, the text report's colours) is bundled in, the other packages stay
// installed; the TUI and fix are never reached from it (the bin takes the normal path for them) and are left out.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const installed = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
const leftOut = {
  name: 'left-out-of-the-audit',
  setup(b) {
    b.onResolve({ filter: /(^\.\/fix\.js|\/tui\/index\.js)$/ }, (a) =>
      a.importer.endsWith(join('cli', 'commands', 'check.js')) ? { path: a.path, namespace: 'left-out' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (a) => ({
      contents: `const absent = () => { throw new Error('${a.path} is not part of the audit bundle'); };
export const run = absent, runTui = absent;`,
    }));
  },
};
// The audit styles its text with `new Chalk({ level })` (src/report/text.ts) and never with chalk's default
// instance, so chalk's own colour detection (its vendored supports-color, which loads Node's tty and net modules
// at start, ~4 ms) is left out of the audit script.
const noColorDetection = {
  name: 'no-colour-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'no-colour-detection' }));
    b.onLoad({ filter: /.*/, namespace: 'no-colour-detection' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
    }));
  },
};
// the ONNX audit script: the same, with converters/onnx-only.js as the format registry (src/cli/audit-bundle.ts
// gives it the models whose name ends in .onnx), so it holds no TFLite, Caffe or ncnn code
const onnxOnly = {
  name: 'onnx-only-registry',
  setup(b) {
    b.onResolve({ filter: /\/converters\/index\.js$/ }, (a) => ({
      path: join(a.resolveDir, a.path.replace(/index\.js$/, 'onnx-only.js')),
    }));
  },
};
for (const [outfile, registry] of [
  ['audit.cjs', []],
  ['audit-onnx.cjs', [onnxOnly]],
]) {
  await build({
    entryPoints: [join(root, 'dist', 'src', 'cli', 'audit-main.js')],
    outfile: join(outdir, outfile),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: [...installed.filter((p) => p !== 'chalk'), ...installed.map((p) => `${p}/*`)],
    plugins: [leftOut, indexedData, noColorDetection, ...registry],
    // minified and ASCII: less to read, and V8 takes a one-byte source on its fast path (--debug runs main.js,
    // so stack traces keep their names)
    minify: true,
    charset: 'ascii',
    legalComments: 'none',
    define: { 'import.meta.url': '__audit_bundle_url' },
    banner: { js: 'const __audit_bundle_url = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: 'warning',
  });
}
// the bin: a CommonJS script, so a check that audit.cjs serves never starts Node's ES module loader (~16 ms)
await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'bin.js')],
  outfile: join(outdir, 'bin.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  supported: { 'dynamic-import': true }, // main.js is an ES module: imported, not required
  define: { 'import.meta.url': '__bin_url' },
  banner: { js: 'const __bin_url = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
// its code cache, made by an audit of a sample model (scripts/audit-code-cache.mjs; without one the bin compiles)
const cache = spawnSync(process.execPath, [join(root, 'scripts', 'audit-code-cache.mjs')], {
  stdio: ['ignore', 'ignore', 'inherit'], // the sample's report is not wanted
});
if (cache.status !== 0) process.exitCode = 1;

// The bin is executable whatever the umask; so is tsc's entry, the bin of releases before the bundle, which a
// stale `npm exec` cache link (~/.npm/_npx) may still point to after an upgrade.
for (const entry of [join(outdir, 'bin.cjs'), join(outdir, 'main.js'), join(root, 'dist', 'src', 'cli', 'main.js')])
  chmodSync(entry, 0o755);
