import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { FixOutcome, TuiSession } from './session.js';
import { paint } from './color.js';
import { fit, glyphs } from './layout.js';

type Phase =
  | { kind: 'preview' }
  | { kind: 'running' }
  | { kind: 'done'; outcome: FixOutcome }
  | { kind: 'error'; message: string };

/** `x`: preview the fixes for the target, apply on Enter, show what was applied and the verification. */
export function FixOverlay({
  session,
  targetId,
  width,
  onClose,
  onApplied,
}: {
  session: TuiSession;
  targetId: string;
  width: number;
  onClose: () => void;
  onApplied: () => void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'preview' });
  const [plan] = useState(() => session.planFix?.(targetId));
  const inner = Math.max(1, width - 4);
  const line = (text: string): string => fit(text, inner);
  useInput((input, key) => {
    if (
      key.escape ||
      input === 'x' ||
      (phase.kind !== 'preview' && phase.kind !== 'running' && (key.return || input === 'q'))
    ) {
      onClose();
      return;
    }
    if (phase.kind === 'preview' && key.return && session.applyFix && plan && plan.rules.length) {
      setPhase({ kind: 'running' });
      session.applyFix(targetId).then(
        (outcome) => {
          setPhase({ kind: 'done', outcome });
          onApplied();
        },
        (e: Error) => setPhase({ kind: 'error', message: e.message }),
      );
    }
  });
  return (
    <Box flexDirection="column" borderStyle={glyphs.frame} paddingX={1} width={width}>
      <Text bold>{line(`Fixes for ${targetId}`)}</Text>
      {!plan ? (
        <Text color={paint('yellow')}>{line('fixing is not available in this build')}</Text>
      ) : !plan.rules.length ? (
        <Text>{line('no fix applies: the remaining findings have no rewrite')}</Text>
      ) : (
        plan.rules.map((r) => (
          <Text key={r.rule}>
            {line(
              `${r.rule} (${r.safety}): ${r.nodes.length} node(s) ${r.nodes
                .slice(0, 4)
                .map((n) => termText(n))
                .join(', ')}${r.nodes.length > 4 ? ` ${glyphs.ellipsis}` : ''}`,
            )}
          </Text>
        ))
      )}
      {phase.kind === 'preview' && plan && plan.rules.length > 0 && (
        <Text dimColor>{line('Enter applies, re-checks and verifies numerically; Esc cancels')}</Text>
      )}
      {phase.kind === 'running' && (
        <Text color={paint('cyan')}>{line(`applying and verifying${glyphs.ellipsis}`)}</Text>
      )}
      {phase.kind === 'error' && (
        <Text color={paint('red')}>{line(`failed: ${termText(phase.message, MESSAGE_MAX)}`)}</Text>
      )}
      {phase.kind === 'done' && (
        <Box flexDirection="column">
          <Text color={paint(phase.outcome.ok ? 'green' : 'red')}>
            {line(termText(phase.outcome.message, MESSAGE_MAX))}
          </Text>
          {phase.outcome.applied.map((a) => (
            <Text key={a.rule}>{line(`applied ${a.rule} ${glyphs.x} ${a.nodes.length}`)}</Text>
          ))}
          {(phase.outcome.verification ?? []).map((v) => (
            <Text key={v.output}>
              {line(
                `${termText(v.output)}: ${v.problem ? `${termText(v.problem)}; ` : ''}max abs ${v.maxAbs.toExponential(2)}  max rel ${v.maxRel.toExponential(2)}  cosine ${v.cosine.toFixed(6)}`,
              )}
            </Text>
          ))}
          <Text>{line(`${phase.outcome.remaining} finding(s) remain`)}</Text>
          <Text dimColor>{line('Enter or Esc closes')}</Text>
        </Box>
      )}
    </Box>
  );
}
