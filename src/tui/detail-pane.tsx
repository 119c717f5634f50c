import { Box, Text } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { NodeRow, RuleRow } from './session.js';
import { VERDICT_COLOR } from './session.js';
import { paint } from './color.js';
import { formatShape } from '../ir/shape.js';
import type { Attr } from '../ir/attr.js';
import type { Value } from '../ir/value.js';

function attrText(a: Attr): string {
  switch (a.type) {
    case 'ints':
    case 'floats':
      return `[${a.value.join(', ')}]`;
    case 'strings':
      return `[${a.value.map((s) => JSON.stringify(s)).join(', ')}]`;
    case 'string':
      return JSON.stringify(a.value);
    case 'float':
    case 'int':
      return String(a.value);
    case 'tensor':
      return `tensor ${a.value.dtype}[${a.value.dims.join(',')}]`;
    case 'graph':
      return `graph (${a.value.nodes.length} nodes)`;
    case 'graphs':
      return `${a.value.length} graphs`;
    default:
      return `<${a.type}>`;
  }
}
function valueText(v: Value | null): string {
  if (!v) return '(omitted)';
  return `${termText(v.name)}: ${v.dtype ?? '?'}${formatShape(v.shape)}${v.data ? ' const' : ''}`;
}

/** Everything about the selected node (or rule): op, origin, values, attributes, findings and fixes. */
export function DetailPane({
  row,
  height,
  fixSafety,
}: {
  row: NodeRow | RuleRow | undefined;
  height: number;
  fixSafety: (id: string) => string | undefined;
}) {
  if (!row) return <Text dimColor>nothing selected</Text>;
  const lines: JSX[] = [];
  if (row.kind === 'node') {
    const n = row.node;
    lines.push(
      <Text key="h" bold>
        {`${termText(`${n.domain ? n.domain + '.' : ''}${n.op}`)}  ${termText(n.name)}`}
        <Text color={paint(VERDICT_COLOR[row.verdict])}>{`  ${row.verdict}`}</Text>
      </Text>,
    );
    if (n.origin)
      lines.push(
        <Text key="o">{`origin: ${n.origin.format} layer ${termText(n.origin.name)} (${termText(n.origin.type)})`}</Text>,
      );
  } else {
    lines.push(<Text key="h" bold>{`${row.ruleId}  (${row.findings.length} nodes)`}</Text>);
  }
  row.findings.forEach((f, i) => {
    lines.push(
      <Text
        key={`f${i}`}
        color={paint(f.level === 'error' ? 'red' : f.level === 'warning' ? 'yellow' : 'blue')}
        wrap="wrap"
      >{`${f.level} ${f.ruleId}${row.kind === 'rule' ? ` @ ${termText(f.node || 'model')}` : ''}: ${termText(f.message, MESSAGE_MAX)}`}</Text>,
    );
    lines.push(
      <Text
        key={`s${i}`}
        dimColor
        wrap="truncate-end"
      >{`   confidence ${f.confidence}; source ${f.source.url}${f.source.section ? ` §${f.source.section}` : ''}`}</Text>,
    );
    if (f.fix)
      lines.push(
        <Text key={`x${i}`} color={paint('green')}>{`   fix: ${f.fix} (${fixSafety(f.fix) ?? 'rewrite'})`}</Text>,
      );
  });
  if (!row.findings.length)
    lines.push(
      <Text key="none" color={paint('green')}>
        no findings for this target
      </Text>,
    );
  if (row.kind === 'node') {
    // findings first (what matters), then the node's values and attributes
    const n = row.node;
    n.inputs.forEach((v, i) => lines.push(<Text key={`i${i}`} wrap="truncate-end">{`in ${i}: ${valueText(v)}`}</Text>));
    n.outputs.forEach((v, i) =>
      lines.push(<Text key={`o${i}`} wrap="truncate-end">{`out ${i}: ${valueText(v)}`}</Text>),
    );
    for (const [k, a] of n.attrs)
      lines.push(
        <Text key={`a${k}`} wrap="truncate-end">{`  ${termText(k)} = ${termText(attrText(a), MESSAGE_MAX)}`}</Text>,
      );
  }
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1} height={height} overflow="hidden">
      {lines}
    </Box>
  );
}
type JSX = ReturnType<typeof Text>;
