"""Calendar values at a granularity: the arithmetic behind TIMEX3 values.

A :class:`Point` is a stretch of the calendar named at some precision — a century, a
decade, a year, a half, a quarter, a season, a month, a week, a weekend, a day, a part of a
day, or a clock time. It knows its TIMEX3 value (``199``, ``2024-Q3``, ``2024-SU``,
``2024-W43``, ``2024-W43-WE``, ``2024-10-21TNI``, ``2024-10-21T15:00``), the first and
last day it covers, and how to move by a number of units while keeping its precision.
Precision is never invented: shifting a month by a year gives a month.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import IntEnum

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from dateline.model import Interval


class Gran(IntEnum):
    """Granularities, coarsest first."""

    MILLENNIUM = 0
    CENTURY = 1
    DECADE = 2
    YEAR = 3
    HALF = 4
    QUARTER = 5
    SEASON = 6
    MONTH = 7
    WEEK = 8
    WEEKEND = 9
    DAY = 10
    PART = 11
    TIME = 12


SEASONS = ("SP", "SU", "FA", "WI")
"""Meteorological seasons: spring starts in March, winter in December (and is named after
the year in which it starts)."""
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

UNIT_DAYS = {
    "D": 1,
    "W": 7,
    "M": 30,
    "Q": 91,
    "Y": 365,
    "DE": 3652,
    "CE": 36524,
}


@dataclass(frozen=True)
class Point:
    """A named stretch of the calendar. ``start`` is its first day; for a season
    ``season`` names it, for a part of a day ``part`` (MO, AF, EV, NI), for a clock time
    ``hour``/``minute``."""

    gran: Gran
    start: date
    season: str | None = None
    part: str | None = None
    hour: int | None = None
    minute: int | None = None

    # -- construction ------------------------------------------------------------------
    @staticmethod
    def day(d: date) -> Point:
        return Point(Gran.DAY, d)

    @staticmethod
    def month(year: int, month: int) -> Point:
        return Point(Gran.MONTH, date(year, month, 1))

    @staticmethod
    def year(year: int) -> Point:
        return Point(Gran.YEAR, date(year, 1, 1))

    @staticmethod
    def quarter(year: int, q: int) -> Point:
        return Point(Gran.QUARTER, date(year, 3 * (q - 1) + 1, 1))

    @staticmethod
    def half(year: int, h: int) -> Point:
        return Point(Gran.HALF, date(year, 1 if h == 1 else 7, 1))

    @staticmethod
    def decade(start_year: int) -> Point:
        return Point(Gran.DECADE, date(start_year - start_year % 10, 1, 1))

    @staticmethod
    def century(start_year: int) -> Point:
        """The century named by its first two digits: 1900-1999 is ``19``."""
        return Point(Gran.CENTURY, date(max(1, start_year - start_year % 100), 1, 1))

    @staticmethod
    def week(d: date) -> Point:
        return Point(Gran.WEEK, d - timedelta(days=d.weekday()))

    @staticmethod
    def weekend(d: date) -> Point:
        monday = d - timedelta(days=d.weekday())
        return Point(Gran.WEEKEND, monday + timedelta(days=5))

    @staticmethod
    def season_of(year: int, season: str) -> Point:
        return Point(Gran.SEASON, date(year, _SEASON_START[season], 1), season=season)

    @staticmethod
    def part_of(d: date, part: str) -> Point:
        return Point(Gran.PART, d, part=part)

    @staticmethod
    def clock(d: date, hour: int, minute: int = 0) -> Point:
        return Point(Gran.TIME, d, hour=hour, minute=minute)

    # -- reading -----------------------------------------------------------------------
    @property
    def value(self) -> str:
        s = self.start
        g = self.gran
        if g is Gran.MILLENNIUM:
            return f"{s.year // 1000}"
        if g is Gran.CENTURY:
            return f"{s.year // 100:02d}"
        if g is Gran.DECADE:
            return f"{s.year // 10:03d}"
        if g is Gran.YEAR:
            return f"{s.year:04d}"
        if g is Gran.HALF:
            return f"{s.year:04d}-H{1 if s.month < 7 else 2}"
        if g is Gran.QUARTER:
            return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
        if g is Gran.SEASON:
            return f"{s.year:04d}-{self.season}"
        if g is Gran.MONTH:
            return f"{s.year:04d}-{s.month:02d}"
        if g in (Gran.WEEK, Gran.WEEKEND):
            iso = s.isocalendar()
            suffix = "-WE" if g is Gran.WEEKEND else ""
            return f"{iso.year:04d}-W{iso.week:02d}{suffix}"
        if g is Gran.DAY:
            return s.isoformat()
        if g is Gran.PART:
            return f"{s.isoformat()}T{self.part}"
        return f"{s.isoformat()}T{self.hour:02d}:{self.minute or 0:02d}"

    @property
    def end(self) -> date:
        """The last day covered (inclusive)."""
        s = self.start
        g = self.gran
        if g is Gran.MILLENNIUM:
            return date(min(9999, s.year + 999), 12, 31)
        if g is Gran.CENTURY:
            return date(min(9999, s.year - s.year % 100 + 99), 12, 31)
        if g is Gran.DECADE:
            return date(s.year + 9, 12, 31)
        if g is Gran.YEAR:
            return date(s.year, 12, 31)
        months = {Gran.HALF: 6, Gran.QUARTER: 3, Gran.SEASON: 3, Gran.MONTH: 1}.get(g)
        if months:
            return s + relativedelta(months=months) - timedelta(days=1)
        if g is Gran.WEEK:
            return s + timedelta(days=6)
        if g is Gran.WEEKEND:
            return s + timedelta(days=1)
        return s

    @property
    def interval(self) -> Interval:
        return Interval(start=self.start, end=self.end)

    # -- arithmetic --------------------------------------------------------------------
    def shift(self, amount: int, unit: str) -> Point:
        """Move by ``amount`` units (D, W, M, Q, Y, DE, CE, H for half years, WE for
        weekends), keeping the precision."""
        s = self.start
        if unit == "D":
            moved = s + timedelta(days=amount)
        elif unit in ("W", "WE"):
            moved = s + timedelta(weeks=amount)
        elif unit == "M":
            moved = s + relativedelta(months=amount)
        elif unit == "Q":
            moved = s + relativedelta(months=3 * amount)
        elif unit == "H":
            moved = s + relativedelta(months=6 * amount)
        elif unit == "Y":
            moved = s + relativedelta(years=amount)
        elif unit == "DE":
            moved = s + relativedelta(years=10 * amount)
        elif unit == "CE":
            moved = s + relativedelta(years=100 * amount)
        else:
            raise ValueError(f"unknown unit {unit}")
        return self.at(moved)

    def at(self, d: date) -> Point:
        """The point of the same precision (and season/part/time) containing ``d``."""
        g = self.gran
        if g is Gran.MILLENNIUM:
            return replace(self, start=date(max(1, d.year - d.year % 1000), 1, 1))
        if g is Gran.CENTURY:
            return Point.century(d.year)
        if g is Gran.DECADE:
            return Point.decade(d.year)
        if g is Gran.YEAR:
            return Point.year(d.year)
        if g is Gran.HALF:
            return Point.half(d.year, 1 if d.month < 7 else 2)
        if g is Gran.QUARTER:
            return Point.quarter(d.year, (d.month - 1) // 3 + 1)
        if g is Gran.SEASON:
            assert self.season is not None
            return Point.season_of(d.year, self.season)
        if g is Gran.MONTH:
            return Point.month(d.year, d.month)
        if g is Gran.WEEK:
            return Point.week(d)
        if g is Gran.WEEKEND:
            return Point.weekend(d)
        return replace(self, start=d)

    def coarsen(self, gran: Gran) -> Point:
        """The point of a coarser precision that contains this one."""
        if gran >= self.gran:
            return self
        if gran is Gran.SEASON:
            return season_containing(self.start)
        return Point(gran, date(1, 1, 1)).at(self.start)


def season_containing(d: date) -> Point:
    month = d.month
    if month in (12, 1, 2):
        return Point.season_of(d.year if month == 12 else d.year - 1, "WI")
    name = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(month, "FA")
    return Point.season_of(d.year, name)


def unit_of(gran: Gran) -> str:
    """The unit in which a point of this precision moves."""
    return {
        Gran.MILLENNIUM: "CE",
        Gran.CENTURY: "CE",
        Gran.DECADE: "DE",
        Gran.YEAR: "Y",
        Gran.HALF: "H",
        Gran.QUARTER: "Q",
        Gran.SEASON: "Y",
        Gran.MONTH: "M",
        Gran.WEEK: "W",
        Gran.WEEKEND: "W",
    }.get(gran, "D")


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1 for the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, 1) + relativedelta(months=1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def holiday(name: str, year: int) -> date | None:
    """The date of a named holiday in a year (Western calendar; None when unknown)."""
    fixed = {
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "valentine's day": (2, 14),
        "st patrick's day": (3, 17),
        "may day": (5, 1),
        "independence day": (7, 4),
        "bastille day": (7, 14),
        "halloween": (10, 31),
        "veterans day": (11, 11),
        "armistice day": (11, 11),
        "remembrance day": (11, 11),
        "christmas eve": (12, 24),
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "boxing day": (12, 26),
    }
    if name in fixed:
        month, day = fixed[name]
        return date(year, month, day)
    if name in ("thanksgiving", "thanksgiving day"):
        return nth_weekday(year, 11, 3, 4)
    if name == "labor day":
        return nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return nth_weekday(year, 5, 0, -1)
    if name in ("martin luther king day", "martin luther king jr. day"):
        return nth_weekday(year, 1, 0, 3)
    if name in ("presidents day", "presidents' day"):
        return nth_weekday(year, 2, 0, 3)
    if name == "election day":
        return nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if name in ("easter", "easter sunday", "easter day"):
        return easter(year)
    if name == "easter monday":
        return easter(year) + timedelta(days=1)
    if name == "good friday":
        return easter(year) - timedelta(days=2)
    return None


def duration_value(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``P2D``, ``P1.5M``, ``PT3H``, ``PXY`` (unknown amount)."""
    time_unit = unit in ("H", "MIN", "S")
    letter = {"MIN": "M"}.get(unit, unit)
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    elif unit in _EXACT_SPLIT and (amount * _EXACT_SPLIT[unit][1]) == int(
        amount * _EXACT_SPLIT[unit][1]
    ):
        # "2 1/2 years" is P2Y6M and "a minute and a half" PT1M30S: whole smaller units
        smaller, factor = _EXACT_SPLIT[unit]
        whole = int(amount)
        rest = round((amount - whole) * factor)
        head = f"{whole}{letter}" if whole else ""
        if unit == "H" or unit == "MIN":
            return f"PT{head}{rest}{smaller}"
        return f"P{head}{rest}{smaller}" if unit != "D" else f"P{head}T{rest}H"
    else:
        number = f"{amount:g}"
    return f"PT{number}{letter}" if time_unit else f"P{number}{letter}"


_EXACT_SPLIT = {"Y": ("M", 12), "H": ("M", 60), "MIN": ("S", 60), "W": ("D", 7), "D": ("H", 24)}
"""Units whose fractions are whole numbers of a smaller unit. Months are not among
them (a month is not a whole number of days): "a month-and-a-half" stays P1.5M."""
