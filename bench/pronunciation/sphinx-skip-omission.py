#!/usr/bin/env python3
"""Experiment (not the product): would the human-trained model's skip ratio help the omission decision beyond v14's
terms? `speakwell-bench-pronunciation sphinx-skip` gives, per prompt word, (best Sphinx forced path without the word -
with it) / its phones, the counterpart of our classifier's `omission_llr`. Trees as v14's (its fourteen terms) against
the same trees plus that ratio (clipped at 50), fitted on the fit pool's fold evidence (fit-v9r.jsonl) and scored out
of fold there and on each set's v14 evidence (test-v14.jsonl, human-v14.jsonl). Prints best recall at precision >= 0.9
and average precision of P(omitted).
Usage: sphinx-skip-omission.py SKIPDIR   (SKIPDIR/<set>-<split>.jsonl from sphinx-skip, e.g. pronunciation-set2-test.jsonl)
"""
import sys, os, numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score
from evaluation import (load_rows, word_table, relative_to_references, OMISSION_TERMS_V14, OMISSION_TREE_SETTINGS,
                        omission_terms, join_human_goodness, join_word_values, quarters, out_of_fold, recall_at_precision)
K=sys.argv[1]
D=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data')
def data(d, split, ev, durations=True):
    items, rows = load_rows(f'{D}/{d}/manifest.json', f'{D}/{d}/out/{ev}')
    t = word_table(items, rows, reference_durations=durations)
    for w in t: relative_to_references(w)
    if d == 'pronunciation-fitpool': join_human_goodness(t, f'{D}/sphinx-goodness/pronunciation-fitpool-fit.jsonl')
    join_word_values(t, f'{K}/{d}-{split}.jsonl', 'skip', 'sphinx_skip')
    y = np.array([w['status']=='omitted' for w in t]).astype(int)
    X = omission_terms(t, 5, OMISSION_TERMS_V14)
    Xs = np.c_[X, np.minimum(50.0, [w.get('sphinx_skip', np.nan) for w in t])]
    return items, t, X, Xs, y
items, t, X, Xs, y = data('pronunciation-fitpool', 'fit', 'fit-v9r.jsonl')
voices = np.array([items[w['id']]['voice'] for w in t]); fold = quarters(np.array([items[w['id']]['sentence'] for w in t]))
make = lambda: HistGradientBoostingClassifier(**OMISSION_TREE_SETTINGS)
def sc(p, y): return f"{recall_at_precision(p, y):.3f} / {average_precision_score(y, p):.3f}"
print("| set | omitted | v14's terms: best R at P>=0.9 / AP | + Sphinx skip ratio |")
print("|---|---|---|---|")
print(f"| fit, out of fold | {y.sum()} | {sc(out_of_fold(make, X, y, voices, fold), y)} | {sc(out_of_fold(make, Xs, y, voices, fold), y)} |")
a, b = make().fit(X, y), make().fit(Xs, y)
for name, d, split, ev, dur in [("test","pronunciation","test","test-v14.jsonl",True),("second","pronunciation-set2","test","test-v14.jsonl",True),("accent","pronunciation-accent","test","test-v14.jsonl",True),("third","pronunciation-set3","test","test-v14.jsonl",True),("fourth","pronunciation-set4","test","test-v14.jsonl",True),("fifth","pronunciation-set5","test","test-v14.jsonl",True),("sixth","pronunciation-set6","test","test-v14.jsonl",True),("human","pronunciation-human","human","human-v14.jsonl",False)]:
    _, th, Xh, Xhs, yh = data(d, split, ev, dur)
    print(f"| {name} | {yh.sum()} | {sc(a.predict_proba(Xh)[:,1], yh)} | {sc(b.predict_proba(Xhs)[:,1], yh)} |")
