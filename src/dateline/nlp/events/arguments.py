"""Actors and recipients of a candidate event, from the dependency parse.

Subjects are actors and objects recipients; passives swap them ("was attacked by militias":
the militias act); "with", "against", "on", "to" name recipients; "between X and Y" and
coordinated subjects ("India and China held talks") make compound actors, as in PLOVER.
Only mentions the actor component coded (``DocState.actor_spans``) become ids; a pronoun
stands for the speaker whose statement it is in ("Syria says it will not accept ...") or,
for "he"/"she", the last person named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dateline.model import Actor
from dateline.nlp.events.compose import Candidate, agentive
from dateline.nlp.events.lexicon import SPEECH_VERBS
from dateline.nlp.events.words import words
from dateline.nlp.state import DocState

RECIPIENT_PREPS = frozenset(
    {"with", "against", "on", "to", "at", "into", "toward", "towards", "upon", "over", "from"}
)
LOCATIVE_PREPS = frozenset(
    {"in", "near", "across", "along", "inside", "outside", "around", "throughout", "within"}
)
_OBJECT_CONTROL = frozenset(
    words(
        "urge ask order force allow tell persuade invite help press encourage instruct permit "
        "compel call"
    )
)
_PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers"})
_IMPERSONAL = frozenset({"it", "its", "they", "them", "their", "we", "our", "us"})


@dataclass
class Arguments:
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    actor_tokens: list[Token] = field(default_factory=list)
    recipient_tokens: list[Token] = field(default_factory=list)
    phrases: bool = False
    """Whether the event has argument phrases at all, coded or not."""
    names: list[str] = field(default_factory=list)
    """Named participants the actor component did not code ("NSA Ajit Doval")."""


class ArgumentFinder:
    """Finds arguments in one Doc; build once per Doc."""

    def __init__(self, doc: Doc, st: DocState) -> None:
        self.doc = doc
        self.st = st
        self.actor_of: dict[int, str] = token_actors(doc, st)
        self.actors: dict[str, Actor] = {a.id: a for a in st.actors}
        self.place_tokens: set[int] = set()
        self.town_tokens: set[int] = set()
        """Tokens naming places below country level: in "the Damascus strike" a place."""
        countries = {p.id for p in st.places if (p.feature_code or "").startswith("PCL")}
        for (start, end), pid in st.place_spans.items():
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.place_tokens.update(t.i for t in span)
                if pid not in countries:
                    self.town_tokens.update(t.i for t in span)

    # -- resolving one phrase to actor ids -----------------------------------------------
    def resolve(self, head: Token, *, deep: bool = True) -> list[str]:
        found: list[str] = []
        for tok in [head, *head.conjuncts]:
            aid = self._one(tok)
            if aid is None and deep:
                inner = self._in_subtree(tok)
                if inner is not None:
                    for t in [inner, *inner.conjuncts]:
                        if t.i in self.actor_of and self.actor_of[t.i] not in found:
                            found.append(self.actor_of[t.i])
                continue
            if aid is not None and aid not in found:
                found.append(aid)
        return found

    def _one(self, tok: Token) -> str | None:
        aid = self.actor_of.get(tok.i)
        if aid is not None:
            return aid
        if tok.lower_ in _PERSONAL or tok.lower_ in _IMPERSONAL:
            return self.pronoun(tok)
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod", "appos") and (
                child.i < tok.i or child.dep_ == "appos"
            ):
                aid = self.actor_of.get(child.i)
                if aid is None and child.dep_ == "poss" and child.lower_ in _IMPERSONAL | _PERSONAL:
                    aid = self.pronoun(child)
                if aid is not None:
                    return aid
        return None

    def _in_subtree(self, tok: Token) -> Token | None:
        """The shallowest coded actor inside a phrase ("students throughout Indonesia")."""
        frontier = [c for c in tok.children if c.dep_ not in _CLAUSES]
        for _ in range(4):
            nxt: list[Token] = []
            for t in frontier:
                if t.i in self.actor_of:
                    return t
                nxt += [c for c in t.children if c.dep_ not in _CLAUSES]
            frontier = nxt
            if not frontier:
                break
        return None

    def pronoun(self, tok: Token) -> str | None:
        """The actor a pronoun stands for, when the text makes it clear."""
        speaker = _speaker(tok)
        if speaker is not None:
            ids = self.resolve(speaker, deep=True)
            if ids:
                lower = tok.lower_
                actor = self.actors.get(ids[0])
                is_person = actor is not None and actor.kind == "PERSON"
                if lower in _PERSONAL and is_person:
                    return ids[0]
                if lower in _IMPERSONAL and not is_person:
                    return ids[0]
        if tok.lower_ in _PERSONAL:
            for i in range(tok.i - 1, max(-1, tok.i - 120), -1):
                found = self.actor_of.get(i)
                if found is not None and self.actors[found].kind == "PERSON":
                    return found
        return None

    # -- a candidate's arguments ---------------------------------------------------------
    def find(self, cand: Candidate) -> Arguments:
        args = Arguments()
        pred = cand.pred
        aspect = cand.how == "noun" and pred is not None
        if pred is not None and not aspect:
            self._verb_arguments(pred, cand, args)
        if cand.content is not None and not args.recipients:
            self._complement_recipients(cand.content, args)
        if cand.recipient_hint is not None:
            self._add(args, self.resolve(cand.recipient_hint), [cand.recipient_hint], actor=False)
        if cand.trigger.pos_ in ("NOUN", "PROPN"):
            self._noun_arguments(cand.trigger, cand, args)
        if cand.subject_is_recipient:
            args.recipients = args.actors + [r for r in args.recipients if r not in args.actors]
            args.recipient_tokens = args.actor_tokens + args.recipient_tokens
            args.actors, args.actor_tokens = [], []
        args.actors = list(dict.fromkeys(args.actors))
        args.recipients = [r for r in dict.fromkeys(args.recipients) if r not in args.actors]
        return args

    def _add(self, args: Arguments, ids: Iterable[str], toks: list[Token], *, actor: bool) -> None:
        ids = list(ids)
        toks = [t for t in toks if t.ent_type_ not in _NOT_PARTICIPANTS]
        if actor:
            args.actors += ids
            args.actor_tokens += toks
        else:
            args.recipients += ids
            args.recipient_tokens += toks
        if ids or any(agentive(t) for t in toks):
            args.phrases = True
        if not ids:
            for t in toks:
                name = _proper_name(t)
                if name and name not in args.names:
                    args.names.append(name)

    def _verb_arguments(self, pred: Token, cand: Candidate, args: Arguments) -> None:
        passive = cand.passive or any(c.dep_ in ("auxpass", "nsubjpass") for c in pred.children)
        subject = _subject(pred)
        if passive:
            for c in pred.children:
                if c.dep_ == "agent":
                    for pobj in c.children:
                        if pobj.dep_ == "pobj":
                            self._add(args, self.resolve(pobj), [pobj], actor=True)
                elif c.dep_ == "nsubjpass":
                    self._add(args, self.resolve(c), [c], actor=False)
        elif subject is not None:
            ids = self.resolve(subject)
            if not ids:
                # Two subjects ("Members of X, a body linked to Y, investigated"): the
                # one that names an actor.
                for other in pred.children:
                    if other.dep_ == "nsubj" and other.i != subject.i:
                        ids = self.resolve(other)
                        if ids:
                            subject = other
                            break
            self._add(args, ids, [subject], actor=True)
        for c in pred.children:
            if c.dep_ in ("dobj", "dative", "iobj", "obj") and c.i != cand.trigger.i:
                if c.i in self.place_tokens and cand.type in ("CONSULT",):
                    ids = self.resolve(c, deep=False)
                else:
                    ids = self.resolve(c, deep=c.dep_ != "dobj" or cand.how != "light")
                self._add(args, ids, [c], actor=False)
            elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
                for pobj in c.children:
                    if pobj.dep_ != "pobj" or pobj.i == cand.trigger.i:
                        continue
                    deep = c.lower_ in ("against", "with", "on")
                    self._add(args, self.resolve(pobj, deep=deep), [pobj], actor=False)
            elif c.dep_ == "prep" and c.lower_ == "between":
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        self._add(args, self.resolve(pobj), [pobj], actor=True)

    def _complement_recipients(self, comp: Token, args: Arguments) -> None:
        for c in comp.children:
            if c.dep_ in ("dobj", "dative", "nsubjpass"):
                self._add(args, self.resolve(c), [c], actor=False)
            elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        deep = c.lower_ in ("against", "with", "on")
                        self._add(args, self.resolve(pobj, deep=deep), [pobj], actor=False)
        if comp.pos_ in ("NOUN", "PROPN"):
            for c in comp.children:
                if c.dep_ in ("poss",) or (c.dep_ in ("compound", "amod") and c.i < comp.i):
                    ids = self.resolve(c, deep=False)
                    if ids or c.dep_ == "poss":
                        self._add(args, ids, [c], actor=False)
                elif c.dep_ == "prep" and c.lower_ in ("by", "of", "from"):
                    for pobj in c.children:
                        if pobj.dep_ == "pobj" and pobj.i not in self.place_tokens:
                            self._add(args, self.resolve(pobj), [pobj], actor=False)

    def _noun_arguments(self, noun: Token, cand: Candidate, args: Arguments) -> None:
        meeting_like = cand.type in ("CONSULT", "AGREE", "SUPPORT", "COOPERATE", "PROTEST")
        if (
            cand.type == "CONSULT"
            and noun.dep_ == "pobj"
            and noun.head.lower_ in ("at", "for", "during")
        ):
            verb = noun.head.head
            if verb.pos_ in ("VERB", "AUX") and cand.pred is None:
                subject = _subject(verb)
                if subject is not None:
                    self._add(args, self.resolve(subject), [subject], actor=True)
        for c in noun.children:
            if c.dep_ == "compound" and c.i in self.town_tokens:
                continue
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i):
                ids = self.resolve(c, deep=False)
                if c.dep_ == "compound":
                    ids += [
                        i
                        for t in c.children
                        if t.dep_ in ("compound", "conj")
                        for i in self.resolve(t, deep=False)
                    ]
                named = c.ent_type_ in ("NORP", "ORG", "PERSON") or c.dep_ == "poss"
                self._add(args, ids, [c] if ids or named else [], actor=True)
            elif c.dep_ == "prep":
                prep = c.lower_
                for pobj in c.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if (
                        prep == "between"
                        or prep == "among"
                        or prep == "by"
                        or (prep == "from" and cand.type in ("AGREE", "REQUEST"))
                    ):
                        self._add(args, self.resolve(pobj), [pobj], actor=True)
                    elif prep == "of":
                        self._add(args, self.resolve(pobj), [pobj], actor=meeting_like)
                    elif prep in ("with", "against", "on", "to", "toward", "towards", "at"):
                        visit = prep == "to" and cand.sense.mode == "visit"
                        if prep in ("at", "to") and pobj.i in self.place_tokens and not visit:
                            continue
                        deep = prep in ("against", "with", "on")
                        self._add(args, self.resolve(pobj, deep=deep), [pobj], actor=False)


_NOT_PARTICIPANTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LOC", "FAC"}
)
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos", "punct"})


def token_actors(doc: Doc, st: DocState) -> dict[int, str]:
    """Token index → the actor id of the mention covering it."""
    out: dict[int, str] = {}
    for (start, end), aid in st.actor_spans.items():
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out.setdefault(tok.i, aid)
    return out


def _subject(pred: Token) -> Token | None:
    """The subject of a predicate, or of the clause that controls it."""
    subjects = [c for c in pred.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # "Nairobi: Kenyan President William Ruto met ...": the nearest subject.
        c = max(subjects, key=lambda t: t.i if t.i < pred.i else -t.i)
        if c.lower_ in ("that", "which", "who") and pred.dep_ == "relcl":
            return pred.head
        return c
    seen = 0
    tok = pred
    while seen < 4:
        seen += 1
        dep = tok.dep_
        head = tok.head
        if head.i == tok.i:
            return None
        if dep == "xcomp":
            if head.lemma_.lower() in _OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return obj
            found = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if found is not None:
                return found
            tok = head
            continue
        if dep == "conj":
            found = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if found is not None:
                return found
            tok = head
            continue
        if dep in ("advcl", "pcomp") and tok.tag_ in ("VBG", "VBN", "VB"):
            found = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if found is not None:
                return found
            tok = head
            continue
        if dep == "acl" and tok.tag_ in ("VBG",):
            verb = head.head
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if dep == "acl" and tok.tag_ == "VB":
            # "the minister's plan to call for ...": the plan's owner.
            return next((c for c in head.children if c.dep_ == "poss"), None)
        if dep == "relcl":
            return head
        return None
    return None


def _speaker(tok: Token) -> Token | None:
    """The subject of the speech verb whose complement contains ``tok``."""
    node = tok
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ in ("ccomp", "xcomp", "advcl") and head.lemma_.lower() in SPEECH_VERBS:
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
        node = head
    return None


def _proper_name(tok: Token) -> str | None:
    """The proper name a phrase head is part of ("NSA Ajit Doval"), if any."""
    if tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_ != "O":
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return ent.text
    if tok.pos_ == "PROPN":
        parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        start = min([tok.i, *(c.i for c in parts)])
        return tok.doc[start : tok.i + 1].text
    return None
