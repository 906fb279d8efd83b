#!/usr/bin/env python3
"""Human speech for the pronunciation bench: the only English read speech with transcripts that installs here
(SPEC "AudioFixtures"), each recording read correctly by a native speaker, plus copies with one word cut out
(an omission) or one word spliced in (an insertion), so that the bench measures on human voices what it can:
how many correctly said words get flagged, and how well cut-out and spliced-in words are found.

Sources (all read correctly; the transcripts come with the packages):
  - Debian pocketsphinx-testdata: five LibriVox sentences (one male reader, "Sense and Sensibility"), five
    "cards" phrases and "go forward ten meters" (the latter as AudioFixtures/real/goforward.wav);
  - PyPI pysptk (in the bench venv): CMU ARCTIC awb arctic_a0007 (a Scottish English male speaker).
Word times come from an independent forced aligner, PocketSphinx (Debian pocketsphinx-en-us, trained on human
speech), decoding a JSGF grammar of exactly the text; a recording it cannot decode whole is left out.
Omissions: every word of every recording in turn, cut at PocketSphinx's boundaries with a 5 ms crossfade, so the
truth is "not said" only as far as those boundaries are right (a boundary 10-20 ms off leaves a fragment of the
word, or takes one of its neighbour). Insertions: the longest word of the next recording of the same source
spliced in at the middle word boundary. No errors are injected into the words themselves: a human
mispronunciation needs a human saying it.

Off task (split "offtask"): each correct reading scored against another reading's text, which any scorer must score
low whatever the voice (the failure this catches: normalising a reading's evidence until wrong words look right).

Word pairs (split "pairs", when Debian klettres-data is installed: bench/apt-packages.txt): the 16 words that KDE
KLettres has from both its US and its British English speaker, each read by one scored against the other's recording as
the model (a teacher's recording, one reference, another accent), and the same with another word of the learner's
spliced in before it (an insertion). Single words in a children's game's recordings, with breaths and clicks around
them: the case of a word-practice exercise.

Usage: make-human-set.py OUTDIR   (writes OUTDIR/manifest.json in make-set.py's item format: split "human",
        kind "correct" | "errors"; each item's references[0] is the recording it was made from, whose
        NAME.words.json sidecar gives the prompt; bench/pronunciation/run scores them against synthetic references)
"""
import json, os, re, subprocess, sys
import numpy as np
import soundfile as sf

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MODEL = "/usr/share/pocketsphinx/model/en-us"
TESTDATA = "/usr/share/pocketsphinx/test/data"
RATE = 16000
CROSSFADE_S = 0.005


def sources():
    """(id, group, path, text) of every correct human reading available here."""
    out = []
    for line in open(f"{TESTDATA}/librivox/transcription"):
        m = re.match(r"<s> (.*) </s> \((.*)\)", line.strip())
        out.append((f"librivox-{m.group(2)[-4:]}", "librivox", f"{TESTDATA}/librivox/{m.group(2)}.wav", m.group(1)))
    for line in open(f"{TESTDATA}/cards/cards.transcription"):
        m = re.match(r"<s> (.*?) *</s> \((.*)\)", line.strip())
        out.append((f"cards-{m.group(2)}", "cards", f"{TESTDATA}/cards/{m.group(2)}.wav", m.group(1)))
    out.append(("goforward", "goforward", os.path.join(ROOT, "AudioFixtures/real/goforward.wav"), "go forward ten meters"))
    try:
        import pysptk.util
        # arctic_a0007 says "And you always want to see it in the superlative degree." (CMU ARCTIC prompt list).
        out.append(("arctic-a0007", "arctic", pysptk.util.example_audio_file(),
                    "and you always want to see it in the superlative degree"))
    except ImportError:
        print("make-human-set.py: pysptk not installed, CMU ARCTIC sentence left out", file=sys.stderr)
    return out


def pocketsphinx_words(wav, words, work):
    gram = os.path.join(work, "grammar.gram")
    with open(gram, "w") as f:
        f.write("#JSGF V1.0;\ngrammar g;\npublic <s> = " + " ".join(words) + ";\n")
    run = subprocess.run(["pocketsphinx_continuous", "-infile", wav, "-jsgf", gram, "-time", "yes",
                          "-hmm", f"{MODEL}/en-us", "-dict", f"{MODEL}/cmudict-en-us.dict"], capture_output=True, text=True)
    timed = []
    for line in run.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"[0-9.]+", parts[1]) and not parts[0].startswith(("<", "[")):
            timed.append({"word": re.sub(r"\(\d+\)$", "", parts[0]), "start_s": float(parts[1]), "end_s": float(parts[2])})
    return timed if [w["word"] for w in timed] == words else None


def splice(a, b):
    """a then b with a linear crossfade of CROSSFADE_S."""
    n = min(int(CROSSFADE_S * RATE), len(a), len(b))
    if n == 0:
        return np.concatenate([a, b])
    ramp = np.linspace(0, 1, n, endpoint=False)
    return np.concatenate([a[:-n], a[-n:] * (1 - ramp) + b[:n] * ramp, b[n:]])


def shifted(words, after_s, by_s):
    return [{**w, "start_s": round(w["start_s"] + (by_s if w["start_s"] >= after_s - 1e-9 else 0), 4),
             "end_s": round(w["end_s"] + (by_s if w["start_s"] >= after_s - 1e-9 else 0), 4)} for w in words]


def aligned_recording(source, wav, words, work):
    """`source` converted to 16 kHz mono `wav`, its words timed by PocketSphinx and written to the `NAME.words.json`
    sidecar; (timed words, samples), or None when PocketSphinx cannot decode all of `words`."""
    subprocess.run(["sox", "-R", source, "-r", str(RATE), "-c", "1", "-b", "16", wav], check=True)
    timed = pocketsphinx_words(wav, words, work)
    if timed is None:
        return None
    json.dump([{"word": w["word"], "start_s": w["start_s"], "end_s": w["end_s"]} for w in timed],
              open(wav[:-4] + ".words.json", "w"), indent=1)
    samples, _ = sf.read(wav, dtype="float32")
    return timed, samples


def word_spliced_in(samples, timed, k, word, donor, path):
    """Writes `samples` with `word` (timed in `donor`'s samples) spliced in before word `k`; its word labels."""
    piece = donor[int(round(word["start_s"] * RATE)):int(round(word["end_s"] * RATE))]
    start = timed[k]["start_s"]
    at = int(round(start * RATE))
    sf.write(path, splice(splice(samples[:at], piece), samples[at:]), RATE, subtype="PCM_16")
    length = len(piece) / RATE
    words = [{**w, "status": "ok"} for w in shifted(timed, start, length)]
    words.insert(k, {"word": word["word"], "status": "inserted", "error": "insertion",
                     "start_s": round(start, 4), "end_s": round(start + length, 4)})
    return words


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    recordings = []
    for rid, group, path, text in sources():
        wav = os.path.join(out, f"{rid}.wav")
        result = aligned_recording(path, wav, re.findall(r"[a-z']+", text.lower()), out)
        if result is None:
            print(f"make-human-set.py: PocketSphinx did not decode {rid} whole; left out", file=sys.stderr)
            continue
        recordings.append((rid, group, wav) + result)

    items = []
    def item(iid, rid, group, wav, source_wav, kind, words, errors):
        items.append({"id": iid, "split": "human", "sentence": rid, "voice": group, "kind": kind, "group": rid,
                      "learner": os.path.relpath(wav, ROOT), "references": [os.path.relpath(source_wav, ROOT)],
                      "errors": errors, "words": words})

    for index, (rid, group, wav, timed, samples) in enumerate(recordings):
        item(f"{rid}-correct", rid, group, wav, wav, "correct", [{**w, "status": "ok"} for w in timed], 0)
        for k, cut in enumerate(timed):
            a, b = int(round(cut["start_s"] * RATE)), int(round(cut["end_s"] * RATE))
            path = os.path.join(out, f"{rid}-omit{k:02d}.wav")
            sf.write(path, splice(samples[:a], samples[b:]), RATE, subtype="PCM_16")
            rest = shifted([w for j, w in enumerate(timed) if j != k], cut["end_s"], -(b - a) / RATE)
            words = [{**w, "status": "ok"} for w in rest]
            words.insert(k, {"word": cut["word"], "status": "omitted", "error": "omission"})
            item(f"{rid}-omit{k:02d}", rid, group, path, wav, "errors", words, 1)
        donors = [r for r in recordings if r[1] == group and r[0] != rid]
        if not donors:
            continue
        donor = donors[0] if index + 1 >= len(recordings) or recordings[index + 1][1] != group else recordings[index + 1]
        word = max(donor[3], key=lambda w: w["end_s"] - w["start_s"])
        path = os.path.join(out, f"{rid}-insert.wav")
        words = word_spliced_in(samples, timed, len(timed) // 2, word, donor[4], path)
        item(f"{rid}-insert", rid, group, path, wav, "errors", words, 1)
    # Off task: each correct reading scored against the text of the reading three places on (another sentence). A
    # scorer must give these low scores whatever the voice; they carry no word labels.
    for index, (rid, group, wav, timed, samples) in enumerate(recordings):
        other = recordings[(index + 3) % len(recordings)]
        items.append({"id": f"{rid}-offtask", "split": "offtask", "sentence": other[0], "voice": group, "kind": "offtask",
                      "group": rid, "learner": os.path.relpath(wav, ROOT), "references": [os.path.relpath(other[2], ROOT)],
                      "errors": None, "words": [{**w, "status": "ok"} for w in other[3]]})
    items += word_pairs(out)
    json.dump({"items": items}, open(os.path.join(out, "manifest.json"), "w"), indent=1)


def word_pairs(out):
    """KLettres' US and British readings of the same words, each scored against the other's (split "pairs")."""
    base = "/usr/share/klettres"
    if not os.path.isdir(f"{base}/en_GB/syllab"):
        print("make-human-set.py: klettres-data not installed, word pairs left out", file=sys.stderr)
        return []
    words = sorted(os.path.splitext(f)[0] for f in os.listdir(f"{base}/en/syllab") if os.path.exists(f"{base}/en_GB/syllab/{f}"))
    readings = {}
    for accent in ("en", "en_GB"):
        for word in words:
            wav = os.path.join(out, f"klettres-{accent}-{word}.wav")
            result = aligned_recording(f"{base}/{accent}/syllab/{word}.ogg", wav, [word], out)
            if result is not None:
                readings[accent, word] = (wav,) + result
    items = []
    usable = [w for w in words if ("en", w) in readings and ("en_GB", w) in readings]
    for learner_accent, model_accent in (("en_GB", "en"), ("en", "en_GB")):
        for index, word in enumerate(usable):
            wav, timed, samples = readings[learner_accent, word]
            reference = os.path.relpath(readings[model_accent, word][0], ROOT)
            common = {"split": "pairs", "sentence": word, "voice": f"klettres-{learner_accent}", "group": f"{learner_accent}-{word}",
                      "references": [reference]}
            items.append({**common, "id": f"klettres-{learner_accent}-{word}-correct", "kind": "correct", "errors": 0,
                          "learner": os.path.relpath(wav, ROOT), "words": [{**timed[0], "status": "ok"}]})
            _, other_timed, other_samples = readings[learner_accent, usable[(index + 1) % len(usable)]]
            path = os.path.join(out, f"klettres-{learner_accent}-{word}-insert.wav")
            items.append({**common, "id": f"klettres-{learner_accent}-{word}-insert", "kind": "errors", "errors": 1,
                          "learner": os.path.relpath(path, ROOT),
                          "words": word_spliced_in(samples, timed, 0, other_timed[0], other_samples, path)})
    return items


if __name__ == "__main__":
    main()
