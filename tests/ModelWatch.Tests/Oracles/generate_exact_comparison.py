#!/usr/bin/python3
"""Writes exact_comparison.json: SciPy's two-sample KS (method='auto') and Wasserstein-1 on small
samples, the oracle of the exact batch comparison (ProfileComparison with profiles that hold every
value). Run from this folder with Debian 12's python3-numpy and python3-scipy:

    /usr/bin/python3 generate_exact_comparison.py

The output is deterministic (seeded generators, values written in shortest round-trip form).
"""
import csv
import json
import os
import warnings

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
MACRO = os.path.join(HERE, "..", "..", "ModelWatch.Cli.Tests", "Data", "us_macrodata_quarterly.csv")


def synthetic(rng, kind, n, shift):
    if kind == "normal":
        return rng.normal(shift, 1.0, n)
    if kind == "lognormal":
        return rng.lognormal(shift, 0.75, n)
    if kind == "ties":
        # Heavy ties: six distinct values.
        return np.round(rng.normal(2.5 + shift, 1.2, n).clip(0, 5))
    if kind == "mixed_ties":
        # Half the values tied at 0, the rest continuous.
        x = rng.exponential(1.0 + shift, n)
        x[rng.random(n) < 0.5] = 0.0
        return x
    if kind == "large_offset":
        # Values near 1e9 whose gaps are tiny: W1 needs compensated arithmetic.
        return 1e9 + rng.normal(shift, 1.0, n)
    raise ValueError(kind)


def case(case_id, description, reference, current):
    reference = [float(x) for x in reference]
    current = [float(x) for x in current]
    with warnings.catch_warnings():
        # SciPy warns when its exact KS p-value fails and it falls back to the asymptotic one.
        warnings.simplefilter("error")
        ks = stats.ks_2samp(reference, current, alternative="two-sided", method="auto")
    w1 = stats.wasserstein_distance(reference, current)
    sigma = float(np.std(reference))
    return {
        "id": case_id,
        "description": description,
        "reference": reference,
        "current": current,
        "ks_statistic": float(ks.statistic),
        "ks_pvalue": float(ks.pvalue),
        "ks_method": "exact" if max(len(reference), len(current)) <= 10000 else "asymp",
        "wasserstein": float(w1),
        "reference_std": sigma,
        "wasserstein_normalized": float(w1 / max(sigma, 0.001)),
    }


def drawn(rng, kind, n, m, shift):
    """A case from fresh draws; draws on which SciPy's exact KS fails are discarded and redrawn."""
    while True:
        reference = synthetic(rng, kind, n, 0.0)
        current = synthetic(rng, kind, m, shift)
        try:
            return case(f"{kind}_{n}_{m}_shift{shift}", f"{kind}, n = {n}, m = {m}, current shifted by {shift}", reference, current)
        except RuntimeWarning:
            continue


def macro_pair(column):
    before, after = [], []
    with open(MACRO, newline="") as f:
        for row in csv.DictReader(f):
            (before if int(row["year"]) < 1984 else after).append(float(row[column]))
    return before, after


def main():
    cases = []
    for column in ("infl", "unemp"):
        before, after = macro_pair(column)
        cases.append(case(
            f"macro_{column}",
            f"US macro data (statsmodels macrodata), {column}: quarters before 1984 vs 1984 onwards",
            before, after))

    rng = np.random.default_rng(20261204)
    sizes = [(5, 5), (5, 8), (10, 7), (25, 40), (50, 50), (100, 103), (250, 180), (600, 600), (300, 599)]
    kinds = ["normal", "lognormal", "ties", "mixed_ties", "large_offset"]
    for n, m in sizes:
        for kind in kinds:
            for shift in (0.0, 0.4):
                cases.append(drawn(rng, kind, n, m, shift))

    # Larger than the default sketch's exact capacity (600): the tests build these profiles with a larger K.
    for n, m, kind in [(2000, 1500, "normal"), (3000, 2500, "ties"), (1200, 3000, "mixed_ties")]:
        cases.append(drawn(rng, kind, n, m, 0.2))

    document = {
        "file": "exact_comparison.json",
        "generator": "generate_exact_comparison.py",
        "reference_versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "description": "scipy.stats.ks_2samp(method='auto') D and p-value, scipy.stats.wasserstein_distance, "
                       "and W1 / max(numpy.std(reference), 0.001), on small samples; no case makes SciPy's exact KS fall back.",
        "cases": cases,
    }
    with open(os.path.join(HERE, "exact_comparison.json"), "w") as f:
        f.write("{\n")
        header = {k: v for k, v in document.items() if k != "cases"}
        for k, v in header.items():
            f.write(f"  {json.dumps(k)}: {json.dumps(v)},\n")
        f.write('  "cases": [\n')
        f.write(",\n".join("    " + json.dumps(c) for c in cases))
        f.write("\n  ]\n}\n")


if __name__ == "__main__":
    main()
