"""What a form says after a save, and where: next to the field, or next to its button.

Pure functions of what the save did (an :class:`~netmap.app.saving.Outcome`
or the problem found before saving), so that a callback only copies the
answer onto the page: an error line under each field it is about (the
field gets ``aria-invalid`` and ``aria-describedby`` from
``netmap/app/assets/netmap-fields.js``), a "Gemt" beside the button that
saved, and the general line for whatever is about no one field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netmap.app.saving import Outcome
from netmap.errors import InvalidInput, NetmapError, Problem, describe_problem
from netmap.i18n import Lang, t

__all__ = [
    "ERROR_CLASS",
    "OK_CLASS",
    "PERSON_TEXT_FIELDS",
    "FormFeedback",
    "field_messages",
    "person_feedback",
]

#: The edit panel's text fields that show their own error line (``edit-<f>-error``).
PERSON_TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "role",
    "organisation",
    "phone",
    "email",
    "helps_with",
)

#: The classes of a status line: saved (calm green) or refused (the error style).
OK_CLASS = "save-status"
ERROR_CLASS = "save-status save-error"


@dataclass(frozen=True)
class FormFeedback:
    """What a form shows after one save.

    ``errors`` has a line (maybe empty) for every field of the form;
    ``status`` is the line at the form's top, ``near_button`` the word
    beside its save button; ``ok`` says which style both take.
    """

    errors: dict[str, str] = field(default_factory=dict)
    status: str = ""
    near_button: str = ""
    ok: bool = True

    @property
    def status_class(self) -> str:
        return OK_CLASS if self.ok else ERROR_CLASS


def _reason(problem: Problem, lang: Lang) -> str:
    # Under its own field the field's name and the person's are said already.
    return describe_problem(Problem(problem.kind, None, problem.value, problem.ctx, None), lang)


def field_messages(
    error: NetmapError, fields: tuple[str, ...], lang: Lang
) -> tuple[dict[str, str], list[str]]:
    """The message for each of ``fields`` that ``error`` is about, and the rest (whole lines).

    >>> from netmap.errors import InvalidInput, Problem
    >>> err = InvalidInput([Problem("netmap.email_invalid", "email", "x", {}, "Ven")])
    >>> by_field, rest = field_messages(err, ("phone", "email"), "en")
    >>> sorted(by_field), rest
    (['email'], [])
    """
    by_field: dict[str, str] = {}
    rest: list[str] = []
    problems = error.problems if isinstance(error, InvalidInput) else []
    for problem in problems:
        if problem.field in fields and problem.field not in by_field:
            by_field[problem.field] = _reason(problem, lang)
        elif problem.field not in by_field:
            rest.append(describe_problem(problem, lang))
    if not problems:
        rest.append(error.message(lang))
    return by_field, rest


def person_feedback(outcome: Outcome, by_button: bool, lang: Lang) -> FormFeedback | None:
    """What the edit panel shows after a save of its fields (``None``: nothing to show).

    ``by_button`` is whether "Gem ændringer" was pressed (not a field left):
    then even a save with nothing new says "Gemt" beside the button, since
    everything it shows is saved.
    """
    empty = dict.fromkeys(PERSON_TEXT_FIELDS, "")
    if outcome.error is not None:
        by_field, rest = field_messages(outcome.error, PERSON_TEXT_FIELDS, lang)
        status = " ".join(rest) if rest else t("app.edit.fix_fields", lang)
        return FormFeedback(errors={**empty, **by_field}, status=status, ok=False)
    if outcome.conflict:
        # Shown at the top of the window with the reload button (the notice).
        return FormFeedback(errors=empty, status=t("app.edit.not_saved", lang), ok=False)
    saved = t("app.edit.saved_status", lang)
    if outcome.saved:
        return FormFeedback(errors=empty, status=saved, near_button=saved if by_button else "")
    if by_button:
        return FormFeedback(errors=empty, status=saved, near_button=saved)
    return None
