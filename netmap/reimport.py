"""A map read from a file as the next version of a stored map (``netmap import FILE --into MAP``).

An updated map from another tool (Network Canvas, Gephi, a colleague's
netmap) is the same patient's map, not a new patient. The file's content
becomes the new version; what the file cannot say is kept from the map:

* GraphML carries no meetings and an export leaves the CPR number out unless
  asked, so a file with no CPR, consent date, map date or meetings keeps the
  map's — importing never loses them by accident;
* the patient keeps the map's id, which past meetings name.

A file whose patient is someone else (another CPR number, or another name)
is most likely the wrong file: :func:`same_patient` says so, and the command
asks (or refuses without ``--yes``) before anything is saved.
"""

from __future__ import annotations

import unicodedata

from pydantic import ValidationError

from netmap.errors import invalid_input
from netmap.model import NetworkMap

__all__ = ["as_next_version", "same_patient"]


def _folded(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def same_patient(current: NetworkMap, imported: NetworkMap) -> bool:
    """Whether the file is about the same patient: the same name (case and
    spacing aside) and no different CPR number (a file may leave it out).

    >>> from netmap.model import Patient
    >>> a = NetworkMap(patient=Patient(name="Sofie Jensen", cpr="010203-1234"))
    >>> same_patient(a, NetworkMap(patient=Patient(name="sofie  jensen")))
    True
    >>> same_patient(a, NetworkMap(patient=Patient(name="Sofie Jensen", cpr="020304-1234")))
    False
    """
    old, new = current.patient, imported.patient
    if old.cpr and new.cpr and old.cpr != new.cpr:
        return False
    return _folded(old.name) == _folded(new.name)


def as_next_version(current: NetworkMap, imported: NetworkMap) -> NetworkMap:
    """The file's map as the next version of ``current`` (see the module docstring).

    >>> import datetime as dt
    >>> from netmap.model import Patient
    >>> now = NetworkMap(patient=Patient(id="p0", name="Sofie", cpr="010203-1234"),
    ...                  consent_given_on=dt.date(2026, 3, 1))
    >>> nxt = as_next_version(now, NetworkMap(patient=Patient(id="ego", name="Sofie")))
    >>> nxt.patient.id, nxt.patient.cpr, nxt.consent_given_on
    ('p0', '010203-1234', datetime.date(2026, 3, 1))
    """
    patient = imported.patient.model_copy(
        update={"id": current.patient.id, "cpr": imported.patient.cpr or current.patient.cpr}
    )
    fields = {name: getattr(imported, name) for name in NetworkMap.model_fields}
    fields["patient"] = patient
    for name in ("consent", "map_date"):
        if fields[name] is None:
            fields[name] = getattr(current, name)
    if not fields["meetings"]:
        fields["meetings"] = list(current.meetings)
    try:
        # Validated again: the file's persons must not take the patient's id.
        return NetworkMap.model_validate(fields)
    except ValidationError as exc:
        raise invalid_input(exc) from None
