"""`brief history INCIDENT`: the briefs kept of one incident (pipeline.runtime.history)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ._util import EXIT_OK, OUT_OPTION, app, fail


@app.command()
def history(
    incident: str = typer.Argument(..., help="The incident's name: its folder name, as OUT/<incident>."),
    out: Path = OUT_OPTION,
    as_json: bool = typer.Option(False, "--json", help="One JSON list instead of text."),
) -> None:
    """List the kept briefs of INCIDENT, newest first: when each was built, the articles added and
    removed since the one before, whether the headline changed, and what changed. Name one in
    `brief diff` as INCIDENT@K (K briefs before the current one)."""
    from ..runtime.history import NoBrief, rows
    from ..runtime.layout import safe_name
    from ..stages.ingest import printable

    try:
        found = rows(out, safe_name(incident))
    except NoBrief as e:
        fail(str(e))
    if not found:
        fail(f"{out / incident}: no brief history here (is --out right? `brief run` publishes one)")
    if as_json:
        typer.echo(json.dumps(found, indent=2, ensure_ascii=False))
        raise typer.Exit(EXIT_OK)
    for r in found:
        articles = f"{r['articles']} article{'s' if r['articles'] != 1 else ''}"
        moved = [f"+{len(r['added'])}" if r["added"] else "", f"-{len(r['removed'])}" if r["removed"] else ""]
        moved += [f"~{len(r['changed'])}" if r["changed"] else ""]
        if any(moved):
            articles += f" ({' '.join(m for m in moved if m)})"
        typer.echo(
            f"{printable(r['ref'])}  {r['built'] or 'unknown time'}  {articles}  headline {r['headline']}  "
            f"{printable(r['summary'])}"
        )
    raise typer.Exit(EXIT_OK)
