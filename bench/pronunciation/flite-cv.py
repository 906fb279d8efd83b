#!/usr/bin/env python3
"""Exploration (fit data and the Flite learners only; nothing shipped): would omission trees fitted with readings by
voices made from recordings of people (make-flite-set.py --fit: the --fit2 sentences read by Flite's voices) find
omissions in the Flite test readings (other sentences) better, and how much of that comes from the human-trained
model's word goodness? Each Flite voice's test readings are scored by trees fitted without any reading of that voice.
Rows: the trees on the espeak-ng fit pool alone (v14's and v11's terms: the shipped recipes), and on the pool plus the
other three Flite voices' fit readings (same two term sets). Prints best recall at precision >= 0.9 and average
precision of P(omitted) over the four voices' test readings pooled, and correct words flagged omitted / omitted words
found at the threshold with the best F1 on the fit readings' out-of-voice probabilities.
Usage: flite-cv.py   (after make-flite-set.py for both, the evidence PR_PHONE_MODEL=Models/pronunciation/phones-v2.json
  PR_VARIANT_FRAMES=3 evaluate ... fit-v9r.jsonl of --fit, and sphinx-goodness dumps of both in bench/data/sphinx-goodness)
"""
import os, sys
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score

from evaluation import (load_rows, word_table, relative_to_references, omission_terms, join_human_goodness, recall_at_precision,
                        best_f1_threshold, OMISSION_TERMS_V11, OMISSION_TERMS_V14, OMISSION_TREE_SETTINGS)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")


def evidence(name, evidence_file, dump):
    items, rows = load_rows(os.path.join(DATA, name, "manifest.json"), os.path.join(DATA, name, "out", evidence_file))
    table = word_table(items, rows)
    for w in table:
        relative_to_references(w)
    join_human_goodness(table, os.path.join(DATA, "sphinx-goodness", dump))
    return (omission_terms(table, terms=OMISSION_TERMS_V14), np.array([w["status"] == "omitted" for w in table]).astype(int),
            np.array([items[w["id"]]["voice"] for w in table]))


def main():
    pool = evidence("pronunciation-fitpool", "fit-v9r.jsonl", "pronunciation-fitpool-fit.jsonl")
    fit = evidence("pronunciation-flite-fit", "fit-v9r.jsonl", "pronunciation-flite-fit-fit.jsonl")
    test = evidence("pronunciation-flite", "test-v14.jsonl", "pronunciation-flite-test.jsonl")
    make = lambda: HistGradientBoostingClassifier(**OMISSION_TREE_SETTINGS)
    print(f"Flite test readings: {len(test[1])} words, {test[1].sum()} omitted; Flite fit readings {fit[1].sum()} omitted")
    print("| trees fitted on | terms | best R at P >= 0.9 | average precision | correct words called omitted | omitted found |")
    print("|---|---|---|---|---|---|")
    for terms in (OMISSION_TERMS_V14, OMISSION_TERMS_V11):
        cols = [OMISSION_TERMS_V14.index(t) for t in terms]
        for with_flite in (False, True):
            p, p_fit = np.zeros(len(test[1])), np.zeros(len(fit[1]))
            for v in sorted(set(test[2])):
                X, y = pool[0][:, cols], pool[1]
                if with_flite:
                    keep = fit[2] != v
                    X, y = np.r_[X, fit[0][keep][:, cols]], np.r_[y, fit[1][keep]]
                model = make().fit(X, y)
                p[test[2] == v] = model.predict_proba(test[0][test[2] == v][:, cols])[:, 1]
                p_fit[fit[2] == v] = model.predict_proba(fit[0][fit[2] == v][:, cols])[:, 1]
            _, threshold = best_f1_threshold(p_fit, fit[1])
            y = test[1]; pred = p > threshold
            print(f"| the espeak-ng pool{' + the other Flite voices' if with_flite else ''} | "
                  f"{'v14 (+ human goodness)' if terms is OMISSION_TERMS_V14 else 'v11'} | {recall_at_precision(p, y):.3f} | "
                  f"{average_precision_score(y, p):.3f} | {np.mean(pred[y == 0]):.3f} | {np.mean(pred[y == 1]):.3f} (threshold {threshold:.2f}) |")


if __name__ == "__main__":
    main()
