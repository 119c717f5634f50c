import { Box, Text } from 'ink';
import { termText } from '../report/safe-text.js';
import type { TuiSession } from './session.js';
import { paramCount, VERDICT_COLOR } from './session.js';
import type { Verdict } from '../check/finding.js';
import { paint } from './color.js';
import { basename } from 'node:path';
import { fitSegments, glyphs, type Segment } from './layout.js';

const VERDICT_TEXT = {
  ready: ['READY', 'green'],
  'needs-fixes': ['NEEDS FIXES', 'yellow'],
  blocked: ['BLOCKED', 'red'],
} as const;

export function formatCount(n: number): string {
  return n >= 1e9
    ? `${(n / 1e9).toFixed(1)}G`
    : n >= 1e6
      ? `${(n / 1e6).toFixed(1)}M`
      : n >= 1e3
        ? `${(n / 1e3).toFixed(1)}k`
        : String(n);
}
export function formatBytes(n: number): string {
  return n >= 1 << 30
    ? `${(n / (1 << 30)).toFixed(2)} GB`
    : n >= 1 << 20
      ? `${(n / (1 << 20)).toFixed(1)} MB`
      : n >= 1024
        ? `${(n / 1024).toFixed(1)} kB`
        : `${n} B`;
}

/** Model facts, target and verdict with counts. */
export function Header({ session, targetId, width }: { session: TuiSession; targetId: string; width: number }) {
  const m = session.model;
  const res = session.result(targetId);
  const opset = m.opsets.get('') ?? m.opsets.get('ai.onnx');
  const [vText, vColor] = VERDICT_TEXT[res.verdict];
  const order: Verdict[] = ['supported', 'partial', 'unsupported', 'unknown'];
  const facts: Segment[] = [
    { text: termText(basename(session.modelPath)), bold: true },
    {
      text: [
        `  ${m.format}`,
        m.producer.name ? `  ${termText(`${m.producer.name} ${m.producer.version}`)}` : '',
        opset !== undefined ? `  opset ${opset}` : '',
        `  ${m.graph.nodes.length} nodes  ${formatCount(paramCount(m))} params  ${formatBytes(session.fileSize)}`,
      ].join(''),
    },
  ];
  const verdict: Segment[] = [
    { text: res.title, bold: true },
    { text: '  ' },
    { text: vText, bold: true, color: paint(vColor) },
    ...order.map((v) => ({ text: `  ${v} ${res.counts[v]}`, color: paint(VERDICT_COLOR[v]) })),
  ];
  // every line cut and padded to the inner width (border and padding take 4 columns)
  const inner = Math.max(1, width - 4);
  const line = (segments: Segment[]) =>
    fitSegments(segments, inner).map((g, i) => (
      <Text key={i} bold={g.bold} color={g.color}>
        {g.text}
      </Text>
    ));
  return (
    <Box flexDirection="column" borderStyle={glyphs.round} borderColor={paint('cyan')} paddingX={1} width={width}>
      <Text>{line(facts)}</Text>
      <Text>{line(verdict)}</Text>
      <Text dimColor>{line([{ text: res.toolchain }])}</Text>
    </Box>
  );
}
