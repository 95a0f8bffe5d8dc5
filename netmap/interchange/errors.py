"""Why an import failed, in one line that names the node and key at fault.

:class:`ImportFailed` either carries a catalogue key of its own (a file that is
not XML, two patient nodes …) or the pydantic problems found while validating
one node, together with *where* they were found. The place is rendered in the
reader's language only when the message is shown, so the same error can be
printed in Danish or English.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from netmap.errors import NetmapError, Problem, describe_problem, problems_from
from netmap.i18n import DEFAULT_LANG, Lang, t

__all__ = ["ExportFailed", "ImportFailed", "Place", "shorten"]

_MAX_SHOWN_ID = 60

PlaceKind = Literal["node", "person", "graph", "json"]


def shorten(text: str) -> str:
    """A node id or value cut to a length that fits in one line of a message.

    >>> shorten("mor")
    'mor'
    >>> len(shorten("x" * 10_000)) < 80
    True
    """
    if len(text) <= _MAX_SHOWN_ID:
        return text
    return f"{text[:_MAX_SHOWN_ID]}… ({len(text)})"


@dataclass(frozen=True)
class Place:
    """Where in the file a problem is: a GraphML node, a JSON person, a graph key.

    ``key`` is the GraphML key or JSON field at fault (None: the whole node).
    """

    kind: PlaceKind
    ident: str | None = None
    key: str | None = None

    def describe(self, lang: Lang) -> str:
        ident = shorten(self.ident or "")
        key = shorten(self.key or "")
        if self.kind in ("node", "person"):
            if self.key is None:
                return t(f"interchange.where_{self.kind}", lang, node=ident)
            return t(f"interchange.where_{self.kind}_key", lang, node=ident, key=key)
        if self.kind == "graph":
            return t("interchange.where_graph_key", lang, key=key)
        if self.key:
            return t("interchange.where_json", lang, key=key)
        return ""


class ImportFailed(NetmapError):
    """A file could not be imported; nothing was changed.

    Built either from a catalogue key (``ImportFailed("interchange.empty")``) or
    from validation problems with :meth:`from_validation`.

    >>> from netmap.model import Person
    >>> try:
    ...     Person(id="mor", name="Mor", sector="family", distance=1.5)
    ... except ValidationError as exc:
    ...     err = ImportFailed.from_validation(exc, lambda field: Place("node", "mor", field))
    >>> err.message("da")
    'Node «mor», nøglen «distance»: værdien 1.5 er ikke tilladt – skal være højst 1.0'
    """

    def __init__(
        self,
        key: str,
        *,
        problems: Sequence[tuple[Problem, Place | None]] = (),
        **params: Any,
    ) -> None:
        self.problems = list(problems)
        super().__init__(key, **params)

    @classmethod
    def from_validation(
        cls, exc: ValidationError, place_of: Callable[[str | None], Place | None]
    ) -> ImportFailed:
        """Wrap a pydantic error; ``place_of(field)`` says where each problem is."""
        found = [(p, place_of(p.field)) for p in problems_from(exc)]
        return cls("error.invalid_input", problems=found)

    def merged(self, other: ImportFailed) -> ImportFailed:
        """Both errors' problems in one (several bad nodes reported together)."""
        return ImportFailed(self.key, problems=[*self.problems, *other.problems], **self.params)

    def lines(self, lang: Lang = DEFAULT_LANG) -> list[str]:
        """Every problem, one line each (the message shows only the first)."""
        if not self.problems:
            return [self.message(lang)]
        return [" ".join(_describe(p, place, lang).split()) for p, place in self.problems]

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        if not self.problems:
            text = t(self.key, lang, **self.params)
        else:
            text = _describe(*self.problems[0], lang)
            more = len(self.problems) - 1
            if more:
                text = f"{text} {t('error.and_more', lang, count=more)}"
        # One line, always: ids and values from a file may hold line breaks.
        return " ".join(text.split())


def _describe(problem: Problem, place: Place | None, lang: Lang) -> str:
    if place is None:
        return describe_problem(problem, lang)
    # The place already names the key, so the field label is left out.
    where = place.describe(lang) or None
    field = None if where else problem.field
    return describe_problem(Problem(problem.kind, field, problem.value, problem.ctx, where), lang)


class ExportFailed(NetmapError):
    """A map could not be written to a file; any earlier file is untouched."""
