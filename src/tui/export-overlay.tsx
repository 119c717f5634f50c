import { useState } from 'react';
import { existsSync } from 'node:fs';
import { Box, Text, useInput } from 'ink';
import { MESSAGE_MAX, termText } from '../report/safe-text.js';
import type { TuiSession } from './session.js';
import { paint } from './color.js';
import { fit, glyphs } from './layout.js';

type Step = 'format' | 'path' | 'confirm' | 'done';

/** `e`: choose ncnn or ONNX, type a path, confirm before overwriting, export. */
export function ExportOverlay({
  session,
  width,
  onClose,
}: {
  session: TuiSession;
  width: number;
  onClose: () => void;
}) {
  const inner = Math.max(1, width - 4);
  const line = (text: string): string => fit(text, inner);
  const [step, setStep] = useState<Step>('format');
  const [format, setFormat] = useState<'onnx' | 'ncnn'>('onnx');
  const [path, setPath] = useState('');
  const [message, setMessage] = useState('');
  const run = (p: string): void => {
    try {
      const files = session.exportModel!(format, p);
      setMessage(`wrote ${files.join(', ')}`);
    } catch (e) {
      setMessage(`export failed: ${(e as Error).message}`);
    }
    setStep('done');
  };
  useInput((input, key) => {
    if (key.escape) {
      onClose();
      return;
    }
    if (step === 'format') {
      if (input === 'o' || input === 'n') {
        setFormat(input === 'o' ? 'onnx' : 'ncnn');
        setPath(input === 'o' ? 'model.fixed.onnx' : 'model.param');
        setStep('path');
      }
    } else if (step === 'path') {
      if (key.return && path) {
        if (existsSync(path)) setStep('confirm');
        else run(path);
      } else if (key.backspace || key.delete) setPath(path.slice(0, -1));
      else if (input && !key.ctrl && !/[\x00-\x1f]/.test(input)) setPath(path + input);
    } else if (step === 'confirm') {
      if (input === 'y') run(path);
      else if (input === 'n') setStep('path');
    } else if (step === 'done' && (key.return || input === 'q')) onClose();
  });
  if (!session.exportModel)
    return (
      <Box borderStyle={glyphs.frame} paddingX={1} width={width}>
        <Text color={paint('yellow')}>{line('export is not available in this build (Esc closes)')}</Text>
      </Box>
    );
  return (
    <Box flexDirection="column" borderStyle={glyphs.frame} paddingX={1} width={width}>
      <Text bold>{line('Export')}</Text>
      {step === 'format' && <Text>{line('format: (o) ONNX (n) ncnn .param/.bin')}</Text>}
      {step !== 'format' && <Text>{line(`format: ${format}`)}</Text>}
      {step === 'path' && (
        <Text>
          {'path: '}
          <Text color={paint('cyan')}>{termText(path, MESSAGE_MAX)}</Text>
          {fit(glyphs.cursor, Math.max(1, inner - 6 - termText(path, MESSAGE_MAX).length))}
        </Text>
      )}
      {step === 'confirm' && (
        <Text color={paint('yellow')}>{line(`${termText(path, MESSAGE_MAX)} exists: overwrite? (y/n)`)}</Text>
      )}
      {step === 'done' && <Text>{line(termText(message, MESSAGE_MAX))}</Text>}
      <Text dimColor>{line('Esc cancels')}</Text>
    </Box>
  );
}
