/**
 * Nothing of an ONNX model is lost on `convert --to onnx`: a model that sets every field of the current
 * onnx.proto3 is converted and both files are decoded by an independent protobuf implementation
 * (protobufjs, from the same field table) and compared field by field. Tensor storage is compared by value
 * (the writer stores every numeric tensor as raw_data inline); value_info may gain inferred entries.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import protobuf from 'protobufjs';
import { allMessageSpecs, messageSpec, type MessageSpec } from '../../../converters/onnx/wire/fields.js';
import { encodeMessage, joinPieces } from '../../../converters/onnx/wire/encode.js';
import { runCli } from '../../helpers/cli.js';
import { needing } from '../../helpers/prereq.js';
import { haveOnnxChecker, PYTHON } from '../../helpers/onnx-checker.js';
import { everyFieldModel, EXTERNAL_BYTES, EXTERNAL_FILE } from './every-field-model.js';

type Obj = Record<string, unknown>;
const typeName = (message: string): string => message.replace(/\./g, '_');

/** A protobufjs schema built from the field table (protobufjs decodes; convcheck's codec is not involved). */
function protobufjsRoot(): protobuf.Root {
  const nested: Obj = {};
  for (const m of allMessageSpecs()) {
    const fields: Obj = {};
    for (const f of m.fields)
      fields[f.key] = {
        id: f.number,
        type: f.message ? typeName(f.type) : f.type === 'enum' ? 'int32' : f.type,
        ...(f.repeated ? { rule: 'repeated' } : {}),
      };
    nested[typeName(m.name)] = { fields };
  }
  return protobuf.Root.fromJSON({ nested: { onnx: { nested } } } as protobuf.INamespace);
}

function decode(root: protobuf.Root, bytes: Uint8Array): Obj {
  const t = root.lookupType('onnx.ModelProto');
  return t.toObject(t.decode(bytes), { longs: String, bytes: String, enums: Number }) as Obj;
}

/** Every `Message.field` set somewhere in `obj` (walking the table). */
function fieldsSet(spec: MessageSpec, obj: Obj, seen: Set<string>): void {
  for (const f of spec.fields) {
    const v = obj[f.key];
    if (v === undefined || v === null || (Array.isArray(v) && !v.length)) continue;
    seen.add(`${spec.name}.${f.name}`);
    if (f.message)
      for (const item of f.repeated ? (v as Obj[]) : [v as Obj]) fieldsSet(messageSpec(f.type), item, seen);
  }
}

const isDefault = (v: unknown): boolean => v === '' || v === 0 || v === '0' || v === false;

/** proto3 semantics (a scalar at its default is absent) and tensor storage reduced to its bytes. */
function normalize(spec: MessageSpec, obj: Obj, dir: string): Obj {
  const out: Obj = {};
  for (const f of spec.fields) {
    let v = obj[f.key];
    if (v === undefined || v === null || (Array.isArray(v) && !v.length)) continue;
    if (!f.message && !f.repeated && isDefault(v)) continue;
    if (f.message) {
      const sub = messageSpec(f.type);
      v = f.repeated ? (v as Obj[]).map((x) => normalize(sub, x, dir)) : normalize(sub, v as Obj, dir);
    }
    out[f.key] = v;
  }
  return spec.name === 'TensorProto' ? tensorByValue(out, dir) : out;
}

const STORAGE = ['rawData', 'floatData', 'int32Data', 'int64Data', 'doubleData', 'uint64Data', 'externalData'];
function tensorByValue(t: Obj, dir: string): Obj {
  if (t.dataType === 8) return t;
  const out: Obj = {};
  for (const [k, v] of Object.entries(t)) if (!STORAGE.includes(k) && k !== 'dataLocation') out[k] = v;
  out.data = Buffer.from(tensorBytes(t, dir)).toString('hex');
  return out;
}

function tensorBytes(t: Obj, dir: string): Uint8Array {
  const u8 = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (t.rawData) return Buffer.from(t.rawData as string, 'base64');
  if (t.externalData) {
    const kv = new Map((t.externalData as Obj[]).map((e) => [e.key as string, e.value as string]));
    const offset = Number(kv.get('offset') ?? 0);
    return readFileSync(join(dir, kv.get('location')!)).subarray(offset, offset + Number(kv.get('length')));
  }
  if (t.floatData) return u8(Float32Array.from(t.floatData as number[]));
  if (t.doubleData) return u8(Float64Array.from(t.doubleData as number[]));
  if (t.int32Data) return u8(Int32Array.from(t.int32Data as number[]));
  if (t.int64Data) return u8(BigInt64Array.from((t.int64Data as string[]).map(BigInt)));
  if (t.uint64Data) return u8(BigUint64Array.from((t.uint64Data as string[]).map(BigInt)));
  return new Uint8Array();
}

/** value_info entries may be added by shape inference, never lost or changed. */
function splitValueInfo(model: Obj): Map<string, unknown> {
  const g = model.graph as Obj;
  const entries = new Map(((g.valueInfo as Obj[]) ?? []).map((v) => [v.name as string, v]));
  delete g.valueInfo;
  return entries;
}

test('the field table covers every field of onnx.proto3 and the test model sets each of them', () => {
  const root = protobufjsRoot();
  const bytes = joinPieces(encodeMessage('ModelProto', everyFieldModel()));
  const seen = new Set<string>();
  fieldsSet(messageSpec('ModelProto'), decode(root, bytes), seen);
  const all = allMessageSpecs().flatMap((m) => m.fields.map((f) => `${m.name}.${f.name}`));
  assert.equal(
    all.filter((f) => !seen.has(f)),
    [],
    'fields the model leaves unset',
  );
  assert.ok(all.length > 100 && allMessageSpecs().length >= 28, 'the table lists onnx.proto3 messages');
});

test('convert --to onnx keeps every field (decoded independently, compared field by field)', () => {
  const root = protobufjsRoot();
  const dir = mkdtempSync(join(tmpdir(), 'convcheck-every-field-'));
  const input = join(dir, 'every.onnx');
  const output = join(dir, 'out.onnx');
  writeFileSync(input, joinPieces(encodeMessage('ModelProto', everyFieldModel())));
  writeFileSync(join(dir, EXTERNAL_FILE), EXTERNAL_BYTES);
  const r = runCli(['convert', input, '--to', 'onnx', '-o', output, '--quiet']);
  assert.is(r.code, 0, r.stderr);
  const spec = messageSpec('ModelProto');
  const before = normalize(spec, decode(root, readFileSync(input)), dir);
  const after = normalize(spec, decode(root, readFileSync(output)), dir);
  const infoBefore = splitValueInfo(before);
  const infoAfter = splitValueInfo(after);
  for (const [name, vi] of infoBefore) assert.equal(infoAfter.get(name), vi, `value_info '${name}'`);
  assert.equal(after, before);
});

const pythonOnnx = { name: 'python3-onnx', ok: haveOnnxChecker(), install: 'apt-get install python3-onnx' };
needing(test, pythonOnnx)('every field of the installed onnx package is in the table, with its number', () => {
  const script = `
import onnx, json
out = {}
def walk(d, prefix=''):
    name = prefix + d.name
    out[name] = {f.name: f.number for f in d.fields}
    for n in d.nested_types:
        walk(n, name + '.')
for d in onnx.ModelProto.DESCRIPTOR.file.message_types_by_name.values():
    walk(d)
print(json.dumps(out))
`;
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const python = JSON.parse(r.stdout) as Record<string, Record<string, number>>;
  const missing: string[] = [];
  for (const [message, fields] of Object.entries(python)) {
    const ours = allMessageSpecs().find((m) => m.name === message);
    for (const [field, number] of Object.entries(fields))
      if (ours?.fields.find((f) => f.name === field)?.number !== number)
        missing.push(`${message}.${field} = ${number}`);
  }
  assert.equal(missing, []);
  assert.ok(Object.keys(python).length >= 20);
});

test.run();
