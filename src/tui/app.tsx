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
import { paint } from './color.js';

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
  const [s, setS] = useState<TuiState>(initialState);
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
  const listHeight = Math.max(
    3,
    termRows -
      5 /* header */ -
      1 /* status */ -
      1 /* footer */ -
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
    if (cur.overlay === 'fix' || cur.overlay === 'export') return; // they read the keyboard themselves
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
  const status = `${target.id}  [${s.view === 'nodes' ? 'nodes' : 'findings by rule'}]  filter:${s.filter}  sort:${s.sort}${s.search || s.searching ? `  /${s.search}${s.searching ? '█' : ''}` : ''}  ${list.length ? s.selected + 1 : 0}/${list.length}`;
  const listEl =
    s.view === 'nodes' ? (
      <NodeList
        rows={list as ReturnType<typeof nodeRows>}
        selected={s.selected}
        top={s.top}
        height={listHeight}
        width={wide && s.detail ? Math.floor(cols / 2) : cols}
      />
    ) : (
      <RuleList
        rows={list as ReturnType<typeof ruleRows>}
        selected={s.selected}
        top={s.top}
        height={listHeight}
        width={wide && s.detail ? Math.floor(cols / 2) : cols}
      />
    );
  const detailEl = s.detail ? (
    <DetailPane row={selected} height={wide ? listHeight : Math.floor((termRows - 6) / 2)} fixSafety={fixSafety} />
  ) : null;
  return (
    <Box flexDirection="column" width={cols}>
      <Header session={session} targetId={target.id} />
      <Text inverse wrap="truncate-end">
        {status.padEnd(cols)}
      </Text>
      {s.overlay === 'help' ? (
        <HelpOverlay />
      ) : s.overlay === 'matrix' ? (
        <MatrixOverlay session={session} />
      ) : s.overlay === 'fix' ? (
        <FixOverlay
          session={session}
          targetId={target.id}
          onClose={() => update({ ...current.current, overlay: null })}
          onApplied={() => setVersion(version + 1)}
        />
      ) : s.overlay === 'export' ? (
        <ExportOverlay session={session} onClose={() => update({ ...current.current, overlay: null })} />
      ) : wide ? (
        <Box>
          <Box width="50%" flexDirection="column">
            {listEl}
          </Box>
          {detailEl && <Box width="50%">{detailEl}</Box>}
        </Box>
      ) : (
        <Box flexDirection="column">
          {listEl}
          {detailEl}
        </Box>
      )}
      <Text color={paint('gray')} wrap="truncate-end">
        ↑↓ move Enter detail Tab view f filter / search s sort t target m matrix x fix e export ? help q quit
      </Text>
    </Box>
  );
}
