"""HTML attributes whose names Python cannot spell as keywords (``aria-*``, ``data-*``).

Dash components take them as keyword arguments with a hyphen, which only a
``**{...}`` can pass, and Dash's typed signatures then see a ``dict[str, str]``
going into every parameter. :func:`attrs` spells them with underscores and
hands Dash an untyped mapping, so the rest of each call stays type-checked.
"""

from __future__ import annotations

from typing import Any

__all__ = ["attrs"]


def attrs(**values: str) -> dict[str, Any]:
    """``aria_label="…"`` → ``{"aria-label": "…"}``, for ``html.Div(..., **attrs(...))``.

    >>> attrs(aria_label="Kortet", data_person="mor")
    {'aria-label': 'Kortet', 'data-person': 'mor'}
    """
    return {name.replace("_", "-"): value for name, value in values.items()}
