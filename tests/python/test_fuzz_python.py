"""A smoke run of the Python-layer fuzzer (fuzz/python/fuzz_python_api.py, atheris):
20 s by default, PSV_FUZZ_SECONDS changes it (0 skips it). docs/reliability.md says how
to run it longer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FUZZER = Path(__file__).resolve().parents[2] / "fuzz" / "python" / "fuzz_python_api.py"


def test_python_api_fuzz_smoke(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (pip install "
                        "'papersieve[dev]'; it has wheels for CPython <= 3.11 on x86-64)")
    seconds = int(os.environ.get("PSV_FUZZ_SECONDS", "20"))
    if seconds == 0:
        pytest.skip("PSV_FUZZ_SECONDS=0")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    result = subprocess.run(
        [sys.executable, str(FUZZER), str(corpus), f"-max_total_time={seconds}",
         "-rss_limit_mb=2560", "-timeout=20", f"-artifact_prefix={tmp_path}/",
         "-print_final_stats=1"],
        capture_output=True, text=True, timeout=seconds + 120, cwd=tmp_path)
    tail = "\n".join(result.stderr.splitlines()[-30:])
    assert result.returncode == 0, tail
    assert "Done" in result.stderr and "stat::number_of_executed_units" in result.stderr, tail


# What the fuzzer found: invalid UTF-8 in fields normalization keeps verbatim (a kv-text
# link, the text of its continuation line, an `extra` key and value, arXiv categories) reached Python as
# is, so Paper.links, Paper.extra, to_json() and Corpus.to_jsonl() raised
# UnicodeDecodeError. They are now repaired to U+FFFD with a warning.
def test_invalid_utf8_in_verbatim_fields_is_repaired() -> None:
    import papersieve

    kv = (b"Title: One\nPDF: https://arxiv.org/pdf/2406.14539/\xfc}\n  more \xfc}\n"
          b"Summary: A summary.\nExtra \xf6: tp \xf6\xf6\n")
    corpus = papersieve.parse(kv, "kv-text")
    paper = corpus[0]
    assert "\ufffd" in paper.links[0].url
    assert paper.extra == {"extra_\ufffd": "tp \ufffd\ufffd"} or all(
        "\ufffd" in k + v for k, v in paper.extra.items())
    assert "\ufffd" in corpus.to_jsonl() and paper.to_json()
    assert any(d.message.startswith("invalid UTF-8 in links") for d in corpus.diagnostics)
    jsonl = (b'{"id": "2406.00001", "title": "T", "abstract": "A.", '
             b'"categories": "cs.CL \xff"}\n')
    paper = papersieve.parse(jsonl, "arxiv-jsonl")[0]
    assert paper.categories == ["cs.CL", "\ufffd"]
