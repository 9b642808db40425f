"""`brief eval`: score the brief against lead and LexRank on a JSON Lines corpus (pipeline.eval)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..config import DEFAULT_SUMMARISER, Config
from ..stages.summarise import SUMMARISERS
from ._util import app, err, fail


@app.command("eval")
def evaluate(
    data: Path = typer.Argument(
        ...,
        help="JSON Lines: `documents`, `summary` (Multi-News) or `references` (DUC, "
        "ROUGE averaged over them), optional `alignments`.",
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Where report.md, report.json and report.png go."),
    systems: str = typer.Option("brief,lead,lexrank", help="Comma-separated: brief, lead, lexrank."),
    words: int = typer.Option(230, min=10, help="Word budget, the same for every system (DUC: 100)."),
    summariser: str = typer.Option(
        DEFAULT_SUMMARISER, help=f"The brief's summariser: {', '.join(sorted(SUMMARISERS))}."
    ),
    embedder: str = typer.Option(
        Config.embedder, help="'minilm' (embedded), 'hashing' (no model), a local path or HF id."
    ),
    device: str = typer.Option(Config.device, help="auto, cpu or cuda."),
    max_sentences: int = typer.Option(Config.max_sentences, min=1, help="Most sentences in the brief."),
    attribution: bool = typer.Option(True, help="Also attribute the reference summaries and score against gold links."),
    limit: int = typer.Option(0, min=0, help="Only the first N clusters (0: all)."),
    resamples: int = typer.Option(1000, min=10, help="Bootstrap resamples for the 95% intervals."),
    seed: int = typer.Option(0, help="Bootstrap seed."),
) -> None:
    """Score the brief, lead and LexRank (ROUGE F1 and recall, length, standalone sentences, time) and
    the attribution (gold links)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..eval.evaluate import EvalDataError, Settings, write_report
    from ..eval.evaluate import evaluate as run_eval
    from ..inference.models import ModelNotFound

    if summariser not in SUMMARISERS:
        fail(f"unknown summariser {summariser!r}; choose one of {', '.join(sorted(SUMMARISERS))}")
    settings = Settings(
        systems=tuple(s.strip() for s in systems.split(",") if s.strip()),
        words=words,
        summariser=summariser,
        embedder=embedder,
        device=device,
        max_sentences=max_sentences,
        attribution=attribution,
        resamples=resamples,
        seed=seed,
        limit=limit or None,
    )
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("loading", total=None)

        def progress(done: int, total: int, label: str) -> None:
            if not err.is_terminal and label.endswith(settings.systems[0]):  # a log file gets one line per cluster
                err.print(f"[{done + 1}/{total}] {label.split(':')[0]}")
            bar.update(task, completed=done, total=total, description=label)

        try:
            result = run_eval(data, settings, progress)
        except (EvalDataError, ValueError, ModelNotFound) as e:
            bar.stop()
            fail(str(e))
    summary, paths = write_report(result, out)
    for name, s in summary["systems"].items():
        typer.echo(
            f"{name:8} R1 {s['rouge1']['mean']:.3f}  R2 {s['rouge2']['mean']:.3f}  RL {s['rougeL']['mean']:.3f}  "
            f"RLsum {s['rougeLsum']['mean']:.3f}  R2 recall {s['rouge2_recall']['mean']:.3f}  {s['words']:.0f} words  "
            f"{s['not_standalone']}/{s['sentences']} not standalone  {s['seconds']:.2f} s/cluster"
        )
    if summary["attribution"]:
        a = summary["attribution"]
        for mode, m in a["modes"].items():
            typer.echo(
                f"attribution, mode {mode} ({a['sentences']} sentences): document P {m['doc']['precision']:.3f} "
                f"R {m['doc']['recall']:.3f} F1 {m['doc']['f1']:.3f}; character F1 {m['char']['f1']:.3f}"
            )
    typer.echo(f"report: {paths['md']} ({paths['json'].name}, {paths['png'].name})")
