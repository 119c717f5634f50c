import { Box, Text } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { NodeRow, RuleRow } from './session.js';
import { VERDICT_COLOR } from './session.js';
import { paint } from './color.js';
import { formatShape } from '../ir/shape.js';

import { cellWidth, columnWidths, fit, glyphs } from './layout.js';
import { compactCount } from './cost-text.js';

const MARK = { supported: glyphs.ok, partial: '~', unsupported: glyphs.no, unknown: '?' } as const;
const LEVEL_COLOR: Record<string, string> = { error: 'red', warning: 'yellow', info: 'blue' };

/** Widest of `texts` (for the rows on screen), between `min` and `max`. */
function widest(texts: string[], min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.max(0, ...texts.map(cellWidth))));
}

const nodeName = (r: NodeRow): string => termText(r.node.origin?.name ?? r.node.name ?? '');
const nodeOp = (r: NodeRow): string => termText((r.node.domain ? r.node.domain + '.' : '') + r.node.op);
/** The cost column: MACs in at most five cells, blank where the session has no cost model. */
const nodeMacs = (r: NodeRow): string => (r.cost ? compactCount(r.cost.macs) : '');

/** The visible window of the node list (only `height` rows are rendered, however many nodes). */
export function NodeList({
  rows,
  selected,
  top,
  height,
  width,
}: {
  rows: NodeRow[];
  selected: number;
  top: number;
  height: number;
  width: number;
}) {
  const visible = rows.slice(top, top + height);
  if (!rows.length) return <Text dimColor>{fit('no node matches', width)}</Text>;
  // name, op and cost as wide as the rows on screen need (bounded by the width), the message takes the rest
  const costs = visible.some((r) => r.cost);
  const [, nameW, opW, costW, msgW] = columnWidths(width, [
    { width: 1 },
    { width: widest(visible.map(nodeName), 8, Math.max(12, Math.floor(width * 0.4))) },
    { width: widest(visible.map(nodeOp), 4, 24) },
    { width: costs ? 5 : 0 },
    { width: 0, grow: 1 },
  ]);
  return (
    <Box flexDirection="column">
      {visible.map((r, i) => {
        const sel = top + i === selected;
        const out = r.node.outputs[0];
        const first = termText(r.findings[0]?.message ?? (out ? formatShape(out.shape) : ''), MESSAGE_MAX);
        return (
          <Text key={r.index} inverse={sel} wrap="truncate-end">
            <Text color={paint(VERDICT_COLOR[r.verdict])}>{MARK[r.verdict]} </Text>
            {`${fit(nodeName(r), nameW!)} ${fit(nodeOp(r), opW!)} ${costs ? `${nodeMacs(r).padStart(costW!)} ` : ''}${fit(first, msgW! + (costs ? 0 : 1))}`}
          </Text>
        );
      })}
    </Box>
  );
}

/** Findings grouped by rule. */
export function RuleList({
  rows,
  selected,
  top,
  height,
  width,
}: {
  rows: RuleRow[];
  selected: number;
  top: number;
  height: number;
  width: number;
}) {
  if (!rows.length) return <Text color={paint('green')}>{fit('no findings for this target', width)}</Text>;
  const visible = rows.slice(top, top + height);
  const [levelW, ruleW, countW, msgW] = columnWidths(width, [
    { width: 7 },
    {
      width: widest(
        visible.map((r) => r.ruleId),
        8,
        Math.max(12, Math.floor(width * 0.4)),
      ),
    },
    {
      width: widest(
        visible.map((r) => `${r.findings.length}${glyphs.x}`),
        2,
        8,
      ),
    },
    { width: 0, grow: 1 },
  ]);
  return (
    <Box flexDirection="column">
      {visible.map((r, i) => (
        <Text key={r.ruleId} inverse={top + i === selected} wrap="truncate-end">
          <Text color={paint(LEVEL_COLOR[r.level])}>{fit(r.level, levelW!)}</Text>
          {` ${fit(termText(r.ruleId), ruleW!)} ${`${r.findings.length}${glyphs.x}`.padStart(countW!)} ${fit(
            termText(r.findings[0]!.message, MESSAGE_MAX),
            msgW!,
          )}`}
        </Text>
      ))}
    </Box>
  );
}
