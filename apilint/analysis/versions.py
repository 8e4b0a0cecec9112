"""Version strings and dates as specs write them: the major of ``info.version``, and the
sunset dates of deprecated things (ISO 8601 or the HTTP date of the ``Sunset`` header)."""

from __future__ import annotations

import datetime
import re
from typing import Any


def major_of(version: str) -> int | None:
    """The major number of a version string (``2`` for ``2.1.0``, ``v2``); None when there is
    none, or when the version is a calendar version (``2024.05``: a year is not a major)."""
    match = re.match(r"^[vV]?(\d+)", version.strip())
    if match is None or re.match(r"^(19|20)\d\d$", match.group(1)):
        return None
    return int(match.group(1))


def parse_date(value: Any) -> datetime.date | None:
    """A date from an ISO 8601 date or date-time, or an HTTP date; None if it is none."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # the HTTP-date form the Sunset header uses

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        return None


def today_or(option: str | None) -> datetime.date:
    """The date an option names (``YYYY-MM-DD``), else today: tests and reproducible runs set
    it, everyone else gets the day of the run."""
    return datetime.date.fromisoformat(option) if option else datetime.date.today()
