"""The Danish CPR number: optional on a map, stored in full, shown masked.

Numbers issued since 2007 may fail the old modulus-11 check and are still
valid, so only the shape (10 digits) and a real date of birth are checked.
The century follows from the 7th digit (CPR-kontoret's table).
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["birth_date", "mask_cpr", "normalise_cpr"]

_CPR_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


def _century(year2: int, digit7: int) -> int:
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if year2 <= 36 else 1900
    # 5-8
    return 2000 if year2 <= 57 else 1800


def birth_date(cpr: str) -> date:
    """Return the date of birth encoded in a CPR number.

    Raises ``ValueError`` when the text is not 10 digits or the date is not real.

    Examples
    --------
    >>> birth_date("010203-1234")
    datetime.date(1903, 2, 1)
    >>> birth_date("3102001234")
    Traceback (most recent call last):
    ...
    ValueError: not a real date
    """
    m = _CPR_RE.match(cpr.strip())
    if m is None:
        raise ValueError("not 10 digits")
    dd, mm, yy, serial = (int(g) if i < 3 else g for i, g in enumerate(m.groups()))
    assert isinstance(dd, int) and isinstance(mm, int) and isinstance(yy, int)
    year = _century(yy, int(str(serial)[0])) + yy
    try:
        return date(year, mm, dd)
    except ValueError:
        raise ValueError("not a real date") from None


def normalise_cpr(cpr: str) -> str:
    """Check a CPR number and return it as ``DDMMYY-SSSS``.

    >>> normalise_cpr("0102031234")
    '010203-1234'
    """
    birth_date(cpr)
    digits = cpr.strip().replace("-", "")
    return f"{digits[:6]}-{digits[6:]}"


def mask_cpr(cpr: str | None) -> str:
    """Show only the date part of a CPR number: ``DDMMYY-xxxx``.

    >>> mask_cpr("010203-1234")
    '010203-xxxx'
    >>> mask_cpr(None)
    ''
    """
    if not cpr:
        return ""
    return f"{cpr.replace('-', '')[:6]}-xxxx"
