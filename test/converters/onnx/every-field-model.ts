/**
 * A model that sets every field of every message of onnx.proto3 (as listed in onnx-proto-fields.json):
 * one graph whose initializers use each tensor storage (typed fields, raw_data, external data, sparse), a
 * node of a local function's domain carrying every attribute kind and the sharding/device fields, outputs of
 * every TypeProto kind, a local function with every FunctionProto field, training info and device configurations.
 */
import type { Message } from '../../../converters/onnx/proto-types.js';

const kv = (key: string, value: string): Message => ({ key, value });
const meta = (what: string): Message[] => [kv(`${what}.k1`, `${what} value 1`), kv(`${what}.k2`, `${what} value 2`)];
const dims = (...d: number[]): Message => ({ dim: d.map((dimValue) => ({ dimValue })) });
const floatType = (...d: number[]): Message => ({ tensorType: { elemType: 1, shape: dims(...d) } });
const floats = (n: number, seed: number): number[] =>
  Array.from({ length: n }, (_, i) => ((i * 7 + seed) % 31) / 8 - 2);
const f32Bytes = (values: number[]): Uint8Array => new Uint8Array(Float32Array.from(values).buffer);

/** The bytes of the external data file `weights.bin` that tensor `w_ext` points into. */
export const EXTERNAL_BYTES = f32Bytes(floats(300, 5));
export const EXTERNAL_FILE = 'weights.bin';

function tensors(): Message[] {
  return [
    {
      name: 'w_raw',
      dims: [64, 64],
      dataType: 1,
      rawData: f32Bytes(floats(64 * 64, 1)), // past the graph-only threshold: read by handle
      docString: 'raw tensor',
      segment: { begin: 0, end: 4096 },
      metadataProps: meta('tensor'),
    },
    { name: 'w_float', dims: [3000], dataType: 1, floatData: floats(3000, 2) }, // packed, left in the file too
    { name: 'w_int32', dims: [4], dataType: 6, int32Data: [1, -2, 3, -2147483648] },
    { name: 'w_string', dims: [2], dataType: 8, stringData: [new TextEncoder().encode('a'), new Uint8Array([0, 255])] },
    { name: 'w_int64', dims: [3], dataType: 7, int64Data: [-1, 2 ** 40, -9007199254740993n] },
    { name: 'w_double', dims: [2], dataType: 11, doubleData: [Math.PI, -1e300] },
    { name: 'w_uint64', dims: [2], dataType: 13, uint64Data: [3, 18446744073709551615n] },
    {
      name: 'w_ext',
      dims: [300],
      dataType: 1,
      dataLocation: 1,
      externalData: [kv('location', EXTERNAL_FILE), kv('offset', '0'), kv('length', String(EXTERNAL_BYTES.length))],
    },
  ];
}

function sharding(): Message {
  return {
    configurationId: 'cfg0',
    pipelineStage: 2,
    shardingSpec: [
      {
        tensorName: 'x',
        device: [0, 1],
        indexToDeviceGroupMap: [{ key: 0, value: [0, 1] }],
        shardedDim: [
          {
            axis: 1,
            simpleSharding: [
              { dimValue: 64, numShards: 2 },
              { dimParam: 'N', numShards: 1 },
            ],
          },
        ],
      },
    ],
  };
}

const smallGraph = (name: string): Message => ({
  name,
  node: [{ input: ['t_in'], output: ['t_out'], opType: 'Identity' }],
  input: [{ name: 't_in', type: floatType(1) }],
  output: [{ name: 't_out', type: floatType(1) }],
});

const sparse = (name: string): Message => ({
  values: { name, dims: [2], dataType: 1, rawData: f32Bytes([1.5, -2]) },
  indices: { dims: [2], dataType: 7, int64Data: [1, 5] },
  dims: [8],
});

function attributes(): Message[] {
  const tensorOf = (v: number): Message => ({ dims: [1], dataType: 1, floatData: [v] });
  return [
    { name: 'a_float', type: 1, f: 0.25, docString: 'a float attribute' },
    { name: 'a_int', type: 2, i: -7 },
    { name: 'a_string', type: 3, s: new TextEncoder().encode('text') },
    { name: 'a_tensor', type: 4, t: { ...tensorOf(2), name: 'attr tensor', docString: 'named attribute tensor' } },
    { name: 'a_graph', type: 5, g: smallGraph('attr_graph') },
    { name: 'a_sparse', type: 11, sparseTensor: sparse('attr_sparse') },
    { name: 'a_type', type: 13, tp: floatType(2, 3) },
    { name: 'a_floats', type: 6, floats: [1, 0.5] },
    { name: 'a_ints', type: 7, ints: [1, -(2 ** 40)] },
    { name: 'a_strings', type: 8, strings: [new TextEncoder().encode('p'), new TextEncoder().encode('q')] },
    { name: 'a_tensors', type: 9, tensors: [tensorOf(3), tensorOf(4)] },
    { name: 'a_graphs', type: 10, graphs: [smallGraph('g1'), smallGraph('g2')] },
    { name: 'a_sparses', type: 12, sparseTensors: [sparse('s1')] },
    { name: 'a_types', type: 14, typeProtos: [floatType(1), { sequenceType: { elemType: floatType(1) } }] },
  ];
}

function localFunction(): Message {
  return {
    name: 'Scaled',
    domain: 'com.example',
    overload: 'v2',
    input: ['X'],
    output: ['Y'],
    attribute: ['alpha_unused'],
    attributeProto: [{ name: 'alpha', type: 1, f: 2 }],
    node: [
      {
        input: ['X'],
        output: ['Y'],
        opType: 'LeakyRelu',
        domain: '',
        attribute: [{ name: 'alpha', type: 1, refAttrName: 'alpha' }],
      },
    ],
    docString: 'a local function',
    opsetImport: [{ domain: '', version: 18 }],
    valueInfo: [{ name: 'X', type: floatType(1, 64) }],
    metadataProps: meta('function'),
  };
}

const outputs = (): Message[] => [
  { name: 'y', type: floatType(1, 64), docString: 'main output' },
  { name: 'o_seq', type: { sequenceType: { elemType: floatType(2) } } },
  { name: 'o_map', type: { mapType: { keyType: 7, valueType: floatType() } } },
  { name: 'o_opt', type: { optionalType: { elemType: floatType(2) } } },
  { name: 'o_sparse', type: { sparseTensorType: { elemType: 1, shape: dims(8) } } },
  { name: 'o_opaque', type: { opaqueType: { domain: 'com.example', name: 'Blob' } } },
];

export function everyFieldModel(): Message {
  const inits = tensors();
  const xType: Message = {
    tensorType: {
      elemType: 1,
      shape: {
        dim: [
          { dimParam: 'N', denotation: 'DATA_BATCH' },
          { dimValue: 64, denotation: 'DATA_CHANNEL' },
        ],
      },
    },
    denotation: 'TENSOR',
  };
  return {
    irVersion: 10,
    opsetImport: [
      { domain: '', version: 18 },
      { domain: 'com.example', version: 1 },
    ],
    producerName: 'every-field',
    producerVersion: '1.0',
    domain: 'org.example',
    modelVersion: 7,
    docString: 'a model that sets every field',
    metadataProps: meta('model'),
    graph: {
      name: 'main',
      docString: 'the main graph',
      metadataProps: meta('graph'),
      initializer: inits,
      sparseInitializer: [sparse('w_sparse')],
      input: [{ name: 'x', type: xType, docString: 'input x', metadataProps: meta('value') }],
      output: outputs(),
      valueInfo: [{ name: 'h', type: floatType(1, 64), docString: 'hidden', metadataProps: meta('value info') }],
      quantizationAnnotation: [{ tensorName: 'h', quantParameterTensorNames: [kv('SCALE_TENSOR', 'w_float')] }],
      node: [
        {
          input: ['x'],
          output: ['h'],
          name: 'scaled',
          opType: 'Scaled',
          domain: 'com.example',
          overload: 'v2',
          attribute: [{ name: 'alpha', type: 1, f: 0.5 }],
          docString: 'calls the local function',
          metadataProps: meta('node'),
          deviceConfigurations: [sharding()],
        },
        {
          input: ['h', ...inits.map((t) => t.name as string), 'w_sparse'],
          output: ['y', 'o_seq', 'o_map', 'o_opt', 'o_sparse', 'o_opaque'],
          name: 'custom',
          opType: 'Everything',
          domain: 'com.example',
          attribute: attributes(),
        },
      ],
    },
    trainingInfo: [
      {
        initialization: smallGraph('init'),
        algorithm: smallGraph('algo'),
        initializationBinding: [kv('w_raw', 't_out')],
        updateBinding: [kv('w_raw', 't_out')],
      },
    ],
    functions: [localFunction()],
    configuration: [{ name: 'two-gpus', numDevices: 2, device: ['gpu0', 'gpu1'] }],
  };
}
