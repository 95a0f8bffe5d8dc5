"""The checks panel: each finding with its reason, the persons concerned, its source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from netmap.analysis.checks import Finding
from netmap.app.inert import Inert, Node, el
from netmap.app.panels.slots import MESSAGE
from netmap.i18n import Lang, t

__all__ = ["build_checks", "checks_title"]


def checks_title(findings: Sequence[Finding], lang: Lang) -> str:
    """The section heading, with the number of findings when there are any."""
    if not findings:
        return t("panels.title.checks", lang)
    return t("panels.title.checks_count", lang, count=len(findings))


def _finding_item(finding: Finding, names: Mapping[str, str], lang: Lang) -> Inert:
    children: list[Node] = [el("p", finding.message(lang), className="panel-finding-message")]
    concerned = [names[i] for i in finding.persons if i in names]
    if concerned:
        children.append(
            el(
                "p",
                [
                    el("span", t("panels.finding.persons", lang), className="panel-label"),
                    " ",
                    ", ".join(concerned),
                ],
                className="panel-finding-persons",
            )
        )
    children.append(
        el(
            "p",
            [
                el("span", t("panels.finding.source", lang), className="panel-label"),
                " ",
                finding.source,
            ],
            className="panel-finding-source",
        )
    )
    # A list item by role: its slot (a plain div) stands between it and the list.
    # Inert (netmap.app.inert): text only, one component for the browser.
    return Inert(
        el(
            "div",
            children,
            className="panel-finding",
            role="listitem",
            data_code=finding.code.value,
        )
    )


def build_checks(
    findings: Sequence[Finding], names: Mapping[str, str], lang: Lang
) -> dict[str, Any]:
    """The findings by slot (their code), or "no warnings" in the message slot.

    ``names`` maps person ids to the names shown (the analysis' overview). The
    slots are :data:`netmap.app.panels.slots.CHECK_SLOTS`; the layout puts
    them in one list (``panel-findings``).
    """
    if not findings:
        return {
            MESSAGE: Inert(
                el(
                    "p",
                    t("panels.no_findings", lang),
                    id="panel-no-findings",
                    className="panel-all-good",
                )
            )
        }
    slots: dict[str, Any] = {}
    for finding in findings:
        # One finding per code today; a second one would share the slot.
        slots.setdefault(finding.code.value, []).append(_finding_item(finding, names, lang))
    return slots
