"""Issue 6, reading one file: memory bounded by the read limit, and decoding that never drops a
character silently (pipeline.stages.reading)."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.stages.ingest import MAX_CHARS, MAX_READ_BYTES, read_document
from pipeline.stages.reading import IngestError, decode


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from Linux /proc")
def test_huge_file_is_read_only_up_to_the_limit(tmp_path):
    """A 50 MB file costs MAX_READ_BYTES of memory, not 50 MB; measured in a fresh process."""
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.write(b"The strike was reported by several witnesses in the town.\n" * 900_000)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking pytest process.
    code = (
        "import re, sys; from pathlib import Path; from pipeline.stages.ingest import read_document;"
        "doc, sha = read_document(Path(sys.argv[1]), 'huge.txt');"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1);"
        "print(len(doc.text), int(hwm) // 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(big)], capture_output=True, text=True, cwd=ROOT, check=True)
    chars, peak_mb = map(int, out.stdout.split())
    assert chars == MAX_CHARS
    assert peak_mb < 150, f"peak RSS {peak_mb} MB while ingesting a {big.stat().st_size:,}-byte file"


@pytest.mark.parametrize(
    "raw, encoding, expected",
    [
        ("café".encode("utf-16-be"), None, None),  # UTF-16 without a BOM holds NUL bytes: refused as binary
        (codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "utf-16", "café"),
        (codecs.BOM_UTF32_LE + "café".encode("utf-32-le"), "utf-32", "café"),
        (
            b"The caf\xe9 opened \x81 at noon, the owner said.",
            "latin-1",
            "The café opened \x81 at noon, the owner said.",
        ),  # 0x81: undefined in cp1252
        (b"caf\xe9 \x93quoted\x94", "cp1252", "café “quoted”"),
    ],
)
def test_decode_order_and_the_encoding_used(raw, encoding, expected):
    if encoding is None:
        with pytest.raises(IngestError, match="binary"):
            decode(raw)
    else:
        assert decode(raw) == (expected, encoding)


def test_decode_refuses_broken_utf16_and_control_character_soup():
    with pytest.raises(IngestError, match="byte order mark but is not valid utf-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00")  # a lone high surrogate
    with pytest.raises(IngestError, match="control characters"):
        decode(bytes(range(1, 32)) * 10)


def test_a_character_cut_by_the_read_limit_is_dropped_not_an_error(tmp_path):
    for encoding, unit in (("utf-8", "é"), ("utf-16", "é"), ("utf-16", "😀")):
        path = tmp_path / f"cut-{encoding}.txt"
        body = ("The report was published. " + unit * MAX_READ_BYTES).encode(encoding)
        path.write_bytes(body)
        assert len(body) > MAX_READ_BYTES
        doc, sha = read_document(path, path.name)
        assert doc.encoding == encoding and doc.text.startswith("The report was published.")
        assert set(doc.text[len("The report was published. ") :]) == {unit}
        assert any("too long" in w for w in doc.warnings)
        assert len(sha) == 64
