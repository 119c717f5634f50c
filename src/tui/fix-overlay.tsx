import { useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { FixOutcome, TuiSession } from './session.js';
import { paint } from './color.js';

type Phase =
  | { kind: 'preview' }
  | { kind: 'running' }
  | { kind: 'done'; outcome: FixOutcome }
  | { kind: 'error'; message: string };

/** `x`: preview the fixes for the target, apply on Enter, show what was applied and the verification. */
export function FixOverlay({
  session,
  targetId,
  onClose,
  onApplied,
}: {
  session: TuiSession;
  targetId: string;
  onClose: () => void;
  onApplied: () => void;
}) {
  const [phase, setPhase] = useState<Phase>({ kind: 'preview' });
  const [plan] = useState(() => session.planFix?.(targetId));
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
    <Box flexDirection="column" borderStyle="double" paddingX={1}>
      <Text bold>{`Fixes for ${targetId}`}</Text>
      {!plan ? (
        <Text color={paint('yellow')}>fixing is not available in this build</Text>
      ) : !plan.rules.length ? (
        <Text>no fix applies: the remaining findings have no rewrite</Text>
      ) : (
        plan.rules.map((r) => (
          <Text key={r.rule} wrap="truncate-end">{`${r.rule} (${r.safety}): ${r.nodes.length} node(s) ${r.nodes
            .slice(0, 4)
            .map((n) => termText(n))
            .join(', ')}${r.nodes.length > 4 ? ' …' : ''}`}</Text>
        ))
      )}
      {phase.kind === 'preview' && plan && plan.rules.length > 0 && (
        <Text dimColor>Enter applies, re-checks and verifies numerically; Esc cancels</Text>
      )}
      {phase.kind === 'running' && <Text color={paint('cyan')}>applying and verifying…</Text>}
      {phase.kind === 'error' && <Text color={paint('red')}>{`failed: ${termText(phase.message, MESSAGE_MAX)}`}</Text>}
      {phase.kind === 'done' && (
        <Box flexDirection="column">
          <Text color={paint(phase.outcome.ok ? 'green' : 'red')}>{termText(phase.outcome.message, MESSAGE_MAX)}</Text>
          {phase.outcome.applied.map((a) => (
            <Text key={a.rule}>{`applied ${a.rule} × ${a.nodes.length}`}</Text>
          ))}
          {(phase.outcome.verification ?? []).map((v) => (
            <Text
              key={v.output}
            >{`${termText(v.output)}: ${v.problem ? `${termText(v.problem)}; ` : ''}max abs ${v.maxAbs.toExponential(2)}  max rel ${v.maxRel.toExponential(2)}  cosine ${v.cosine.toFixed(6)}`}</Text>
          ))}
          <Text>{`${phase.outcome.remaining} finding(s) remain`}</Text>
          <Text dimColor>Enter or Esc closes</Text>
        </Box>
      )}
    </Box>
  );
}
