"""Shared helpers of the pronunciation bench: joins evidence/sections with the truth labels of make-set.py."""
import json, os, re
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier


def write_model(path, model):
    """Writes a calibration file as every fit script here does: keys sorted, one space of indent, a final newline (so
    a refit of the same data gives the same bytes)."""
    with open(path, "w") as f:
        json.dump(model, f, indent=1, sort_keys=True)
        f.write("\n")


def load_rows(manifest_path, evidence_path):
    items = {i["id"]: i for i in json.load(open(manifest_path))["items"]}
    rows = [json.loads(l) for l in open(evidence_path)]
    rows = [r for r in rows if "evidence" in r]
    return items, rows


_SIDECARS = {}
# make-set.py writes the manifests' paths relative to the repository root; the scripts run from the root or from here.
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def reference_words(path):
    """The word timings sidecar of a reference recording (cached)."""
    if path not in _SIDECARS:
        _SIDECARS[path] = json.load(open(os.path.join(ROOT, path[:-len(".wav")] + ".words.json")))
    return _SIDECARS[path]


def word_table(items, rows, reference_durations=True):
    """One entry per reference word per item: truth status + raw evidence (+ calibrated score/status), and
    `reference_duration`: the word's length in the reference the scorer reports it against (its sidecar times, as
    PronunciationScorer.wordTerms reads them; not with synthetic references, `reference_durations=False`)."""
    out = []
    for r in rows:
        truth = [w for w in items[r["id"]]["words"] if w["status"] != "inserted"]
        units = r["evidence"]["units"]
        words = [w for w in r["section"]["words"] if w["status"] != "inserted"] if "section" in r else [None] * len(units)
        assert len(truth) == len(units), r["id"]
        slots = substituted_words(items[r["id"]]["words"])
        for k, (t, u, w) in enumerate(zip(truth, units, words)):
            e = {"id": r["id"], "status": t["status"], "error": t.get("error"), "substituted": k in slots, **u}
            if reference_durations and "best_reference" in u:
                timing = reference_words(items[r["id"]]["references"][u["best_reference"]])[k]
                e["reference_duration"] = timing["end_s"] - timing["start_s"]
            if w is not None:
                e["score"] = w["score"]; e["pred"] = w["status"]
            out.append(e)
    return out


def substituted_words(words):
    """Indices (among the reference words) of omitted words with an inserted word said in their slot: after the
    last said word before them and before the first said word after them (a substitution)."""
    reference = [w for w in words if w["status"] != "inserted"]
    inserted = [w for w in words if w["status"] == "inserted"]
    out = set()
    for k, w in enumerate(reference):
        if w["status"] != "omitted":
            continue
        before = [v["end_s"] for v in reference[:k] if "end_s" in v]
        after = [v["start_s"] for v in reference[k + 1:] if "start_s" in v]
        lo, hi = (before[-1] if before else 0.0), (after[0] if after else float("inf"))
        if any(i["start_s"] >= lo - 1e-3 and i["end_s"] <= hi + 1e-3 for i in inserted):
            out.add(k)
    return out


def overlaps(a0, a1, b0, b1):
    return min(a1, b1) - max(a0, b0) > 0


def insertion_matches(items, rows, key=None, filler="filler_llr"):
    """Insertion candidates (evidence) or predicted inserted words (section) with the truth insertion they hit;
    `filler`: which filler ratio of the evidence to report as `filler_llr` (`filler_llr_relative`: model v8's)."""
    cands, truths = [], []
    for r in rows:
        ins = [w for w in items[r["id"]]["words"] if w["status"] == "inserted"]
        for k, w in enumerate(ins):
            truths.append((r["id"], k))
        if key == "section":
            found = [{"start_s": w["start_s"], "end_s": w["end_s"], "ratio": 1e9} for w in r["section"]["words"] if w["status"] == "inserted"]
        else:
            found = r["evidence"]["insertions"]
        for c in found:
            hit = next(((r["id"], k) for k, w in enumerate(ins) if overlaps(c["start_s"], c["end_s"], w["start_s"], w["end_s"])), False)
            cands.append({"ratio": c["ratio"], "filler_llr": c.get(filler), "hit": hit})
    return cands, truths


OMISSION_LLR_CLIP = 5.0  # nats per phone; PronunciationScorer.section(from:) clips the same

def relative_to_references(w):
    """PronunciationScorer.relativeToReferences on one word's evidence (in place; ratios clipped first)."""
    if "omission_llr" not in w or "ref_omission_llr" not in w:
        return
    w["omission_llr"] = float(np.clip(w["omission_llr"], -OMISSION_LLR_CLIP, OMISSION_LLR_CLIP)) - max(0.0, w["ref_omission_llr"])
    if "variant_llr" in w:
        w["variant_llr"] = float(np.clip(w["variant_llr"], -OMISSION_LLR_CLIP, OMISSION_LLR_CLIP))
        if "ref_variant_llr" in w:
            w["variant_llr"] -= max(0.0, w["ref_variant_llr"])
    w["aligned_gop_mean"] -= min(0.0, w["ref_aligned_gop_mean"])
    w["aligned_gop_min"] -= min(0.0, w["ref_aligned_gop_min"])
    if "gop_mean" in w and "ref_gop_mean" in w:
        w["gop_mean"] -= min(0.0, w["ref_gop_mean"])
        w["gop_min"] -= min(0.0, w["ref_gop_min"])


# Model v10's omission trees read these terms, in this order (bench/pronunciation/fit-omission-trees.py); v11's
# also the word's length in the reference.
OMISSION_TERMS = ["log_duration", "mean", "peak", "omission_llr", "variant_llr", "aligned_gop_mean", "aligned_gop_min",
                  "gop_mean", "gop_min", "lpp", "aligned_lpp", "aligned_frames"]
OMISSION_TERMS_V11 = OMISSION_TERMS + ["reference_duration"]
# Model v14: v11's terms and the word's goodness under PocketSphinx's human-trained model (SphinxWordGoodness), NaN
# where it could not be measured (a prompt word espeak-ng cannot transcribe either, a recording too short for the
# prompt); not made relative to the references.
HUMAN_GOODNESS = "human_goodness"
OMISSION_TERMS_V14 = OMISSION_TERMS_V11 + [HUMAN_GOODNESS]
# Model v15: v11's terms and the word's omission log ratio with every phone held >= 3 frames
# (UtteranceForcedAlignment.Word.heldOmissionLogRatio), clipped to +-clip as the scorer does; not made relative.
HELD_OMISSION = "held_omission_llr"
OMISSION_TERMS_V15 = OMISSION_TERMS_V11 + [HELD_OMISSION]
# Model v17: under the same model, the word's worst phone goodness and its error variants' log ratio
# (SphinxWordGoodness.Word.phoneMinimum, variantLogRatio), NaN as human_goodness; the omission trees read v14's terms
# and these, the word trees (P(mispronounced)) v14's word logistic's terms, the word's length in the reference and
# the three human-model terms.
HUMAN_PHONE_MINIMUM, HUMAN_VARIANT = "human_goodness_min", "human_variant_llr"
HUMAN_TERMS = [HUMAN_GOODNESS, HUMAN_PHONE_MINIMUM, HUMAN_VARIANT]
OMISSION_TERMS_V17 = OMISSION_TERMS_V14 + [HUMAN_PHONE_MINIMUM, HUMAN_VARIANT]
WORD_TERMS_V17 = ["mean", "peak", "log_duration", "shortening", "gop_mean", "gop_min", "aligned_gop_mean",
                  "aligned_gop_min", "variant_llr", "reference_duration"] + HUMAN_TERMS
# Model v27: v11's terms and the neighbouring words' omission ratio and log relative duration (NEIGHBOUR_TERMS,
# add_neighbour_terms), as model v27's scorer gave them (PronunciationScorer.addingNeighbourTerms, commit 79ff2bf; not shipped).
NEIGHBOUR_TERMS = ["previous_omission_llr", "previous_log_duration", "next_omission_llr", "next_log_duration"]
OMISSION_TERMS_V27 = OMISSION_TERMS_V11 + NEIGHBOUR_TERMS
# The trees of v10 and v11 (scikit-learn HistGradientBoostingClassifier), chosen out of fold on the fit data only
# (omission-cv.py: 100-400 trees of 8-31 leaves all reach 0.959-0.966).
OMISSION_TREE_SETTINGS = dict(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, early_stopping=False, random_state=0)


def add_neighbour_terms(table, clip=OMISSION_LLR_CLIP):
    """Sets each word's NEIGHBOUR_TERMS (in place) from the word before and after it in the same reading, after
    relative_to_references: their `omission_llr` (clipped from above, 0 where unmeasured) and `log_duration`; at the
    first and last word -clip and 0, a neighbour plainly said. Model v27's scorer did the same (commit 79ff2bf)."""
    for k, w in enumerate(table):
        for side, j in (("previous", k - 1), ("next", k + 1)):
            n = table[j] if 0 <= j < len(table) and table[j]["id"] == w["id"] else None
            w[f"{side}_omission_llr"] = min(clip, n.get("omission_llr", 0.0)) if n else -clip
            w[f"{side}_log_duration"] = n.get("log_duration", 0.0) if n else 0.0


def omission_terms(table, clip=OMISSION_LLR_CLIP, terms=OMISSION_TERMS):
    """The `terms` of each word of a word_table already made relative_to_references; a term a word lacks is 0 (the
    human-trained model's terms NaN), `shortening` is min(0, log_duration), and the two log ratios are clipped from
    above (the held ratio both ways), as PronunciationScorer.wordTerms gives them."""
    def term(w, n):
        if n == "shortening":
            return min(0.0, w["log_duration"])
        return float(w.get(n, np.nan if n in HUMAN_TERMS else 0.0))
    X = np.array([[term(w, n) for n in terms] for w in table])
    for n in ("omission_llr", "variant_llr"):
        if n in terms:
            k = terms.index(n); X[:, k] = np.minimum(X[:, k], clip)
    if HELD_OMISSION in terms:
        k = terms.index(HELD_OMISSION); X[:, k] = np.clip(X[:, k], -clip, clip)
    return X


def export_trees(estimator, terms, missing):
    """The fitted trees as GradientBoostedTrees JSON (node arrays; a node sends x <= threshold left, and with
    `missing` a NaN to the side `missing_left` names)."""
    trees = []
    for (predictor,) in estimator._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        tree = {"feature": [-1 if l else int(f) for l, f in zip(leaf, nodes["feature_idx"])],
                "threshold": [0.0 if l else float(t) for l, t in zip(leaf, nodes["num_threshold"])],
                "left": [0 if l else int(c) for l, c in zip(leaf, nodes["left"])],
                "right": [0 if l else int(c) for l, c in zip(leaf, nodes["right"])],
                "value": [float(v) if l else 0.0 for l, v in zip(leaf, nodes["value"])]}
        if missing:
            tree["missing_left"] = [bool(not l and m) for l, m in zip(leaf, nodes["missing_go_to_left"])]
        trees.append(tree)
    return {"features": terms, "baseline": float(np.ravel(estimator._baseline_prediction)[0]), "trees": trees}


def fit_trees(table, terms, y, voices, fold, clip, missing_terms=()):
    """Gradient-boosted trees (OMISSION_TREE_SETTINGS) on `terms` of a word table: their out-of-fold probabilities
    (`out_of_fold`: each voice and a quarter of the sentences left out together) and the trees fitted on every word
    (`fit_exported_trees`)."""
    X = omission_terms(table, clip, terms)
    oof = out_of_fold(lambda: HistGradientBoostingClassifier(**OMISSION_TREE_SETTINGS), X, y, voices, fold)
    return oof, fit_exported_trees(table, terms, y, clip, missing_terms)


def fit_exported_trees(table, terms, y, clip, missing_terms=()):
    """Gradient-boosted trees (OMISSION_TREE_SETTINGS) fitted on `terms` of every word of a word table, exported for
    the Swift scorer and checked to give scikit-learn's probabilities as the scorer evaluates them, and once more with
    every term of `missing_terms` unmeasured (the trees then route NaN as scikit-learn learnt: `missing_left`)."""
    X = omission_terms(table, clip, terms)
    estimator = HistGradientBoostingClassifier(**OMISSION_TREE_SETTINGS).fit(X, y)
    trees = export_trees(estimator, terms, missing=bool(missing_terms))
    gap = np.max(np.abs(omission_probability(trees, table, clip) - estimator.predict_proba(X)[:, 1]))
    assert gap < 1e-9, f"exported trees disagree with scikit-learn by {gap}"
    if missing_terms:
        unmeasured = [{k: v for k, v in w.items() if k not in missing_terms} for w in table]
        Xn = X.copy(); Xn[:, [terms.index(t) for t in missing_terms if t in terms]] = np.nan
        gap = np.max(np.abs(omission_probability(trees, unmeasured, clip) - estimator.predict_proba(Xn)[:, 1]))
        assert gap < 1e-9, f"exported trees disagree with scikit-learn with {', '.join(missing_terms)} unmeasured by {gap}"
    return trees


def sentences_with_references(data, sentence_file, sentence_prefix):
    """The sentences of bench/pronunciation/SENTENCE_FILE with their ids (SENTENCE_PREFIX + index) and the references
    of the set in bench/data/DATA that reads them: (id, sentence, its words in lower case, reference paths), checked
    word for word against the first reference's word timings."""
    manifest = json.load(open(os.path.join(ROOT, "bench", "data", data, "manifest.json")))
    references = {i["sentence"]: i["references"] for i in manifest["items"]}
    lines = [l.strip() for l in open(os.path.join(ROOT, "bench", "pronunciation", sentence_file))
             if l.strip() and not l.startswith("#")]
    out = []
    for si, sentence in enumerate(lines):
        sid = f"{sentence_prefix}{si:02d}"
        words = [w.lower() for w in re.findall(r"[A-Za-z']+", sentence)]
        said = [w["word"].lower() for w in reference_words(references[sid][0])]
        assert words == said, (sentence, said)
        out.append((sid, sentence, words, references[sid]))
    return out


def omission_probability(model, table, clip=OMISSION_LLR_CLIP):
    """P(omitted) of each word under a calibration file's `omission` (logistic or trees), as the scorer computes it."""
    if "trees" in model:
        X = omission_terms(table, clip, model["features"])
        z = np.full(len(X), model["baseline"])
        for t in model["trees"]:
            for i, x in enumerate(X):
                n = 0
                while t["feature"][n] >= 0:
                    v = x[t["feature"][n]]
                    if np.isnan(v) and "missing_left" in t:
                        n = t["left"][n] if t["missing_left"][n] else t["right"][n]
                    else:
                        n = t["left"][n] if (0.0 if np.isnan(v) else v) <= t["threshold"][n] else t["right"][n]
                z[i] += t["value"][n]
    else:
        z = np.array([model["intercept"] + sum(c * (min(clip, w.get(n, 0.0)) if n == "omission_llr" else w.get(n, 0.0))
                                               for n, c in model["weights"].items()) for w in table])
    return 1 / (1 + np.exp(-z))


def relative_word_table(manifest, evidence, clip=OMISSION_LLR_CLIP):
    """The word_table of a run's EVIDENCE read relative to the references as the scorer reads them, with the
    neighbours' terms (add_neighbour_terms)."""
    items, rows = load_rows(manifest, evidence)
    table = word_table(items, rows)
    for w in table:
        relative_to_references(w)
    add_neighbour_terms(table, clip)
    return table


def set_table(directory, clip=OMISSION_LLR_CLIP, evidence="test-v26.jsonl"):
    """relative_word_table of a set folder (bench/data/...): its manifest and `out/EVIDENCE` (v26's by default, the
    evidence every model since v26 reads)."""
    return relative_word_table(os.path.join(directory, "manifest.json"), os.path.join(directory, "out", evidence), clip)


def omission_evidence(model, manifest, evidence, dump=None):
    """The words of a run's EVIDENCE, read relative to the references as the scorer reads them (with DUMP, a
    `sphinx-goodness` file, each word's `human_goodness` joined), each word's truth (1 = omitted) and P(omitted)
    under MODEL's `omission` decision as the scorer computes it."""
    table = relative_word_table(manifest, evidence, model.get("omission_llr_clip", OMISSION_LLR_CLIP))
    if dump is not None:
        join_human_goodness(table, dump)
    y = omitted_truth(table)
    return table, y, omission_probability(model["omission"], table, model.get("omission_llr_clip", OMISSION_LLR_CLIP))


def join_word_values(table, dump, key, name):
    """Sets each word's `name` from a per-item dump of the bench (`{"id", key: [one value per prompt word] | null}`,
    e.g. `sphinx-goodness`, `sphinx-skip`); a word the dump has no value for keeps none."""
    values = {}
    for line in open(dump):
        r = json.loads(line)
        values[r["id"]] = r[key]
    position = {}
    for w in table:
        k = position[w["id"]] = position.get(w["id"], -1) + 1
        v = values.get(w["id"])
        if v is not None and k < len(v) and np.isfinite(v[k]):
            w[name] = v[k]


def join_human_goodness(table, dump, all_terms=False):
    """Sets each word's `human_goodness` from a `speakwell-bench-pronunciation sphinx-goodness` file, as the scorer
    measures it for model v14; with `all_terms` also model v17's `human_goodness_min` and `human_variant_llr`."""
    join_word_values(table, dump, "goodness", HUMAN_GOODNESS)
    if all_terms:
        join_word_values(table, dump, "phone_minimum", HUMAN_PHONE_MINIMUM)
        join_word_values(table, dump, "variant_llr", HUMAN_VARIANT)


def omitted_truth(table):
    """1 for each word of a word table whose truth is `omitted`, else 0."""
    return np.array([w["status"] == "omitted" for w in table]).astype(int)


def out_of_fold_by_set(tables, terms, clip, extra_tables=()):
    """P(omitted) of every word of each of `tables` (one per set) from trees with OMISSION_TREE_SETTINGS over
    `terms` fitted on the other sets and `extra_tables` (always in the training data): each set left out in turn."""
    X = [omission_terms(t, clip, terms) for t in tables]
    Y = [omitted_truth(t) for t in tables]
    extra_X = [omission_terms(t, clip, terms) for t in extra_tables]
    extra_Y = [omitted_truth(t) for t in extra_tables]
    out = []
    for k in range(len(tables)):
        train = [i for i in range(len(tables)) if i != k]
        estimator = HistGradientBoostingClassifier(**OMISSION_TREE_SETTINGS).fit(
            np.vstack([X[i] for i in train] + extra_X), np.concatenate([Y[i] for i in train] + extra_Y))
        out.append(estimator.predict_proba(X[k])[:, 1])
    return out


def recall_precision(pred, y):
    """Recall and precision of the boolean predictions `pred` against the truth `y` (0 when nothing to count)."""
    tp = float(np.sum(pred & (y == 1)))
    return tp / max(1, y.sum()), tp / max(1, pred.sum())


# The omission target: recall >= 0.95 at precision >= 0.90.
TARGET_RECALL, TARGET_PRECISION = 0.95, 0.90


def threshold_sweep(probabilities, truths):
    """For each threshold 0.05, 0.06 ... 0.94: (threshold, pooled recall, pooled precision, sets meeting the omission
    target) of `p > threshold`, over per-set P(omitted) `probabilities` and their `truths` (1 = omitted)."""
    pooled_p, pooled_y = np.concatenate(probabilities), np.concatenate(truths)
    for threshold in np.round(np.arange(0.05, 0.95, 0.01), 2):
        met = sum(r >= TARGET_RECALL and q >= TARGET_PRECISION
                  for r, q in (recall_precision(p > threshold, y) for p, y in zip(probabilities, truths)))
        r, q = recall_precision(pooled_p > threshold, pooled_y)
        yield float(threshold), r, q, met


def f1_score(recall, precision):
    """The harmonic mean of a recall and a precision (0 when both are 0)."""
    return 2 * recall * precision / max(1e-9, recall + precision)


def recall_at_precision(p, y, precision=0.9):
    """The highest recall of `p > threshold` over all thresholds whose precision is at least `precision`."""
    order = np.argsort(-p); tp = np.cumsum(y[order]); prec = tp / np.arange(1, len(p) + 1)
    ok = prec >= precision
    return float((tp[ok] / y.sum()).max()) if ok.any() else 0.0


def best_f1_threshold(p, y):
    """(F1, threshold) of `p > threshold` with the best F1 over thresholds 0.05, 0.06, ... 0.94 (the first if tied)."""
    best = (0.0, 0.5)
    for t in np.arange(0.05, 0.95, 0.01):
        pred = p > t; tp = np.sum(pred & (y == 1)); f1 = 2 * tp / max(1, pred.sum() + y.sum())
        if f1 > best[0]: best = (float(f1), float(round(t, 2)))
    return best


def quarters(sentences):
    """Each sentence's fold, 0-3, by its place in sorted order."""
    order = {s: i % 4 for i, s in enumerate(sorted(set(sentences)))}
    return np.array([order[s] for s in sentences])


def out_of_fold(make, X, y, voices, fold, extra=None):
    """Probabilities of each word from a model (`make()`, scikit-learn) fitted without its voice and without its
    sentence quarter; `extra` = (X, y) always added to the training data."""
    p = np.full(len(y), np.nan)
    for v in sorted(set(voices)):
        for k in range(4):
            test = (voices == v) & (fold == k); train = (voices != v) & (fold != k)
            Xt, yt = X[train], y[train]
            if extra is not None:
                Xt, yt = np.r_[extra[0], Xt], np.r_[extra[1], yt]
            p[test] = make().fit(Xt, yt).predict_proba(X[test])[:, 1]
    return p
