"""Who is shared with Patientens team: the patient decides, a rule fills in the rest.

DOMAIN.md, "Consent and privacy": information is shared in the team only with
the patient's consent; the patient decides per person. While the patient has
not decided (``Person.share_with_team is None``), professionals are shared —
they are the team's own members and contacts — and so is anyone the patient
wants at the meetings (question 4, *"Hvem af dem skal med til møderne?"*):
the team will meet them. Everyone else is not shared: in a team export they
appear by their role only (:mod:`netmap.export.redact`).
"""

from __future__ import annotations

from netmap.model import Attendance, Person

__all__ = ["shared_with_team"]


def shared_with_team(person: Person) -> bool:
    """Whether a team export may show this person's name and contact details.

    >>> from netmap.model import Person
    >>> def p(**kw): return Person(id="x", name="X", distance=0.5, **kw)
    >>> shared_with_team(p(sector="professional"))
    True
    >>> shared_with_team(p(sector="family")), shared_with_team(p(sector="family",
    ...     attends_meetings="yes"))
    (False, True)
    >>> shared_with_team(p(sector="professional", share_with_team=False))  # the patient said no
    False
    """
    if person.share_with_team is not None:
        return person.share_with_team
    return person.is_professional or person.attends_meetings is Attendance.YES
