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
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

__all__ = ["check_box", "check_group", "radio_group"]


def _fieldset(legend: str, group: Any, legend_hidden: bool) -> Any:
    return html.Fieldset(
        [html.Legend(legend, className="sr-only" if legend_hidden else "choice-legend"), group],
        className="choice-set",
    )


def radio_group(
    group_id: str,
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
    share the name ``group_id`` (one radio group for the browser's arrow keys).
    """
    group = dbc.RadioItems(
        id=group_id,
        name=group_id,
        options=options,
        value=value,
        inline=inline,
        class_name=class_name,
        input_class_name="choice-input",
        label_class_name="choice-label",
        label_checked_class_name="selected",
        **props,
    )
    return _fieldset(legend, group, legend_hidden)


def check_group(
    group_id: str,
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
    group = dbc.Checklist(
        id=group_id,
        options=options,
        value=value,
        inline=inline,
        class_name=class_name,
        input_class_name="choice-input",
        label_class_name="choice-label",
        label_checked_class_name="selected",
        **props,
    )
    return _fieldset(legend, group, legend_hidden)


def check_box(box_id: str, *, label: str, value: str, checked: bool, **props: Any) -> Any:
    """One check box with its label (no fieldset: its label names it).

    Its ``value`` is ``[value]`` when checked, ``[]`` when not (as a one-item checklist).
    """
    return dbc.Checklist(
        id=box_id,
        options=[{"label": label, "value": value}],
        value=[value] if checked else [],
        class_name="choice-row",
        input_class_name="choice-input",
        label_class_name="choice-label",
        label_checked_class_name="selected",
        **props,
    )
