#!/usr/bin/env python3
"""Model v10: a calibration file whose omission decision is gradient-boosted trees over every word term.

Reads a fitted model (v9) and the evidence it was fitted on, fits scikit-learn's HistGradientBoostingClassifier
(omitted vs said, all reference words) on the word terms OMISSION_TERMS, and writes the base model with that
`omission` (GradientBoostedTrees in Sources/SpeechAnalysis/Pronunciation) and `omitted_above` set for the best F1
of out-of-fold probabilities: each fit voice and a quarter of the sentences are left out together, so a threshold
is never chosen on probabilities of words the trees were fitted on. Everything else of the base model (word
logistic, thresholds, overall weights) is kept. Why trees: out-of-fold on v9's pooled fit data the omission
logistic reaches recall 0.934 at precision 0.9, the trees over all twelve terms 0.961 (omission-cv.py).
The evidence is made relative to the references (`relative_to_references`) as the scorer does for v8 and later.
Deterministic (fixed random_state, no early stopping, one thread). Writes the trees exported from the fitted
estimator and checks that evaluating them as the Swift scorer does gives scikit-learn's probabilities.
With a sixth argument `reference-duration` (model v11) the trees also read the word's length in the reference it is
reported against (`reference_duration`, seconds): how much evidence a said word leaves depends on how long it is.
With `human-goodness=DUMP` instead (model v14) they read v11's terms and `human_goodness`, each word's goodness under
PocketSphinx's human-trained model from DUMP (`speakwell-bench-pronunciation sphinx-goodness` of the same readings,
what the scorer measures); NaN where it could not be measured, routed per node as scikit-learn learnt
(`missing_left`).
With `held-omission=FRAMES` (model v15: 3) they read v11's terms and `held_omission_llr`, each word's omission log
ratio with every phone held >= FRAMES frames (EVIDENCE measured with PR_OMISSION_FRAMES=FRAMES, the same number), and
the model file asks the scorer for it (`omission_minimum_phone_frames` = FRAMES).
Usage: fit-omission-trees.py MANIFEST EVIDENCE BASE_MODEL.json VERSION OUT.json [reference-duration | human-goodness=DUMP | held-omission=FRAMES]
"""
import json, sys
import numpy as np

from evaluation import (write_model, load_rows, word_table, relative_to_references, OMISSION_LLR_CLIP, OMISSION_TERMS,
                        OMISSION_TERMS_V11, OMISSION_TERMS_V14, OMISSION_TERMS_V15, HELD_OMISSION, OMISSION_TREE_SETTINGS as TREE_SETTINGS, HUMAN_GOODNESS,
                        join_human_goodness, recall_at_precision, best_f1_threshold, quarters, fit_trees)


def main():
    manifest, evidence, base_path, version, out = sys.argv[1:6]
    option = sys.argv[6] if len(sys.argv) > 6 else ""
    human_dump = option[len("human-goodness="):] if option.startswith("human-goodness=") else None
    held_frames = int(option[len("held-omission="):]) if option.startswith("held-omission=") else None
    held = held_frames is not None
    terms = (OMISSION_TERMS_V14 if human_dump else OMISSION_TERMS_V15 if held
             else OMISSION_TERMS_V11 if option == "reference-duration" else OMISSION_TERMS)
    base = json.load(open(base_path))
    items, rows = load_rows(manifest, evidence)
    table = word_table(items, rows)
    for w in table:
        relative_to_references(w)
    if human_dump:
        join_human_goodness(table, human_dump)
    clip = base.get("omission_llr_clip", OMISSION_LLR_CLIP)
    y = np.array([w["status"] == "omitted" for w in table]).astype(int)
    voices = np.array([items[w["id"]]["voice"] for w in table])
    fold = quarters(np.array([items[w["id"]]["sentence"] for w in table]))
    oof, trees = fit_trees(table, terms, y, voices, fold, clip, (HUMAN_GOODNESS,) if human_dump else ())
    f1, threshold = best_f1_threshold(oof, y)
    model = dict(base)
    model["version"] = version
    model["omission"] = trees
    model["omitted_above"] = threshold
    if held:
        assert all(HELD_OMISSION in w for w in table if "omission_llr" in w), "evidence lacks held_omission_llr (PR_OMISSION_FRAMES=3)"
        model["omission_minimum_phone_frames"] = held_frames
    pred = oof > threshold
    if human_dump:
        print(f"human_goodness measured for {sum(1 for w in table if HUMAN_GOODNESS in w)} of {len(table)} words",
              file=sys.stderr)
    model["fit"] = {**base.get("fit", {}), "omission_f1": round(f1, 3),
                    "omission_out_of_fold": {"folds": "each fit voice x a quarter of the sentences left out together",
                                             "f1": round(f1, 3),
                                             "recall": round(float(np.sum(pred & (y == 1)) / y.sum()), 3),
                                             "precision": round(float(np.sum(pred & (y == 1)) / max(1, pred.sum())), 3),
                                             "recall_at_precision_0.9": round(recall_at_precision(oof, y), 3)},
                    "omission_trees": {k: v for k, v in TREE_SETTINGS.items() if k != "random_state"}}
    write_model(out, model)
    print(f"wrote {out}: omitted_above {threshold}, out-of-fold {model['fit']['omission_out_of_fold']}", file=sys.stderr)


if __name__ == "__main__":
    main()
