#!/usr/bin/env python3
"""atheris fuzzer for papersieve's Python layer (docs/reliability.md, "Python layer").

One input drives: papersieve.parse of str, bytes, bytearray or memoryview in a format
picked by the input (auto or any reader), with a random max_record_bytes; a RuleSet
from a query or a JSON rule file (check_json too); filter, decide; every writer of the
corpus and of the results; pickling the rule set.

Input layout (like fuzz/fuzz_filter.cpp, so that seeds are easy to write): byte 0 picks
the format, byte 1 the data type (bits 0-1), max_record_bytes (bits 2-4) and top (bits
5-7); then the rules up to the first NUL (a rule file when they start with "{", else a
query), then the dump. `--seeds DIR` writes seeds made of examples/data, fuzz/seeds/parse,
examples/rules, fuzz/seeds/rules and fuzz/seeds/queries.txt into DIR.

Invariants (a violation raises AssertionError, which atheris reports as a crash):
  - the only exceptions are papersieve's documented ones: RuleError from compiling
    rules, ParseError from parse() only for a str that cannot be encoded as UTF-8
    (lone surrogates: ValueError is documented for it), nothing else;
  - stats: records == papers + duplicates + rejected, len(corpus) == papers, one
    error diagnostic per rejected record;
  - check_json(json) is empty exactly when from_json(json) compiles;
  - results: considered == len(corpus), hits ranked by score, decide() agrees,
    spans inside their field, in codepoints.

Run (after scripts/setup; atheris is in the dev extra):
  .venv/bin/python fuzz/python/fuzz_python_api.py --seeds build/pyfuzz
  .venv/bin/python fuzz/python/fuzz_python_api.py build/pyfuzz -max_total_time=600
"""
import hashlib
import pickle
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import papersieve

FORMATS = ["auto"] + papersieve.formats()
MAX_RECORD = [None, None, None, None, 1, 16, 256, 4096]
ROOT = Path(__file__).resolve().parents[2]
FIELDS = {"title", "abstract", "authors", "id", "category", "link"}


@atheris.instrument_func
def _field_text(paper: papersieve.Paper, field: str) -> str:
    if field == "authors":
        return ", ".join(paper.authors)
    if field == "category":
        return " ".join(paper.categories)
    if field == "link":
        return " ".join(link.url for link in paper.links)
    return getattr(paper, field)


@atheris.instrument_func
def _check_corpus(corpus: papersieve.Corpus) -> None:
    stats = corpus.stats
    assert stats["records"] == stats["papers"] + stats["duplicates"] + stats["rejected"], stats
    assert len(corpus) == stats["papers"], (len(corpus), stats)
    errors = sum(d.severity == "error" for d in corpus.diagnostics)
    assert errors == stats["rejected"], (errors, stats)
    for paper in corpus:
        assert paper.id, paper
    corpus.to_jsonl()
    corpus.to_json()
    corpus.to_csv()


@atheris.instrument_func
def _check_results(rules: papersieve.RuleSet, corpus: papersieve.Corpus, top: int) -> None:
    results = rules.filter(corpus, top if top else None, threads=1)
    assert results.considered == len(corpus)
    scores = [hit.score for hit in results]
    assert scores == sorted(scores, reverse=True), scores
    for hit in results:
        assert 0 <= hit.index < len(corpus)
        assert hit.rules, hit
        decision = rules.decide(hit.paper)
        assert decision["selected"], decision
        for span in hit.spans:
            assert span.field in FIELDS, span.field
            assert 0 <= span.start < span.end <= len(_field_text(hit.paper, span.field)), span
    results.to_jsonl()
    results.to_csv()
    results.to_markdown("digest")
    results.to_html("digest")


@atheris.instrument_func
def _rules(text: str, pickle_it: bool) -> "papersieve.RuleSet | None":
    if text.lstrip().startswith("{"):
        problems = papersieve.RuleSet.check_json(text)
        try:
            rules = papersieve.RuleSet.from_json(text)
        except papersieve.RuleError as error:
            assert problems, f"from_json failed ({error}) but check_json found nothing"
            return None
        assert not problems, problems
    else:
        try:
            rules = papersieve.RuleSet.from_query(text)
        except papersieve.RuleError:
            return None
    if pickle_it:
        clone = pickle.loads(pickle.dumps(rules))
        assert len(clone) == len(rules) and clone.limits == rules.limits
    return rules


@atheris.instrument_func
def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    kind, max_record, top = data[1] & 3, MAX_RECORD[(data[1] >> 2) & 7], data[1] >> 5
    rules_bytes, _, payload = data[2:].partition(b"\0")
    rules_text = rules_bytes.decode("utf-8", "replace")
    if kind == 0:
        data_in: object = payload.decode("utf-8", "surrogateescape")  # may hold lone surrogates
    elif kind == 1:
        data_in = payload
    elif kind == 2:
        data_in = bytearray(payload)
    else:
        data_in = memoryview(payload)
    try:
        corpus = papersieve.parse(data_in, fmt, "fuzz", threads=1, max_record_bytes=max_record)
    except papersieve.ParseError as e:
        # `auto` refuses input no reader recognizes (docs/formats.md, "Detection"); otherwise
        # only a str that is not valid Unicode text (a lone surrogate) may fail to parse.
        refused = fmt == "auto" and "no reader recognizes this input" in str(e)
        assert refused or (kind == 0 and any(0xD800 <= ord(c) <= 0xDFFF for c in data_in)), \
            sys.exc_info()
        return
    except UnicodeEncodeError:
        assert kind == 0 and any(0xD800 <= ord(c) <= 0xDFFF for c in data_in), sys.exc_info()
        return
    assert fmt == "auto" or len(corpus) == 0 or corpus.format == fmt, (fmt, corpus.format)
    _check_corpus(corpus)
    rules = _rules(rules_text, data[1] & 1 == 1)
    if rules is not None:
        _check_results(rules, corpus, top)


def write_seeds(directory: Path) -> int:
    """Seeds: each dump (its first 8 KB) under a few formats, with each rule file and query."""
    dumps = [p.read_bytes()[:8192] for p in sorted((ROOT / "examples" / "data").iterdir())]
    dumps += [p.read_bytes()[:8192] for p in sorted((ROOT / "fuzz" / "seeds" / "parse").iterdir())
              if p.is_file()]
    rules = [p.read_bytes() for p in sorted((ROOT / "examples" / "rules").glob("*.json"))]
    rules += [p.read_bytes() for p in sorted((ROOT / "fuzz" / "seeds" / "rules").iterdir())
              if p.is_file()]
    rules += (ROOT / "fuzz" / "seeds" / "queries.txt").read_bytes().splitlines()
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for i, dump in enumerate(dumps):
        for j, rule in enumerate(rules[i % 7::7][:6] or rules[:1]):
            seed = bytes([(i + j) % len(FORMATS), (i * 7 + j) % 256]) + rule + b"\0" + dump
            name = hashlib.sha1(seed).hexdigest()
            (directory / name).write_bytes(seed)
            count += 1
    return count


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--seeds":
        print(f"{write_seeds(Path(sys.argv[2]))} seeds written to {sys.argv[2]}")
        return
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
