"""Within-article merging: the same event mentioned twice becomes one event with two
mentions ("an agreement finalised on October 21" ... "India and China firmed up a
disengagement pact": one SUPPORT event, dated 2024-10-21, with both mentions).

Two drafts merge when they have the same type, compatible dates (equal or nested
intervals, or one only dated by the publication date), no conflicting places, and shared
actors — or when one of them names no actor at all and is a bare mention ("the meeting",
"the pact"). Different actors, different recipients' countries, or different days keep
events apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from spacy.tokens import Span

from dateline.model import Actor, Mention, Place, SentenceSpan, When
from dateline.model import Span as TextSpan
from dateline.nlp.events.arguments import Arguments
from dateline.nlp.events.compose import Candidate
from dateline.nlp.geo.gazetteer import fold

_BASIS_RANK = {"text": 0, "inferred": 1, "published": 2}
_PRECISION_RANK = {
    "day": 0,
    "week": 1,
    "month": 2,
    "quarter": 3,
    "season": 3,
    "year": 4,
    "decade": 5,
    "century": 6,
    "approximate": 7,
}
_WHERE_RANK = {"attached": 0, "sentence": 1, "dateline": 2, "focus": 3, None: 4}


@dataclass
class Draft:
    """An event under construction, with what the later passes need to know."""

    cand: Candidate
    sent: Span
    sent_index: int
    paragraph: int
    args: Arguments
    when: When
    status: str
    where: str | None
    where_basis: str | None
    trigger: TextSpan
    sentence: SentenceSpan
    type: str
    mode: str | None
    cameo: str
    status_said: bool = True
    """Whether the text says the status ("will", "met"), rather than it being the default."""
    mentions: list[Mention] = field(default_factory=list)
    merged: int = 0
    confidence: float = 0.0
    tokens: set[int] = field(default_factory=set)
    """Token indices of every mention's trigger and predicate (for event-anchored dates)."""
    triggers: list[int] = field(default_factory=list)
    """Token indices of every mention's trigger word."""

    def __post_init__(self) -> None:
        if not self.tokens:
            self.tokens = set(self.cand.tokens)
        if not self.triggers:
            self.triggers = [self.cand.trigger.i]

    @property
    def actors(self) -> list[str]:
        return self.args.actors

    @property
    def recipients(self) -> list[str]:
        return self.args.recipients

    @property
    def bare(self) -> bool:
        """A noun with no argument of its own: can only be a further mention."""
        return (
            self.cand.how == "noun"
            and not self.args.actors
            and not self.args.recipients
            and not self.args.phrases
        )

    @property
    def past(self) -> bool:
        """The event's clause is in a past tense."""
        pred = self.cand.frame or self.cand.pred
        if pred is None or pred.pos_ not in ("VERB", "AUX"):
            return False
        if pred.tag_ == "VBD":
            return True
        auxes = {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")}
        return pred.tag_ == "VBN" and bool(auxes & {"has", "have", "had", "was", "were"})


def dates_compatible(a: When, b: When) -> bool:
    if a.basis == "published" or b.basis == "published":
        return True
    return a.start <= b.end and b.start <= a.end


def _countries(ids: list[str], actors: dict[str, Actor]) -> set[str]:
    return {actors[i].country for i in ids if i in actors and actors[i].country}  # type: ignore[misc]


NEAR_KM = 250.0
"""Two attached places closer than this can be one event's place named two ways ("along
the Line of Actual Control" and "in eastern Ladakh")."""


def _apart(a: str | None, b: str | None, places: dict[str, Place]) -> bool:
    """Whether two attached places are different places, far enough apart to veto."""
    if a is None or b is None or a == b:
        return False
    pa, pb = places.get(a), places.get(b)
    if pa is None or pb is None or None in (pa.lat, pa.lon, pb.lat, pb.lon):
        return True
    return _km(pa, pb) > NEAR_KM


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(
        math.radians, (a.lat or 0.0, a.lon or 0.0, b.lat or 0.0, b.lon or 0.0)
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def compatible(
    a: Draft, b: Draft, actors: dict[str, Actor], places: dict[str, Place] | None = None
) -> bool:
    """Whether two drafts can be the same event (see the module docstring)."""
    if a.type != b.type:
        return False
    if a.mode is not None and b.mode is not None and a.mode != b.mode:
        return False
    if not dates_compatible(a.when, b.when) or not _same_time(a, b) or not _same_time(b, a):
        return False
    statuses = {a.status, b.status}
    if "negated" in statuses and len(statuses) > 1:
        return False
    said = a.status_said and b.status_said
    if statuses == {"planned", "occurred"} and not (a.bare or b.bare) and said:
        return False
    if _named_apart(a, b, actors, places) or _named_apart(b, a, actors, places):
        return False
    if (
        a.where_basis == "attached"
        and b.where_basis == "attached"
        and _apart(a.where, b.where, places or {})
    ):
        return False
    a_all = set(a.actors) | set(a.recipients)
    b_all = set(b.actors) | set(b.recipients)
    if a.actors and b.actors and not set(a.actors) & set(b.actors) and a_all != b_all:
        return False
    if a.recipients and b.recipients and not set(a.recipients) & set(b.recipients):
        ca, cb = _countries(a.recipients, actors), _countries(b.recipients, actors)
        if not (ca & cb) and a_all != b_all:
            return False
    if _lemma(a) != _lemma(b) and a.sent_index == b.sent_index:
        pass  # one sentence: "used tear gas to disperse demonstrators"
    elif _lemma(a) != _lemma(b):
        # Different words in different sentences: the same event only if one of them is
        # a bare mention nearby, or both carry the same date.
        undated = a.when.basis == "published" or b.when.basis == "published"
        bare = a.bare or b.bare
        if undated and not bare:
            return False
        if bare and abs(a.sent_index - b.sent_index) > 2:
            return False
    if a_all and b_all:
        return True
    if not a_all and not b_all:
        if a.sent_index == b.sent_index and a.mode is not None and a.mode == b.mode:
            return True  # "used tear gas to disperse demonstrators"
        if a.bare or b.bare:
            return _lemma(a) == _lemma(b)
        same_day = a.when.basis != "published" and a.when.value == b.when.value
        return same_day and _lemma(a) == _lemma(b)
    # One side names nobody: it joins only an event of its own kind ("the conclave",
    # "an agreement finalised on October 21" → "firmed up a disengagement pact").
    empty = a if not a_all else b
    full = b if empty is a else a
    return _same_kind(empty, full)


def _named_apart(
    a: Draft, b: Draft, actors: dict[str, Actor], places: dict[str, Place] | None = None
) -> bool:
    """``a`` names a participant we could not code ("NSA Ajit Doval") who is none of
    ``b``'s coded ones: different people, not one event."""
    where = {fold(p.name) for p in (places or {}).values()}
    names = [n for n in a.args.names if _is_proper_name(n) and fold(n) not in where]
    if not names or not (b.actors or b.recipients):
        return False
    known = " ".join(actors[i].name.lower() for i in b.actors + b.recipients if i in actors)
    return not any(name.lower() in known or known in name.lower() for name in names)


def _is_proper_name(phrase: str) -> bool:
    """ "NSA Ajit Doval" names someone; "his Chilean counterpart" only describes them, so
    it cannot tell two events apart."""
    words = [w for w in phrase.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() for w in words)


_FAMILIES = {
    "meeting": "meet",
    "talk": "meet",
    "talks": "meet",
    "negotiation": "negotiate",
    "visit": "visit",
    "trip": "visit",
    "attack": "attack",
    "assault": "attack",
    "strike": "strike",
    "airstrike": "strike",
    "clash": "clash",
    "fighting": "fight",
    "protest": "protest",
    "demonstration": "protest",
    "rally": "protest",
    "arrest": "arrest",
    "detention": "arrest",
    "release": "release",
    "withdrawal": "withdraw",
    "agreement": "agree",
    "deal": "agree",
    "pact": "agree",
    "accord": "agree",
    "treaty": "agree",
    "accusation": "accuse",
    "threat": "threaten",
    "warning": "threaten",
    "sanction": "sanction",
    "sanctions": "sanction",
    "expulsion": "expel",
    "deportation": "deport",
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
    "investigation": "investigate",
    "probe": "investigate",
}
"""Nouns and the verbs they name: "the meeting" and "met" can be one event."""


def _lemma(d: Draft) -> str:
    lemma = d.cand.trigger.lemma_.lower()
    return _FAMILIES.get(lemma, lemma)


def _same_time(now: Draft, other: Draft) -> bool:
    """An undated event said to be under way or ahead is not one dated long before."""
    if now.when.basis != "published" or now.status not in ("planned", "ongoing"):
        return True
    if other.when.basis == "published":
        return True
    return (now.when.start - other.when.end).days <= 7


def _same_kind(empty: Draft, other: Draft) -> bool:
    """An event naming nobody joins one of the same word, or the same mode."""
    if _lemma(empty) == _lemma(other):
        return True
    if empty.mode is not None and empty.mode == other.mode:
        return True
    return empty.mode is None and other.mode is None and empty.cameo == other.cameo


def absorb(keep: Draft, other: Draft) -> None:
    """Fold ``other`` into ``keep``: arguments, the better date and place, the mentions."""
    for aid in other.args.actors:
        if aid not in keep.args.actors and aid not in keep.args.recipients:
            keep.args.actors.append(aid)
    for aid in other.args.recipients:
        if aid not in keep.args.recipients and aid not in keep.args.actors:
            keep.args.recipients.append(aid)
    keep.args.phrases = keep.args.phrases or other.args.phrases
    if _better_when(other.when, keep.when):
        keep.when = other.when
    if _WHERE_RANK[other.where_basis] < _WHERE_RANK[keep.where_basis]:
        keep.where, keep.where_basis = other.where, other.where_basis
    if keep.mode is None and other.mode is not None:
        keep.mode, keep.cameo = other.mode, other.cameo
    if keep.status != other.status and (
        (keep.bare and not other.bare) or (other.status_said and not keep.status_said)
    ):
        keep.status = other.status
        keep.status_said = other.status_said
    both = {keep.status, other.status}
    if keep.cand.durative and "ongoing" in both and both <= {"ongoing", "occurred"}:
        keep.status = "ongoing"
    keep.mentions.append(Mention(trigger=other.trigger, sentence=other.sentence))
    keep.mentions.extend(other.mentions)
    keep.mentions.sort(key=lambda m: m.trigger.start)
    keep.merged += 1 + other.merged
    keep.tokens |= other.tokens
    keep.triggers += other.triggers


def _better_when(new: When, old: When) -> bool:
    if _BASIS_RANK[new.basis] != _BASIS_RANK[old.basis]:
        return _BASIS_RANK[new.basis] < _BASIS_RANK[old.basis]
    return _PRECISION_RANK[new.precision] < _PRECISION_RANK[old.precision]


def _weight(d: Draft) -> tuple[int, int, int, int]:
    """Which of two mentions is the event's main one: the one that says most."""
    return (
        len(d.args.actors) + len(d.args.recipients),
        -_BASIS_RANK[d.when.basis],
        int(not d.bare),
        -d.trigger.start,
    )


def merge(
    drafts: list[Draft], actors: dict[str, Actor], places: dict[str, Place] | None = None
) -> list[Draft]:
    """Merge drafts of the same event, in text order; the fullest mention leads."""
    out: list[Draft] = []
    for draft in drafts:
        target = None
        for old in reversed(out):
            if compatible(old, draft, actors, places):
                target = old
                break
        if target is None:
            out.append(draft)
            continue
        if _weight(draft) > _weight(target):
            index = out.index(target)
            absorb(draft, target)
            out[index] = draft
        else:
            absorb(target, draft)
    return out
