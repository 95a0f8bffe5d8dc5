"""``netmap import FILE --into MAP``: a file's content as the next version of a stored map.

The rules are in :mod:`netmap.reimport`. A file for another patient (other
name or CPR number) is asked about when a person is at the terminal and
refused otherwise, unless ``--yes``: it is most likely the wrong file, and
saving it would put one patient's network on another's map.
"""

from __future__ import annotations

from pathlib import Path

import click

from netmap.cli.map_ref import interactive, resolve_map, stored_maps
from netmap.cpr import mask_cpr
from netmap.errors import NetmapError
from netmap.i18n import Lang, t
from netmap.model import NetworkMap
from netmap.reimport import as_next_version, same_patient

__all__ = ["import_into"]


def _who(network_map: NetworkMap) -> str:
    cpr = mask_cpr(network_map.patient.cpr)
    return f"{network_map.patient.name} ({cpr})" if cpr else network_map.patient.name


def import_into(
    file: Path,
    imported: NetworkMap,
    map_ref: str,
    *,
    yes: bool,
    author: str,
    db: Path | None,
    lang: Lang,
) -> None:
    """Save ``imported`` (read from ``file``) as a new version of the map ``map_ref``."""
    with stored_maps(db, must_exist=True) as store:
        summary = resolve_map(store, map_ref)
        assert store is not None
        latest = store.load(summary.map_id)
        if not same_patient(latest.map, imported) and not yes:
            params = {"file": file.name, "theirs": _who(imported), "ours": _who(latest.map)}
            if not interactive():
                raise NetmapError("import_into.other_patient", **params)
            if not click.confirm(t("import_into.confirm", lang, **params), default=False):
                click.echo(t("import_into.cancelled", lang))
                raise SystemExit(1)
        new = as_next_version(latest.map, imported)
        saved = store.save(summary.map_id, new, base_version=latest.version, author=author)
        info = store.history(summary.map_id)[-1] if saved.version != latest.version else None
    if info is None:
        click.echo(t("import_into.unchanged", lang, file=file.name, version=latest.version))
        return
    click.echo(
        t(
            "import_into.saved",
            lang,
            file=file.name,
            name=new.patient.name,
            version=saved.version,
            changes=info.describe(lang),
        )
    )
