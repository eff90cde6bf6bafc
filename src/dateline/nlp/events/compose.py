"""Find the events a parsed sentence reports: triggers, frames and light verbs combined.

One predicate chain yields one event. "Iran threatened to launch a new offensive" is a
THREATEN (mode violence), not a THREATEN and an ASSAULT; "Serbia lifted a night curfew"
is a CONCEDE, not a COERCE; "India and China held talks" is a CONSULT whose trigger is
"talks" and whose arguments come from "held". Each :class:`Candidate` records the trigger
word, the predicate whose subject and objects are its arguments, and how it was built.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dateline.model import EVENT_TYPES
from dateline.nlp.events.classifier import type_classifier
from dateline.nlp.events.lexicon import (
    ASPECT_VERBS,
    FRAMES,
    HUNGER_STRIKE,
    IDIOMS,
    INTENT_ADJECTIVES,
    LABOUR_MODIFIERS,
    LABOUR_STRIKE,
    LIGHT,
    MILITARY_STRIKE_MODIFIERS,
    NOT_EVENT_MODIFIERS,
    NOUNS,
    PHRASAL,
    SPEECH_VERBS,
    VERBS,
    NounSense,
    TriggerType,
    _t,
    verb_lemma,
)
from dateline.nlp.events.ontology import COOPERATIVE, MATERIAL_HOSTILE
from dateline.nlp.events.words import words


@dataclass
class Candidate:
    """One event found in a sentence, before arguments, date and place are attached."""

    trigger: Token
    """The word that reports the event (the noun of "held talks")."""
    pred: Token | None
    """The clause predicate whose subject and objects are the arguments; None for a bare
    noun ("India's strikes on ...")."""
    sense: TriggerType
    how: str
    """How it was found: verb, phrasal, idiom, noun, light, frame:<name>, speech-must."""
    frame: Token | None = None
    """The frame verb that gave the type ("threatened" in "threatened to ban")."""
    content: Token | None = None
    """The complement the frame or light verb governs, if any."""
    parts: list[Token] = field(default_factory=list)
    """Further words of the trigger (particle, light verb) for provenance."""
    durative: bool = False
    standalone: bool = True
    """False: the noun may only be a further mention of an event found elsewhere."""
    subject_is_recipient: bool = False
    """"X was put under investigation": the subject undergoes the event."""
    recipient_hint: Token | None = None
    """A token whose actor is the recipient (the subject of "Sudan must return ...")."""
    passive: bool = False
    """The predicate is a passive participle ("an agreement signed by X")."""

    @property
    def type(self) -> str:
        return self.sense.type

    @property
    def tokens(self) -> set[int]:
        ids = {self.trigger.i, *(t.i for t in self.parts)}
        if self.pred is not None:
            ids.add(self.pred.i)
        if self.frame is not None:
            ids.add(self.frame.i)
        return ids


# Heads that stand for their "of" complement: "10 days of war games", "a state of emergency".
_OF_CARRIERS = frozenset(
    words(
        "state round rounds series wave spate number campaign process part resumption continuation "
        "day days week weeks hour hours month months year years kind sort type set package "
        "programme program plan plans threat threats dollar dollars euro euros million millions "
        "billion billions ton tons tonne tonnes kg kilogram kilograms worth thousand thousands "
        "hundred hundreds dozen dozens score scores portion share batch consignment amount amounts "
        "quantity quantities lot lots"
    )
)
# Nominal light verbs: "the lifting of sanctions", "a suspension of air links".
_NOMINAL_LIGHT: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        words(
            "lifting easing removal end ending suspension halt halting cessation cancellation "
            "withdrawal severance freezing cut cuts reduction"
        ),
        ("end",),
    ),
    **dict.fromkeys(["imposition", "introduction", "reimposition"], ("impose",)),
    **dict.fromkeys(["signing", "ratification", "conclusion"], ("sign",)),
    **dict.fromkeys(["resumption", "launch", "start", "holding", "staging"], ("do",)),
    **dict.fromkeys(["delivery", "provision", "supply", "shipment", "dispatch"], ("give",)),
    **dict.fromkeys(["deployment"], ("deploy",)),
    **dict.fromkeys(["return", "entry", "arrival"], ("admit",)),
}
_SPEECH_NOUNS = frozenset(
    words(
        "reminder statement declaration message warning call demand insistence position letter "
        "note appeal communique ultimatum"
    )
)
_PREP_CLASSES: dict[tuple[str, str], tuple[str, ...]] = {
    ("go", "on"): ("do",),
    ("agree", "to"): ("reach",),
    ("agree", "on"): ("reach",),
    ("agree", "upon"): ("reach",),
    ("call", "for"): ("request",),
    ("appeal", "for"): ("request",),
    ("ask", "for"): ("request",),
    ("press", "for"): ("request",),
    ("push", "for"): ("request",),
    ("insist", "on"): ("request",),
    ("take", "in"): ("do",),
    ("take", "part"): ("do",),
    ("pull", "out"): ("end",),
    ("withdraw", "from"): ("end",),
    ("break", "off"): ("end",),
    ("call", "off"): ("end",),
    ("warn", "of"): ("threaten",),
}
_GATHER_VERBS = frozenset(
    words("converge gather assemble congregate pour flock march turn take participate")
)
_SUPPRESS_VERBS = frozenset(
    words("prevent thwart foil disrupt suppress quell crush break disperse ban prohibit")
)
_PEOPLE = frozenset(
    words(
        "people person civilian civilians resident residents citizen citizens national nationals "
        "villager villagers refugee refugees prisoner prisoners detainee detainees hostage "
        "hostages captive captives worker workers staff wounded injured child children woman women "
        "man men student students protester protesters demonstrator demonstrators activist "
        "activists journalist journalists member members leader leaders official officials soldier "
        "soldiers migrant migrants passenger passengers family families crowd crowds observer "
        "observers advisers adviser"
    )
)
_TERRITORY = frozenset(
    words(
        "town towns city cities village villages territory territories stronghold strongholds base "
        "bases position positions hill hills airport port province region area areas district "
        "districts capital outpost outposts border crossing bridge island islands enclave zone"
    )
)
_WEAPON_OBJECTS = frozenset(
    words(
        "shot shots round rounds bullet bullets rocket rockets missile missiles shell shells "
        "mortar mortars gas grenade grenades salvo salvos volley volleys weapon weapons gun guns "
        "artillery bomb bombs drone drones cannon cannons projectile projectiles"
    )
)
_CHANGE_NOUNS = frozenset(
    words(
        "election elections reform reforms resignation removal ouster independence referendum "
        "democracy democratization rights freedom freedoms constitution change changes statehood "
        "autonomy self-determination recognition admission"
    )
)
_YIELD_NOUNS = frozenset(
    words(
        "release return lifting easing end withdrawal ceasefire cease-fire truce handover "
        "evacuation"
    )
)


def _lemma(tok: Token) -> str:
    if tok.pos_ in ("VERB", "AUX"):
        return verb_lemma(tok.lower_, tok.lemma_)
    return tok.lemma_.lower()


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _object(verb: Token) -> Token | None:
    """The verb's direct object, or its passive subject ("talks were held")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive:
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return c
    return None


_MONEY = frozenset(
    ["dollar", "dollars", "euro", "euros", "million", "millions", "billion", "billions", "worth"]
)


def _carried(noun: Token) -> Token:
    """'10 days of war games' → games; 'a state of emergency' → emergency; '20 million
    dollars in aid' → aid."""
    for _ in range(2):
        if _lemma(noun) not in _OF_CARRIERS:
            break
        preps = ("of", "in") if _lemma(noun) in _MONEY else ("of",)
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if pobj is None:
            break
        noun = pobj
    return noun


def _noun_key(noun: Token) -> str:
    """The lexicon key of a noun, trying a modifier + noun compound first."""
    lemma = _lemma(noun)
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.i == noun.i - 1:
            key = f"{_lemma(child)} {lemma}"
            if key in NOUNS:
                return key
            key = f"{child.lower_} {noun.lower_}"
            if key in NOUNS:
                return key
    if noun.lower_ in NOUNS and lemma not in NOUNS:
        return noun.lower_
    return lemma


_NOT_EVENT_ENTITIES = frozenset(
    {"DATE", "TIME", "PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_GENERIC_HEADS = frozenset(
    words(
        "mission missions process operation operations effort efforts campaign drive programme "
        "program bid round rounds"
    )
)


def noun_entry(noun: Token) -> NounSense | None:
    """The lexicon entry of an event noun in context, or None."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.ent_type_ in _NOT_EVENT_ENTITIES:
        return None
    key = _noun_key(noun)
    entry = NOUNS.get(key)
    if (entry is None or entry.sense is None) and _lemma(noun) in _GENERIC_HEADS:
        for child in noun.children:
            if child.dep_ == "compound" and child.i < noun.i and not child.ent_type_:
                inner = NOUNS.get(_lemma(child))
                if inner is not None and (inner.sense is not None or entry is None):
                    entry = inner
                    break
    if entry is None:
        return None
    mods = {_lemma(c) for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    if mods & NOT_EVENT_MODIFIERS:
        return None
    lemma = _lemma(noun)
    if lemma in ("exercise", "exercises", "drill", "drills") and not mods & {
        "military",
        "naval",
        "joint",
        "air",
        "war",
        "live-fire",
        "combat",
        "army",
        "missile",
    }:
        return None
    if lemma == "deal" and mods & {"great", "good"}:
        return None
    if lemma in ("charge", "charges") and noun.head.lower_ == "in":
        return None
    if lemma == "release" and not _release_of_people(noun):
        return None
    if lemma in ("withdrawal", "pullout", "pull-out", "pullback") and not _military_withdrawal(
        noun
    ):
        return None
    if lemma in ("march", "rally") and noun.ent_type_:
        return None
    return entry


def _military_withdrawal(noun: Token) -> bool:
    """'the withdrawal of troops', 'Israel's withdrawal from Gaza' — not 'net
    withdrawals in francs'."""
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")):
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            for pobj in c.children:
                found = NOUNS.get(_lemma(pobj))
                if found is not None and found.kind in ("force", "mission"):
                    return True
                if c.lower_ == "from" and pobj.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
                    return True
                if _lemma(pobj) in _TERRITORY:
                    return True
    return False


def _release_of_people(noun: Token) -> bool:
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if _lemma(pobj) in _PEOPLE or pobj.ent_type_ in ("PERSON", "NORP"):
                    return True
    return any(_lemma(c) in _PEOPLE for c in noun.children if c.dep_ == "compound")


def strike_sense(noun: Token, verb: Token | None, sentence: str = "") -> TriggerType | None:
    """A labour strike or a military one, from its modifiers and the verb that governs it."""
    key = _noun_key(noun)
    if key in ("hunger strike",):
        return HUNGER_STRIKE
    if key in ("general strike",):
        return LABOUR_STRIKE
    mods = {_lemma(c) for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
    mods |= {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
    if mods & MILITARY_STRIKE_MODIFIERS:
        mode = "drone" if "drone" in mods else "aerial"
        return _t("ASSAULT", mode, "195")
    if mods & LABOUR_MODIFIERS:
        return LABOUR_STRIKE
    if verb is not None:
        lemma = _lemma(verb)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and (_lemma(subj) in _WORKERS or subj.lower_ in _WORKERS):
            return LABOUR_STRIKE
        if lemma in _LABOUR_VERBS:
            return LABOUR_STRIKE
        if lemma in ("carry", "launch", "conduct", "order", "authorize", "mount", "unleash"):
            return _t("ASSAULT", None, "190")
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "against"):
            return _t("ASSAULT", None, "190")
        if prep.dep_ == "prep" and prep.lower_ in ("over", "for"):
            return LABOUR_STRIKE
    # No cue in the words around it: let the sentence classifier rank the two readings.
    model = type_classifier()
    text = sentence or noun.sent.text
    if model is not None and model.rank(text, ("ASSAULT", "PROTEST"))[0] == "PROTEST":
        return LABOUR_STRIKE
    return _t("ASSAULT", None, "190") if model is not None else None


_WORKERS = frozenset(
    words(
        "worker workers union unions teacher teachers nurse nurses doctor doctors miner miners "
        "driver drivers pilot pilots employee employees staff student students farmer farmers "
        "trucker truckers docker dockers civil servants servant servants railway"
    )
)
_LABOUR_VERBS = frozenset(
    words(
        "stage go call observe join declare end strike continue begin start hold resume extend "
        "suspend announce threaten organize organise"
    )
)


def _noun_sense(
    noun: Token, verb: Token | None = None
) -> tuple[NounSense, TriggerType | None] | None:
    entry = noun_entry(noun)
    if entry is None:
        return None
    sense = entry.sense
    if _lemma(noun) in ("strike", "strikes") and _noun_key(noun) not in (
        "air strike",
        "air_strike",
    ):
        sense = strike_sense(noun, verb)
        if sense is not None and sense.type == "PROTEST":
            entry = NounSense(sense, "protest", True)
    if sense is None and _lemma(noun) in ("charge", "charges") and _criminal(noun):
        sense = _t("ACCUSE", "allege", "1121")  # "criminal charges against X"
    return entry, sense


def _criminal(noun: Token) -> bool:
    mods = {_lemma(c) for c in noun.children if c.dep_ in ("amod", "compound")}
    if mods & {"criminal", "corruption", "murder", "terrorism", "treason", "fraud", "espionage"}:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "against" for c in noun.children)


class Composer:
    """Candidates of one sentence. ``actor_of`` tells whether a token is a coded actor."""

    def __init__(self, sent: Span, actor_of: dict[int, str]) -> None:
        self.sent = sent
        self.actor_of = actor_of
        self.memo: dict[int, Candidate | None] = {}
        self.consumed: set[int] = set()
        self.silenced: set[int] = set()

    # -- entry point -------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        for tok in self.sent:
            self.analyse(tok)
        found = [c for i, c in self.memo.items() if c is not None and i not in self.consumed]
        found = _drop_purposes(found)
        # One event per trigger word: a noun analysed alone and as a light verb's object
        # keeps the composed reading.
        seen: dict[int, Candidate] = {}
        for c in sorted(found, key=lambda c: (c.trigger.i, c.how.startswith("noun"))):
            seen.setdefault(c.trigger.i, c)
        return sorted(seen.values(), key=lambda c: c.trigger.i)

    def consume(self, cand: Candidate | None) -> None:
        if cand is None:
            return
        self.consumed.add(cand.trigger.i)
        if cand.pred is not None:
            self.consumed.add(cand.pred.i)

    def consume_under(self, head: Token | None) -> None:
        """Events inside a complement or an event noun's phrase are its content ("demanded
        the withdrawal of forces", "talks on the release of prisoners"), not events of
        their own; clauses with a subject of their own are left alone."""
        if head is None:
            return
        stack = [c for c in head.children if not _own_clause(c) and not _adjunct(c)]
        while stack:
            tok = stack.pop()
            if tok.i != head.i:
                self.consumed.add(tok.i)
            stack += [c for c in tok.children if not _own_clause(c) and not _adjunct(c)]

    # -- one token -----------------------------------------------------------------------
    def analyse(self, tok: Token) -> Candidate | None:
        if tok.i in self.memo:
            return self.memo[tok.i]
        self.memo[tok.i] = None  # guards against cycles
        result: Candidate | None = None
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and _lemma(tok) in ("opposed",)):
            result = self._verb(tok)
        elif tok.pos_ == "ADJ" and _lemma(tok) in INTENT_ADJECTIVES:
            result = self._intent_adjective(tok)
        elif (
            tok.pos_ in ("NOUN", "PROPN") and tok.i not in self.actor_of and tok.dep_ != "compound"
        ):
            result = self._noun(tok)
        self.memo[tok.i] = result
        return result

    def _verb(self, verb: Token) -> Candidate | None:
        lemma = _lemma(verb)
        if lemma == "opposed":
            lemma = "oppose"
        for step in (
            self._speech_must,
            self._noun_must,
            self._under,
            self._idiom,
            self._light,
            self._frame,
            self._special,
            self._phrasal,
        ):
            found = step(verb, lemma)
            if verb.i in self.silenced:
                return None
            if found is not None:
                if found.pred is verb and _agentless(verb):
                    return None  # "the rainy season cuts off roads", "the pact calls on"
                return found
        sense = VERBS.get(lemma)
        if lemma == "plead" and any(c.lower_ in ("guilty", "innocent") for c in verb.children):
            return None  # a plea in court
        if sense is None or verb.pos_ == "AUX" or FRAMES.get(lemma) == "refuse":
            return None  # a refusal is read through its frame ("declined to comment")
        if verb.dep_ in ("amod", "compound") and verb.i > 0 and verb.doc[verb.i - 1].text == "-":
            return None  # "Pakistan-backed", "US-led": a description, not an event
        if lemma in _COMBAT_VERBS and not self._combat(verb, lemma):
            return None
        if _agentless(verb):
            return None
        return Candidate(trigger=verb, pred=verb, sense=sense, how="verb")

    def _combat(self, verb: Token, lemma: str) -> bool:
        """'Cubs beat the Indians', 'seven people were killed when a tram derailed': not
        assaults. A combat verb needs a violent context, and killing needs an agent or
        a weapon."""
        sent = self.sent
        if verb.dep_ == "xcomp" and FRAMES.get(_lemma(verb.head)) in ("intent", "threat"):
            return True  # "vowed to fight", "threatened to kill": said, not played
        others = {t.lower_ for t in sent if t.i != verb.i} | {
            t.lemma_.lower() for t in sent if t.i != verb.i
        }
        if not others & _VIOLENCE:
            return False
        if lemma in ("kill", "wound", "injure", "maim"):
            agent = any(c.dep_ in ("nsubj", "agent") for c in verb.children)
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
            if passive or verb.dep_ in ("acl", "amod") or not agent:
                weapons = {t.lower_ for t in verb.subtree} | {
                    t.lemma_.lower() for t in verb.subtree
                }
                return bool(weapons & (_VIOLENCE - {"killed", "wounded", "civilians"}))
        return True

    # -- speech with an obligation: "Russia said Sudan must return the helicopter" --------
    def _speech_must(self, verb: Token, lemma: str) -> Candidate | None:
        if lemma not in SPEECH_VERBS:
            return None
        for comp in _children(verb, "ccomp"):
            modals = {c.lower_ for c in comp.children if c.dep_ == "aux"}
            if not modals & {"must", "should"} and not _has_to(comp):
                continue
            subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if speaker is None and verb.dep_ == "advcl":
                speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if subj is None or speaker is None or not _named(subj, self.actor_of):
                continue
            inner = self.analyse(comp)
            self.consume(inner)
            sense = self._request_sense(inner, comp)
            return Candidate(
                trigger=comp if inner is None else inner.trigger,
                pred=verb,
                sense=sense,
                how="speech-must",
                frame=verb,
                content=comp,
                recipient_hint=subj,
            )
        return None

    def _noun_must(self, verb: Token, lemma: str) -> Candidate | None:
        """'issued a stern reminder to Iraq that it must cooperate'."""
        if not {c.lower_ for c in verb.children if c.dep_ == "aux"} & {"must", "should"}:
            return None
        head = verb.head
        if verb.dep_ not in ("acl", "ccomp", "relcl", "appos") or head.pos_ != "NOUN":
            return None
        if _lemma(head) not in _SPEECH_NOUNS:
            return None
        gov = head.head if head.head.pos_ in ("VERB", "AUX") else None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        sense = _t("REQUEST", _yield_mode(VERBS.get(lemma), verb), None)
        return Candidate(
            trigger=verb,
            pred=gov or verb,
            sense=sense,
            how="speech-must",
            frame=gov,
            content=verb,
            recipient_hint=subj,
        )

    # -- frames ------------------------------------------------------------------------------
    def _complement(self, verb: Token) -> Token | None:
        for dep in ("xcomp",):
            for c in verb.children:
                if c.dep_ == dep:
                    return c
        for prep in _children(verb, "prep"):
            if prep.lower_ in ("of", "for", "to", "on", "against", "from", "upon", "about"):
                for c in prep.children:
                    if c.dep_ in ("pcomp", "pobj"):
                        return c
        for c in verb.children:
            # A clause before the verb is reported speech ("X did Y, officials told AFP").
            if c.dep_ == "ccomp" and c.i > verb.i and _lemma(verb) not in ("tell",):
                return c
        for c in verb.children:
            if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return c
        obj = _object(verb)
        if obj is not None:
            inner = _carried(obj)
            for t in (inner, *inner.conjuncts):
                if self.analyse(t) is not None:
                    return t
            # "called on Arabs to unite": the complement hangs off the object.
            for c in obj.children:
                if c.dep_ in ("xcomp", "acl", "relcl") and c.tag_ == "VB":
                    return c
            return inner
        return None

    def _inner(self, comp: Token | None) -> Candidate | None:
        """The event a complement reports; of coordinated complements ("to unite and
        mobilize against X"), a hostile one first."""
        if comp is None:
            return None
        found = [c for c in (self.analyse(t) for t in (comp, *comp.conjuncts)) if c is not None]
        if not found:
            return None
        for c in found[1:]:
            self.consume(c)
        return next((c for c in found if _is_hostile(c.sense)), found[0])

    def _frame(self, verb: Token, lemma: str) -> Candidate | None:
        frame = FRAMES.get(lemma)
        if frame is None:
            return None
        if lemma == "swear" and any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children):
            return None  # "sworn in": an inauguration
        comp = self._complement(verb)
        inner = self._inner(comp)
        if frame == "transparent":
            if inner is None or comp is None or comp.dep_ not in ("xcomp", "ccomp", "advcl"):
                return None
            self.consume(inner)
            return inner
        if comp is not None and comp.pos_ in ("NOUN", "PROPN") and inner is None:
            comp_noun = _noun_sense(comp)
            if comp_noun is not None and comp_noun[1] is None:
                inner = None  # an offer, aid, support: no event of its own
        sense = self._frame_sense(frame, lemma, verb, comp, inner)
        if sense is None:
            return None
        self.consume(inner)
        if comp is not None and frame not in ("transparent", "decide"):
            self.consumed.add(comp.i)
            self.consume_under(comp)
            for sibling in verb.children:  # "agreed to re - open": one complement, split
                if sibling.dep_ == "xcomp" and sibling.i != comp.i:
                    self.consume(self.analyse(sibling))
                    self.consumed.add(sibling.i)
        trigger = verb
        return Candidate(
            trigger=trigger,
            pred=verb,
            sense=sense,
            how=f"frame:{frame}",
            frame=verb,
            content=comp,
            parts=[],
        )

    def _frame_sense(
        self,
        frame: str,
        lemma: str,
        verb: Token,
        comp: Token | None,
        inner: Candidate | None,
    ) -> TriggerType | None:
        inner_sense = inner.sense if inner is not None else None
        negated = comp is not None and any(c.dep_ == "neg" for c in comp.children)
        if frame == "intent":
            offered = _object(verb)
            bare_offer = lemma == "offer" and offered is not None and _offerable(offered)
            if (
                lemma in ("commit", "offer", "propose", "guarantee")
                and comp is None
                and not bare_offer
            ):
                return None
            if (
                lemma == "commit"
                and comp is not None
                and comp.dep_ not in ("xcomp", "pcomp", "pobj")
            ):
                return None
            if negated and (inner_sense is None or inner_sense.type in COOPERATIVE):
                return _t("REJECT", _yield_mode(inner_sense, comp), None)
            if inner_sense is not None and lemma != "agree" and _is_hostile(inner_sense):
                return _t("THREATEN", _threat_mode(inner_sense), None)
            if lemma == "propose" and inner_sense is None:
                return None
            return _t("AGREE", None, _intent_cameo(inner_sense))
        if frame == "request":
            if lemma in _WEAK_REQUESTS and comp is not None and comp.dep_ not in _CONTROL:
                comp, inner, inner_sense = None, None, None
            if lemma == "plead" and any(c.lower_ in ("guilty", "innocent") for c in verb.subtree):
                return None  # a plea in court
            if lemma in _WEAK_REQUESTS and inner_sense is None:
                obj = _object(verb)
                controlled = (
                    comp is not None
                    and comp.dep_ in ("xcomp", "advcl")
                    and obj is not None
                    and (
                        obj.i in self.actor_of or obj.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
                    )
                )
                if not controlled:
                    return None
            return self._request_sense(inner, comp)
        if frame == "refuse":
            if comp is not None and comp.dep_ == "pobj" and lemma in ("decline", "refuse"):
                comp = None  # "shipments declined to 37,200 tonnes"
            if comp is None and not _object(verb):
                return None  # "opportunities are declining"
            if comp is not None and _lemma(comp) in _NO_COMMENT and not _answers_something(comp):
                return None  # "declined to comment": a statement, not a refusal
            return _t("REJECT", _yield_mode(inner_sense, comp), None)
        if frame == "threat":
            if lemma == "warn":
                dobj = _object(verb)
                targeted = dobj is not None and dobj.i in self.actor_of
                tolerance = comp is not None and _has_negated_tolerance(comp)
                if inner_sense is None and not targeted and not tolerance:
                    return None
            return _t("THREATEN", _threat_mode(inner_sense), None)
        if frame == "accuse":
            if lemma == "charge" and comp is None:
                return None
            if lemma in ("denounce", "condemn", "criticize", "criticise"):
                return VERBS[lemma]
            return _t("ACCUSE", "allege", "112")
        if frame == "praise":
            if lemma == "welcome":
                dobj = _object(verb)
                guest = dobj is not None and (dobj.ent_type_ == "PERSON" or dobj.i in self.actor_of)
                if guest and inner_sense is None:
                    return _t("CONSULT", "visit", "043")
            if lemma == "defend":
                return _t("SUPPORT", None, "052")
            return _t("SUPPORT", None, "051")
        if frame == "transparent":
            return inner_sense
        if frame == "decide":
            if lemma == "order" and comp is not None and _lemma(comp) in _LEAVE:
                # "ordered Indian defence advisers to leave": an expulsion.
                ordered = _object(verb)
                envoys = ordered is not None and (
                    (noun_entry(ordered) is not None and noun_entry(ordered).kind == "mission")  # type: ignore[union-attr]
                    or _lemma(ordered) in ("adviser", "advisers", "attache", "attaches")
                )
                return _t("SANCTION", "expel", "166") if envoys else _t("COERCE", "deport", "174")
            if inner_sense is None:
                if lemma == "order" and _object(verb) is not None and comp is not None:
                    obj = _object(verb)
                    if obj is not None and (obj.i in self.actor_of or obj.ent_type_):
                        return _t("REQUEST", None, "100")
                if lemma in ("approve", "endorse"):
                    return _t("SUPPORT", None, "051")
                return None
            if (
                lemma == "order"
                and not _is_hostile(inner_sense)
                and inner_sense.type in COOPERATIVE
            ):
                return _t("REQUEST", _yield_mode(inner_sense, comp), None)
            return inner_sense
        if frame == "prepare":
            if inner_sense is None:
                return None
            if inner_sense.type == "ASSAULT":
                weapons = inner_sense.mode in ("heavy-weapons", "aerial", "drone", "explosives")
                return _t("MOBILIZE", "weapons" if weapons else "troops", None)
            return None
        return None

    def _request_sense(self, inner: Candidate | None, comp: Token | None) -> TriggerType:
        """What is asked for decides: a ceasefire, talks, aid → REQUEST; calling for
        punishment of a third party ("called for sanctions against Nigeria", "called on
        Arabs to mobilize against X") disapproves of that party → ACCUSE."""
        sense = inner.sense if inner is not None else None
        if sense is not None and sense.type in _PUNITIVE:
            return _t("ACCUSE", "disapprove", "111")
        return _t("REQUEST", _yield_mode(sense, comp), None)

    def _intent_adjective(self, adj: Token) -> Candidate | None:
        comp = next((c for c in adj.children if c.dep_ == "xcomp"), None)
        if comp is None:
            return None
        inner = self.analyse(comp)
        sense: TriggerType
        if inner is not None and _is_hostile(inner.sense):
            sense = _t("THREATEN", _threat_mode(inner.sense), None)
        else:
            sense = _t("AGREE", None, _intent_cameo(inner.sense if inner else None))
        self.consume(inner)
        pred = adj.head if adj.dep_ == "acomp" else adj
        return Candidate(trigger=adj, pred=pred, sense=sense, how="frame:intent", frame=adj)

    # -- "X was put under investigation", "the town is under siege" --------------------------
    def _under(self, verb: Token, lemma: str) -> Candidate | None:
        for prep in _children(verb, "prep"):
            if prep.lower_ != "under":
                continue
            for pobj in _children(prep, "pobj"):
                found = _noun_sense(pobj)
                if found is None or found[1] is None or found[0].kind not in _UNDER_KINDS:
                    continue
                self.consumed.add(pobj.i)
                return Candidate(
                    trigger=pobj,
                    pred=verb,
                    sense=found[1],
                    how="light",
                    parts=[verb],
                    durative=found[0].durative,
                    subject_is_recipient=True,
                )
        return None

    # -- light verbs ---------------------------------------------------------------------------
    def _light(self, verb: Token, lemma: str) -> Candidate | None:
        classes = LIGHT.get(lemma, ())
        if lemma in _GATHER_VERBS:
            classes = (*classes, "do")
        if lemma in _SUPPRESS_VERBS:
            classes = (*classes, "suppress")
        for prt in _children(verb, "prt"):
            classes = _PREP_CLASSES.get((lemma, prt.lower_), classes)
        targets: list[tuple[Token, tuple[str, ...]]] = []
        obj = _object(verb)
        if obj is not None and classes:
            targets.append((_carried(obj), classes))
            targets += [(_carried(c), classes) for c in obj.conjuncts]
        for prep in _children(verb, "prep", "prt"):
            restricted = _PREP_CLASSES.get((lemma, prep.lower_))
            if (
                restricted is None
                and lemma in _GATHER_VERBS
                and prep.lower_ in ("for", "in", "into")
            ):
                restricted = ("do",)
            if restricted is None:
                continue
            for pobj in _children(prep, "pobj"):
                targets.append((_carried(pobj), restricted))
        for target, target_classes in targets:
            found = self._light_target(verb, lemma, target_classes, target)
            if found is not None:
                return found
        return None

    def _light_target(
        self, verb: Token, lemma: str, classes: tuple[str, ...], target: Token
    ) -> Candidate | None:
        nominal = _NOMINAL_LIGHT.get(_lemma(target))
        if nominal is not None:
            of = next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if inner is not None:
                inner_found = _noun_sense(inner, verb)
                if inner_found is not None:
                    for cls in nominal:
                        sense = _light_sense(cls, _lemma(target), inner, *inner_found)
                        outer = [c for c in classes if c in _VERBAL_CLASSES]
                        if sense is not None and outer:
                            # "opposed the deployment of a peacekeeping force": the
                            # refusal of what the noun phrase names.
                            sense = _light_sense(outer[0], lemma, inner, inner_found[0], sense)
                        if sense is not None:
                            self.consumed.update({target.i, inner.i})
                            self.consume_under(inner)
                            return Candidate(
                                trigger=target,
                                pred=verb,
                                sense=sense,
                                how="light",
                                parts=[verb, inner],
                                durative=inner_found[0].durative,
                            )
        found = _noun_sense(target, verb)
        if found is None:
            return None
        entry, own = found
        for cls in classes:
            sense = _light_sense(cls, lemma, target, entry, own)
            if sense is None:
                continue
            if cls == "give" and lemma in ("pledge", "promise", "offer"):
                sense = _t("AGREE", None, "033")
            sense = _joint(sense, target, verb)
            self.consumed.add(target.i)
            self.consume_under(target)
            # "held talks": the talks are the event; "condemned the attack", "lifted the
            # curfew": the verb is, and the noun what it is about.
            verbal = cls not in ("do", "impose", "sign", "give", "deploy") or (
                own is not None and own.type != sense.type and cls != "sign"
            )
            return Candidate(
                trigger=verb if verbal else target,
                pred=verb,
                sense=sense,
                how="light",
                parts=[target] if verbal else [verb],
                content=target if verbal else None,
                durative=entry.durative and cls in ("do", "impose"),
            )
        return None

    # -- verbs whose sense depends on their object ----------------------------------------
    def _none(self, verb: Token) -> Candidate | None:
        """No event, and no other reading of this verb either."""
        self.silenced.add(verb.i)
        return None

    def _special(self, verb: Token, lemma: str) -> Candidate | None:
        obj = _object(verb)
        if obj is not None:
            obj = _carried(obj)
        obj_lemma = _lemma(obj) if obj is not None else ""
        preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt")}
        sense: TriggerType | None = None
        if lemma in ("fire", "launch"):
            aimed = preps & {"on", "at", "into", "upon", "toward", "towards", "against"}
            if obj_lemma in _WEAPON_OBJECTS or (lemma == "fire" and aimed):
                mode = "heavy-weapons" if obj_lemma in _HEAVY else "firearms"
                if obj_lemma in ("drone", "drones"):
                    mode = "drone"
                if obj_lemma in ("gas", "cannon", "cannons", "bullet", "bullets") and any(
                    _lemma(c) in ("tear", "water", "rubber")
                    for c in obj.children  # type: ignore[union-attr]
                ):
                    mode = "crowd-control"
                sense = _t("ASSAULT", mode, None)
        elif lemma == "hold":
            entry = NOUNS.get(obj_lemma)
            kind = entry.kind if entry is not None else None
            people = (
                obj is not None
                and kind not in ("agreement", "offer", "meeting", "restriction")
                and (obj_lemma in _PEOPLE or obj.ent_type_ in ("PERSON", "NORP"))
            )
            if people and (preps & {"as", "in", "incommunicado"} or obj_lemma in _PEOPLE):
                sense = _t("COERCE", "arrest", "173")
        elif lemma in ("capture", "seize", "take", "overrun", "recapture", "retake"):
            if obj_lemma in _TERRITORY or (
                obj is not None and obj.ent_type_ in ("GPE", "LOC", "FAC")
            ):
                sense = _t("ASSAULT", None, "190")
            elif lemma == "capture" and obj is not None:
                sense = _t("COERCE", "arrest", "173")
        elif lemma == "evacuate":
            if obj is not None and (
                obj_lemma in _PEOPLE or obj.lower_ in _PEOPLE or obj.i in self.actor_of
            ):
                sense = _t("AID", None, "073")
            elif obj is not None:
                sense = _t("RETREAT", "withdraw", "0874")
        elif lemma == "arrive":
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                subj = _carried(subj)
                head = _lemma(subj)
                mods = {_lemma(c) for c in subj.subtree}
                if mods & {"peacekeeping", "peacekeeper", "peacekeepers"}:
                    sense = _t("AID", None, "074")
                elif head in ("troop", "troops", "force", "forces", "soldier", "soldiers"):
                    sense = _t("MOBILIZE", "troops", "154")
                elif subj.ent_type_ == "PERSON" or subj.i in self.actor_of:
                    sense = _t("CONSULT", "visit", "042")
        elif lemma in ("travel", "fly", "head", "go"):
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            dest = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if (
                subj is not None
                and (subj.ent_type_ == "PERSON" or subj.i in self.actor_of)
                and dest is not None
                and dest.ent_type_ in ("GPE", "LOC", "FAC")
            ):
                sense = _t("CONSULT", "visit", "042")
        elif lemma in ("block", "barricade"):
            if obj is not None and obj_lemma in (
                words(
                    "road roads highway highways street streets transport traffic access entrance "
                    "entrances route routes railway bridge"
                )
            ):
                sense = _t("PROTEST", "obstruct", "144")
            elif obj is not None and obj_lemma in (
                "resolution",
                "bill",
                "motion",
                "proposal",
                "plan",
            ):
                sense = _t("REJECT", None, "129")
        elif lemma == "deny":
            if obj_lemma in ("entry", "visa", "visas", "access", "admittance", "passage"):
                sense = _t("SANCTION", None, "160")
        elif lemma in ("allow", "permit", "let"):
            comp = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
            inner = self.analyse(comp) if comp is not None else None
            if inner is not None:
                self.consume(inner)
                sense = inner.sense
            elif comp is not None and (
                obj is not None or any(c.dep_ == "nsubj" for c in comp.children)
            ):
                sense = _t("CONCEDE", None, "081")
        elif lemma == "accept":
            if obj is not None and _lemma(obj) in ("demand", "demands", "condition", "conditions"):
                sense = _t("CONCEDE", None, "083")
            elif obj is not None:
                found = _noun_sense(obj)
                if found is not None and found[0].kind == "offer":
                    sense = _t("AGREE", None, "030")
                else:
                    sense = _t("CONCEDE", None, "080")
        elif lemma == "meet":
            if obj is not None and obj.lower_ in ("demands", "conditions", "requests"):
                sense = _t("CONCEDE", None, "083")
            elif obj_lemma in _NOT_MEETINGS or obj_lemma in ("demand", "condition", "request"):
                return self._none(verb)  # "meet its capital needs", "meet current demand"
            elif any(c.dep_ == "nsubjpass" for c in verb.children) and not any(
                agentive(c) for c in verb.children if c.dep_ == "nsubjpass"
            ):
                return self._none(verb)  # "as soon as requirements are met"
        elif lemma in ("receive", "host"):
            guest = obj is not None and (
                obj.ent_type_ in ("PERSON", "NORP")
                or (obj.i in self.actor_of and obj.ent_type_ != "ORG")
                or obj_lemma in _VISITORS
            )
            if guest:
                sense = _t("CONSULT", "visit", "043")
        elif lemma in ("release", "free"):
            people = obj is not None and (
                obj_lemma in _PEOPLE
                or obj.lower_ in _PEOPLE
                or obj.ent_type_ in ("PERSON", "NORP")
                or (obj.i in self.actor_of and obj.ent_type_ == "PERSON")
            )
            if people:
                sense = _t("RETREAT", "release", "0841")
        elif lemma == "protest":
            # "Japan protested the decision" is a diplomatic complaint; people protesting
            # in the streets is a demonstration.
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            official = subj is not None and (
                subj.ent_type_ == "GPE"
                or _lemma(subj) in ("government", "ministry", "embassy", "administration")
                or any(_lemma(c) in ("government", "administration") for c in subj.subtree)
            )
            if official and (obj is not None or preps & {"against", "over"}):
                sense = _t("ACCUSE", "allege", "114")
            else:
                sense = _t("PROTEST", "demo", "141")
            if obj is not None:
                self.consumed.add(obj.i)
                self.consume_under(obj)  # what is protested is not an event of its own
        elif lemma == "disperse":
            if obj is not None and (
                obj_lemma in _PEOPLE or obj_lemma in ("crowd", "rally", "protest")
            ):
                sense = _t("ASSAULT", "crowd-control", "175")
        elif lemma == "force":
            if preps & {"out", "from"} or "out" in {c.lower_ for c in verb.subtree}:
                sense = _t("SANCTION", "expel", "166")
        elif lemma == "return":
            if (
                obj is not None
                and obj.ent_type_ not in ("GPE", "LOC", "FAC")
                and obj_lemma
                not in ("home", "power", "fire", "call", "calls", "favour", "favor", "visit")
            ):
                sense = _t("RETREAT", "return", "0842")
        elif lemma in ("strike", "hit"):
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            labour = subj is not None and (
                _lemma(subj) in LABOUR_MODIFIERS or _lemma(subj) in ("union", "unions", "staff")
            )
            if labour and obj is None:
                sense = LABOUR_STRIKE
            elif (
                (obj is not None or preps & {"at", "on", "against"})
                and verb.dep_ not in ("amod", "compound")
                and _violent(self.sent)
            ):
                sense = _t("ASSAULT", None, "190")
        elif lemma in ("deface",):
            sense = _t("COERCE", "cyber", "170")
        elif lemma in ("prohibit", "bar", "forbid"):
            sense = _t("COERCE", "ban", "1722")
        if sense is None:
            return None
        return Candidate(trigger=verb, pred=verb, sense=sense, how="verb")

    def _idiom(self, verb: Token, lemma: str) -> Candidate | None:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "prt", "attr")]
        for prep in _children(verb, "prep"):
            objs += _children(prep, "pobj")
        objs += [c for c in verb.children if c.dep_ == "advmod"]
        for obj in objs:
            for key in (f"{lemma} {_lemma(obj)}", f"{lemma} {obj.lower_}"):
                sense = IDIOMS.get(key)
                if sense is not None:
                    self.consumed.add(obj.i)
                    return Candidate(trigger=verb, pred=verb, sense=sense, how="idiom", parts=[obj])
        return None

    def _phrasal(self, verb: Token, lemma: str) -> Candidate | None:
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "advmod") and child.i > verb.i:
                sense = PHRASAL.get(f"{lemma} {child.lower_}")
                if sense is None:
                    continue
                if sense.type in ("REQUEST", "AGREE"):
                    comp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
                    pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                    if comp is None and pobj is not None:
                        comp = next(
                            (
                                c
                                for c in pobj.children
                                if c.dep_ in ("xcomp", "acl", "relcl") and c.tag_ == "VB"
                            ),
                            None,
                        )
                    if comp is None:
                        comp = pobj
                    inner = self._inner(comp)
                    self.consume(inner)
                    if sense.type == "REQUEST":
                        sense = self._request_sense(inner, comp)
                    elif inner is not None and inner.sense.type not in ("AGREE",):
                        sense = _t("AGREE", None, _intent_cameo(inner.sense))
                    return Candidate(
                        trigger=verb,
                        pred=verb,
                        sense=sense,
                        how="phrasal",
                        parts=[child],
                        content=comp,
                    )
                return Candidate(trigger=verb, pred=verb, sense=sense, how="phrasal", parts=[child])
        return None

    # -- nouns -------------------------------------------------------------------------------
    def _noun(self, noun: Token) -> Candidate | None:
        found = _noun_sense(noun)
        if found is None:
            return None
        entry, sense = found
        # "an agreement finalised on October 21", "sanctions imposed on Iran": the
        # participle is the noun's light verb.
        for acl in noun.children:
            if acl.dep_ == "acl" and acl.tag_ == "VBN" and _lemma(acl) in LIGHT:
                was_consumed = noun.i in self.consumed
                composed = self._light_target(acl, _lemma(acl), LIGHT[_lemma(acl)], noun)
                if composed is not None:
                    if not was_consumed:
                        self.consumed.discard(noun.i)
                    composed.passive = True
                    return composed
        if sense is None:
            return None
        # An attempt or plot: "an attempt to assassinate X" is the assassination.
        pred: Token | None = None
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass") and _lemma(head) in ASPECT_VERBS:
            pred = head
        if noun.dep_ in ("nsubj",) and _lemma(head) in ("be",):
            pred = head
        self.consume_under(noun)
        return Candidate(
            trigger=noun,
            pred=pred,
            sense=_joint(sense, noun, pred),
            how="noun",
            durative=entry.durative,
            standalone=True,
        )


_UNDER_KINDS = frozenset({"attack", "investigation", "restriction", "threat", "accusation"})
_VIOLENCE = frozenset(
    words(
        "attack attacks attacked bomb bombs bombing bomber explosion explosive explosives blast "
        "gunfire gunmen gunman militant militants rebel rebels insurgent insurgents troops soldier "
        "soldiers army military forces police militia militias airstrike airstrikes missile "
        "missiles rocket rockets shell shells shelling artillery mortar grenade weapon weapons gun "
        "guns rifle rifles machete machetes knife shooting shot sniper terrorist terrorists terror "
        "jihadist jihadists fighter fighters war warplane warplanes drone drones tank tanks raid "
        "raids ambush massacre assassination suicide hostage hostages kidnapped abducted killed "
        "wounded civilians device devices ied ieds mine mines landmine landmines"
    )
)
_COMBAT_VERBS = frozenset(
    ["beat", "battle", "fight", "clash", "kill", "wound", "injure", "maim", "hit"]
)


def _violent(sent: Span) -> bool:
    """Whether a sentence speaks of violence (not of a match or an accident)."""
    return any(t.lower_ in _VIOLENCE or t.lemma_.lower() in _VIOLENCE for t in sent)


_VERBAL_CLASSES = ("refuse", "request", "condemn", "praise", "threaten", "investigate")
_LEAVE = frozenset(words("leave depart quit exit vacate"))
_CONTROL = frozenset({"xcomp", "advcl", "pobj", "pcomp"})
_NOT_MEETINGS = frozenset(
    words(
        "need needs requirement requirements target targets deadline deadlines expectation "
        "expectations obligation obligations cost costs payment payments criterion criteria "
        "standard standards goal goals quota quotas forecast forecasts estimate estimates"
    )
)
_VISITORS = frozenset(
    words(
        "delegation delegations envoy envoys minister ministers president leader leaders "
        "counterpart counterparts official officials ambassador king queen prince premier "
        "chancellor secretary pope emir guest guests visitor visitors"
    )
)
_NO_COMMENT = frozenset(
    words(
        "comment comments elaborate identify identified name named say reveal disclose "
        "confirm specify discuss speculate answer respond give provide"
    )
)
_PUNITIVE = frozenset({"SANCTION", "ASSAULT", "MOBILIZE"})
_MATERIAL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "RETREAT", "AID"})
_WEAK_REQUESTS = frozenset(
    words("ask tell encourage invite press pressure lobby instruct insist petition")
)
_HEAVY = frozenset(words("rocket rockets missile missiles shell shells mortar mortars artillery"))


_PURPOSES: dict[str, tuple[str, ...]] = {"PROTEST": EVENT_TYPES, "CONSULT": ("CONSULT",)}


def _offerable(obj: Token) -> bool:
    """'offered its troops', 'offered aid', 'offered talks' — not 'offered bonds'."""
    found = noun_entry(_carried(obj))
    if found is not None and found.kind in (
        "aid",
        "force",
        "mission",
        "meeting",
        "agreement",
        "retreat",
        "cooperation",
        "praise",
    ):
        return True
    return _lemma(obj) in ("help", "support", "condolences", "asylum", "mediation", "services")


def _answers_something(comp: Token) -> bool:
    """'refused to respond to a demand' is a refusal; 'declined to respond' no comment."""
    return _lemma(comp) in ("respond", "answer") and any(
        c.dep_ in ("prep", "dobj") and c.lower_ != "questions" for c in comp.children
    )


def _named(tok: Token, actor_of: dict[int, str]) -> bool:
    """A coded actor or a name ("Sudan", "the rebels' leaders" are; "reporters" is not)."""
    heads = [tok, *tok.conjuncts]
    return any(t.i in actor_of or t.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") for t in heads)


def _drop_purposes(found: list[Candidate]) -> list[Candidate]:
    """'staged rallies ... to demand his resignation', 'met X to discuss Y': the purpose is
    what the protest or the meeting is about, not a second event."""
    hosts = [(c.pred, c.type) for c in found if c.type in _PURPOSES and c.pred is not None]
    if not hosts:
        return found
    keep = []
    for c in found:
        top = c.frame or c.pred
        if top is not None:
            node = top
            inside = False
            for _ in range(3):
                if node.dep_ not in ("advcl", "xcomp", "acl", "ccomp") or node.head.i == node.i:
                    break
                node = node.head
                if any(node.i == p.i and c.type in _PURPOSES[t] for p, t in hosts):
                    inside = True
                    break
            if inside:
                continue
        keep.append(c)
    return keep


AGENT_NOUNS = frozenset(
    words(
        "government authorities authority army military police forces force troops soldiers rebels "
        "rebel militants militant insurgents insurgent gunmen gunman militia militias fighters "
        "guerrillas guerrilla protesters protester demonstrators demonstrator students workers "
        "union unions party parties opposition officials official leaders leader ministry minister "
        "president prime court judge parliament lawmakers congress senate council coalition group "
        "groups organization organisation movement people civilians villagers residents prisoners "
        "refugees journalist journalists activists activist company administration regime junta "
        "cabinet delegation negotiators mediators forces commander commanders spokesman agency "
        "agencies state states nations countries bloc alliance members member security jets "
        "aircraft helicopters warplanes tanks warships bomber attackers assailants hackers youths "
        "farmers teachers doctors monarch king queen emir sheikh chief envoy ambassador diplomats "
        "secretary governor mayor general colonel commander spokesperson doctors doctor landowners "
        "elders prisoner detainee detainees hostages missionary national nationals newspaper paper "
        "media broadcaster station network website outlet"
    )
)


_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "you"})


def agentive(tok: Token) -> bool:
    """Whether a phrase names a participant, coded or not ("Burundian militiamen")."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN":
        return True
    if tok.lower_ in _PERSONAL_PRONOUNS or tok.lower_ in ("they", "we"):
        return True
    if tok.lemma_.lower() in AGENT_NOUNS or tok.lower_ in AGENT_NOUNS:
        return True
    if tok.pos_ == "NOUN" and tok.tag_ == "NNS":
        return True  # plural nouns: "militiamen", "fundamentalists", "landowners"
    return any(c.ent_type_ in ("NORP", "GPE", "ORG") for c in tok.children if c.i < tok.i)


def _agentless(verb: Token) -> bool:
    """'the rainy season cuts off roads', 'sentiment was aided by suggestions': a subject
    (or a passive's agent) that cannot act."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if subj is not None and subj.lower_ in ("that", "which") and verb.dep_ == "relcl":
        subj = verb.head
    if subj is None or subj.pos_ not in ("NOUN",):
        return False
    subj = _carried(subj)
    for of in subj.children:  # "the first deployment of NATO peacekeeping troops"
        if of.dep_ == "prep" and of.lower_ == "of":
            subj = next((c for c in of.children if c.dep_ == "pobj"), subj)
    phrase = {subj.lower_, _lemma(subj)} | {
        c.lower_ for c in subj.children if c.dep_ in ("amod", "compound")
    }
    if agentive(subj) or phrase & _VIOLENCE:
        return False  # people, or a weapon: "an improvised explosive device killed"
    return not any(
        c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        for c in subj.children
        if c.dep_ in ("poss", "compound", "amod", "appos")
    )


def _own_clause(tok: Token) -> bool:
    return tok.dep_ in ("relcl", "advcl", "ccomp", "parataxis") and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in tok.children
    )


_ADJUNCT_PREPS = frozenset(
    words(
        "at in during near after before since amid following ahead inside outside across "
        "throughout within under despite"
    )
)


def _adjunct(tok: Token) -> bool:
    """A phrase of place, time or occasion: 'at a conclave', 'in December'."""
    return tok.dep_ == "prep" and tok.lower_ in _ADJUNCT_PREPS


def _has_to(comp: Token) -> bool:
    """'X has to / needs to ...'."""
    return _lemma(comp) in ("have", "need") and any(c.dep_ == "xcomp" for c in comp.children)


_EXERCISES = frozenset(
    ["exercise", "exercises", "drill", "drills", "manoeuvres", "maneuvers", "games", "wargames"]
)


def _joint(sense: TriggerType, noun: Token, verb: Token | None) -> TriggerType:
    """Military exercises held together are cooperation, alone a show of force."""
    if (
        _lemma(noun) not in _EXERCISES and noun.lower_ not in _EXERCISES
    ) or sense.type != "MOBILIZE":
        return sense
    mods = {_lemma(c) for c in noun.children}
    subj = None
    if verb is not None:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    together = (
        "joint" in mods
        or "with" in {c.lower_ for c in noun.children}
        or (verb is not None and "with" in {c.lower_ for c in verb.children})
    )
    if subj is not None and (subj.conjuncts or any(c.dep_ == "conj" for c in subj.subtree)):
        together = True
    return _t("COOPERATE", None, "062") if together else sense


def _has_negated_tolerance(comp: Token) -> bool:
    """'police will no longer tolerate rallies': a warning that is a threat."""
    words = {_lemma(t) for t in comp.subtree}
    return bool(words & {"tolerate", "allow", "permit"}) and bool(
        words & {"not", "no", "longer", "never"}
    )


def _is_hostile(sense: TriggerType) -> bool:
    return sense.type in MATERIAL_HOSTILE or sense.type == "THREATEN"


def _threat_mode(sense: TriggerType | None) -> str | None:
    if sense is None:
        return None
    if sense.type == "ASSAULT" or sense.type == "MOBILIZE":
        return "violence"
    if sense.type == "COERCE":
        return {
            "ban": "ban",
            "arrest": "arrest",
            "seize": "territory",
            "deport": "expel",
            "censor": "rights",
        }.get(sense.mode or "", "restrict")
    if sense.type == "SANCTION":
        return "expel" if sense.mode == "expel" else "relations"
    if sense.type == "PROTEST":
        return "restrict"
    if sense.type == "THREATEN":
        return sense.mode
    return None


def _yield_mode(sense: TriggerType | None, comp: Token | None) -> str | None:
    """The REQUEST/REJECT mode of what is asked for or refused."""
    if sense is not None:
        if sense.type in ("CONSULT",):
            return "meet"
        if sense.type in ("AID", "COOPERATE", "SUPPORT"):
            return "assist"
        if sense.type == "RETREAT" and sense.mode == "resign":
            return "change"
        if sense.type in ("RETREAT", "CONCEDE"):
            return "yield"
        if sense.type == "AGREE" and sense.cameo in ("036", "037", "038", "039"):
            return "meet"
    if comp is not None:
        words = {_lemma(t) for t in comp.subtree}
        if words & _CHANGE_NOUNS or _lemma(comp) in ("resign",):
            return "change"
        if words & _YIELD_NOUNS:
            return "yield"
        if words & {"talk", "talks", "meeting", "negotiation", "mediation", "dialogue", "summit"}:
            return "meet"
        if words & {"aid", "assistance", "help", "support", "loan", "funding"}:
            return "assist"
    return None


def _intent_cameo(sense: TriggerType | None) -> str:
    if sense is None:
        return "030"
    return {
        "CONSULT": "036",
        "AID": "033",
        "COOPERATE": "031",
        "SUPPORT": "032",
        "CONCEDE": "035",
        "RETREAT": "035",
    }.get(sense.type, "030")


def _light_sense(
    cls: str, verb_word: str, noun: Token, entry: NounSense, own: TriggerType | None
) -> TriggerType | None:
    """What a light verb of class ``cls`` does to a noun's event."""
    kind = entry.kind
    noun_lemma = _lemma(noun)
    if cls == "do":
        if kind == "cooperation" and own is None:
            return _t("COOPERATE", None, "060")
        if kind == "accusation" and own is None:
            return _t("ACCUSE", "allege", "1121")  # "brought charges", "filed charges"
        if kind in ("aid", "force", "mission", "relations", "offer", "restriction"):
            return None
        if kind == "agreement":
            return None
        if kind == "praise" and own is None:
            return None
        return own
    if cls == "end":
        if kind == "restriction":
            if noun_lemma in ("blockade", "siege", "cordon"):
                return _t("RETREAT", "withdraw", "0872")
            if noun_lemma in ("sanction", "sanctions", "embargo", "tariff", "tariffs"):
                return _t("RETREAT", None, "085")
            return _t("CONCEDE", None, "081")
        if kind in ("demonstration", "protest", "riot"):
            return _t("CONCEDE", None, "082")
        if kind == "meeting":
            return _t("SANCTION", "withdraw", "164")
        if kind == "relations":
            return _t("SANCTION", "withdraw", "161")
        if kind in ("aid", "cooperation"):
            return _t("SANCTION", "discontinue", "162")
        if kind == "attack":
            return _t("RETREAT", None, "087")
        if kind == "deployment":
            return _t("RETREAT", "withdraw", "0874")
        if kind == "force" and verb_word in ("withdraw", "pull", "recall", "reduce", "cut"):
            return _t("RETREAT", "withdraw", "0874")
        if kind == "mission" and verb_word in ("withdraw", "pull", "recall", "suspend", "end"):
            if noun_lemma in ("ambassador", "envoy", "diplomat", "diplomats"):
                return _t("SANCTION", "withdraw", "161")
            return _t("SANCTION", "expel", "166")
        if kind == "agreement" and verb_word in (
            "suspend",
            "cancel",
            "scrap",
            "abandon",
            "withdraw",
            "terminate",
            "freeze",
        ):
            return _t("SANCTION", "withdraw", "160")
        truce = noun_lemma in ("ceasefire", "cease-fire", "truce")
        if kind == "retreat" and truce and verb_word in ("end", "break"):
            return _t("ASSAULT", None, "196")
        return None
    if cls == "impose":
        if kind == "restriction":
            if own is not None:
                return own
            if noun_lemma in ("tariff", "tariffs"):
                return _t("SANCTION", None, "163")
            return _t("COERCE", "restrict", "172")
        if kind == "retreat" and verb_word == "declare":
            return own
        return None
    if cls == "give":
        if kind == "aid":
            if noun_lemma in (
                "arms",
                "weapon",
                "weapons",
                "ammunition",
                "equipment",
                "materiel",
                "hardware",
            ):
                return _t("AID", None, "072")
            if noun_lemma in ("asylum", "refuge", "sanctuary"):
                return _t("AID", None, "075")
            if noun_lemma in ("food", "medicine", "medicines", "relief", "supplies", "supply"):
                return _t("AID", None, "073")
            return _t("AID", None, "071")
        if kind == "mission" and noun_lemma in (
            "peacekeeper",
            "peacekeepers",
            "peacekeeping",
            "observer",
            "observers",
            "monitor",
            "monitors",
        ):
            return _t("AID", None, "074")
        if kind == "force":
            mods = {_lemma(c) for c in noun.subtree}
            if mods & {"peacekeeping", "peacekeeper", "peacekeepers"}:
                return _t("AID", None, "074")
            return _t("MOBILIZE", "troops", "154")
        if kind == "praise" and noun_lemma in ("support", "backing"):
            return _t("SUPPORT", None, "051")
        if kind == "praise" and own is not None:
            return own
        return None
    if cls == "sign":
        if kind == "agreement":
            return _t("SUPPORT", None, "057")
        return None
    if cls == "reach":
        if kind == "agreement":
            return _t("AGREE", None, "030")
        if kind == "offer" and verb_word == "accept":
            return _t("AGREE", None, "030")
        if kind == "retreat" and noun_lemma in ("ceasefire", "cease-fire", "truce"):
            return _t("AGREE", None, "0356" if verb_word != "reach" else "030")
        return None
    if cls == "refuse":
        if own is None and kind not in ("offer", "aid", "demand", "mission", "force"):
            return None
        return _t("REJECT", _noun_yield_mode(noun, entry, own), None)
    if cls == "request":
        if own is not None and own.type in _PUNITIVE:
            return _t("ACCUSE", "disapprove", "111")
        if own is None and kind not in ("aid", "mission", "offer", "force"):
            return None
        return _t("REQUEST", _noun_yield_mode(noun, entry, own), None)
    if cls == "threaten":
        return _t("THREATEN", _threat_mode(own), None)
    if cls == "condemn":
        if own is None:
            return None
        return _t("ACCUSE", "disapprove", "111")
    if cls == "praise":
        if own is None and kind not in ("offer",):
            return None
        return _t("SUPPORT", None, "051")
    if cls == "investigate":
        return _t("ACCUSE", "investigate", "090")
    if cls == "violate":
        words = {_lemma(t) for t in noun.subtree} | {noun_lemma}
        if words & {"ceasefire", "cease-fire", "truce", "armistice"}:
            return _t("ASSAULT", None, "196")
        if kind in ("agreement", "restriction"):
            return _t("REJECT", None, "128")
        return None
    if cls == "deploy":
        if kind == "force":
            if noun_lemma in (
                "police",
                "patrol",
                "patrols",
                "policeman",
                "policemen",
                "gendarmerie",
            ):
                return _t("MOBILIZE", "police", "153")
            mods = {_lemma(c) for c in noun.subtree}
            if mods & {"peacekeeping", "peacekeeper", "peacekeepers"}:
                return _t("AID", None, "074")
            return _t("MOBILIZE", "troops", "154")
        if kind == "mission" and noun_lemma in ("peacekeeper", "peacekeepers", "peacekeeping"):
            return _t("AID", None, "074")
        return None
    if cls == "admit":
        if kind == "mission":
            if noun_lemma in ("peacekeeper", "peacekeepers", "peacekeeping"):
                return _t("RETREAT", "access", "0861")
            return _t("RETREAT", "access", "0862")
        if kind == "aid":
            return _t("RETREAT", "access", "0863")
        return None
    if cls == "suppress":
        if kind in ("demonstration", "protest", "riot"):
            if verb_word in ("crush", "quell", "disperse", "break"):
                return _t("ASSAULT", "crowd-control", "175")
            if verb_word in ("ban", "prohibit"):
                return _t("COERCE", "ban", "1722")
            return _t("COERCE", "restrict", "172")
        return None
    return None


def _noun_yield_mode(noun: Token, entry: NounSense, own: TriggerType | None) -> str | None:
    if entry.kind == "meeting":
        return "meet"
    if entry.kind in ("aid", "mission", "force", "cooperation"):
        return "assist"
    if own is not None and own.type in ("RETREAT", "CONCEDE"):
        return "change" if own.mode == "resign" else "yield"
    return _yield_mode(None, noun)
