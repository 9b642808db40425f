"""`brief eval` results -> report.md tables and a report.png plot (matplotlib, Agg: no display)."""

from __future__ import annotations

from pathlib import Path

from .metrics import RECALL, ROUGE_TYPES

LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L", "rougeLsum": "ROUGE-Lsum"}


def _f(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None or x != x else f"{x:.{digits}f}"


def summary_table(summary: dict, recall: bool = False) -> list[str]:
    """One row per system: ROUGE F1 (or recall) with its interval, words and seconds."""
    keys = [RECALL[m] if recall else m for m in ROUGE_TYPES]
    head = "| system | " + " | ".join(LABELS[m] for m in ROUGE_TYPES) + " | words | s/cluster |"
    lines = [head, "|" + " --- |" * (len(ROUGE_TYPES) + 3)]
    for name, e in summary["systems"].items():
        cells = [f"{_f(e[k]['mean'])} [{_f(e[k]['low'])}, {_f(e[k]['high'])}]" for k in keys]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {e['words']:.0f} | {_f(e['seconds'], 2)} |")
    return lines


def to_markdown(summary: dict) -> str:
    s = summary["settings"]
    refs = summary.get("references_per_cluster", 1)
    against = "one reference summary" if refs == 1 else f"{refs:g} reference summaries per cluster, averaged over them"
    lines = [
        f"# Evaluation: `{Path(summary['data']).name}`",
        "",
        f"{summary['clusters']} clusters; budget {s['words']} words for every system; "
        f"ROUGE F1 and recall (rouge-score, Porter stemmer) against {against}, mean over clusters with "
        f"bootstrap 95% intervals ({s['resamples']} resamples of clusters, seed {s['seed']}).",
        "",
    ]
    if summary.get("pipeline_config"):
        c = summary["pipeline_config"]
        lines += [
            f"brief: summariser `{c['summariser']}`, embedder `{c['embedder']}`, max sentences {c['max_sentences']}, "
            f"redundancy {c['redundancy']}, support threshold {c['support_threshold']}, "
            f"cluster threshold {c['cluster_threshold']}; models loaded once in {summary['warm_up_seconds']:.1f} s.",
            "",
        ]
    lines += ["## Summaries", "", "ROUGE F1:", ""] + summary_table(summary) + ["", "ROUGE recall:", ""]
    lines += summary_table(summary, recall=True) + [""]
    for pair, wins in summary["comparisons"].items():
        a, b = pair.split(">")
        shares = "; ".join(f"{LABELS[m]} {wins[m]:.0%} (recall {wins[RECALL[m]]:.0%})" for m in ROUGE_TYPES)
        lines.append(f"- {a} beats {b} in this share of paired bootstrap resamples, F1: {shares}.")
    failed = {n: e["failed"] for n, e in summary["systems"].items() if e["failed"]}
    if failed:
        lines.append(f"- Failed clusters (scored 0): {failed}; see report.json.")
    lines += [
        "",
        "## Faithfulness proxies",
        "",
        "| system | sentences cited | fused | not standalone | numbers not in sources | names not in sources |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, e in summary["systems"].items():
        cited = _f(e.get("share_cited"), 2) if "share_cited" in e else "-"
        fused = _f(e.get("share_fused"), 2) if "share_fused" in e else "-"
        lines.append(
            f"| {name} | {cited} | {fused} | {e['not_standalone']} of {e['sentences']} "
            f"| {e['numbers_unsupported']} of {e['numbers']} | {e['names_unsupported']} of {e['names']} |"
        )
    lines += [
        "",
        "Not standalone: `pipeline.stages.standalone.problem`, per output sentence; reasons (examples in report.json):",
        "",
    ]
    for name, e in summary["systems"].items():
        reasons = "; ".join(f"{reason} {count}" for reason, count in e["not_standalone_reasons"].items()) or "none"
        lines.append(f"- {name}: {reasons}.")
    story = summary["systems"].get("brief", {}).get("story")
    if story:
        lines += [
            "",
            "## The brief as a story",
            "",
            f"Of {story['briefs']} briefs, the lede states the incident's day in {story['lede_when']} of the "
            f"{story['frame_when']} whose sources date it, its place in {story['lede_where']} of "
            f"{story['frame_where']}, its toll in {story['lede_count']} of {story['frame_count']}; "
            f"{story['with_timeline']} briefs have a timeline; {story['differences']} differences flagged "
            "(pipeline.eval.story).",
        ]
    a = summary.get("attribution")
    if a:
        lines += [
            "",
            "## Attribution of the reference summary",
            "",
            f"{a['sentences']} summary sentences with gold links in {a['clusters']} clusters, attributed with the "
            f"pipeline's attribution stage (embedder `{a['embedder']}`, pool: {a['pool']}) and scored against "
            "the documents (and character spans) of their gold links; macro-averaged over sentences. "
            "Mode `brief`: the pipeline's own settings; mode `summary`: `brief attribute --mode summary`.",
            "",
            "| mode | settings | got a source | level | precision | recall | F1 [95% CI] |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for mode, m in a["modes"].items():
            st = ", ".join(f"{k} {v}" for k, v in m["settings"].items())
            for level, label in (("doc", "document"), ("char", "character")):
                r = m[level]
                lines.append(
                    f"| {mode} | {st} | {m['with_prediction']:.0%} | {label} | {_f(r['precision'])} | "
                    f"{_f(r['recall'])} | {_f(r['f1'])} [{_f(r['f1_low'])}, {_f(r['f1_high'])}] |"
                )
        if a.get("all_documents"):
            r = a["all_documents"]
            lines.append(
                f"| (every document cited) | | 100% | document "
                f"| {_f(r['precision'])} | {_f(r['recall'])} | {_f(r['f1'])} |"
            )
        if a.get("offsets_shifted"):
            lines += [
                "",
                f"Warning: ingest changed the text of {a['offsets_shifted']} documents (line endings, byte order "
                "mark or length), so their character scores compare shifted offsets.",
            ]
    return "\n".join(lines) + "\n"


def plot(summary: dict, path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - the eval extra is missing
        raise ImportError("the eval plot needs the `eval` extra: pip install -e '.[eval]'") from None
    systems = list(summary["systems"])
    attribution = summary.get("attribution")
    fig, axes = plt.subplots(1, 2 if attribution else 1, figsize=(11 if attribution else 7, 4), squeeze=False)
    ax = axes[0][0]
    width = 0.8 / len(systems)
    for k, name in enumerate(systems):
        e = summary["systems"][name]
        means = [e[m]["mean"] for m in ROUGE_TYPES]
        err = [[e[m]["mean"] - e[m]["low"] for m in ROUGE_TYPES], [e[m]["high"] - e[m]["mean"] for m in ROUGE_TYPES]]
        xs = [i + (k - (len(systems) - 1) / 2) * width for i in range(len(ROUGE_TYPES))]
        ax.bar(xs, means, width, yerr=err, capsize=3, label=f"{name} ({e['words']:.0f} words)")
    ax.set_xticks(range(len(ROUGE_TYPES)), [LABELS[m] for m in ROUGE_TYPES])
    ax.set_ylabel("F1 (95% bootstrap CI)")
    ax.set_title(f"{Path(summary['data']).name}: {summary['clusters']} clusters, {summary['settings']['words']} words")
    ax.legend(fontsize=8)
    if attribution:
        ax2 = axes[0][1]
        bars = [(mode, level) for mode in attribution["modes"] for level in ("doc", "char")]
        for k, key in enumerate(("precision", "recall", "f1")):
            xs = [i + (k - 1) * 0.25 for i in range(len(bars))]
            ax2.bar(xs, [attribution["modes"][mode][level][key] for mode, level in bars], 0.25, label=key)
        ax2.set_xticks(range(len(bars)), [f"{mode}\n{level}" for mode, level in bars])
        ax2.set_ylim(0, 1)
        ax2.set_title(f"attribution of {attribution['sentences']} reference sentences")
        ax2.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
