"""Which files a load reads: the paths given, and the loadable files inside folders.

Only regular files are read. A FIFO would block the load forever and a device such as
/dev/zero never ends, so inside a folder they are passed over with a warning, and a
symlink is followed only when it leads to a regular file; named on the command line they
are an error. A file or folder that cannot be read is a problem of the load (an error,
or a reject with --skip-invalid), never a traceback and never silently left out.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph_loader.errors import RecordInvalid
from queries.errors import InnographError

# Files a folder walk passes over: notes about the data, not data.
_NOT_DATA_PREFIXES = ("readme", "license", "licence", "source", "notice")


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # not of a loadable kind
    warnings: list[RecordInvalid] = field(default_factory=list)  # passed over, and why
    unreadable: list[RecordInvalid] = field(default_factory=list)  # files or folders


def _kind(mode: int) -> str | None:
    """What a file that is not a regular one is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _readable(path: Path) -> str | None:
    """None when the file opens for reading, else why not (opening a regular file never blocks)."""
    try:
        with path.open("rb"):
            return None
    except OSError as exc:
        return exc.strerror or str(exc)


def collect_files(
    paths: Iterable[Path], loadable: Callable[[Path], bool], unsupported: Callable[[Path], str]
) -> Found:
    """The regular, loadable files under `paths` (folders recursively, in name order)."""
    found = Found()
    for path in paths:
        try:
            mode = path.stat().st_mode  # follows a symlink: what would be read
        except FileNotFoundError:
            raise InnographError(f"{path}: no such file or folder") from None
        except OSError as exc:
            raise InnographError(f"{path}: not readable ({exc.strerror or exc})") from None
        if stat.S_ISDIR(mode):
            _walk(path, loadable, found)
            continue
        kind = _kind(mode)
        if kind is not None:
            raise InnographError(f"{path}: {kind}, not a regular file; only regular files are read")
        if not loadable(path):
            raise InnographError(unsupported(path))
        _add(path, found)
    return found


def _add(path: Path, found: Found) -> None:
    why = _readable(path)
    if why is None:
        found.files.append(path)
    else:
        found.unreadable.append(RecordInvalid(f"not readable ({why})", where=str(path)))


def _walk(folder: Path, loadable: Callable[[Path], bool], found: Found) -> None:
    def unreadable_folder(error: OSError) -> None:
        where = error.filename or str(folder)
        found.unreadable.append(RecordInvalid(f"folder not readable ({error.strerror})", where=where))

    before = len(found.files) + len(found.unreadable)
    # followlinks=False: a symlink loop cannot make the walk endless
    for root, dirs, names in os.walk(folder, onerror=unreadable_folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name.lower().startswith(_NOT_DATA_PREFIXES):
                continue
            candidate = Path(root) / name
            if not loadable(candidate):
                found.skipped.append(candidate)
                continue
            try:
                mode = candidate.stat().st_mode
            except OSError:  # a dangling symlink
                found.warnings.append(RecordInvalid("a symlink to nothing; skipped", where=str(candidate)))
                continue
            kind = _kind(mode)
            if kind is not None:
                found.warnings.append(
                    RecordInvalid(f"{kind}, not a regular file; skipped", where=str(candidate))
                )
                continue
            _add(candidate, found)
    if len(found.files) + len(found.unreadable) == before:
        raise InnographError(
            f"{folder}: no loadable files (.jsonl, .ndjson, .csv, .tsv, .txt, .md, .html) in this folder"
        )
