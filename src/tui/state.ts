import type { Action } from './keymap.js';
import type { Filter, Sort } from './session.js';

export type Overlay = null | 'help' | 'matrix' | 'fix' | 'export' | 'quant';
export type View = 'nodes' | 'findings';

export interface TuiState {
  targetIndex: number;
  view: View;
  overlay: Overlay;
  detail: boolean;
  filter: Filter;
  search: string;
  /** The search line has the keyboard. */
  searching: boolean;
  sort: Sort;
  selected: number;
  /** First visible row of the list (virtualized: only the visible rows render). */
  top: number;
}

export const initialState: TuiState = {
  targetIndex: 0,
  view: 'nodes',
  overlay: null,
  detail: false,
  filter: 'all',
  search: '',
  searching: false,
  sort: 'graph',
  selected: 0,
  top: 0,
};

const FILTERS: Filter[] = ['all', 'unsupported', 'partial', 'unknown', 'supported'];
const SORTS: Sort[] = ['graph', 'verdict', 'op', 'cost'];

/** The pure state transition for one action; `rows` is the current list length, `page` its visible height. */
export function reduce(s: TuiState, action: Action, ctx: { rows: number; page: number; targets: number }): TuiState {
  const clamp = (i: number): number => Math.max(0, Math.min(i, Math.max(0, ctx.rows - 1)));
  const select = (i: number): TuiState => scrollTo({ ...s, selected: clamp(i) }, ctx.page);
  const reset = (next: Partial<TuiState>): TuiState => ({ ...s, ...next, selected: 0, top: 0 });
  if (s.overlay && !['close', 'help', 'quit', 'matrix'].includes(action)) {
    return s; // overlays own the keyboard (fix/export handle their own keys)
  }
  switch (action) {
    case 'up':
      return select(s.selected - 1);
    case 'down':
      return select(s.selected + 1);
    case 'page-up':
      return select(s.selected - ctx.page);
    case 'page-down':
      return select(s.selected + ctx.page);
    case 'home':
      return select(0);
    case 'end':
      return select(ctx.rows - 1);
    case 'toggle-detail':
      return { ...s, detail: !s.detail };
    case 'close':
      return s.overlay ? { ...s, overlay: null } : { ...s, detail: false };
    case 'toggle-view':
      return reset({ view: s.view === 'nodes' ? 'findings' : 'nodes', detail: false });
    case 'filter':
      return reset({ filter: FILTERS[(FILTERS.indexOf(s.filter) + 1) % FILTERS.length]! });
    case 'search':
      return { ...s, searching: true };
    case 'sort':
      return reset({ sort: SORTS[(SORTS.indexOf(s.sort) + 1) % SORTS.length]! });
    case 'sort-cost':
      // the costliest nodes: the node list sorted by MACs (again: back to graph order)
      return reset({ view: 'nodes', sort: s.sort === 'cost' && s.view === 'nodes' ? 'graph' : 'cost', detail: false });
    case 'next-target':
      return reset({ targetIndex: (s.targetIndex + 1) % ctx.targets });
    case 'target-1':
    case 'target-2':
    case 'target-3':
    case 'target-4':
    case 'target-5': {
      const i = Number(action.slice(-1)) - 1;
      return i < ctx.targets ? reset({ targetIndex: i }) : s;
    }
    case 'matrix':
      return { ...s, overlay: s.overlay === 'matrix' ? null : 'matrix' };
    case 'help':
      return { ...s, overlay: s.overlay === 'help' ? null : 'help' };
    case 'fix':
      return { ...s, overlay: 'fix' };
    case 'export':
      return { ...s, overlay: 'export' };
    case 'quant':
      return { ...s, overlay: 'quant' };
    case 'quit':
      return s;
  }
}

/** Keep the selection inside the visible window. */
export function scrollTo(s: TuiState, page: number): TuiState {
  let top = s.top;
  if (s.selected < top) top = s.selected;
  if (s.selected >= top + page) top = s.selected - page + 1;
  return { ...s, top: Math.max(0, top) };
}

/** Typing in the search line. */
export function typeSearch(
  s: TuiState,
  input: string,
  key: { return?: boolean; escape?: boolean; backspace?: boolean; delete?: boolean },
): TuiState {
  if (key.escape) return { ...s, searching: false, search: '', selected: 0, top: 0 };
  if (key.return) return { ...s, searching: false };
  if (key.backspace || key.delete) return { ...s, search: s.search.slice(0, -1), selected: 0, top: 0 };
  if (input && !/[\x00-\x1f]/.test(input)) return { ...s, search: s.search + input, selected: 0, top: 0 };
  return s;
}
