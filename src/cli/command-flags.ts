/**
 * The options each command accepts, as data: anything else (unknown, or another command's) is a usage error
 * (exit 2) through `allowFlags`, never silently ignored. `--help`, `--debug`, `--color`/`--no-color` are global.
 * `fix` does not take check's --ignore, --baseline, --config or --fail-on: its re-check reports every finding.
 */
export const COMMAND_FLAGS = {
  check: [
    'target',
    'format',
    'input-shape',
    'layer-shape',
    'fail-on',
    'baseline',
    'ignore',
    'config',
    'output',
    'no-tui',
    'weights',
    'signature',
    'fix',
    'verify',
    'rtol',
    'atol',
  ],
  inspect: ['format', 'input-shape', 'layer-shape', 'weights', 'signature'],
  convert: ['to', 'output', 'external-data', 'fp16', 'input-shape', 'layer-shape', 'weights', 'quiet', 'signature'],
  fix: [
    'target',
    'output',
    'fix',
    'verify',
    'rtol',
    'atol',
    'input-shape',
    'layer-shape',
    'input',
    'fold-cap',
    'opset',
    'also',
    'weights',
    'signature',
    'no-tui',
    'format',
  ],
  targets: ['target', 'markdown'],
  explain: [],
  profile: ['target', 'format', 'input-shape', 'precision', 'output', 'weights'],
  quant: ['target', 'calib', 'samples', 'mean', 'std', 'layout', 'size', 'format', 'output', 'input-shape', 'weights'],
} as const satisfies Record<string, readonly string[]>;
