"""Map commands: import, list, show, history, delete, restore, backup (export: cli/export.py).

A thin layer over :mod:`netmap.interchange` and the :class:`~netmap.store.MapStore`.
An import is validated completely before the store is opened, so a bad file
changes nothing — not even by creating the database. Commands that only read
never create a database either. A map may be named by its id or by the start
of it, as long as only one map's id starts that way.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import click

from netmap.cli import cli
from netmap.cli.common import EXIT_ERASURE_PENDING, common_options
from netmap.cli.language import help_text
from netmap.cli.map_ref import checked_author, interactive, resolve_map, stored_maps
from netmap.consent import consent_state
from netmap.cpr import mask_cpr
from netmap.errors import NetmapError
from netmap.i18n import (
    DEFAULT_LANG,
    Lang,
    format_date,
    format_datetime,
    format_number,
    sort_key,
    t,
    tn,
)
from netmap.interchange import ImportFailed, read_map
from netmap.model import NetworkMap, Person, Sector
from netmap.store import resolve_db_path

__all__ = [
    "backup_command",
    "delete_command",
    "history_command",
    "import_command",
    "list_command",
    "restore_command",
    "show_command",
]


class FileImportFailed(NetmapError):
    """An import failed: names the file, then the reason (node and key)."""

    def __init__(self, file: Path, cause: ImportFailed) -> None:
        self.file = file
        self.cause = cause
        super().__init__("cli_maps.import_failed", file=file.name)

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        return t(self.key, lang, file=self.file.name, reason=self.cause.message(lang))


def _who(author: str, lang: Lang) -> str:
    """The author as a reader wants it: a tab of the app by the start of its id."""
    tab = re.fullmatch(r"app:([0-9a-f]{32})", author)
    return t("cli_maps.app_tab", lang, tab=tab[1][:8]) if tab else author


def _when(moment: datetime, lang: Lang) -> str:
    return format_datetime(moment, lang)


def _yes_no(value: bool | None, lang: Lang) -> str | None:
    if value is None:
        return None
    return t("attendance.yes" if value else "attendance.no", lang)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


# --- import --------------------------------------------------------------------


@cli.command(name="import", help=help_text("cli_maps.import_help"))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--author", default=None, help=help_text("cli_maps.author_help"))
@click.option(
    "--into", "into", metavar="MAP", default=None, help=help_text("import_into.into_help")
)
@click.option("--yes", "yes", is_flag=True, help=help_text("import_into.yes_help"))
@common_options
def import_command(
    file: Path, author: str | None, into: str | None, yes: bool, db: Path | None, lang: Lang
) -> None:
    try:
        network_map = read_map(file)
    except ImportFailed as exc:
        raise FileImportFailed(file, exc) from None
    who = checked_author(author)
    if into is not None:
        from netmap.cli.import_into import import_into  # builds on this module

        import_into(file, network_map, into, yes=yes, author=who, db=db, lang=lang)
        return
    with stored_maps(db, must_exist=False) as store:
        assert store is not None
        stored = store.create(
            network_map, author=who, summary=t("cli_maps.import_note", lang, file=file.name)
        )
    click.echo(
        t(
            "cli_maps.imported",
            lang,
            file=file.name,
            name=network_map.patient.name,
            persons=tn("count.persons", len(network_map.persons), lang),
            ties=tn("count.ties", len(network_map.ties), lang),
        )
    )
    if network_map.patient.cpr:
        click.echo(t("cli_maps.imported_cpr", lang))
    click.echo(stored.map_id)


# --- list ----------------------------------------------------------------------


@cli.command(name="list", help=help_text("cli_maps.list_help"))
@common_options
def list_command(db: Path | None, lang: Lang) -> None:
    with stored_maps(db, must_exist=True) as store:
        summaries = store.list_maps() if store is not None else []
    if not summaries:
        click.echo(t("cli_maps.no_maps", lang, db=str(resolve_db_path(db))))
        return
    rows = [
        [
            t("cli_maps.col_id", lang),
            t("cli_maps.col_patient", lang),
            t("cli_maps.col_cpr", lang),
            t("cli_maps.col_changed", lang),
            t("cli_maps.col_versions", lang),
        ]
    ]
    for s in summaries:
        rows.append(
            [
                s.map_id,
                s.patient_name,
                s.masked_cpr or "–",
                _when(s.updated_at, lang),
                str(s.version_count),
            ]
        )
    for line in _table(rows):
        click.echo(line)


# --- show ----------------------------------------------------------------------


def _person_line(person: Person, lang: Lang) -> str:
    parts = [f"{person.name} ({person.id})"]
    if person.role:
        parts.append(person.role)
    if person.organisation:
        parts.append(person.organisation)
    band = t(f"band.{person.band.value}", lang)
    distance = format_number(person.distance, lang, 2)
    parts.append(t("cli_maps.distance", lang, distance=distance, band=band))
    if person.care_sector is not None:
        parts.append(t(f"care_sector.{person.care_sector.value}", lang))
    for field, value in (("phone", person.phone), ("email", person.email)):
        if value:
            parts.append(f"{t(f'cli_maps.{field}', lang)}: {value}")
    if person.helps_with:
        parts.append(f"{t('cli_maps.helps_with', lang)}: {person.helps_with}")
    for field in ("knows_how_i_am", "can_help"):
        answer = _yes_no(getattr(person, field), lang)
        if answer is not None:
            parts.append(f"{t(f'cli_maps.{field}', lang)}: {answer}")
    attends = t(f"attendance.{person.attends_meetings.value}", lang)
    parts.append(f"{t('cli_maps.attends', lang)}: {attends}")
    if person.team_roles:
        roles = ", ".join(t(f"team_role.{r.value}", lang) for r in person.team_roles)
        parts.append(f"{t('cli_maps.roles', lang)}: {roles}")
    if person.primary_contact:
        parts.append(t("cli_maps.primary_contact", lang))
    return " · ".join(parts)


def _show_lines(network_map: NetworkMap, show_cpr: bool, lang: Lang) -> Iterator[str]:
    patient = network_map.patient
    cpr = (patient.cpr if show_cpr else mask_cpr(patient.cpr)) or "–"
    yield t("cli_maps.show_patient", lang, name=patient.name, cpr=cpr)
    consent, drawn = network_map.consent_given_on, network_map.map_date
    yield t("cli_maps.show_consent", lang, date=format_date(consent, lang) if consent else "–")
    yield f"  {consent_state(network_map.consent, date.today()).message(lang)}"
    yield t("cli_maps.show_map_date", lang, date=format_date(drawn, lang) if drawn else "–")
    yield t("cli_maps.show_persons", lang, count=len(network_map.persons))
    for sector in Sector:
        members = [p for p in network_map.persons if p.sector is sector]
        if not members:
            continue
        yield f"  {t(f'sector.{sector.value}', lang)}:"
        # Closest first; equally close persons in the dictionary order of ``lang``.
        for person in sorted(members, key=lambda p: (p.distance, sort_key(p.name, lang))):
            yield f"    - {_person_line(person, lang)}"
    yield t("cli_maps.show_ties", lang, count=len(network_map.ties))
    names = {p.id: p.name for p in network_map.persons}
    # Each line's two names, and the lines, in the dictionary order of ``lang``.
    pairs = [
        sorted((names.get(tie.a, tie.a), names.get(tie.b, tie.b)), key=lambda n: sort_key(n, lang))
        for tie in network_map.ties
    ]
    for a, b in sorted(pairs, key=lambda pair: [sort_key(n, lang) for n in pair]):
        yield f"  - {a} – {b}"


@cli.command(name="show", help=help_text("cli_maps.show_help"))
@click.argument("map_ref", metavar="MAP")
@click.option(
    "--version", "version", type=int, default=None, help=help_text("cli_maps.version_help")
)
@click.option("--show-cpr", is_flag=True, help=help_text("cli_maps.show_cpr_help"))
@common_options
def show_command(
    map_ref: str, version: int | None, show_cpr: bool, db: Path | None, lang: Lang
) -> None:
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        stored = store.load(summary.map_id, version)
    click.echo(
        t(
            "cli_maps.show_header",
            lang,
            map_id=stored.map_id,
            version=stored.version,
            latest=summary.latest_version,
            saved=_when(stored.saved_at, lang),
        )
    )
    for line in _show_lines(stored.map, show_cpr, lang):
        click.echo(line)


# --- history -------------------------------------------------------------------


@cli.command(name="history", help=help_text("cli_maps.history_help"))
@click.argument("map_ref", metavar="MAP")
@common_options
def history_command(map_ref: str, db: Path | None, lang: Lang) -> None:
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        versions = store.history(summary.map_id)
    click.echo(t("cli_maps.history_header", lang, name=summary.patient_name, map_id=summary.map_id))
    for info in versions:
        click.echo(
            t(
                "cli_maps.history_line",
                lang,
                version=info.version,
                saved=_when(info.saved_at, lang),
                author=_who(info.author, lang),
                what=info.describe(lang),
            )
        )


# --- delete --------------------------------------------------------------------


@cli.command(name="delete", help=help_text("cli_maps.delete_help"))
@click.argument("map_ref", metavar="MAP")
@click.option("--yes", "yes", is_flag=True, help=help_text("cli_maps.yes_help"))
@common_options
def delete_command(map_ref: str, yes: bool, db: Path | None, lang: Lang) -> None:
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        if not yes:
            if not interactive():
                raise NetmapError("cli_maps.delete_needs_yes", map_id=summary.map_id)
            question = t(
                "cli_maps.delete_confirm",
                lang,
                name=summary.patient_name,
                map_id=summary.map_id,
                count=summary.version_count,
            )
            if not click.confirm(question, default=False):
                click.echo(t("cli_maps.delete_cancelled", lang))
                sys.exit(1)
        erasure = store.delete(summary.map_id)
    if not erasure.complete and store.erasure_pending():  # closing is one more chance
        click.echo(
            t(
                "cli_maps.delete_pending",
                lang,
                name=summary.patient_name,
                map_id=summary.map_id,
                files=", ".join(erasure.files),
            )
        )
        sys.exit(EXIT_ERASURE_PENDING)
    click.echo(
        t(
            "cli_maps.deleted",
            lang,
            name=summary.patient_name,
            map_id=summary.map_id,
            count=summary.version_count,
        )
    )


# --- restore -------------------------------------------------------------------


@cli.command(name="restore", help=help_text("cli_maps.restore_help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("version", type=int)
@click.option("--author", default=None, help=help_text("cli_maps.author_help"))
@common_options
def restore_command(
    map_ref: str, version: int, author: str | None, db: Path | None, lang: Lang
) -> None:
    who = checked_author(author)
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        stored = store.restore(summary.map_id, version, author=who)
    if stored.version == summary.latest_version:
        click.echo(t("cli_maps.restore_unchanged", lang, version=version, latest=stored.version))
    else:
        click.echo(t("cli_maps.restored", lang, version=version, new=stored.version))


# --- backup --------------------------------------------------------------------


@cli.command(name="backup", help=help_text("cli_maps.backup_help"))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--overwrite", is_flag=True, help=help_text("cli_maps.overwrite_help"))
@common_options
def backup_command(file: Path, overwrite: bool, db: Path | None, lang: Lang) -> None:
    with stored_maps(db, must_exist=True) as store:
        if store is None:
            raise NetmapError("cli_maps.no_database", db=str(resolve_db_path(db)))
        store.backup(file, overwrite=overwrite)
        count = len(store.list_maps())
    click.echo(t("cli_maps.backed_up", lang, file=str(file), count=count))
