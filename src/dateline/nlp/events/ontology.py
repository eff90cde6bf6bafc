"""The event ontology: PLOVER types and modes, the CAMEO codes that correspond, and how
PLOVER codes statements of intent.

Written by the Dateline team from the ontology facts (codes and names) of the PLOVER
codebook and the CAMEO code list; the choices where the published tables disagree are
ours and are noted next to them.

- :data:`MODES`: the modes each PLOVER type admits.
- :func:`plover_of_cameo`: a CAMEO code (2-4 digits) → PLOVER type and mode.
- :func:`default_cameo`: the CAMEO code that corresponds to a PLOVER type and mode.
- :func:`plover_view`: an event's type as PLOVER codes it, folding the status in
  (PLOVER codes a promised cooperative action as AGREE, a promised hostile one as
  THREATEN and a refused cooperative one as REJECT; Dateline keeps the action's own type
  and says "planned" or "negated" in ``status`` instead).
- :data:`PLOVER_05_NAMES`: the older (0.5) type names of the PLOVER gold-standard records.
"""

from __future__ import annotations

from dateline.model import EVENT_TYPES

MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": (
        "restrict",
        "ban",
        "arrest",
        "relations",
        "rights",
        "expel",
        "territory",
        "violence",
    ),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize",
        "restrict",
        "ban",
        "censor",
        "curfew",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    ),
    "ASSAULT": (
        "abduct",
        "beat",
        "torture",
        "execute",
        "sexual",
        "assassinate",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "cleansing",
        "massacre",
        "unconventional",
    ),
}
"""PLOVER event type → the modes it admits (empty: the type has no modes)."""

assert tuple(MODES) == EVENT_TYPES

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
"""Types whose action helps the recipient."""
VERBAL_HOSTILE = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})
MATERIAL_HOSTILE = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

# The CAMEO code each PLOVER type and mode corresponds to by default. Lexicon entries may
# carry a more specific code; these are what an entry without one gets.
_DEFAULT_CAMEO: dict[tuple[str, str | None], str] = {
    ("AGREE", None): "030",
    ("CONSULT", None): "040",
    ("CONSULT", "phone"): "041",
    ("CONSULT", "visit"): "042",
    ("CONSULT", "third-party"): "044",
    ("CONSULT", "multilateral"): "040",
    ("SUPPORT", None): "051",
    ("CONCEDE", None): "080",
    ("COOPERATE", None): "060",
    ("AID", None): "070",
    ("RETREAT", None): "084",
    ("RETREAT", "release"): "0841",
    ("RETREAT", "return"): "0842",
    ("RETREAT", "access"): "086",
    ("RETREAT", "disarm"): "0873",
    ("RETREAT", "ceasefire"): "0871",
    ("RETREAT", "withdraw"): "0874",
    ("RETREAT", "resign"): "0831",
    ("REQUEST", None): "020",
    ("REQUEST", "assist"): "021",
    ("REQUEST", "change"): "024",
    ("REQUEST", "yield"): "025",
    ("REQUEST", "meet"): "026",
    ("ACCUSE", None): "112",
    ("ACCUSE", "disapprove"): "111",
    ("ACCUSE", "investigate"): "090",
    ("ACCUSE", "allege"): "112",
    ("REJECT", None): "120",
    ("REJECT", "assist"): "121",
    ("REJECT", "change"): "123",
    ("REJECT", "yield"): "124",
    ("REJECT", "meet"): "125",
    ("THREATEN", None): "130",
    ("THREATEN", "restrict"): "1312",
    ("THREATEN", "ban"): "1322",
    ("THREATEN", "arrest"): "132",
    ("THREATEN", "relations"): "1313",
    ("THREATEN", "rights"): "1321",
    ("THREATEN", "expel"): "136",
    ("THREATEN", "territory"): "1382",
    ("THREATEN", "violence"): "138",
    ("PROTEST", None): "140",
    ("PROTEST", "demo"): "141",
    ("PROTEST", "hunger"): "142",
    ("PROTEST", "strike"): "143",
    ("PROTEST", "boycott"): "143",
    ("PROTEST", "obstruct"): "144",
    ("PROTEST", "riot"): "145",
    ("SANCTION", None): "160",
    ("SANCTION", "convict"): "116",
    ("SANCTION", "expel"): "166",
    ("SANCTION", "withdraw"): "161",
    ("SANCTION", "discontinue"): "162",
    ("MOBILIZE", None): "150",
    ("MOBILIZE", "troops"): "154",
    ("MOBILIZE", "weapons"): "152",
    ("MOBILIZE", "police"): "153",
    ("MOBILIZE", "militia"): "154",
    ("COERCE", None): "170",
    ("COERCE", "seize"): "171",
    ("COERCE", "restrict"): "172",
    ("COERCE", "ban"): "1722",
    ("COERCE", "censor"): "1721",
    ("COERCE", "curfew"): "1723",
    ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174",
    ("COERCE", "withhold"): "172",
    ("COERCE", "misinformation"): "170",
    ("COERCE", "cyber"): "170",
    ("ASSAULT", None): "190",
    ("ASSAULT", "abduct"): "181",
    ("ASSAULT", "beat"): "182",
    ("ASSAULT", "torture"): "1822",
    ("ASSAULT", "execute"): "1823",
    ("ASSAULT", "sexual"): "1821",
    ("ASSAULT", "assassinate"): "186",
    ("ASSAULT", "destroy"): "1712",
    ("ASSAULT", "primitive"): "180",
    ("ASSAULT", "firearms"): "193",
    ("ASSAULT", "explosives"): "183",
    ("ASSAULT", "suicide-attack"): "1831",
    ("ASSAULT", "aerial"): "195",
    ("ASSAULT", "drone"): "195",
    ("ASSAULT", "heavy-weapons"): "194",
    ("ASSAULT", "crowd-control"): "175",
    ("ASSAULT", "cleansing"): "203",
    ("ASSAULT", "massacre"): "202",
    ("ASSAULT", "unconventional"): "204",
}


def default_cameo(type_: str, mode: str | None) -> str:
    """The CAMEO code that corresponds to a PLOVER type and mode."""
    return _DEFAULT_CAMEO.get((type_, mode)) or _DEFAULT_CAMEO[(type_, None)]


# CAMEO code → PLOVER (type, mode). Most codes follow their two-digit root; the
# exceptions below are the codes whose PLOVER type differs from their root's.
_ROOT_TYPE: dict[str, str | None] = {
    "01": None,  # public statements: not an event in PLOVER
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
_CAMEO_EXCEPTIONS: dict[str, tuple[str, str | None]] = {
    # Yielding splits: political concessions stay CONCEDE, material ones are RETREAT.
    "0831": ("RETREAT", "resign"),
    "084": ("RETREAT", None),
    "0841": ("RETREAT", "release"),
    "0842": ("RETREAT", "return"),
    "085": ("RETREAT", None),
    "086": ("RETREAT", "access"),
    "0861": ("RETREAT", "access"),
    "0862": ("RETREAT", "access"),
    "0863": ("RETREAT", "access"),
    "087": ("RETREAT", "disarm"),
    "0871": ("RETREAT", "ceasefire"),
    "0872": ("RETREAT", "withdraw"),
    "0873": ("RETREAT", "disarm"),
    "0874": ("RETREAT", "withdraw"),
    # Signing an agreement is SUPPORT in PLOVER (promising to sign is AGREE).
    "057": ("SUPPORT", None),
    # Finding guilty is a sanction in the PLOVER codebook.
    "116": ("SANCTION", "convict"),
    # Sanctions and embargoes reduce relations.
    "163": ("SANCTION", None),
    "1711": ("COERCE", "seize"),
    "1712": ("ASSAULT", "destroy"),
    "1721": ("COERCE", "censor"),
    "1722": ("COERCE", "ban"),
    "1723": ("COERCE", "curfew"),
    "1724": ("COERCE", "curfew"),
    "173": ("COERCE", "arrest"),
    "174": ("COERCE", "deport"),
    "175": ("ASSAULT", "crowd-control"),
    "191": ("COERCE", "restrict"),
    "192": ("COERCE", "seize"),
    "201": ("ASSAULT", "cleansing"),
    "203": ("ASSAULT", "cleansing"),
    "202": ("ASSAULT", "massacre"),
    "200": ("ASSAULT", "massacre"),
    "204": ("ASSAULT", "unconventional"),
    "2041": ("ASSAULT", "unconventional"),
    "2042": ("ASSAULT", "unconventional"),
}


def plover_of_cameo(code: str) -> tuple[str, str | None] | None:
    """The PLOVER type and mode of a CAMEO code, or None (01x statements, unknown codes)."""
    code = code.strip()
    if not code.isdigit() or not 2 <= len(code) <= 4:
        return None
    for prefix in (code, code[:3]):
        if prefix in _CAMEO_EXCEPTIONS:
            return _CAMEO_EXCEPTIONS[prefix]
    for (type_, mode), cameo in _DEFAULT_CAMEO.items():
        if cameo == code and mode is not None:
            return type_, mode
    root = _ROOT_TYPE.get(code[:2])
    return (root, None) if root else None


PLOVER_05_NAMES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
"""PLOVER 0.5 type names (the gold-standard records) → current type and mode."""


def current_type(name: str) -> str:
    """A PLOVER type name of any version as a current type name."""
    name = name.strip().upper()
    return PLOVER_05_NAMES[name][0] if name in PLOVER_05_NAMES else name


def plover_view(type_: str, status: str) -> str:
    """The type PLOVER's coding rules give an event of this type and status.

    A planned or hypothetical cooperative action is a statement of intent (AGREE); a
    planned or hypothetical hostile material action is a THREATEN; a negated planned
    cooperative action is a refusal (REJECT). Everything else keeps its type."""
    if status in ("planned", "hypothetical"):
        if type_ in COOPERATIVE:
            return "AGREE"
        if type_ in MATERIAL_HOSTILE:
            return "THREATEN"
    if status == "negated" and type_ in COOPERATIVE:
        return "REJECT"
    return type_
