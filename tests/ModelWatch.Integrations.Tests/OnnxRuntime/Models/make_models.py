#!/usr/bin/python3
"""Writes the small ONNX models of the ONNX Runtime wrapper's edge-path tests (OnnxModelShapesTests).

Each model has the inputs and outputs of one case the schema mapping must handle or refuse; the
arithmetic only has to run. Built with onnx.helper from Debian's python3-onnx (1.12, opset 17,
ai.onnx.ml 3), so that CI only reads the committed .onnx files:

    apt-get install -y python3-onnx
    /usr/bin/python3 tests/ModelWatch.Integrations.Tests/OnnxRuntime/Models/make_models.py

The output is deterministic: rerunning it rewrites the same bytes.
"""
import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSETS = [helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)]
FLOAT, DOUBLE, INT64, BOOL, STRING, FLOAT16 = (
    TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.INT64, TensorProto.BOOL, TensorProto.STRING, TensorProto.FLOAT16)


def tensor(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def map_of(key, value_elem):
    """map(key, tensor(value_elem)): onnx 1.12's helper has no constructor for map types."""
    proto = onnx.TypeProto()
    proto.map_type.key_type = key
    proto.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(value_elem, None))
    return proto


def ints(name, values):
    return helper.make_tensor(name, INT64, [len(values)], values)


def save(file, nodes, inputs, outputs, initializers=(), metadata=None, doc="", infer_shapes=True):
    graph = helper.make_graph(nodes, os.path.splitext(file)[0], inputs, outputs, list(initializers))
    model = helper.make_model(graph, opset_imports=OPSETS, producer_name="modelwatch-tests", producer_version="1")
    model.doc_string = doc
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    # Shape inference has no rule for map types (ZipMap): that model gets the structural check only.
    onnx.checker.check_model(model, full_check=infer_shapes)
    onnx.save(model, os.path.join(HERE, file))


def row_sum(source, target):
    """[batch, ...] -> [batch, 1]: the sum of each item's values."""
    return helper.make_node("ReduceSum", [source, "axes_rest"], [target], keepdims=1)


# 1. An image-like rank-3 input beside a tabular one: score = sum(image) + exposure.
save("rank3.onnx",
     [helper.make_node("ReduceSum", ["image", "axes_12"], ["image_sum"], keepdims=0),
      helper.make_node("Unsqueeze", ["image_sum", "axes_1"], ["image_col"]),
      helper.make_node("Add", ["image_col", "exposure"], ["score"])],
     [tensor("image", FLOAT, ["batch", 2, 2]), tensor("exposure", FLOAT, ["batch", 1])],
     [tensor("score", FLOAT, ["batch", 1])],
     [ints("axes_12", [1, 2]), ints("axes_1", [1])],
     doc="rank-3 float input 'image' [batch, 2, 2] and a [batch, 1] input 'exposure'")

# 1b. A rank-3 output: grid = x reshaped to [batch, 2, 2].
save("rank3_output.onnx",
     [helper.make_node("Reshape", ["x", "grid_shape"], ["grid"])],
     [tensor("x", FLOAT, ["batch", 4])],
     [tensor("grid", FLOAT, ["batch", 2, 2])],
     [ints("grid_shape", [-1, 2, 2])],
     doc="a [batch, 4] input 'x' and its rank-3 reshape 'grid' as the only output")

# 2. A sequence input and a sequence output: score = x * number of tensors in 'history';
#    'history_out' returns the sequence unchanged.
save("sequence.onnx",
     [helper.make_node("SequenceLength", ["history"], ["length"]),
      helper.make_node("Cast", ["length"], ["length_f"], to=FLOAT),
      helper.make_node("Mul", ["x", "length_f"], ["score"]),
      helper.make_node("Identity", ["history"], ["history_out"])],
     [helper.make_tensor_sequence_value_info("history", FLOAT, None), tensor("x", FLOAT, ["batch", 1])],
     [tensor("score", FLOAT, ["batch", 1]), helper.make_tensor_sequence_value_info("history_out", FLOAT, None)],
     doc="a sequence input 'history', a [batch, 1] input 'x', a sequence output 'history_out'")

# 3. A scikit-learn-style linear classifier (as skl2onnx exports LogisticRegression): three float
#    features, three classes (and a binary one of the first two). With ZipMap the probabilities are
#    seq(map(int64, float)); without it (skl2onnx's options={'zipmap': False}) a [batch, 3] tensor,
#    and here the labels are strings. The coefficients are shared, so both give the same probabilities.
COEFFICIENTS = [1.0, -1.0, 0.5,
                -0.5, 1.0, -1.0,
                0.0, 0.25, 1.0]
INTERCEPTS = [0.1, -0.2, 0.0]
save("classifier_zipmap.onnx",
     [helper.make_node("LinearClassifier", ["float_input"], ["output_label", "probabilities"], domain="ai.onnx.ml",
                       coefficients=COEFFICIENTS, intercepts=INTERCEPTS, classlabels_ints=[0, 1, 2], post_transform="SOFTMAX"),
      helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml", classlabels_int64s=[0, 1, 2])],
     [tensor("float_input", FLOAT, [None, 3])],
     [tensor("output_label", INT64, [None]),
      helper.make_value_info("output_probability", helper.make_sequence_type_proto(map_of(INT64, FLOAT)))],
     doc="LinearClassifier + ZipMap: output_label int64 [N], output_probability seq(map(int64, float))", infer_shapes=False)
save("classifier_zipmap_binary.onnx",
     [helper.make_node("LinearClassifier", ["float_input"], ["output_label", "probabilities"], domain="ai.onnx.ml",
                       coefficients=COEFFICIENTS[:6], intercepts=INTERCEPTS[:2], classlabels_ints=[0, 1], post_transform="SOFTMAX"),
      helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml", classlabels_int64s=[0, 1])],
     [tensor("float_input", FLOAT, [None, 3])],
     [tensor("output_label", INT64, [None]),
      helper.make_value_info("output_probability", helper.make_sequence_type_proto(map_of(INT64, FLOAT)))],
     doc="binary LinearClassifier + ZipMap: output_label int64 [N], output_probability seq(map(int64, float))", infer_shapes=False)
save("classifier_tensor.onnx",
     [helper.make_node("LinearClassifier", ["float_input"], ["output_label", "output_probability"], domain="ai.onnx.ml",
                       coefficients=COEFFICIENTS, intercepts=INTERCEPTS, classlabels_strings=["cat", "dog", "fish"], post_transform="SOFTMAX")],
     [tensor("float_input", FLOAT, [None, 3])],
     [tensor("output_label", STRING, [None]), tensor("output_probability", FLOAT, [None, 3])],
     metadata={"modelwatch:feature_names:float_input": "length, width, depth"},
     doc="LinearClassifier without ZipMap: output_label string [N], output_probability float [N, 3]")

# 4. Batch dimensions: symbolic ('batch'), unknown (no name), a 1-D batched input, a fixed [1, 2]
#    input, and 'ragged' whose row length is symbolic too. score = the sum of all of them per item.
save("dynamic_dims.onnx",
     [row_sum("a", "a_sum"), row_sum("b", "b_sum"), row_sum("ragged", "ragged_sum"),
      helper.make_node("Cast", ["c"], ["c_f"], to=FLOAT),
      helper.make_node("Unsqueeze", ["c_f", "axes_1"], ["c_col"]),
      helper.make_node("ReduceSum", ["fixed", "axes_rest"], ["fixed_sum"], keepdims=1),
      helper.make_node("Sum", ["a_sum", "b_sum", "ragged_sum", "c_col", "fixed_sum"], ["score"])],
     [tensor("a", FLOAT, ["batch", 3]), tensor("b", FLOAT, [None, 2]), tensor("c", DOUBLE, ["batch"]),
      tensor("fixed", FLOAT, [1, 2]), tensor("ragged", FLOAT, ["batch", "width"])],
     [tensor("score", FLOAT, ["batch", 1])],
     [ints("axes_rest", [1]), ints("axes_1", [1])],
     doc="inputs a ['batch', 3], b [?, 2], c double ['batch'], fixed [1, 2], ragged ['batch', 'width']")

# 5. Element types: int64 counts, a bool flag and a string city mapped to an index.
save("typed_inputs.onnx",
     [helper.make_node("Cast", ["count"], ["count_f"], to=FLOAT),
      row_sum("count_f", "count_sum"),
      helper.make_node("Cast", ["flag"], ["flag_f"], to=FLOAT),
      helper.make_node("CategoryMapper", ["city"], ["city_i"], domain="ai.onnx.ml",
                       cats_strings=["Oslo", "Lima", "Pune"], cats_int64s=[1, 2, 3], default_int64=0),
      helper.make_node("Cast", ["city_i"], ["city_f"], to=FLOAT),
      helper.make_node("Sum", ["count_sum", "flag_f", "city_f"], ["score"])],
     [tensor("count", INT64, ["batch", 2]), tensor("flag", BOOL, ["batch", 1]), tensor("city", STRING, ["batch", 1])],
     [tensor("score", FLOAT, ["batch", 1])],
     [ints("axes_rest", [1])],
     doc="inputs count int64 ['batch', 2], flag bool ['batch', 1], city string ['batch', 1]")

# 6. A map input (as DictVectorizer pipelines take) and a scalar: vector = DictVectorizer(features) * scale.
save("map_input.onnx",
     [helper.make_node("DictVectorizer", ["features"], ["counts"], domain="ai.onnx.ml", string_vocabulary=["apples", "pears"]),
      helper.make_node("Mul", ["counts", "scale"], ["vector"])],
     [helper.make_value_info("features", map_of(STRING, FLOAT)), tensor("scale", FLOAT, [])],
     [tensor("vector", FLOAT, [1, 2])],
     doc="a map(string, float) input 'features' and a scalar float input 'scale'")

# 7. An element type without a mapping: float16.
save("float16.onnx",
     [helper.make_node("Cast", ["half"], ["score"], to=FLOAT)],
     [tensor("half", FLOAT16, ["batch", 1])],
     [tensor("score", FLOAT, ["batch", 1])],
     doc="a float16 input 'half' ['batch', 1]")
