"""A daily digest: read a paper dump, apply a rule file, write the HTML page and an
Atom feed beside it (digest.xml for digest.html); surveys are dropped in Python and the
rest still renders.

    python examples/python/daily_digest.py examples/data/hf_page_sample.txt \\
        examples/rules/digest.json digest.html
"""

from __future__ import annotations

import sys
from pathlib import Path

import papersieve


def main(dump: str, rules_path: str, output: str) -> int:
    try:
        rules = papersieve.RuleSet.from_file(rules_path)
        corpus = papersieve.parse_file(dump)
    except papersieve.PapersieveError as error:
        print(f"daily_digest: {error}", file=sys.stderr)
        return 2
    selected = rules.filter(corpus)
    results = papersieve.Results([h for h in selected if "survey" not in h.paper.title.lower()])
    page = Path(output)
    page.write_text(results.to_html(f"Papers for you ({len(results)})", inputs=[dump],
                                    rules=rules_path), encoding="utf-8")
    page.with_suffix(".xml").write_text(results.to_atom("Papers for you"), encoding="utf-8")
    for hit in results:
        print(f"{hit.score:>5g}  {hit.paper.title}  [{', '.join(hit.tags or hit.rules)}]")
    print(f"{len(results)} of {corpus.stats['papers']} papers -> {output}")
    return 0 if len(results) else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
