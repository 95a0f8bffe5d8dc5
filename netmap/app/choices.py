"""Choice groups: one of (radio) or some of (check boxes), as native inputs in a
``fieldset`` with a ``legend``.

Dash 4's ``dcc.RadioItems`` and ``dcc.Checklist`` draw a ``listbox`` of labels
holding the inputs, which screen readers cannot name and axe-core reports
(``aria-input-field-name``, ``nested-interactive``). dash-bootstrap-components'
``RadioItems``/``Checklist`` draw plain ``<input type=radio|checkbox>`` +
``<label for>`` pairs (without Bootstrap's stylesheet: netmap.css draws them as
chips) and keep the same ``value`` property, so a callback's ``Input(id,
"value")`` works as before. The radios of one group share a ``name``, so the
browser's own keys move between them (Tab into the group, arrows to choose).

    radio_group("edit-sector", legend="Sektor", options=[...], value="family")
    check_group("edit-team_roles", legend="Rolle i teamet", options=[...], value=[])
    radio_items({"prepare_q": 2, "person": "mor"}, options=[...], value="yes")  # no fieldset

An id may be a pattern-matching dict: its inputs then get ids and a name made
from it (dash-bootstrap-components would write "[object Object]" into each).
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

__all__ = ["check_box", "check_group", "check_items", "radio_group", "radio_items"]

GroupId = str | dict[str, Any]
_CLASSES = {
    "input_class_name": "choice-input",
    "label_class_name": "choice-label",
    "label_checked_class_name": "selected",
}


def dom_name(group_id: GroupId) -> str:
    """A string for the DOM that stands for ``group_id`` (the radios' shared name).

    >>> dom_name("edit-sector"), dom_name({"person": "mor", "prepare_q": 2})
    ('edit-sector', 'person-mor-prepare_q-2')
    """
    if isinstance(group_id, str):
        return group_id
    return "-".join(f"{key}-{group_id[key]}" for key in sorted(group_id))


def _options(group_id: GroupId, options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(group_id, str):
        return options
    name = dom_name(group_id)
    return [{**option, "input_id": f"{name}-{option['value']}"} for option in options]


def _fieldset(legend: str, group: Any, legend_hidden: bool) -> Any:
    return html.Fieldset(
        [html.Legend(legend, className="sr-only" if legend_hidden else "choice-legend"), group],
        className="choice-set",
    )


def radio_items(
    group_id: GroupId,
    *,
    options: list[dict[str, Any]],
    value: Any,
    class_name: str = "choice-grid",
    inline: bool = False,
    **props: Any,
) -> Any:
    """The radios alone, for a caller that draws its own fieldset and legend."""
    return dbc.RadioItems(
        id=group_id,
        name=dom_name(group_id),
        options=_options(group_id, options),
        value=value,
        inline=inline,
        class_name=class_name,
        **_CLASSES,
        **props,
    )


def radio_group(
    group_id: GroupId,
    *,
    legend: str,
    options: list[dict[str, Any]],
    value: Any,
    class_name: str = "choice-grid",
    inline: bool = False,
    legend_hidden: bool = False,
    **props: Any,
) -> Any:
    """One of ``options`` (``{"label": text or component, "value": ...}``), in a fieldset.

    ``group_id`` names the component whose ``value`` callbacks read; its inputs
    share one name (one radio group for the browser's arrow keys).
    """
    group = radio_items(
        group_id, options=options, value=value, class_name=class_name, inline=inline, **props
    )
    return _fieldset(legend, group, legend_hidden)


def check_items(
    group_id: GroupId,
    *,
    options: list[dict[str, Any]],
    value: list[Any],
    class_name: str = "choice-grid",
    inline: bool = False,
    **props: Any,
) -> Any:
    """The check boxes alone, for a caller that draws its own fieldset and legend."""
    return dbc.Checklist(
        id=group_id,
        options=_options(group_id, options),
        value=value,
        inline=inline,
        class_name=class_name,
        **_CLASSES,
        **props,
    )


def check_group(
    group_id: GroupId,
    *,
    legend: str,
    options: list[dict[str, Any]],
    value: list[Any],
    class_name: str = "choice-grid",
    inline: bool = False,
    legend_hidden: bool = False,
    **props: Any,
) -> Any:
    """Some of ``options`` (the ``value`` is the list of checked values), in a fieldset."""
    group = check_items(
        group_id, options=options, value=value, class_name=class_name, inline=inline, **props
    )
    return _fieldset(legend, group, legend_hidden)


def check_box(box_id: GroupId, *, label: str, value: str, checked: bool, **props: Any) -> Any:
    """One check box with its label (no fieldset: its label names it).

    Its ``value`` is ``[value]`` when checked, ``[]`` when not (as a one-item checklist).
    """
    return check_items(
        box_id,
        options=[{"label": label, "value": value}],
        value=[value] if checked else [],
        class_name="choice-row",
        **props,
    )
