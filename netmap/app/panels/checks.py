"""The checks panel: each finding with its reason, the persons concerned, its source."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dash import html
from dash.development.base_component import Component

from netmap.analysis.checks import Finding
from netmap.i18n import Lang, t

__all__ = ["build_checks", "checks_title"]


def checks_title(findings: Sequence[Finding], lang: Lang) -> str:
    """The section heading, with the number of findings when there are any."""
    if not findings:
        return t("panels.title.checks", lang)
    return t("panels.title.checks_count", lang, count=len(findings))


def _finding_item(finding: Finding, names: Mapping[str, str], lang: Lang) -> Component:
    children: list[Component] = [html.P(finding.message(lang), className="panel-finding-message")]
    concerned = [names[i] for i in finding.persons if i in names]
    if concerned:
        children.append(
            html.P(
                [
                    html.Span(t("panels.finding.persons", lang), className="panel-label"),
                    " ",
                    ", ".join(concerned),
                ],
                className="panel-finding-persons",
            )
        )
    children.append(
        html.P(
            [
                html.Span(t("panels.finding.source", lang), className="panel-label"),
                " ",
                finding.source,
            ],
            className="panel-finding-source",
        )
    )
    return html.Li(children, className="panel-finding", **{"data-code": finding.code.value})


def build_checks(
    findings: Sequence[Finding], names: Mapping[str, str], lang: Lang
) -> list[Component]:
    """The findings as a list, or "no warnings" when there are none.

    ``names`` maps person ids to the names shown (the analysis' overview).
    """
    if not findings:
        return [
            html.P(
                t("panels.no_findings", lang), id="panel-no-findings", className="panel-all-good"
            )
        ]
    return [
        html.Ul(
            [_finding_item(f, names, lang) for f in findings],
            id="panel-findings",
            className="panel-findings",
        )
    ]
