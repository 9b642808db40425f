"""`brief diff A B`: what changed from brief A to brief B (pipeline.stages.compare)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..config import Config
from ._util import DEVICE_OPTION, EMBEDDER_OPTION, EXIT_OK, OUT_OPTION, app, fail


@app.command()
def diff(
    a: str = typer.Argument(..., help="The earlier brief: a brief folder, its brief.json, or INCIDENT@K."),
    b: str = typer.Argument(..., help="The later brief, named the same ways (INCIDENT alone: the current one)."),
    out: Path = OUT_OPTION,
    embedder: str = EMBEDDER_OPTION,
    device: str = DEVICE_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the changes as JSON, as brief.json keeps them."),
) -> None:
    """Compare two briefs as a rebuild does: new facts (by meaning), updated figures, withdrawn
    facts, sources added, removed and changed. INCIDENT@K is the brief K publishes before the
    current one under --out (`brief history INCIDENT` lists them)."""
    from ..inference.embed import make_embedder
    from ..inference.models import ModelNotFound
    from ..runtime.history import NoBrief, locate, read_brief
    from ..stages.compare import compare
    from ..stages.ingest import printable

    try:
        (old, built), (new, _) = (read_brief(locate(ref, out)) for ref in (a, b))
    except NoBrief as e:
        fail(str(e))
    model = make_embedder(Config().with_options(embedder=embedder).embedder, device=device)
    try:
        model.warm_up()
    except ModelNotFound as e:
        fail(str(e))
    changes = compare(old, new, model.embed, since=built)
    if as_json:
        typer.echo(json.dumps(changes.to_dict(), indent=2, ensure_ascii=False))
    else:
        for line in changes.lines():
            typer.echo(printable(line))
    raise typer.Exit(EXIT_OK)
