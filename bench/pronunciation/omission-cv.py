#!/usr/bin/env python3
"""The out-of-fold comparisons behind model v10's omission trees (docs/pronunciation-history.md, "What v10 gained" and "Tried
after v10"): best recall at precision >= 0.9 of P(omitted) with each fit voice and a quarter of the sentences left out
together, for v9's omission logistic (its three terms), a logistic of all twelve terms, the trees at several sizes
and v11's trees (v10's terms and the word's length in the reference).
With a second directory (make-set.py --fit3 and its evidence, `evaluate ... fit projectedMFCC
DIR/out/fit-v10-sections.jsonl Models/pronunciation/v10.json 3`): the trees fitted without those voices against the
trees with the other generated voices added, each generated voice left out in turn.
Usage: omission-cv.py FITPOOL_DIR [FIT3_DIR]   (FITPOOL_DIR/out/fit-v9.jsonl from bench/pronunciation/fit step 12)
"""
import os, sys
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

from evaluation import (load_rows, word_table, relative_to_references, omission_terms, recall_at_precision, OMISSION_TERMS,
                        OMISSION_TERMS_V11, OMISSION_TREE_SETTINGS as V10_TREES, quarters, out_of_fold)


def evidence(data, name):
    """v11's terms (v10's are the first twelve columns), omitted or not, voice and sentence of each word."""
    items, rows = load_rows(os.path.join(data, "manifest.json"), os.path.join(data, "out", name))
    table = word_table(items, rows)
    for w in table:
        relative_to_references(w)
    return (omission_terms(table, terms=OMISSION_TERMS_V11), np.array([w["status"] == "omitted" for w in table]).astype(int),
            np.array([items[w["id"]]["voice"] for w in table]), np.array([items[w["id"]]["sentence"] for w in table]))


def main():
    X11, y, voices, sentences = evidence(sys.argv[1], "fit-v9.jsonl")
    X = X11[:, :len(OMISSION_TERMS)]
    fold = quarters(sentences)
    v9_terms = [OMISSION_TERMS.index(n) for n in ("log_duration", "mean", "omission_llr")]
    rows = [("logistic, v9's three terms", lambda: LogisticRegression(max_iter=3000), X[:, v9_terms]),
            ("logistic, all twelve terms", lambda: LogisticRegression(max_iter=5000), X)]
    for trees, leaves in ((100, 15), (200, 8), (200, 15), (300, 31), (400, 8)):
        settings = {**V10_TREES, "max_iter": trees, "max_leaf_nodes": leaves}
        rows.append((f"trees, {trees} x {leaves} leaves" + (" (v10)" if settings == V10_TREES else ""),
                     lambda s=settings: HistGradientBoostingClassifier(**s), X))
    rows.append(("trees, 200 x 15, + reference length (v11)", lambda: HistGradientBoostingClassifier(**V10_TREES), X11))
    print(f"pooled fit data: {len(y)} words, {y.sum()} omitted; best recall at precision >= 0.9, out of fold")
    for name, make, Xm in rows:
        print(f"  {name:42s} {recall_at_precision(out_of_fold(make, Xm, y, voices, fold), y):.3f}")
    if len(sys.argv) > 2:
        Xg, yg, vg, sg = evidence(sys.argv[2], "fit-v10-sections.jsonl")
        Xg = Xg[:, :len(OMISSION_TERMS)]
        make = lambda: HistGradientBoostingClassifier(**V10_TREES)
        without = make().fit(X, y).predict_proba(Xg)[:, 1]
        pooled = out_of_fold(make, Xg, yg, vg, quarters(sg), extra=(X, y))
        print(f"generated voices ({len(set(vg))}, {yg.sum()} omitted words): trees without them "
              f"{recall_at_precision(without, yg):.3f}, with the other generated voices {recall_at_precision(pooled, yg):.3f}")


if __name__ == "__main__":
    main()
