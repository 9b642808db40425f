"""`brief watch`: keep the briefs up to date as articles change (pipeline.runtime.watch)."""

from __future__ import annotations

from pathlib import Path

import typer

from ._util import (
    DEVICE_OPTION,
    EMBEDDER_OPTION,
    EXIT_OK,
    GENERATOR_OPTION,
    MAX_SENTENCES_OPTION,
    MAX_WORDS_OPTION,
    OUT_OPTION,
    SUMMARISER_OPTION,
    _config,
    _incidents,
    app,
    err,
    fail,
)


@app.command()
def watch(
    path: Path = typer.Argument(..., help="Folder of articles, or a folder of such folders."),
    out: Path = OUT_OPTION,
    summariser: str = SUMMARISER_OPTION,
    max_sentences: int = MAX_SENTENCES_OPTION,
    max_words: int = MAX_WORDS_OPTION,
    embedder: str = EMBEDDER_OPTION,
    generator: str = GENERATOR_OPTION,
    device: str = DEVICE_OPTION,
    debounce: int = typer.Option(1600, min=0, help="Milliseconds to gather file changes before rebuilding."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr."),
    on_change: str | None = typer.Option(
        None,
        "--on-change",
        help="Shell command to run after each rebuild that changed something, with the changes as JSON on "
        "stdin; its failure is reported, and the brief stays published.",
    ),
) -> None:
    """Keep the briefs under PATH up to date: rebuild an incident when its articles change.
    Models load once; a failed rebuild is reported and watching goes on; Ctrl-C stops (exit 0)."""
    from ..inference.models import ModelNotFound
    from ..runtime.watch import watch as watch_loop

    if not _incidents(path, summariser, allow_none=True):
        err.print(f"{path}: no incident yet; watching for articles")
    config = _config(summariser, max_sentences, max_words, embedder, generator, device)

    def report(line: str) -> None:
        if line.startswith("error:"):
            err.print(f"[red]error:[/red]{line[len('error:') :]}")
        elif not quiet:
            err.print(line)

    try:
        watch_loop(path, out, config, report=report, debounce_ms=debounce, on_change=on_change)
    except ModelNotFound as e:
        fail(str(e))
    except KeyboardInterrupt:
        pass
    if not quiet:
        err.print("stopped")
    raise typer.Exit(EXIT_OK)
