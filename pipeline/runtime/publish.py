"""Atomic publication of a brief folder, and the lock that keeps two runs on one OUT apart.

Layout under the output folder:

    OUT/<incident>                        symlink -> .brief/versions/<incident>/<version>
    OUT/.brief/versions/<incident>/<v>/   brief.md, brief.json, run.json, manifest.json
    OUT/.brief/lock                       flock(2) lock held while a run writes to OUT
    OUT/.brief/keep                       how many briefs of each incident to keep (`--keep N`)

A new version is written under a `tmp-` name, fsynced, renamed to its final name (the mark
that it is complete), and then published by pointing a fresh symlink at it and renaming that
symlink over OUT/<incident> with os.replace: rename(2) is atomic, so a reader, or a SIGKILL at
any moment, sees either the previous complete folder or the new one, never a mix. Rename cannot
swap two directories, which is why the swap is done on a symlink. Leftovers of a killed run
(unfinished versions, temporary links) are removed by the next run.

The replaced versions are the incident's history (issue 27): the last N briefs stay, N as set by
`brief run --keep N` for this OUT (default 20). A version is named `v<sequence>-<time>-<random>`
and ordered by its sequence number, so two publishes in one second keep their order. One past N
is renamed to a `tmp-` name before it is deleted, so a kill mid-delete leaves no half version in
the history, only a leftover the next run removes. A complete version newer than the one
OUT/<incident> points at was never published (a kill before the swap) and is removed likewise.

An OUT/<incident> that is still a real directory (written before this scheme) is converted once
with renameat2(RENAME_EXCHANGE), also atomic; where the kernel or filesystem lacks it, with two
renames, and a kill between them is repaired by the next run (`tidy` restores the link).
"""

from __future__ import annotations

import ctypes
import os
import re
import secrets
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from ..stages.ingest import OUTPUT_STATE_DIR

STATE_DIR = OUTPUT_STATE_DIR  # ingest must know it to skip output folders inside the input
TMP_PREFIX = "tmp-"
# How long a library caller of publish() waits for another run's lock before giving up.
PUBLISH_WAIT = 600.0
PAUSE_ENV = "BRIEF_TEST_PAUSE_AFTER"  # test hook: sleep after a named step so a test can kill us there
DEFAULT_KEEP = 20  # briefs of an incident kept (issue 27): a day of hourly runs, with room
VERSION = re.compile(r"v(\d+)-")


class Locked(RuntimeError):
    """Another run holds the output folder's lock; the message says which and what to do."""


class PublishError(RuntimeError):
    """The output folder cannot take the brief; the message names the path and the fix."""


def state_dir(out: Path) -> Path:
    return out / STATE_DIR


def versions_dir(out: Path, name: str) -> Path:
    return state_dir(out) / "versions" / name


def lock_path(out: Path) -> Path:
    return state_dir(out) / "lock"


def out_lock(out: Path):
    """The lock of one output folder. One object per path in this process, so it is reentrant:
    `brief run` holds it for the whole batch and publish() takes it again for each incident."""
    from filelock import FileLock

    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    # flock(2): the kernel drops the lock when its holder dies, so a killed run never blocks the next.
    return FileLock(str(path.resolve()), is_singleton=True)


@contextmanager
def hold(out: Path, wait: float) -> Iterator[None]:
    """Hold OUT's lock; wait up to `wait` seconds for it (a negative wait waits for ever)."""
    from filelock import Timeout

    lock = out_lock(out)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        holder = _read_owner(out)
        raise Locked(
            f"{out} is being written by another `brief` run{holder} (lock: {lock_path(out)}); "
            f"waited {wait:g} s. Try again later, or pass --wait SECONDS to wait longer"
        ) from None
    try:
        if lock.lock_counter == 1:
            _write_owner(out)
        yield
    finally:
        lock.release()


def _write_owner(out: Path) -> None:
    # Only read to name the holder in the Locked message; the flock itself is the lock.
    try:
        (state_dir(out) / "owner").write_text(f"{os.getpid()} {time.strftime('%Y-%m-%dT%H:%M:%S')}\n")
    except OSError:
        pass


def _read_owner(out: Path) -> str:
    try:
        pid, started = (state_dir(out) / "owner").read_text().split()[:2]
        return f" (pid {pid}, since {started})"
    except (OSError, ValueError):
        return ""


def publish(out: Path, name: str, files: Mapping[str, str | bytes], wait: float = PUBLISH_WAIT) -> Path:
    """Write `files` as the new complete OUT/<name> in one atomic step; returns OUT/<name>.
    Files are written in the order given: put the one that marks completeness (manifest) last.
    The previous briefs stay as the history, as many as `retention(out)` says."""
    out.mkdir(parents=True, exist_ok=True)
    dest = out / name
    with hold(out, wait):
        tidy(out, name)
        versions = versions_dir(out, name)
        versions.mkdir(parents=True, exist_ok=True)
        seq = 1 + max((_sequence(p) for p in versions.iterdir()), default=0)
        stamp = f"v{seq:06d}-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
        tmp = versions / f"{TMP_PREFIX}{stamp}"
        os.mkdir(tmp)
        for fname, content in files.items():
            _write_synced(tmp / fname, content.encode("utf-8") if isinstance(content, str) else content)
        _fsync_dir(tmp)
        _pause("write")
        final = versions / stamp
        os.rename(tmp, final)
        _fsync_dir(versions)
        _pause("complete")
        _point(out, dest, final)
        _pause("swap")
        tidy(out, name)
    return dest


def _sequence(p: Path) -> int:
    m = VERSION.match(p.name.removeprefix(TMP_PREFIX))
    return int(m.group(1)) if m else 0


def _order(p: Path) -> tuple[int, str]:
    """Oldest first: versions from before the sequence (plain time stamps, adopted folders) sort
    by name ahead of every numbered one."""
    return _sequence(p), p.name


def retention(out: Path) -> int:
    """How many briefs of each incident OUT keeps: as last set by `set_retention`, else DEFAULT_KEEP."""
    try:
        return max(1, int((state_dir(out) / "keep").read_text().strip()))
    except (OSError, ValueError):
        return DEFAULT_KEEP


def set_retention(out: Path, keep: int) -> None:
    """Keep the last `keep` briefs of each incident in OUT from now on (`brief run --keep N`): the
    setting belongs to the output folder, so a timer's runs and `brief watch` keep the same."""
    if keep < 1:
        raise ValueError("--keep must be at least 1: the current brief is always kept")
    if keep == retention(out):
        return
    state_dir(out).mkdir(parents=True, exist_ok=True)
    tmp = state_dir(out) / f"keep.{TMP_PREFIX}{secrets.token_hex(4)}"
    _write_synced(tmp, f"{keep}\n".encode())
    os.replace(tmp, state_dir(out) / "keep")


def history(out: Path, name: str) -> list[Path]:
    """The complete versions of OUT/<name> that were published, oldest first; the last one is
    the current brief. Empty when OUT/<name> is not one of our links."""
    current = current_version(out, name)
    if current is None:
        return []
    found = [p for p in versions_dir(out, name).iterdir() if _complete(p)]
    return sorted((p for p in found if _order(p) <= _order(current)), key=_order)


def _complete(p: Path) -> bool:
    return p.is_dir() and not p.is_symlink() and not p.name.startswith(TMP_PREFIX)


def _point(out: Path, dest: Path, version: Path) -> None:
    """Make OUT/<name> a symlink to `version`, atomically."""
    link = out / f".{dest.name}.link-{secrets.token_hex(4)}"
    os.symlink(os.path.relpath(version, out), link)
    _pause("link")
    if dest.is_dir() and not dest.is_symlink() and _holds_only_a_brief(dest):
        _adopt_real_dir(out, dest, link)
    elif dest.exists() and not dest.is_symlink():
        # Anything else in the way may be the user's own data (with --out at the input root,
        # OUT/<incident> IS the incident's folder of articles): never replace or delete it.
        os.unlink(link)
        raise PublishError(f"{dest} exists and is not a brief folder; move it away or pick another --out")
    else:
        os.replace(link, dest)
    _fsync_dir(out)


BRIEF_FILES = frozenset({"brief.md", "brief.json", "run.json", "manifest.json"})


def _holds_only_a_brief(folder: Path) -> bool:
    entries = list(folder.iterdir())
    return bool(entries) and all(p.name in BRIEF_FILES and p.is_file() and not p.is_symlink() for p in entries)


def _adopt_real_dir(out: Path, dest: Path, link: Path) -> None:
    """Replace a plain OUT/<name> folder (written before versions existed) by the link."""
    legacy = versions_dir(out, dest.name) / f"{time.strftime('%Y%m%dT%H%M%S')}-legacy-{secrets.token_hex(4)}"
    if _exchange(link, dest):
        os.rename(link, legacy)  # `link` now names the old folder: the history keeps it as the previous brief
        return
    os.rename(dest, legacy)
    _pause("migrate")
    os.replace(link, dest)


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): swap two paths atomically. False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: this kernel or filesystem cannot
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def current_version(out: Path, name: str) -> Path | None:
    """The version folder OUT/<name> points at, if it is one of ours."""
    dest = out / name
    if not dest.is_symlink():
        return None
    target = (out / os.readlink(dest)).resolve()
    versions = versions_dir(out, name).resolve()
    return target if target.parent == versions and target.is_dir() else None


def tidy(out: Path, name: str, keep: int | None = None) -> None:
    """Repair and clean after a killed run. Call with the lock held.

    If OUT/<name> is missing or dangling while a complete version exists (a kill between the two
    renames of a conversion), the newest complete version is linked back. Then unfinished and
    never-published versions, stray temporary links and the published versions beyond the newest
    `keep` (default: `retention(out)`) are removed."""
    versions = versions_dir(out, name)
    if not versions.is_dir():
        return
    dest = out / name
    current = current_version(out, name)
    if current is None and not dest.exists():
        complete = sorted((p for p in versions.iterdir() if _complete(p)), key=_order)
        if complete:
            link = out / f".{name}.link-{secrets.token_hex(4)}"
            os.symlink(os.path.relpath(complete[-1], out), link)
            os.replace(link, dest)
            _fsync_dir(out)
            current = complete[-1].resolve()
    kept = history(out, name)[-(keep or retention(out)) :]
    kept_paths = {p.resolve() for p in kept}
    for p in sorted(versions.iterdir(), key=_order):
        if p.resolve() in kept_paths or (current is not None and p.resolve() == current):
            continue
        if p.is_dir() and not p.is_symlink():
            _remove(versions, p)
        else:
            p.unlink(missing_ok=True)
    for p in out.glob(f".{name}.link-*"):
        if p.is_symlink():
            p.unlink(missing_ok=True)


def _remove(versions: Path, p: Path) -> None:
    """Delete a version folder without ever leaving part of one under a complete version's name."""
    if not p.name.startswith(TMP_PREFIX):
        doomed = versions / f"{TMP_PREFIX}gone-{p.name}"
        os.rename(p, doomed)
        _pause("prune")
        p = doomed
    shutil.rmtree(p, ignore_errors=True)


def tidy_if_idle(out: Path, names: list[str]) -> None:
    """Clean leftovers when no run holds the lock; never waits (used by the up-to-date path)."""
    if not state_dir(out).is_dir():
        return
    from filelock import Timeout

    lock = out_lock(out)
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        return
    try:
        for name in names:
            tidy(out, name)
    finally:
        lock.release()


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pause(step: str) -> None:
    if os.environ.get(PAUSE_ENV) == step:
        print(f"paused after {step} ({PAUSE_ENV})", file=sys.stderr, flush=True)
        time.sleep(float(os.environ.get("BRIEF_TEST_PAUSE_SECONDS", "60")))
