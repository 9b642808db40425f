"""`brief watch`: keep the briefs under a folder up to date while it changes.

Models load once. Each batch of file events (gathered by watchfiles for `debounce_ms`) leads to
the same up-to-date check as `brief run`, so only incidents whose inputs really changed are
rebuilt, and events caused by our own writes (OUT inside PATH) can never start a loop: they are
filtered out, and the manifest check would find nothing to do anyway.

Each rebuild reports one line ending in what changed ("inc: brief OUT/inc/brief.md (9 sentences):
3 new facts, killed 3 -> 5, 1 source removed"), and, after a publish that changed something,
`on_change` runs with the changes as JSON on its stdin (issue 27). The brief is published before
the command runs, so a command that fails, hangs or is missing loses nothing: it is reported and
watching goes on.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Callable, Protocol

from ..config import Config
from .layout import find_incidents, safe_name
from .manifest import plan
from .publish import hold, tidy

Report = Callable[[str], None]
HOOK_TIMEOUT = 120.0  # seconds an --on-change command may take before it is stopped and reported


class StopEvent(Protocol):
    def is_set(self) -> bool: ...


def _input_filter(out: Path):
    """watchfiles' default filter (VCS folders, editor swap files...) minus our own outputs."""
    import watchfiles

    out_paths = {os.path.abspath(out), str(out.resolve())}

    class InputFilter(watchfiles.DefaultFilter):
        def __call__(self, change: watchfiles.Change, path: str) -> bool:
            absolute = os.path.abspath(path)
            if any(absolute == o or absolute.startswith(o + os.sep) for o in out_paths):
                return False
            return super().__call__(change, path)

    return InputFilter()


def run_hook(command: str, name: str, target: Path, changes: dict, report: Report) -> bool:
    """Run `command` (through the shell) with {"incident", "brief", "changes"} as JSON on stdin and
    BRIEF_INCIDENT / BRIEF_PATH set. True when it exits 0; any failure is reported, never raised."""
    payload = json.dumps({"incident": name, "brief": str(target / "brief.md"), "changes": changes}, ensure_ascii=False)
    env = {**os.environ, "BRIEF_INCIDENT": name, "BRIEF_PATH": str(target)}
    try:
        done = subprocess.run(
            command, shell=True, input=payload, text=True, env=env, capture_output=True, timeout=HOOK_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        report(
            f"error: {name}: --on-change command ran over {HOOK_TIMEOUT:g} s and was stopped (the brief is published)"
        )
        return False
    except OSError as err:
        report(f"error: {name}: --on-change command could not start: {err} (the brief is published)")
        return False
    if done.returncode != 0:
        tail = (done.stderr or done.stdout or "").strip().splitlines()[-1:] or ["no output"]
        report(
            f"error: {name}: --on-change command failed (exit {done.returncode}): {tail[0][:200]} "
            "(the brief is published)"
        )
        return False
    return True


def rebuild_stale(
    path: Path, out: Path, config: Config, pipeline, report: Report, on_change: str | None = None
) -> tuple[int, int]:
    """Rebuild every stale incident under `path`; one failure does not stop the others.
    Returns (rebuilt, failed); a failed --on-change command counts as neither."""
    from .history import just_published
    from .run import run_incident

    try:
        incidents = find_incidents(path) if path.is_dir() else []
    except OSError as err:
        report(f"error: cannot list {path}: {err}")
        return 0, 1
    if not any(not v.up_to_date for v in plan(incidents, out, config)):
        return 0, 0
    rebuilt = failed = 0
    # Wait as long as it takes: a `brief run` holding OUT will finish, and then we re-check.
    with hold(out, wait=-1):
        for verdict in plan(incidents, out, config):
            if verdict.up_to_date:
                tidy(out, safe_name(verdict.folder.name))
                continue
            name = verdict.folder.name
            report(
                f"{name}: rebuilding ({'; '.join(verdict.reasons[:3])}{'; ...' if len(verdict.reasons) > 3 else ''})"
            )
            try:
                brief, target = run_incident(verdict.folder, out, pipeline)
            except Exception as err:  # a watcher outlives one bad article or stage failure
                report(f"error: {name}: {type(err).__name__}: {err}")
                failed += 1
                continue
            rebuilt += 1
            published = just_published(out, target.name)
            report(f"{name}: brief {target / 'brief.md'} ({len(brief.sentences)} sentences): {published.line}")
            if on_change and published.changes is not None:
                run_hook(on_change, name, target, published.changes.to_dict(), report)
    return rebuilt, failed


def watch(
    path: Path,
    out: Path,
    config: Config,
    *,
    report: Report = print,
    stop_event: StopEvent | None = None,
    max_batches: int | None = None,
    debounce_ms: int = 1600,
    force_polling: bool | None = None,
    pipeline=None,
    on_change: str | None = None,
) -> int:
    """Bring the briefs under `path` up to date, then rebuild on every change until `stop_event`
    is set, `max_batches` batches of relevant changes were handled, or Ctrl-C (watchfiles stops
    quietly; an interrupt during a rebuild propagates, and the atomic publish leaves the previous
    brief in place). Returns how many rebuilds failed. Model errors at start-up raise.
    `on_change`: a shell command run after each publish that changed something (`run_hook`)."""
    import watchfiles

    from .run import Pipeline

    if pipeline is None:
        pipeline = Pipeline.from_config(config)
        pipeline.warm_up()

    def rebuild() -> int:
        try:
            return rebuild_stale(path, out, config, pipeline, report, on_change)[1]
        except Exception as err:  # e.g. OUT became unwritable: say so, keep watching
            report(f"error: {type(err).__name__}: {err}")
            return 1

    failures = rebuild()
    batches = 0
    report(f"watching {path} for changes (outputs in {out}); Ctrl-C stops")
    for changes in watchfiles.watch(
        path,
        watch_filter=_input_filter(out),
        debounce=debounce_ms,
        stop_event=stop_event,
        raise_interrupt=False,
        force_polling=force_polling,
        rust_timeout=1000,
        yield_on_timeout=False,
    ):
        if not changes:
            continue
        failures += rebuild()
        batches += 1
        if max_batches is not None and batches >= max_batches:
            break
    return failures
