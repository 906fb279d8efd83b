#!/usr/bin/env python3
"""Models v27, v28 and v32: a calibration file whose omission trees are fitted on independent held-out sets as the scorer scores them.

Reads a base model (v26) and, for each set directory given, its manifest and `out/test-v26.jsonl` (the base model's
own evidence: `speakwell-bench-pronunciation evaluate MANIFEST test projectedMFCC OUT v26.json 3`), and fits
scikit-learn's HistGradientBoostingClassifier (omitted vs said, every reference word; v10's settings) on
OMISSION_TERMS_V27: v11's thirteen terms and the neighbouring words' omission ratio and log relative duration
(add_neighbour_terms). Why: v10-v26's trees saw five fit voices; these sets are 85 voices the phone classifier never
heard, scored exactly as the product scores them (bench/pronunciation/prereg-v27.md).
`omitted_above`: out of fold with each set left out in turn, the threshold (0.05 ... 0.94) at which the most sets
meet the issue's omission target (recall >= 0.95 at precision >= 0.90), ties to the best pooled out-of-fold F1.
Everything else of the base model is kept. Deterministic (fixed random_state, one thread). Writes the trees exported
from the estimator fitted on all sets and checks that the Swift scorer's evaluation gives scikit-learn's probabilities.
With --own-terms the trees read v11's thirteen terms only, no neighbours (model v28). The folders after --always (their
`out/test-v26.jsonl` likewise, any split) are in every fold's training data and neither left out nor counted: fit data
of another kind, such as readings by voices made from people (model v28: Festival's and Flite's fit sets).
Neither model was shipped (docs/pronunciation-history.md "Model v27", "Model v28"); their model files are in commits
79ff2bf and 7aaa752, and this script with `bench/pronunciation/run`'s sets reproduces them byte for byte. Model v32, the
default since session 33, is v28's command on the second to twenty-sixth sets (prereg-v32.md; Models/pronunciation/
PROVENANCE.md step 29 has the command, which reproduces the shipped file byte for byte).
Usage: fit-omission-trees-sets.py [--own-terms] BASE_MODEL.json VERSION OUT.json SET_DIR... [--always DIR...]
"""
import json, os, sys
import numpy as np

from evaluation import (write_model, set_table, omitted_truth, out_of_fold_by_set, threshold_sweep, OMISSION_LLR_CLIP,
                        OMISSION_TERMS_V11, OMISSION_TERMS_V27, OMISSION_TREE_SETTINGS as TREE_SETTINGS, fit_exported_trees,
                        f1_score)


def main():
    arguments = sys.argv[1:]
    own_terms = "--own-terms" in arguments
    arguments = [a for a in arguments if a != "--own-terms"]
    always = arguments[arguments.index("--always") + 1:] if "--always" in arguments else []
    arguments = arguments[:arguments.index("--always")] if "--always" in arguments else arguments
    base_path, version, out, *directories = arguments
    terms = OMISSION_TERMS_V11 if own_terms else OMISSION_TERMS_V27
    base = json.load(open(base_path))
    clip = base.get("omission_llr_clip", OMISSION_LLR_CLIP)
    tables = [set_table(d, clip) for d in directories]
    extra_tables = [set_table(d, clip) for d in always]
    Y = [omitted_truth(t) for t in tables]
    extra_Y = [omitted_truth(t) for t in extra_tables]
    oof = out_of_fold_by_set(tables, terms, clip, extra_tables)
    pooled_y = np.concatenate(Y)
    best = None
    for threshold, r, p, met in threshold_sweep(oof, Y):
        key = (met, f1_score(r, p))
        if best is None or key > best[0]:
            best = (key, threshold, r, p)
    (met, f1), threshold, recall, precision = best
    met, f1 = int(met), float(f1)
    table = [w for t in tables + extra_tables for w in t]
    trees = fit_exported_trees(table, terms, np.concatenate([pooled_y] + extra_Y), clip)
    model = dict(base)
    model["version"] = version
    model["omission"] = trees
    model["omitted_above"] = threshold
    model["fit"] = {**base.get("fit", {}), "omission_f1": round(f1, 3),
                    "omission_out_of_fold": {"folds": "each set left out in turn", "sets": [os.path.basename(d) for d in directories],
                                             "sets_meeting_target": met, "f1": round(f1, 3), "recall": round(float(recall), 3),
                                             "precision": round(float(precision), 3)},
                    "omission_words": int(len(table)), "omitted_words_fit": int(sum(w["status"] == "omitted" for w in table)),
                    "omission_trees": {k: v for k, v in TREE_SETTINGS.items() if k != "random_state"}}
    if always:
        model["fit"]["omission_always_in_fit"] = [os.path.basename(d) for d in always]
    write_model(out, model)
    print(f"wrote {out}: omitted_above {threshold}, out of fold {model['fit']['omission_out_of_fold']}", file=sys.stderr)


if __name__ == "__main__":
    main()
