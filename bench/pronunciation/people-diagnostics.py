#!/usr/bin/env python3
"""Two diagnostics of the default model on speech made from people (docs/pronunciation.md, "PocketSphinx's word
evidence" and "What drives the retest SD"), from files `bench/pronunciation/run` writes:

1. ROC AUC of single word terms, mispronounced against correct words and omitted against said ones: PocketSphinx's
   word goodness, worst phone goodness and error-variant ratio (the `sphinx-goodness` dumps in
   bench/data/sphinx-goodness) beside v11's own `variant_llr`, `aligned_gop_min` (relative to the references, as the
   scorer reads them) and word score, on the Festival learners (and ked alone), the ninth set, the Flite learners and
   the human readings. An AUC below 0.5 is turned round (a term can separate either way).
2. What the retest SD of v11's `overall` is made of on the Festival sets and the ninth set: the SD between a correct
   reading and its two retests of each component, `correctness` once more with the detected inserted words added back,
   and the inserted words found per correct reading (all false).
Usage: people-diagnostics.py   (after bench/pronunciation/run)
"""
import os
import numpy as np
from sklearn.metrics import roc_auc_score

from evaluation import load_rows, word_table, relative_to_references, join_human_goodness, HUMAN_TERMS

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
TERMS = [("human word goodness", "human_goodness"), ("human worst phone goodness", "human_goodness_min"),
         ("human error-variant ratio", "human_variant_llr"), ("v11's variant_llr", "variant_llr"),
         ("v11's aligned_gop_min", "aligned_gop_min"), ("v11's word score", "score")]


def words(name, split, evidence, dump):
    items, rows = load_rows(os.path.join(DATA, name, "manifest.json"), os.path.join(DATA, name, "out", evidence))
    table = word_table(items, rows, reference_durations=split != "human")
    for w in table:
        relative_to_references(w)
    join_human_goodness(table, os.path.join(DATA, "sphinx-goodness", dump), all_terms=True)
    return table, items


def auc(table, key, positive, voices=None, items=None):
    """ROC AUC of `key` for `positive` against correct (mispronounced) or said (omitted) words."""
    if voices:
        table = [w for w in table if items[w["id"]]["voice"] in voices]
    negative = {"mispronounced": ("ok",), "omitted": ("ok", "mispronounced")}[positive]
    pairs = [(w["status"] == positive, w.get(key)) for w in table if w["status"] in (positive,) + negative]
    pairs = [(y, x) for y, x in pairs if x is not None and np.isfinite(x)]
    y, x = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs], float)
    if not y.any() or y.all():
        return "-"
    a = roc_auc_score(y, x)
    return f"{max(a, 1 - a):.3f}"


def term_table():
    festival, festival_items = words("pronunciation-festival", "test", "test-v11.jsonl", "pronunciation-festival-test.jsonl")
    ninth, _ = words("pronunciation-set9", "test", "test-v11.jsonl", "pronunciation-set9-test.jsonl")
    flite, _ = words("pronunciation-flite", "test", "test-v11.jsonl", "pronunciation-flite-test.jsonl")
    human, _ = words("pronunciation-human", "human", "human-v11.jsonl", "pronunciation-human-human.jsonl")
    print("| term | Festival, mispronounced | Festival (ked), mispronounced | ninth set, mispronounced | Festival, omitted | "
          "Flite, omitted | human readings, omitted |")
    print("|---|---|---|---|---|---|---|")
    for label, key in TERMS:
        print(f"| {label} | {auc(festival, key, 'mispronounced')} | "
              f"{auc(festival, key, 'mispronounced', ['ked'], festival_items)} | {auc(ninth, key, 'mispronounced')} | "
              f"{auc(festival, key, 'omitted')} | {auc(flite, key, 'omitted')} | {auc(human, key, 'omitted')} |")


def retest_table():
    components = ["overall", "correctness", "accuracy", "completeness", "fluency", "intonation", "rhythm"]
    print("| readings (v11) | " + " | ".join(f"SD {c}" for c in components)
          + " | SD correctness, insertions added back | inserted words per correct reading |")
    print("|---" * (len(components) + 3) + "|")
    for name in ("pronunciation-festival", "pronunciation-festival10", "pronunciation-festival11", "pronunciation-set9"):
        path = os.path.join(DATA, name, "out", "test-v11.jsonl")
        if not os.path.exists(path):
            continue
        items, rows = load_rows(os.path.join(DATA, name, "manifest.json"), path)
        groups, found = {}, []
        for r in rows:
            item, section = items[r["id"]], r["section"]
            if item["kind"] not in ("correct", "retest"):
                continue
            inserted = sum(1 for w in section["words"] if w["status"] == "inserted")
            said = sum(1 for w in section["words"] if w["status"] != "inserted")
            if item["kind"] == "correct":
                found.append(inserted)
            values = {c: section.get(c) or 0.0 for c in components}
            values["without"] = min(100.0, values["correctness"] + 100.0 * inserted / max(1, said))
            groups.setdefault(item["group"], []).append(values)
        sd = lambda key: np.sqrt(np.mean([np.var([g[key] for g in v], ddof=1) for v in groups.values() if len(v) > 1]))
        print(f"| {name} | " + " | ".join(f"{sd(c):.1f}" for c in components) + f" | {sd('without'):.1f} | {np.mean(found):.2f} |")


if __name__ == "__main__":
    assert HUMAN_TERMS
    term_table()
    print()
    retest_table()
