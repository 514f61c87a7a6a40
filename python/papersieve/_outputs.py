"""Rendering results in every output format the CLI offers (docs/writers.md)."""

from __future__ import annotations

import os
import time

TYPE_CHECKING = False
if TYPE_CHECKING:  # not at run time: typing costs the command line's start-up time
    from typing import Callable, Dict, List, Optional

    from . import Corpus, Results

# Formats of `filter --to` (and of a digest config's [[output]] "to").
RESULT_FORMATS = ["jsonl", "json", "csv", "md", "html", "text", "atom", "rss", "bibtex", "ris",
                  "csl-json", "email"]
# Formats of `parse --to`.
PAPER_FORMATS = ["jsonl", "json", "csv", "bibtex", "ris", "csl-json"]


class DigestInfo:
    """What a digest says about its run (its footer, a feed's metadata)."""

    def __init__(self, title: str = "papersieve digest", inputs: Optional[List[str]] = None,
                 rules: str = "", generated: str = "", full_abstracts: bool = False,
                 feed_url: str = "") -> None:
        self.title = title
        self.inputs: List[str] = inputs if inputs is not None else []
        self.rules = rules
        self.generated = generated  # RFC 3339 UTC
        self.full_abstracts = full_abstracts
        self.feed_url = feed_url


def now_rfc3339() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH's time when set (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = time.gmtime(int(epoch) if epoch.isdigit() else None)
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", when)


def render(results: Results, to: str, info: DigestInfo) -> str:
    """The results as `to` (one of RESULT_FORMATS except "email", which _email builds)."""
    def digest(method: Callable[..., str]) -> Callable[[], str]:
        return lambda: method(info.title, inputs=info.inputs, rules=info.rules,
                              generated=info.generated, full_abstracts=info.full_abstracts)

    def feed(method: Callable[..., str]) -> Callable[[], str]:
        return lambda: method(info.title, generated=info.generated, feed_url=info.feed_url)

    writers: Dict[str, Callable[[], str]] = {
        "jsonl": results.to_jsonl,
        "json": lambda: "[" + ",\n".join(results.to_jsonl().splitlines()) + "]\n",
        "csv": results.to_csv,
        "md": digest(results.to_markdown),
        "html": digest(results.to_html),
        "text": digest(results.to_text),
        "atom": feed(results.to_atom),
        "rss": feed(results.to_rss),
        "bibtex": results.to_bibtex,
        "ris": results.to_ris,
        "csl-json": results.to_csl_json,
    }
    return writers[to]()


def render_papers(corpus: Corpus, to: str) -> str:
    """A corpus in a citation format (bibtex, ris, csl-json)."""
    return {"bibtex": corpus.to_bibtex, "ris": corpus.to_ris, "csl-json": corpus.to_csl_json}[to]()
