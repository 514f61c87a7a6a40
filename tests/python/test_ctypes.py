"""The C ABI from a language without a compiler step: libpapersieve.so through ctypes.

Loads the shared library directly (no pybind11) and runs parse -> compile -> filter
-> JSON lines, which must be byte-identical to what the Python package produces from
the same files. PSV_CAPI_LIB names the library; by default the dev preset's build
(scripts/test builds it before running pytest).
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest

import papersieve

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "hf_page_sample.txt"
RULES = ROOT / "examples" / "rules" / "digest.json"
LIBRARY = Path(os.environ.get("PSV_CAPI_LIB", ROOT / "build" / "dev" / "capi" / "libpapersieve.so"))

PSV_OK = 0
PSV_NONE = 1
PSV_EINVAL = -1
PSV_EIO = -2
PSV_ERULE = -4

c_char_p_p = ctypes.POINTER(ctypes.c_char_p)
c_void_p_p = ctypes.POINTER(ctypes.c_void_p)
c_size_t_p = ctypes.POINTER(ctypes.c_size_t)


class Problem(ctypes.Structure):
    _fields_ = [
        ("rule", ctypes.c_char_p),
        ("part", ctypes.c_char_p),
        ("column", ctypes.c_uint32),
        ("message", ctypes.c_char_p),
        ("description", ctypes.c_char_p),
    ]


class FilterOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("top", ctypes.c_size_t)]


class DigestOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("title", ctypes.c_char_p),
                ("inputs", ctypes.c_char_p), ("rules", ctypes.c_char_p),
                ("generated", ctypes.c_char_p), ("full_abstracts", ctypes.c_int),
                ("feed_url", ctypes.c_char_p)]


class Span(ctypes.Structure):
    _fields_ = [("field", ctypes.c_int), ("start", ctypes.c_size_t), ("end", ctypes.c_size_t)]


# name: (restype, argtypes); strings the library owns come back as c_void_p so that
# ctypes does not copy them away before psv_string_free.
SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "psv_version_string": (ctypes.c_char_p, []),
    "psv_error_message": (ctypes.c_char_p, []),
    "psv_status_string": (ctypes.c_char_p, [ctypes.c_int]),
    "psv_corpus_parse_file": (ctypes.c_int, [c_void_p_p, ctypes.c_char_p, ctypes.c_void_p]),
    "psv_corpus_size": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_corpus_free": (None, [ctypes.c_void_p]),
    "psv_rules_from_file": (ctypes.c_int, [c_void_p_p, ctypes.c_char_p]),
    "psv_rules_from_query": (ctypes.c_int, [c_void_p_p, ctypes.c_char_p]),
    "psv_rules_from_json": (ctypes.c_int, [c_void_p_p, ctypes.c_char_p, ctypes.c_size_t]),
    "psv_rules_free": (None, [ctypes.c_void_p]),
    "psv_rules_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_rules_check": (ctypes.c_int, [c_void_p_p, ctypes.c_char_p, ctypes.c_size_t]),
    "psv_problems_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_problems_get": (ctypes.c_int, [ctypes.POINTER(Problem), ctypes.c_void_p, ctypes.c_size_t]),
    "psv_problems_free": (None, [ctypes.c_void_p]),
    "psv_rules_filter": (
        ctypes.c_int,
        [c_void_p_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(FilterOptions)],
    ),
    "psv_results_free": (None, [ctypes.c_void_p]),
    "psv_results_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_results_considered": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_results_hit": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t]),
    "psv_hit_index": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_hit_score": (ctypes.c_double, [ctypes.c_void_p]),
    "psv_hit_paper": (ctypes.c_void_p, [ctypes.c_void_p]),
    "psv_hit_rule_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_hit_rule": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t, c_size_t_p]),
    "psv_hit_tag_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_hit_tag": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_size_t, c_size_t_p]),
    "psv_hit_span_count": (ctypes.c_size_t, [ctypes.c_void_p]),
    "psv_hit_span": (ctypes.c_int, [ctypes.POINTER(Span), ctypes.c_void_p, ctypes.c_size_t]),
    "psv_paper_text": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_int, c_size_t_p]),
    "psv_match_field_name": (ctypes.c_char_p, [ctypes.c_int]),
    "psv_results_to_jsonl": (ctypes.c_int, [c_void_p_p, c_size_t_p, ctypes.c_void_p]),
    "psv_results_to_markdown": (
        ctypes.c_int,
        [c_void_p_p, c_size_t_p, ctypes.c_void_p, ctypes.c_char_p],
    ),
    "psv_results_to_markdown_opts": (
        ctypes.c_int,
        [c_void_p_p, c_size_t_p, ctypes.c_void_p, ctypes.POINTER(DigestOptions)],
    ),
    "psv_results_to_atom": (
        ctypes.c_int,
        [c_void_p_p, c_size_t_p, ctypes.c_void_p, ctypes.POINTER(DigestOptions)],
    ),
    "psv_results_to_bibtex": (ctypes.c_int, [c_void_p_p, c_size_t_p, ctypes.c_void_p]),
    "psv_string_free": (None, [ctypes.c_void_p]),
}

PSV_FIELD_TITLE = 2


@pytest.fixture(scope="module")
def lib() -> ctypes.CDLL:
    if not LIBRARY.is_file():
        pytest.skip(
            f"{LIBRARY} is missing: build it (cmake --preset dev && cmake --build --preset dev) "
            "or point PSV_CAPI_LIB at a libpapersieve.so"
        )
    library = ctypes.CDLL(str(LIBRARY))
    for name, (restype, argtypes) in SIGNATURES.items():
        if not hasattr(library, name):
            pytest.fail(f"{LIBRARY} has no {name}: it is older than papersieve.h, rebuild it")
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
    return library


def error(lib: ctypes.CDLL) -> str:
    message: bytes = lib.psv_error_message()
    return message.decode()


def borrowed(pointer: int | None, length: ctypes.c_size_t) -> str:
    """A (pointer, length) pair the library lends, decoded without assuming a NUL."""
    assert pointer is not None
    return ctypes.string_at(pointer, length.value).decode()


def taken(lib: ctypes.CDLL, pointer: ctypes.c_void_p, length: ctypes.c_size_t) -> str:
    """A library-owned buffer: copied out, then freed with psv_string_free."""
    try:
        assert pointer.value is not None
        return ctypes.string_at(pointer.value, length.value).decode()
    finally:
        lib.psv_string_free(pointer)


class Handles:
    """Everything a test created, freed in reverse order at the end (NULL is fine)."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib
        self.owned: list[tuple[str, ctypes.c_void_p]] = []

    def new(self, free: str) -> ctypes.c_void_p:
        handle = ctypes.c_void_p()
        self.owned.append((free, handle))
        return handle

    def close(self) -> None:
        for free, handle in reversed(self.owned):
            getattr(self.lib, free)(handle)


@pytest.fixture
def handles(lib: ctypes.CDLL) -> Iterator[Handles]:
    owned = Handles(lib)
    yield owned
    owned.close()


def filtered(lib: ctypes.CDLL, handles: Handles) -> tuple[ctypes.c_void_p, ctypes.c_void_p]:
    corpus = handles.new("psv_corpus_free")
    rules = handles.new("psv_rules_free")
    results = handles.new("psv_results_free")
    assert lib.psv_corpus_parse_file(ctypes.byref(corpus), str(SAMPLE).encode(), None) == PSV_OK
    assert lib.psv_rules_from_file(ctypes.byref(rules), str(RULES).encode()) == PSV_OK, error(lib)
    assert lib.psv_rules_filter(ctypes.byref(results), rules, corpus, None) == PSV_OK, error(lib)
    return corpus, results


def test_version_matches_the_package(lib: ctypes.CDLL) -> None:
    assert lib.psv_version_string().decode() == papersieve.__version__


def test_round_trip_matches_the_python_package(lib: ctypes.CDLL, handles: Handles) -> None:
    corpus, results = filtered(lib, handles)
    text, length = ctypes.c_void_p(), ctypes.c_size_t()
    assert lib.psv_results_to_jsonl(ctypes.byref(text), ctypes.byref(length), results) == PSV_OK
    jsonl = taken(lib, text, length)

    expected = papersieve.RuleSet.from_file(str(RULES)).filter(papersieve.parse_file(str(SAMPLE)))
    assert jsonl == expected.to_jsonl()
    assert lib.psv_results_count(results) == len(expected) > 0
    assert lib.psv_results_considered(results) == expected.considered

    # The digest's footer holds the time: the same given time, the same bytes.
    when = "2026-01-02T03:04:05Z"
    options = DigestOptions(1, b"Weekly", b"a.txt\nb.txt", b"rules.json", when.encode(), 0, None)
    assert lib.psv_results_to_markdown_opts(ctypes.byref(text), ctypes.byref(length), results,
                                            ctypes.byref(options)) == PSV_OK
    assert taken(lib, text, length) == expected.to_markdown(
        "Weekly", inputs=["a.txt", "b.txt"], rules="rules.json", generated=when)
    assert lib.psv_results_to_atom(ctypes.byref(text), ctypes.byref(length), results,
                                   ctypes.byref(options)) == PSV_OK
    assert taken(lib, text, length) == expected.to_atom("Weekly", generated=when)
    assert lib.psv_results_to_bibtex(ctypes.byref(text), ctypes.byref(length), results) == PSV_OK
    assert taken(lib, text, length) == expected.to_bibtex()


def test_hits_match_the_python_package(lib: ctypes.CDLL, handles: Handles) -> None:
    corpus, results = filtered(lib, handles)
    expected = papersieve.RuleSet.from_file(str(RULES)).filter(papersieve.parse_file(str(SAMPLE)))
    length = ctypes.c_size_t()
    for i, want in enumerate(expected):
        hit = lib.psv_results_hit(results, i)
        assert hit is not None
        assert lib.psv_hit_index(hit) == want.index
        assert lib.psv_hit_score(hit) == want.score
        rules = [
            borrowed(lib.psv_hit_rule(hit, j, ctypes.byref(length)), length)
            for j in range(lib.psv_hit_rule_count(hit))
        ]
        assert rules == want.rules
        tags = [
            borrowed(lib.psv_hit_tag(hit, j, ctypes.byref(length)), length)
            for j in range(lib.psv_hit_tag_count(hit))
        ]
        assert tags == want.tags
        title = lib.psv_paper_text(lib.psv_hit_paper(hit), PSV_FIELD_TITLE, ctypes.byref(length))
        assert borrowed(title, length) == want.paper.title
        # C spans count UTF-8 bytes, Python spans codepoints: compare the fields.
        span = Span()
        fields = []
        for j in range(lib.psv_hit_span_count(hit)):
            assert lib.psv_hit_span(ctypes.byref(span), hit, j) == PSV_OK
            fields.append(lib.psv_match_field_name(span.field).decode())
        assert fields == [s.field for s in want.spans]
    assert lib.psv_results_hit(results, len(expected)) is None
    assert "out of range" in error(lib)


def test_results_outlive_corpus_and_rules(lib: ctypes.CDLL) -> None:
    owned = Handles(lib)
    corpus, results = filtered(lib, owned)
    # Free the corpus and the rules first; the results keep what they need.
    lib.psv_corpus_free(corpus)
    lib.psv_rules_free(owned.owned[1][1])
    text, length = ctypes.c_void_p(), ctypes.c_size_t()
    assert lib.psv_results_to_jsonl(ctypes.byref(text), ctypes.byref(length), results) == PSV_OK
    assert taken(lib, text, length).count("\n") == lib.psv_results_count(results)
    lib.psv_results_free(results)


def test_filter_options_top(lib: ctypes.CDLL, handles: Handles) -> None:
    corpus, _ = filtered(lib, handles)
    rules = handles.new("psv_rules_free")
    results = handles.new("psv_results_free")
    assert lib.psv_rules_from_file(ctypes.byref(rules), str(RULES).encode()) == PSV_OK
    options = FilterOptions(1, 2)
    assert lib.psv_rules_filter(ctypes.byref(results), rules, corpus, ctypes.byref(options)) == 0
    assert lib.psv_results_count(results) == 2
    options.version = 0  # not set up like PSV_FILTER_OPTIONS_INIT
    other = handles.new("psv_results_free")
    assert lib.psv_rules_filter(ctypes.byref(other), rules, corpus, ctypes.byref(options)) == -1
    assert other.value is None


def test_bad_query_gives_status_and_message(lib: ctypes.CDLL) -> None:
    rules = ctypes.c_void_p()
    status = lib.psv_rules_from_query(ctypes.byref(rules), b"retrieval AND (prompt")
    assert status == PSV_ERULE
    assert rules.value is None
    assert lib.psv_status_string(status) == b"rule error"
    message = error(lib)
    assert message.startswith("psv_rules_from_query: rule \"query\": query column ")
    with pytest.raises(papersieve.RuleError) as raised:
        papersieve.RuleSet.from_query("retrieval AND (prompt")
    assert message.endswith(str(raised.value))


def test_other_error_paths(lib: ctypes.CDLL) -> None:
    rules = ctypes.c_void_p()
    assert lib.psv_rules_from_file(ctypes.byref(rules), b"/nonexistent/rules.json") == PSV_EIO
    assert "/nonexistent/rules.json" in error(lib)
    assert lib.psv_rules_from_query(None, b"x") == PSV_EINVAL
    assert "'out'" in error(lib)
    assert lib.psv_rules_from_query(ctypes.byref(rules), None) == PSV_EINVAL
    assert "'query'" in error(lib)
    results = ctypes.c_void_p()
    assert lib.psv_rules_filter(ctypes.byref(results), None, None, None) == PSV_EINVAL
    assert "'rules'" in error(lib)
    bad = b'{"rules": [{"name": "t2i", "query": "(a"}]}'
    assert lib.psv_rules_from_json(ctypes.byref(rules), bad, len(bad)) == PSV_ERULE
    assert 'rule "t2i": query column 1' in error(lib)


def test_check_lists_problems(lib: ctypes.CDLL) -> None:
    bad = b'{"rules": [{"name": "t2i", "query": "(a"}, {"name": "k", "keywords": [""]}]}'
    problems = ctypes.c_void_p()
    assert lib.psv_rules_check(ctypes.byref(problems), bad, len(bad)) == PSV_OK
    try:
        found = []
        problem = Problem()
        for i in range(lib.psv_problems_count(problems)):
            assert lib.psv_problems_get(ctypes.byref(problem), problems, i) == PSV_OK
            found.append(problem.description.decode())
            assert problem.rule in (b"t2i", b"k") and problem.column >= 1
    finally:
        lib.psv_problems_free(problems)
    assert found == papersieve.RuleSet.check_json(bad.decode())


def test_error_message_is_per_thread(lib: ctypes.CDLL) -> None:
    rules = ctypes.c_void_p()
    assert lib.psv_rules_from_query(ctypes.byref(rules), b"main (thread") == PSV_ERULE
    seen: list[str] = []

    def other() -> None:
        inner = ctypes.c_void_p()
        lib.psv_rules_from_file(ctypes.byref(inner), b"/nonexistent/other-thread.json")
        seen.append(error(lib))

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert "other-thread.json" in seen[0]
    assert "column" in error(lib) and "other-thread" not in error(lib)
