"""Labels shared by the builders: every word comes from the catalogue."""

from __future__ import annotations

from collections.abc import Iterable

from netmap.analysis.groups import Group
from netmap.i18n import Lang, t
from netmap.model import Band, Sector, TeamRole

__all__ = ["band_label", "group_label", "roles_label", "sector_label"]


def sector_label(sector: Sector, lang: Lang) -> str:
    return t(f"sector.{sector.value}", lang)


def band_label(band: Band, lang: Lang) -> str:
    return t(f"band.{band.value}", lang)


def group_label(group: Group, lang: Lang) -> str:
    return t(f"panels.group.{group.value}", lang)


def roles_label(roles: Iterable[TeamRole], primary_contact: bool, lang: Lang) -> str:
    """Team roles and the primary-contact mark as one line, e.g. for a table cell.

    >>> roles_label([TeamRole.STAFETHOLDER, TeamRole.MEETING_LEAD], True, "da")
    'Stafetholder, Mødeleder, Primær kontaktperson'
    """
    parts = [t(f"team_role.{role.value}", lang) for role in roles]
    if primary_contact:
        parts.append(t("panels.primary_contact", lang))
    return ", ".join(parts)
