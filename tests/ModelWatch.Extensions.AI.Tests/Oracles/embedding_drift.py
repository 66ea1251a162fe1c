#!/usr/bin/python3
"""Oracle for ModelWatch.Extensions.AI's embedding drift methods.

Run with Debian's python3-numpy, python3-scipy and python3-sklearn:
    /usr/bin/python3 embedding_drift.py > embedding_drift.json
The tests only read the JSON. Rows are float32 (as embeddings are) and written exactly; every
statistic is computed in float64 from them.

Methods (the definitions ModelWatch implements):
- per component: scipy.stats.wasserstein_distance(ref[:, d], cur[:, d]) / np.std(ref[:, d]) (ddof 0);
- mean vectors: Euclidean norm of the difference, scipy.spatial.distance.cosine;
- MMD^2: unbiased estimator, RBF kernel exp(-|x-y|^2 / (2 sigma^2)), sigma = median of pdist(pooled rows);
- domain classifier: LogisticRegression(C=1, newton-cholesky, tol 1e-12) fitted on rows at even
  positions of each side, ROC AUC of decision_function on rows at odd positions.
"""
import json
import sys

import numpy as np
import scipy
import sklearn
from scipy.spatial.distance import cdist, cosine, pdist
from scipy.stats import wasserstein_distance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def unit_rows(a):
    return (a / np.linalg.norm(a, axis=1, keepdims=True)).astype(np.float32)


def mmd2_unbiased(x, y):
    z = np.vstack([x, y])
    sigma = float(np.median(pdist(z)))
    gamma = 1.0 / (2.0 * sigma * sigma)
    kxx = np.exp(-gamma * cdist(x, x, "sqeuclidean"))
    kyy = np.exp(-gamma * cdist(y, y, "sqeuclidean"))
    kxy = np.exp(-gamma * cdist(x, y, "sqeuclidean"))
    m, n = len(x), len(y)
    xx = (kxx.sum() - np.trace(kxx)) / (m * (m - 1))
    yy = (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
    return float(xx + yy - 2.0 * kxy.mean()), sigma


def classifier_auc(ref, cur):
    train = np.vstack([ref[0::2], cur[0::2]])
    train_y = np.concatenate([np.zeros(len(ref[0::2])), np.ones(len(cur[0::2]))])
    test = np.vstack([ref[1::2], cur[1::2]])
    test_y = np.concatenate([np.zeros(len(ref[1::2])), np.ones(len(cur[1::2]))])
    model = LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(train, train_y)
    return float(roc_auc_score(test_y, model.decision_function(test)))


def case(name, ref, cur):
    r, c = ref.astype(np.float64), cur.astype(np.float64)
    wass = [float(wasserstein_distance(r[:, d], c[:, d]) / np.std(r[:, d])) for d in range(r.shape[1])]
    mr, mc = r.mean(axis=0), c.mean(axis=0)
    mmd2, sigma = mmd2_unbiased(r, c)
    return {
        "name": name,
        "dimension": int(ref.shape[1]),
        "reference": [float(v) for v in ref.ravel()],
        "referenceRows": int(ref.shape[0]),
        "current": [float(v) for v in cur.ravel()],
        "currentRows": int(cur.shape[0]),
        "normalizedWasserstein": wass,
        "meanEuclidean": float(np.linalg.norm(mr - mc)),
        "meanCosine": float(cosine(mr, mc)),
        "mmd2": mmd2,
        "sigma": sigma,
        "classifierAuc": classifier_auc(r, c),
    }


rng = np.random.default_rng(20260519)
base = rng.normal(size=(1, 16))
cases = [
    case("same-topic", unit_rows(base + rng.normal(size=(300, 16))), unit_rows(base + rng.normal(size=(250, 16)))),
    case("topic-shift", unit_rows(base + rng.normal(size=(300, 16))),
         unit_rows(base + np.eye(16)[:4].sum(axis=0) * 1.5 + rng.normal(size=(250, 16)))),
    case("small-anisotropic", (rng.normal(size=(41, 8)) * np.linspace(0.2, 3, 8)).astype(np.float32),
         (rng.normal(size=(37, 8)) * np.linspace(0.2, 3, 8) + 0.3).astype(np.float32)),
]
json.dump({
    "provenance": f"embedding_drift.py; NumPy {np.__version__}, SciPy {scipy.__version__}, scikit-learn {sklearn.__version__}",
    "cases": cases,
}, sys.stdout, indent=1)
