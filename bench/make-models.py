"""Benchmark models with random weights, built with python onnx (no torch needed): a ResNet-50-shaped
and a ViT-B/16-shaped network, weights inside the file. Usage: make-models.py <resnet50|vit_b_16> <out.onnx>"""
import sys
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

rng = np.random.default_rng(0)
inits, nodes = [], []
count = [0]


def fresh(prefix):
    count[0] += 1
    return f"{prefix}_{count[0]}"


def weight(shape, prefix="w", scale=0.02):
    name = fresh(prefix)
    inits.append(numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name))
    return name


def const(values, dtype=np.int64):
    name = fresh("c")
    inits.append(numpy_helper.from_array(np.array(values, dtype=dtype), name))
    return name


def node(op, inputs, **attrs):
    out = fresh(op.lower())
    nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
    return out


def conv_bn(x, cin, cout, k, stride=1, relu=True):
    y = node("Conv", [x, weight([cout, cin, k, k])], kernel_shape=[k, k], strides=[stride, stride], pads=[k // 2] * 4)
    bn = [weight([cout], "s", 1.0), weight([cout], "b"), weight([cout], "m"), const(np.ones(cout), np.float32)]
    y = node("BatchNormalization", [y] + bn)
    return node("Relu", [y]) if relu else y


def resnet50():
    x = conv_bn("input", 3, 64, 7, 2)
    x = node("MaxPool", [x], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    cin = 64
    for width, blocks, stride in [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]:
        for b in range(blocks):
            s = stride if b == 0 else 1
            y = conv_bn(x, cin, width, 1)
            y = conv_bn(y, width, width, 3, s)
            y = conv_bn(y, width, width * 4, 1, relu=False)
            short = conv_bn(x, cin, width * 4, 1, s, relu=False) if b == 0 else x
            x = node("Relu", [node("Add", [y, short])])
            cin = width * 4
    x = node("GlobalAveragePool", [x])
    x = node("Flatten", [x])
    return node("Gemm", [x, weight([1000, 2048]), weight([1000])], transB=1)


def linear(x, cin, cout):
    return node("Add", [node("MatMul", [x, weight([cin, cout])]), weight([cout])])


def layer_norm(x, d):
    return node("LayerNormalization", [x, weight([d], "g", 1.0), weight([d])], axis=-1)


def vit_b_16(d=768, heads=12, depth=12, mlp=3072, tokens=197):
    x = node("Conv", ["input", weight([d, 3, 16, 16]), weight([d])], kernel_shape=[16, 16], strides=[16, 16])
    x = node("Transpose", [node("Reshape", [x, const([1, d, tokens - 1])])], perm=[0, 2, 1])
    x = node("Concat", [weight([1, 1, d], "cls"), x], axis=1)
    x = node("Add", [x, weight([1, tokens, d], "pos")])
    hd = d // heads
    for _ in range(depth):
        h = layer_norm(x, d)
        qkv = node("Reshape", [linear(h, d, 3 * d), const([1, tokens, 3, heads, hd])])
        qkv = node("Transpose", [qkv], perm=[2, 0, 3, 1, 4])
        q, k, v = (node("Gather", [qkv, const(i)], axis=0) for i in range(3))
        att = node("MatMul", [q, node("Transpose", [k], perm=[0, 1, 3, 2])])
        att = node("Softmax", [node("Mul", [att, const(hd**-0.5, np.float32)])], axis=-1)
        o = node("Transpose", [node("MatMul", [att, v])], perm=[0, 2, 1, 3])
        x = node("Add", [x, linear(node("Reshape", [o, const([1, tokens, d])]), d, d)])
        h = linear(layer_norm(x, d), d, mlp)
        erf = node("Erf", [node("Div", [h, const(2**0.5, np.float32)])])
        h = node("Mul", [node("Mul", [h, node("Add", [erf, const(1.0, np.float32)])]), const(0.5, np.float32)])
        x = node("Add", [x, linear(h, mlp, d)])
    x = node("Gather", [layer_norm(x, d), const(0)], axis=1)
    return linear(x, d, 1000)


which, path = sys.argv[1], sys.argv[2]
out = {"resnet50": resnet50, "vit_b_16": vit_b_16}[which]()
graph = helper.make_graph(
    nodes,
    which,
    [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 224, 224])],
    [helper.make_tensor_value_info(out, TensorProto.FLOAT, [1, 1000])],
    inits,
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="convcheck-bench")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, path)
