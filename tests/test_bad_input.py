"""Issue 6: bad and hostile files. Nothing crashes, nothing is lost, every file is accounted for."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SEEDS, write_incident
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.stages import reading
from pipeline.stages.ingest import FileIngestor, printable

runner = CliRunner()

A = (
    "Three soldiers were killed in an air strike near the town of Alpha on Thursday.\n"
    "The defence ministry said the strike was an accident and opened an inquiry.\n"
    "Officials in Bravo promised an investigation into the strike by Friday.\n"
)
B = (
    "An air strike near the town of Alpha killed three soldiers on Thursday, officials said.\n"
    "The ministry called the strike an accident and expressed its condolences to the families.\n"
)
C = (
    "Rescue teams reached the town of Alpha late on Thursday after the strike.\n"
    "Eleven people were wounded and taken to the hospital in Bravo, doctors said.\n"
)
FRENCH = (
    "Le gouvernement a annoncé mardi que les négociations reprendront la semaine prochaine à Genève. "
    "Les deux parties ont accepté un cessez-le-feu temporaire dans la région, selon un porte-parole.\n"
)
GERMAN = (
    "Die Regierung hat am Dienstag angekündigt, dass die Verhandlungen in der nächsten Woche in Genf "
    "fortgesetzt werden. Beide Seiten haben einer vorübergehenden Waffenruhe zugestimmt, sagte ein Sprecher.\n"
)


def _deny_open(monkeypatch, name: str) -> None:
    """Make opening one file fail as it does without read permission. Tests run as root, where
    chmod 000 does not stop a read, so the refusal is simulated at the open call ingest uses."""
    real_open = os.open

    def guarded(path, flags, *args, **kwargs):
        if os.fspath(path).endswith(name):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


@pytest.fixture
def messy(tmp_path):
    """Good articles mixed with every kind of bad file the issue lists."""
    outside = write_incident(
        tmp_path / "elsewhere", {"secret.txt": "A secret sentence outside the folder. It must not be read."}
    )
    folder = write_incident(
        tmp_path / "inc",
        {
            "a.txt": A,
            "b.md": B,
            "c.html": f"<html><body><p>{C.splitlines()[0]}</p><p>{C.splitlines()[1]}</p></body></html>",
            "copy-of-a.txt": A,
            "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "cp1252.txt": "The café’s owner said the strike shook the whole street.".encode("cp1252"),
            "utf16.txt": "The mayor said the fire started at noon near the market.".encode("utf-16"),
            "utf8-bom.txt": codecs.BOM_UTF8 + "Police said the road will stay closed until Monday.".encode(),
            "empty.txt": b"",
            "blank.md": " \n\t\n   \n",
            "huge.txt": b"",  # filled below
            "oneline.txt": ("word " * 20_000).encode(),
            "locked.txt": "This article cannot be opened by the pipeline. It has two sentences.",
            ".hidden.txt": "A hidden article sentence. It is skipped.",
            "french.txt": FRENCH,
        },
    )
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB of prose, one paragraph per line
        line = b"Witnesses said the explosion was heard across the valley on Thursday night.\n"
        fh.write(line * (50_000_000 // len(line)))
    os.symlink(outside / "secret.txt", folder / "outside-link.txt")
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "w") as fh:  # a name that is not UTF-8
        fh.write(B)
    return folder


def test_messy_folder_builds_a_brief_and_accounts_for_every_file(messy, tmp_path, monkeypatch):
    _deny_open(monkeypatch, "locked.txt")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["run", str(messy), "--out", str(out), "--embedder", "hashing", "--summariser", "extractive", "--force"]
    )
    assert result.exit_code == 1, result.output  # built, with skipped files
    assert "Traceback" not in result.output
    data = json.loads((out / "inc" / "brief.json").read_text())
    docs = {d["path"]: d for d in data["documents"]}
    listed = sorted(printable(p.relative_to(messy).as_posix()) for p in messy.iterdir())
    assert sorted(docs) == listed  # every file seen is listed, no more, no less

    expected_skips = {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "blank.md": "whitespace-only",
        "oneline.txt": "no sentence punctuation",
        "locked.txt": "permission denied",
        ".hidden.txt": "hidden",
        "outside-link.txt": "outside the incident folder",
        "caf\\xe9.txt": "not UTF-8",
    }
    for path, words in expected_skips.items():
        assert docs[path]["status"] == "skipped" and words in docs[path]["reason"], docs[path]
    # every skipped file gets exactly one stderr line, with its path and reason
    lines = result.stderr.splitlines()
    for path, d in docs.items():
        hits = [ln for ln in lines if ln.startswith(f"skipped inc/{path}:")]
        assert len(hits) == (d["status"] == "skipped"), (path, hits)
        if hits:
            assert d["reason"] in hits[0]

    used = {p: d["encoding"] for p, d in docs.items() if d["status"] == "used"}
    assert used == {
        "a.txt": "utf-8",
        "b.md": "utf-8",
        "c.html": "utf-8",
        "cp1252.txt": "cp1252",
        "utf16.txt": "utf-16",
        "utf8-bom.txt": "utf-8-sig",
        "huge.txt": "utf-8",
        "french.txt": "utf-8",
    }
    assert docs["copy-of-a.txt"]["status"] == "duplicate" and docs["copy-of-a.txt"]["duplicate_of"] == "a.txt"
    assert any("too long" in w for w in docs["huge.txt"]["warnings"])
    assert any("non-English" in w for w in docs["french.txt"]["warnings"])
    assert any("decoded as cp1252" in w for w in docs["cp1252.txt"]["warnings"])
    assert docs["binary.txt"]["sha256"] and len(docs["binary.txt"]["sha256"]) == 64

    # the brief is built from the readable articles, and the copy is cited with its original
    assert data["sentences"]
    cited = {src["path"] for s in data["sentences"] for src in s["sources"]}
    assert "a.txt" in cited and "copy-of-a.txt" in cited
    assert not cited & set(expected_skips)
    assert "secret" not in (out / "inc" / "brief.md").read_text().lower()
    md = (out / "inc" / "brief.md").read_text()
    assert "## Not used" in md and "`binary.txt`" in md


def test_symbolic_links_are_never_followed(tmp_path):
    outside = write_incident(tmp_path / "outside", {"x.txt": "Outside the folder. Not to be read."})
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "sub/b.txt": B})
    os.symlink("a.txt", folder / "inside.txt")
    os.symlink("missing.txt", folder / "broken.txt")
    os.symlink(outside, folder / "linked-folder")
    os.symlink("loop2.txt", folder / "loop1.txt")
    os.symlink("loop1.txt", folder / "loop2.txt")
    corpus = FileIngestor().ingest(folder)
    assert [d.path for d in corpus.documents] == ["a.txt", "sub/b.txt"]
    reasons = {f.path: f.reason for f in corpus.files if f.status == "skipped"}
    assert "symbolic link to the file 'a.txt' in this folder" in reasons["inside.txt"]
    assert "broken symbolic link" in reasons["broken.txt"]
    assert "outside the incident folder" in reasons["linked-folder"]
    assert "cannot be resolved" in reasons["loop1.txt"] and "cannot be resolved" in reasons["loop2.txt"]
    assert not any("Outside" in d.text for d in corpus.documents)


def test_hidden_folders_are_listed_once_and_not_entered(tmp_path):
    folder = write_incident(
        tmp_path / "inc", {"a.txt": A, ".git/config.txt": "Not an article. Really.", ".cache/x/y.md": "No."}
    )
    corpus = FileIngestor().ingest(folder)
    assert {f.path: f.status for f in corpus.files} == {".cache": "skipped", ".git": "skipped", "a.txt": "used"}
    assert "hidden folder" in next(f.reason for f in corpus.files if f.path == ".git")


def test_pipes_and_bad_file_names_are_skipped_without_hanging(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    os.mkfifo(folder / "pipe.txt")  # opening it for reading would block forever
    (folder / "new\nline.txt").write_text(B)
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "w") as fh:  # a name that is not UTF-8
        fh.write(C)
    corpus = FileIngestor().ingest(folder)
    reasons = {f.path: f.reason for f in corpus.files if f.status == "skipped"}
    assert "not a regular file" in reasons["pipe.txt"]
    assert "control characters" in reasons["new\\nline.txt"]
    assert "not UTF-8" in reasons["caf\\xe9.txt"]
    from pipeline.stages.render import to_json, to_markdown
    from pipeline.types import Brief

    brief = Brief(corpus.name, (), corpus.files)
    to_json(brief).encode("utf-8")  # no lone surrogate can reach the output files
    md = to_markdown(brief).splitlines()
    assert [ln for ln in md if "line.txt" in ln] == [
        "- `new\\nline.txt`: file name has control characters or bytes that are not UTF-8; rename it"
    ]


def test_permission_denied_is_skipped_with_a_reason(tmp_path, monkeypatch):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "locked.txt": B})
    _deny_open(monkeypatch, "locked.txt")
    corpus = FileIngestor().ingest(folder)
    skipped = {f.path: f.reason for f in corpus.files if f.status == "skipped"}
    assert list(skipped) == ["locked.txt"] and "permission denied" in skipped["locked.txt"]
    assert [d.path for d in corpus.documents] == ["a.txt"]


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads files whatever their mode; the simulated test above covers it"
)
def test_permission_denied_for_real(tmp_path):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "locked.txt": B})
    (folder / "locked.txt").chmod(0)
    try:
        corpus = FileIngestor().ingest(folder)
    finally:
        (folder / "locked.txt").chmod(0o644)
    assert "permission denied" in next(f.reason for f in corpus.files if f.path == "locked.txt")


def test_deep_html_is_refused_quickly_and_empty_html_is_skipped(tmp_path):
    deep = "<html><body>" + "<div>" * 60_000 + "Too deep." + "</div>" * 60_000 + "</body></html>"
    folder = write_incident(
        tmp_path / "inc",
        {"a.txt": A, "deep.html": deep, "script.html": "<html><script>var x = 'Hello there.';</script></html>"},
    )
    t = time.perf_counter()
    corpus = FileIngestor().ingest(folder)
    assert time.perf_counter() - t < 5  # parsing it would take ~10 s (tree building is O(tags x depth))
    reasons = {f.path: f.reason for f in corpus.files if f.status == "skipped"}
    assert "nested 60,000 levels deep" in reasons["deep.html"]
    assert "without article text" in reasons["script.html"]


def test_limits_on_file_size_and_incident_size(tmp_path, monkeypatch):
    folder = write_incident(tmp_path / "inc", {"a.txt": A, "b.txt": B, "c.txt": C, "d.txt": A})
    corpus = FileIngestor(max_total_sentences=4).ingest(folder)  # A has 3 sentences, B 2
    files = {f.path: f for f in corpus.files}
    assert [d.text for d in corpus.documents] == [A, B.splitlines()[0]]
    assert any("truncated" in w and "limit" in w for w in files["b.txt"].warnings)
    assert files["c.txt"].status == "skipped" and "about 4 sentences" in files["c.txt"].reason
    assert files["d.txt"].status == "skipped"  # nothing is read once the incident is full
    corpus = FileIngestor(max_total_chars=len(A) + 10).ingest(folder)
    assert [d.text for d in corpus.documents] == [A, B[:10]]
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    corpus = FileIngestor().ingest(folder)
    assert "over the 100-byte limit" in next(f.reason for f in corpus.files if f.path == "b.txt")


def test_language_warning_only_for_non_english(tmp_path):
    folder = write_incident(
        tmp_path / "inc",
        {
            "de.txt": GERMAN,
            "fr.txt": FRENCH,
            "en.txt": A,
            "ru.txt": "Министерство обороны сообщило о гибели трёх военных в четверг.",
        },
    )
    warned = {f.path for f in FileIngestor().ingest(folder).files if any("non-English" in w for w in f.warnings)}
    assert warned == {"de.txt", "fr.txt", "ru.txt"}
    seeds = FileIngestor().ingest(SEEDS)  # real English news: no false alarm
    assert not [w for f in seeds.files for w in f.warnings]


def test_printable_names():
    assert printable("a.txt") == "a.txt" and printable("école/été.md") == "école/été.md"
    assert printable("a\nb\x1b[31m\u202e.txt") == "a\\nb\\x1b[31m\\u202e.txt"
    assert printable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert printable(printable("x\ny")) == printable("x\ny")


def test_no_readable_article_exits_2_and_says_why_for_each_file(tmp_path):
    folder = write_incident(tmp_path / "inc", {"empty.txt": b"", "bin.txt": b"\x00\x01", "x.md": "No punctuation here"})
    result = runner.invoke(
        app, ["run", str(folder), "--out", str(tmp_path / "out"), "--embedder", "hashing", "--summariser", "extractive"]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "no readable article" in result.stderr
    for name in ("empty.txt", "bin.txt", "x.md"):
        assert f"skipped inc/{name}:" in result.stderr


def test_markup_in_file_names_is_printed_literally(tmp_path):
    folder = write_incident(tmp_path / "[red]inc", {"a.txt": A, "[/x].txt": b"\x00", "[bold]b.txt": B})
    result = runner.invoke(
        app, ["run", str(folder), "--out", str(tmp_path / "out"), "--embedder", "hashing", "--summariser", "extractive"]
    )
    assert result.exit_code == 1, result.output
    assert "skipped [red]inc/[/x].txt: binary file" in result.stderr
    assert (tmp_path / "out" / "red_inc" / "brief.md").exists()


def test_stage_failure_exits_3_and_verbose_shows_the_traceback(tmp_path, monkeypatch):
    from pipeline.stages.dedupe import RuleDeduper

    def broken(self, corpus, sentences):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(RuleDeduper, "dedupe", broken)
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    args = ["run", str(folder), "--out", str(tmp_path / "out"), "--embedder", "hashing", "--summariser", "extractive"]
    quiet = runner.invoke(app, args)
    assert quiet.exit_code == 3 and "Traceback" not in quiet.output
    assert "stage 'dedupe' failed: RuntimeError: simulated bug" in quiet.stderr and "--verbose" in quiet.stderr
    loud = runner.invoke(app, [*args, "--verbose"])
    assert loud.exit_code == 3
    assert "Traceback (most recent call last)" in loud.stderr and "simulated bug" in loud.stderr


def test_verbose_shows_how_each_file_was_read(tmp_path):
    folder = write_incident(
        tmp_path / "inc", {"a.txt": A, "b.txt": "Police said the road was closed. It reopened.".encode("cp1252")}
    )
    result = runner.invoke(
        app,
        [
            "run",
            str(folder),
            "--out",
            str(tmp_path / "out"),
            "--embedder",
            "hashing",
            "--summariser",
            "extractive",
            "--verbose",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "read inc/a.txt: utf-8, sha256 " in result.stderr
    assert "read inc/b.txt: utf-8" in result.stderr  # plain ASCII is valid UTF-8


def test_a_pipe_in_the_folder_does_not_hang_the_command(tmp_path):
    """Every step that opens input files (the up-to-date snapshot too) must not wait on a pipe.
    Run in a subprocess with a timeout, so a regression fails instead of hanging the suite."""
    folder = write_incident(tmp_path / "inc", {"a.txt": A})
    os.mkfifo(folder / "pipe.txt")
    cmd = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "run",
        str(folder),
        "--out",
        str(tmp_path / "out"),
        "--embedder",
        "hashing",
        "--summariser",
        "extractive",
    ]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("brief run blocked on a named pipe in the input folder")
    assert out.returncode == 1, out.stderr
    assert "skipped inc/pipe.txt: not a regular file" in out.stderr
