"""The time tagger without a model: extents, types, values, intervals, anchors and
anaphora. Sentences are the team's own; the publication date is Tuesday 2025-06-24
unless a test says otherwise. (Tense comes from the parse: see test_time_tense.py.)"""

from __future__ import annotations

import itertools
from datetime import date

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.model import Timex
from dateline.nlp.time.component import tag
from dateline.nlp.time.recognize import find

DCT = date(2025, 6, 24)
_NLP = spacy.blank("en")


def timexes(text: str, published: date | None = DCT) -> list[Timex]:
    return tag(_NLP(text), published)


def only(text: str, published: date | None = DCT) -> Timex:
    found = timexes(text, published)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


def values(text: str, published: date | None = DCT) -> dict[str, str]:
    return {t.text: t.value for t in timexes(text, published)}


# -- extents --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "extent"),
    [
        ("The talks resumed on Friday.", "Friday"),
        ("Profit rose in the third quarter.", "the third quarter"),
        ("The plant closed about two years ago.", "about two years ago"),
        ("Exports slowed last week.", "last week"),
        ("The vote is due in early December.", "early December"),
        ("Shares fell 3% on Friday's news.", "Friday"),
        ("The firm posted a third-quarter loss.", "third-quarter"),
        ("Troops stayed for nearly a month-and-a-half.", "nearly a month-and-a-half"),
    ],
)
def test_time_tagger_extents_follow_timeml(text: str, extent: str) -> None:
    assert only(text).text == extent


def test_time_tagger_offsets_slice_the_text() -> None:
    text = "On 24 June 2025 the envoy said talks would resume next week, two days after the vote."
    for t in timexes(text):
        assert text[t.start : t.end] == t.text


def test_time_tagger_ids_in_text_order() -> None:
    found = timexes("Talks began on Monday and ended on Thursday, June 26, 2025.")
    assert [t.id for t in found] == ["t1", "t2"]
    assert found[0].start < found[1].start


def test_time_tagger_ignores_the_header() -> None:
    text = " date 2025-06-24 Talks open on Friday."
    found = tag(_NLP(text), DCT, body_start=17)
    assert [t.text for t in found] == ["Friday"]


@pytest.mark.parametrize(
    "text",
    [
        "You may go now if you wish, said May.",
        "Prime Minister Theresa May spoke to reporters.",
        "Protesters plan to march on parliament.",
        "Prices fall when demand weakens.",
        "The 6-year-old boy was found safe.",
        "He is 52 years old.",
        "Police counted 1,990 ballots and 2000 people.",
        "Three-quarters of the vote went to the incumbent.",
    ],
)
def test_time_tagger_ordinary_words_are_not_dates(text: str) -> None:
    assert [t.text for t in timexes(text) if t.type != "DATE" or t.value != "PRESENT_REF"] == []


def test_time_tagger_upper_case_text_keeps_month_names() -> None:
    assert values("TALKS RESUME ON MAY 5, 2025.") == {"MAY 5, 2025": "2025-05-05"}


# -- absolute dates and precision ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The accord was signed on 24 June 2025.", "2025-06-24"),
        ("The accord was signed on June 24, 2025.", "2025-06-24"),
        ("The accord was signed on 2025-06-24.", "2025-06-24"),
        ("The accord was signed on 24.06.2025.", "2025-06-24"),
        ("The accord was signed on 06/24/2025.", "2025-06-24"),
        ("The accord was signed on 24/06/2025.", "2025-06-24"),
        ("The standoff began in May 2020.", "2020-05"),
        ("The treaty dates from 2019.", "2019"),
        ("The region boomed in the 1990s.", "199"),
        ("The town grew in the 20th century.", "19"),
        ("The harvest was poor in the winter of 1994.", "1994-WI"),
        ("Results for Q3 2024 were weak.", "2024-Q3"),
        ("Sales grew in the first half of 2023.", "2023-H1"),
    ],
)
def test_time_tagger_absolute_values(text: str, value: str) -> None:
    t = only(text)
    assert t.value == value
    assert t.anchor is None


def test_time_tagger_ambiguous_numeric_date_is_left_alone() -> None:
    assert timexes("The accord was signed on 03/04/2025.") == []


def test_time_tagger_precision_is_never_invented() -> None:
    t = only("The standoff began in May 2020.")
    assert t.interval is not None
    assert (t.interval.start, t.interval.end) == (date(2020, 5, 1), date(2020, 5, 31))


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("The vote is due in early December 2025.", "2025-12", "START"),
        ("Work resumed in mid-1996.", "1996", "MID"),
        ("Unrest grew in the late 1970s.", "197", "END"),
        ("The deal should close by the end of 2025.", "2025", "END"),
        ("The first shipment left around Nov. 1, 2024.", "2024-11-01", "APPROX"),
    ],
)
def test_time_tagger_mods(text: str, value: str, mod: str) -> None:
    t = only(text)
    assert (t.value, t.mod) == (value, mod)


# -- relative to the publication date -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials met today.", "2025-06-24"),
        ("Officials met yesterday.", "2025-06-23"),
        ("Officials meet tomorrow.", "2025-06-25"),
        ("Exports fell this week.", "2025-W26"),
        ("Exports fell last week.", "2025-W25"),
        ("Exports fell last month.", "2025-05"),
        ("Exports rose last year.", "2024"),
        ("Exports will rise next year.", "2026"),
        ("The dry spell began last summer.", "2024-SU"),
        ("Results for Q3 are due.", "2025-Q3"),
        ("Rebels attacked three days ago.", "2025-06-21"),
        ("Rebels attacked two weeks ago.", "2025-W24"),
        ("The envoy left last Friday.", "2025-06-20"),
        ("The envoy returns next Monday.", "2025-06-30"),
        ("The envoy left last April.", "2025-04"),
        ("The strike ended a decade ago.", "2015"),
    ],
)
def test_time_tagger_relative_to_publication(text: str, value: str) -> None:
    t = only(text)
    assert t.value == value
    assert t.anchor == "published"


def test_time_tagger_weekday_on_publication_day_is_that_day() -> None:
    assert only("The minister spoke on Tuesday.").value == "2025-06-24"


def test_time_tagger_without_publication_date_leaves_year_open() -> None:
    assert only("The summit opens on October 21.", None).value == "XXXX-10-21"


# -- anaphora: the last mentioned time -----------------------------------------------------------
def test_time_tagger_month_that_year_follows_the_story() -> None:
    found = timexes("The standoff began in May 2020 and a clash in June that year hardened it.")
    assert [t.value for t in found] == ["2020-05", "2020-06"]
    assert found[1].anchor == "t1"


@pytest.mark.parametrize(
    ("follow_up", "value"),
    [
        ("The next day, talks resumed.", "2024-03-15"),
        ("Two days later, talks resumed.", "2024-03-16"),
        ("The following week, talks resumed.", "2024-W12"),
        ("Talks resumed that month.", "2024-03"),
        ("A day earlier, envoys had met.", "2024-03-13"),
        ("Talks resumed the day after.", "2024-03-15"),
        ("Later that day, talks resumed.", "2024-03-14"),
    ],
)
def test_time_tagger_anaphora_moves_from_last_mention(follow_up: str, value: str) -> None:
    found = timexes(f"The ceasefire was signed on 14 March 2024. {follow_up}")
    assert found[1].value == value
    assert found[1].anchor == "t1"


# -- durations, sets, times of day, references ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("Delegates attend a two-day conclave.", "P2D", None),
        ("The siege lasted nearly a month-and-a-half.", "P1.5M", "APPROX"),
        ("The siege lasted for three years.", "P3Y", None),
        ("The siege lasted 2 1/2 years.", "P2Y6M", None),
        ("The siege lasted at least 30 days.", "P30D", "EQUAL_OR_MORE"),
        ("The siege lasted several weeks.", "PXW", None),
        ("Flights resume in no more than 18 months.", "P18M", "EQUAL_OR_LESS"),
        ("The blackout lasted five hours.", "PT5H", None),
    ],
)
def test_time_tagger_durations(text: str, value: str, mod: str | None) -> None:
    t = only(text)
    assert (t.type, t.value, t.mod) == ("DURATION", value, mod)


def test_time_tagger_duration_counted_back_from_now_has_an_interval() -> None:
    t = only("Prices doubled over the past two months.")
    assert (t.type, t.value) == ("DURATION", "P2M")
    assert t.interval is not None
    assert (t.interval.start, t.interval.end) == (date(2025, 4, 24), DCT)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The council meets every Monday.", "XXXX-WXX-1"),
        ("The report is published annually.", "P1Y"),
        ("Buses run twice a week.", "P1W"),
        ("Imports cost $5 million a year.", "P1Y"),
        ("Markets close on Sundays.", "XXXX-WXX-7"),
        ("Patrols leave each morning.", "XXXX-XX-XXTMO"),
    ],
)
def test_time_tagger_sets(text: str, value: str) -> None:
    t = only(text)
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("The blast came at 3 pm local time.", "3 pm local time", "2025-06-24T15:00"),
        ("The blast came at 10:35 a.m. on Friday.", "10:35 a.m. on Friday", "2025-06-20T10:35"),
        ("Curfew starts at midnight.", "midnight", "2025-06-24T24:00"),
        ("Shelling resumed this morning.", "this morning", "2025-06-24TMO"),
        ("Shelling resumed last night.", "last night", "2025-06-23TNI"),
        ("Shelling resumed on Monday night.", "Monday night", "2025-06-23TNI"),
        ("The ferry leaves at 4 in the morning.", "4 in the morning", "2025-06-24T04:00"),
    ],
)
def test_time_tagger_times_of_day(text: str, extent: str, value: str) -> None:
    t = only(text)
    assert (t.type, t.text, t.value) == ("TIME", extent, value)


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("The border is now open.", "now", "PRESENT_REF"),
        ("The border is currently open.", "currently", "PRESENT_REF"),
        ("The border was recently reopened.", "recently", "PAST_REF"),
        ("Talks may resume in the coming weeks.", "the coming weeks", "FUTURE_REF"),
        ("Talks may resume soon.", "soon", "FUTURE_REF"),
        ("Such raids were common in the past.", "the past", "PAST_REF"),
    ],
)
def test_time_tagger_references(text: str, extent: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.value) == (extent, value)


def test_time_tagger_present_ref_covers_the_publication_day() -> None:
    t = only("The border is now open.")
    assert t.interval is not None
    assert t.interval.start == t.interval.end == DCT


# -- financial periods ---------------------------------------------------------------------
def test_time_tagger_results_periods_follow_the_reported_quarter() -> None:
    text = (
        "Net income rose in the third quarter to $5 million from $3 million a year earlier. "
        "Sales in the quarter climbed 8%, and for the first nine months they rose 6%."
    )
    found = {t.text: (t.type, t.value) for t in timexes(text, date(1989, 10, 26))}
    assert found["the third quarter"] == ("DATE", "1989-Q3")
    assert found["a year earlier"] == ("DATE", "1988-Q3")
    assert found["the quarter"] == ("DATE", "1989-Q3")
    assert found["the first nine months"] == ("DURATION", "P9M")


def test_time_tagger_recognizer_finds_candidates_without_spacy() -> None:
    found = find("Talks open on Monday, June 30, 2025, in Geneva.")
    assert [(m.rule.name, m.start, m.end) for m in found] == [("month_day", 14, 35)]


def test_time_tagger_ranges_of_days_are_two_dates() -> None:
    found = timexes("Between 1 and 5 July, hundreds fled the valley.")
    assert [(t.text, t.value) for t in found] == [("1", "2025-07-01"), ("5 July", "2025-07-05")]


def test_time_tagger_early_hours_name_the_day() -> None:
    found = timexes("Clashes erupted in the early hours of Sunday.")
    assert [(t.text, t.value) for t in found] == [("Sunday", "2025-06-22")]


def test_time_tagger_us_time_zone_abbreviations() -> None:
    t = only("The address was given at 9:30 p.m. ET on Thursday.")
    assert (t.text, t.value) == ("9:30 p.m. ET on Thursday", "2025-06-19T21:30")


_WORDS = [
    "on",
    "in",
    "the",
    "a",
    "last",
    "next",
    "this",
    "that",
    "early",
    "late",
    "mid",
    "about",
    "nearly",
    "two",
    "3",
    "12",
    "1998",
    "2025",
    "Monday",
    "Friday's",
    "May",
    "June",
    "Oct.",
    "23,",
    "24th",
    "of",
    "quarter",
    "third-quarter",
    "week",
    "weeks",
    "year-ago",
    "days",
    "ago",
    "later",
    "earlier",
    "before",
    "after",
    "since",
    "until",
    "by",
    "now",
    "recently",
    "soon",
    "every",
    "daily",
    "night",
    "morning",
    "3",
    "pm",
    "10:30",
    "a.m.",
    "GMT",
    "spring",
    "fall",
    "Christmas",
    "1990s",
    "Q3",
    "fiscal",
    "year-end",
    "-",
    ",",
    ".",
    "'",
    "and",
    "or",
    "of",
    "24.06.2025",
    "2025-06-24",
    "06/24/2025",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.sampled_from([DCT, None]))
@settings(max_examples=300, deadline=None)
def test_time_tagger_never_fails_and_offsets_hold(words: list[str], published: date | None) -> None:
    text = " ".join(words)
    found = timexes(text, published)
    for t in found:
        assert text[t.start : t.end] == t.text
        assert t.interval is None or t.interval.start <= t.interval.end
    starts = [t.start for t in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_time_tagger_adjectival_length_keeps_only_the_length() -> None:
    assert only("Aid flowed during the first six-week phase of the truce.").text == "six-week"


def test_time_tagger_coarse_reference_keeps_its_precision() -> None:
    found = timexes("The standoff began in May 2020. Two days later, troops moved.")
    assert [(t.text, t.value) for t in found] == [
        ("May 2020", "2020-05"),
        ("Two days later", "2020-05"),
    ]


def test_time_tagger_fine_unit_after_coarse_reference_uses_publication() -> None:
    found = timexes("The pact dates from 2019. Envoys met earlier in the week.")
    assert found[1].value == "2025-W26"
    assert found[1].anchor == "published"


# -- second round: extents, names, sets, neighbours of named days ---------------------------------
@pytest.mark.parametrize(
    ("text", "extent", "mod"),
    [
        ("Earlier Friday, the envoy met the rebels.", "Friday", None),
        ("The court will rule later today.", "today", None),
        ("The minister resigned earlier this week.", "this week", None),
        ("Envoys arrived later in the day.", "the day", None),
        ("The crossing took about five hours.", "five hours", "APPROX"),
        ("The blast came at about 10:35 a.m. on Friday.", "10:35 a.m. on Friday", "APPROX"),
        ("The first convoy left around Nov. 1, 2024.", "Nov. 1, 2024", "APPROX"),
        ("The siege lasted nearly five months.", "nearly five months", "APPROX"),
        ("The mill shut almost two years ago.", "almost two years ago", "APPROX"),
    ],
)
def test_time_tagger_comparatives_and_prepositions_stay_outside(
    text: str, extent: str, mod: str | None
) -> None:
    t = only(text)
    assert (t.text, t.mod) == (extent, mod)


def test_time_tagger_possessive_date_is_never_approximate() -> None:
    t = only("Lawyers looked for a way around Wednesday's ruling.")
    assert (t.text, t.mod) == ("Wednesday", None)


def test_time_tagger_date_set_off_by_commas_leaves_the_nouns_determiner() -> None:
    t = only("Two men were charged in the Dec. 21, 1988, bombing of the airliner.")
    assert (t.text, t.value) == ("Dec. 21, 1988", "1988-12-21")


@pytest.mark.parametrize(
    "text",
    [
        "This is Radio Free Harbour Today.",
        'The minister spoke on the "This Week" programme.',
        "The poster showed a still from High Noon.",
        "Thousands joined the March of the Silent Mothers.",
        "The newspaper of the ruling party, daily Nova, printed the letter.",
        "Inspectors were refused entry to such quarters.",
        "The firm changed from a fiscal year to a calendar year.",
    ],
)
def test_time_tagger_names_and_nouns_are_not_times(text: str) -> None:
    assert timexes(text) == []


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Riots have marked the past three summers.", "the past three summers", "XXXX-SU"),
        (
            "Protesters marched in each of the last three years.",
            "each of the last three years",
            "P1Y",
        ),
    ],
)
def test_time_tagger_each_of_several_periods_is_a_set(text: str, extent: str, value: str) -> None:
    t = only(text)
    assert (t.type, t.text, t.value) == ("SET", extent, value)


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        (
            "The day before last Tuesday's hearing, the uncle left.",
            "The day before last Tuesday",
            "2025-06-16",
        ),
        ("Shares were up at mid-afternoon yesterday.", "mid-afternoon yesterday", "2025-06-23TAF"),
        (
            "Demand will grow through the first two quarters of 2026.",
            "the first two quarters of 2026",
            "2026-H1",
        ),
        ("Losses will shrink in future quarters.", "future quarters", "FUTURE_REF"),
    ],
)
def test_time_tagger_second_round_values(text: str, extent: str, value: str) -> None:
    t = only(text)
    assert (t.text, t.value) == (extent, value)


def test_time_tagger_first_nine_months_of_a_year_are_a_length_and_a_year() -> None:
    found = timexes("Output rose 4% in the first nine months of 2024.")
    assert [(t.text, t.value) for t in found] == [
        ("the first nine months", "P9M"),
        ("2024", "2024"),
    ]


def test_time_tagger_several_quarters_of_losses_is_a_length() -> None:
    t = only("The unit turned a profit after several quarters of losses.")
    assert (t.text, t.value) == ("several quarters", "PXQ")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The deal should close by year-end.", "2025"),
        ("The index has risen 8% since year-end.", "2024"),
    ],
)
def test_time_tagger_bare_year_end_by_its_preposition(text: str, value: str) -> None:
    t = only(text)
    assert (t.value, t.mod) == (value, "END")


def test_time_tagger_overnight_is_the_night_before_the_storys_day() -> None:
    found = timexes(
        "Shares in Frankfurt slid on Friday, hit by overnight losses in Tokyo.", date(2025, 6, 23)
    )
    assert [(t.text, t.value) for t in found] == [
        ("Friday", "2025-06-20"),
        ("overnight", "2025-06-19TNI"),
    ]
