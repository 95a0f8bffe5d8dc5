"""The person list as one Dash component, drawn by ``assets/netmap-person-rows.js``.

As Dash components every person was four or five components (a list item,
a button, its texts, the answer buttons), and each costs the browser work
on every update of the page: the list was half of a 60-person page.
:class:`PersonRows` carries the rows as plain data, by person id
(:func:`netmap.app.editor.person_list.list_rows`), and an edit sends only
its persons' rows as a :class:`dash.Patch` of ``rows``. The script draws the
same DOM as before (elements, classes, ARIA, ids) and reports clicks to the
``person-click`` and ``answer-click`` stores.
"""

from __future__ import annotations

from typing import Any

from netmap.app.scripted import ScriptedComponent

__all__ = ["PersonRows"]


class PersonRows(ScriptedComponent):
    """The list's rows (``window.netmap_rows.PersonRows``)."""

    _namespace = "netmap_rows"
    _type = "PersonRows"
    PROPS = ("id", "rows", "order", "more")

    def __init__(
        self,
        rows: dict[str, Any],
        order: list[str],
        more: str | None = None,
        id: str = "person-rows",
    ) -> None:
        super().__init__(id=id, rows=rows, order=order, more=more)
