"""Owner-only files: the database holds names, phone numbers and CPR numbers.

New files are made 0600 (:mod:`netmap.store.sqlite`); this module tightens
what already exists before anything is written to it: the database file and
its ``-wal`` and ``-shm`` lose every group and other bit (0644 becomes 0600,
0444 becomes 0400), and netmap's own data folder becomes 0700. A folder the
user chose (``/tmp``, their home) is never changed: the files in it are
private either way. A file that others can read and that netmap cannot
tighten (another user owns it) is refused with the reason and the fix.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from netmap.store.base import StoreError

__all__ = ["companion_files", "private_files", "private_folder"]

_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def companion_files(path: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it in WAL mode."""
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm")]


def private_files(path: Path) -> None:
    """Take group and other access away from the database and its WAL files."""
    if os.name != "posix":  # Windows: the user's profile folder is private already
        return
    for file in companion_files(path):
        try:
            info = file.stat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError("store.cannot_open", path=str(file), detail=str(exc)) from exc
        if not stat.S_ISREG(info.st_mode) or not info.st_mode & _OTHERS:
            continue
        mode = stat.S_IMODE(info.st_mode)
        fixed = mode & ~_OTHERS
        if info.st_uid != os.geteuid():
            raise StoreError(
                "store.permissions_not_owner",
                path=str(file),
                mode=f"{mode:04o}",
                fixed=f"{fixed:04o}",
            )
        try:
            os.chmod(file, fixed)
        except OSError as exc:
            raise StoreError(
                "store.permissions_failed",
                path=str(file),
                mode=f"{mode:04o}",
                fixed=f"{fixed:04o}",
                detail=exc.strerror or str(exc),
            ) from exc


def private_folder(folder: Path) -> None:
    """Make netmap's own data folder 0700, creating it if needed.

    Only for the folder netmap chose itself; never call it on a folder the
    user named.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix" and stat.S_IMODE(folder.stat().st_mode) & _OTHERS:
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise StoreError("store.cannot_open", path=str(folder), detail=str(exc)) from exc
