"""`brief`: thin typer commands over the importable functions in pipeline.run."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # scheduled runs must never reach for the network
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402

from .config import Config  # noqa: E402
from .summarise import SUMMARISERS  # noqa: E402

app = typer.Typer(help="Merge news articles about one incident into a brief where every sentence cites its sources.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


@app.callback()
def _root() -> None:
    """Exit codes: 0 brief built; 1 built, but some files were skipped; 2 usage error
    (missing path, no readable article, unknown option value); 3 an incident failed."""


def fail(message: str, code: int = EXIT_USAGE) -> None:
    err.print(f"[red]error:[/red] {message}", markup=True)
    raise typer.Exit(code)


@app.command()
def run(
    path: Path = typer.Argument(..., help="Folder of articles (.txt/.md/.html), or a folder of such folders."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Where OUT/<incident>/brief.md|json and run.json go."),
    summariser: str = typer.Option(Config.summariser, help=f"One of: {', '.join(sorted(SUMMARISERS))}."),
    max_sentences: int = typer.Option(Config.max_sentences, min=1, help="Most sentences in the brief."),
    max_words: int = typer.Option(Config.max_words, min=10, help="Word budget of the brief."),
    embedder: str = typer.Option(Config.embedder, help="'minilm' (embedded), 'hashing' (no model), a local path or HF id."),
    generator: str = typer.Option(Config.generator, help="'smollm2' (embedded), a local path or HF id (abstractive only)."),
    device: str = typer.Option(Config.device, help="auto, cpu or cuda."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr."),
) -> None:
    """Build one brief per incident folder under PATH."""
    from .models import ModelNotFound
    from .run import NoArticles, Pipeline, StageError, find_incidents, run_incident

    if not path.is_dir():
        fail(f"{path}: no such folder; pass a folder of articles, e.g. `brief run seeds`")
    if summariser not in SUMMARISERS:
        fail(f"unknown summariser {summariser!r}; choose one of {', '.join(sorted(SUMMARISERS))}")
    incidents = find_incidents(path)
    if not incidents:
        fail(f"{path}: no readable article (.txt, .md or .html) here or in its subfolders")
    config = Config().with_options(summariser=summariser, max_sentences=max_sentences, max_words=max_words,
                                   embedder=embedder, generator=generator, device=device)
    pipeline = Pipeline.from_config(config)
    status = err.status("loading models") if not quiet else None
    try:
        if status:
            status.start()
        pipeline.warm_up()
    except ModelNotFound as e:
        fail(str(e))
    finally:
        if status:
            status.stop()
    code = EXIT_OK
    for folder in incidents:
        progress = (lambda stage, f=folder: err.print(f"[dim]{f.name}: {stage}[/dim]")) if not quiet else (lambda _: None)
        try:
            brief, target = run_incident(folder, out, pipeline, progress)
        except NoArticles as e:
            err.print(f"[red]error:[/red] {e}")
            code = max(code, EXIT_USAGE if len(incidents) == 1 else EXIT_FAILED)
            continue
        except StageError as e:
            err.print(f"[red]error:[/red] {folder.name}: {e}")
            code = EXIT_FAILED
            continue
        for f in brief.files:
            if f.status == "skipped":
                err.print(f"[yellow]skipped[/yellow] {folder.name}/{f.path}: {f.reason}")
                code = max(code, EXIT_SKIPPED)
            for w in f.warnings:
                err.print(f"[yellow]warning[/yellow] {folder.name}/{f.path}: {w}")
        if not quiet:
            err.print(f"[green]brief[/green] {target / 'brief.md'} ({len(brief.sentences)} sentences)")
        else:
            typer.echo(str(target / "brief.md"))
    raise typer.Exit(code)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
