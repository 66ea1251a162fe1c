#!/usr/bin/python3
"""Writes smirnov_tail.json: the one-sided one-sample KS tail P(D+_n >= x) (scipy.special.smirnov,
summed in double-double arithmetic up to n = 10^6) and the two-sided kstwo.sf(x, n) that the
asymptotic two-sample p-value reports, where the latter is twice the former (n > 140, n*x^2 >= 2.2),
with SciPy (Debian's python3-scipy). Deterministic: a fixed grid of n and n*x^2."""
import json
import math
import numpy as np
import scipy
from scipy import special, stats

cases = []
for n in (141, 300, 700, 1024, 1025, 1100, 1500, 2000, 2252, 3000, 4096, 4097, 4200, 5000, 10000, 90909):
    for nx2 in (2.2, 3, 4, 6, 9, 15, 30, 60, 100, 200, 300):
        x = math.sqrt(nx2 / n)
        if x >= 0.5:
            continue
        cases.append({"id": f"n={n} nx2={nx2}", "n": n, "x": x, "nx2": nx2,
                      "smirnov": float(special.smirnov(n, x)),
                      "kstwo_sf": float(stats.kstwo.sf(x, n))})

with open("smirnov_tail.json", "w") as f:
    json.dump({"file": "smirnov_tail.json", "generator": "generate_smirnov_tail.py",
               "reference_versions": {"numpy": np.__version__, "scipy": scipy.__version__},
               "cases": cases}, f, indent=1)
