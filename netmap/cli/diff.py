"""``netmap diff MAP [--from V] [--to V] [--json]``: what changed between two versions.

By default from the version the last meeting was prepared with (``netmap
meeting ready``; the first version when no meeting was) to the latest, so
that before a meeting the pair sees what changed since the last one. A thin
layer over :func:`netmap.analysis.diff.diff`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from netmap.analysis.diff import diff
from netmap.analysis.diff_text import describe_diff
from netmap.analysis.preparation import prepared_for
from netmap.cli import cli
from netmap.cli.common import common_options
from netmap.cli.language import help_text
from netmap.cli.map_ref import resolve_map, stored_maps
from netmap.i18n import Lang, format_date, t

__all__ = ["diff_command", "prepared_for"]


@cli.command(name="diff", help=help_text("diff.cli.help"))
@click.argument("map_ref", metavar="MAP")
@click.option(
    "--from", "from_version", type=int, default=None, help=help_text("diff.cli.from_help")
)
@click.option("--to", "to_version", type=int, default=None, help=help_text("diff.cli.to_help"))
@click.option("--json", "as_json", is_flag=True, help=help_text("diff.cli.json_help"))
@common_options
def diff_command(
    map_ref: str,
    from_version: int | None,
    to_version: int | None,
    as_json: bool,
    db: Path | None,
    lang: Lang,
) -> None:
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        new = store.load(summary.map_id, to_version)
        meeting = prepared_for(new.map) if from_version is None else None
        if from_version is None:
            from_version = meeting.prepared_with if meeting is not None else 1
        old = store.load(summary.map_id, from_version)
    found = diff(old.map, new.map, from_version=old.version, to_version=new.version)
    if as_json:
        click.echo(json.dumps(found.report(), ensure_ascii=False, indent=2))
        return
    key = "diff.cli.header_meeting" if meeting is not None else "diff.cli.header"
    click.echo(
        t(
            key,
            lang,
            name=new.map.patient.name,
            old=old.version,
            new=new.version,
            date=format_date(meeting.date, lang) if meeting is not None else "",
        )
    )
    for line in describe_diff(found, lang):
        click.echo(f"  - {line}")
