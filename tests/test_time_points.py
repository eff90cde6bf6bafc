"""Calendar values at a precision: TIMEX3 values, inclusive intervals, arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.nlp.time.points import (
    Gran,
    Point,
    duration_value,
    holiday,
    season_containing,
    unit_of,
)


@pytest.mark.parametrize(
    ("point", "value", "start", "end"),
    [
        (Point.day(date(2025, 6, 24)), "2025-06-24", date(2025, 6, 24), date(2025, 6, 24)),
        (Point.month(2020, 5), "2020-05", date(2020, 5, 1), date(2020, 5, 31)),
        (Point.month(2024, 2), "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        (Point.year(2019), "2019", date(2019, 1, 1), date(2019, 12, 31)),
        (Point.decade(1994), "199", date(1990, 1, 1), date(1999, 12, 31)),
        (Point.century(1900), "19", date(1900, 1, 1), date(1999, 12, 31)),
        (Point.quarter(2025, 3), "2025-Q3", date(2025, 7, 1), date(2025, 9, 30)),
        (Point.half(2025, 2), "2025-H2", date(2025, 7, 1), date(2025, 12, 31)),
        (Point.week(date(2025, 6, 24)), "2025-W26", date(2025, 6, 23), date(2025, 6, 29)),
        (Point.weekend(date(2025, 6, 24)), "2025-W26-WE", date(2025, 6, 28), date(2025, 6, 29)),
        (Point.season_of(2024, "SU"), "2024-SU", date(2024, 6, 1), date(2024, 8, 31)),
        (Point.season_of(2024, "WI"), "2024-WI", date(2024, 12, 1), date(2025, 2, 28)),
        (
            Point.part_of(date(2025, 6, 24), "NI"),
            "2025-06-24TNI",
            date(2025, 6, 24),
            date(2025, 6, 24),
        ),
        (
            Point.clock(date(2025, 6, 24), 15, 0),
            "2025-06-24T15:00",
            date(2025, 6, 24),
            date(2025, 6, 24),
        ),
    ],
)
def test_time_points_value_and_interval(point: Point, value: str, start: date, end: date) -> None:
    assert point.value == value
    assert (point.interval.start, point.interval.end) == (start, end)


def test_time_points_shift_keeps_precision() -> None:
    assert Point.month(2020, 5).shift(1, "M").value == "2020-06"
    assert Point.month(2020, 5).shift(-1, "Y").value == "2019-05"
    assert Point.quarter(1989, 3).shift(-1, "Y").value == "1988-Q3"
    assert Point.quarter(1989, 1).shift(-1, "Q").value == "1988-Q4"
    assert Point.week(date(2025, 1, 1)).shift(-1, "W").value == "2024-W52"
    assert Point.day(date(2024, 2, 29)).shift(1, "Y").value == "2025-02-28"


def test_time_points_iso_week_across_new_year() -> None:
    assert Point.week(date(2024, 12, 30)).value == "2025-W01"


def test_time_points_season_containing_winter_spans_new_year() -> None:
    assert season_containing(date(2025, 1, 15)).value == "2024-WI"
    assert season_containing(date(2025, 7, 4)).value == "2025-SU"


def test_time_points_coarsen() -> None:
    assert Point.day(date(2025, 6, 24)).coarsen(Gran.QUARTER).value == "2025-Q2"
    assert Point.day(date(2025, 6, 24)).coarsen(Gran.SEASON).value == "2025-SU"


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("thanksgiving", 1999, date(1999, 11, 25)),
        ("election day", 1998, date(1998, 11, 3)),
        ("easter", 2000, date(2000, 4, 23)),
        ("christmas", 2024, date(2024, 12, 25)),
        ("labor day", 2025, date(2025, 9, 1)),
        ("memorial day", 2025, date(2025, 5, 26)),
    ],
)
def test_time_points_holidays(name: str, year: int, expected: date) -> None:
    assert holiday(name, year) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [
        (2, "D", "P2D"),
        (1.5, "M", "P1.5M"),
        (2.5, "Y", "P2Y6M"),
        (5.5, "H", "PT5H30M"),
        (1.5, "MIN", "PT1M30S"),
        (None, "Y", "PXY"),
        (3, "H", "PT3H"),
    ],
)
def test_time_points_duration_values(amount: float | None, unit: str, value: str) -> None:
    assert duration_value(amount, unit) == value


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_time_points_every_precision_contains_its_day(day: date) -> None:
    for gran in (Gran.YEAR, Gran.HALF, Gran.QUARTER, Gran.MONTH, Gran.WEEK, Gran.DECADE):
        point = Point(gran, day).at(day)
        assert point.start <= day <= point.end
        assert point.shift(1, unit_of(gran)).start == point.end + timedelta(days=1)
