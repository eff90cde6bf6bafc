"""The recogniser: regular expressions over the text that find time expressions.

Each :class:`Rule` is one family of expressions ("Oct. 23, 1998", "two days later",
"the third quarter", "every Monday") with the name of the resolver that turns a match
into a TIMEX3 value (:mod:`dateline.nlp.time.resolve`). All rules run over the text;
where matches overlap the longest wins, then the earlier rule. Extents follow the
TempEval-3 (TimeML) guidelines: determiners and modifiers that belong to the expression
are in it ("the third quarter", "last week", "about two years ago", "early December"),
prepositions are not ("on Friday" → "Friday").

Month and weekday names must be capitalised (unless the whole text is upper case), so
"may", "march" and "fall" as ordinary words are never dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.nlp.time.lexicon import (
    AMOUNT_MODS,
    HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    WEEKDAYS,
    ZONES,
)


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first, spaces as ``\\s+``."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


# -- fragments ----------------------------------------------------------------------------
B = r"(?<![\w'’-])"  # a word starts here (not inside a word or a hyphenated compound)
E = r"(?!\w)"  # a word ends here
FULL_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
ABBR_MONTH = r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
MONTH = rf"(?:{FULL_MONTH}{E}|{ABBR_MONTH}(?:\.|{E}))"
WEEKDAY_NAME = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
WEEKDAY = rf"(?:{WEEKDAY_NAME}|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,.]\d|\d|%|-(?:year|month|day|week))"
DAY_WORD = _alt([w for w in ORDINALS if w != "last"])
YEAR_DIGITS = r"(?<![\d$£€#.,/])(?<!\d-)(?:1[0-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-\d|s\b|'s\b)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen|twenty)[-\s]+(?:hundred|{_TENS}(?:[-\s]+{_ONES})?|oh[-\s]+{_ONES}|{_TEENS})"
    rf"|two[-\s]+thousand(?:[-\s]+(?:and[-\s]+)?(?:{_TEENS}|{_ONES}|{_TENS}(?:[-\s]+{_ONES})?))?)"
)
YEAR = rf"(?:{YEAR_DIGITS}|{SPELLED_YEAR}{E})"
NUMBER_WORD = (
    rf"(?:{_TENS}(?:[-\s]+{_ONES})?|{_TEENS}|{_ONES}|zero|(?:a|one)\s+(?:hundred|thousand|dozen)"
    r"|two\s+thousand|hundred|dozen|a\s+couple\s+of|a\s+couple|couple\s+of)"
)
NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|\d/\d|{NUMBER_WORD}{E})"
AMOUNT = (
    rf"(?:(?:{NUMBER}|an?)(?:[-\s]+and[-\s]+(?:a[-\s]+)?(?:half|quarter)|[-\s]+(?:and[-\s]+)?a[-\s]+half)?"
    r"|a\s+few|few|several|many|a\s+number\s+of|(?:a\s+)?couple(?:\s+of)?|half\s+an?)"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?"
    r"|years?|decades?|centur(?:y|ies)|millenni(?:um|a))"
)
UNIT_SG = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century)"
)
PART = r"(?:morning|afternoon|evening|night)"
ZONE = (
    rf"(?:{_alt([z.lower() for z in ZONES])}(?!\w)"
    r"|(?:local|eastern|central|pacific|mountain|greenwich\s+mean)\s+time)"
)
AMPM = r"(?:a\.m\.?|p\.m\.?|am(?![\w.])|pm(?![\w.])|a\s+m\b|p\s+m\b)"
CLOCK = (
    rf"(?:(?:[01]?\d|2[0-3]):[0-5]\d\s*{AMPM}?|(?:1[0-2]|0?[1-9])\.[0-5]\d\s*{AMPM}|(?:1[0-2]|0?[1-9])\s*{AMPM}"
    rf"|(?:1[0-2]|0?[1-9])(?=\s+in\s+the\s+(?:morning|afternoon|evening|night))"
    rf"|(?:[01]\d|2[0-3])[0-5]\d\s+(?:{ZONE}|hours?\b)|noon|midnight|midday)"
)
AMOUNT_MOD = _alt(list(AMOUNT_MODS))
POINT_MOD = r"(?:early|mid|late|the\s+(?:beginning|start|middle|end|close|turn|dawn)\s+of)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
HOLIDAY = _alt(list(HOLIDAYS))
DAYREF = (
    rf"(?:{WEEKDAY}(?:,?\s+{MONTH}\s+{DAY}(?:,?\s+{YEAR_DIGITS})?)?|{MONTH}\s+{DAY}(?:,?\s+{YEAR_DIGITS})?"
    r"|today|tonight|yesterday|tomorrow)"
)


@dataclass(frozen=True)
class Rule:
    """One family of expressions: a pattern and the resolver that reads its matches."""

    name: str
    pattern: re.Pattern[str]
    resolver: str
    priority: int = 0


def _rule(name: str, pattern: str, resolver: str | None = None, priority: int = 0) -> Rule:
    return Rule(name, re.compile(B + pattern + E), resolver or name, priority)


RULES: tuple[Rule, ...] = (
    # absolute dates -----------------------------------------------------------------------
    _rule(
        "iso",
        r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"
        r"(?:[t ](?P<h>[01]\d|2[0-3]):(?P<min>[0-5]\d)(?::\d\d)?(?:z|[+-]\d\d:?\d\d)?)?",
        priority=5,
    ),
    _rule(
        "numeric",
        r"(?P<a>\d{1,4})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})(?!(?P=sep)?\d)",
        priority=5,
    ),
    _rule(
        "day_month",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY}|{DAY_WORD})(?:\s+of)?\s+(?P<mon>{MONTH})"
        rf"(?:,?\s+(?P<year>{YEAR}))?",
        "month_day",
    ),
    _rule(
        "month_day",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<mon>{MONTH})\s+(?:the\s+)?(?P<day>{DAY}|{DAY_WORD})"
        rf"(?:,?\s+(?P<year>{YEAR}))?",
    ),
    _rule(
        "week_of",
        rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?",
        priority=3,
    ),
    _rule(
        "month_year",
        rf"(?:(?P<mod>{POINT_MOD})[-\s]+)?(?P<mon>{MONTH})(?:,?\s+|\s+of\s+)(?P<year>{YEAR})",
    ),
    _rule(
        "month",
        rf"(?:(?P<mod>{POINT_MOD})[-\s]+)?(?:(?P<rel>last|next|this|that|coming|past|this\s+past|this\s+coming"
        rf"|the\s+following|the\s+previous|the\s+same)\s+)?(?P<mon>{FULL_MONTH}|{ABBR_MONTH}\.)(?!\s*\d)"
        r"(?:,?\s+(?P<post>(?:of\s+)?(?:that|the\s+same|the\s+following|the\s+next|the\s+previous|last|next|this)\s+year))?",
    ),
    _rule(
        "year",
        rf"(?:(?P<mod>{POINT_MOD}|a\s+good\s+part\s+of)[-\s]+)?(?:(?P<pre>the\s+year|fiscal(?:\s+year)?|calendar(?:\s+year)?|fy|(?:post|pre)(?=-))[-\s]*)?"
        rf"(?P<year>{YEAR})(?P<post>\s+and\s+beyond|\s+or\s+(?:later|earlier|before|after|beyond))?",
    ),
    _rule(
        "decade",
        rf"(?:the\s+)?(?:(?P<mod>{POINT_MOD}|the\s+(?:first|last|second)\s+half\s+of(?:\s+the)?)[-\s]+)?"
        r"(?:(?P<dec>1[0-9]\d0|20\d0)'?s|['’](?P<short>\d0)'?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
    ),
    _rule(
        "century",
        rf"(?:the\s+)?(?:(?P<mod>{POINT_MOD})[-\s]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{DAY_WORD})[-\s]+century",
    ),
    # days, weekdays and times -------------------------------------------------------------
    _rule(
        "weekday",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?:(?P<rel>last|this|next|coming|past|this\s+past|this\s+coming"
        rf"|the\s+previous|the\s+following|the\s+preceding|the\s+next|that)\s+)?(?P<wd>{WEEKDAY})(?P<pl>s)?"
        rf"(?:\s+(?P<part>{PART})(?P<ppl>s)?)?",
    ),
    _rule(
        "deictic",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow)"
        rf"(?:\s+(?P<part>{PART}))?",
    ),
    _rule(
        "part_deictic",
        rf"(?:(?P<mod>early|late|mid)[-\s]*)?(?P<part>{PART})\s+(?P<word>today|yesterday|tomorrow)",
        "deictic",
    ),
    _rule(
        "day_around",
        rf"the\s+day\s+(?P<dir>before|after)\s+(?P<ref>(?:(?:last|next|this)\s+)?{WEEKDAY_NAME}"
        rf"|{MONTH}\s+{DAY}|yesterday|tomorrow)",
        priority=3,
    ),
    _rule(
        "deictic_far",
        r"the\s+day\s+(?P<rel>before\s+yesterday|after\s+tomorrow)",
        priority=2,
    ),
    _rule(
        "this_part",
        rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{PART})",
    ),
    _rule("overnight", r"overnight"),
    _rule(
        "clock",
        rf"(?:(?P<mod>about|around|approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        rf"(?P<clock>{CLOCK}|(?P<oc>\d{{1,2}}|{_alt(list(NUMBERS)[:13])})\s+o['’]clock)"
        rf"(?:\s+(?P<zone>{ZONE}))?"
        rf"(?:\s+(?:in\s+the\s+)?(?P<part>morning|afternoon|evening|night))?"
        rf"(?:,?\s+(?:on\s+)?(?P<dayref>{DAYREF}))?",
    ),
    _rule(
        "holiday",
        rf"(?:(?P<rel>last|this|next)\s+)?(?P<name>{HOLIDAY})(?P<week>\s+week)?"
        rf"(?:,?\s+(?P<year>{YEAR_DIGITS}))?",
    ),
    # relative to now or to the story ------------------------------------------------------
    _rule(
        "relative",
        rf"(?:(?P<mod>{POINT_MOD}|earlier|later|the\s+rest\s+of)[-\s]+(?:in\s+)?)?"
        r"(?P<rel>(?:the\s+)?(?:last|past|previous|preceding|prior|this|next|coming|current|following|same|present|latest)"
        r"|this\s+past|this\s+coming|that|that\s+same|this\s+same|the\s+very\s+same)\s+"
        rf"(?:(?P<fiscal>fiscal|calendar)\s+)?(?P<unit>{UNIT_SG}|half|{SEASON}|season|morning|afternoon|evening)(?!-)",
    ),
    _rule(
        "anaphoric_in",
        r"(?P<mod>earlier|later|early|late)\s+(?:in|on)\s+the\s+(?P<unit>day|week|month|year|decade|century|season|quarter)",
    ),
    _rule(
        "end_of",
        rf"(?P<mod>{POINT_MOD})\s+(?:the\s+)?(?P<unit>day|week|month|year|decade|century|quarter)",
    ),
    _rule(
        "year_end",
        r"(?P<word>year[-\s]end|year['’]s\s+end|the\s+end\s+of\s+the\s+year|(?:the\s+)?turn\s+of\s+the\s+year)",
        priority=1,
    ),
    _rule(
        "the_unit_around",
        r"the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after|earlier|later|prior)(?=\s*(?:[.,;:!?)]|$|and\b|but\b|when\b|,))",
        priority=1,
    ),
    _rule(
        "ago",
        rf"(?:(?P<mod>{AMOUNT_MOD})\s+(?!the\b))?(?P<amt>{AMOUNT})[-\s]+(?P<unit>{UNIT})(?P<orso>\s+or\s+so)?"
        r"\s+(?P<dir>ago|earlier|later|hence|from\s+now|back|previously)",
        priority=2,
    ),
    _rule(
        "ago_bare",
        rf"(?:(?P<mod>{AMOUNT_MOD})\s+(?!the\b))?(?P<amt>{AMOUNT})[-\s]+(?P<unit>{UNIT})(?P<orso>\s+or\s+so)?"
        r"\s+(?P<dir>before|after|prior)(?=\s*(?:[.,;:!?)\"”]|$|and\b|but\b))",
        "ago",
        priority=2,
    ),
    _rule(
        "season",
        rf"(?:(?P<mod>{POINT_MOD})[-\s]+)?(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+past|the\s+coming|that|the)\s+)?"
        rf"(?:(?P<mod2>early|mid|late)[-\s]+)?(?P<season>{SEASON})(?:,?\s+(?:of\s+)?(?P<year>{YEAR}))?",
    ),
    # financial periods --------------------------------------------------------------------
    _rule(
        "quarter",
        r"(?:(?P<det>the|this|last|next|a)\s+)?(?P<pre>(?:(?:\d{4}|fiscal|latest|current|recent|year-?earlier|year-?ago|comparable"
        r"|same|previous|prior|past|last|next|this|year['’]s|corresponding)[-\s]+)*)"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[-\s]+(?:fiscal[-\s]+)?(?P<what>quarter|half|period)(?P<pl>s)?"
        r"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)|(?P<yrel>this|last|next|the\s+current|the\s+previous|the\s+same|that|the)\s+(?:fiscal\s+)?year))?",
        priority=1,
    ),
    _rule(
        "quarter_code",
        r"(?P<q>[qh][1-4])(?:[-\s/]+(?:fy)?(?P<year>(?:19|20)\d\d))?|(?P<year2>(?:19|20)\d\d)[-\s/]*(?P<q2>[qh][1-4])",
        priority=1,
    ),
    _rule(
        "period",
        r"(?P<det>the|its|this|a)\s+(?P<pre>(?:(?:\d{4}|fiscal|latest|current|recent|year-?earlier|year-?ago|comparable(?:\s+year-?ago)?"
        r"|same|previous|prior|past|year['’]s|corresponding)[-\s]+)*)(?P<what>quarter|period|fiscal\s+year|full\s+year)(?!-)"
        r"(?P<post>\s+a\s+year\s+(?:ago|earlier)|\s+last\s+year)?",
    ),
    _rule(
        "months_period",
        rf"(?P<det>the|its)\s+(?P<pre>(?:(?:first|latest|year-?earlier|year-?ago|fiscal|comparable|same|\d{{4}})[-\s]+)*)"
        rf"(?P<amt>{NUMBER})[-\s]+(?P<unit>months|weeks|quarters)(?!-)",
        priority=1,
    ),
    _rule(
        "first_part",
        rf"the\s+first\s+(?P<amt>two|three|six|[236])\s+(?P<unit>months|quarters)\s+of\s+(?:fiscal\s+)?"
        rf"(?P<year>{YEAR_DIGITS})",
        priority=2,
    ),
    _rule("year_ago_adj", r"(?P<word>year-?earlier|year-?ago|prior-year)(?!\s+(?:quarter|period))"),
    _rule(
        "the_unit",
        r"the\s+(?P<unit>year|month|week)(?![-\w])",
    ),
    _rule(
        "day_and",
        rf"(?P<wd>)(?P<mon>{MONTH})\s+{DAY}\s*(?:,\s*)?(?:and|or|to|through|-|–)\s*(?P<t>(?P<day>{DAY}))(?P<year>)",
        "month_day",
    ),
    _rule(
        "day_and_month",
        rf"(?P<wd>)(?P<t>(?P<day>{DAY}))\s*(?:and|or|to|through|-|–)\s*{DAY}\s+(?:of\s+)?(?P<mon>{MONTH})"
        r"(?P<year>)",
        "month_day",
    ),
    _rule("unit_long", r"(?P<unit>day|week|month|year|hour|night)-long"),
    # durations ------------------------------------------------------------------------------
    _rule(
        "duration",
        rf"(?:(?P<mod>{AMOUNT_MOD})\s+(?!the\b))?(?:(?P<det>the|a|an|another|each\s+of\s+the)\s+)?"
        r"(?:(?P<rel>past|last|next|first|coming|previous|final|latest|following|remaining|same|initial|ensuing|preceding|"
        r"additional|further|succeeding|subsequent|better\s+part\s+of\s+the|whole|entire|full)\s+)?"
        rf"(?P<amt>{AMOUNT})(?:\s+(?:more|additional|straight|consecutive|full|long|trading|business|working|calendar|extra|further))?[-\s]+"
        rf"(?P<unit>{UNIT})(?P<half>[-\s]+and[-\s]+a[-\s]+half)?(?P<adj>-long)?(?P<orso>\s+or\s+(?:so|more|less|longer))?"
        rf"(?![-\s]old\b)",
    ),
    _rule(
        "range_duration",
        rf"(?:(?P<det>the)\s+(?:(?P<rel>past|last|next|coming|first)\s+)?)?(?P<t>(?P<a>{NUMBER}))(?P<b>)"
        rf"(?=\s*(?:to|or|-|–)\s*{NUMBER}[-\s]+(?P<unit>{UNIT}))",
        priority=1,
    ),
    _rule(
        "vague_duration",
        r"(?:(?:(?P<det>the|these|those)\s+)?(?P<rel>past|last|next|coming|early|first|ensuing|following|subsequent)\s+)?"
        r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries|quarters)(?P<adj>-long)?"
        r"(?P<post>\s+ahead|\s+to\s+come|\s+and\s+(?:months|years|weeks|days|decades))?",
    ),
    _rule(
        "weekend",
        r"(?:(?P<rel>the|this|last|next|that|this\s+past|this\s+coming|the\s+previous|the\s+following)\s+)weekend(?!s)",
    ),
    # sets -----------------------------------------------------------------------------------
    _rule(
        "seasons",
        rf"(?:the\s+)?(?:past|last|next|previous|coming|first)\s+(?P<amt>{NUMBER})\s+"
        r"(?P<season>summers|winters|springs|autumns|falls)",
        priority=1,
    ),
    _rule(
        "set_every",
        rf"(?:every|each)\s+(?:(?P<other>other|single|second)\s+)?(?:(?P<amt>{NUMBER})\s+)?"
        rf"(?P<what>{UNIT}|{WEEKDAY_NAME}|{FULL_MONTH}|{PART}|{SEASON}|weekday)",
    ),
    _rule(
        "set_adverb",
        r"(?P<word>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|bimonthly|"
        r"semiannually|semi-annually|biannually|fortnightly|twice[-\s]yearly|twice[-\s]monthly|twice[-\s]weekly)",
    ),
    _rule(
        "set_freq",
        rf"(?P<freq>once|twice|thrice|{NUMBER}\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT_SG})",
        priority=1,
    ),
    _rule(
        "set_rate",
        r"(?:\d|%|million|billion|trillion|thousand|hundred|dollars|percent|cents|pounds|euros|yen|marks|francs)"
        r"\s+(?P<t>(?P<per>a|an|per)\s+(?P<unit>year|month|week|day|hour|minute|quarter))",
    ),
    # references to now, the past and the future ---------------------------------------------
    _rule(
        "ref",
        r"(?P<word>recent\s+(?:days|weeks|months|years|decades|quarters)(?:\s+and\s+(?:days|weeks|months|years))?"
        r"|(?:the\s+)?coming\s+(?:days|weeks|months|years|decades|quarters)"
        r"|the\s+(?:days|weeks|months|years|decades)\s+ahead"
        r"|the\s+(?:near|short|long|medium)\s+term|the\s+(?:near\s+|foreseeable\s+|distant\s+|immediate\s+)?future"
        r"|as\s+soon\s+as\s+possible|a\s+later\s+date|any\s+time\s+soon|the\s+time\s+being|at\s+the\s+moment"
        r"|right\s+now|just\s+now|nowadays|now|currently|current|at\s+present|presently|these\s+days"
        r"|more\s+recently|recently|recent|lately|of\s+late|the\s+past|then\s+current"
        r"|future\s+(?:days|weeks|months|years|decades|quarters|generations)"
        r"|future|soon|shortly)",
    ),
)

NAMED_WORDS = re.compile(
    rf"\b(?:{FULL_MONTH}|{ABBR_MONTH}|{WEEKDAY_NAME}|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|{HOLIDAY})\b",
    re.IGNORECASE,
)
"""Names that must be capitalised to count (month, weekday and holiday names)."""

FULL_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)


def _words(kind: str, words: str | list[str]) -> dict[str, str]:
    return dict.fromkeys(words.split() if isinstance(words, str) else words, kind)


_WORD_KINDS: dict[str, str] = {
    **_words("month", list(MONTHS)),
    **_words("weekday", list(WEEKDAYS) + [f"{w}s" for w in WEEKDAYS if len(w) > 4]),
    **_words(
        "unit",
        "second seconds minute minutes hour hours day days night nights week weeks weekend "
        "weekends fortnight fortnights month months quarter quarters year years decade decades "
        "century centuries millennium millennia period half term",
    ),
    **_words("deictic", "today tonight yesterday tomorrow"),
    **_words(
        "ref",
        "now nowadays current currently recent recently lately present presently moment being "
        "future soon shortly past later",
    ),
    **_words("part", "overnight noon midnight midday morning afternoon evening night dawn dusk"),
    **_words(
        "set",
        "daily weekly monthly yearly annually hourly nightly biweekly bimonthly semiannually "
        "biannually fortnightly",
    ),
    **_words("season", "spring summer fall autumn winter springs summers falls autumns winters"),
    **_words(
        "holiday",
        "christmas easter thanksgiving halloween new independence labor memorial election "
        "valentine good boxing veterans armistice remembrance bastille presidents luther",
    ),
    **_words("decade", "twenties thirties forties fifties sixties seventies eighties nineties"),
    **_words("spelled", "nineteen eighteen thousand"),
    **_words("fiscal", "fiscal fy q1 q2 q3 q4 h1 h2"),
    **_words("clock", "o'clock o’clock"),
}
_TOKEN = re.compile(r"[a-z]+\d?(?:['’][a-z]+)?|\d+(?:[:./-]\d+)*(?:['’]?s\b)?|['’]\d0s")
_AMPM_AFTER = re.compile(r"\s*[ap]\.?\s?m\b")


def anchors(lowered: str, start: int = 0) -> list[tuple[str, int, int]]:
    """Words without which no rule can match, by kind, as (kind, start, end): each rule
    runs only around the kinds it needs (:data:`NEEDS`). Reads lower-cased text, like
    the rules (case-insensitive matching in Python's regular expressions is more than
    twice as slow); capitalisation is checked on the original."""
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(lowered, start):
        word = m.group()
        kind: str | None
        if word[0].isalpha():
            kind = _WORD_KINDS.get(word) or _WORD_KINDS.get(word.split("'")[0].split("’")[0])
        else:
            kind = _number_kind(word, lowered, m.end())
        if kind is not None:
            out.append((kind, m.start(), m.end()))
    return out


def _number_kind(word: str, text: str, end: int) -> str | None:
    if word.endswith("s") and re.fullmatch(r"['’]?\d*0['’]?s", word):
        return "decade"
    separators = sum(word.count(c) for c in "./-")
    if separators >= 2 and re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}", word):
        return "numdate"
    if re.fullmatch(r"\d{1,2}[:.]\d\d", word):
        return "clock"
    if re.match(r"(?:1\d{3}|20\d\d)(?!\d)", word):
        return "year"
    if len(word) <= 2 and _AMPM_AFTER.match(text, end):
        return "clock"
    return None


_DATE_WORDS = frozenset({"month", "weekday", "deictic"})
NEEDS: dict[str, frozenset[str]] = {
    "iso": frozenset({"numdate"}),
    "numeric": frozenset({"numdate"}),
    "day_month": frozenset({"month"}),
    "month_day": frozenset({"month"}),
    "week_of": frozenset({"month"}),
    "month_year": frozenset({"month"}),
    "month": frozenset({"month"}),
    "day_and": frozenset({"month"}),
    "day_and_month": frozenset({"month"}),
    "year": frozenset({"year", "spelled"}),
    "decade": frozenset({"decade"}),
    "century": frozenset({"unit"}),
    "weekday": frozenset({"weekday"}),
    "deictic": frozenset({"deictic"}),
    "deictic_far": frozenset({"deictic"}),
    "part_deictic": frozenset({"deictic"}),
    "day_around": frozenset({"deictic", "weekday", "month"}),
    "this_part": frozenset({"part"}),
    "overnight": frozenset({"part"}),
    "clock": frozenset({"clock", "part"}),
    "holiday": frozenset({"holiday"}),
    "relative": frozenset({"unit", "season", "part"}),
    "set_adverb": frozenset({"set"}),
    "set_every": frozenset({"unit", "weekday", "month", "part", "season"}),
    "season": frozenset({"season"}),
    "seasons": frozenset({"season"}),
    "quarter_code": frozenset({"fiscal"}),
    "first_part": frozenset({"year"}),
    "year_end": frozenset({"unit", "fiscal"}),
    "ref": frozenset({"ref", "unit"}),
}
"""The anchor kinds each rule needs (any one of them); rules not listed need a unit."""
