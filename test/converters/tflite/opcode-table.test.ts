/**
 * opsets/tflite.json is consistent with the schema facts it records: every BuiltinOperator code once,
 * 0 … maxBuiltinCode without gaps; each option union's members numbered 1 … count; every op's option table
 * exists in its union; field ids of each table numbered in declaration order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tfliteTable } from '../../../converters/tflite/read-model.js';

const t = tfliteTable();

test('the schema source is recorded (URL, commit, sha256)', () => {
  assert.match(t.source.url, /^https:\/\/github\.com\/.+schema\.fbs$/);
  assert.match(t.source.commit, /^[0-9a-f]{40}$/);
  assert.match(t.source.sha256, /^[0-9a-f]{64}$/);
  assert.ok(t.source.url.includes(t.source.commit), 'the URL pins the recorded commit');
});

test('builtin codes: every code 0 … max once, as many as the schema enum has', () => {
  const codes = Object.keys(t.builtinOperators).map(Number);
  assert.is(codes.length, t.schemaFacts.builtinOperatorCount);
  assert.equal(
    codes.sort((a, b) => a - b),
    [...Array(t.schemaFacts.maxBuiltinCode + 1).keys()],
  );
  assert.is(new Set(Object.values(t.builtinOperators)).size, codes.length, 'names are unique');
  assert.ok(t.schemaFacts.maxBuiltinCode >= 209, 'the StableHLO range (to STABLEHLO_CASE = 209) is included');
  assert.is(t.builtinOperators['206'], 'STABLEHLO_COMPOSITE');
  assert.is(t.builtinOperators['127'], 'PLACEHOLDER_FOR_GREATER_OP_CODES');
});

test('option unions: members numbered 1 … count in each union, no duplicates', () => {
  for (const [union, count] of [
    ['BuiltinOptions', t.schemaFacts.builtinOptionsCount],
    ['BuiltinOptions2', t.schemaFacts.builtinOptions2Count],
  ] as const) {
    const idx = Object.values(t.optionTables)
      .filter((o) => o.union === union)
      .map((o) => o.index)
      .sort((a, b) => a - b);
    assert.equal(
      idx,
      [...Array(count).keys()].map((i) => i + 1),
      union,
    );
  }
});

test('every op names an option table of a union; StableHLO tables live in BuiltinOptions2', () => {
  const names = new Set(Object.values(t.builtinOperators));
  for (const [op, table] of Object.entries(t.opOptions)) {
    assert.ok(names.has(op), `${op} is a builtin`);
    const o = t.optionTables[table];
    assert.ok(o, `${op}: ${table} exists`);
    if (/^Stablehlo/i.test(table)) assert.is(o!.union, 'BuiltinOptions2', table);
  }
  assert.is(t.opOptions.CONV_2D, 'Conv2DOptions');
  assert.is(t.optionTables.Conv2DOptions!.index, 1);
  for (const pool of ['AVERAGE_POOL_2D', 'MAX_POOL_2D', 'L2_POOL_2D']) assert.is(t.opOptions[pool], 'Pool2DOptions');
});

test('fields: ids 0 … n-1 per table, and the per-op view agrees with the tables', () => {
  for (const [name, o] of Object.entries(t.optionTables)) {
    const ids = Object.values(o.fields)
      .map((f) => f.id)
      .sort((a, b) => a - b);
    assert.equal(ids, [...ids.keys()], name);
  }
  for (const [op, fields] of Object.entries(t.options)) {
    const table = t.optionTables[t.opOptions[op]!]!;
    for (const [f, [id, kind]] of Object.entries(fields)) {
      assert.is(table.fields[f]?.id, id, `${op}.${f}`);
      assert.is(table.fields[f]?.kind, kind, `${op}.${f}`);
    }
  }
});

test.run();
