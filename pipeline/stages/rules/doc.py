"""docs/rules.md, written from the rule tables: every rule's name, reason and examples, in the order
the rules are asked. ruff builds its rules page the same way, from the rules themselves.

    .venv/bin/python -m pipeline.stages.rules.doc           # rewrite docs/rules.md
    .venv/bin/python -m pipeline.stages.rules.doc --check   # exit 1 when docs/rules.md is out of date

tests/test_rules.py fails when the page and the tables disagree.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from . import FAMILIES
from .base import Family, Rule
from .brief import Placed

PAGE = Path(__file__).resolve().parents[3] / "docs" / "rules.md"

INTRO = """\
# The rules: which sentences may lead a brief, and why not

<!-- Written by `python -m pipeline.stages.rules.doc` from the tables in pipeline/stages/rules/.
Edit the tables, not this page: tests/test_rules.py fails when the two disagree. -->

A brief sentence is read without the article around it, so the sentence that heads each fact must
stand on its own. These rules decide which may. A sentence a rule catches is not thrown away: it
may still back a fact and be cited; it only never heads one. Three families of rules, each asked
in the order below; the first rule that fires gives the reason. A brief's first sentence is asked
the opening rules, then the standalone ones; each later sentence the standalone rules, then the
in-brief ones. `brief explain FOLDER "sentence"` lists every rule that fires on a sentence of your
articles, and whether the sentence made it into the brief.

Every rule comes with sentences it must catch and sentences it must not; the tests run them all
(tests/test_rules.py). The examples are written for the tests, about a made-up harbour.
"""


def _md(text: str) -> str:
    """An example as Markdown text: its own quotes and marks shown as written."""
    return re.sub(r"([\\`*_<>\[\]])", r"\\\1", text)


def _example(example: Any) -> str:
    if not isinstance(example, Placed):
        return _md(example)
    notes = ["after " + " ".join(f"“{_md(a)}”" for a in example.above) if example.above else "first in the brief"]
    notes += [f"{name} is a surname in the articles" for name in sorted(example.known)]
    return f"{_md(example.text)} *({'; '.join(notes)})*"


def _rule(number: int, rule: Rule[Any, Any]) -> list[str]:
    module = getattr(rule.check, "__module__", "")
    return [
        f"### {number}. `{rule.name}`",
        "",
        f"**{_md(rule.reason)}**" + (f" (`{module}`)" if module else ""),
        "",
        "Catches:",
        "",
        *(f"- {_example(e)}" for e in rule.catches),
        "",
        "Lets through:",
        "",
        *(f"- {_example(e)}" for e in rule.passes),
        "",
    ]


def _family(family: Family[Any, Any]) -> list[str]:
    lines = [f"## {family.name}", "", family.question, ""]
    for number, rule in enumerate(family.rules, 1):
        lines += _rule(number, rule)
    return lines


def markdown() -> str:
    lines = [INTRO, "| family | question | rules |", "| --- | --- | --- |"]
    lines += [f"| [{f.name}](#{f.name}) | {f.question} | {len(f.rules)} |" for f in FAMILIES]
    lines.append("")
    for family in FAMILIES:
        lines += _family(family)
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 when docs/rules.md is out of date; write nothing")
    args = ap.parse_args()
    text = markdown()
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            sys.exit(f"{PAGE} is out of date: run python -m pipeline.stages.rules.doc")
        return
    PAGE.parent.mkdir(exist_ok=True)
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE}")


if __name__ == "__main__":
    main()
