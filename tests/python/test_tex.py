"""TeX and math as readers and searches see them: rendered text, raw source kept, folded keywords."""

from __future__ import annotations

import json

import papersieve

from conftest import shared_file


def arxiv(records: list[dict]) -> papersieve.Corpus:
    lines = "".join(json.dumps({"id": r["id"], "title": r["title"], "abstract": r.get("abstract", ""),
                                "authors": "A. Author"}) + "\n" for r in records)
    return papersieve.parse(lines, format="arxiv-jsonl")


RECORDS = [
    {"id": "0704.9001", "title": "$\\alpha$ from $B\\to\\pi\\pi$ decays"},
    {"id": "0704.9002", "title": "Superconductivity in CeAg$_2$Ge$_2$ and TiSe$_2$"},
    {"id": "0704.9003", "title": "$p$-adic Limit of Modular Forms",
     "abstract": "The slope $\\frac{1}{2}$ stays as written."},
    {"id": "0704.9004", "title": "Alpha decay of heavy nuclei"},
]


def ids(corpus: papersieve.Corpus, query: str) -> list[str]:
    return [h.paper.id for h in papersieve.RuleSet.from_query(query).filter(corpus)]


def test_math_renders_and_the_tex_source_is_kept() -> None:
    c = arxiv(RECORDS)
    alpha, formula, padic, plain = list(c)
    assert alpha.title == "\u03b1 from B\u2192\u03c0\u03c0 decays"
    assert alpha.extra["raw_title"] == "$\\alpha$ from $B\\to\\pi\\pi$ decays"
    assert formula.title == "Superconductivity in CeAg\u2082Ge\u2082 and TiSe\u2082"
    assert padic.title == "p-adic Limit of Modular Forms"
    assert padic.abstract == "The slope $\\frac{1}{2}$ stays as written."  # no exact form: kept
    assert "raw_abstract" not in padic.extra  # unchanged text is not stored twice
    assert "raw_title" not in plain.extra


def test_searches_find_what_a_reader_types() -> None:
    c = arxiv(RECORDS)
    assert ids(c, "title:CeAg2Ge2") == ["0704.9002"]
    assert ids(c, "TiSe2") == ["0704.9002"]
    assert ids(c, 'title:"p-adic"') == ["0704.9003"]
    # A Greek letter is its name: alpha and α find both the symbol and the word.
    assert ids(c, "title:\u03b1") == ["0704.9001", "0704.9004"]
    assert ids(c, "title:alpha") == ["0704.9001", "0704.9004"]
    assert ids(c, '"B \u2192 \u03c0\u03c0"') == ["0704.9001"]
    assert ids(c, '"pi pi"') == ["0704.9001"]
    # /regex/ runs on the displayed (rendered) text, not on the TeX source.
    assert ids(c, "/\u03b1 from/") == ["0704.9001"]
    assert ids(c, "/\\\\alpha/") == []
    assert ids(c, "/CeAg\u2082/") == ["0704.9002"]


def test_snapshot_searches_see_rendered_text() -> None:
    c = papersieve.parse_file(shared_file("arxiv_oai_snapshot_first100.jsonl"))
    assert "0704.0013" in ids(c, 'title:"p-adic"')
    assert ids(c, "title:\u039b") == ["0704.0005"]  # $\Lambda_{\alpha}$ -> Λ_α
    assert "0704.0039" in ids(c, '"\u03c0\u03c0 scattering"')
    assert "0704.0020" in ids(c, '/D0 \u2192 K-/')
    by_id = {p.id: p for p in c}
    assert by_id["0704.0068"].title == "A Note About the Ki(z) Functions"
    assert by_id["0704.0068"].extra["raw_title"] == "A Note About the {Ki(z)} Functions"


def test_cli_shows_rendered_text_keeps_tex_and_filters_on_it(tmp_path) -> None:
    import subprocess
    import sys

    dump = tmp_path / "tex.jsonl"
    dump.write_text("".join(json.dumps({"id": r["id"], "title": r["title"], "abstract": "",
                                        "authors": "A. Author"}) + "\n" for r in RECORDS))

    def run(*args: str) -> list[dict]:
        result = subprocess.run([sys.executable, "-m", "papersieve", *args], capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    parsed = run("parse", str(dump), "--format", "arxiv-jsonl", "--to", "jsonl")
    assert parsed[1]["title"] == "Superconductivity in CeAg\u2082Ge\u2082 and TiSe\u2082"
    assert parsed[1]["extra"]["raw_title"] == "Superconductivity in CeAg$_2$Ge$_2$ and TiSe$_2$"
    hits = run("filter", str(dump), "--format", "arxiv-jsonl", "-q", "CeAg2Ge2", "--to", "jsonl")
    assert [h["id"] for h in hits] == ["0704.9002"]
