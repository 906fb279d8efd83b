#!/usr/bin/env python3
"""Learners made from recordings of people, with every kind of error: the eighth and ninth sets' sentences read by
Festival's English voices against those sets' espeak-ng references (m1, f2, m3, with their word timings).

Voices (Debian festival, festvox-kdlpc16k, festvox-kallpc16k, festvox-us-slt-hts): ked, a diphone voice cut from one
American male speaker's recordings, a person no set, fit or classifier here has heard; kal, a diphone voice of another
American male, the speaker Flite's kal16 was cut from; slt, an HTS statistical voice trained on CMU ARCTIC's slt, the
speaker of Flite's slt. Flite takes text only; Festival takes a lexicon, which is how errors get in: a mispronounced
word is said through a made-up token (qz...) whose lexicon entry is the word's own cmulex pronunciation with one error
of make-set.py's kinds applied in Festival's phone set: final consonant deletion, cluster simplification, th -> t,
dh -> d or z, sh -> s, a stressed vowel's length or quality (iy/ih, uw/uh, ae/eh, ah -> aa, er -> aa, ey -> eh,
ow -> ao). Omitted words are left out of the text; inserted words (make-set.py's INSERT_WORDS, never the omitted
word) are put in. Festival reports every word's start and end (its Segment relation), so the truth is exact,
insertions included.

Per sentence and voice, as make-set.py's held-out items: one correct reading, two with 1-3 errors, two retests (the
correct text at another rate and sound); duration stretch 0.8-1.3, 40 % sox pitch shift of 100-300 cents, 30 % reverb,
50 % white or pink noise at 15-35 dB SNR, 0.1-1.0 s silence before and after; all draws seeded per sentence and voice,
sox with -R, so a rebuild repeats itself.

With --fit: fit data for model v17, kept apart from the test readings in sentences and in voice: the 48 fit-only
sentences of --fit2 against --fit2's references, read by kal and slt only (ked stays unheard), one correct reading and
two with errors per sentence and voice, every item a fit item.

With --set10: the tenth set's sentences against its references (all three voices), built before model v18 existed,
to judge it (prereg-v18.md); --set11 the same with the eleventh set's, to judge v19 (prereg-v19.md); --set12 the
twelfth set's, to judge v20 (prereg-v20.md); --set13 the thirteenth set's, to judge v21 (prereg-v21.md); --set16 the
sixteenth set's, to judge v24 (prereg-v24.md); --set21 and --set22 the twenty-first's and twenty-second's, to judge
v28 (prereg-v28.md); --set23 and --set24 the twenty-third's and twenty-fourth's, to judge v29 (prereg-v29.md);
--set25 and --set26 the twenty-fifth's and twenty-sixth's, to judge v31 (prereg-v31.md).
--set27 and --set28 the twenty-seventh's and twenty-eighth's, to judge v32 (prereg-v32.md).

With --fit-more: more fit data for model v20, as --fit but other sentences and more errors: the main set's fit
sentences (23 of its 24: one has a word Festival's lexicon lacks) and --fit2's 48 again with new draws (other ids, so
other seeds), read by kal and slt, one correct reading and four with errors per sentence and voice (710 items), every
item a fit item.

Usage: make-festival-set.py OUTDIR [--fit | --fit-more | --set10 | --set11 | --set12 | --set13 | --set16 | --set21 | --set22 | --set23 | --set24 | --set25 | --set26 | --set27 | --set28]   (needs bench/data/pronunciation-set8 and -set9, or with --fit
        bench/data/pronunciation-fit2, with --fit-more that and bench/data/pronunciation, with --set10 ... --set16 that set; writes OUTDIR/manifest.json in make-set.py's item format, split "test" or "fit")
"""
import importlib.util, json, os, random, re, subprocess, sys, tempfile

from evaluation import sentences_with_references

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
spec = importlib.util.spec_from_file_location("make_set", os.path.join(HERE, "make-set.py"))
make_set = importlib.util.module_from_spec(spec); spec.loader.exec_module(make_set)

VOICES = {"ked": "voice_ked_diphone", "kal": "voice_kal_diphone", "slt": "voice_cmu_us_slt_arctic_hts"}
SETS = [("pronunciation-set8", "sentences-set8.txt", "a", "s"), ("pronunciation-set9", "sentences-set9.txt", "b", "s")]
FIT_SETS = [("pronunciation-fit2", "sentences-fit2.txt", "c", "x")]
SET10_SETS = [("pronunciation-set10", "sentences-set10.txt", "d", "s")]
SET11_SETS = [("pronunciation-set11", "sentences-set11.txt", "e", "s")]
SET12_SETS = [("pronunciation-set12", "sentences-set12.txt", "f", "s")]
SET13_SETS = [("pronunciation-set13", "sentences-set13.txt", "i", "s")]
SET16_SETS = [("pronunciation-set16", "sentences-set16.txt", "j", "s")]
SET21_SETS = [("pronunciation-set21", "sentences-set21.txt", "k", "s")]
SET22_SETS = [("pronunciation-set22", "sentences-set22.txt", "m", "s")]
SET23_SETS = [("pronunciation-set23", "sentences-set23.txt", "n", "s")]
SET24_SETS = [("pronunciation-set24", "sentences-set24.txt", "p", "s")]
SET25_SETS = [("pronunciation-set25", "sentences-set25.txt", "q", "s")]
SET26_SETS = [("pronunciation-set26", "sentences-set26.txt", "r", "s")]
SET27_SETS = [("pronunciation-set27", "sentences-set27.txt", "t", "s")]
SET28_SETS = [("pronunciation-set28", "sentences-set28.txt", "u", "s")]
# The test sets other than the first, by the flag that chooses them.
HELD_OUT_SETS = {"--set10": SET10_SETS, "--set11": SET11_SETS, "--set12": SET12_SETS, "--set13": SET13_SETS, "--set16": SET16_SETS, "--set21": SET21_SETS,
                 "--set22": SET22_SETS, "--set23": SET23_SETS, "--set24": SET24_SETS,
                 "--set25": SET25_SETS, "--set26": SET26_SETS,
                 "--set27": SET27_SETS, "--set28": SET28_SETS}
FIT_MORE_SETS = [("pronunciation", "sentences.txt", "g", "s"), ("pronunciation-fit2", "sentences-fit2.txt", "h", "x")]
FIT_VOICES = ["kal", "slt"]
VOWELS = {"aa", "ae", "ah", "ao", "aw", "ax", "ay", "eh", "er", "ey", "ih", "iy", "ow", "oy", "uh", "uw"}
VOWEL_SWAP = {"iy": "ih", "ih": "iy", "uw": "uh", "uh": "uw", "ae": "eh", "eh": "ae", "ah": "aa", "er": "aa",
              "ey": "eh", "ow": "ao"}


def parse(text):
    """One Lisp form as printed by Festival -> nested Python lists of strings."""
    tokens = re.findall(r'\(|\)|"(?:[^"\\]|\\.)*"|[^\s()]+', text)
    def form(i):
        if tokens[i] == "(":
            out, i = [], i + 1
            while tokens[i] != ")":
                x, i = form(i); out.append(x)
            return out, i + 1
        return tokens[i].strip('"'), i + 1
    return form(0)[0]


def festival(script):
    with tempfile.NamedTemporaryFile("w", suffix=".scm", delete=False) as f:
        f.write(script)
    try:
        return subprocess.run(["festival", "-b", f.name], check=True, capture_output=True, text=True).stdout
    finally:
        os.remove(f.name)


def pronunciations(voice, words):
    """word -> syllables [(phones, stress)] from the voice's lexicon."""
    script = f"({VOICES[voice]})\n" + "".join(f'(print (lex.lookup "{w}" nil))\n' for w in words)
    entries = [parse(line) for line in festival(script).splitlines() if line.startswith("(")]
    return {e[0].lower(): [(list(s[0]), s[1]) for s in e[2]] for e in entries if e[2] != "nil"}


def mutate(syllables, kind, rng):
    """One error of make-set.py's kind in Festival's phones; None where the word has no place for it."""
    flat = [(si, p) for si, (phones, _) in enumerate(syllables) for p in phones]
    stress = [st for _, st in syllables]
    vowel = lambda p: p in VOWELS
    new = None
    if kind == "final_deletion" and len(flat) >= 2 and not vowel(flat[-1][1]):
        new = flat[:-1]
    elif kind == "cluster":
        for i in range(len(flat) - 1):
            if not vowel(flat[i][1]) and not vowel(flat[i + 1][1]) and flat[i][1] not in ("hh", "y"):
                drop = i if i == 0 else i + 1
                if drop == len(flat) - 1 and len(flat) > 2:
                    drop = i   # keep a final consonant: cluster reduction, not final deletion
                new = flat[:drop] + flat[drop + 1:]
                break
    elif kind in ("th", "dh", "sh"):
        src = kind
        if any(p == src for _, p in flat):
            dst = {"th": "t", "sh": "s"}.get(kind) or rng.choice(["d", "z"])
            new = [(si, dst if p == src else p) for si, p in flat]
    elif kind == "vowel":
        idx = [i for i, (_, p) in enumerate(flat) if p in VOWEL_SWAP]
        stressed = [i for i in idx if stress[flat[i][0]] == "1"] or idx
        if stressed:
            new = list(flat); si, p = new[stressed[0]]; new[stressed[0]] = (si, VOWEL_SWAP[p])
    if new is None:
        return None
    return [([p for s, p in new if s == si], stress[si]) for si in range(len(syllables)) if any(s == si for s, _ in new)]


def lisp(syllables):
    return "(" + " ".join(f"(({' '.join(phones)}) {st})" for phones, st in syllables) + ")"


def token_name(n):
    letters = ""
    while True:
        letters = chr(ord("a") + n % 26) + letters; n //= 26
        if n == 0:
            return "qz" + letters


def plan_item(words, lexicon, kind, rng, counter):
    """Tokens Festival reads, lexicon entries for them, the word truth and each token's truth index (-1: inserted)."""
    truth = [{"word": w, "status": "ok"} for w in words]
    tokens, origin, entries = list(words), list(range(len(words))), []
    if kind != "errors":
        return tokens, origin, entries, truth
    for wi in rng.sample(range(len(words)), min(rng.choice([1, 2, 3]), len(words))):
        kinds = make_set.KINDS + ["omission"]
        rng.shuffle(kinds)
        for kd in kinds:
            if kd == "omission":
                if not any(t["status"] == "omitted" for t in truth):
                    truth[wi].update(status="omitted", error="omission"); break
                continue
            new = mutate(lexicon[words[wi]], kd, rng)
            if new and new != lexicon[words[wi]]:
                name = token_name(next(counter))
                entries.append(f'(lex.add.entry \'("{name}" nil {lisp(new)}))')
                tokens[wi] = name
                truth[wi].update(status="mispronounced", error=kd, phonemes=" ".join(p for ph, _ in new for p in ph),
                                 canonical=" ".join(p for ph, _ in lexicon[words[wi]] for p in ph))
                break
    keep = [i for i in range(len(words)) if truth[i]["status"] != "omitted"]
    tokens, origin = [tokens[i] for i in keep], keep
    gone = [words[i] for i in range(len(words)) if truth[i]["status"] == "omitted"]
    if rng.random() < 0.35:
        pos = rng.randrange(1, len(tokens))
        tokens.insert(pos, rng.choice([w for w in make_set.INSERT_WORDS if w not in gone])); origin.insert(pos, -1)
    return tokens, origin, entries, truth


def fit_sentence_ids(data):
    """Ids of the sentences that set DATA (bench/data/DATA) reads in its fit split only."""
    items = json.load(open(os.path.join(ROOT, "bench", "data", data, "manifest.json")))["items"]
    return {i["sentence"] for i in items if i["split"] == "fit"} - {i["sentence"] for i in items if i["split"] != "fit"}


def main():
    flags = sys.argv[2:]
    out, more = sys.argv[1], "--fit-more" in flags
    fit = more or "--fit" in flags
    split = "fit" if fit else "test"
    os.makedirs(out, exist_ok=True)
    chosen = (FIT_MORE_SETS if more else FIT_SETS if fit else
              next((sets for flag, sets in HELD_OUT_SETS.items() if flag in flags), SETS))
    sentences = []
    for data, sentence_file, prefix, sentence_prefix in chosen:
        fit_only = fit_sentence_ids(data)
        sentences += [(prefix + sid, words, references)
                      for sid, _, words, references in sentences_with_references(data, sentence_file, sentence_prefix)
                      if not fit or sid in fit_only]
    vocabulary = sorted({w for _, words, _ in sentences for w in words} | set(make_set.INSERT_WORDS))
    if more:   # a word the lexicon lacks ("patient's") has nothing to mutate: its sentence is left out
        known = pronunciations(FIT_VOICES[0], vocabulary)
        sentences = [s for s in sentences if all(w in known for w in s[1])]
    # Festival reads a possessive as two tokens ("boy's" -> boy, 's), which the word truth cannot follow: such a
    # sentence is left out (the sixteenth set's "the boy's scraped knee"; no earlier set has one).
    sentences = [s for s in sentences if not any("'" in w for w in s[1])]
    items, counter = [], iter(range(1 << 30))
    voices = FIT_VOICES if fit else list(VOICES)
    kinds = ([("correct", 0)] + [("errors", k) for k in range(1, 5 if more else 3)] +
             ([] if fit else [("retest", 1), ("retest", 2)]))
    for voice in voices:
        lexicon = pronunciations(voice, vocabulary)
        plans = []
        for sid, words, references in sentences:
            rng = random.Random(f"festival-{sid}-{voice}")
            for kind, k in kinds:
                tokens, origin, entries, truth = plan_item(words, lexicon, kind, rng, counter)
                effects = []
                if rng.random() < 0.4:
                    effects += ["pitch", str(rng.choice([-1, 1]) * rng.randint(100, 300))]
                if rng.random() < 0.3:
                    effects += ["reverb", str(rng.randint(20, 50)), "50", "60"]
                noise = (round(rng.uniform(15, 35), 1), rng.choice(["white", "pink"])) if rng.random() < 0.5 else None
                plans.append(dict(id=f"{sid}-{voice}-{kind}{k}", sid=sid, kind=kind, tokens=tokens, origin=origin,
                                  entries=entries, truth=truth, references=references, effects=effects, noise=noise,
                                  stretch=round(rng.uniform(0.8, 1.3), 3), lead=round(rng.uniform(0.1, 1.0), 3),
                                  trail=round(rng.uniform(0.1, 1.0), 3), noise_rng=random.Random(f"noise-{sid}-{voice}-{kind}{k}")))
        script = [f"({VOICES[voice]})"]
        for p in plans:
            script += p["entries"] + [
                f"(Parameter.set 'Duration_Stretch {p['stretch']})",
                f'(set! utt (utt.synth (Utterance Text "{" ".join(p["tokens"])}.")))',
                f'(utt.save.wave utt "{os.path.join(out, p["id"] + ".raw.wav")}" \'riff)',
                f'(format t "item {p["id"]}\\n")',
                "(mapcar (lambda (w) (format t \"word %s %f %f\\n\" (item.name w)"
                " (item.feat w \"R:SylStructure.daughter1.daughter1.segment_start\")"
                " (item.feat w \"R:SylStructure.daughtern.daughtern.segment_end\"))) (utt.relation.items utt 'Word))"]
        timings, current = {}, None
        for line in festival("\n".join(script) + "\n").splitlines():
            f = line.split()
            if f and f[0] == "item":
                current = f[1]; timings[current] = []
            elif f and f[0] == "word":
                timings[current].append((f[1], float(f[2]), float(f[3])))
        for p in plans:
            said = timings[p["id"]]
            assert [w for w, _, _ in said] == [t.lower() for t in p["tokens"]], (p["id"], said, p["tokens"])
            raw, wav = (os.path.join(out, p["id"] + ext) for ext in (".raw.wav", ".wav"))
            subprocess.run(["sox", "-R", raw, "-r", "16000", "-c", "1", wav] + p["effects"] +
                           ["pad", str(p["lead"]), str(p["trail"])], check=True, capture_output=True)
            os.remove(raw)
            if p["noise"]:
                make_set.add_noise(wav, p["noise"][0], p["noise"][1], p["noise_rng"])
            truth = p["truth"]
            for (token, start, end), o in zip(said, p["origin"]):
                entry = {"start_s": round(start + p["lead"], 4), "end_s": round(end + p["lead"], 4)}
                if o >= 0:
                    truth[o].update(entry)
                else:
                    truth.append({"word": token, "status": "inserted", "error": "insertion", **entry})
            items.append({"id": p["id"], "split": split, "sentence": p["sid"], "voice": voice, "kind": p["kind"],
                          "group": f"{p['sid']}-{voice}", "learner": os.path.relpath(wav, ROOT),
                          "references": p["references"], "duration_stretch": p["stretch"], "effects": p["effects"],
                          "noise": p["noise"], "errors": sum(1 for t in truth if t["status"] != "ok"), "words": truth})
        print(f"{voice}: {len(items)} items so far", file=sys.stderr)
    json.dump({"reference_voices": ["m1", "f2", "m3"], "fit_voices": voices if fit else [],
               "test_voices": [] if fit else voices, "items": items},
              open(os.path.join(out, "manifest.json"), "w"), indent=1)
    print(f"{len(items)} learner items in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
