#!/usr/bin/env python3
"""Builds the pronunciation evaluation set (deterministic; output in bench/data/pronunciation/).

References: espeak-ng en-us voices REF_VOICES, default rate, trimmed, 0.3 s lead/trail, with a
`NAME.words.json` sidecar from espeak-ng's own word events (exact by construction).
Learners: other voices, rates 130-220 wpm, base pitch 35-65, then (some) sox pitch shift, sox tempo,
reverb, additive white/pink noise at 15-35 dB SNR, 0.1-1.0 s lead/trail silence. Every learner item is
synthesised from espeak-ng phoneme input `[[...]]`, one bracket per word, so a correct reading and a
reading with injected errors differ only in the injected words. Errors (typical of Vietnamese learners of
English): final consonant deletion, cluster simplification, /th/->/t/, /dh/->/d/ or /z/, /sh/->/s/,
vowel length/quality (i:/I, u:/U, a/E, V/A:), omitted words, inserted words. Labels per word (a word inserted
at the place of the same word left out is labelled as that word said). sox runs with -R, so a rebuild repeats itself.

Split: sentences with index % 3 == 2 and voices TEST_VOICES are the held-out test split; the fit split
uses the other sentences and FIT_VOICES. Test items also have two extra correct renditions per
(sentence, voice) with another rate/noise, for test-retest.
An independent second held-out set, built by the same recipe but with other sentences
(sentences-set2.txt) and other learner voices (SET2_VOICES), every item a test item, nothing of it used
for any choice or fit:  make-set.py --set2 --out bench/data/pronunciation-set2
Extra training speech for the frame phone classifier only (never scored, never in a calibration): the FIT
sentences read by PHONE_TRAIN_VOICES, other espeak-ng variants that neither held-out set uses nor derives from
(variants sharing a test or set-2 voice's formant table are left out), one correct reading and one with
errors each, same learner recipe, no references:  make-set.py --phone-train --out bench/data/pronunciation-phones
--phone-train2: the same with 40 generated voices (PHONE_TRAIN2_VOICES, swtrain00-39; session 25):
make-set.py --phone-train2 --out bench/data/pronunciation-phones2
A teacher with another accent (with --set2): --accent en-gb-x-rp reads the same set in espeak-ng's Received
Pronunciation, references and learners alike (transcription, injected errors and synthesis in that accent), while
the scorer keeps asking espeak-ng for en-us phonemes: make-set.py --set2 --accent en-gb-x-rp --out
bench/data/pronunciation-accent. Learners who follow their teacher must not be blamed for the teacher's accent.
A third held-out set (--set3), built after model v9 was fitted: the sentences of sentences-set3.txt and learner
voices SET3_VOICES, otherwise as --set2: make-set.py --set3 --out bench/data/pronunciation-set3
A fourth held-out set (--set4), built before model v10 was scored on anything held out: sentences-set4.txt and
learner voices SET4_VOICES, otherwise as --set2: make-set.py --set4 --out bench/data/pronunciation-set4
Generated learner voices (--fit3, --set5): espeak-ng's shipped variants are nearly used up, so these kinds draw
their learner voices (GENERATED_VOICES) as variant files from the voice's name (voice_variant: vocal tract length,
formants, pitch, flutter, roughness) into a private copy of espeak-ng's data next to the set (ESPEAK_DATA_PATH for
those voices only). --fit3: the sentences of sentences-fit2.txt read by ten generated voices, every item a fit item
(item ids y00...); --set5: the sentences of sentences-set5.txt read by five other generated voices, a held-out set
like --set2: make-set.py --fit3 --out bench/data/pronunciation-fit3; make-set.py --set5 --out bench/data/pronunciation-set5.
--set6: the same with sentences-set6.txt and five more generated voices (SET6_VOICES), built to judge model v11.
--set7: the same with sentences-set7.txt and five more generated voices (SET7_VOICES), built on 2026-12-04 before model
v15 was fitted or any model scored on it, to judge v15: make-set.py --set7 --out bench/data/pronunciation-set7
--set8: the same with sentences-set8.txt and five more generated voices (SET8_VOICES), built on 2026-12-04 (session 25)
before any model was scored on it: make-set.py --set8 --out bench/data/pronunciation-set8
--set9: the same with sentences-set9.txt and five more generated voices (SET9_VOICES), built in session 25 before phone
classifier v3 or model v16 was fitted, to judge them: make-set.py --set9 --out bench/data/pronunciation-set9
--set10: the same with sentences-set10.txt and five more generated voices (SET10_VOICES), built in session 26 after model
v17 failed its rule and before model v18 was scored, to judge v18: make-set.py --set10 --out bench/data/pronunciation-set10
--set11: the same with sentences-set11.txt and five more generated voices (SET11_VOICES), built in session 26 before
model v19 was scored, to judge v19: make-set.py --set11 --out bench/data/pronunciation-set11
--set12: the same with sentences-set12.txt and five more generated voices (SET12_VOICES), built in session 27 before
model v20 was scored, to judge v20: make-set.py --set12 --out bench/data/pronunciation-set12
--set13: the same with sentences-set13.txt and five more generated voices (SET13_VOICES), built in session 27 before
model v21 was fitted, to judge v21: make-set.py --set13 --out bench/data/pronunciation-set13
--set14: the same with sentences-set14.txt and five more generated voices (SET14_VOICES), built in session 28 before
model v22 existed, to judge v22: make-set.py --set14 --out bench/data/pronunciation-set14
--set15: the same with sentences-set15.txt and five more generated voices (SET15_VOICES), built in session 28 after
v22 failed its rule and before model v23 existed, to judge v23: make-set.py --set15 --out bench/data/pronunciation-set15
--set16: the same with sentences-set16.txt and five more generated voices (SET16_VOICES), built in session 28 after
v23 became the default and before model v24 existed, to judge v24: make-set.py --set16 --out bench/data/pronunciation-set16
--set17: the same with sentences-set17.txt and five more generated voices (SET17_VOICES), built in session 29 after
the rule for model v25 was written, to judge v25: make-set.py --set17 --out bench/data/pronunciation-set17
--set18: the same with sentences-set18.txt and five more generated voices (SET18_VOICES), built in session 29 after
the rule for model v26 was written, to judge v26: make-set.py --set18 --out bench/data/pronunciation-set18
--set19, --set20: the same with sentences-set19.txt and sentences-set20.txt and five more generated voices each
(SET19_VOICES, SET20_VOICES), built in session 30 after the rule for model v27 was written, to judge v27:
make-set.py --set19 --out bench/data/pronunciation-set19 (and --set20 likewise)
--set21, --set22: the same with sentences-set21.txt and sentences-set22.txt and five more generated voices each
(SET21_VOICES, SET22_VOICES), built in session 30 after the rule for model v28 was written, to judge v28.
--set23, --set24: the same with sentences-set23.txt and sentences-set24.txt and five more generated voices each
(SET23_VOICES, SET24_VOICES), built in session 32 after the rule for model v29 was written, to judge v29.
--set25, --set26: the same with sentences-set25.txt and sentences-set26.txt and five more generated voices each
(SET25_VOICES, SET26_VOICES), built in session 32 after the rule for model v31 was written, to judge v31.
--set27, --set28: the same with sentences-set27.txt and sentences-set28.txt and five more generated voices each
(SET27_VOICES, SET28_VOICES), built in session 33 after the rule for model v32 was written, to judge v32.
--set29 ... --set32: the same with sentences-set29.txt ... sentences-set32.txt and five more generated voices each
(SET29_VOICES ... SET32_VOICES), built in session 33 after v32 became the default, to measure it on sets no fit or rule
had seen (reported, not deciding).
--fit4: fit data in which omitted words are often substituted (SUBSTITUTION_RATE: another word said in the omitted
word's slot), the sentences of sentences-fit2.txt read by ten more generated voices (FIT4_VOICES, item ids z00...),
every item a fit item: make-set.py --fit4 --out bench/data/pronunciation-fit4
More FIT data (--fit2): the sentences of sentences-fit2.txt (none in either held-out set, item ids x00...), read by
the references and the fit voices like the fit split, every item a fit item; the fit pools it with the fit split:
make-set.py --fit2 --out bench/data/pronunciation-fit2
Usage: make-set.py [--out DIR] [--synth PATH_TO_espeak-synth] [--set2 [--accent LANGUAGE] | --set3 | --set4 | --set5 | --set6 | --set7 | --set8 | --set9 | --set10 | --set11 | --set12 | --set13 | --set14 | --set15 | --set16 | --set17 | --set18 | --set19 | --set20 | --set21 | --set22 | --set23 | --set24 | --set25 | --set26 | --set27 | --set28 | --set29 | --set30 | --set31 | --set32 | --phone-train | --phone-train2 | --fit2 | --fit3 | --fit4]
"""
import argparse, json, os, random, re, shutil, subprocess, sys
import numpy as np
import soundfile as sf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
REF_VOICES = ["m1", "f2", "m3"]
FIT_VOICES = ["m2", "f1", "m4", "f3", "klatt"]
TEST_VOICES = ["m5", "f4", "m6", "m7", "klatt3"]
SET2_VOICES = ["f5", "klatt2", "klatt4", "steph", "edward"]
# The third held-out set (after v9): variants no other set or training data uses; adam is klatt mode 6, klatt5 mode 5.
SET3_VOICES = ["linda", "adam", "m8", "klatt5", "Diogo"]
# The fourth (before v10 was scored): variants no other set uses; benjamin is klatt mode 6 with its own formants,
# Gene2 has its own formant table (its namesake Gene is phone-classifier training speech), Storm is m1-like at 95 %.
SET4_VOICES = ["Henrique", "benjamin", "steph3", "Storm", "Gene2"]
# Generated voices (voice_variant): ten for fit data, five for each of the fifth, sixth and seventh held-out sets; names no
# shipped variant has.
FIT3_VOICES = [f"swfit{i:02d}" for i in range(10)]
SET5_VOICES = [f"swtest{i:02d}" for i in range(5)]
SET6_VOICES = [f"swtest{i:02d}" for i in range(5, 10)]
SET7_VOICES = [f"swtest{i:02d}" for i in range(10, 15)]
SET8_VOICES = [f"swtest{i:02d}" for i in range(15, 20)]
SET9_VOICES = [f"swtest{i:02d}" for i in range(20, 25)]
SET10_VOICES = [f"swtest{i:02d}" for i in range(25, 30)]
SET11_VOICES = [f"swtest{i:02d}" for i in range(30, 35)]
SET12_VOICES = [f"swtest{i:02d}" for i in range(35, 40)]
SET13_VOICES = [f"swtest{i:02d}" for i in range(40, 45)]
SET14_VOICES = [f"swtest{i:02d}" for i in range(45, 50)]
SET15_VOICES = [f"swtest{i:02d}" for i in range(50, 55)]
SET16_VOICES = [f"swtest{i:02d}" for i in range(55, 60)]
SET17_VOICES = [f"swtest{i:02d}" for i in range(60, 65)]
SET18_VOICES = [f"swtest{i:02d}" for i in range(65, 70)]
SET19_VOICES = [f"swtest{i:02d}" for i in range(70, 75)]
SET20_VOICES = [f"swtest{i:02d}" for i in range(75, 80)]
SET21_VOICES = [f"swtest{i:02d}" for i in range(80, 85)]
SET22_VOICES = [f"swtest{i:02d}" for i in range(85, 90)]
SET23_VOICES = [f"swtest{i:02d}" for i in range(90, 95)]
SET24_VOICES = [f"swtest{i:02d}" for i in range(95, 100)]
SET25_VOICES = [f"swtest{i:02d}" for i in range(100, 105)]
SET26_VOICES = [f"swtest{i:02d}" for i in range(105, 110)]
SET27_VOICES = [f"swtest{i:02d}" for i in range(110, 115)]
SET28_VOICES = [f"swtest{i:02d}" for i in range(115, 120)]
SET29_VOICES = [f"swtest{i:02d}" for i in range(120, 125)]
SET30_VOICES = [f"swtest{i:02d}" for i in range(125, 130)]
SET31_VOICES = [f"swtest{i:02d}" for i in range(130, 135)]
SET32_VOICES = [f"swtest{i:02d}" for i in range(135, 140)]
FIT4_VOICES = [f"swfit{i:02d}" for i in range(10, 20)]
PHONE_TRAIN2_VOICES = [f"swtrain{i:02d}" for i in range(40)]
GENERATED_VOICES = set(FIT3_VOICES + FIT4_VOICES + PHONE_TRAIN2_VOICES + SET5_VOICES + SET6_VOICES + SET7_VOICES + SET8_VOICES + SET9_VOICES + SET10_VOICES + SET11_VOICES + SET12_VOICES + SET13_VOICES + SET14_VOICES + SET15_VOICES + SET16_VOICES + SET17_VOICES + SET18_VOICES + SET19_VOICES + SET20_VOICES + SET21_VOICES + SET22_VOICES + SET23_VOICES + SET24_VOICES + SET25_VOICES + SET26_VOICES + SET27_VOICES + SET28_VOICES + SET29_VOICES + SET30_VOICES + SET31_VOICES + SET32_VOICES)
VOICE_DATA = None  # ESPEAK_DATA_PATH of the private espeak-ng data holding the generated variants (main sets it)
# Left out of PHONE_TRAIN_VOICES on purpose: m8, Nguyen (m7's formants), aunty (f4's), steph2/3, edward2, klatt5/6, announcer (set 2's
# synthesiser or formants), whisper/caleb (no voicing), robot and effect variants.
PHONE_TRAIN_VOICES = ["Alex", "Alicia", "Andrea", "Andy", "Annie", "Denis", "Gene", "Hugo", "Jacky", "Lee", "Marco",
                      "Mario", "Michael", "Mike", "anika", "antonio", "belinda", "boris", "croak", "david", "ed",
                      "grandma", "grandpa", "gustave", "iven", "john", "marcelo", "max", "michel", "norbert", "pablo",
                      "paul", "pedro", "quincy", "rob", "robert", "sandro", "shelby", "travis", "victor", "zac"]
INSERT_WORDS = ["very", "so", "the", "and", "really", "a"]
# Each kind of set: its sentence file, the seed base of its per-sentence draws, its learner voices (None: by split),
# its split (None: sentence index % 3 == 2 is test, the rest fit) and the prefix of its sentence ids.
SET_KINDS = {
    "main": ("sentences.txt", 1000, None, None, "s"),
    "set2": ("sentences-set2.txt", 5000, SET2_VOICES, "test", "s"),
    "set3": ("sentences-set3.txt", 3000, SET3_VOICES, "test", "s"),
    "set4": ("sentences-set4.txt", 11000, SET4_VOICES, "test", "s"),
    "phone_train": ("sentences.txt", 9000, PHONE_TRAIN_VOICES, None, "s"),
    "phone_train2": ("sentences.txt", 25000, PHONE_TRAIN2_VOICES, None, "s"),
    "fit2": ("sentences-fit2.txt", 7000, None, "fit", "x"),
    "fit3": ("sentences-fit2.txt", 13000, FIT3_VOICES, "fit", "y"),
    "set5": ("sentences-set5.txt", 15000, SET5_VOICES, "test", "s"),
    "set6": ("sentences-set6.txt", 17000, SET6_VOICES, "test", "s"),
    "set7": ("sentences-set7.txt", 19000, SET7_VOICES, "test", "s"),
    "set8": ("sentences-set8.txt", 23000, SET8_VOICES, "test", "s"),
    "set9": ("sentences-set9.txt", 27000, SET9_VOICES, "test", "s"),
    "set10": ("sentences-set10.txt", 31000, SET10_VOICES, "test", "s"),
    "set11": ("sentences-set11.txt", 33000, SET11_VOICES, "test", "s"),
    "set12": ("sentences-set12.txt", 37000, SET12_VOICES, "test", "s"),
    "set13": ("sentences-set13.txt", 39000, SET13_VOICES, "test", "s"),
    "set14": ("sentences-set14.txt", 41000, SET14_VOICES, "test", "s"),
    "set15": ("sentences-set15.txt", 43000, SET15_VOICES, "test", "s"),
    "set16": ("sentences-set16.txt", 45000, SET16_VOICES, "test", "s"),
    "set17": ("sentences-set17.txt", 47000, SET17_VOICES, "test", "s"),
    "set18": ("sentences-set18.txt", 49000, SET18_VOICES, "test", "s"),
    "set19": ("sentences-set19.txt", 51000, SET19_VOICES, "test", "s"),
    "set20": ("sentences-set20.txt", 53000, SET20_VOICES, "test", "s"),
    "set21": ("sentences-set21.txt", 55000, SET21_VOICES, "test", "s"),
    "set22": ("sentences-set22.txt", 57000, SET22_VOICES, "test", "s"),
    "set23": ("sentences-set23.txt", 59000, SET23_VOICES, "test", "s"),
    "set24": ("sentences-set24.txt", 61000, SET24_VOICES, "test", "s"),
    "set25": ("sentences-set25.txt", 63000, SET25_VOICES, "test", "s"),
    "set26": ("sentences-set26.txt", 65000, SET26_VOICES, "test", "s"),
    "set27": ("sentences-set27.txt", 67000, SET27_VOICES, "test", "s"),
    "set28": ("sentences-set28.txt", 69000, SET28_VOICES, "test", "s"),
    "set29": ("sentences-set29.txt", 71000, SET29_VOICES, "test", "s"),
    "set30": ("sentences-set30.txt", 73000, SET30_VOICES, "test", "s"),
    "set31": ("sentences-set31.txt", 75000, SET31_VOICES, "test", "s"),
    "set32": ("sentences-set32.txt", 77000, SET32_VOICES, "test", "s"),
    "fit4": ("sentences-fit2.txt", 21000, FIT4_VOICES, "fit", "z"),
}
# Kinds whose omitted word is, this often, replaced by another word said in its slot (a substitution: the omission
# and an insertion in the same place). The held-out recipe draws its insertion anywhere in the reading, so a
# substitution happens there only by chance (31 of 874 omitted words over the eight sets of session 24); learners
# make them far more often ("a" for "the", a word they know for one they do not).
SUBSTITUTION_RATE = {"fit4": 0.6}

VOWEL_CHARS = set("aeiouAEIOUV03@")
MULTI = ["aI@", "aU@", "i@3", "tS", "dZ", "aI", "eI", "OI", "aU", "oU", "I@", "e@", "U@", "O@", "A@", "o@",
         "3:", "A:", "i:", "u:", "O:", "e:", "a#", "I#", "I2", "@L", "@2", "@5", "aa"]
VOWEL_SWAP = {"i:": "I", "I": "i:", "u:": "U", "U": "u:", "a": "E", "E": "a", "V": "A:", "aa": "E",
              "3:": "A:", "eI": "E", "oU": "O:"}


def tokenize(mnemonic):
    """espeak mnemonic string of one word -> list of (stress_prefix, phoneme)."""
    out, i, stress = [], 0, ""
    while i < len(mnemonic):
        c = mnemonic[i]
        if c in "',%=":
            stress += c; i += 1; continue
        if mnemonic.startswith("r-", i) and out:  # a linking r (non-rhotic accents) belongs to the vowel before it
            out[-1] = (out[-1][0], out[-1][1] + "r-"); i += 2; continue
        for m in MULTI:
            if mnemonic.startswith(m, i):
                out.append((stress, m)); i += len(m); break
        else:
            out.append((stress, c)); i += 1
        stress = ""
    return out


def is_vowel(p):
    return p[0] in VOWEL_CHARS


def render(tokens):
    return "".join(s + p for s, p in tokens)


LANGUAGE = "en-us"  # espeak-ng language of transcription and synthesis (--accent)


def word_phonemes(sentence):
    words = re.findall(r"[A-Za-z']+", sentence)
    text = " ".join(words)
    raw = subprocess.run(["espeak-ng", "-q", "-x", "-v", LANGUAGE, text], capture_output=True, text=True).stdout
    toks = [re.sub(r"_[:!]?", "", t) for t in raw.split()]
    toks = [t for t in toks if t]
    if len(toks) != len(words):  # fall back to word-by-word transcription
        toks = [subprocess.run(["espeak-ng", "-q", "-x", "-v", LANGUAGE, w], capture_output=True,
                               text=True).stdout.strip().replace("_", "") for w in words]
    return [w.lower() for w in words], toks


def mutate(mnemonic, kind, rng):
    t = tokenize(mnemonic)
    cons = [i for i, (_, p) in enumerate(t) if not is_vowel(p)]
    if kind == "final_deletion":
        if len(t) >= 2 and not is_vowel(t[-1][1]):
            return render(t[:-1])
    elif kind == "cluster":
        for i in range(len(t) - 1):
            if not is_vowel(t[i][1]) and not is_vowel(t[i + 1][1]) and t[i][1] not in "hj":
                drop = i if i == 0 else i + 1
                if drop == len(t) - 1 and len(t) > 2:
                    drop = i  # keep a final consonant: this is cluster reduction, not final deletion
                s = t[drop][0]
                rest = t[:drop] + t[drop + 1:]
                if drop < len(rest) and s:
                    rest[drop] = (s + rest[drop][0], rest[drop][1])
                return render(rest)
    elif kind in ("th", "dh", "sh"):
        src = {"th": "T", "dh": "D", "sh": "S"}[kind]
        if any(p == src for _, p in t):
            dst = {"th": "t", "sh": "s"}.get(kind) or rng.choice(["d", "z"])
            return render([(s, dst if p == src else p) for s, p in t])
    elif kind == "vowel":
        idx = [i for i, (s, p) in enumerate(t) if p in VOWEL_SWAP]
        stressed = [i for i in idx if "'" in t[i][0]] or idx
        if stressed:
            i = stressed[0]
            t[i] = (t[i][0], VOWEL_SWAP[t[i][1]])
            return render(t)
    return None


KINDS = ["final_deletion", "cluster", "th", "dh", "sh", "vowel"]


def voice_variant(name):
    """espeak-ng variant file of a generated learner voice, drawn from its name alone: male- or female-like, a vocal
    tract length factor on formants 0-3 (0.88-1.02 male-like, 1.04-1.18 female-like; adult speakers differ by about
    that much, Fant 1966) with +-4 % per formant, formants 4-5 at 0.9-1.1, heights 80-120 %, widths 80-130 %, pitch
    base and top like the shipped variants', flutter 0-8, roughness 0-3."""
    rng = random.Random(name)
    female = rng.random() < 0.5
    tract = rng.uniform(1.04, 1.18) if female else rng.uniform(0.88, 1.02)
    base = rng.randint(140, 185) if female else rng.randint(70, 100)
    lines = ["language variant", f"name {name}", f"gender {'female' if female else 'male'}",
             f"pitch {base} {round(base * rng.uniform(1.35, 1.6))}", f"flutter {rng.randint(0, 8)}",
             f"roughness {rng.randint(0, 3)}"]
    for n in range(6):
        factor = tract * rng.uniform(0.96, 1.04) if n <= 3 else rng.uniform(0.9, 1.1)
        lines.append(f"formant {n} {round(100 * factor)} {rng.randint(80, 120)} {rng.randint(80, 130)}")
    return "\n".join(lines) + "\n"


def private_voice_data(out, voices):
    """A copy of the system's espeak-ng data under OUT with the generated variants added; returns its
    ESPEAK_DATA_PATH. espeak-ng falls back to the plain voice, silently, for a variant it cannot find, so each
    generated voice is checked to change the audio."""
    system = re.search(r"Data at: (\S+)", subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout).group(1)
    root = os.path.join(out, "espeak-data")
    target = os.path.join(root, "espeak-ng-data")
    if not os.path.isdir(target):
        shutil.copytree(system, target)
    for v in voices:
        with open(os.path.join(target, "voices", "!v", v), "w") as f:
            f.write(voice_variant(v))
    return root


def synth(args, voice, rate, pitch, tokens, labels, wav, js, lead, trail):
    cmd = [args.synth, "--voice", LANGUAGE, "--variant", voice, "--rate", str(rate), "--pitch", str(pitch),
           "--words", " ".join(labels), "--trim", "--lead", f"{lead:.3f}", "--trail", f"{trail:.3f}",
           "--wav", wav, "--json", js, " ".join(f"[[{t}]]" for t in tokens)]
    env = dict(os.environ, ESPEAK_DATA_PATH=VOICE_DATA) if voice in GENERATED_VOICES else None
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    with open(js) as f:
        return json.load(f)


def sox(inp, out, effects):
    # -R: sox seeds its dither (and every other random draw) with a fixed number; without it each rebuild of the
    # set differs in the last bit of every sample, and the fits and bench figures with it.
    subprocess.run(["sox", "-R", inp, "-r", "16000", out] + effects, check=True, capture_output=True)


def add_noise(path, snr_db, colour, rng):
    x, sr = sf.read(path, dtype="float32")
    speech = x[np.abs(x) > 1e-4]
    power = float(np.mean(speech ** 2)) if speech.size else 1e-6
    n = np.random.default_rng(rng.randrange(1 << 30)).standard_normal(x.size).astype(np.float32)
    if colour == "pink":
        spec = np.fft.rfft(n)
        f = np.arange(spec.size, dtype=np.float64); f[0] = 1
        n = np.fft.irfft(spec / np.sqrt(f), n=x.size).astype(np.float32)
    n *= np.sqrt(power / 10 ** (snr_db / 10) / max(float(np.mean(n ** 2)), 1e-12))
    y = x + n
    peak = float(np.max(np.abs(y)))
    if peak > 0.99:
        y *= 0.99 / peak
    sf.write(path, y, sr, subtype="PCM_16")


def f0_track(path):
    import parselmouth
    snd = parselmouth.Sound(path)
    pitch = snd.to_pitch_ac(time_step=0.01, pitch_floor=60, pitch_ceiling=500)
    n = int(np.floor(snd.duration / 0.01))
    times = np.arange(n) * 0.01
    values = [pitch.get_value_at_time(t) for t in times]
    return [0.0 if (v is None or np.isnan(v)) else round(float(v), 2) for v in values]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "data", "pronunciation"))
    ap.add_argument("--synth", default=None)
    kinds = ap.add_mutually_exclusive_group()
    kinds.add_argument("--set2", action="store_true", help="the second held-out set (other sentences and voices)")
    kinds.add_argument("--phone-train", action="store_true", help="extra phone-classifier training speech (fit sentences, other voices)")
    kinds.add_argument("--phone-train2", action="store_true", help="more of it: the fit sentences read by 40 generated voices")
    kinds.add_argument("--set3", action="store_true", help="the third held-out set (other sentences and voices, after v9)")
    kinds.add_argument("--set4", action="store_true", help="the fourth held-out set (other sentences and voices, before v10 was scored)")
    kinds.add_argument("--fit2", action="store_true", help="more fit data: sentences-fit2.txt, fit voices, every item a fit item")
    kinds.add_argument("--fit3", action="store_true", help="more fit data: sentences-fit2.txt, ten generated voices, every item a fit item")
    kinds.add_argument("--set5", action="store_true", help="the fifth held-out set (other sentences, five generated voices)")
    kinds.add_argument("--set6", action="store_true", help="the sixth held-out set (other sentences, five more generated voices)")
    kinds.add_argument("--set7", action="store_true", help="the seventh held-out set (other sentences, five more generated voices, before v15)")
    kinds.add_argument("--set8", action="store_true", help="the eighth held-out set (other sentences, five more generated voices)")
    kinds.add_argument("--set9", action="store_true", help="the ninth held-out set (other sentences, five more generated voices, before v16)")
    kinds.add_argument("--set10", action="store_true", help="the tenth held-out set (other sentences, five more generated voices, before v18)")
    kinds.add_argument("--set11", action="store_true", help="the eleventh held-out set (other sentences, five more generated voices, before v19)")
    kinds.add_argument("--set12", action="store_true", help="the twelfth held-out set (other sentences, five more generated voices, before v20)")
    kinds.add_argument("--set13", action="store_true", help="the thirteenth held-out set (other sentences, five more generated voices, before v21)")
    kinds.add_argument("--set14", action="store_true", help="the fourteenth held-out set (other sentences, five more generated voices, before v22)")
    kinds.add_argument("--set15", action="store_true", help="the fifteenth held-out set (other sentences, five more generated voices, before v23)")
    kinds.add_argument("--set16", action="store_true", help="the sixteenth held-out set (other sentences, five more generated voices, before v24)")
    kinds.add_argument("--set17", action="store_true", help="the seventeenth held-out set (other sentences, five more generated voices, before v25)")
    kinds.add_argument("--set18", action="store_true", help="the eighteenth held-out set (other sentences, five more generated voices, before v26)")
    kinds.add_argument("--set19", action="store_true", help="the nineteenth held-out set (other sentences, five more generated voices, before v27)")
    kinds.add_argument("--set20", action="store_true", help="the twentieth held-out set (other sentences, five more generated voices, before v27)")
    kinds.add_argument("--set21", action="store_true", help="the twenty-first held-out set (other sentences, five more generated voices, before v28)")
    kinds.add_argument("--set22", action="store_true", help="the twenty-second held-out set (other sentences, five more generated voices, before v28)")
    kinds.add_argument("--set23", action="store_true", help="the twenty-third held-out set (other sentences, five more generated voices, before v29)")
    kinds.add_argument("--set24", action="store_true", help="the twenty-fourth held-out set (other sentences, five more generated voices, before v29)")
    kinds.add_argument("--set25", action="store_true", help="the twenty-fifth held-out set (other sentences, five more generated voices, before v31)")
    kinds.add_argument("--set26", action="store_true", help="the twenty-sixth held-out set (other sentences, five more generated voices, before v31)")
    kinds.add_argument("--set27", action="store_true", help="the twenty-seventh held-out set (other sentences, five more generated voices, before v32)")
    kinds.add_argument("--set28", action="store_true", help="the twenty-eighth held-out set (other sentences, five more generated voices, before v32)")
    for k in range(29, 33):
        kinds.add_argument(f"--set{k}", action="store_true", help=f"held-out set {k} (other sentences, five more generated voices, after v32)")
    kinds.add_argument("--fit4", action="store_true", help="more fit data: sentences-fit2.txt, ten more generated voices, substitutions drawn often")
    ap.add_argument("--accent", default="en-us", help="espeak-ng language of references and learners (with --set2)")
    args = ap.parse_args()
    if args.accent != "en-us" and not args.set2:
        ap.error("--accent reads the second held-out set in another accent: use it with --set2")
    global LANGUAGE, VOICE_DATA
    LANGUAGE = args.accent
    os.makedirs(args.out, exist_ok=True)
    if args.synth is None:
        args.synth = os.path.join(args.out, "espeak-synth")
        subprocess.run(["gcc", "-O2", "-Wall", "-o", args.synth, os.path.join(ROOT, "tools/espeak-synth/espeak-synth.c"),
                        "-lespeak-ng", "-lm"], check=True)
    kind_name = next((k for k in SET_KINDS if k != "main" and getattr(args, k)), "main")
    sentence_file, seed_base, kind_voices, kind_split, id_prefix = SET_KINDS[kind_name]
    substitution_rate = SUBSTITUTION_RATE.get(kind_name, 0.0)
    phone_train = kind_name in ("phone_train", "phone_train2")
    generated = [v for v in kind_voices or [] if v in GENERATED_VOICES]
    if generated:
        VOICE_DATA = private_voice_data(args.out, generated)
        plain, check, events = (os.path.join(args.out, n) for n in ("plain.wav", "check.wav", "check.json"))
        synth(args, "", 165, 50, ["h@l'oU"], ["hello"], plain, events, 0.1, 0.1)   # the language's voice, no variant
        for v in generated:
            synth(args, v, 165, 50, ["h@l'oU"], ["hello"], check, events, 0.1, 0.1)
            if open(check, "rb").read() == open(plain, "rb").read():
                sys.exit(f"make-set.py: espeak-ng did not load the generated voice {v} from {VOICE_DATA}")
    sentences = [l.strip() for l in open(os.path.join(HERE, sentence_file)) if l.strip() and not l.startswith("#")]
    items = []
    tmp = os.path.join(args.out, "tmp.wav")
    for si, sentence in enumerate(sentences):
        rng = random.Random(seed_base + si)
        split = kind_split or ("test" if si % 3 == 2 else "fit")
        if phone_train and split != "fit":
            continue
        words, toks = word_phonemes(sentence)
        sid = f"{id_prefix}{si:02d}"
        refs = []
        for rv in ([] if phone_train else REF_VOICES):
            base = os.path.join(args.out, f"{sid}-ref-{rv}")
            meta = synth(args, rv, 165, 50, toks, words, tmp, base + ".synth.json", 0.3, 0.3)
            sox(tmp, base + ".wav", [])
            with open(base + ".words.json", "w") as f:
                json.dump([{"word": w["word"], "start_s": round(w["start_s"], 4), "end_s": round(w["end_s"], 4)}
                           for w in meta["words"]], f)
            with open(base + ".f0.json", "w") as f:
                json.dump(f0_track(base + ".wav"), f)
            refs.append(base + ".wav")
        voices = kind_voices or (TEST_VOICES if split == "test" else FIT_VOICES)
        for vi, voice in enumerate(voices):
            plans = [("correct", 0)] + [("errors", k) for k in ((1,) if phone_train else (1, 2))]
            if split == "test":
                plans += [("retest", 1), ("retest", 2)]
            for kind, k in plans:
                item_id = f"{sid}-{voice}-{kind}{k}"
                truth = [{"word": w, "status": "ok"} for w in words]
                tokens, labels, origin = list(toks), list(words), list(range(len(words)))
                if kind == "errors":
                    count = rng.choice([1, 2, 3])
                    chosen = rng.sample(range(len(words)), min(count, len(words)))
                    for wi in chosen:
                        kinds = KINDS + ["omission"] + ["insertion"] * 1
                        rng.shuffle(kinds)
                        for kd in kinds:
                            if kd == "omission":
                                if sum(1 for t in truth if t["status"] == "omitted") == 0:
                                    truth[wi].update(status="omitted", error="omission"); break
                                continue
                            if kd == "insertion":
                                continue
                            new = mutate(toks[wi], kd, rng)
                            if new and new != toks[wi]:
                                tokens[wi] = new
                                # espeak-ng ends a word linked to a following vowel with ";", which the tokenizer
                                # takes for a final consonant: dropping only that mark changes no phone, so the
                                # word is said (the label changes, the audio and the draws do not)
                                if new != toks[wi].rstrip(";"):
                                    truth[wi].update(status="mispronounced", error=kd, phonemes=new, canonical=toks[wi])
                                break
                    keep = [i for i in range(len(words)) if truth[i]["status"] != "omitted"]
                    tokens = [tokens[i] for i in keep]; labels = [labels[i] for i in keep]; origin = keep
                    gone = [i for i in range(len(words)) if truth[i]["status"] == "omitted"]

                    def insert(pos, iw):
                        ip = subprocess.run(["espeak-ng", "-q", "-x", "-v", LANGUAGE, iw], capture_output=True,
                                            text=True).stdout.strip().replace("_", "")
                        tokens.insert(pos, ip); labels.insert(pos, iw.upper()); origin.insert(pos, -1)
                    if gone and substitution_rate and rng.random() < substitution_rate:
                        insert(sum(1 for i in keep if i < gone[0]), rng.choice([w for w in INSERT_WORDS if w != words[gone[0]]]))
                    elif rng.random() < 0.35:
                        pos = rng.randrange(1, len(tokens))
                        iw = rng.choice(INSERT_WORDS)
                        insert(pos, iw)
                        if gone and iw.lower() == words[gone[0]] and origin[pos - 1] < gone[0] < (
                                origin[pos + 1] if pos + 1 < len(origin) else len(words)):
                            # the word "inserted" where the same word was left out: the reading says it after all
                            origin[pos] = gone[0]
                            truth[gone[0]] = {"word": words[gone[0]], "status": "ok"}
                rate = rng.randint(130, 220)
                pitch = rng.randint(35, 65)
                lead, trail = rng.uniform(0.1, 1.0), rng.uniform(0.1, 1.0)
                base = os.path.join(args.out, item_id)
                meta = synth(args, voice, rate, pitch, tokens, labels, tmp, base + ".synth.json", lead, trail)
                effects, tempo = [], 1.0
                if rng.random() < 0.4:
                    effects += ["pitch", str(rng.choice([-1, 1]) * rng.randint(100, 300))]
                if rng.random() < 0.4:
                    tempo = round(rng.uniform(0.85, 1.15), 3)
                    effects += ["tempo", "-s", str(tempo)]
                reverb = rng.random() < 0.3
                if reverb:
                    effects += ["reverb", str(rng.randint(20, 50)), "50", "60"]
                sox(tmp, base + ".wav", effects)
                noise = None
                if rng.random() < 0.5:
                    noise = (round(rng.uniform(15, 35), 1), rng.choice(["white", "pink"]))
                    add_noise(base + ".wav", noise[0], noise[1], rng)
                learner_words = meta["words"]
                for lw, o in zip(learner_words, origin):
                    entry = {"start_s": round(lw["start_s"] / tempo, 4), "end_s": round(lw["end_s"] / tempo, 4)}
                    if o >= 0:
                        truth[o].update(entry)
                    else:
                        truth.append({"word": lw["word"].lower(), "status": "inserted", "error": "insertion", **entry})
                if not phone_train:
                    with open(base + ".f0.json", "w") as f:
                        json.dump(f0_track(base + ".wav"), f)
                items.append({
                    "id": item_id, "split": split, "sentence": sid, "voice": voice, "kind": kind,
                    "group": f"{sid}-{voice}", "learner": base + ".wav", "references": refs,
                    "rate_wpm": rate, "pitch": pitch, "tempo": tempo, "reverb": reverb, "noise": noise,
                    "errors": sum(1 for t in truth if t["status"] != "ok"), "words": truth,
                })
        print(f"{sid} {split}: {len(items)} items so far", file=sys.stderr)
    os.remove(tmp)
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump({"reference_voices": [] if phone_train else REF_VOICES,
                   "fit_voices": kind_voices if phone_train else FIT_VOICES,
                   "test_voices": [] if phone_train else kind_voices if kind_split == "test" else TEST_VOICES,
                   "items": items}, f, indent=1)
    print(f"{len(items)} learner items in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
