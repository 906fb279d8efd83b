#!/usr/bin/env python3
"""Measures word evidence designs on the pronunciation set: calibrations fitted on the FIT split (as
fit-calibration.py does: word logistic, omission logistic, F1 thresholds), applied to the TEST split.
Utterance scores are recomputed from the new word scores/statuses (accuracy = mean score of realised words,
completeness = realised share); fluency, intonation, rhythm and the overall weights are the shipped ones
from the test sections, so the current system goes through the same recomputation (row "current (recomputed)").
Usage: gop-eval.py MANIFEST FIT_SECTIONS TEST_SECTIONS GOP_PREFIX MODEL.json [--fit-only]
"""
import json, os, sys, warnings
warnings.filterwarnings("ignore")
import numpy as np
from scipy.stats import spearmanr
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluation import load_rows, word_table

BASE = ["mean", "peak", "log_duration", "shortening"]
DESIGNS = {
    "current (recomputed)": (BASE, ["log_duration", "mean"]),
    "+ gop_min": (BASE + ["gop_min"], ["log_duration", "mean"]),
    "+ gop_min, gop_mean": (BASE + ["gop_min", "gop_mean"], ["log_duration", "mean"]),
    "+ d_gop_min, d_gop_mean": (BASE + ["d_gop_min", "d_gop_mean"], ["log_duration", "mean"]),
    "+ gop_min, gop_mean, ref_gop_min, ref_gop_mean": (BASE + ["gop_min", "gop_mean", "ref_gop_min", "ref_gop_mean"], ["log_duration", "mean"]),
    "+ lpp, lpp_min": (BASE + ["lpp", "lpp_min"], ["log_duration", "mean"]),
    "+ gop_min, gop_mean (omission too)": (BASE + ["gop_min", "gop_mean"], ["log_duration", "mean", "gop_mean", "lpp"]),
    "+ d_gop_min, d_gop_mean (omission too)": (BASE + ["d_gop_min", "d_gop_mean"], ["log_duration", "mean", "d_gop_mean", "d_lpp"]),
    "gop only: gop_min, gop_mean, log_duration": (["gop_min", "gop_mean", "log_duration", "shortening"], ["log_duration", "mean"]),
}


def table(manifest, evidence, gop_path):
    items, rows = load_rows(manifest, evidence)
    t = word_table(items, rows)
    g = json.load(open(gop_path))
    assert len(g) == len(t)
    for w, e in zip(t, g):
        w.update(e); w["shortening"] = min(0.0, w["log_duration"])
    return items, rows, t


def matrix(t, names):
    return np.array([[w[n] for n in names] for w in t], float)


def fit(t, word_names, om_names):
    status = np.array([w["status"] for w in t])
    sel = (status == "ok") | (status == "mispronounced")
    X = matrix(t, word_names)
    mu, sd = X.mean(0), X.std(0) + 1e-9
    word = LogisticRegression(C=1.0, max_iter=2000).fit(((X - mu) / sd)[sel], status[sel] == "mispronounced")
    Xo = matrix(t, om_names); muo, sdo = Xo.mean(0), Xo.std(0) + 1e-9
    yo = status == "omitted"
    om = LogisticRegression(C=1.0, max_iter=2000).fit((Xo - muo) / sdo, yo)
    po = om.predict_proba((Xo - muo) / sdo)[:, 1]
    best_om = max(((2 * np.sum((po > th) & yo) / max(1, np.sum(po > th) + yo.sum()), th) for th in np.arange(0.05, 0.95, 0.01)))
    score = 100 * (1 - word.predict_proba((X - mu) / sd)[:, 1])
    y = status == "mispronounced"
    best = max(((2 * np.sum((score < th) & y & sel) / max(1, np.sum((score < th) & sel) + np.sum(y & sel)), th) for th in np.arange(5, 95, 0.5)))
    return dict(word=word, mu=mu, sd=sd, om=om, muo=muo, sdo=sdo, om_th=best_om[1], mis_th=best[1], names=(word_names, om_names))


def apply(m, t):
    X = matrix(t, m["names"][0]); Xo = matrix(t, m["names"][1])
    score = 100 * (1 - m["word"].predict_proba((X - m["mu"]) / m["sd"])[:, 1])
    po = m["om"].predict_proba((Xo - m["muo"]) / m["sdo"])[:, 1]
    pred = np.where(po > m["om_th"], "omitted", np.where(score < m["mis_th"], "mispronounced", "ok"))
    score = np.where(pred == "omitted", 0.0, score)
    return score, pred


def measure(items, rows, t, score, pred, weights):
    status = np.array([w["status"] for w in t])
    sel = (status == "ok") | (status == "mispronounced")
    auc = roc_auc_score(status[sel] == "mispronounced", 100 - score[sel])
    tp = np.sum((pred == "omitted") & (status == "omitted"))
    res = dict(auc=auc, om_r=tp / max(1, np.sum(status == "omitted")), om_p=tp / max(1, np.sum(pred == "omitted")),
               mis_r=np.sum((pred == "mispronounced") & (status == "mispronounced")) / max(1, np.sum(status == "mispronounced")),
               ok_flag=np.sum((pred != "ok") & (status == "ok")) / max(1, np.sum(status == "ok")))
    ids = np.array([w["id"] for w in t])
    overall, errors, groups = [], [], {}
    if rows and "section" in rows[0]:
        for r in rows:
            it = items[r["id"]]; s = r["section"]; k = ids == r["id"]
            realised = pred[k] != "omitted"
            acc = float(np.mean(score[k][realised])) if realised.any() else 0.0
            comp = 100.0 * realised.mean()
            parts = {"accuracy": acc, "completeness": comp, "fluency": s["fluency"], "intonation": s["intonation"], "rhythm": s["rhythm"]}
            num = sum(weights[n] * v for n, v in parts.items() if v is not None)
            den = sum(weights[n] for n, v in parts.items() if v is not None)
            o = num / den
            if it["kind"] in ("correct", "errors"):
                overall.append(o); errors.append(it["errors"])
            if it["kind"] in ("correct", "retest"):
                groups.setdefault(it["group"], []).append(o)
        res["rho"] = spearmanr(overall, errors).correlation
        res["sd"] = float(np.sqrt(np.mean([np.var(v, ddof=1) for v in groups.values() if len(v) > 1])))
    return res


def main():
    manifest, fit_ev, test_sections, prefix, model_path = sys.argv[1:6]
    fit_only = "--fit-only" in sys.argv
    weights = json.load(open(model_path))["overall_weights"]
    fi, fr, ft = table(manifest, fit_ev, prefix + "-fit.json")
    ti, tr, tt = table(manifest, test_sections, prefix + "-test.json")
    print(f"{'design':52s} fit {'AUC':>6s} {'omR':>6s} {'omP':>6s} {'rho':>7s} | test {'AUC':>6s} {'omR':>6s} {'omP':>6s} {'misR':>6s} {'okFl':>6s} {'rho':>7s} {'SD':>5s}")
    for name, (wn, on) in DESIGNS.items():
        m = fit(ft, wn, on)
        fs, fp = apply(m, ft)
        f = measure(fi, fr, ft, fs, fp, weights)
        line = f"{name:52s} fit {f['auc']:6.3f} {f['om_r']:6.3f} {f['om_p']:6.3f} {f.get('rho', float('nan')):7.3f} |"
        if not fit_only:
            s, p = apply(m, tt)
            r = measure(ti, tr, tt, s, p, weights)
            line += f" {r['auc']:6.3f} {r['om_r']:6.3f} {r['om_p']:6.3f} {r['mis_r']:6.3f} {r['ok_flag']:6.3f} {r['rho']:7.3f} {r['sd']:5.2f}"
        print(line)
    # raw single-feature AUCs on fit (mispronounced vs ok; lower evidence = worse for gop/lpp)
    status = np.array([w["status"] for w in ft]); sel = (status == "ok") | (status == "mispronounced")
    y = status[sel] == "mispronounced"
    print("raw fit AUC:", ", ".join(f"{n} {roc_auc_score(y, (-1 if ('gop' in n or 'lpp' in n) else 1) * matrix(ft, [n])[sel, 0]):.3f}"
                                    for n in ["mean", "peak", "gop_min", "gop_mean", "lpp", "lpp_min", "d_gop_min", "d_gop_mean", "d_lpp"]))
    by = {}
    for w in ft:
        if w["status"] == "mispronounced":
            by.setdefault(w["error"], []).append(w)
    ok = [w for w in ft if w["status"] == "ok"]
    for err, ws in sorted(by.items()):
        yy = np.r_[np.ones(len(ws)), np.zeros(len(ok))]
        print(f"  fit {err:15s} n={len(ws):4d} AUC mean {roc_auc_score(yy, [w['mean'] for w in ws + ok]):.3f} "
              f"gop_min {roc_auc_score(yy, [-w['gop_min'] for w in ws + ok]):.3f}")


if __name__ == "__main__":
    main()
