/**
 * Protobuf text format (as Caffe's .prototxt uses it): `name: value`, `name { … }`, `name: [a, b]`,
 * comments (#), quoted strings with escapes, numbers in every notation, enum identifiers.
 * Produces a generic message tree (src/formats/caffe/text-message.ts); the layer mapping reads fields by name.
 */
import { InputError } from '../../src/io/input-error.js';
import { LIMITS, limitProblem } from '../../src/io/limits.js';
import { TextMessage, type Scalar } from '../../src/formats/caffe/text-message.js';

export { TextMessage, type Field, type Scalar } from '../../src/formats/caffe/text-message.js';

interface Tok {
  kind: 'id' | 'str' | 'num' | 'punct';
  text: string;
  value?: string | number;
  line: number;
  col: number;
}

function tokenize(src: string, file: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0,
    line = 1,
    col = 1;
  const adv = (n: number): void => {
    for (let k = 0; k < n; k++) {
      if (src[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  const fail = (m: string): never => {
    throw new InputError(file, `line ${line}, column ${col}: ${m}`);
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') adv(1);
      continue;
    }
    if (/\s/.test(c)) {
      adv(1);
      continue;
    }
    const at = { line, col };
    if (c === '"' || c === "'") {
      let j = i + 1,
        out = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\n') fail('unterminated string');
        if (src[j] === '\\') {
          const e = src[j + 1];
          const esc: Record<string, string> = {
            n: '\n',
            t: '\t',
            r: '\r',
            '"': '"',
            "'": "'",
            '\\': '\\',
            a: '\x07',
            b: '\b',
            f: '\f',
            v: '\v',
          };
          if (e && e in esc) {
            out += esc[e];
            j += 2;
            continue;
          }
          const oct = src.slice(j + 1).match(/^[0-7]{1,3}/);
          if (oct) {
            out += String.fromCharCode(parseInt(oct[0], 8));
            j += 1 + oct[0].length;
            continue;
          }
          const hex = src.slice(j + 1).match(/^x([0-9a-fA-F]{1,2})/);
          if (hex) {
            out += String.fromCharCode(parseInt(hex[1]!, 16));
            j += 1 + hex[0].length;
            continue;
          }
          fail(`bad escape \\${e ?? ''}`);
        }
        out += src[j];
        j++;
      }
      if (j >= src.length) fail('unterminated string');
      toks.push({ kind: 'str', text: src.slice(i, j + 1), value: out, ...at });
      adv(j + 1 - i);
      continue;
    }
    const num = src
      .slice(i)
      .match(/^[-+]?(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[fF]?|inf(inity)?|nan)(?![\w.])/i);
    if (
      num &&
      (/[\d.]/.test(c) || ((c === '-' || c === '+') && /[\d.in]/i.test(src[i + 1] ?? '')) || /^(inf|nan)/i.test(num[0]))
    ) {
      const t = /^[-+]?(0[xX]|inf|nan)/i.test(num[0]) ? num[0] : num[0].replace(/[fF]$/, ''); // 1.5f, not 0x1F or inf
      const v = /^[-+]?0[xX]/.test(t)
        ? parseInt(t, 16)
        : /inf/i.test(t)
          ? t.startsWith('-')
            ? -Infinity
            : Infinity
          : /nan/i.test(t)
            ? NaN
            : Number(t);
      toks.push({ kind: 'num', text: num[0], value: v, ...at });
      adv(num[0].length);
      continue;
    }
    const id = src.slice(i).match(/^[A-Za-z_][\w.]*/);
    if (id) {
      toks.push({ kind: 'id', text: id[0], ...at });
      adv(id[0].length);
      continue;
    }
    if ('{}[]:,;<>'.includes(c)) {
      toks.push({ kind: 'punct', text: c, ...at });
      adv(1);
      continue;
    }
    fail(`unexpected character '${c}'`);
  }
  return toks;
}

/** Parse a whole text-format message. */
export function parseTextProto(src: string, file: string): TextMessage {
  const toks = tokenize(src, file);
  let p = 0;
  const fail = (t: Tok | undefined, m: string): never => {
    throw new InputError(file, t ? `line ${t.line}, column ${t.col}: ${m}` : `end of file: ${m}`);
  };
  const parseMessage = (close: string | null, depth = 0): TextMessage => {
    if (depth > LIMITS.prototxtDepth.max) fail(toks[p - 1], limitProblem('prototxtDepth', depth));
    const msg = new TextMessage();
    for (;;) {
      const t = toks[p];
      if (!t) {
        if (close) fail(t, `missing '${close}'`);
        return msg;
      }
      if (close && t.kind === 'punct' && t.text === close) {
        p++;
        return msg;
      }
      if (t.kind === 'punct' && (t.text === ',' || t.text === ';')) {
        p++;
        continue;
      }
      if (t.kind !== 'id') fail(t, `expected a field name, found '${t.text}'`);
      const name = t.text;
      p++;
      let sep = toks[p];
      if (sep?.kind === 'punct' && sep.text === ':') {
        p++;
        sep = toks[p];
      }
      if (sep?.kind === 'punct' && (sep.text === '{' || sep.text === '<')) {
        p++;
        msg.add(name, parseMessage(sep.text === '{' ? '}' : '>', depth + 1));
        continue;
      }
      if (sep?.kind === 'punct' && sep.text === '[') {
        p++;
        while (toks[p] && !(toks[p]!.kind === 'punct' && toks[p]!.text === ']')) {
          if (toks[p]!.kind === 'punct' && toks[p]!.text === ',') {
            p++;
            continue;
          }
          if (toks[p]!.kind === 'punct' && toks[p]!.text === '{') {
            p++;
            msg.add(name, parseMessage('}', depth + 1));
            continue;
          }
          msg.add(name, scalar());
        }
        if (!toks[p]) fail(undefined, `missing ']' after ${name}`);
        p++;
        continue;
      }
      msg.add(name, scalar());
    }
  };
  const scalar = (): Scalar => {
    const t = toks[p];
    if (!t) return fail(t, 'expected a value');
    p++;
    if (t.kind === 'num') return t.value as number;
    if (t.kind === 'str') {
      let s = t.value as string;
      while (toks[p]?.kind === 'str') s += toks[p++]!.value as string; // adjacent strings concatenate
      return s;
    }
    if (t.kind === 'id')
      return t.text === 'true' || t.text === 'True'
        ? true
        : t.text === 'false' || t.text === 'False'
          ? false
          : { enum: t.text };
    return fail(t, `expected a value, found '${t.text}'`);
  };
  return parseMessage(null);
}
