#!/usr/bin/env python3
"""Second calibration stage: weights of accuracy, completeness, fluency, intonation, rhythm in `overall`,
chosen on the FIT split (sections scored with the stage-one model) to maximise -Spearman(overall, #errors),
on a 0.05 grid with weights summing to 1 and accuracy + completeness >= 0.5 (overall must stay about
pronunciation). Updates overall_weights of the model file in place.
Usage: fit-overall.py MANIFEST FIT_SECTIONS.jsonl MODEL.json
"""
import itertools, json, sys
import numpy as np
from scipy.stats import spearmanr
from evaluation import load_rows

NAMES = ["accuracy", "completeness", "fluency", "intonation", "rhythm"]


def main():
    manifest, sections, model_path = sys.argv[1:4]
    items, rows = load_rows(manifest, sections)
    comps, errors = [], []
    for r in rows:
        it = items[r["id"]]
        if it["kind"] not in ("correct", "errors"):
            continue
        s = r["section"]
        comps.append([s[n] if s[n] is not None else np.nan for n in NAMES]); errors.append(it["errors"])
    comps = np.array(comps, dtype=float); errors = np.array(errors)
    grid = np.arange(0, 1.0001, 0.05)
    best = (1.0, None)
    for w in itertools.product(grid, repeat=4):
        last = 1 - sum(w)
        if last < -1e-9 or w[0] + w[1] < 0.5:
            continue
        weights = np.array(list(w) + [max(0.0, last)])
        present = ~np.isnan(comps)
        overall = np.nansum(comps * weights, axis=1) / np.maximum(1e-9, (present * weights).sum(axis=1))
        rho = spearmanr(overall, errors).correlation
        if rho < best[0]:
            best = (rho, weights)
    model = json.load(open(model_path))
    model["overall_weights"] = {n: round(float(v), 2) for n, v in zip(NAMES, best[1])}
    model["fit"]["overall_spearman_fit"] = round(float(best[0]), 3)
    with open(model_path, "w") as f:
        json.dump(model, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"overall weights {model['overall_weights']} (fit Spearman {best[0]:.3f})", file=sys.stderr)


if __name__ == "__main__":
    main()
