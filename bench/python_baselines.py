#!/usr/bin/env python3
"""Python baselines for keyword matching (issue 4, W3): papersieve's RuleSet.filter against a
Python `re` loop over compiled \\b(?i:kw)\\b patterns and a tokenize-and-set-lookup filter, on
the same generated corpus (the shape of bench/match_corpus.cpp: a Zipf vocabulary of 5,000
pseudo-words, ~3% accented, keywords planted in ~1% of sentences). Prints MB/s over title +
abstract bytes and the ratios.

    .venv/bin/python bench/python_baselines.py [--mb 2] [--keywords 1000]
"""
import argparse
import bisect
import json
import random
import re
import time

import papersieve

ONSETS = "b c d f g h l m n p r s t v pr tr st cl gr sp br ch th qu sc pl".split()
VOWELS = "a e i o u ea io ou ai y".split()
CODAS = ["", "", "n", "r", "s", "t", "l", "m", "x", "nt", "rs", "st", "tion", "ment", "ing",
         "ive", "al", "ic", "ous", "ed", "er", "ity"]
ACCENTED = "é ö ü ï è á ñ ç".split()
FUNCTION = ("the of and to a in we is for that with on this as by are our from an be can which "
            "these it model show data or not using more such both each than their while via "
            "into method").split()


def pseudo_word(rng):
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS)
                   for _ in range(rng.randint(1, 4))) + rng.choice(CODAS)


def vocabulary(rng, size=5000):
    vocab, seen = list(FUNCTION), set(FUNCTION)
    while len(vocab) < size:
        w = pseudo_word(rng)
        roll = rng.randrange(100)
        if roll < 3:
            at = next((i for i, c in enumerate(w) if c in "aeiou"), None)
            if at is not None:
                w = w[:at] + rng.choice(ACCENTED) + w[at + 1:]
        elif roll < 4:
            w += "-" + pseudo_word(rng)
        if w not in seen:
            seen.add(w)
            vocab.append(w)
    return vocab


def keywords(rng, vocab, count):
    """70% absent made-up words, 20% mid/low-frequency vocabulary words, 10% phrases."""
    known, out = set(vocab), []
    for i in range(count):
        if i % 10 in (0, 5):
            out.append([vocab[rng.randrange(300, len(vocab))]])
        elif i % 10 == 7:
            out.append([vocab[rng.randrange(40, 3000)] for _ in range(2 + (i % 20 == 7))])
        else:
            while True:
                w = "".join(chr(rng.randrange(97, 123)) for _ in range(rng.randint(4, 11)))
                if w not in known:
                    break
            out.append([w])
    return out


def corpus_text(rng, vocab, planted, megabytes, rate=0.01):
    cdf, total = [], 0.0
    for i in range(len(vocab)):
        total += 1.0 / (i + 1)
        cdf.append(total)
    cdf = [c / total for c in cdf]

    def sentence(n):
        at = rng.randrange(n) if rng.random() < rate else -1
        words = []
        for i in range(n):
            if i == at:
                words.append(rng.choice(planted))
            else:
                w = vocab[min(bisect.bisect_left(cdf, rng.random()), len(vocab) - 1)]
                words.append(w.capitalize() if rng.random() < 0.03 else w)
        s = " ".join(words)
        return s[0].upper() + s[1:]

    parts = ["Get trending papers in your email inbox!\nSubscribe"]
    size, n = 0, 0
    while size < megabytes * 1e6:
        abstract = ""
        while len(abstract) < 1500:
            abstract += sentence(rng.randint(8, 24)) + ". "
        page = "Paper %d: %s\n%s\n" % (n, sentence(rng.randint(7, 15)), abstract.rstrip())
        parts.append(page)
        size += len(page.encode())
        n += 1
    return "".join(parts)


def timed(fn, repeat):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size (default 2)")
    parser.add_argument("--keywords", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N (papersieve, set)")
    args = parser.parse_args()

    rng = random.Random(11)
    vocab = vocabulary(rng)
    kws = keywords(rng, vocab, args.keywords)
    planted = [" ".join(kw) for kw in kws[::3]]
    corpus = papersieve.parse(corpus_text(rng, vocab, planted, args.mb), "hf-text", "bench")
    papers = list(corpus)
    texts = [(p.title, p.abstract) for p in papers]
    nbytes = sum(len(t.encode()) + len(a.encode()) for t, a in texts)

    rules = papersieve.RuleSet.from_json(json.dumps(
        {"rules": [{"name": "kw", "keywords": [" ".join(kw) for kw in kws]}]}))
    t_ps, results = timed(lambda: rules.filter(corpus), args.repeat)
    # The same without the vocabulary words, so that only planted keywords select papers:
    # filter() computes spans for selected papers only, and above nearly all are selected.
    rare = [" ".join(kw) for i, kw in enumerate(kws) if i % 10 not in (0, 5)]
    rare_rules = papersieve.RuleSet.from_json(json.dumps(
        {"rules": [{"name": "kw", "keywords": rare}]}))
    t_rare, rare_results = timed(lambda: rare_rules.filter(corpus), args.repeat)

    patterns = [re.compile(r"\b(?i:" + r"[\s_-]+".join(map(re.escape, kw)) + r")\b")
                for kw in kws]

    def re_loop():
        selected = 0
        for title, abstract in texts:
            text = title + "\n" + abstract
            for pattern in patterns:
                if pattern.search(text):
                    selected += 1
                    break
        return selected

    t_re, selected_re = timed(re_loop, 1)

    words = {kw[0].lower() for kw in kws if len(kw) == 1}
    phrases = {tuple(w.lower() for w in kw) for kw in kws if len(kw) > 1}
    lengths = sorted({len(p) for p in phrases})
    token = re.compile(r"\w+")

    def token_set():
        selected = 0
        for title, abstract in texts:
            for text in (title, abstract):
                toks = token.findall(text.lower())
                if not words.isdisjoint(toks) or any(
                        tuple(toks[i:i + n]) in phrases
                        for n in lengths for i in range(len(toks) - n + 1)):
                    selected += 1
                    break
        return selected

    t_set, selected_set = timed(token_set, args.repeat)

    mb = nbytes / 1e6
    print("corpus: %d papers, %.1f MB title+abstract, %d keywords" % (len(papers), mb, len(kws)))
    print("%-34s %10s %10s %9s" % ("", "MB/s", "selected", "ratio"))
    rows = [("papersieve RuleSet.filter", t_ps, len(results)),
            ("  same, 800 rarer keywords", t_rare, len(rare_results)),
            ("Python re loop (\\b(?i:kw)\\b)", t_re, selected_re),
            ("Python tokenize + set lookup", t_set, selected_set)]
    for name, t, n in rows:
        print("%-34s %10.2f %10d %9.2f" % (name, mb / t, n, t / t_ps))
    print("(ratio: the first row's speed over the row's; accents and hyphen/phrase rules differ, so "
          "the selected counts may differ slightly)")


if __name__ == "__main__":
    main()
