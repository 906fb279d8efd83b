#!/usr/bin/env python3
"""Model v17: v14 whose word decision (P(mispronounced)) and omission decision are both gradient-boosted trees that
read PocketSphinx's human-trained model beside the espeak-ng phone classifier, fitted on speech made from people as
well as on espeak-ng's.

Why: on learners made from recordings of people (make-festival-set.py, make-flite-set.py) and on the human readings,
the espeak-ng classifier's terms flag a quarter to a third of correctly said words; under the human-trained model the
error variants' log ratio separates mispronounced from correct words far better there (docs/pronunciation.md,
"Festival learners"). Terms (evaluation.py): the word trees read v14's word logistic's terms, the word's length in the
reference and the three human-model terms (human_goodness, human_goodness_min, human_variant_llr); the omission trees
v14's terms and the two new human-model terms. A human-model term that could not be measured is NaN, routed per node
as scikit-learn learnt.

Fit data: every (MANIFEST, EVIDENCE, DUMP) triple given, pooled: the espeak-ng fit pool (step 15's fold evidence,
fit-v9r.jsonl), Festival's kal and slt on the fit sentences (make-festival-set.py --fit) and Flite's four voices on
the same sentences (make-flite-set.py --fit); EVIDENCE is `evaluate` without a calibration, DUMP `sphinx-goodness` of
the same readings (what the scorer measures). Thresholds (`mispronounced_below`, `omitted_above`) are chosen for the
best F1 of out-of-fold probabilities (each voice of each set and a quarter of the sentences left out together). The
trees are exported and checked against scikit-learn as the Swift scorer evaluates them, with and without the
human-model terms. Everything else of BASE (v14: insertion threshold, overall weights, phone model) is kept.
Rule written first: bench/pronunciation/prereg-v17.md (v17 failed it on its omission decision; it is not shipped).
With --word-only (model v18, and v20 on more fit data; BASE v11.json): only the word trees are fitted, as v17's; BASE keeps its own
omission decision (prereg-v18.md).
Usage: fit-human-trees.py BASE.json VERSION OUT.json [--word-only] MANIFEST EVIDENCE DUMP [MANIFEST EVIDENCE DUMP ...]
"""
import json, sys
import numpy as np
from sklearn.metrics import roc_auc_score

from evaluation import (write_model, load_rows, word_table, relative_to_references, join_human_goodness, fit_trees, best_f1_threshold,
                        recall_at_precision, quarters, OMISSION_LLR_CLIP, OMISSION_TREE_SETTINGS, OMISSION_TERMS_V17,
                        WORD_TERMS_V17, HUMAN_TERMS)


def pooled(triples):
    table, voices, sentences = [], [], []
    for k in range(0, len(triples), 3):
        manifest, evidence, dump = triples[k:k + 3]
        items, rows = load_rows(manifest, evidence)
        part = word_table(items, rows)
        for w in part:
            relative_to_references(w)
        join_human_goodness(part, dump, all_terms=True)
        table += part
        voices += [f"{k}:{items[w['id']]['voice']}" for w in part]
        sentences += [f"{k}:{items[w['id']]['sentence']}" for w in part]
    return table, np.array(voices), quarters(np.array(sentences))


def summary(oof, y, threshold):
    pred = oof > threshold
    f1 = 2 * np.sum(pred & (y == 1)) / max(1, pred.sum() + y.sum())
    return {"folds": "each voice of each fit set x a quarter of the sentences left out together", "f1": round(float(f1), 3),
            "recall": round(float(np.sum(pred & (y == 1)) / y.sum()), 3),
            "precision": round(float(np.sum(pred & (y == 1)) / max(1, pred.sum())), 3),
            "recall_at_precision_0.9": round(recall_at_precision(oof, y), 3)}


def main():
    base_path, version, out = sys.argv[1:4]
    word_only = sys.argv[4:5] == ["--word-only"]
    triples = sys.argv[5:] if word_only else sys.argv[4:]
    assert triples and len(triples) % 3 == 0, __doc__
    base = json.load(open(base_path))
    clip = base.get("omission_llr_clip", OMISSION_LLR_CLIP)
    table, voices, fold = pooled(triples)
    status = np.array([w["status"] for w in table])
    omitted = (status == "omitted").astype(int)
    if word_only:
        omission, omitted_above = base["omission"], base["omitted_above"]
    else:
        p_omitted, omission = fit_trees(table, OMISSION_TERMS_V17, omitted, voices, fold, clip, HUMAN_TERMS)
        _, omitted_above = best_f1_threshold(p_omitted, omitted)
    said = (status == "ok") | (status == "mispronounced")
    mispronounced = (status[said] == "mispronounced").astype(int)
    said_table = [w for w, s in zip(table, said) if s]
    p_mispronounced, word = fit_trees(said_table, WORD_TERMS_V17, mispronounced, voices[said], fold[said], clip, HUMAN_TERMS)
    _, word_threshold = best_f1_threshold(p_mispronounced, mispronounced)
    model = dict(base)
    model.update(version=version, word=word, mispronounced_below=round(100 * (1 - word_threshold), 2),
                 omission=omission, omitted_above=omitted_above)
    model["fit"] = {**base.get("fit", {}), "sets": [triples[k] for k in range(0, len(triples), 3)],
                    "items": len({w["id"] + v.split(":")[0] for w, v in zip(table, voices)}),
                    "ok_words": int(np.sum(status == "ok")), "mispronounced_words": int(mispronounced.sum()),
                    "omitted_words": int(omitted.sum()),
                    **({} if word_only else {"omission_out_of_fold": summary(p_omitted, omitted, omitted_above)}),
                    "word_out_of_fold": {**summary(p_mispronounced, mispronounced, word_threshold),
                                         "auc": round(float(roc_auc_score(mispronounced, p_mispronounced)), 3)},
                    "trees": {k: v for k, v in OMISSION_TREE_SETTINGS.items() if k != "random_state"}}
    for key in ("word_f1_at_threshold",) if word_only else ("omission_f1", "word_f1_at_threshold", "omission_trees"):
        model["fit"].pop(key, None)
    write_model(out, model)
    print(f"wrote {out}: mispronounced_below {model['mispronounced_below']}, omitted_above {omitted_above}\n"
          f"  word out of fold {model['fit']['word_out_of_fold']}\n  omission out of fold {model['fit'].get('omission_out_of_fold')}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
