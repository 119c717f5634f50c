/** Every key of the terminal UI, as data: the input handler and the help overlay both read this table. */
export interface KeyBinding {
  keys: string[];
  action: Action;
  help: string;
}

export type Action =
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'home'
  | 'end'
  | 'toggle-detail'
  | 'close'
  | 'toggle-view'
  | 'filter'
  | 'search'
  | 'sort'
  | 'sort-cost'
  | 'next-target'
  | 'target-1'
  | 'target-2'
  | 'target-3'
  | 'target-4'
  | 'target-5'
  | 'matrix'
  | 'fix'
  | 'export'
  | 'quant'
  | 'help'
  | 'quit';

export const KEYMAP: KeyBinding[] = [
  { keys: ['↑', 'k'], action: 'up', help: 'previous row' },
  { keys: ['↓', 'j'], action: 'down', help: 'next row' },
  { keys: ['PgUp'], action: 'page-up', help: 'page up' },
  { keys: ['PgDn', 'space'], action: 'page-down', help: 'page down' },
  { keys: ['g'], action: 'home', help: 'first row' },
  { keys: ['G'], action: 'end', help: 'last row' },
  { keys: ['Enter', '→'], action: 'toggle-detail', help: 'open / close the detail pane of the selected node' },
  { keys: ['Tab'], action: 'toggle-view', help: 'switch between nodes and findings grouped by rule' },
  { keys: ['f'], action: 'filter', help: 'filter by verdict (all → unsupported → partial → unknown → supported)' },
  { keys: ['/'], action: 'search', help: 'search nodes by name or op (Enter keeps, Esc clears)' },
  { keys: ['s'], action: 'sort', help: 'sort: graph order → worst verdict first → op name → cost' },
  { keys: ['c'], action: 'sort-cost', help: 'nodes by cost (MACs, costliest first); again: graph order' },
  { keys: ['t'], action: 'next-target', help: 'next target' },
  { keys: ['1'], action: 'target-1', help: 'target 1' },
  { keys: ['2'], action: 'target-2', help: 'target 2' },
  { keys: ['3'], action: 'target-3', help: 'target 3' },
  { keys: ['4'], action: 'target-4', help: 'target 4' },
  { keys: ['5'], action: 'target-5', help: 'target 5' },
  { keys: ['m'], action: 'matrix', help: 'all-targets matrix: ready / needs fixes / blocked' },
  { keys: ['x'], action: 'fix', help: 'preview the fixes for this target, apply them, re-check and verify' },
  { keys: ['e'], action: 'export', help: 'export the (fixed) model as ncnn or ONNX to a path you type' },
  { keys: ['Q'], action: 'quant', help: "quantization view: this target's layers by damage (synthetic inputs)" },
  { keys: ['?'], action: 'help', help: 'this help (Esc or ? closes any overlay)' },
  { keys: ['Esc'], action: 'close', help: 'close the overlay / detail pane' },
  { keys: ['q', 'Ctrl-C'], action: 'quit', help: 'quit' },
];

/** Map an ink key event to an action (null: not bound). */
export function actionFor(
  input: string,
  key: {
    upArrow?: boolean;
    downArrow?: boolean;
    pageUp?: boolean;
    pageDown?: boolean;
    return?: boolean;
    escape?: boolean;
    tab?: boolean;
    rightArrow?: boolean;
    ctrl?: boolean;
  },
): Action | null {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'page-up';
  if (key.pageDown) return 'page-down';
  if (key.return || key.rightArrow) return 'toggle-detail';
  if (key.escape) return 'close';
  if (key.tab) return 'toggle-view';
  if (key.ctrl && input === 'c') return 'quit';
  if (input === ' ') return 'page-down';
  for (const b of KEYMAP) if (b.keys.includes(input)) return b.action;
  return null;
}
