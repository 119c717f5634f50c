import type { Attrs, Attr } from './attr.js';
import type { Value } from './value.js';

/** Where a node came from, in the user's terms: `layer conv1 (Convolution)`. */
export interface Origin {
  format: string;
  name: string;
  type: string;
}

export class Node {
  /** Inputs in order; an omitted optional input is `null`. Change them through Graph methods. */
  readonly inputs: (Value | null)[] = [];
  /** Outputs in order; an unused optional output is `null`. */
  readonly outputs: (Value | null)[] = [];
  attrs: Attrs = new Map();
  origin: Origin | null = null;
  docString = '';
  /** ONNX NodeProto.overload and any other pass-through detail. */
  meta: Record<string, unknown> = {};
  /** Position in its graph, set by passes that need it (e.g. the checker, for unnamed nodes). */
  graphIndex?: number;
  constructor(
    public name: string,
    public op: string,
    public domain = '',
  ) {}

  attr(name: string): Attr | undefined {
    return this.attrs.get(name);
  }
  int(name: string, dflt: number): number;
  int(name: string): number | undefined;
  int(name: string, dflt?: number): number | undefined {
    const a = this.attrs.get(name);
    return a && a.type === 'int' ? a.value : dflt;
  }
  float(name: string, dflt: number): number;
  float(name: string): number | undefined;
  float(name: string, dflt?: number): number | undefined {
    const a = this.attrs.get(name);
    return a && (a.type === 'float' || a.type === 'int') ? a.value : dflt;
  }
  ints(name: string): number[] | undefined {
    const a = this.attrs.get(name);
    return a && a.type === 'ints' ? a.value : undefined;
  }
  floats(name: string): number[] | undefined {
    const a = this.attrs.get(name);
    return a && a.type === 'floats' ? a.value : undefined;
  }
  str(name: string, dflt: string): string;
  str(name: string): string | undefined;
  str(name: string, dflt?: string): string | undefined {
    const a = this.attrs.get(name);
    return a && a.type === 'string' ? a.value : dflt;
  }
  /** "layer conv1 (Convolution)" or "node Conv_12 (Conv)". */
  describe(): string {
    return this.origin
      ? `layer ${this.origin.name} (${this.origin.type})`
      : `node ${this.name || '<unnamed>'} (${this.domain ? this.domain + '.' : ''}${this.op})`;
  }
}
