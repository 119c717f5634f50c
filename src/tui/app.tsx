import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import type { TuiSession } from './session.js';
import { nodeRows, ruleRows } from './session.js';
import { actionFor } from './keymap.js';
import { initialState, reduce, scrollTo, typeSearch, type TuiState } from './state.js';
import { Header } from './header.js';
import { NodeList, RuleList } from './node-list.js';
import { DetailPane } from './detail-pane.js';
import { HelpOverlay, MatrixOverlay } from './overlays.js';
import { FixOverlay } from './fix-overlay.js';
import { ExportOverlay } from './export-overlay.js';
import { QuantOverlay } from './quant-overlay.js';
import { paint } from './color.js';
import { termText } from '../report/safe-text.js';
import { fit, glyphs } from './layout.js';
import { costLines } from './cost-text.js';

const FOOTER = `${glyphs.ok === '+' ? 'up/down' : '↑↓'} move Enter detail Tab view f filter / search s sort c cost t target m matrix x fix e export Q quant ? help q quit`;

/** Terminal size, following resizes. */
function useSize(): { cols: number; rows: number } {
  const { stdout } = useStdout();
  const get = (): { cols: number; rows: number } => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(get);
  useEffect(() => {
    const on = (): void => setSize(get());
    stdout.on('resize', on);
    return () => {
      stdout.off('resize', on);
    };
  }, [stdout]);
  return size;
}

export function App({
  session,
  fixSafety = () => undefined,
}: {
  session: TuiSession;
  fixSafety?: (id: string) => string | undefined;
}) {
  const { exit } = useApp();
  const { cols, rows: termRows } = useSize();
  // with findings the first screen is the findings by rule (the node list a Tab away)
  const [s, setS] = useState<TuiState>(() => ({
    ...initialState,
    view: session.result(session.targets[0]!.id).findings.length ? 'findings' : 'nodes',
  }));
  const [version, setVersion] = useState(0);
  const target = session.targets[s.targetIndex]!;
  const list = useMemo(
    () =>
      s.view === 'nodes'
        ? nodeRows(session, target.id, s.filter, s.search, s.sort)
        : ruleRows(session, target.id, s.search),
    [session, target.id, s.view, s.filter, s.search, s.sort, version],
  );
  const wide = cols >= 120;
  const listWidth = wide && s.detail ? Math.floor(cols / 2) : cols;
  const listHeight = Math.max(
    3,
    termRows -
      5 /* header */ -
      1 /* status */ -
      1 /* footer */ -
      1 /* the last line stays free: a full screen would scroll the terminal on every redraw */ -
      (s.detail && !wide ? Math.floor((termRows - 6) / 2) : 0),
  );
  const ctx = { rows: list.length, page: listHeight, targets: session.targets.length };

  // the keyboard handler reads and writes a ref, so keys typed faster than a render all count
  const current = useRef<TuiState>(s);
  current.current = s;
  const update = (next: TuiState): void => {
    current.current = next;
    setS(next);
  };
  useInput((input, key) => {
    const cur = current.current;
    if (cur.overlay === 'fix' || cur.overlay === 'export' || cur.overlay === 'quant') return; // they read the keyboard themselves
    if (cur.searching) {
      update(typeSearch(cur, input, key));
      return;
    }
    const action = actionFor(input, key);
    if (!action) return;
    if (action === 'quit') {
      exit();
      return;
    }
    if (cur.overlay === 'matrix' && /^target-\d$/.test(action)) {
      update({ ...reduce(cur, action, ctx), overlay: null });
      return;
    }
    update(scrollTo(reduce(cur, action, ctx), listHeight));
  });

  const selected = list[s.selected];
  const search = s.search || s.searching ? `  /${termText(s.search)}${s.searching ? glyphs.cursor : ''}` : '';
  const viewName = s.overlay === 'quant' ? 'quantization' : s.view === 'nodes' ? 'nodes' : 'findings by rule';
  const status =
    s.overlay === 'quant'
      ? `target:${target.id}  [${viewName}]`
      : `target:${target.id}  [${viewName}]  filter:${s.filter}  sort:${s.sort}${search}  ${list.length ? s.selected + 1 : 0}/${list.length}`;
  const listEl =
    s.view === 'nodes' ? (
      <NodeList
        rows={list as ReturnType<typeof nodeRows>}
        selected={s.selected}
        top={s.top}
        height={listHeight}
        width={listWidth}
      />
    ) : (
      <RuleList
        rows={list as ReturnType<typeof ruleRows>}
        selected={s.selected}
        top={s.top}
        height={listHeight}
        width={listWidth}
      />
    );
  const detailEl = s.detail ? (
    <DetailPane
      row={selected}
      height={wide ? listHeight : Math.floor((termRows - 6) / 2)}
      width={wide ? cols - listWidth : cols}
      fixSafety={fixSafety}
      cost={
        selected?.kind === 'node' && selected.cost && session.cost
          ? costLines(selected.cost, session.cost(target.id), { ascii: glyphs.ok === '+' })
          : []
      }
    />
  ) : null;
  return (
    <Box flexDirection="column" width={cols}>
      <Header session={session} targetId={target.id} width={cols} />
      <Text inverse wrap="truncate-end">
        {fit(status, cols)}
      </Text>
      {s.overlay === 'help' ? (
        <HelpOverlay width={cols} />
      ) : s.overlay === 'matrix' ? (
        <MatrixOverlay session={session} width={cols} />
      ) : s.overlay === 'fix' ? (
        <FixOverlay
          session={session}
          targetId={target.id}
          width={cols}
          onClose={() => update({ ...current.current, overlay: null })}
          onApplied={() => setVersion(version + 1)}
        />
      ) : s.overlay === 'export' ? (
        <ExportOverlay session={session} width={cols} onClose={() => update({ ...current.current, overlay: null })} />
      ) : s.overlay === 'quant' ? (
        <QuantOverlay
          session={session}
          targetId={target.id}
          width={cols}
          height={termRows - 8}
          onClose={() => update({ ...current.current, overlay: null })}
        />
      ) : wide ? (
        <Box>
          <Box width={listWidth} flexDirection="column">
            {listEl}
          </Box>
          {detailEl && <Box width={cols - listWidth}>{detailEl}</Box>}
        </Box>
      ) : (
        <Box flexDirection="column">
          {listEl}
          {detailEl}
        </Box>
      )}
      <Text color={paint('gray')} wrap="truncate-end">
        {fit(FOOTER, cols)}
      </Text>
    </Box>
  );
}
