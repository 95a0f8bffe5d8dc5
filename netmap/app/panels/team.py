"""The team panel: the groups seed 001 derives from the map, and the invite list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from netmap.analysis.groups import GROUP_ORDER, Group, Groups
from netmap.analysis.overview import OverviewRow
from netmap.app.inert import Inert, Node, el
from netmap.app.light import capped, is_light, more_item
from netmap.app.panels.labels import group_label, roles_label
from netmap.i18n import Lang, t
from netmap.memo import ByIdentity

__all__ = ["build_team", "person_item"]


#: Each row's item, made once per row and language (rows are frozen and shared
#: between versions: a drop makes one or two items, not all of them).
_ITEMS: ByIdentity[Node] = ByIdentity()


def person_item(row: OverviewRow, lang: Lang) -> Node:
    """One person as a list item: name, role, and any team roles (all plain text).

    An inert element (:mod:`netmap.app.inert`): a 60-person map lists some
    75 persons here, and as Dash components each cost the browser work on
    every update of the page. The item is shared: it must not be changed.
    """
    return _ITEMS.get(row, lang, lambda r: _new_item(r, lang))


def _new_item(row: OverviewRow, lang: Lang) -> Node:
    children: list[Node | str] = [el("span", row.name, className="panel-person-name")]
    if row.role:
        children += [" · ", row.role]
    roles = roles_label(row.team_roles, row.primary_contact, lang)
    if roles:
        children.append(el("span", roles, className="panel-person-team-roles"))
    return el("li", children, className="panel-person", data_person=row.id)


def _patient_item(patient_id: str, patient_name: str) -> Node:
    return el(
        "li",
        el("span", patient_name, className="panel-person-name"),
        className="panel-person",
        data_person=patient_id,
    )


def _shown(
    ids: Sequence[str],
    item: Callable[[str], Node],
    name: Callable[[str], str],
    lang: Lang,
    light: bool,
) -> list[Node]:
    """The items of a group; in light mode the first 50 and "og N flere" (netmap.app.light)."""
    if not light:
        return [item(i) for i in ids]
    first, rest = capped(ids)
    return [item(i) for i in first] + ([more_item([name(i) for i in rest], lang)] if rest else [])


def _group_block(
    key: str, title: str, items: Sequence[Node], lang: Lang, *, ordered: bool = False
) -> Inert:
    if not items:
        items = [el("li", t("panels.group.none", lang), className="panel-none")]
    listing = el("ol" if ordered else "ul", list(items))
    return Inert(
        el(
            "div",
            [el("h3", title, className="panel-group-title"), listing],
            id=f"panel-group-{key}",
            className="panel-group",
        )
    )


def build_team(
    groups: Groups,
    invite: Sequence[str],
    rows: Sequence[OverviewRow],
    patient_name: str,
    lang: Lang,
) -> dict[str, Inert]:
    """The four groups (and any professionals outside the team) and the invite list.

    Each block by its slot (:data:`netmap.app.panels.slots.TEAM_SLOTS`), in
    the order shown, as one :class:`~netmap.app.inert.Inert` component; the
    "outside" block is left out when nobody is outside the team. ``rows`` is
    the analysis' contact overview, which carries each person's name, role
    and team roles; the patient is named by ``patient_name``. The CPR number
    is not an input, so it cannot appear here.
    """
    by_id = {row.id: row for row in rows}
    light = is_light(len(rows))

    def item(person_id: str) -> Node:
        if person_id == groups.patient:
            return _patient_item(person_id, patient_name)
        return person_item(by_id[person_id], lang)

    def name(person_id: str) -> str:
        return patient_name if person_id == groups.patient else by_id[person_id].name

    patient = _patient_item(groups.patient, patient_name)
    blocks = {"patient": _group_block("patient", t("panels.group.patient", lang), [patient], lang)}
    for group in GROUP_ORDER:
        ids = groups.of(group)
        if group is Group.OUTSIDE and not ids:
            continue
        items = _shown(ids, item, name, lang, light)
        blocks[group.value] = _group_block(group.value, group_label(group, lang), items, lang)
    invited = _shown(invite, item, name, lang, light)
    blocks["invite"] = Inert(
        el(
            "div",
            [
                el("h3", t("panels.invite.title", lang), className="panel-group-title"),
                el("p", t("panels.invite.hint", lang), className="panel-hint"),
                el("ol", invited),
            ],
            id="panel-invite",
            className="panel-group panel-invite",
        )
    )
    return blocks
