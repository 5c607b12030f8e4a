#!/usr/bin/python3
"""Generate the PMML test model of the Augur model repository.

Trains a scikit-learn DecisionTreeClassifier on iris and writes it by hand as a
PMML 4.4 TreeModel laid out the way sklearn2pmml exports one (there is no
sklearn2pmml here), with scikit-learn's own predictions beside it:

    models/iris-pmml/1/model.pmml     DecisionTreeClassifier -> TreeModel
    models/iris-pmml/reference.json   inputs + sklearn predictions

Output fields are named the way KServe's PMML server (JPMML) reports them for
its iris sample: Species, Probability_setosa, Probability_versicolor,
Probability_virginica, Node_Id.

Thresholds: scikit-learn compares float32(x) <= threshold (float64), while a
PMML evaluator compares the double it is given. Each split is written as the
double T for which ``x <= T`` holds exactly when ``float32(x) <= threshold``
does, for every double x (see ``pmml_threshold``). The script checks the
written XML with its own evaluator against scikit-learn on the 150 rows and on
doubles at and next to every threshold.

Run with the Debian interpreter (needs python3-sklearn, python3-numpy):

    /usr/bin/python3 models/generate_pmml.py

The output is deterministic: re-running reproduces identical files.
"""

import json
import os
import xml.etree.ElementTree as ET

import numpy as np
from sklearn.datasets import load_iris
from sklearn.tree import DecisionTreeClassifier

MODELS_DIR = os.path.dirname(os.path.abspath(__file__))
NAME = "iris-pmml"
NS = "http://www.dmg.org/PMML-4_4"

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
TARGET = "Species"
NODE_ID = "Node_Id"

# KServe's PMML e2e test: this row is setosa with probability 1.
KSERVE_ROW = [5.1, 3.5, 1.4, 0.2]
PROBA_TOLERANCE = 1e-12


def f32_to_json(value):
    """Shortest decimal that parses back to the same float32 (5.1, not 5.099999904632568)."""
    return float(np.format_float_positional(np.float32(value), unique=True, trim="-"))


def probability_name(cls):
    return "Probability_" + cls


def pmml_threshold(threshold):
    """The double T with (x <= T) == (float32(x) <= threshold) for every double x.

    f = the largest float32 <= threshold, so float32(x) <= threshold iff float32(x) <= f.
    A double rounds to a float32 <= f iff it is below the midpoint m between f and the next
    float32, or equal to m when round-half-even picks f (f's last mantissa bit is 0).
    m is exact in a double (25 significant bits)."""
    f = np.float32(threshold)
    if float(f) > threshold:
        f = np.nextafter(f, np.float32(-np.inf))
    up = np.nextafter(f, np.float32(np.inf))
    m = (float(f) + float(up)) / 2.0
    if int(f.view(np.uint32)) & 1 == 0:
        return m
    return float(np.nextafter(m, -np.inf))


def fmt(value):
    """Shortest decimal that parses back to the same double."""
    return repr(float(value))


def count(value):
    """Record counts as integers when they are (unweighted training rows)."""
    return str(int(value)) if float(value).is_integer() else fmt(value)


# --------------------------------------------------------------------------
# PMML writer
# --------------------------------------------------------------------------

def sub(parent, tag, **attrs):
    return ET.SubElement(parent, tag, {k: v for k, v in attrs.items()})


def export_tree(clf, classes):
    ET.register_namespace("", NS)
    pmml = ET.Element("PMML", {"xmlns": NS, "version": "4.4"})
    header = sub(pmml, "Header", description="scikit-learn DecisionTreeClassifier on iris (Augur test model)")
    sub(header, "Application", name="augur-generate_pmml", version="1")

    dd = sub(pmml, "DataDictionary", numberOfFields=str(len(FEATURES) + 1))
    target = sub(dd, "DataField", name=TARGET, optype="categorical", dataType="string")
    for c in classes:
        sub(target, "Value", value=c)
    for f in FEATURES:
        sub(dd, "DataField", name=f, optype="continuous", dataType="double")

    model = sub(pmml, "TreeModel", functionName="classification",
                algorithmName="sklearn.tree._classes.DecisionTreeClassifier",
                missingValueStrategy="nullPrediction", noTrueChildStrategy="returnLastPrediction",
                splitCharacteristic="binarySplit")
    schema = sub(model, "MiningSchema")
    sub(schema, "MiningField", name=TARGET, usageType="target")
    for f in FEATURES:
        sub(schema, "MiningField", name=f)
    output = sub(model, "Output")
    sub(output, "OutputField", name=TARGET, optype="categorical", dataType="string", feature="predictedValue")
    for c in classes:
        sub(output, "OutputField", name=probability_name(c), optype="continuous", dataType="double",
            feature="probability", value=c)
    sub(output, "OutputField", name=NODE_ID, optype="categorical", dataType="string", feature="entityId")

    tree = clf.tree_

    def node(parent, i, predicate):
        counts = tree.value[i][0]  # sklearn 1.2: weighted class counts
        el = sub(parent, "Node", id=str(i), score=classes[int(np.argmax(counts))],
                 recordCount=count(counts.sum()))
        if predicate is None:
            sub(el, "True")
        else:
            field, op, value = predicate
            sub(el, "SimplePredicate", field=field, operator=op, value=fmt(value))
        for c, n in zip(classes, counts):
            sub(el, "ScoreDistribution", value=c, recordCount=count(n))
        left, right = tree.children_left[i], tree.children_right[i]
        if left != right:  # split node
            field = FEATURES[tree.feature[i]]
            t = pmml_threshold(tree.threshold[i])
            node(el, left, (field, "lessOrEqual", t))
            node(el, right, (field, "greaterThan", t))

    node(model, 0, None)
    ET.indent(pmml, space="  ")
    return ET.tostring(pmml, encoding="unicode", xml_declaration=False)


# --------------------------------------------------------------------------
# independent evaluator of the written XML (doubles, as a PMML evaluator sees them)
# --------------------------------------------------------------------------

def evaluate_xml(text, rows):
    root = ET.fromstring(text)
    q = lambda tag: "{%s}%s" % (NS, tag)
    top = root.find(q("TreeModel")).find(q("Node"))
    ops = {"lessOrEqual": lambda a, b: a <= b, "greaterThan": lambda a, b: a > b}
    labels, probas, ids = [], [], []
    for row in rows:
        x = dict(zip(FEATURES, (float(v) for v in row)))
        cur = top
        while True:
            nxt = None
            for child in cur.findall(q("Node")):
                p = child.find(q("SimplePredicate"))
                if ops[p.get("operator")](x[p.get("field")], float(p.get("value"))):
                    nxt = child
                    break
            if nxt is None:
                break
            cur = nxt
        dist = [(sd.get("value"), float(sd.get("recordCount"))) for sd in cur.findall(q("ScoreDistribution"))]
        total = sum(n for _, n in dist)
        labels.append(cur.get("score"))
        probas.append([n / total for _, n in dist])
        ids.append(cur.get("id"))
    return labels, np.asarray(probas), ids


def check(text, clf, classes, x64):
    """The XML against sklearn: the 150 rows, plus doubles at and around every split."""
    probe = [list(r) for r in x64]
    tree = clf.tree_
    for i in range(tree.node_count):
        if tree.children_left[i] == tree.children_right[i]:
            continue
        t = pmml_threshold(tree.threshold[i])
        f = np.float32(tree.threshold[i])
        candidates = {t, float(np.nextafter(t, np.inf)), float(np.nextafter(t, -np.inf)), float(f),
                      float(np.nextafter(f, np.float32(np.inf))), float(np.nextafter(f, np.float32(-np.inf))),
                      float(tree.threshold[i])}
        for c in candidates:
            for base in x64[::10]:
                r = list(base)
                r[tree.feature[i]] = c
                probe.append(r)
    probe = np.asarray(probe, dtype=np.float64)
    labels, probas, ids = evaluate_xml(text, probe)
    want = [classes[k] for k in clf.predict(probe)]  # sklearn casts to float32 itself
    assert labels == want, "PMML labels differ from sklearn"
    diff = np.abs(probas - clf.predict_proba(probe)).max()
    assert diff <= PROBA_TOLERANCE, diff
    assert ids == [str(k) for k in clf.apply(probe)], "PMML node ids differ from sklearn's leaves"
    print(f"checked {len(probe)} rows (150 iris + {len(probe) - 150} at thresholds): labels and leaves equal, "
          f"max probability diff {diff:.1e}")


def main():
    iris = load_iris()
    x = iris.data.astype(np.float32)
    classes = [str(c) for c in iris.target_names]
    clf = DecisionTreeClassifier(max_depth=3, random_state=0).fit(x, iris.target)

    text = export_tree(clf, classes)
    inputs = [[f32_to_json(v) for v in row] for row in x]
    x64 = np.asarray(inputs, dtype=np.float64)  # what a client sends: the shortest decimals
    check(text, clf, classes, x64)

    labels, _, _ = evaluate_xml(text, [KSERVE_ROW])
    proba = clf.predict_proba(np.asarray([KSERVE_ROW]))[0]
    assert labels == ["setosa"] and proba[0] == 1.0, (labels, proba)

    path = os.path.join(MODELS_DIR, NAME, "1", "model.pmml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write(text)
        f.write("\n")
    print(f"wrote {os.path.relpath(path, os.path.dirname(MODELS_DIR))} ({os.path.getsize(path)} bytes)")

    reference = {
        "fields": FEATURES,
        "classes": classes,
        "inputs": inputs,
        "labels": [classes[k] for k in clf.predict(x)],
        "probabilities": [[float(p) for p in row] for row in clf.predict_proba(x)],
        "node_ids": [str(k) for k in clf.apply(x)],
    }
    ref = os.path.join(MODELS_DIR, NAME, "reference.json")
    with open(ref, "w") as f:
        json.dump(reference, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(ref, os.path.dirname(MODELS_DIR))}")


if __name__ == "__main__":
    main()
