import { Box, Text } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { NodeRow, RuleRow } from './session.js';
import { VERDICT_COLOR } from './session.js';
import { paint } from './color.js';
import { formatShape } from '../ir/shape.js';

const MARK = { supported: '✓', partial: '~', unsupported: '✗', unknown: '?' } as const;
const LEVEL_COLOR: Record<string, string> = { error: 'red', warning: 'yellow', info: 'blue' };

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, Math.max(0, n - 1)) + '…' : s.padEnd(n);
}

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
  const nameW = Math.max(12, Math.floor((width - 24) * 0.45));
  const opW = 18;
  if (!rows.length) return <Text dimColor>no node matches</Text>;
  return (
    <Box flexDirection="column">
      {visible.map((r, i) => {
        const sel = top + i === selected;
        const out = r.node.outputs[0];
        const first = termText(r.findings[0]?.message ?? (out ? formatShape(out.shape) : ''), MESSAGE_MAX);
        return (
          <Text key={r.index} inverse={sel} wrap="truncate-end">
            <Text color={paint(VERDICT_COLOR[r.verdict])}>{MARK[r.verdict]} </Text>
            {pad(termText(r.node.origin?.name ?? r.node.name ?? ''), nameW)}{' '}
            {pad(termText((r.node.domain ? r.node.domain + '.' : '') + r.node.op), opW)}{' '}
            {pad(first, Math.max(10, width - nameW - opW - 6))}
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
  if (!rows.length) return <Text color={paint('green')}>no findings for this target</Text>;
  return (
    <Box flexDirection="column">
      {rows.slice(top, top + height).map((r, i) => (
        <Text key={r.ruleId} inverse={top + i === selected} wrap="truncate-end">
          <Text color={paint(LEVEL_COLOR[r.level])}>{pad(r.level, 8)}</Text>
          {pad(r.ruleId, 36)} {String(r.findings.length).padStart(5)}×{' '}
          {pad(termText(r.findings[0]!.message, MESSAGE_MAX), Math.max(10, width - 55))}
        </Text>
      ))}
    </Box>
  );
}
