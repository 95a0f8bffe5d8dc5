"""The field types every netmap model is made of: names, ids, short and long
texts, phone numbers and e-mail addresses, each cleaned and checked with a
stable ``netmap.*`` error type (see :mod:`netmap.errors`), and the strict base
model. Here, apart from :mod:`netmap.model`, so that modules the map is built
of (:mod:`netmap.meetings`) can use them without importing the map.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import email_validator
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from netmap.phone import normalise_phone

__all__ = [
    "MAX_ID_LENGTH",
    "MAX_LONG_TEXT",
    "MAX_NAME_LENGTH",
    "MAX_SHORT_TEXT",
    "Email",
    "LongText",
    "Name",
    "PersonId",
    "Phone",
    "ShortText",
    "StrictModel",
    "blank_to_none",
    "clean_text",
]

MAX_NAME_LENGTH = 120
MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 1000
MAX_ID_LENGTH = 100


# Control characters, lone surrogates and the non-characters U+FFFE/U+FFFF: none
# can be stored in XML, and none belongs in a name or a note.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if _CONTROL_RE.search(value):
            raise PydanticCustomError(
                "netmap.control_characters", "contains control characters", {}
            )
    return value


def blank_to_none(value: Any) -> Any:
    value = clean_text(value)
    return None if value == "" else value


def _check_phone(value: str | None) -> str | None:
    # Possible is enough (netmap.phone): unallocated numbers are kept and noted.
    if value is None:
        return None
    normal = normalise_phone(value)
    if normal is None:
        raise PydanticCustomError(
            "netmap.phone_invalid", "not a possible phone number: {value}", {"value": value}
        )
    return normal


def _check_email(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        result = email_validator.validate_email(
            value, check_deliverability=False, test_environment=True
        )
    except email_validator.EmailNotValidError:
        raise PydanticCustomError(
            "netmap.email_invalid", "not a valid e-mail address: {value}", {"value": value}
        ) from None
    return str(result.normalized)


def _check_id(value: str) -> str:
    if not value or len(value) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "netmap.id_invalid",
            "an id must be 1 to {max} characters",
            {"value": value, "max": MAX_ID_LENGTH},
        )
    return value


Name = Annotated[str, BeforeValidator(clean_text), Field(min_length=1, max_length=MAX_NAME_LENGTH)]
# The length limit sits on the ``str`` arm so that ``None`` (not answered) passes.
ShortText = Annotated[
    Annotated[str, Field(max_length=MAX_SHORT_TEXT)] | None, BeforeValidator(blank_to_none)
]
LongText = Annotated[
    Annotated[str, Field(max_length=MAX_LONG_TEXT)] | None, BeforeValidator(blank_to_none)
]
PersonId = Annotated[str, BeforeValidator(clean_text), AfterValidator(_check_id)]
Phone = Annotated[
    Annotated[str, Field(max_length=40)] | None,
    BeforeValidator(blank_to_none),
    AfterValidator(_check_phone),
]
Email = Annotated[
    Annotated[str, Field(max_length=254)] | None,
    BeforeValidator(blank_to_none),
    AfterValidator(_check_email),
]


class StrictModel(BaseModel):
    """Base for every netmap model: unknown fields rejected, assignments checked.

    Patients, persons and ties are also frozen: values that maps, versions
    and the store's cache share safely. Change one by making a new one
    (``model_copy(update=...)`` after validating, or an edit in
    :mod:`netmap.editing`).
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=False,
        use_enum_values=False,
    )
