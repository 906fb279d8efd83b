#!/usr/bin/env python3
"""Out-of-fold on fit data only: do v15's omission trees find substituted words (another word said in an omitted word's
slot) better when the fit data has many of them? The pooled fit data (bench/pronunciation/fit step 18's evidence) has
16 substitutions; make-set.py --fit4 reads the --fit2 sentences with ten more generated voices and substitutes most
omitted words (368). Compared: the trees fitted on the pool alone and on the pool with --fit4 (docs/pronunciation.md,
"Substitutions").
Every probability is out of fold: a word's own voice and its sentence quarter are never in the training data
(--fit4 reads the --fit2 sentences, so its sentence ids z.. are grouped with x..). Prints, for the pool and for
--fit4: best recall at precision >= 0.9, and at the best-F1 threshold of the pool's probabilities the recall of
substituted and of other omitted words and the precision.
Usage: substitution-cv.py FITPOOL_DIR FIT4_DIR
  (DIR/out/fit-v15.jsonl in both: FITPOOL_DIR's from step 18; FIT4_DIR's the same measurement of --fit4 with the
  shipped phone classifier, which never heard its voices or sentences:
  PR_PHONE_MODEL=Models/pronunciation/phones-v2.json PR_OMISSION_FRAMES=3 PR_VARIANT_FRAMES=3 \
  speakwell-bench-pronunciation evaluate FIT4_DIR/manifest.json fit projectedMFCC FIT4_DIR/out/fit-v15.jsonl - 3 \
  Models/pronunciation/projection-v1.json)
"""
import os, sys
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from evaluation import (load_rows, word_table, relative_to_references, omission_terms, recall_at_precision,
                        best_f1_threshold, OMISSION_TERMS_V15, OMISSION_TREE_SETTINGS, quarters)


def evidence(data):
    items, rows = load_rows(os.path.join(data, "manifest.json"), os.path.join(data, "out", "fit-v15.jsonl"))
    table = word_table(items, rows)
    for w in table:
        relative_to_references(w)
    return (omission_terms(table, terms=OMISSION_TERMS_V15), np.array([w["status"] == "omitted" for w in table]).astype(int),
            np.array([w["substituted"] for w in table]), np.array([items[w["id"]]["voice"] for w in table]),
            np.array([items[w["id"]]["sentence"].replace("z", "x") for w in table]))


def out_of_fold(X, y, voices, fold, train_mask):
    """Each word's probability from trees fitted on the words of `train_mask` outside its voice and quarter."""
    p = np.full(len(y), np.nan)
    for v in sorted(set(voices)):
        for k in range(4):
            test = (voices == v) & (fold == k)
            if not test.any():
                continue
            train = train_mask & (voices != v) & (fold != k)
            p[test] = HistGradientBoostingClassifier(**OMISSION_TREE_SETTINGS).fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    return p


def describe(name, p, y, sub, threshold):
    pred = p > threshold
    recall = lambda m: np.sum(pred & m) / max(1, m.sum())
    print(f"  {name:10s} recall@P0.9 {recall_at_precision(p, y):.3f}   at {threshold:.2f}: substituted {recall(sub):.3f} "
          f"({sub.sum()}), other omitted {recall((y == 1) & ~sub):.3f}, precision {np.sum(pred & (y == 1)) / max(1, pred.sum()):.3f}")


def main():
    pool, fit4 = evidence(sys.argv[1]), evidence(sys.argv[2])
    X, y, sub, voices, sentences = (np.r_[a, b] for a, b in zip(pool, fit4))
    in_pool = np.r_[np.ones(len(pool[1]), bool), np.zeros(len(fit4[1]), bool)]
    fold = quarters(sentences)
    print(f"pool: {in_pool.sum()} words, {y[in_pool].sum()} omitted, {sub[in_pool].sum()} substituted; "
          f"--fit4: {(~in_pool).sum()} words, {y[~in_pool].sum()} omitted, {sub[~in_pool].sum()} substituted")
    for name, mask in (("trees fitted on the pool", in_pool), ("trees fitted on the pool and --fit4", np.ones(len(y), bool))):
        p = out_of_fold(X, y, voices, fold, mask)
        _, threshold = best_f1_threshold(p[in_pool], y[in_pool])
        print(f"{name} (threshold: best F1 on the pool, {threshold:.2f})")
        describe("pool", p[in_pool], y[in_pool], sub[in_pool], threshold)
        describe("--fit4", p[~in_pool], y[~in_pool], sub[~in_pool], threshold)


if __name__ == "__main__":
    main()
