"""What the `brief` commands share: the typer app, the stderr console, the exit codes, the option
aliases and the usage checks (spaCy's `cli/_util.py`). Each command module imports from here.

Module-level imports stay light (no numpy/sklearn/torch): `brief run` answers "up to date" before
loading anything (tests/test_manifest.py checks this). Anything heavy is imported inside a command.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

# Before anything can import transformers: scheduled runs must never reach for the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402

from ..config import DEFAULT_SUMMARISER, Config  # noqa: E402
from ..stages.summarise import SUMMARISERS  # noqa: E402

app = typer.Typer(
    help="Merge news articles about one incident into a brief where every sentence cites its sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
# `brief status`: some brief needs a rebuild. `brief run`/`watch`: another run holds OUT's lock
# (75 is EX_TEMPFAIL, "try again later", in sysexits.h).
EXIT_STALE, EXIT_LOCKED = 4, 75

# Settings shared by `run`, `status` and `watch`, so that "up to date" is judged with exactly the
# config `run` would build with.
OUT_OPTION = typer.Option(Path("outputs"), "--out", "-o", help="Where OUT/<incident>/brief.md|json and run.json go.")
SUMMARISER_OPTION = typer.Option(DEFAULT_SUMMARISER, help=f"One of: {', '.join(sorted(SUMMARISERS))}.")
MAX_SENTENCES_OPTION = typer.Option(Config.max_sentences, min=1, help="Most sentences in the brief.")
MAX_WORDS_OPTION = typer.Option(Config.max_words, min=10, help="Word budget of the brief.")
EMBEDDER_OPTION = typer.Option(
    Config.embedder, help="'minilm' (embedded), 'hashing' (no model), a local path or HF id."
)
GENERATOR_OPTION = typer.Option(
    Config.generator, help="'smollm2' (embedded), a local path or HF id (abstractive only)."
)
DEVICE_OPTION = typer.Option(Config.device, help="auto, cpu or cuda.")


@app.callback()
def _root() -> None:
    """Exit codes: 0 brief built; 1 built, but some files were skipped; 2 usage error
    (missing path, no readable article, unknown option value); 3 an incident failed; 75 another
    run held the output folder longer than --wait. `brief status`: 0 up to date, 4 stale."""


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    err.print(f"[red]error:[/red] {shown(message)}", markup=True)
    raise typer.Exit(code)


def shown(text: object) -> str:
    """Untrusted text (file and folder names, reasons) for the console: one line, and no Rich
    markup, so that a file named "[/x].txt" neither crashes the run nor recolours the output."""
    from rich.markup import escape

    from ..stages.ingest import printable

    return escape(printable(str(text)))


def report_files(incident: str, files: tuple, quiet: bool, verbose: bool) -> bool:
    """One stderr line per file that was skipped, copied or warned about (and, with --verbose,
    per file read). True when a file was skipped."""
    skipped = False
    for f in files:
        where = shown(f"{incident}/{f.path}")
        if f.status == "skipped":
            err.print(f"[yellow]skipped[/yellow] {where}: {shown(f.reason)}")
            skipped = True
        elif f.status == "duplicate" and not quiet:
            err.print(f"[dim]duplicate[/dim] {where}: {shown(f.reason)}")
        elif verbose:
            err.print(f"[dim]read[/dim] {where}: {f.encoding}, sha256 {f.sha256[:12]}")
        for w in f.warnings:
            err.print(f"[yellow]warning[/yellow] {where}: {shown(w)}")
    return skipped


def _config(summariser: str, max_sentences: int, max_words: int, embedder: str, generator: str, device: str) -> Config:
    """The settings shared by run, status and watch: the same options must mean the same manifest."""
    return Config().with_options(
        summariser=summariser,
        max_sentences=max_sentences,
        max_words=max_words,
        embedder=embedder,
        generator=generator,
        device=device,
    )


def _incidents(path: Path, summariser: str, allow_none: bool = False) -> list[Path]:
    """The incident folders under PATH, after the usage checks every command makes (exit 2)."""
    from ..runtime.layout import find_incidents

    if not path.is_dir():
        fail(f"{path}: no such folder; pass a folder of articles, e.g. `seeds`")
    if summariser not in SUMMARISERS:
        fail(f"unknown summariser {summariser!r}; choose one of {', '.join(sorted(SUMMARISERS))}")
    incidents = find_incidents(path)
    if not incidents and not allow_none:
        fail(f"{path}: no readable article (.txt, .md or .html) here or in its subfolders")
    return incidents
