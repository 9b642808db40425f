"""`brief`: thin typer commands over the importable functions in pipeline.runtime.run."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # scheduled runs must never reach for the network
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

import typer  # noqa: E402
from rich.console import Console  # noqa: E402

from .config import DEFAULT_SUMMARISER, Config  # noqa: E402
from .stages.summarise import SUMMARISERS  # noqa: E402

if TYPE_CHECKING:
    from .runtime.ray_batch import Outcome

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
# config `run` would build with. Module-level imports stay light (no numpy/sklearn/torch): `run`
# answers "up to date" before loading anything (tests/test_manifest.py checks this).
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


def fail(message: str, code: int = EXIT_USAGE) -> None:
    err.print(f"[red]error:[/red] {shown(message)}", markup=True)
    raise typer.Exit(code)


def shown(text: object) -> str:
    """Untrusted text (file and folder names, reasons) for the console: one line, and no Rich
    markup, so that a file named "[/x].txt" neither crashes the run nor recolours the output."""
    from rich.markup import escape

    from .stages.ingest import printable

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


def _claim(
    ctx: typer.Context, incidents: list[Path], out: Path, config: Config, force: bool, wait: float, quiet: bool
) -> list[Path]:
    """The incidents `run` must build, with OUT's lock held until the command ends. When every
    brief is up to date, says so in one line and exits 0 without taking the lock."""
    from .runtime.layout import output_dir, safe_name
    from .runtime.manifest import plan
    from .runtime.publish import Locked, hold, tidy, tidy_if_idle

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
) -> None:
    """Build one brief per incident folder under PATH; briefs already up to date are left alone."""
    ray = ray or ray_address is not None
    if ray:
        _require_ray()
    incidents = _incidents(path, summariser)
    config = _config(summariser, max_sentences, max_words, embedder, generator, device)
    incidents = _claim(ctx, incidents, out, config, force, wait, quiet)  # Ray is imported only past this
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

    from .runtime.ray_batch import INSTALL_HINT

    if find_spec("ray") is None:
        fail(f"--ray needs Ray; {INSTALL_HINT}")


def _run_serially(
    incidents: list[Path], out: Path, config: Config, report: Callable[[Outcome], None], quiet: bool
) -> None:
    """One process: the models load once, then the incidents are built one after the other."""
    from .inference.models import ModelNotFound
    from .runtime.ray_batch import attempt
    from .runtime.run import Pipeline, run_incident  # heavy: only once there is work

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
        name = shown(folder.name)
        progress = (lambda stage, n=name: err.print(f"[dim]{n}: {stage}[/dim]")) if not quiet else (lambda _: None)
        report(attempt(folder.name, lambda: run_incident(folder, out, pipeline, progress)))


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

    from .runtime.ray_batch import RayBatchError, run_batch

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
    if not quiet:
        err.print(f"[green]brief[/green] {shown(outcome.target / 'brief.md')} ({outcome.sentences} sentences)")
    else:
        typer.echo(str(outcome.target / "brief.md"))
    return code


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

    from .eval.check import MODES, attribute_summary, attribution_pipeline, attributor_for, read_summary, to_dict
    from .inference.models import ModelNotFound
    from .runtime.run import NoArticles, StageError

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

    from .eval.evaluate import EvalDataError, Settings, write_report
    from .eval.evaluate import evaluate as run_eval
    from .inference.models import ModelNotFound

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
    for name, e in summary["systems"].items():
        typer.echo(
            f"{name:8} R1 {e['rouge1']['mean']:.3f}  R2 {e['rouge2']['mean']:.3f}  RL {e['rougeL']['mean']:.3f}  "
            f"RLsum {e['rougeLsum']['mean']:.3f}  R2 recall {e['rouge2_recall']['mean']:.3f}  {e['words']:.0f} words  "
            f"{e['not_standalone']}/{e['sentences']} not standalone  {e['seconds']:.2f} s/cluster"
        )
    if summary["attribution"]:
        a = summary["attribution"]
        for mode, m in a["modes"].items():
            typer.echo(
                f"attribution, mode {mode} ({a['sentences']} sentences): document P {m['doc']['precision']:.3f} "
                f"R {m['doc']['recall']:.3f} F1 {m['doc']['f1']:.3f}; character F1 {m['char']['f1']:.3f}"
            )
    typer.echo(f"report: {paths['md']} ({paths['json'].name}, {paths['png'].name})")


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
    from .runtime.layout import find_incidents

    if not path.is_dir():
        fail(f"{path}: no such folder; pass a folder of articles, e.g. `seeds`")
    if summariser not in SUMMARISERS:
        fail(f"unknown summariser {summariser!r}; choose one of {', '.join(sorted(SUMMARISERS))}")
    incidents = find_incidents(path)
    if not incidents and not allow_none:
        fail(f"{path}: no readable article (.txt, .md or .html) here or in its subfolders")
    return incidents


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
    from .runtime.manifest import plan

    incidents = _incidents(path, summariser)
    config = _config(summariser, max_sentences, max_words, embedder, generator, device)
    verdicts = plan(incidents, out, config)
    shown = 20
    for v in verdicts:
        if v.up_to_date:
            typer.echo(f"{v.folder.name}: up to date ({v.target / 'brief.md'})")
            continue
        typer.echo(f"{v.folder.name}: needs a rebuild")
        for reason in v.reasons[:shown]:
            typer.echo(f"  {reason}")
        if len(v.reasons) > shown:
            typer.echo(f"  ... and {len(v.reasons) - shown} more")
    raise typer.Exit(EXIT_OK if all(v.up_to_date for v in verdicts) else EXIT_STALE)


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
) -> None:
    """Keep the briefs under PATH up to date: rebuild an incident when its articles change.
    Models load once; a failed rebuild is reported and watching goes on; Ctrl-C stops (exit 0)."""
    from .inference.models import ModelNotFound
    from .runtime.watch import watch as watch_loop

    if not _incidents(path, summariser, allow_none=True):
        err.print(f"{path}: no incident yet; watching for articles")
    config = _config(summariser, max_sentences, max_words, embedder, generator, device)

    def report(line: str) -> None:
        if line.startswith("error:"):
            err.print(f"[red]error:[/red]{line[len('error:') :]}")
        elif not quiet:
            err.print(line)

    try:
        watch_loop(path, out, config, report=report, debounce_ms=debounce)
    except ModelNotFound as e:
        fail(str(e))
    except KeyboardInterrupt:
        pass
    if not quiet:
        err.print("stopped")
    raise typer.Exit(EXIT_OK)


@app.command("ingest")
def ingest_cmd(
    path: Path = typer.Argument(..., help="A folder of articles, or one article file."),
    as_json: bool = typer.Option(False, "--json", help='Print {"documents": [...]} with each file\'s extracted text.'),
) -> None:
    """Show what the pipeline reads from each file: status, reason, encoding, extractor, metadata
    and (with --json) the text. Start here when a brief looks wrong."""
    import json

    from .runtime.ingest_report import describe

    if not path.exists():
        fail(f"{path}: no such file or folder; pass a folder of articles or one article")
    report = describe(path, with_text=as_json)
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table("file", "status", "read as", "outlet / title / date", "sentences", show_lines=True)
    for d in report["documents"]:
        read_as = " ".join(x for x in (d["encoding"], d["extractor"]) if x) or "-"
        meta = "\n".join(shown(x) for x in (d["site"], d["title"], d["published"], d["url"]) if x) or "-"
        status = d["status"] + (f": {shown(d['reason'])}" if d["reason"] else "")
        status += "".join(f"\n[yellow]warning[/yellow] {shown(w)}" for w in d["warnings"])
        counts = f"{d['sentences']} ({d['standalone']} standalone)" if "sentences" in d else "-"
        table.add_row(shown(d["path"]), status, read_as, meta, counts)
    Console().print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
