"""Trigger lexicon: lemma → PLOVER type, mode and the CAMEO code that corresponds.

Built by the team from the CAMEO→PLOVER correspondence (PLOVER manual draft 0.8). The
Events issue grows this into the full lexicon; the shape (:class:`Trigger`,
:func:`lookup`) stays.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TriggerType:
    type: str
    mode: str | None
    cameo: str


def _t(type_: str, cameo: str, mode: str | None = None) -> TriggerType:
    return TriggerType(type_, mode, cameo)


VERBS: dict[str, TriggerType] = {
    "meet": _t("CONSULT", "040"),
    "visit": _t("CONSULT", "042", "visit"),
    "host": _t("CONSULT", "043", "visit"),
    "negotiate": _t("CONSULT", "046"),
    "discuss": _t("CONSULT", "040"),
    "call": _t("CONSULT", "041", "phone"),
    "agree": _t("AGREE", "030"),
    "sign": _t("AGREE", "057"),
    "promise": _t("AGREE", "030"),
    "pledge": _t("AGREE", "030"),
    "praise": _t("SUPPORT", "051"),
    "endorse": _t("SUPPORT", "051"),
    "recognize": _t("SUPPORT", "054"),
    "apologize": _t("SUPPORT", "055"),
    "cooperate": _t("COOPERATE", "060"),
    "aid": _t("AID", "070"),
    "donate": _t("AID", "071"),
    "withdraw": _t("RETREAT", "0871", "withdraw"),
    "release": _t("RETREAT", "0841", "release"),
    "resign": _t("RETREAT", "0831", "resign"),
    "urge": _t("REQUEST", "010"),
    "demand": _t("REQUEST", "100"),
    "ask": _t("REQUEST", "020"),
    "press": _t("REQUEST", "010"),
    "appeal": _t("REQUEST", "020"),
    "accuse": _t("ACCUSE", "112", "allege"),
    "blame": _t("ACCUSE", "112", "allege"),
    "condemn": _t("ACCUSE", "111", "disapprove"),
    "criticize": _t("ACCUSE", "111", "disapprove"),
    "criticise": _t("ACCUSE", "111", "disapprove"),
    "investigate": _t("ACCUSE", "090", "investigate"),
    "reject": _t("REJECT", "120"),
    "refuse": _t("REJECT", "120"),
    "deny": _t("REJECT", "120"),
    "veto": _t("REJECT", "120"),
    "threaten": _t("THREATEN", "130"),
    "warn": _t("THREATEN", "130"),
    "protest": _t("PROTEST", "140", "demo"),
    "demonstrate": _t("PROTEST", "141", "demo"),
    "rally": _t("PROTEST", "141", "demo"),
    "boycott": _t("PROTEST", "143", "boycott"),
    "sanction": _t("SANCTION", "163"),
    "expel": _t("SANCTION", "164", "expel"),
    "deploy": _t("MOBILIZE", "152", "troops"),
    "mobilize": _t("MOBILIZE", "152", "troops"),
    "arrest": _t("COERCE", "173", "arrest"),
    "detain": _t("COERCE", "173", "arrest"),
    "seize": _t("COERCE", "171", "seize"),
    "ban": _t("COERCE", "172", "ban"),
    "deport": _t("COERCE", "174", "deport"),
    "attack": _t("ASSAULT", "190"),
    "kill": _t("ASSAULT", "190"),
    "bomb": _t("ASSAULT", "195", "aerial"),
    "shell": _t("ASSAULT", "194", "heavy-weapons"),
    "shoot": _t("ASSAULT", "190", "firearms"),
    "invade": _t("ASSAULT", "190"),
    "strike": _t("ASSAULT", "195", "aerial"),
    "clash": _t("ASSAULT", "190"),
    "fight": _t("ASSAULT", "190"),
    "abduct": _t("ASSAULT", "181", "abduct"),
    "kidnap": _t("ASSAULT", "181", "abduct"),
    "assassinate": _t("ASSAULT", "186", "assassinate"),
}

NOUNS: dict[str, TriggerType] = {
    "meeting": _t("CONSULT", "040"),
    "talk": _t("CONSULT", "046"),
    "visit": _t("CONSULT", "042", "visit"),
    "summit": _t("CONSULT", "040", "multilateral"),
    "conclave": _t("CONSULT", "040", "multilateral"),
    "conference": _t("CONSULT", "040", "multilateral"),
    "negotiation": _t("CONSULT", "046"),
    "agreement": _t("AGREE", "057"),
    "pact": _t("AGREE", "057"),
    "deal": _t("AGREE", "057"),
    "treaty": _t("AGREE", "057"),
    "ceasefire": _t("RETREAT", "0874", "ceasefire"),
    "disengagement": _t("RETREAT", "0871", "withdraw"),
    "withdrawal": _t("RETREAT", "0871", "withdraw"),
    "protest": _t("PROTEST", "140", "demo"),
    "demonstration": _t("PROTEST", "141", "demo"),
    "sanction": _t("SANCTION", "163"),
    "standoff": _t("MOBILIZE", "152", "troops"),
    "deployment": _t("MOBILIZE", "152", "troops"),
    "arrest": _t("COERCE", "173", "arrest"),
    "attack": _t("ASSAULT", "190"),
    "strike": _t("ASSAULT", "195", "aerial"),
    "airstrike": _t("ASSAULT", "195", "aerial"),
    "clash": _t("ASSAULT", "190"),
    "bombing": _t("ASSAULT", "195", "aerial"),
    "invasion": _t("ASSAULT", "190"),
    "offensive": _t("ASSAULT", "190"),
}


def lookup(lemma: str, pos: str) -> TriggerType | None:
    """The trigger type of a word, by lemma and part of speech, or None."""
    lemma = lemma.lower()
    if pos == "VERB":
        return VERBS.get(lemma)
    if pos in ("NOUN", "PROPN"):
        return NOUNS.get(lemma)
    return None
