#!/usr/bin/env python3
"""Experiment (not the product): would PocketSphinx's word goodness (pocketsphinx-gop.py --dump) help the omission
decision? v10's omission trees (its twelve word terms; v11's thirteenth, the reference word's length, is left out
because text-only exercises have no recorded reference) against the same trees with PocketSphinx's goodness as one
more term (missing where PocketSphinx could not decode the reading; the trees route missing values themselves).
Fitted on the pooled fit data's fold evidence (FITPOOL/out/fit-v9r.jsonl, bench/pronunciation/fit step 15), scored out
of fold there (each fit voice x a quarter of the sentences left out) and on held-out sets' evidence from the shipped
classifier (DIR/out/test-v11.jsonl, or human-v11.jsonl for the human readings).
Prints best recall at precision >= 0.9, average precision and ROC AUC of P(omitted) per set, for both.
Usage: pocketsphinx-omission.py FITPOOL DUMPDIR NAME:DATA:SPLIT:EVIDENCE ...
   e.g. pocketsphinx-omission.py bench/data/pronunciation-fitpool bench/data/pocketsphinx-gop \\
        test:bench/data/pronunciation:test:test-v11.jsonl human:bench/data/pronunciation-human:human:human-v11.jsonl
"""
import os, sys
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score, roc_auc_score

from evaluation import (load_rows, word_table, relative_to_references, omission_terms, recall_at_precision, OMISSION_TERMS,
                        join_word_values,
                        OMISSION_TREE_SETTINGS, quarters, out_of_fold)


def evidence(data, split, name, dump):
    items, rows = load_rows(os.path.join(data, "manifest.json"), os.path.join(data, "out", name))
    table = word_table(items, rows, reference_durations=False)
    for w in table:
        relative_to_references(w)
    join_word_values(table, os.path.join(dump, f"{os.path.basename(os.path.normpath(data))}-{split}.jsonl"), "goodness", "ps")
    ps = [w.get("ps", np.nan) for w in table]
    X = omission_terms(table, terms=OMISSION_TERMS)
    y = np.array([w["status"] == "omitted" for w in table]).astype(int)
    voices = np.array([items[w["id"]]["voice"] for w in table]); sentences = np.array([items[w["id"]]["sentence"] for w in table])
    return X, np.c_[X, np.array(ps)], y, voices, sentences


def scores(p, y):
    return f"{recall_at_precision(p, y):.3f} / {average_precision_score(y, p):.3f} / {roc_auc_score(y, p):.3f}"


def main():
    fitpool, dump = sys.argv[1], sys.argv[2]
    X, Xp, y, voices, sentences = evidence(fitpool, "fit", "fit-v9r.jsonl", dump)
    make = lambda: HistGradientBoostingClassifier(**OMISSION_TREE_SETTINGS)
    fold = quarters(sentences)
    print("| set | omitted words | v10's twelve terms: best R at P >= 0.9 / avg precision / AUC | + PocketSphinx goodness |")
    print("|---|---|---|---|")
    print(f"| fit data, out of fold | {y.sum()} | {scores(out_of_fold(make, X, y, voices, fold), y)} | "
          f"{scores(out_of_fold(make, Xp, y, voices, fold), y)} |")
    plain, with_ps = make().fit(X, y), make().fit(Xp, y)
    for spec in sys.argv[3:]:
        name, data, split, file = spec.split(":")
        Xh, Xhp, yh, _, _ = evidence(data, split, file, dump)
        print(f"| {name} | {yh.sum()} | {scores(plain.predict_proba(Xh)[:, 1], yh)} | {scores(with_ps.predict_proba(Xhp)[:, 1], yh)} |")


if __name__ == "__main__":
    main()
