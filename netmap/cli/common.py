"""What every command shares: ``--db``, ``--lang``, opening the store and one-line errors."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from netmap.cli.language import cli_lang, help_text
from netmap.errors import NetmapError
from netmap.i18n import Lang, parse_lang, t
from netmap.store import MapStore, open_store

__all__ = ["EXIT_ERASURE_PENDING", "common_options", "echo_error", "open_cli_store", "run_cli"]

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INVALID = 2
EXIT_INTERNAL = 70
#: ``delete`` could not finish erasing yet (EX_TEMPFAIL): another program has the database open.
EXIT_ERASURE_PENDING = 75


def common_options(func: F) -> F:
    """Add ``--db`` and ``--lang`` to a command (they are passed as ``db`` and ``lang``)."""

    @click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        envvar="NETMAP_DB",
        help=help_text("cli.common.db_help"),
    )
    @click.option(
        "--lang",
        "lang",
        type=click.Choice(["da", "en"]),
        # Also before the command (``netmap --lang en list``) or in NETMAP_LANG.
        default=cli_lang,
        help=help_text("cli.common.lang_help"),
    )
    @functools.wraps(func)
    def wrapper(*args: Any, lang: str, **kwargs: Any) -> Any:
        return func(*args, lang=parse_lang(lang), **kwargs)

    return wrapper  # type: ignore[return-value]


def open_cli_store(db: Path | None) -> MapStore:
    """The store for a command, saying on stderr if an earlier erasure is still not finished.

    Opening checks the file (a damaged one is refused with what to do) and makes
    it owner-only; both come as a :class:`~netmap.errors.NetmapError`, which
    :func:`run_cli` prints as one line.
    """
    store = open_store(db)
    if store.erasure_pending():
        path = getattr(store, "path", db)
        echo_error(t("store.erasure_pending", current_lang_or_default(), path=str(path)))
    return store


def echo_error(message: str) -> None:
    # One line only: newlines inside user values must not break the contract.
    click.echo(" ".join(message.split()), err=True)


def run_cli(group: click.Group) -> None:
    """Run ``group``; turn netmap errors into one line and an exit code."""
    try:
        group.main(standalone_mode=False)
    except NetmapError as exc:
        lang = current_lang_or_default()
        echo_error(t("cli.error", lang, message=exc.message(lang)))
        sys.exit(EXIT_INVALID)
    except click.exceptions.Abort:
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("NETMAP_DEBUG"):
            raise
        lang = current_lang_or_default()
        echo_error(t("cli.internal_error", lang, detail=type(exc).__name__))
        sys.exit(EXIT_INTERNAL)
    sys.exit(0)


def current_lang_or_default() -> Lang:
    """The ``--lang`` the command was given, else Danish: errors can occur before
    click has parsed the options."""
    return cli_lang()
