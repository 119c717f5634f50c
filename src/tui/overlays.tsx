import { Box, Text } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { TuiSession } from './session.js';
import { KEYMAP } from './keymap.js';
import { paint } from './color.js';
import { fit, glyphs } from './layout.js';

const VERDICT = {
  ready: ['ready', 'green'],
  'needs-fixes': ['needs fixes', 'yellow'],
  blocked: ['blocked', 'red'],
} as const;

/** The model against every target. */
export function MatrixOverlay({ session, width }: { session: TuiSession; width: number }) {
  const inner = Math.max(1, width - 4);
  const rest = Math.max(0, inner - 60);
  return (
    <Box flexDirection="column" borderStyle={glyphs.frame} paddingX={1} width={width}>
      <Text bold>{fit('All targets', inner)}</Text>
      <Text wrap="truncate-end">
        {'target'.padEnd(16)}
        {'verdict'.padEnd(13)}
        {'ok'.padStart(6)}
        {'partial'.padStart(9)}
        {'unsup'.padStart(7)}
        {'unknown'.padStart(9)}
        {fit('  top blocker', rest)}
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
            {fit(
              `  ${blocker ? `${termText(blocker.op || 'model')}: ${termText(blocker.message, MESSAGE_MAX)}` : '-'}`,
              rest,
            )}
          </Text>
        );
      })}
      <Text dimColor>{fit(`1${glyphs.ok === '+' ? '-' : '–'}5 switch target, m or Esc close`, inner)}</Text>
    </Box>
  );
}

/** Every key, from the key table. */
export function HelpOverlay({ width }: { width: number }) {
  const inner = Math.max(1, width - 4);
  const dash = glyphs.ok === '+' ? '-' : '–';
  const keyText = (keys: string[]): string =>
    glyphs.ok === '+' ? keys.map((k) => ({ '↑': 'Up', '↓': 'Down', '→': 'Right' })[k] ?? k).join(' ') : keys.join(' ');
  return (
    <Box flexDirection="column" borderStyle={glyphs.frame} paddingX={1} width={width}>
      <Text bold>{fit('Keys', inner)}</Text>
      {KEYMAP.filter((b) => !/^target-[2-5]$/.test(b.action)).map((b) => (
        <Text key={b.action} wrap="truncate-end">
          <Text color={paint('cyan')}>{fit(b.action === 'target-1' ? `1${dash}5` : keyText(b.keys), 14)}</Text>
          {fit(
            b.action === 'target-1' ? `switch to target 1${dash}5` : b.help.replace(/→/g, '->'),
            Math.max(0, inner - 14),
          )}
        </Text>
      ))}
    </Box>
  );
}
