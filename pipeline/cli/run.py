"""`brief run`: build one brief per incident folder, serially in this process or as Ray tasks.

Both paths report each incident through `_report`, so the lines and exit codes are the same.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import typer

from ..config import Config
from ._util import (
    DEVICE_OPTION,
    EMBEDDER_OPTION,
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_SKIPPED,
    EXIT_USAGE,
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
    report_files,
    shown,
)

if TYPE_CHECKING:
    from ..runtime.ray_batch import Outcome


def _claim(
    ctx: typer.Context, incidents: list[Path], out: Path, config: Config, force: bool, wait: float, quiet: bool
) -> list[Path]:
    """The incidents `run` must build, with OUT's lock held until the command ends. When every
    brief is up to date, says so in one line and exits 0 without taking the lock."""
    from ..runtime.layout import output_dir, safe_name
    from ..runtime.manifest import plan
    from ..runtime.publish import Locked, hold, tidy, tidy_if_idle

    def stale() -> list[Path]:
        return list(incidents) if force else [v.folder for v in plan(incidents, out, config) if not v.up_to_date]

    todo = stale()
    if todo:
        try:
            ctx.with_resource(hold(out, wait))
        except Locked as e:
            fail(str(e), EXIT_LOCKED)
        except OSError as e:
            fail(f"{out}: cannot write the output folder ({e.strerror or e}); pass a writable --out DIR")
        todo = stale()  # the run we waited for may have built them
    fresh = [f for f in incidents if f not in todo]
    if todo:
        for f in fresh:
            tidy(out, safe_name(f.name))
    else:
        tidy_if_idle(out, [safe_name(f.name) for f in fresh])  # leftovers of a run killed after publishing
    if quiet:
        for f in fresh:
            typer.echo(str(output_dir(out, f) / "brief.md"))
    elif len(fresh) == 1 and not todo:
        err.print(
            f"up to date: {output_dir(out, fresh[0]) / 'brief.md'} (no input, setting, model or code "
            "changed since it was built; --force rebuilds)"
        )
    elif fresh:
        names = ", ".join(f.name for f in fresh)
        err.print(f"up to date: {len(fresh)} of {len(incidents)} incidents ({names}); --force rebuilds")
    if not todo:
        raise typer.Exit(EXIT_OK)
    return todo


@app.command()
def run(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="Folder of articles (.txt/.md/.html), or a folder of such folders."),
    out: Path = OUT_OPTION,
    summariser: str = SUMMARISER_OPTION,
    max_sentences: int = MAX_SENTENCES_OPTION,
    max_words: int = MAX_WORDS_OPTION,
    embedder: str = EMBEDDER_OPTION,
    generator: str = GENERATOR_OPTION,
    device: str = DEVICE_OPTION,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr."),
    force: bool = typer.Option(False, "--force", help="Rebuild even the briefs that are up to date."),
    wait: float = typer.Option(
        60.0, "--wait", help="Seconds to wait while another run writes to OUT (-1: no limit), then exit 75."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Per-file details (encoding, hash) and the traceback of a failed stage."
    ),
    ray: bool = typer.Option(
        False,
        "--ray",
        help="Build the incidents as Ray tasks on a local Ray started for the run (needs the ray extra).",
    ),
    ray_workers: int | None = typer.Option(
        None,
        "--ray-workers",
        min=1,
        help="Ray workers, each loading the models "
        "once (default: one per core; with --ray-address, the cluster's CPUs).",
    ),
    ray_address: str | None = typer.Option(
        None,
        "--ray-address",
        help="Join this Ray cluster instead ('auto', 'HOST:6379', 'ray://HOST:10001'); implies --ray.",
    ),
    keep: int | None = typer.Option(
        None,
        "--keep",
        min=1,
        help="Keep the last N briefs of each incident in OUT, from now on (default: as last set for OUT, else 20).",
    ),
) -> None:
    """Build one brief per incident folder under PATH; briefs already up to date are left alone."""
    ray = ray or ray_address is not None
    if ray:
        _require_ray()
    incidents = _incidents(path, summariser)
    config = _config(summariser, max_sentences, max_words, embedder, generator, device)
    incidents = _claim(ctx, incidents, out, config, force, wait, quiet)  # Ray is imported only past this
    if keep is not None:  # OUT's lock is held from here on
        from ..runtime.publish import set_retention

        set_retention(out, keep)
    codes: list[int] = []
    failed: list[str] = []

    def report(outcome: Outcome) -> None:
        codes.append(_report(outcome, len(incidents), quiet, verbose))
        if outcome.failed:
            failed.append(outcome.name)

    if ray:
        _run_on_ray(incidents, out, config, report, ray_workers, ray_address, quiet, verbose)
    else:
        _run_serially(incidents, out, config, report, quiet)
    if len(incidents) > 1 and failed:
        order = {f.name: i for i, f in enumerate(incidents)}
        failed.sort(key=lambda name: order.get(name, len(order)))
        err.print(f"[red]{len(failed)} of {len(incidents)} incidents failed:[/red] {shown(', '.join(failed))}")
    raise typer.Exit(max(codes, default=EXIT_OK))


def _require_ray() -> None:
    """--ray without Ray installed is a usage error with the fix (found without importing Ray)."""
    from importlib.util import find_spec

    from ..runtime.ray_batch import INSTALL_HINT

    if find_spec("ray") is None:
        fail(f"--ray needs Ray; {INSTALL_HINT}")


def _stage_printer(name: str) -> Callable[[str], None]:
    """Progress for one incident: a dim stderr line per stage, prefixed with the incident's name."""

    def progress(stage: str) -> None:
        err.print(f"[dim]{name}: {stage}[/dim]")

    return progress


def _silent(stage: str) -> None:
    pass


def _run_serially(
    incidents: list[Path], out: Path, config: Config, report: Callable[[Outcome], None], quiet: bool
) -> None:
    """One process: the models load once, then the incidents are built one after the other."""
    from ..inference.models import ModelNotFound
    from ..runtime.ray_batch import attempt
    from ..runtime.run import Pipeline, run_incident  # heavy: only once there is work

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
    for folder in incidents:
        progress = _silent if quiet else _stage_printer(shown(folder.name))
        # partial binds this iteration's folder and progress (a lambda would read the loop variables).
        report(attempt(folder.name, partial(run_incident, folder, out, pipeline, progress)))


def _run_on_ray(
    incidents: list[Path],
    out: Path,
    config: Config,
    report: Callable[[Outcome], None],
    workers: int | None,
    address: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """The incidents as Ray tasks (pipeline.runtime.ray_batch), with a progress bar that counts them."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..runtime.ray_batch import RayBatchError, run_batch

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # A log file (cron, systemd) gets the per-incident lines only; a terminal also gets the bar.
    with Progress(*columns, console=err, transient=True, disable=quiet or not err.is_terminal) as bar:
        task = bar.add_task("starting Ray", total=len(incidents))

        def done(outcome: Outcome) -> None:
            report(outcome)
            bar.advance(task)

        try:
            stats = run_batch(
                incidents,
                out,
                config,
                done,
                workers=workers,
                address=address,
                verbose=verbose,
                on_status=lambda line: bar.update(task, description=line),
                on_warning=lambda line: err.print(f"[yellow]warning[/yellow] {shown(line)}"),
            )
        except RayBatchError as e:
            bar.stop()
            fail(str(e))
    if verbose:
        for i, s in enumerate(stats, start=1):
            err.print(
                f"ray worker {i}: node {s['node']}, pid {s['pid']}, {s['incidents']} incidents, "
                f"peak RSS {s['peak_rss_mb']:.0f} MB"
            )


def _report(outcome: Outcome, batch: int, quiet: bool, verbose: bool) -> int:
    """Print what became of one incident (pipeline.runtime.ray_batch.Outcome), the same from either path;
    returns its exit code. `batch`: how many incidents the run builds."""
    name = shown(outcome.name)
    if outcome.kind == "no-articles":
        report_files(outcome.name, outcome.files, quiet, verbose)
        err.print(f"[red]error:[/red] {shown(outcome.message)}")
        return EXIT_USAGE if batch == 1 else EXIT_FAILED
    if outcome.kind == "stage":
        if verbose:
            err.print(outcome.trace, markup=False, end="")
        err.print(
            f"[red]error:[/red] {name}: {shown(outcome.message)}"
            + ("" if verbose else " (--verbose shows the traceback)")
        )
        return EXIT_FAILED
    if outcome.failed:
        err.print(f"[red]error:[/red] {name}: {shown(outcome.message)}")
        return EXIT_FAILED
    code = EXIT_SKIPPED if report_files(outcome.name, outcome.files, quiet, verbose) else EXIT_OK
    # Both paths publish every incident they built before reporting it, so a built one has its target.
    assert outcome.target is not None, f"{outcome.name}: built but not published"
    brief_md = outcome.target / "brief.md"
    if not quiet:
        from ..runtime.history import just_published

        err.print(f"[green]brief[/green] {shown(brief_md)} ({outcome.sentences} sentences)")
        err.print(f"{name}: {shown(just_published(outcome.target.parent, outcome.target.name).line)}")
    else:
        typer.echo(str(brief_md))
    return code
