"""Bytes off disk and into text, for ingest: a bounded read of one file, and its decoding.

Decoding never drops a character silently: UTF-8 (BOM stripped), UTF-32/UTF-16 by BOM, then
cp1252, whose five undefined bytes fall back to Latin-1, so any byte string decodes to text a
person can read. Binary files (NUL bytes, many control characters) are refused with a reason.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from pathlib import Path

MAX_FILE_BYTES = 1 << 30
# More control characters than this share (NUL excluded: one NUL is enough) means binary data.
BINARY_CONTROL_SHARE = 0.05
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BINARY = "binary file ({}); expected a text, Markdown or HTML article"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class IngestError(Exception):
    """A file could not be turned into a document; the message is the reason a person reads."""

    def __init__(self, reason: str, sha256: str = "") -> None:
        super().__init__(reason)
        self.sha256 = sha256


def _decode(raw: bytes, encoding: str, final: bool) -> str:
    if final:
        return raw.decode(encoding)
    # `raw` is the head of a longer file: a character cut by the read limit is dropped, an
    # invalid one anywhere else still raises.
    return codecs.getincrementaldecoder(encoding)().decode(raw, final=False)


def decode(raw: bytes, final: bool = True) -> tuple[str, str]:
    """Bytes -> (text, encoding). Never drops or replaces a character silently.

    Order: UTF-8 with BOM, UTF-32 / UTF-16 by BOM, NUL bytes refused as binary, UTF-8, cp1252,
    Latin-1 (cp1252 leaves five bytes undefined; Latin-1 defines all 256). `final=False` says
    `raw` is only the head of the file.
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                text = _decode(raw, encoding, final)
            except UnicodeDecodeError as err:
                raise IngestError(
                    f"starts with a {encoding} byte order mark but is not valid {encoding} "
                    f"(byte {err.start:,}); re-save it as UTF-8"
                ) from None
            break
    else:
        if b"\x00" in raw:
            raise IngestError(BINARY.format("contains NUL bytes"))
        try:
            text, encoding = _decode(raw, "utf-8", final), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = raw.decode("latin-1"), "latin-1"
    if "\x00" in text:
        raise IngestError(BINARY.format("contains NUL characters"))
    sample = text[:65_536]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        raise IngestError(BINARY.format(f"{controls / len(sample):.0%} control characters"))
    return text, encoding


def read_head(path: Path, limit: int) -> tuple[bytes, int, str]:
    """(head of at most `limit` + 1 bytes, size, sha256 of the whole file)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)  # no link followed, no wait on a pipe swapped in after listing
    except PermissionError:
        raise IngestError("permission denied; make the file readable (chmod +r) or remove it") from None
    except OSError as err:
        raise IngestError(f"cannot open: {err.strerror or err}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise IngestError("not a regular file (a pipe, socket or device); not read")
        if st.st_size > MAX_FILE_BYTES:
            raise IngestError(
                f"file is {st.st_size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; not an article, not read"
            )
        try:
            raw = fh.read(limit + 1)
            h = hashlib.sha256(raw)
            for block in iter(lambda: fh.read(1 << 20), b""):  # the rest is hashed, never held
                h.update(block)
        except OSError as err:
            raise IngestError(f"read error: {err.strerror or err}") from None
    return raw, max(st.st_size, len(raw)), h.hexdigest()
