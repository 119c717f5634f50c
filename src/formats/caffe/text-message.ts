/**
 * A message of the protobuf text format (Caffe's .prototxt) as a generic tree: repeated fields by name, scalars
 * and enum identifiers as read. The prototxt parser (converters/caffe) builds it; rewrites of foreign `caffe.*`
 * nodes read their layer params through it (src/formats/caffe/foreign-params.ts).
 */
export type Scalar = string | number | boolean | { enum: string };
export type Field = Scalar | TextMessage;
export class TextMessage {
  readonly fields = new Map<string, Field[]>();
  add(name: string, v: Field): void {
    const a = this.fields.get(name);
    if (a) a.push(v);
    else this.fields.set(name, [v]);
  }
  all(name: string): Field[] {
    return this.fields.get(name) ?? [];
  }
  msg(name: string): TextMessage | undefined {
    const v = this.fields.get(name)?.[0];
    return v instanceof TextMessage ? v : undefined;
  }
  msgs(name: string): TextMessage[] {
    return this.all(name).filter((v): v is TextMessage => v instanceof TextMessage);
  }
  str(name: string): string | undefined {
    const v = this.fields.get(name)?.[0];
    return typeof v === 'string' ? v : v && typeof v === 'object' && 'enum' in v ? v.enum : undefined;
  }
  strs(name: string): string[] {
    return this.all(name).map((v) =>
      typeof v === 'string' ? v : v && typeof v === 'object' && 'enum' in v ? v.enum : String(v),
    );
  }
  num(name: string): number | undefined {
    const v = this.fields.get(name)?.[0];
    return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined;
  }
  nums(name: string): number[] {
    return this.all(name).filter((v): v is number => typeof v === 'number');
  }
  bool(name: string): boolean | undefined {
    const v = this.fields.get(name)?.[0];
    return typeof v === 'boolean'
      ? v
      : typeof v === 'number'
        ? v !== 0
        : v && typeof v === 'object' && 'enum' in v
          ? v.enum === 'true'
          : undefined;
  }
}
