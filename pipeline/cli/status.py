"""`brief status`: what `brief run` with the same options would rebuild, and why (runs nothing)."""

from __future__ import annotations

from pathlib import Path

import typer

from ._util import (
    DEVICE_OPTION,
    EMBEDDER_OPTION,
    EXIT_OK,
    EXIT_STALE,
    GENERATOR_OPTION,
    MAX_SENTENCES_OPTION,
    MAX_WORDS_OPTION,
    OUT_OPTION,
    SUMMARISER_OPTION,
    _config,
    _incidents,
    app,
)

REASONS_SHOWN = 20  # per incident; a changed corpus can list hundreds of files


@app.command()
def status(
    path: Path = typer.Argument(..., help="Folder of articles, or a folder of such folders."),
    out: Path = OUT_OPTION,
    summariser: str = SUMMARISER_OPTION,
    max_sentences: int = MAX_SENTENCES_OPTION,
    max_words: int = MAX_WORDS_OPTION,
    embedder: str = EMBEDDER_OPTION,
    generator: str = GENERATOR_OPTION,
    device: str = DEVICE_OPTION,
) -> None:
    """Say per incident whether `brief run` with these options would rebuild it, and why. Runs
    nothing. Exit codes: 0 all up to date; 4 at least one needs a rebuild; 2 usage error."""
    from ..runtime.manifest import plan

    incidents = _incidents(path, summariser)
    config = _config(summariser, max_sentences, max_words, embedder, generator, device)
    verdicts = plan(incidents, out, config)
    for v in verdicts:
        if v.up_to_date:
            typer.echo(f"{v.folder.name}: up to date ({v.target / 'brief.md'})")
            continue
        typer.echo(f"{v.folder.name}: needs a rebuild")
        for reason in v.reasons[:REASONS_SHOWN]:
            typer.echo(f"  {reason}")
        if len(v.reasons) > REASONS_SHOWN:
            typer.echo(f"  ... and {len(v.reasons) - REASONS_SHOWN} more")
    raise typer.Exit(EXIT_OK if all(v.up_to_date for v in verdicts) else EXIT_STALE)
