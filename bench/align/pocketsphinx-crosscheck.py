#!/usr/bin/env python3
"""Cross-check on human speech: the real recordings of AudioFixtures/real have no true word timings, so the
aligner is compared with an independent forced aligner, PocketSphinx (CMU Sphinx en-us acoustic model and
dictionary, Debian pocketsphinx + pocketsphinx-en-us) decoding with a JSGF grammar of exactly the text
(`-time yes` gives word times). Agreement, not accuracy: PocketSphinx has its own errors.
Writes a manifest for speakwell-bench-align and, per recording, PocketSphinx's word times as truth.
Usage: pocketsphinx-crosscheck.py OUTDIR   (prints nothing; OUTDIR/real.json)
"""
import glob, json, os, re, subprocess, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MODEL = "/usr/share/pocketsphinx/model/en-us"


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    items = []
    for truth_path in sorted(glob.glob(os.path.join(ROOT, "AudioFixtures/real/*.truth.json"))):
        truth = json.load(open(truth_path))
        wav = truth_path[: -len(".truth.json")]
        text = truth.get("text")
        if not text:
            continue
        words = [w for w in re.findall(r"[A-Za-z']+", text)]
        pcm = os.path.join(out, os.path.basename(wav) + ".16k.wav")
        subprocess.run(["sox", wav, "-r", "16000", "-c", "1", "-b", "16", pcm], check=True)
        gram = os.path.join(out, os.path.basename(wav) + ".gram")
        with open(gram, "w") as f:
            f.write("#JSGF V1.0;\ngrammar g;\npublic <s> = " + " ".join(w.lower() for w in words) + ";\n")
        run = subprocess.run(["pocketsphinx_continuous", "-infile", pcm, "-jsgf", gram, "-time", "yes",
                              "-hmm", os.path.join(MODEL, "en-us"), "-dict", os.path.join(MODEL, "cmudict-en-us.dict")],
                             capture_output=True, text=True)
        timed = []
        for line in run.stdout.splitlines():
            parts = line.split()
            if len(parts) == 4 and re.fullmatch(r"[0-9.]+", parts[1]) and not parts[0].startswith(("<", "[")):
                timed.append({"word": re.sub(r"\(\d+\)$", "", parts[0]), "start_s": float(parts[1]), "end_s": float(parts[2])})
        if [w["word"] for w in timed] != [w.lower() for w in words]:
            continue  # PocketSphinx did not decode the whole text: no reference for this recording
        for w, label in zip(timed, words):
            w["word"] = label
        items.append({"id": os.path.basename(wav), "split": "real", "voice": "human", "noise": None, "wav": wav,
                      "text": text, "words": timed})
    json.dump({"items": items}, open(os.path.join(out, "real.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
