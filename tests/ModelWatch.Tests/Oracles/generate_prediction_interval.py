#!/usr/bin/python3
"""Writes prediction_interval.json: two-sided p-values of the Student-t prediction interval,
t = |x - mean(s)| / (std(s, ddof=1) * sqrt(1 + 1/n)), p = 2 * t.sf(t, n - 1), with SciPy
(Debian's python3-scipy). Deterministic: fixed samples and a seeded generator."""
import json
import numpy as np
from scipy import stats

rng = np.random.default_rng(20261205)
cases = []

def add(name, sample, value):
    s = np.asarray(sample, dtype=float)
    n = len(s)
    t = abs(value - s.mean()) / (s.std(ddof=1) * np.sqrt(1 + 1 / n))
    cases.append({"id": name, "sample": [float(v) for v in s], "value": float(value),
                  "p": float(2 * stats.t.sf(t, n - 1))})

add("two values", [1.0, 2.0], 1.7)
add("calibration errors, inside", [0.26, 0.25, 0.27, 0.262, 0.255], 0.264)
add("calibration errors, far out", [0.26, 0.25, 0.27, 0.262, 0.255], 0.42)
add("large offset", [1e8 + 0.01, 1e8 + 0.02, 1e8 + 0.015, 1e8 + 0.012], 1e8 + 0.05)
add("spread out, below", [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], -300.0)
for n in (3, 10, 50):
    sample = rng.normal(0.5, 0.02, n)
    add(f"normal n={n}, 2 sd", sample, 0.54)
    add(f"normal n={n}, 5 sd", sample, 0.60)

with open("prediction_interval.json", "w") as f:
    json.dump({"file": "prediction_interval.json", "generator": "generate_prediction_interval.py",
               "reference_versions": {"numpy": np.__version__, "scipy": __import__("scipy").__version__},
               "cases": cases}, f, indent=1)
