/**
 * A small JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema and
 * targets.schema.json use: $ref (local), type, properties, required, additionalProperties, items,
 * enum, minimum, maximum, minItems, uniqueItems, pattern, anyOf, oneOf, allOf, not, format (ignored).
 */
type Schema = Record<string, unknown>;

export function validateJson(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    if (!ref.startsWith('#/')) return [`${path}: unsupported $ref ${ref}`];
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((o, k) => (o as Schema)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    return validateJson(value, target as Schema, root, path);
  }
  const errors: string[] = [];
  const type = schema.type as string | string[] | undefined;
  if (type) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.some((t) => typeOk(value, t))) return [`${path}: expected ${types.join('|')}, got ${jsonType(value)}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(value)))
    errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      errors.push(`${path}: ${value} < ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      errors.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
    errors.push(`${path}: '${value}' does not match ${schema.pattern}`);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
      errors.push(`${path}: items not unique`);
    if (schema.items && typeof schema.items === 'object')
      value.forEach((v, i) => errors.push(...validateJson(v, schema.items as Schema, root, `${path}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const r of (schema.required as string[] | undefined) ?? [])
      if (!(r in obj)) errors.push(`${path}: missing '${r}'`);
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...validateJson(v, props[k]!, root, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property '${k}'`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        errors.push(...validateJson(v, schema.additionalProperties as Schema, root, `${path}.${k}`));
    }
  }
  for (const s of (schema.allOf as Schema[] | undefined) ?? []) errors.push(...validateJson(value, s, root, path));
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((s) => validateJson(value, s, root, path).length === 0))
    errors.push(`${path}: matches none of anyOf`);
  if (
    schema.oneOf &&
    (schema.oneOf as Schema[]).filter((s) => validateJson(value, s, root, path).length === 0).length !== 1
  )
    errors.push(`${path}: does not match exactly one of oneOf`);
  if (schema.not && validateJson(value, schema.not as Schema, root, path).length === 0)
    errors.push(`${path}: matches 'not'`);
  return errors;
}

function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}
function typeOk(v: unknown, t: string): boolean {
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'number') return typeof v === 'number';
  return jsonType(v) === t;
}
