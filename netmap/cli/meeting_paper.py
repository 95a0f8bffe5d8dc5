"""``netmap meeting paper MAP MEETING --invitation|--agreements -o FILE``: a paper as PDF.

The same papers as the meetings page: the data from
:mod:`netmap.analysis.papers` (the invite list as participants), laid out by
:mod:`netmap.export.meeting_papers`. The CPR number only with
``--include-cpr``; the file is written owner-only and atomically
(:func:`netmap.interchange.files.write_atomic`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from netmap.analysis.papers import agreement_sheet, invitation
from netmap.cli.common import common_options
from netmap.cli.maps import _help, _store, resolve_map
from netmap.cli.meetings import _meeting_id, meeting_group
from netmap.errors import NetmapError
from netmap.export.meeting_papers import agreements_pdf, invitation_pdf
from netmap.export.picture_options import RenderOptions
from netmap.i18n import Lang, t
from netmap.interchange.files import write_atomic

__all__ = ["paper_command"]


@meeting_group.command(name="paper", help=_help("meetings_app.cli.paper_help"))
@click.argument("map_ref", metavar="MAP")
@click.argument("meeting_ref", metavar="MEETING")
@click.option(
    "--invitation", "which", flag_value="invitation", help=_help("meetings_app.cli.invitation_help")
)
@click.option(
    "--agreements", "which", flag_value="agreements", help=_help("meetings_app.cli.agreements_help")
)
@click.option("--include-cpr", is_flag=True, help=_help("meetings_app.cli.cpr_help"))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=_help("meetings_app.cli.output_help"),
)
@common_options
def paper_command(
    map_ref: str,
    meeting_ref: str,
    which: str | None,
    include_cpr: bool,
    output: Path,
    db: Path | None,
    lang: Lang,
) -> None:
    if which is None:
        raise NetmapError("meetings_app.cli.which")
    with _store(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        stored = store.load(summary.map_id)
    network_map = stored.map
    meeting_id = _meeting_id(network_map, meeting_ref)
    options = RenderOptions(
        lang=lang, export_date=dt.date.today(), version=stored.version, include_cpr=include_cpr
    )
    if which == "agreements":
        sheet = agreement_sheet(network_map, meeting_id, include_cpr=include_cpr, lang=lang)
        data = agreements_pdf(sheet, options)
    else:
        inv = invitation(network_map, meeting_id, include_cpr=include_cpr, lang=lang)
        data = invitation_pdf(inv, options)
    write_atomic(output, data)
    click.echo(t("meetings_app.cli.written", lang, file=str(output)))
