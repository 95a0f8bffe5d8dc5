"""Errors a user can act on: which field, which value, what is allowed.

Every boundary (import, CLI, callbacks, store) turns a pydantic
``ValidationError`` into :class:`InvalidInput` with :func:`invalid_input`, and
shows it with :meth:`NetmapError.message` in the user's language. The model
raises errors with stable ``netmap.*`` types; pydantic's own types are mapped
to the catalogue here, with pydantic's English text as the last resort.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from netmap.i18n import DEFAULT_LANG, Lang, catalogue, format_date, t

__all__ = [
    "InvalidInput",
    "NetmapError",
    "Problem",
    "describe_problem",
    "invalid_input",
    "problems_from",
]

_MAX_SHOWN_VALUE = 60


class NetmapError(Exception):
    """An error with a catalogue key and parameters, shown in any language."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        """The message in ``lang``; a date parameter is written as ``lang`` writes dates.

        >>> NetmapError("meetings.already_held", id="m1", date=date(2026, 12, 1)).message()[:32]
        'Mødet m1 den 01.12.2026 er aller'
        """
        params = {name: _param(value, lang) for name, value in self.params.items()}
        return t(self.key, lang, **params)


def _param(value: Any, lang: Lang) -> Any:
    """A parameter as the message shows it: a date as ``lang`` writes dates, a
    list as its items joined by commas ("–" when empty), a pair as ``a (b)``.

    >>> _param([("m1", date(2026, 12, 1)), ("m2", date(2027, 1, 5))], "da")
    'm1 (01.12.2026), m2 (05.01.2027)'
    >>> _param([], "en"), _param(3, "en")
    ('–', 3)
    """
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, list):
        return ", ".join(str(_param(item, lang)) for item in value) or "–"
    if isinstance(value, tuple) and len(value) == 2:
        return f"{_param(value[0], lang)} ({_param(value[1], lang)})"
    return value


class Problem:
    """One thing wrong with the input: where, which value, and why."""

    __slots__ = ("ctx", "field", "kind", "value", "where")

    def __init__(
        self, kind: str, field: str | None, value: Any, ctx: dict[str, Any], where: str | None
    ) -> None:
        self.kind = kind
        self.field = field
        self.value = value
        self.ctx = ctx
        self.where = where

    def __repr__(self) -> str:
        return f"Problem({self.kind!r}, field={self.field!r}, where={self.where!r})"


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    if len(text) > _MAX_SHOWN_VALUE:
        text = f"{text[:_MAX_SHOWN_VALUE]}… ({len(text)} tegn/characters)"
    return text


def _field_of(loc: Sequence[int | str]) -> str | None:
    names = [str(part) for part in loc if isinstance(part, str)]
    return names[-1] if names else None


def problems_from(exc: ValidationError, where: str | None = None) -> list[Problem]:
    """The problems in a ``ValidationError``; ``where`` names the node or form."""
    found = []
    for err in exc.errors(include_url=False):
        found.append(_problem(err, where))
    return found


def _problem(err: ErrorDetails, where: str | None) -> Problem:
    ctx = dict(err.get("ctx") or {})
    kind = err["type"]
    return Problem(kind, _field_of(err["loc"]), err.get("input"), ctx, where)


def _field_label(field: str | None, lang: Lang) -> str:
    if field is None:
        return ""
    return catalogue(lang).get(f"field.{field}", field)


def _reason(problem: Problem, lang: Lang) -> str:
    cat = catalogue(lang)
    # A date in the context (a rule's own dates) is written as ``lang`` writes dates.
    params = {
        k: format_date(v, lang) if isinstance(v, date) else _shown(v)
        for k, v in problem.ctx.items()
    }
    params.setdefault("value", _shown(problem.value))
    if "expected" in params:
        # pydantic joins the last choice with an English "or".
        params["expected"] = params["expected"].replace("' or '", "', '")
    kind = problem.kind.removeprefix("netmap.")
    key = f"error.{kind}"
    if key in cat:
        try:
            return cat[key].format(**params)
        except (KeyError, IndexError):
            pass
    return t("error.generic", lang, value=params["value"], detail=problem.kind)


def describe_problem(problem: Problem, lang: Lang = DEFAULT_LANG) -> str:
    """One line: where, which field, which value, what is allowed."""
    parts = []
    if problem.where:
        parts.append(problem.where)
    if problem.field:
        parts.append(t("error.in_field", lang, field=_field_label(problem.field, lang)))
    reason = _reason(problem, lang)
    return f"{', '.join(parts)}: {reason}" if parts else reason


class InvalidInput(NetmapError):
    """Input that failed validation; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("error.invalid_input")

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        first = describe_problem(self.problems[0], lang)
        more = len(self.problems) - 1
        return first if more == 0 else f"{first} {t('error.and_more', lang, count=more)}"

    def lines(self, lang: Lang = DEFAULT_LANG) -> list[str]:
        return [describe_problem(p, lang) for p in self.problems]


def invalid_input(exc: ValidationError, where: str | None = None) -> InvalidInput:
    """Wrap a pydantic error so a boundary can show it in the user's language."""
    return InvalidInput(problems_from(exc, where))
