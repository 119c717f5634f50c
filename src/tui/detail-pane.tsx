import { Box, Text } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { NodeRow, RuleRow } from './session.js';
import { VERDICT_COLOR } from './session.js';
import { paint } from './color.js';
import { formatShape } from '../ir/shape.js';
import type { Attr } from '../ir/attr.js';
import type { Value } from '../ir/value.js';
import { fit, glyphs, wrapFit } from './layout.js';

const LEVEL_COLOR: Record<string, string> = { error: 'red', warning: 'yellow', info: 'blue' };

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
  width,
  fixSafety,
  cost = [],
}: {
  row: NodeRow | RuleRow | undefined;
  height: number;
  width: number;
  fixSafety: (id: string) => string | undefined;
  /** What the node costs on the target (cost-text.ts), shown after its findings. */
  cost?: string[];
}) {
  // every line padded to the inner width: a redraw overwrites all the pane covered
  const inner = Math.max(1, width - 4);
  if (!row) return <Text dimColor>{fit('nothing selected', width)}</Text>;
  const lines: JSX[] = [];
  if (row.kind === 'node') {
    const n = row.node;
    lines.push(
      <Text key="h" bold>
        {fit(
          `${termText(`${n.domain ? n.domain + '.' : ''}${n.op}`)}  ${termText(n.name)}`,
          Math.max(1, inner - row.verdict.length - 2),
        )}
        <Text color={paint(VERDICT_COLOR[row.verdict])}>{`  ${row.verdict}`}</Text>
      </Text>,
    );
    if (n.origin)
      lines.push(
        <Text key="o">
          {fit(`origin: ${n.origin.format} layer ${termText(n.origin.name)} (${termText(n.origin.type)})`, inner)}
        </Text>,
      );
  } else {
    lines.push(
      <Text key="h" bold>
        {fit(`${row.ruleId}  (${row.findings.length} nodes)`, inner)}
      </Text>,
    );
  }
  row.findings.forEach((f, i) => {
    // the full message, wrapped to the pane (the list cuts it at its edge)
    const message = `${f.level} ${f.ruleId}${row.kind === 'rule' ? ` @ ${termText(f.node || 'model')}` : ''}: ${termText(f.message, MESSAGE_MAX)}`;
    wrapFit(message, inner).forEach((l, k) =>
      lines.push(
        <Text key={`f${i}.${k}`} color={paint(LEVEL_COLOR[f.level])}>
          {l}
        </Text>,
      ),
    );
    const source = `   confidence ${f.confidence}; source ${termText(f.source.url)}${f.source.section ? ` ${glyphs.ok === '+' ? 'sec.' : '§'}${termText(f.source.section)}` : ''}`;
    lines.push(
      <Text key={`s${i}`} dimColor>
        {fit(source, inner)}
      </Text>,
    );
    if (f.fix)
      lines.push(
        <Text key={`x${i}`} color={paint('green')}>
          {fit(`   fix: ${f.fix} (${fixSafety(f.fix) ?? 'rewrite'})`, inner)}
        </Text>,
      );
  });
  if (!row.findings.length)
    lines.push(
      <Text key="none" color={paint('green')}>
        {fit('no findings for this target', inner)}
      </Text>,
    );
  if (row.kind === 'node') {
    // findings first (what matters), then its cost, then the node's values and attributes
    cost.forEach((l, i) =>
      lines.push(
        <Text key={`c${i}`} color={paint('cyan')}>
          {fit(l, inner)}
        </Text>,
      ),
    );
    const n = row.node;
    n.inputs.forEach((v, i) => lines.push(<Text key={`i${i}`}>{fit(`in ${i}: ${valueText(v)}`, inner)}</Text>));
    n.outputs.forEach((v, i) => lines.push(<Text key={`o${i}`}>{fit(`out ${i}: ${valueText(v)}`, inner)}</Text>));
    for (const [k, a] of n.attrs)
      lines.push(<Text key={`a${k}`}>{fit(`  ${termText(k)} = ${termText(attrText(a), MESSAGE_MAX)}`, inner)}</Text>);
  }
  // blank lines to the bottom: nothing of a longer previous pane stays
  const rowsInside = Math.max(0, height - 2);
  for (let k = lines.length; k < rowsInside; k++) lines.push(<Text key={`pad${k}`}>{' '.repeat(inner)}</Text>);
  return (
    <Box
      flexDirection="column"
      borderStyle={glyphs.border}
      paddingX={1}
      height={height}
      width={width}
      overflow="hidden"
    >
      {lines.slice(0, rowsInside)}
    </Box>
  );
}
type JSX = ReturnType<typeof Text>;
