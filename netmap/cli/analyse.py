"""``netmap analyse FILE_OR_MAP [--as-of YYYY-MM-DD] [--json]``.

A thin layer over :func:`netmap.analysis.analyse`: read the map from a file
(JSON or GraphML) or from the store by its id, analyse it, print the Danish
(or English) report or one JSON object (:meth:`MapAnalysis.to_report`).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import click

from netmap.analysis import analyse, render_text
from netmap.cli import cli
from netmap.cli.common import common_options, open_cli_store
from netmap.cli.language import help_text
from netmap.cli.map_ref import resolve_map
from netmap.errors import NetmapError
from netmap.i18n import Lang
from netmap.interchange import read_map
from netmap.model import NetworkMap
from netmap.store import MapNotFound, VersionInfo, resolve_db_path

__all__ = ["analyse_command", "map_changed_at", "parse_as_of"]

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAP_SUFFIXES = frozenset({".graphml", ".json", ".xml"})


def parse_as_of(value: str | None) -> date | None:
    """``--as-of`` as a date; a bad value is a one-line error in the user's language.

    >>> parse_as_of("2026-11-22")
    datetime.date(2026, 11, 22)
    >>> try:
    ...     parse_as_of("22-11-2026")
    ... except NetmapError as exc:
    ...     print(exc.key)
    analysis.cli.bad_date
    """
    if value is None:
        return None
    if _DATE_RE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise NetmapError("analysis.cli.bad_date", value=value)


def _looks_like_file(argument: str) -> bool:
    path = Path(argument)
    return path.exists() or path.suffix.lower() in _MAP_SUFFIXES or "/" in argument


def map_changed_at(versions: list[VersionInfo]) -> datetime | None:
    """When the map was last changed by more than its meetings (local time), for
    the check ``map_outdated``: recording a meeting is not updating the map."""
    for info in reversed(versions):
        if info.changes is None or info.changes.changes_the_map:
            return info.saved_at.astimezone().replace(tzinfo=None)
    return None


def _load(argument: str, db: Path | None) -> tuple[NetworkMap, datetime | None]:
    if _looks_like_file(argument):
        return read_map(Path(argument)), None
    if not resolve_db_path(db).exists():
        # Only reading: no database yet means no such map, and none is created.
        raise MapNotFound(argument)
    store = open_cli_store(db)
    try:
        # The id or its start, as for the other commands.
        map_id = resolve_map(store, argument).map_id
        return store.load(map_id).map, map_changed_at(store.history(map_id))
    finally:
        store.close()


@cli.command(name="analyse", help=help_text("analysis.cli.help"))
@click.argument("file_or_map", metavar="FILE_OR_MAP")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=help_text("analysis.cli.as_of_help"))
@click.option("--json", "as_json", is_flag=True, help=help_text("analysis.cli.json_help"))
@common_options
def analyse_command(
    file_or_map: str, as_of: str | None, as_json: bool, db: Path | None, lang: Lang
) -> None:
    when = parse_as_of(as_of)
    network_map, changed_at = _load(file_or_map, db)
    analysis = analyse(network_map, as_of=when, map_changed_at=changed_at)
    if as_json:
        click.echo(json.dumps(analysis.to_report(lang), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(analysis, lang), nl=False)
