"""`brief`: thin typer commands over importable functions (pipeline.runtime, pipeline.eval).

Laid out as spaCy's `spacy/cli/`:

- `_util.py` holds what the commands share: the typer `app`, the stderr console `err`, the exit
  codes, the option aliases (`OUT_OPTION`, `SUMMARISER_OPTION`, ...), `fail`, `shown`,
  `report_files`, and the usage checks `_config` and `_incidents`.
- One module per command group (`run.py`, `attribute.py`, `evaluate.py`, `status.py`, `watch.py`,
  `ingest.py`) registers its commands on `app` with `@app.command()`.
- This file imports every command module, so that their commands register, and exposes `app`
  and `main` (the `brief` console script; `python -m pipeline.cli` runs `__main__.py`).

Adding a command group is a one-file change: write `pipeline/cli/NAME.py` that imports `app` (and
whatever else it needs) from `._util` and decorates its command functions with `@app.command()`.
Every module here whose name does not start with "_" is imported below; a new one is listed in
`brief --help` after those named in `_HELP_ORDER` (add it there to place it elsewhere).

Every command module is imported on every invocation, so module-level imports stay light: `brief
run` answers "up to date" without importing numpy, sklearn or torch (tests/test_manifest.py
checks this). Import anything heavy inside the command function. `_util` is imported first: it
sets HF_HUB_OFFLINE before anything can import transformers.
"""

from __future__ import annotations

from importlib import import_module
from pkgutil import iter_modules

from ._util import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_SKIPPED, EXIT_STALE, EXIT_USAGE, app

__all__ = ["EXIT_FAILED", "EXIT_LOCKED", "EXIT_OK", "EXIT_SKIPPED", "EXIT_STALE", "EXIT_USAGE", "app", "main"]

# The order of the commands in `brief --help` (typer lists them in the order they register).
_HELP_ORDER = ("run", "attribute", "evaluate", "status", "watch", "ingest")


def _command_modules() -> list[str]:
    """The command modules of this package: those of _HELP_ORDER first, then any other by name."""
    found = {m.name for m in iter_modules(__path__) if not m.name.startswith("_")}
    return [name for name in _HELP_ORDER if name in found] + sorted(found - set(_HELP_ORDER))


for _module in _command_modules():
    import_module(f"{__name__}.{_module}")


def main() -> None:
    app()
