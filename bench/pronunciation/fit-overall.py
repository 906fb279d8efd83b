#!/usr/bin/env python3
"""Second calibration stage: weights of accuracy, completeness, fluency, intonation, rhythm (and, when the
sections carry it, model v3's correctness) in `overall`, chosen on the FIT split (sections scored with the
stage-one model) to maximise -Spearman(overall, #errors), on a 0.05 grid with weights summing to 1 and
accuracy + completeness (+ correctness) >= 0.5 (overall must stay about pronunciation). Updates
overall_weights of the model file in place.
Usage: fit-overall.py MANIFEST FIT_SECTIONS.jsonl MODEL.json
"""
import itertools, json, sys
import numpy as np
from scipy.stats import spearmanr
from evaluation import load_rows

NAMES = ["accuracy", "completeness", "fluency", "intonation", "rhythm"]


def compositions(total, parts):
    """All tuples of `parts` non-negative integers summing to `total`."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in compositions(total - first, parts - 1):
            yield (first,) + rest


def main():
    manifest, sections, model_path = sys.argv[1:4]
    items, rows = load_rows(manifest, sections)
    names = (["correctness"] if all(r["section"].get("correctness") is not None for r in rows) else []) + NAMES
    comps, errors = [], []
    for r in rows:
        it = items[r["id"]]
        if it["kind"] not in ("correct", "errors"):
            continue
        s = r["section"]
        comps.append([s[n] if s[n] is not None else np.nan for n in names]); errors.append(it["errors"])
    comps = np.array(comps, dtype=float); errors = np.array(errors)
    pronunciation = [names.index(n) for n in ("correctness", "accuracy", "completeness") if n in names]
    best = (1.0, None)
    present = ~np.isnan(comps)
    for w in compositions(20, len(names)):
        weights = np.array(w) / 20.0
        if weights[pronunciation].sum() < 0.5:
            continue
        overall = np.nansum(comps * weights, axis=1) / np.maximum(1e-9, (present * weights).sum(axis=1))
        rho = spearmanr(overall, errors).correlation
        if rho < best[0] - 1e-12:
            best = (rho, weights)
    model = json.load(open(model_path))
    model["overall_weights"] = {n: round(float(v), 2) for n, v in zip(names, best[1])}
    model["fit"]["overall_spearman_fit"] = round(float(best[0]), 3)
    with open(model_path, "w") as f:
        json.dump(model, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"overall weights {model['overall_weights']} (fit Spearman {best[0]:.3f})", file=sys.stderr)


if __name__ == "__main__":
    main()
