"""scripts/bench --quick: the whole side-by-side suite at tiny sizes, one run each, so that the
benchmarks, their agreement checks and the report never rot. No timing is asserted."""
import os
import shutil
import subprocess

import pytest

from conftest import SHARED_DATA

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLE = os.path.join(ROOT, "build", "bench-suite", "quick", "table.md")


@pytest.fixture(scope="module")
def table():
    if shutil.which("cmake") is None or shutil.which("ninja") is None:
        pytest.skip("cmake and ninja are needed to build the benchmarks")
    subprocess.run([os.path.join(ROOT, "scripts", "bench"), "--quick"], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, timeout=900)
    with open(TABLE, encoding="utf-8") as f:
        return f.read()


def rows(table):
    return [line.split(" | ") for line in table.splitlines() if line.startswith("| ")][2:]


def test_every_section_has_papersieve_numbers(table):
    ours = [r for r in rows(table) if r[1].startswith("**")]
    sections = {r[0].lstrip("| ") for r in ours}
    for section in ("parse arxiv-jsonl", "normalize", "W3: 1,000 keywords", "W4: 1,000 keywords +"
                    " 50 regexes", "W5: 10,000 keywords", "Python overhead (W3)"):
        assert any(s.startswith(section) for s in sections), section
    # The end-to-end and start-up rows read real records and a real page, which only
    # ../shared/data holds: without them the suite says so and has no such rows.
    real_records = (SHARED_DATA / "arxiv_oai_snapshot_first100.jsonl").is_file()
    assert any(s.startswith("end to end") for s in sections) == real_records
    real_page = (SHARED_DATA / "000_fd6c685c865a6cdc.txt").is_file()
    assert ("start-up" in sections) == real_page  # a daily run against python -c pass
    for r in ours:
        float(r[2])  # a number, not an error


def test_engines_agree_with_papersieve(table):
    # FlashText reports leftmost-longest, non-overlapping keywords: it may miss a rule whose
    # keyword sits inside a longer one (docs/benchmarks.md); every other engine must agree.
    for r in rows(table):
        if "FlashText" not in r[1]:
            assert "†" not in r[2] and "differ" not in r[2], r


def test_plot_written(table):
    assert os.path.getsize(os.path.join(os.path.dirname(TABLE), "benchmarks.png")) > 1000
