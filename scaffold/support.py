"""The Django release series the Django template offers, and how long each is supported.

The dates are Django's own, from the "Supported versions" table of
https://www.djangoproject.com/download/ (end of extended support: the last
month with security fixes), read on 2026-12-02. The table gives a month, so
an end is kept as ``YYYY-MM`` and a series counts as supported to the last
day of that month. When Django publishes a new feature series, ``current``
moves to it here and in the template, together.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

SOURCE = "https://www.djangoproject.com/download/#supported-versions"
WARNING_DAYS = 180
"""A series ending within this many days is reported as ``ending``."""

Status = Literal["supported", "ending", "ended"]


@dataclass(frozen=True)
class Series:
    """One Django feature series and the month its security support ends."""

    name: str
    ends: str  # YYYY-MM
    lts: bool = False

    @property
    def ends_in_words(self) -> str:
        """The month as Django's table says it: ``April 2028``."""
        year, month = map(int, self.ends.split("-"))
        return f"{calendar.month_name[month]} {year}"

    @property
    def last_day(self) -> date:
        year, month = map(int, self.ends.split("-"))
        return date(year, month, calendar.monthrange(year, month)[1])

    def status(self, today: date) -> Status:
        if today > self.last_day:
            return "ended"
        if (self.last_day - today).days <= WARNING_DAYS:
            return "ending"
        return "supported"


KNOWN_SERIES: Mapping[str, Series] = {
    series.name: series
    for series in (
        Series("4.2", "2026-04", lts=True),
        Series("5.1", "2025-12"),
        Series("5.2", "2028-04", lts=True),
        Series("6.0", "2027-04"),
        Series("6.1", "2027-12"),
    )
}

DJANGO_VERSIONS: Mapping[str, Series] = {
    "current": KNOWN_SERIES["6.1"],
    "lts": KNOWN_SERIES["5.2"],
}
"""What each answer of ``django_version`` installs."""

BEFORE_THE_OPTION = "lts"
"""The answer a Django project made before ``django_version`` existed stands for (5.2)."""


@dataclass(frozen=True)
class Support:
    """A project's Django series, when its support ends, and what that means today."""

    series: str
    ends: str
    status: Status

    def sentence(self) -> str | None:
        """What ``scaffold check`` says about it, or None while support is not near its end."""
        ends = Series(self.series, self.ends).ends_in_words
        if self.status == "ended":
            return (
                f"Django {self.series} is out of support since the end of {ends}: "
                f"no more security fixes (see {SOURCE})."
            )
        if self.status == "ending":
            return (
                f"Django {self.series} gets security fixes only until the end of {ends} "
                f"(see {SOURCE}); plan the move to a supported series."
            )
        return None


def support_of(series: Series, today: date) -> Support:
    return Support(series.name, series.ends, series.status(today))


def project_support(record: Mapping[str, object], today: date) -> Support | None:
    """The support of the Django series a project's record names (None for Flask).

    The dates are scaffold's (newer than the record's when scaffold was
    upgraded); a series scaffold no longer lists keeps the end its record gives.
    """
    if record.get("template") != "django":
        return None
    recorded = record.get("support")
    if isinstance(recorded, Mapping) and isinstance(recorded.get("series"), str):
        name = str(recorded["series"])
        series = KNOWN_SERIES.get(name)
        if series is None and isinstance(recorded.get("ends"), str):
            series = _parsed(name, str(recorded["ends"]))
        if series is not None:
            return support_of(series, today)
    answers = record.get("answers")
    chosen = answers.get("django_version") if isinstance(answers, Mapping) else None
    version = chosen if isinstance(chosen, str) and chosen in DJANGO_VERSIONS else None
    return support_of(DJANGO_VERSIONS[version or BEFORE_THE_OPTION], today)


def _parsed(name: str, ends: str) -> Series | None:
    try:
        year, month = map(int, ends.split("-"))
        date(year, month, 1)
    except ValueError:
        return None
    return Series(name, f"{year:04d}-{month:02d}")
