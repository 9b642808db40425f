"""`brief ingest`: what the pipeline reads from each file (pipeline.runtime.ingest_report)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from ._util import app, fail, shown


@app.command("ingest")
def ingest_cmd(
    path: Path = typer.Argument(..., help="A folder of articles, or one article file."),
    as_json: bool = typer.Option(False, "--json", help='Print {"documents": [...]} with each file\'s extracted text.'),
) -> None:
    """Show what the pipeline reads from each file: status, reason, encoding, extractor, metadata
    and (with --json) the text. Start here when a brief looks wrong."""
    import json

    from ..runtime.ingest_report import describe

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
