import { Box, Text } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { TuiSession } from './session.js';
import { KEYMAP } from './keymap.js';
import { paint } from './color.js';

const VERDICT = {
  ready: ['ready', 'green'],
  'needs-fixes': ['needs fixes', 'yellow'],
  blocked: ['blocked', 'red'],
} as const;

/** The model against every target. */
export function MatrixOverlay({ session }: { session: TuiSession }) {
  return (
    <Box flexDirection="column" borderStyle="double" paddingX={1}>
      <Text bold>All targets</Text>
      <Text>
        {'target'.padEnd(16)}
        {'verdict'.padEnd(13)}
        {'ok'.padStart(6)}
        {'partial'.padStart(9)}
        {'unsup'.padStart(7)}
        {'unknown'.padStart(9)} top blocker
      </Text>
      {session.targets.map((t, i) => {
        const r = session.result(t.id);
        const [text, color] = VERDICT[r.verdict];
        const blocker = r.findings.find((f) => f.level === 'error');
        return (
          <Text key={t.id} wrap="truncate-end">
            {`${i + 1} ${t.id}`.padEnd(16)}
            <Text color={paint(color)}>{text.padEnd(13)}</Text>
            {String(r.counts.supported).padStart(6)}
            {String(r.counts.partial).padStart(9)}
            {String(r.counts.unsupported).padStart(7)}
            {String(r.counts.unknown).padStart(9)}
            {`  ${blocker ? `${termText(blocker.op || 'model')}: ${termText(blocker.message, MESSAGE_MAX)}` : '-'}`}
          </Text>
        );
      })}
      <Text dimColor>1–5 switch target, m or Esc close</Text>
    </Box>
  );
}

/** Every key, from the key table. */
export function HelpOverlay() {
  return (
    <Box flexDirection="column" borderStyle="double" paddingX={1}>
      <Text bold>Keys</Text>
      {KEYMAP.filter((b) => !/^target-[2-5]$/.test(b.action)).map((b) => (
        <Text key={b.action} wrap="truncate-end">
          <Text color={paint('cyan')}>{(b.action === 'target-1' ? '1–5' : b.keys.join(' ')).padEnd(14)}</Text>
          {b.action === 'target-1' ? 'switch to target 1–5' : b.help}
        </Text>
      ))}
    </Box>
  );
}
