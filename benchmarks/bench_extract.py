"""Article extraction quality and speed on saved news pages.

HTML_DIR holds `<name>.html` pages and `truth.jsonl` (`{"page", "articleBody", ...}` a line).
Each system turns a page into text; the text is scored against `articleBody` with bag-of-words
precision, recall and F1 (the measure of the article-extraction-benchmark by Zyte: lower-cased
`\\w+` tokens, multiset overlap), averaged over pages. Systems:

- trafilatura: `trafilatura.extract(html)` with its default settings;
- html_to_text: the old whole-page walk that ingest used before pipeline.stages.extract;
- extract_html: `pipeline.stages.extract.extract_html`.

    nice -n 5 .venv/bin/python benchmarks/bench_extract.py /work/shared/eval/html_dev
    .venv/bin/python benchmarks/bench_extract.py /work/shared/eval/html_dev --show bbc.com-c7e39ac4
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_TOKEN = re.compile(r"\w+")


def bag_of_words(pred: str, truth: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the lower-cased `\\w+` tokens of `pred` against `truth`,
    counting each token as often as it occurs in both. Two empty texts agree perfectly; an
    empty prediction of a non-empty truth scores 0."""
    p_tokens = Counter(_TOKEN.findall(pred.lower()))
    t_tokens = Counter(_TOKEN.findall(truth.lower()))
    if not p_tokens and not t_tokens:
        return 1.0, 1.0, 1.0
    overlap = sum((p_tokens & t_tokens).values())
    precision = overlap / sum(p_tokens.values()) if p_tokens else 0.0
    recall = overlap / sum(t_tokens.values()) if t_tokens else 0.0
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def html_to_text(html: str) -> str:
    """What ingest read from a page before pipeline.stages.extract: every visible text node, one per line."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "noscript", "template", "svg", "head"])
    root = tree.body or tree.root
    if root is None:
        return ""
    lines = (" ".join(line.split()) for line in root.text(separator="\n", strip=False).splitlines())
    return "\n".join(line for line in lines if line)


def _systems() -> dict[str, Callable[[str], str]]:
    import trafilatura

    from pipeline.stages.extract import extract_html

    return {
        "trafilatura (default)": lambda html: trafilatura.extract(html) or "",
        "html_to_text (old)": html_to_text,
        "extract_html (ours)": lambda html: extract_html(html).text,
    }


def load_pages(html_dir: Path) -> list[tuple[str, str, str]]:
    """(name, html, articleBody) for each page of truth.jsonl, in file order."""
    pages = []
    for line in (html_dir / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            html = (html_dir / row["page"]).read_text(encoding="utf-8")
            pages.append((Path(row["page"]).stem, html, row["articleBody"]))
    return pages


def run(pages: list[tuple[str, str, str]], systems: dict[str, Callable[[str], str]]) -> dict:
    results = {}
    for name, system in systems.items():
        per_page = {}
        for page, html, truth in pages:
            start = time.perf_counter()
            text = system(html)
            seconds = time.perf_counter() - start
            p, r, f1 = bag_of_words(text, truth)
            per_page[page] = {"precision": p, "recall": r, "f1": f1, "seconds": seconds}
        rows = per_page.values()
        results[name] = {
            "f1": statistics.fmean(row["f1"] for row in rows),
            "precision": statistics.fmean(row["precision"] for row in rows),
            "recall": statistics.fmean(row["recall"] for row in rows),
            "median_seconds": statistics.median(row["seconds"] for row in rows),
            "pages": per_page,
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html_dir", type=Path, help="folder with <name>.html pages and truth.jsonl")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write every per-page score here")
    parser.add_argument("--show", metavar="NAME", help="print extract_html's result for one page and stop")
    parser.add_argument("--worst", type=int, default=10, metavar="N", help="list our N lowest-F1 pages")
    args = parser.parse_args()

    if args.show:
        from pipeline.stages.extract import extract_html

        path = args.html_dir / (args.show if args.show.endswith(".html") else args.show + ".html")
        result = extract_html(path.read_text(encoding="utf-8"))
        for field in ("extractor", "title", "site", "author", "published", "url"):
            print(f"{field}: {getattr(result, field)}")
        print()
        print(result.text)
        return

    pages = load_pages(args.html_dir)
    results = run(pages, _systems())
    print(f"{len(pages)} pages from {args.html_dir}")
    print(f"{'system':<24} {'F1':>6} {'P':>6} {'R':>6} {'median s/page':>14}")
    for name, res in results.items():
        print(f"{name:<24} {res['f1']:6.3f} {res['precision']:6.3f} {res['recall']:6.3f} {res['median_seconds']:14.4f}")
    ours = list(results.values())[-1]["pages"]
    if args.worst:
        print("\nlowest F1 of extract_html (ours):")
        for page, row in sorted(ours.items(), key=lambda item: item[1]["f1"])[: args.worst]:
            print(f"  {row['f1']:.3f}  P {row['precision']:.3f}  R {row['recall']:.3f}  {page}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
