"""Where the database lives: ``--db`` first, then ``NETMAP_DB``, then a per-user folder.

The CLI's ``--db`` option already reads ``NETMAP_DB`` through click; the app and
library callers get the same precedence from :func:`resolve_db_path`.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["APP_NAME", "DB_FILENAME", "ENV_VAR", "default_db_path", "resolve_db_path"]

APP_NAME = "netmap"
DB_FILENAME = "netmap.db"
ENV_VAR = "NETMAP_DB"


def default_db_path() -> Path:
    """The database in the user's own data folder (platformdirs).

    On Linux this is ``$XDG_DATA_HOME/netmap/netmap.db`` (by default
    ``~/.local/share/netmap/netmap.db``); on Windows and macOS the platform's
    per-user application-data folder.
    """
    return Path(platformdirs.user_data_path(APP_NAME, appauthor=False)) / DB_FILENAME


def resolve_db_path(db: Path | str | None = None) -> Path:
    """The database to use: ``db`` if given, else ``$NETMAP_DB``, else the default.

    An empty ``NETMAP_DB`` counts as unset. ``~`` is expanded.

    >>> resolve_db_path("/tmp/x/maps.db")
    PosixPath('/tmp/x/maps.db')
    """
    if db is not None and str(db) != "":
        return Path(db).expanduser()
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()
