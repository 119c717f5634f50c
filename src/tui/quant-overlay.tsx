import { useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { QuantReport } from '../quant/analysis/quant-report.js';
import type { TuiSession } from './session.js';
import { paint } from './color.js';
import { fit, glyphs } from './layout.js';
import { flagLegend, layerDetailLines, layerRowText, quantHeaderLine, quantSummary } from './quant-text.js';
import { layerWeights } from './quant-session.js';

type Phase =
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; report: QuantReport }
  | { kind: 'error'; message: string };

/** The first visible row that keeps `selected` in a window of `rows` rows starting near `top`. */
function scrolledTop(top: number, selected: number, rows: number): number {
  if (selected < top) return selected;
  if (selected >= top + rows) return selected - rows + 1;
  return top;
}

/** Rows the view keeps for its title, summary, column header and legend. */
const CHROME_ROWS = 4;

function progressText(target: string, done: number, total: number): string {
  const share = total ? ` ${done}/${total} runs (${Math.floor((100 * done) / total)}%)` : '';
  return `simulating ${target}'s quantization in onnxruntime${glyphs.ellipsis}${share}; seeded synthetic inputs: indicative only`;
}

/**
 * `Q`: the quantization view of the active target. Runs the analysis in the background (a progress line), then the
 * layers ranked by damage with the selected layer's detail (ranges, diagnostics, weight histogram) beside them on a
 * wide terminal, in place of them on a narrow one (Enter toggles). ↑↓ / j k / PgUp PgDn / g G move; Esc or Q returns.
 */
export function QuantOverlay({
  session,
  targetId,
  width,
  height,
  onClose,
}: {
  session: TuiSession;
  targetId: string;
  width: number;
  height: number;
  onClose: () => void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'running', done: 0, total: 0 });
  const [selected, setSelected] = useState(0);
  const [top, setTop] = useState(0);
  /** Narrow terminals: the detail pane replaces the list (Enter toggles). */
  const [detailOpen, setDetailOpen] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    if (!session.quant) {
      setPhase({ kind: 'error', message: 'the quantization analysis is not available in this build' });
      return;
    }
    session
      .quant(targetId, (done, total) => {
        if (mounted.current) setPhase({ kind: 'running', done, total });
      })
      .then(
        (report) => mounted.current && setPhase({ kind: 'done', report }),
        (e: Error) => mounted.current && setPhase({ kind: 'error', message: e.message }),
      );
    return () => {
      mounted.current = false;
    };
  }, [session, targetId]);

  const wide = width >= 120;
  const body = Math.max(2, height - CHROME_ROWS);
  const listRows = body;
  const listWidth = wide ? Math.floor(width / 2) : width;
  const detailWidth = wide ? width - listWidth - 1 : width;
  const detailRows = body;
  const layers = phase.kind === 'done' ? phase.report.layers : [];

  // keys typed faster than a render all count: the handler reads and writes the selection through a ref
  const selection = useRef(0);
  const select = (i: number): void => {
    const next = Math.max(0, Math.min(i, layers.length - 1));
    selection.current = next;
    setSelected(next);
    setTop((t) => scrolledTop(t, next, listRows));
  };
  useInput((input, key) => {
    if (key.escape || input === 'Q') onClose();
    else if (key.upArrow || input === 'k') select(selection.current - 1);
    else if (key.downArrow || input === 'j') select(selection.current + 1);
    else if (key.pageUp) select(selection.current - listRows);
    else if (key.pageDown || input === ' ') select(selection.current + listRows);
    else if (input === 'g') select(0);
    else if (input === 'G') select(layers.length - 1);
    else if (key.return || key.rightArrow) setDetailOpen((open) => !open);
  });

  const title = fit(`Quantization of ${targetId} (layers by damage)`, width);
  if (phase.kind !== 'done')
    return (
      <Box flexDirection="column" width={width}>
        <Text bold>{title}</Text>
        {phase.kind === 'running' ? (
          <Text color={paint('cyan')}>{fit(progressText(targetId, phase.done, phase.total), width)}</Text>
        ) : (
          <Text color={paint('red')}>{fit(`failed: ${termText(phase.message, MESSAGE_MAX)}`, width)}</Text>
        )}
        <Text dimColor>{fit('Esc returns', width)}</Text>
      </Box>
    );
  const layer = layers[selected];
  const detail = layer
    ? layerDetailLines(layer, layerWeights(session.model, layer.node), detailWidth, {
        bar: glyphs.ok === '+' ? '#' : '█',
        rows: detailRows,
      })
    : [];
  const list = layers.slice(top, top + listRows).map((l, i) => (
    <Text key={top + i} inverse={top + i === selected} wrap="truncate-end">
      {layerRowText(l, top + i + 1, listWidth)}
    </Text>
  ));
  const detailEl = (
    <Box flexDirection="column" width={detailWidth}>
      {detail.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{title}</Text>
      <Text color={paint(phase.report.synthetic ? 'yellow' : 'green')} wrap="truncate-end">
        {fit(quantSummary(phase.report), width)}
      </Text>
      <Text dimColor wrap="truncate-end">
        {wide || !detailOpen ? quantHeaderLine(listWidth) : fit('detail (Enter: back to the list)', width)}
      </Text>
      {layers.length === 0 ? (
        <Text>{fit('no quantizable layer (Conv, ConvTranspose, Gemm, MatMul with a constant weight)', width)}</Text>
      ) : wide ? (
        <Box>
          <Box flexDirection="column" width={listWidth + 1}>
            {list}
          </Box>
          {detailEl}
        </Box>
      ) : detailOpen ? (
        detailEl
      ) : (
        <Box flexDirection="column">{list}</Box>
      )}
      <Text dimColor wrap="truncate-end">
        {fit(`${wide ? '' : 'Enter detail  '}Esc back  flags: ${flagLegend()}`, width)}
      </Text>
    </Box>
  );
}
