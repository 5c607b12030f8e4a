#!/usr/bin/python3
"""Generate the iris test models of the Augur model repository.

Trains three scikit-learn models on the iris data set and writes each one as a
hand-built ONNX graph (``onnx.helper``, ``ai.onnx.ml`` operators laid out the
way skl2onnx exports them, without ZipMap) together with reference
predictions computed by scikit-learn itself:

    models/iris-logreg/1/model.onnx   LogisticRegression -> LinearClassifier
    models/iris-forest/1/model.onnx   RandomForestClassifier -> TreeEnsembleClassifier
    models/iris-linear/1/model.onnx   LinearRegression -> LinearRegressor
    models/<name>/reference.json      inputs + sklearn predictions

There is no skl2onnx nor onnxruntime for Python here, so the graphs are
checked with a small numpy evaluator of the three operators (``check_graph``)
that reads the attributes back from the written file.

Run with the Debian interpreter (needs python3-sklearn, python3-onnx,
python3-numpy):

    /usr/bin/python3 models/generate_iris.py

The output is deterministic: re-running reproduces identical files.
"""

import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression

MODELS_DIR = os.path.dirname(os.path.abspath(__file__))

IR_VERSION = 8          # accepted by every ONNX Runtime >= 1.10 (incl. 1.29)
OPSET_DEFAULT = 15      # no default-domain node is used; declared like skl2onnx
PRODUCER = "augur-generate_iris"

INPUT_NAME = "float_input"
LABEL_NAME = "label"
PROBA_NAME = "probabilities"
REGRESSION_OUTPUT = "variable"

# The two rows sent by the KServe v1/v2 e2e tests; both are versicolor (1).
KSERVE_ROWS = np.array([[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]], dtype=np.float32)
KSERVE_EXPECTED = [1, 1]

PROBA_TOLERANCE = 1e-5
REGRESSION_TOLERANCE = 1e-4


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def f32_to_json(value):
    """Shortest decimal that parses back to the same float32 (5.1, not 5.099999904632568)."""
    return float(np.format_float_positional(np.float32(value), unique=True, trim="-"))


def write_model(model, name):
    onnx.checker.check_model(model)
    # strict shape inference also validates the declared output types/shapes
    onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    path = os.path.join(MODELS_DIR, name, "1", "model.onnx")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    print(f"wrote {os.path.relpath(path, os.path.dirname(MODELS_DIR))} ({os.path.getsize(path)} bytes)")
    return path


def write_reference(name, payload):
    path = os.path.join(MODELS_DIR, name, "reference.json")
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path, os.path.dirname(MODELS_DIR))} ({os.path.getsize(path)} bytes)")


def make_model(graph, ml_opset, doc):
    model = helper.make_model(
        graph,
        opset_imports=[
            helper.make_opsetid("", OPSET_DEFAULT),
            helper.make_opsetid("ai.onnx.ml", ml_opset),
        ],
        producer_name=PRODUCER,
        producer_version="1",
        doc_string=doc,
    )
    model.ir_version = IR_VERSION
    model.model_version = 1
    return model


def classifier_io(n_features, n_classes):
    inputs = [helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, [None, n_features])]
    outputs = [
        helper.make_tensor_value_info(LABEL_NAME, TensorProto.INT64, [None]),
        helper.make_tensor_value_info(PROBA_NAME, TensorProto.FLOAT, [None, n_classes]),
    ]
    return inputs, outputs


# --------------------------------------------------------------------------
# exporters (what skl2onnx would emit, minus ZipMap / Normalizer)
# --------------------------------------------------------------------------

def export_logreg(clf, n_features):
    classes = [int(c) for c in clf.classes_]
    node = helper.make_node(
        "LinearClassifier",
        [INPUT_NAME],
        [LABEL_NAME, PROBA_NAME],
        name="LinearClassifier",
        domain="ai.onnx.ml",
        coefficients=clf.coef_.astype(np.float64).ravel().tolist(),  # [n_classes, n_features] row-major
        intercepts=clf.intercept_.astype(np.float64).tolist(),
        classlabels_ints=classes,
        multi_class=1,              # 0 = OvR, 1 = multinomial (skl2onnx: 1 for multinomial)
        post_transform="SOFTMAX",
    )
    inputs, outputs = classifier_io(n_features, len(classes))
    graph = helper.make_graph([node], "iris_logreg", inputs, outputs)
    return make_model(graph, 1, "iris LogisticRegression(multinomial) as ai.onnx.ml.LinearClassifier")


def float32_threshold(threshold):
    """Largest float32 t with t <= threshold.

    sklearn splits float32 X against float64 thresholds: (float)x <= thr.
    For float32 x this is equivalent to x <= floor_f32(thr); plain rounding to
    nearest could round *up* and send x == round(thr) > thr the wrong way.
    (Same rule as skl2onnx's sklearn_threshold for float32.)"""
    t = np.float32(threshold)
    if np.float64(t) > threshold:
        t = np.nextafter(t, np.float32(-np.inf))
    return float(t)


def export_forest(forest, n_features):
    classes = [int(c) for c in forest.classes_]
    n_classes = len(classes)
    n_trees = len(forest.estimators_)
    a = {k: [] for k in (
        "nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_modes", "nodes_values",
        "nodes_truenodeids", "nodes_falsenodeids", "nodes_missing_value_tracks_true",
        "nodes_hitrates", "class_treeids", "class_nodeids", "class_ids", "class_weights")}
    for tree_id, est in enumerate(forest.estimators_):
        tree = est.tree_
        for i in range(tree.node_count):
            left, right = int(tree.children_left[i]), int(tree.children_right[i])
            is_leaf = left == right  # both -1 (TREE_LEAF)
            a["nodes_treeids"].append(tree_id)
            a["nodes_nodeids"].append(i)
            a["nodes_featureids"].append(0 if is_leaf else int(tree.feature[i]))
            a["nodes_modes"].append("LEAF" if is_leaf else "BRANCH_LEQ")
            a["nodes_values"].append(0.0 if is_leaf else float32_threshold(tree.threshold[i]))
            a["nodes_truenodeids"].append(0 if is_leaf else left)   # x <= thr -> left
            a["nodes_falsenodeids"].append(0 if is_leaf else right)
            a["nodes_missing_value_tracks_true"].append(0)
            a["nodes_hitrates"].append(1.0)
            if is_leaf:
                # sklearn 1.2 stores (bootstrap-weighted) class counts per node
                value = tree.value[i][0].astype(np.float64)
                total = value.sum()
                proba = value / (total if total != 0 else 1.0)
                for class_id in range(n_classes):
                    a["class_treeids"].append(tree_id)
                    a["class_nodeids"].append(i)
                    a["class_ids"].append(class_id)
                    a["class_weights"].append(float(proba[class_id] / n_trees))
    node = helper.make_node(
        "TreeEnsembleClassifier",
        [INPUT_NAME],
        [LABEL_NAME, PROBA_NAME],
        name="TreeEnsembleClassifier",
        domain="ai.onnx.ml",
        classlabels_int64s=classes,
        post_transform="NONE",
        **a,
    )
    inputs, outputs = classifier_io(n_features, n_classes)
    graph = helper.make_graph([node], "iris_forest", inputs, outputs)
    return make_model(graph, 3, "iris RandomForestClassifier as ai.onnx.ml.TreeEnsembleClassifier")


def export_linear(reg, n_features):
    node = helper.make_node(
        "LinearRegressor",
        [INPUT_NAME],
        [REGRESSION_OUTPUT],
        name="LinearRegressor",
        domain="ai.onnx.ml",
        coefficients=np.asarray(reg.coef_, dtype=np.float64).ravel().tolist(),
        intercepts=[float(np.asarray(reg.intercept_, dtype=np.float64).ravel()[0])],
        targets=1,
        post_transform="NONE",
    )
    inputs = [helper.make_tensor_value_info(INPUT_NAME, TensorProto.FLOAT, [None, n_features])]
    outputs = [helper.make_tensor_value_info(REGRESSION_OUTPUT, TensorProto.FLOAT, [None, 1])]
    graph = helper.make_graph([node], "iris_linear", inputs, outputs)
    return make_model(graph, 1, "iris petal width from the first 3 features: LinearRegression as ai.onnx.ml.LinearRegressor")


# --------------------------------------------------------------------------
# independent numpy evaluation of the written graphs
# --------------------------------------------------------------------------

def _attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _decode(v):
    return v.decode() if isinstance(v, bytes) else v


def _eval_linear_classifier(at, x):
    labels = np.asarray(at["classlabels_ints"], dtype=np.int64)
    coef = np.asarray(at["coefficients"], dtype=np.float32).reshape(len(labels), x.shape[1])
    intercepts = np.asarray(at["intercepts"], dtype=np.float32)
    scores = x @ coef.T + intercepts
    label = labels[np.argmax(scores, axis=1)]
    transform = _decode(at.get("post_transform", b"NONE"))
    if transform == "SOFTMAX":
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        scores = e / e.sum(axis=1, keepdims=True)
    elif transform != "NONE":
        raise NotImplementedError(transform)
    return label, scores.astype(np.float32)


def _eval_tree_ensemble_classifier(at, x):
    labels = np.asarray(at["classlabels_int64s"], dtype=np.int64)
    modes = [_decode(m) for m in at["nodes_modes"]]
    nodes = {}
    for k, (t, n) in enumerate(zip(at["nodes_treeids"], at["nodes_nodeids"])):
        nodes[(t, n)] = k
    leaf_votes = {}
    for t, n, c, w in zip(at["class_treeids"], at["class_nodeids"], at["class_ids"], at["class_weights"]):
        leaf_votes.setdefault((t, n), []).append((c, np.float32(w)))
    values = np.asarray(at["nodes_values"], dtype=np.float32)
    tree_ids = sorted(set(at["nodes_treeids"]))
    scores = np.zeros((x.shape[0], len(labels)), dtype=np.float32)
    if "base_values" in at:
        scores += np.asarray(at["base_values"], dtype=np.float32)
    for r in range(x.shape[0]):
        for t in tree_ids:
            k = nodes[(t, 0)]
            while modes[k] != "LEAF":
                if modes[k] != "BRANCH_LEQ":
                    raise NotImplementedError(modes[k])
                go_true = x[r, at["nodes_featureids"][k]] <= values[k]  # float32 vs float32
                nxt = at["nodes_truenodeids"][k] if go_true else at["nodes_falsenodeids"][k]
                k = nodes[(t, nxt)]
            for c, w in leaf_votes[(t, at["nodes_nodeids"][k])]:
                scores[r, c] += w
    if _decode(at.get("post_transform", b"NONE")) != "NONE":
        raise NotImplementedError(at["post_transform"])
    return labels[np.argmax(scores, axis=1)], scores


def _eval_linear_regressor(at, x):
    targets = at.get("targets", 1)
    coef = np.asarray(at["coefficients"], dtype=np.float32).reshape(targets, x.shape[1])
    intercepts = np.asarray(at.get("intercepts", [0.0] * targets), dtype=np.float32)
    if _decode(at.get("post_transform", b"NONE")) != "NONE":
        raise NotImplementedError(at["post_transform"])
    return (x @ coef.T + intercepts,)


EVALUATORS = {
    "LinearClassifier": _eval_linear_classifier,
    "TreeEnsembleClassifier": _eval_tree_ensemble_classifier,
    "LinearRegressor": _eval_linear_regressor,
}


def evaluate(model, x):
    (node,) = model.graph.node
    assert node.domain == "ai.onnx.ml", node.domain
    assert list(node.input) == [model.graph.input[0].name]
    outs = EVALUATORS[node.op_type](_attrs(node), x.astype(np.float32))
    return dict(zip(node.output, outs))


def check_graph(path, x, labels=None, probabilities=None, predictions=None):
    """Evaluate the saved graph with numpy and compare with sklearn's outputs."""
    model = onnx.load(path)
    onnx.checker.check_model(model)
    out = evaluate(model, x)
    name = os.path.basename(os.path.dirname(os.path.dirname(path)))
    if labels is not None:
        got = out[LABEL_NAME]
        mismatches = int(np.sum(got != labels))
        diff = float(np.max(np.abs(out[PROBA_NAME].astype(np.float64) - probabilities)))
        print(f"check {name}: {mismatches} label mismatches / {len(labels)}, "
              f"max |proba - sklearn| = {diff:.3g}")
        assert mismatches == 0, f"{name}: labels differ from sklearn"
        assert diff <= PROBA_TOLERANCE, f"{name}: probabilities differ by {diff}"
        # how close the top-2 classes are: a tiny margin could flip under other summation orders
        top2 = np.sort(probabilities, axis=1)[:, -2:]
        print(f"      {name}: smallest top-1/top-2 probability margin = {float(np.min(top2[:, 1] - top2[:, 0])):.3g}")
    if predictions is not None:
        diff = float(np.max(np.abs(out[REGRESSION_OUTPUT].astype(np.float64).ravel() - predictions)))
        print(f"check {name}: max |prediction - sklearn| = {diff:.3g}")
        assert out[REGRESSION_OUTPUT].shape == (x.shape[0], 1)
        assert diff <= REGRESSION_TOLERANCE, f"{name}: predictions differ by {diff}"
    return out


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def main():
    iris = load_iris()
    X = iris.data.astype(np.float32)
    y = iris.target.astype(np.int64)
    inputs_json = [[f32_to_json(v) for v in row] for row in X]

    # 1. multinomial logistic regression
    logreg = LogisticRegression(multi_class="multinomial", max_iter=1000)
    logreg.fit(X, y)
    # 2. random forest
    forest = RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0)
    forest.fit(X, y)

    for name, clf, export in (("iris-logreg", logreg, export_logreg),
                              ("iris-forest", forest, export_forest)):
        labels = clf.predict(X).astype(np.int64)
        proba = clf.predict_proba(X)
        path = write_model(export(clf, X.shape[1]), name)
        write_reference(name, {
            "inputs": inputs_json,
            "labels": [int(v) for v in labels],
            "probabilities": [[float(p) for p in row] for row in proba],
        })
        check_graph(path, X, labels=labels, probabilities=proba)
        print(f"      {name}: sklearn training accuracy = {float(np.mean(labels == y)):.4f}")
        sk = [int(v) for v in clf.predict(KSERVE_ROWS)]
        onnx_labels = [int(v) for v in evaluate(onnx.load(path), KSERVE_ROWS)[LABEL_NAME]]
        rows = [[f32_to_json(v) for v in row] for row in KSERVE_ROWS]
        print(f"      {name}: KServe rows {rows} -> sklearn {sk}, graph {onnx_labels}")
        assert sk == KSERVE_EXPECTED and onnx_labels == KSERVE_EXPECTED, name

    # 3. linear regression: petal width from sepal length/width, petal length
    X3, target = X[:, :3], X[:, 3]
    linear = LinearRegression().fit(X3, target)
    predictions = linear.predict(X3).astype(np.float64)
    path = write_model(export_linear(linear, X3.shape[1]), "iris-linear")
    write_reference("iris-linear", {
        "inputs": [row[:3] for row in inputs_json],
        "predictions": [float(v) for v in predictions],
    })
    check_graph(path, X3, predictions=predictions)


if __name__ == "__main__":
    main()
