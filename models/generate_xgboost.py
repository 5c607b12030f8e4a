#!/usr/bin/python3
"""Generate the XGBoost test models of the Augur model repository.

Trains small XGBoost boosters on the iris data set with Debian's python3-xgboost (1.7.4) and writes each
booster with XGBoost's own reference predictions for all 150 rows:

    models/iris-xgboost/1/model.json                       multi:softprob classifier (JSON)
    models/iris-xgboost/reference.json                     inputs, labels (argmax), probabilities
    predictor/src/test/resources/xgboost/iris.ubj          the same booster as UBJSON
    predictor/src/test/resources/xgboost/iris.bst          the same booster in the legacy binary format
    predictor/src/test/resources/xgboost/petal-width.json  reg:squarederror on the first 3 features
    predictor/src/test/resources/xgboost/petal-width-reference.json   inputs, predictions

Run with the Debian interpreter (python3-xgboost, python3-sklearn for the data set, python3-numpy):

    /usr/bin/python3 models/generate_xgboost.py

Training is single-threaded and seeded, so re-running reproduces the same boosters and predictions.
"""

import json
import os
import warnings

import numpy as np
import xgboost as xgb
from sklearn.datasets import load_iris

MODELS_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(MODELS_DIR)
TEST_DIR = os.path.join(ROOT, "predictor", "src", "test", "resources", "xgboost")

# The two rows sent by KServe's xgboost e2e test; both are versicolor (1).
KSERVE_ROWS = np.array([[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]], dtype=np.float32)


def f32_to_json(value):
    """Shortest decimal that parses back to the same float32 (5.1, not 5.099999904632568)."""
    return float(np.format_float_positional(np.float32(value), unique=True, trim="-"))


def rows(x):
    return [[f32_to_json(v) for v in row] for row in x]


def write_json(path, payload):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
        f.write("\n")
    report(path)


def report(path):
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path)} bytes)")


def save(booster, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 1.7 warns that the legacy binary format is deprecated
        booster.save_model(path)
    report(path)


def classifier(x, y):
    params = {"objective": "multi:softprob", "num_class": 3, "max_depth": 3, "eta": 0.3,
              "tree_method": "hist", "nthread": 1, "seed": 0}
    booster = xgb.train(params, xgb.DMatrix(x, label=y), num_boost_round=10)
    proba = booster.predict(xgb.DMatrix(x))
    labels = proba.argmax(axis=1)
    assert (labels == y).mean() > 0.9, "classifier did not learn iris"
    kserve = booster.predict(xgb.DMatrix(KSERVE_ROWS)).argmax(axis=1)
    assert kserve.tolist() == [1, 1], f"KServe rows predicted {kserve}"

    save(booster, os.path.join(MODELS_DIR, "iris-xgboost", "1", "model.json"))
    save(booster, os.path.join(TEST_DIR, "iris.ubj"))
    save(booster, os.path.join(TEST_DIR, "iris.bst"))
    # Every saved format must load back to the same predictions.
    for name in ("iris.ubj", "iris.bst"):
        again = xgb.Booster(model_file=os.path.join(TEST_DIR, name))
        assert np.array_equal(again.predict(xgb.DMatrix(x)), proba), name
    write_json(os.path.join(MODELS_DIR, "iris-xgboost", "reference.json"), {
        "inputs": rows(x),
        "labels": [int(v) for v in labels],
        "probabilities": [[float(p) for p in row] for row in proba],
    })


def regressor(x):
    features, target = x[:, :3], x[:, 3]
    params = {"objective": "reg:squarederror", "max_depth": 3, "eta": 0.3,
              "tree_method": "hist", "nthread": 1, "seed": 0}
    booster = xgb.train(params, xgb.DMatrix(features, label=target), num_boost_round=10)
    pred = booster.predict(xgb.DMatrix(features))
    save(booster, os.path.join(TEST_DIR, "petal-width.json"))
    write_json(os.path.join(TEST_DIR, "petal-width-reference.json"), {
        "inputs": rows(features),
        "predictions": [float(p) for p in pred],
    })


def main():
    iris = load_iris()
    x = iris.data.astype(np.float32)
    y = iris.target.astype(np.int64)
    print(f"xgboost {xgb.__version__}")
    classifier(x, y)
    regressor(x)


if __name__ == "__main__":
    main()
