"""ACLED-style event and sub-event types for exports (``event_type``, ``sub_event_type``,
``disorder_type`` columns).

ACLED records things that happened on the ground: violence, demonstrations and a few
strategic developments. Verbal events (meetings, demands, accusations, threats) and events
that did not happen (planned, hypothetical, negated) have no ACLED type: :func:`acled_type`
returns None for them rather than a made-up default. The table is ours, written from
ACLED's published type names (facts) and the PLOVER modes.

>>> from dateline.nlp.events.acled import acled_type
>>> acled_type(event, actors)  # doctest: +SKIP
AcledType(disorder_type='Political violence', event_type='Explosions/Remote violence',
          sub_event_type='Air/drone strike')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from dateline.model import Actor, Event, StoredEvent

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    CIVILIANS: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
"""ACLED event types and their sub-event types."""

DISORDER: dict[str, str] = {
    BATTLES: "Political violence",
    EXPLOSIONS: "Political violence",
    CIVILIANS: "Political violence",
    PROTESTS: "Demonstrations",
    RIOTS: "Political violence; Demonstrations",
    STRATEGIC: "Strategic developments",
}

ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "INS", "SEP", "PRM", "IMG"})
"""PLOVER/CAMEO sectors of armed actors: fighting them is a battle, not an attack on
civilians."""

_ASSAULT_BY_MODE: dict[str, tuple[str, str]] = {
    "aerial": (EXPLOSIONS, "Air/drone strike"),
    "drone": (EXPLOSIONS, "Air/drone strike"),
    "heavy-weapons": (EXPLOSIONS, "Shelling/artillery/missile attack"),
    "explosives": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "suicide-attack": (EXPLOSIONS, "Suicide bomb"),
    "unconventional": (EXPLOSIONS, "Chemical weapon"),
    "sexual": (CIVILIANS, "Sexual violence"),
    "abduct": (CIVILIANS, "Abduction/forced disappearance"),
    "crowd-control": (PROTESTS, "Excessive force against protesters"),
    "destroy": (STRATEGIC, "Looting/property destruction"),
}


class AcledType(NamedTuple):
    disorder_type: str
    event_type: str
    sub_event_type: str


def _make(event_type: str, sub: str) -> AcledType:
    assert sub in ACLED_TYPES[event_type], (event_type, sub)
    return AcledType(DISORDER[event_type], event_type, sub)


def acled_type(event: Event, actors: Mapping[str, Actor] | None = None) -> AcledType | None:
    """The ACLED-style type of an event, or None when ACLED would not record it.

    ``actors`` (id → Actor, the article's actors) lets an assault on armed actors be told
    from one on civilians; without it an assault with recipients is an armed clash only if
    none of them is known to be a civilian."""
    known = actors or {}
    recipients = [
        set(a.sectors or ([a.sector] if a.sector else []))
        for a in (known[i] for i in event.recipients if i in known)
    ]
    return classify(event.type, event.mode, event.cameo, event.status, recipients)


def acled_type_of_stored(event: StoredEvent) -> tuple[str, str, str] | None:
    """:func:`acled_type` for a canonical event of the store (its actors are inlined);
    the default type mapping of the exports (``dateline.export.rows``)."""
    recipients = [{a.sector} if a.sector else set() for a in event.recipients]
    found = classify(event.type, event.mode, event.cameo, event.status, recipients)
    return None if found is None else tuple(found)  # type: ignore[return-value]


def classify(
    kind: str, mode: str | None, cameo: str | None, status: str, recipients: list[set[str]]
) -> AcledType | None:
    """The ACLED type from an event's PLOVER type, mode, CAMEO code and status, and the
    sectors of its recipients (one set per recipient)."""
    if status not in ("occurred", "ongoing"):
        return None
    if kind == "ASSAULT":
        if mode in _ASSAULT_BY_MODE:
            return _make(*_ASSAULT_BY_MODE[mode])
        return _make(*_assault_target(mode, recipients))
    if kind == "PROTEST":
        if mode == "riot":
            return _make(RIOTS, "Violent demonstration")
        return _make(PROTESTS, "Peaceful protest")
    if kind == "COERCE":
        if mode == "arrest":
            return _make(STRATEGIC, "Arrests")
        if mode == "seize":
            if cameo == "192":
                return _make(STRATEGIC, "Non-violent transfer of territory")
            return _make(STRATEGIC, "Looting/property destruction")
        return _make(STRATEGIC, "Other")
    if kind == "MOBILIZE":
        return _make(STRATEGIC, "Change to group/activity")
    if kind in ("AGREE", "SUPPORT") and cameo in ("057", "030", "0356", "037"):
        return _make(STRATEGIC, "Agreement")
    if kind == "RETREAT":
        if mode == "ceasefire":
            return _make(STRATEGIC, "Agreement")
        if mode == "withdraw":
            return _make(STRATEGIC, "Non-violent transfer of territory")
        if mode in ("disarm", "release"):
            return _make(STRATEGIC, "Change to group/activity")
    return None


def _assault_target(mode: str | None, recipients: list[set[str]]) -> tuple[str, str]:
    if not recipients:
        return BATTLES, "Armed clash"
    if any(sectors & ARMED_SECTORS for sectors in recipients):
        return BATTLES, "Armed clash"
    if any(sectors & _CIVILIAN_SECTORS for sectors in recipients):
        return CIVILIANS, "Attack"
    if mode in ("execute", "torture", "beat", "massacre", "primitive", "cleansing"):
        return CIVILIANS, "Attack"
    return BATTLES, "Armed clash"


_CIVILIAN_SECTORS = frozenset({"CVL", "REF", "EDU", "MED", "REL", "JRN", "HRI", "NGO"})
