"""Words that carry time: names, numbers, units, modifiers (English).

These are facts of the language (month names, number words, what "early" means to a
TIMEX3 ``mod``), written out by us; the grammar in :mod:`dateline.nlp.time.grammar` is
built from them.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

_UNITS_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

NUMBERS: dict[str, float] = {word: float(i) for i, word in enumerate(_UNITS_WORDS)}
for _i, _tens in enumerate(_TENS_WORDS):
    NUMBERS[_tens] = float(20 + 10 * _i)
    for _j, _unit in enumerate(_UNITS_WORDS[1:10], start=1):
        NUMBERS[f"{_tens}-{_unit}"] = float(20 + 10 * _i + _j)
        NUMBERS[f"{_tens} {_unit}"] = float(20 + 10 * _i + _j)
NUMBERS.update(
    {
        "a": 1.0,
        "an": 1.0,
        "a hundred": 100.0,
        "one hundred": 100.0,
        "hundred": 100.0,
        "a thousand": 1000.0,
        "one thousand": 1000.0,
        "two thousand": 2000.0,
        "a dozen": 12.0,
        "dozen": 12.0,
        "a couple of": 2.0,
        "a couple": 2.0,
        "couple of": 2.0,
        "a half": 0.5,
        "half a": 0.5,
        "half an": 0.5,
    }
)
VAGUE_AMOUNTS = frozenset(
    {"a few", "few", "several", "many", "some", "a number of", "countless", "numerous"}
)
"""Amounts that make a duration of unknown length: PXD, PXY."""

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "twenty-first": 21,
    "twenty-second": 22,
    "twenty-third": 23,
    "twenty-fourth": 24,
    "twenty-fifth": 25,
    "twenty-sixth": 26,
    "twenty-seventh": 27,
    "twenty-eighth": 28,
    "twenty-ninth": 29,
    "thirty-first": 31,
    "last": -1,
}

UNITS: dict[str, str] = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
    "millennium": "ML",
    "millennia": "ML",
}
"""Singular stem → TIMEX3 duration letter (MIN for minutes, which TIMEX3 writes PTnM)."""

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
    "dawn": "MO",
    "daybreak": "MO",
    "dusk": "EV",
}

CLOCK_WORDS: dict[str, tuple[int, int]] = {
    "noon": (12, 0),
    "midday": (12, 0),
    "midnight": (24, 0),
}

HOLIDAYS = (
    "new year's day",
    "new year's eve",
    "valentine's day",
    "st patrick's day",
    "may day",
    "independence day",
    "bastille day",
    "halloween",
    "veterans day",
    "armistice day",
    "remembrance day",
    "christmas eve",
    "christmas day",
    "christmas",
    "boxing day",
    "thanksgiving day",
    "thanksgiving",
    "labor day",
    "memorial day",
    "martin luther king day",
    "presidents day",
    "election day",
    "easter sunday",
    "easter monday",
    "easter",
    "good friday",
)

ZONES = [
    "ET",
    "CT",
    "MT",
    "PT",
    "GMT",
    "UTC",
    "EST",
    "EDT",
    "CST",
    "CDT",
    "MST",
    "MDT",
    "PST",
    "PDT",
    "BST",
    "CET",
    "CEST",
    "EET",
    "EEST",
    "IST",
    "JST",
    "KST",
    "HKT",
    "SGT",
    "AEST",
    "AEDT",
    "MSK",
    "WIB",
    "PKT",
]

# TIMEX3 mods for words in front of (or around) an expression.
POINT_MODS: dict[str, str] = {
    "early": "START",
    "earlier": "START",
    "the beginning of": "START",
    "the start of": "START",
    "the dawn of": "START",
    "the turn of": "START",
    "mid": "MID",
    "the middle of": "MID",
    "the middle": "MID",
    "late": "END",
    "later": "END",
    "the end of": "END",
    "the close of": "END",
}
AMOUNT_MODS: dict[str, str] = {
    # "within" and "over" are left out: mostly prepositions ("over three years") that
    # TimeML leaves outside the expression
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "APPROX",
    "almost": "APPROX",
    "close to": "APPROX",
    "more or less": "APPROX",
    "just over": "MORE_THAN",
    "more than": "MORE_THAN",
    "upwards of": "MORE_THAN",
    "longer than": "MORE_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "just under": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "shorter than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
}
