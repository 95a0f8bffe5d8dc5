"""Phone numbers: accept every *possible* number, in one normal form.

A number is kept when it has the right length and digits for its country
(``phonenumbers.is_possible_number``; Danish without a country code). Whether
it lies in a range the telephone companies have handed out
(``is_valid_number``) is only a hint: phonenumbers' allocation tables lag
behind real life (``+45 40 00 00 04`` and ``+45 97 00 00 01`` are possible
but not in them), so such a number is kept and the contact overview asks to
check it (:func:`is_allocated`), never refused.

The normal form is the international format, ``+45 20 11 22 33``. A number
outside the allocated ranges is grouped by its country's first pattern that
fits its digits, so ``+45 12 34 56 78`` is stored as written. Normalising a
normal form changes nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberFormat, PhoneMetadata, PhoneNumber, PhoneNumberFormat

__all__ = ["DEFAULT_REGION", "is_allocated", "normalise_phone"]

#: Numbers without a country code are Danish.
DEFAULT_REGION = "DK"

# What people write in a phone number. Letters are refused: phonenumbers
# would read "1234 5678 ab" as 12345678 and drop the rest without a word.
_ALLOWED_RE = re.compile(r"[0-9\s()./\-]*\+?[0-9\s()./\-]+")


def _parse(text: str) -> PhoneNumber | None:
    if not _ALLOWED_RE.fullmatch(text):
        return None
    try:
        return phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None


def _grouped(number: PhoneNumber) -> str:
    """The international format of a possible number outside the allocated ranges.

    phonenumbers groups only numbers whose first digits match a pattern's
    ``leading_digits``; the first pattern matching all the digits is used here.
    """
    code = number.country_code or 0
    region = phonenumbers.region_code_for_country_code(code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    national = phonenumbers.national_significant_number(number)
    if metadata is not None:
        for pattern in metadata.intl_number_format or metadata.number_format:
            if pattern.pattern and re.fullmatch(pattern.pattern, national):
                loose = NumberFormat(pattern=pattern.pattern, format=pattern.format)
                return str(
                    phonenumbers.format_by_pattern(number, PhoneNumberFormat.INTERNATIONAL, [loose])
                )
    return str(phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL))


def normalise_phone(text: str) -> str | None:
    """The normal form of a possible phone number, or None when it cannot be one.

    >>> [normalise_phone(s) for s in ("20112233", "+45 12345678", "+46 70 123 45 67")]
    ['+45 20 11 22 33', '+45 12 34 56 78', '+46 70 123 45 67']
    >>> [normalise_phone(s) for s in ("12ab", "1234", "1234 5678 ab")]
    [None, None, None]
    """
    number = _parse(text.strip())
    if number is None or not phonenumbers.is_possible_number(number):
        return None
    if phonenumbers.is_valid_number(number):
        return str(phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL))
    return _grouped(number)


@lru_cache(maxsize=8192)
def is_allocated(phone: str) -> bool:
    """Whether a possible number lies in a range handed out to a telephone company.

    Kept per number: the contact overview asks it for every person on every
    save, and parsing costs some 20 µs a number (most of a 60-person overview).

    >>> is_allocated("+45 20 11 22 33"), is_allocated("+45 12 34 56 78")
    (True, False)
    """
    number = _parse(phone)
    return number is not None and bool(phonenumbers.is_valid_number(number))
