#!/usr/bin/env python3
"""Generate opsets/tflite.json from TFLite's flatbuffer schema (schema.fbs).

Usage: gen-tflite-opsets.py SCHEMA_FBS SOURCE_URL COMMIT > opsets/tflite.json

Reads the enums (BuiltinOperator, TensorType, Padding, ActivationFunctionType and the other option enums),
the BuiltinOptions / BuiltinOptions2 unions (member index = union type code, NONE = 0) and every table
those unions name (fields with their flatbuffer ids in declaration order, deprecated fields included,
types and defaults). Which option table an operator carries is a convention of the schema's comments and
the runtimes (CONV_2D -> Conv2DOptions); it is matched by name, with the exceptions listed below.
"""
import hashlib
import json
import re
import sys

# Operators whose option table is not found by name (OP_NAME -> table), facts from the schema's
# BuiltinOptions usage in TFLite's runtime (several ops share one table).
OPTIONS_OF = {
    'AVERAGE_POOL_2D': 'Pool2DOptions', 'MAX_POOL_2D': 'Pool2DOptions', 'L2_POOL_2D': 'Pool2DOptions',
    'L2_NORMALIZATION': 'L2NormOptions', 'LOCAL_RESPONSE_NORMALIZATION': 'LocalResponseNormalizationOptions',
    'LSTM': 'LSTMOptions', 'RNN': 'RNNOptions', 'SVDF': 'SVDFOptions',
    'UNIDIRECTIONAL_SEQUENCE_RNN': 'SequenceRNNOptions', 'BIDIRECTIONAL_SEQUENCE_RNN': 'BidirectionalSequenceRNNOptions',
    'UNIDIRECTIONAL_SEQUENCE_LSTM': 'UnidirectionalSequenceLSTMOptions',
    'BIDIRECTIONAL_SEQUENCE_LSTM': 'BidirectionalSequenceLSTMOptions',
    'EMBEDDING_LOOKUP_SPARSE': 'EmbeddingLookupSparseOptions', 'LSH_PROJECTION': 'LSHProjectionOptions',
    'MEAN': 'ReducerOptions', 'SUM': 'ReducerOptions', 'REDUCE_PROD': 'ReducerOptions', 'REDUCE_MAX': 'ReducerOptions',
    'REDUCE_MIN': 'ReducerOptions', 'REDUCE_ANY': 'ReducerOptions', 'REDUCE_ALL': 'ReducerOptions',
    'TOPK_V2': 'TopKV2Options', 'ARG_MAX': 'ArgMaxOptions', 'ARG_MIN': 'ArgMinOptions',
    'CONCAT_EMBEDDINGS': 'ConcatEmbeddingsOptions', 'CONCATENATION': 'ConcatenationOptions',
    'PADV2': 'PadV2Options', 'PAD': 'PadOptions', 'CAST': 'CastOptions',
    'LESS_EQUAL': 'LessEqualOptions', 'GREATER_EQUAL': 'GreaterEqualOptions',
    'LOG_SOFTMAX': 'LogSoftmaxOptions', 'DEQUANTIZE': 'DequantizeOptions', 'QUANTIZE': 'QuantizeOptions',
    'SELECT': 'SelectOptions', 'SELECT_V2': 'SelectV2Options', 'SPLIT_V': 'SplitVOptions',
    'FAKE_QUANT': 'FakeQuantOptions', 'SQUARED_DIFFERENCE': 'SquaredDifferenceOptions',
    'RESIZE_NEAREST_NEIGHBOR': 'ResizeNearestNeighborOptions', 'MATRIX_DIAG': 'MatrixDiagOptions',
    'MATRIX_SET_DIAG': 'MatrixSetDiagOptions', 'IF': 'IfOptions', 'WHILE': 'WhileOptions',
    'NON_MAX_SUPPRESSION_V4': 'NonMaxSuppressionV4Options', 'NON_MAX_SUPPRESSION_V5': 'NonMaxSuppressionV5Options',
    'SCATTER_ND': 'ScatterNdOptions', 'SEGMENT_SUM': 'SegmentSumOptions', 'BATCH_MATMUL': 'BatchMatMulOptions',
    'CUMSUM': 'CumsumOptions', 'BROADCAST_TO': 'BroadcastToOptions', 'RFFT2D': 'Rfft2dOptions',
    'CONV_3D': 'Conv3DOptions', 'CONV_3D_TRANSPOSE': 'Conv3DOptions', 'HASHTABLE': 'HashtableOptions',
    'HASHTABLE_FIND': 'HashtableFindOptions', 'HASHTABLE_IMPORT': 'HashtableImportOptions',
    'HASHTABLE_SIZE': 'HashtableSizeOptions', 'VAR_HANDLE': 'VarHandleOptions', 'READ_VARIABLE': 'ReadVariableOptions',
    'ASSIGN_VARIABLE': 'AssignVariableOptions', 'RANDOM_STANDARD_NORMAL': 'RandomOptions',
    'RANDOM_UNIFORM': 'RandomOptions', 'MULTINOMIAL': 'RandomOptions', 'BUCKETIZE': 'BucketizeOptions',
    'DYNAMIC_UPDATE_SLICE': 'DynamicUpdateSliceOptions', 'UNSORTED_SEGMENT_PROD': 'UnsortedSegmentProdOptions',
    'UNSORTED_SEGMENT_MAX': 'UnsortedSegmentMaxOptions', 'UNSORTED_SEGMENT_MIN': 'UnsortedSegmentMinOptions',
    'UNSORTED_SEGMENT_SUM': 'UnsortedSegmentSumOptions', 'ATAN2': 'ATan2Options', 'SIGN': 'SignOptions',
    'BITCAST': 'BitcastOptions', 'BITWISE_XOR': 'BitwiseXorOptions', 'RIGHT_SHIFT': 'RightShiftOptions',
    'CALL_ONCE': 'CallOnceOptions', 'GELU': 'GeluOptions', 'DILATE': 'DilateOptions',
    'REDUCE_WINDOW': 'ReduceWindowOptions', 'STABLEHLO_COMPOSITE': 'StableHLOCompositeOptions',
    'STABLEHLO_SHIFT_LEFT': 'StablehloShiftLeftOptions', 'STABLEHLO_CASE': 'StablehloCaseOptions',
    'STABLEHLO_RNG_BIT_GENERATOR': 'StablehloRngBitGeneratorOptions',
    'MAXIMUM': 'MaximumMinimumOptions', 'MINIMUM': 'MaximumMinimumOptions',
    'EMBEDDING_LOOKUP': None, 'HASHTABLE_LOOKUP': None,
}
# Scalar type sizes for the reader: how a field is read from its table.
KIND = {'bool': 'bool', 'byte': 'byte', 'ubyte': 'byte', 'int8': 'byte', 'uint8': 'byte', 'short': 'short',
        'ushort': 'short', 'int': 'int', 'int32': 'int', 'uint': 'uint', 'uint32': 'uint', 'long': 'long',
        'int64': 'long', 'ulong': 'long', 'uint64': 'long', 'float': 'float', 'float32': 'float', 'double': 'double',
        'string': 'string'}


def strip_comments(text):
    return re.sub(r'//[^\n]*', '', text)


def blocks(text, kind):
    """kind name [: base] [(attrs)] { body } -> {name: (base, body)}"""
    out = {}
    for m in re.finditer(kind + r'\s+(\w+)\s*(?::\s*(\w+))?\s*(\([^)]*\))?\s*\{([^}]*)\}', text):
        out[m.group(1)] = (m.group(2), m.group(4))
    return out


def enum_values(body):
    vals, nxt = [], 0
    for item in [s.strip() for s in body.split(',') if s.strip()]:
        m = re.match(r'(\w+)\s*(?:=\s*(-?\d+))?\s*(\(deprecated\))?$', item)
        if not m:
            raise SystemExit('cannot parse enum item: ' + item)
        v = int(m.group(2)) if m.group(2) is not None else nxt
        vals.append((m.group(1), v, bool(m.group(3))))
        nxt = v + 1
    return vals


def main():
    path, url, commit = sys.argv[1], sys.argv[2], sys.argv[3]
    raw = open(path, 'rb').read()
    text = strip_comments(raw.decode('utf8'))
    enums = blocks(text, 'enum')
    unions = blocks(text, 'union')
    tables = blocks(text, 'table')
    ops = enum_values(enums['BuiltinOperator'][1])
    enum_base = {name: base for name, (base, _) in enums.items()}

    def field_list(body):
        fields = {}
        for fid, item in enumerate(s.strip() for s in body.split(';') if s.strip()):
            m = re.match(r'(\w+)\s*:\s*(\[?\w+\]?)\s*(?:=\s*([^()\s]+))?\s*(\([^)]*\))?$', item)
            if not m:
                raise SystemExit('cannot parse field: ' + item)
            name, typ, dflt, attrs = m.groups()
            vector = typ.startswith('[')
            base = typ.strip('[]')
            kind = KIND.get(base) or KIND.get(enum_base.get(base, '')) or 'table'
            if vector:
                kind = kind + 's'
            f = {'id': fid, 'type': typ, 'kind': kind}
            if base in enums:
                names = enum_values(enums[base][1])
                f['enum'] = base
                if dflt is not None and not re.match(r'-?\d', dflt):
                    dflt = next(v for n, v, _ in names if n == dflt)
            if isinstance(dflt, int):
                f['default'] = dflt
            elif dflt is not None:
                d = dflt.lower()
                f['default'] = True if d == 'true' else False if d == 'false' else float(dflt) if '.' in dflt else int(dflt)
            if attrs and 'deprecated' in attrs:
                f['deprecated'] = True
            fields[name] = f
        return fields

    union_index = {}
    for uname in ('BuiltinOptions', 'BuiltinOptions2'):
        for i, item in enumerate(s.strip() for s in unions[uname][1].split(',') if s.strip()):
            union_index[re.match(r'\w+', item).group(0)] = {'union': uname, 'index': i + 1}
    option_tables = {}
    for tname, u in union_index.items():
        option_tables[tname] = {**u, 'fields': field_list(tables[tname][1])}

    def norm(s):
        return re.sub(r'[^a-z0-9]', '', s.lower())

    by_norm = {norm(t[: -len('Options')]): t for t in option_tables}
    op_options = {}
    for name, code, _ in ops:
        if name in OPTIONS_OF:
            t = OPTIONS_OF[name]
        else:
            key = norm(name)
            t = by_norm.get(key) or by_norm.get(key.replace('stablehlo', 'stablehlo'))
        if t:
            if t not in option_tables:
                raise SystemExit(f'{name}: option table {t} is not in the unions')
            op_options[name] = t

    # the reader's per-op view: field -> [id, kind, default]
    options = {}
    for name, t in op_options.items():
        fields = option_tables[t]['fields']
        options[name] = {
            f: [spec['id'], spec['kind']] + ([spec['default']] if 'default' in spec and not isinstance(spec['default'], bool)
                                             else [int(spec['default'])] if 'default' in spec else [])
            for f, spec in fields.items()
        }

    def enum_map(n):
        return {str(v): k for k, v, _ in enum_values(enums[n][1])}

    out = {
        'source': {
            'url': url,
            'commit': commit,
            'sha256': hashlib.sha256(raw).hexdigest(),
            'note': 'Generated by opsets/scripts/gen-tflite-opsets.py; field ids in declaration order.',
        },
        'fileIdentifier': 'TFL3',
        'schemaFacts': {
            'builtinOperatorCount': len(ops),
            'maxBuiltinCode': max(v for _, v, _ in ops),
            'deprecatedBuiltins': [n for n, _, d in ops if d],
            'builtinOptionsCount': sum(1 for u in union_index.values() if u['union'] == 'BuiltinOptions'),
            'builtinOptions2Count': sum(1 for u in union_index.values() if u['union'] == 'BuiltinOptions2'),
        },
        'builtinOperators': {str(v): n for n, v, _ in ops},
        'tensorTypes': enum_map('TensorType'),
        'padding': enum_map('Padding'),
        'activation': enum_map('ActivationFunctionType'),
        'mirrorPadMode': enum_map('MirrorPadMode'),
        'opOptions': op_options,
        'optionTables': option_tables,
        'options': options,
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')
    unused = sorted(set(option_tables) - set(op_options.values()))
    sys.stderr.write(f'{len(ops)} builtins, {len(option_tables)} option tables, {len(op_options)} ops with options; '
                     f'tables no op uses: {unused}\n')


main()
