"""`brief attribute`: cite any text against a folder of articles (pipeline.eval.check)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from ..config import Config
from ._util import EXIT_FAILED, app, fail


@app.command()
def attribute(
    docs_dir: Path = typer.Argument(..., help="Folder of articles to cite (.txt/.md/.html)."),
    summary: Path = typer.Option(
        ..., "--summary", "-s", help="Text to attribute: one sentence per line, or plain text."
    ),
    as_json: bool = typer.Option(
        False, "--json", help='Print {"sentences": [{"text", "sources"}]} instead of a table.'
    ),
    mode: str = typer.Option(
        "brief",
        help="'brief': the settings briefs are cited with; 'summary': looser, for a "
        "person's summary whose sentences each gather several facts.",
    ),
    embedder: str = typer.Option(
        Config.embedder, help="'minilm' (embedded), 'hashing' (no model), a local path or HF id."
    ),
    device: str = typer.Option(Config.device, help="auto, cpu or cuda."),
) -> None:
    """Cite each sentence of any text against DOCS_DIR, with the same attribution stage as a brief."""
    import json

    from ..eval.check import MODES, attribute_summary, attribution_pipeline, attributor_for, read_summary, to_dict
    from ..inference.models import ModelNotFound
    from ..runtime.run import NoArticles, StageError

    if not docs_dir.is_dir():
        fail(f"{docs_dir}: no such folder; pass the folder of articles the text should be cited against")
    if mode not in MODES:
        fail(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    try:
        sentences = read_summary(summary)
        pipeline = attribution_pipeline(Config().with_options(embedder=embedder, device=device))
        results = attribute_summary(docs_dir, sentences, pipeline, attributor_for(mode, pipeline))
    except (ValueError, ModelNotFound, NoArticles) as e:
        fail(str(e))
    except StageError as e:
        fail(str(e), EXIT_FAILED)
    if as_json:
        typer.echo(json.dumps(to_dict(results), indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table("#", "sentence", "sources: path [start:end] score", show_lines=True)
    for i, r in enumerate(results, start=1):
        cites = "\n".join(f"{s.path} [{s.start}:{s.end}] {s.score:.2f}" for s in r.sources) or "[red]no support[/red]"
        table.add_row(str(i), r.text, cites)
    Console().print(table)
