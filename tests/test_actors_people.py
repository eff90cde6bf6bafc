"""The tables of office holders (nlp/actors/data/people-*.tsv): well formed, no two
people in one office at once, and complete where the tables say they are."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta

import pytest

from dateline.nlp.actors.dictionary import SECTORS
from dateline.nlp.actors.tables import OFFICES, Term, _day, people, people_files, standing, terms
from dateline.nlp.geo.countries import by_iso3

START, END = date(2000, 1, 1), date(2025, 6, 30)
MAX_GAP = timedelta(days=120)
"""Caretakers and acting office holders of a few weeks may be left out."""

# Heads of state or government without a gap of more than MAX_GAP from 2000 (or the
# given day) to mid-2025: the G20, the permanent members of the Security Council and
# the countries most present in conflict and diplomacy news.
_MOST_REPORTED = """
ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA
PAK AFG IRN IRQ SYR ISR PSE LBN JOR EGY YEM QAT ARE KWT BHR OMN
UKR BLR POL HUN SRB GEO ARM AZE KAZ UZB KGZ TJK TKM MNG
PRK TWN PHL MMR BGD LKA NPL MDV VNM THA MYS SGP KHM
NGA ETH ERI KEN UGA RWA TZA SDN COD CAF TCD LBY MLI BFA NER SEN GHA CIV ZWE ZMB MOZ AGO
CMR DZA MAR TUN VEN COL CUB NIC CHL PER ECU BOL URY
NLD BEL ESP PRT GRC SWE NOR FIN DNK AUT IRL CZE SVK ROU EST NZL
"""
HEADS = {
    **dict.fromkeys(_MOST_REPORTED.split(), START),
    "SOM": date(2000, 8, 27),  # no government before the Arta conference
    "SSD": date(2011, 7, 9),  # independence
    "XKX": date(2008, 1, 9),  # the first government after independence
}
GAPS_ALLOWED = {("IRQ", date(2003, 4, 9), date(2004, 6, 28))}
"""Iraq under the Coalition Provisional Authority (its administrator is in the table)."""

# Foreign (FM) and defence (DM) ministers, complete over these spans.
_BOTH_COMPLETE = "USA GBR FRA DEU RUS CHN IND ISR IRN TUR ITA ESP CAN EGY SAU POL"
MINISTERS = {
    **{(c, o): (START, END) for c in _BOTH_COMPLETE.split() for o in ("FM", "DM")},
    ("AUS", "FM"): (START, END),
    # Some earlier defence ministers have names too common to match safely.
    ("AUS", "DM"): (date(2014, 12, 23), END),
    ("MEX", "FM"): (START, END),
    ("MEX", "DM"): (date(2000, 12, 1), END),
    ("UKR", "FM"): (START, END),
    ("UKR", "DM"): (date(2005, 2, 4), END),
    ("PAK", "FM"): (date(2002, 6, 1), END),
    ("PAK", "DM"): (date(2013, 11, 1), date(2018, 5, 1)),
    ("JPN", "FM"): (START, END),
    ("JPN", "DM"): (date(2007, 1, 9), END),
    ("KOR", "FM"): (date(2003, 2, 27), END),
    ("KOR", "DM"): (date(2010, 12, 4), date(2024, 12, 1)),
    ("BRA", "FM"): (START, END),
    ("BRA", "DM"): (date(2007, 7, 25), END),
    ("TWN", "FM"): (date(2016, 5, 20), END),
    ("TWN", "DM"): (date(2016, 5, 20), END),
    ("ZAF", "FM"): (START, END),
    ("ZAF", "DM"): (START, END),
    ("SYR", "FM"): (START, END),
    ("SYR", "DM"): (START, END),
    ("ARM", "FM"): (START, END),
    ("AZE", "DM"): (START, END),
}
SINGLE_HOLDER = ("HOS", "HOG", "FM", "DM")
RIVALS = {"LBY"}
"""Countries with rival governments at times (Libya 2011, 2014-2021)."""


def _spans(country: str, offices: tuple[str, ...]) -> list[tuple[date, date]]:
    return sorted(
        (t.start or date.min, t.end or date.max)
        for t in terms()
        if t.country == country and t.office in offices
    )


def _gaps(spans: list[tuple[date, date]], start: date, end: date) -> list[tuple[date, date]]:
    out, reached = [], start
    for a, b in spans:
        if a > reached:
            out.append((reached, a))
        reached = max(reached, b)
        if reached >= end:
            return out
    out.append((reached, end))
    return out


def test_actors_people_rows_are_well_formed() -> None:
    assert len(people_files()) >= 8
    countries = set(by_iso3()) | {"IGO", "UNO", "EUR"}
    for t in terms():
        where = f"{t.name} ({t.role})"
        assert t.office in OFFICES, where
        assert t.sectors and set(t.sectors) <= SECTORS, where
        assert t.country is None or t.country in countries, where
        assert t.role, where
        assert t.start is None or t.end is None or t.start < t.end, where


def test_actors_people_dates_may_be_month_precise() -> None:
    assert _day("2011-01") == date(2011, 1, 1)
    assert _day("2011-01-19") == date(2011, 1, 19)
    assert _day("") is None


def test_actors_people_no_two_holders_of_one_office_at_once() -> None:
    by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for t in terms():
        if t.office in SINGLE_HOLDER and t.country and t.country not in RIVALS:
            by_office[(t.country, t.office)].append(t)
    clashes = []
    for (country, office), held in by_office.items():
        held.sort(key=lambda t: t.start or date.min)
        for a, b in itertools.pairwise(held):
            if a.name != b.name and (b.start or date.min) < (a.end or date.max):
                clashes.append((country, office, a.name, b.name))
    assert clashes == []


@pytest.mark.parametrize("country", sorted(HEADS))
def test_actors_people_heads_of_state_or_government_complete(country: str) -> None:
    gaps = _gaps(_spans(country, ("HOS", "HOG")), HEADS[country], END)
    long = [(a, b) for a, b in gaps if b - a > MAX_GAP and (country, a, b) not in GAPS_ALLOWED]
    assert long == [], country


@pytest.mark.parametrize(("country", "office"), sorted(MINISTERS))
def test_actors_people_foreign_and_defence_ministers_complete(country: str, office: str) -> None:
    start, end = MINISTERS[(country, office)]
    gaps = _gaps(_spans(country, (office,)), start, end)
    assert [(a, b) for a, b in gaps if b - a > MAX_GAP] == [], (country, office)


def test_actors_people_every_holder_of_the_big_offices_has_a_name_to_find() -> None:
    # Each person is indexed under the name written in the first column.
    index = people()
    from dateline.nlp.geo.gazetteer import fold

    missing = [t.name for t in terms() if not any(x.name == t.name for x in index[fold(t.name)])]
    assert missing == []


@pytest.mark.parametrize(
    ("name", "day", "country", "role"),
    [
        ("Shinzo Abe", date(2007, 3, 1), "JPN", "Prime Minister"),
        ("Shinzo Abe", date(2010, 3, 1), "JPN", "former Prime Minister"),
        ("Sergei Lavrov", date(2010, 3, 1), "RUS", "Foreign Minister"),
        ("Mohammed bin Salman", date(2023, 3, 1), "SAU", "Crown Prince and Prime Minister"),
        ("Mohammed bin Salman", date(2016, 3, 1), "SAU", "Defence Minister"),
        ("Hakan Fidan", date(2018, 3, 1), "TUR", "National Intelligence Organisation head"),
        ("Maryam Nawaz", date(2024, 6, 1), "PAK", "Chief Minister of Punjab"),
        ("Bhagwant Mann", date(2024, 6, 1), "IND", "Chief Minister of Punjab"),
        ("Mark Rutte", date(2020, 1, 1), "NLD", "Prime Minister"),
        ("Mark Rutte", date(2025, 1, 1), "IGO", "NATO Secretary General"),
    ],
)
def test_actors_people_office_on_the_day(name: str, day: date, country: str, role: str) -> None:
    from dateline.nlp.geo.gazetteer import fold

    st = standing(people()[fold(name)], day)
    assert (st.country, st.role) == (country, role)


def test_actors_people_head_of_state_outranks_a_concurrent_post() -> None:
    from dateline.nlp.geo.gazetteer import fold

    # Netanyahu held the foreign ministry while prime minister.
    st = standing(people()[fold("Benjamin Netanyahu")], date(2016, 6, 1))
    assert st.role == "Prime Minister"


def test_actors_people_shared_alias_goes_to_whoever_held_office_last() -> None:
    from dateline.nlp.geo.gazetteer import fold

    # "Bush" is both presidents Bush: the one in office, else the later one.
    assert standing(people()[fold("Bush")], date(1991, 1, 1)).name == "George H. W. Bush"
    assert standing(people()[fold("Bush")], date(2005, 1, 1)).name == "George W. Bush"
    assert standing(people()[fold("Bush")], date(2022, 1, 1)).name == "George W. Bush"
    # One person, two offices in two places: Kaja Kallas in Tallinn, then in Brussels.
    assert standing(people()[fold("Kallas")], date(2022, 1, 1)).country == "EST"
    assert standing(people()[fold("Kallas")], date(2025, 3, 1)).country == "EUR"


def test_actors_people_start_before_the_first_office_is_not_former() -> None:
    from dateline.nlp.geo.gazetteer import fold

    st = standing(people()[fold("Volodymyr Zelensky")], date(2015, 1, 1))
    assert st.country == "UKR" and not st.former and st.sectors == ()


def test_actors_people_one_word_names_are_not_big_places() -> None:
    # "Kerry" may be a county, but no one-word name of a person may be a country, a
    # capital or a city of half a million known by that very name: the model's PERSON
    # labels on such words would turn places into office holders.
    from dateline.nlp.geo.countries import capital_index, name_index
    from dateline.nlp.geo.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    clashes = []
    for key in people():
        if " " in key:
            continue
        if (
            key in name_index()
            or key in capital_index()
            or any(
                e.is_city and e.population >= 500_000 and not e.alias for e in gazetteer.lookup(key)
            )
        ):
            clashes.append(key)
    assert clashes == []
