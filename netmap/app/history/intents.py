"""The history page's browser values, parsed: which versions to show, which to restore.

Pure functions: the values Dash hands a callback in, a small model out (or
``InvalidInput`` with the field named). Nothing is loaded here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from netmap.app.state import parse
from netmap.errors import InvalidInput, NetmapError
from netmap.model import StrictModel

__all__ = ["Compare", "VersionNumber", "compare_from_button", "compare_from_form"]

VersionNumber = Annotated[int, Field(ge=1, le=10**9)]


class Compare(StrictModel):
    """Show version ``to`` read only, and what changed from version ``from_`` to it."""

    from_: VersionNumber
    to: VersionNumber


def compare_from_button(button_id: Any) -> Compare:
    """A time line button ``{"type": "hist-view", "v": N, "f": M, "e": …}``: show N,
    with what changed since M.

    >>> compare_from_button({"type": "hist-view", "v": 7, "f": 3, "e": "s4"})
    Compare(from_=3, to=7)
    """
    found = button_id if isinstance(button_id, dict) else {}
    return Compare(
        from_=parse(VersionNumber, found.get("f"), "hist-view"),
        to=parse(VersionNumber, found.get("v"), "hist-view"),
    )


def _typed(value: Any, field: str, latest: int) -> int:
    try:
        number: int = parse(VersionNumber, value, field)
    except InvalidInput:
        number = 0
    if not 1 <= number <= latest:
        # A number field outside its min/max comes as None: say what is allowed.
        raise NetmapError(f"history.bad_{field}", latest=latest)
    return number


def compare_from_form(from_value: Any, to_value: Any, latest: int) -> Compare:
    """The compare form's two version numbers (a number, or its text), each 1 to ``latest``.

    >>> compare_from_form("2", 5, latest=5)
    Compare(from_=2, to=5)
    >>> compare_from_form(None, 5, latest=5)
    Traceback (most recent call last):
    netmap.errors.NetmapError: From version: type a whole number from 1 to 5.
    """
    return Compare(from_=_typed(from_value, "from", latest), to=_typed(to_value, "to", latest))
