#!/usr/bin/env python3
"""Experiment (not the product): word goodness from PocketSphinx's en-us acoustic model, which was trained on human
speech, to see whether a human-trained phone model would spare native readings the false flags of our espeak-ng-trained
classifier while still separating the injected errors of the synthetic sets.

Per reading, two PocketSphinx passes (Debian pocketsphinx + pocketsphinx-en-us, its command line tool):
  forced: a JSGF grammar of exactly the expected words gives each word's frames and acoustic score;
  free:   a context-independent phone loop (`-allphone_ci`) gives the best phone sequence and its acoustic scores.
Word goodness = (forced score of the word - free-loop score over the same frames) / frames, the classic form of Witt
& Young (2000) with the free loop as the competitor (scores in PocketSphinx's log units, about 0.1 nat each).
Prints, per set: ROC AUC of -goodness for mispronounced vs ok words, the same for omitted vs said words, and the median
goodness of ok words, next to the same figures from the product's own evidence (`aligned_gop_mean`) of the given run.
With --dump DIR, each set's per-word goodness is also written to DIR/NAME-SPLIT.jsonl ({"id", "goodness": [...]}).
With --from-dump DIR, the goodness is read from such files instead of decoding (e.g. the ones
`speakwell-bench-pronunciation sphinx-goodness` writes from the same model read in Swift).
Usage: pocketsphinx-gop.py [--dump DIR | --from-dump DIR] MANIFEST SPLIT EVIDENCE.jsonl [MANIFEST SPLIT EVIDENCE.jsonl ...]
"""
import json, os, re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
import numpy as np
from sklearn.metrics import roc_auc_score

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MODEL = "/usr/share/pocketsphinx/model/en-us"


def backtrace(args):
    run = subprocess.run(["pocketsphinx_continuous", "-hmm", f"{MODEL}/en-us", "-backtrace", "yes"] + args,
                         capture_output=True, text=True)
    rows, inside = [], False
    for line in (run.stdout + run.stderr).splitlines():
        if line.startswith("word ") and "ascr" in line:
            inside, rows = True, []
            continue
        parts = line.split()
        if inside and len(parts) >= 5 and re.fullmatch(r"-?\d+", parts[1] or "") and re.fullmatch(r"-?\d+", parts[4]):
            rows.append((parts[0], int(parts[1]), int(parts[2]), int(parts[4])))
        elif inside and rows:
            inside = False
    return rows


def word_goodness(wav, words, work):
    gram = os.path.join(work, os.path.basename(wav) + ".gram")
    with open(gram, "w") as f:
        f.write("#JSGF V1.0;\ngrammar g;\npublic <s> = " + " ".join(words) + ";\n")
    # Wide beams: with the defaults the grammar search loses the path on about a fifth of the readings.
    forced = [r for r in backtrace(["-infile", wav, "-dict", f"{MODEL}/cmudict-en-us.dict", "-jsgf", gram,
                                    "-beam", "1e-80", "-wbeam", "1e-60", "-pbeam", "1e-80"])
              if not r[0].startswith(("<", "["))]
    free = backtrace(["-infile", wav, "-allphone", f"{MODEL}/en-us-phone.lm.bin", "-allphone_ci", "yes",
                      "-beam", "1e-20", "-pbeam", "1e-20", "-lw", "2.0"])
    if len(forced) != len(words) or not free:
        return None
    frame_score = np.zeros(max(r[2] for r in free) + 1)
    for _, start, end, ascr in free:
        frame_score[start:end + 1] = ascr / (end - start + 1)
    out = []
    for _, start, end, ascr in forced:
        frames = end - start + 1
        out.append((ascr - frame_score[start:end + 1].sum()) / frames)
    return out


def main():
    args = sys.argv[1:]
    dump = source = None
    if args[:1] == ["--dump"]:
        dump, args = args[1], args[2:]
        os.makedirs(dump, exist_ok=True)
    elif args[:1] == ["--from-dump"]:
        source, args = args[1], args[2:]
    work = tempfile.mkdtemp(prefix="ps-gop-")
    them = "sphinx model" if source else "pocketsphinx"
    print(f"| set | readings decoded | words | AUC mispronounced ({them}) | AUC mispronounced (product) | AUC omitted ({them}) | "
          f"AUC omitted (product) | median goodness of ok words ({them}, product) |")
    print("|---|---|---|---|---|---|---|---|")
    for manifest, split, evidence in zip(args[0::3], args[1::3], args[2::3]):
        items = {i["id"]: i for i in json.load(open(manifest))["items"] if i["split"] == split}
        product = {}
        for line in open(evidence):
            r = json.loads(line)
            if "evidence" in r:
                product[r["id"]] = [u.get("aligned_gop_mean", 0.0) for u in r["evidence"]["units"]]
        ids = sorted(i for i in items if i in product)
        def one(i):
            truth = [w for w in items[i]["words"] if w["status"] != "inserted"]
            words = [re.sub(r"[^a-z']", "", w["word"].lower()) for w in truth]
            return i, truth, word_goodness(os.path.join(ROOT, items[i]["learner"]), words, work)
        status, ps, ours, decoded = [], [], [], 0
        name = os.path.basename(os.path.dirname(os.path.abspath(manifest)))
        if source:
            with open(os.path.join(source, f"{name}-{split}.jsonl")) as f:
                dumped = {r["id"]: r["goodness"] for r in map(json.loads, f)}
            def one(i):
                return i, [w for w in items[i]["words"] if w["status"] != "inserted"], dumped.get(i)
        out = open(os.path.join(dump, f"{name}-{split}.jsonl"), "w") if dump else None
        with ThreadPoolExecutor(max_workers=2) as pool:
            for i, truth, g in pool.map(one, ids):
                if out:
                    out.write(json.dumps({"id": i, "goodness": g}) + "\n")
                if g is None:
                    continue
                decoded += 1
                status += [w["status"] for w in truth]; ps += g; ours += product[i]
        status, ps, ours = np.array(status), np.array(ps), np.array(ours)
        said = status != "omitted"; mis = (status == "ok") | (status == "mispronounced")
        def auc(mask, positive, x):
            y = positive[mask]
            return roc_auc_score(y, -x[mask]) if 0 < y.sum() < len(y) else float("nan")
        print(f"| {name} {split} | {decoded} of {len(ids)} | {len(status)} | "
              f"{auc(mis, status == 'mispronounced', ps):.3f} | {auc(mis, status == 'mispronounced', ours):.3f} | "
              f"{auc(np.ones_like(said), ~said, ps):.3f} | {auc(np.ones_like(said), ~said, ours):.3f} | "
              f"{np.median(ps[status == 'ok']):.1f}, {np.median(ours[status == 'ok']):.2f} |")


if __name__ == "__main__":
    main()
