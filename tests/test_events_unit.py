"""Event logic without the statistical model: ontology and lexicon tables, the ACLED
mapping, date arithmetic, and the component on hand-built parses (so that these tests
test our rules, not the parser)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from dateline.errors import Code, ReadError
from dateline.model import (
    EVENT_TYPES,
    Actor,
    Event,
    Interval,
    Place,
    SentenceSpan,
    Span,
    Timex,
    TimexLink,
    When,
)
from dateline.nlp.events import lexicon
from dateline.nlp.events.acled import ACLED_TYPES, acled_type
from dateline.nlp.events.component import extract_events
from dateline.nlp.events.ontology import (
    MODES,
    current_type,
    default_cameo,
    plover_of_cameo,
    plover_view,
)
from dateline.nlp.events.when import Offset, parse_offset, precision_of, shift
from dateline.nlp.state import state

# -- ontology ---------------------------------------------------------------------------


def test_events_ontology_every_type_has_modes_and_a_cameo_code() -> None:
    assert tuple(MODES) == EVENT_TYPES
    for type_, modes in MODES.items():
        for mode in (None, *modes):
            code = default_cameo(type_, mode)
            assert plover_of_cameo(code) is not None
            assert plover_of_cameo(code)[0] == type_, (type_, mode, code)  # type: ignore[index]


def test_events_ontology_cameo_codes_follow_plover() -> None:
    assert plover_of_cameo("057") == ("SUPPORT", None)  # signing is support
    assert plover_of_cameo("0841") == ("RETREAT", "release")
    assert plover_of_cameo("195") == ("ASSAULT", "aerial")
    assert plover_of_cameo("173") == ("COERCE", "arrest")
    assert plover_of_cameo("010") is None  # a statement is no event
    assert plover_of_cameo("x12") is None


def test_events_ontology_old_plover_names() -> None:
    assert current_type("DEMAND") == "REQUEST"
    assert current_type("disapprove") == "ACCUSE"
    assert current_type("FIGHT") == "ASSAULT"
    assert current_type("CONSULT") == "CONSULT"


def test_events_ontology_plover_view_folds_status_into_type() -> None:
    assert plover_view("CONSULT", "planned") == "AGREE"  # a promised meeting
    assert plover_view("ASSAULT", "hypothetical") == "THREATEN"
    assert plover_view("CONCEDE", "negated") == "REJECT"
    assert plover_view("ASSAULT", "occurred") == "ASSAULT"
    assert plover_view("REQUEST", "planned") == "REQUEST"


# -- lexicon ------------------------------------------------------------------------------


def test_events_lexicon_entries_have_valid_modes_and_codes() -> None:
    senses = [*lexicon.VERBS.values(), *lexicon.PHRASAL.values(), *lexicon.IDIOMS.values()]
    senses += [n.sense for n in lexicon.NOUNS.values() if n.sense is not None]
    assert len(senses) > 300
    for sense in senses:
        assert sense.type in EVENT_TYPES
        assert sense.mode is None or sense.mode in MODES[sense.type]
        mapped = plover_of_cameo(sense.cameo)
        assert mapped is not None and mapped[0] == sense.type, sense


def test_events_lexicon_lookup_keeps_first_interface() -> None:
    assert lexicon.lookup("shell", "VERB") == lexicon.TriggerType("ASSAULT", "heavy-weapons", "194")
    assert lexicon.lookup("conclave", "NOUN").mode == "multilateral"  # type: ignore[union-attr]
    assert lexicon.lookup("aid", "NOUN") is None  # an event only through a verb
    assert lexicon.lookup("weather", "NOUN") is None


def test_events_lexicon_verb_lemma_mends_the_lemmatiser() -> None:
    assert lexicon.verb_lemma("staged", "stag") == "stage"
    assert lexicon.verb_lemma("shelled", "shelled") == "shell"
    assert lexicon.verb_lemma("carried", "carry") == "carry"
    assert lexicon.verb_lemma("walked", "walk") == "walk"  # unknown verbs keep their lemma


# -- ACLED mapping --------------------------------------------------------------------------


def _event(type_: str, mode: str | None = None, status: str = "occurred", **kw: object) -> Event:
    return Event(
        id="e1",
        type=type_,
        mode=mode,
        cameo=default_cameo(type_, mode),
        status=status,  # type: ignore[arg-type]
        when=When(
            value="2024-01-02",
            start=date(2024, 1, 2),
            end=date(2024, 1, 2),
            precision="day",
            basis="text",
        ),
        trigger=Span(text="x", start=0, end=1),
        sentence=SentenceSpan(start=0, end=1),
        confidence=0.5,
        **kw,  # type: ignore[arg-type]
    )


def test_events_acled_types_of_violence_by_mode_and_target() -> None:
    assert acled_type(_event("ASSAULT", "aerial")).sub_event_type == "Air/drone strike"  # type: ignore[union-attr]
    assert acled_type(_event("ASSAULT", "heavy-weapons")).event_type == "Explosions/Remote violence"  # type: ignore[union-attr]
    soldiers = Actor(id="a2", name="Army", kind="GROUP", sector="MIL", sectors=["MIL"])
    villagers = Actor(id="a3", name="villagers", kind="GROUP", sector="CVL", sectors=["CVL"])
    on_army = _event("ASSAULT", "firearms", recipients=["a2"])
    on_civilians = _event("ASSAULT", "firearms", recipients=["a3"])
    actors = {"a2": soldiers, "a3": villagers}
    assert acled_type(on_army, actors).event_type == "Battles"  # type: ignore[union-attr]
    found = acled_type(on_civilians, actors)
    assert found is not None
    assert (found.event_type, found.sub_event_type) == ("Violence against civilians", "Attack")
    assert found.disorder_type == "Political violence"


def test_events_acled_protests_strategic_and_out_of_scope() -> None:
    assert acled_type(_event("PROTEST", "demo")).sub_event_type == "Peaceful protest"  # type: ignore[union-attr]
    assert acled_type(_event("PROTEST", "riot")).event_type == "Riots"  # type: ignore[union-attr]
    assert acled_type(_event("COERCE", "arrest")).sub_event_type == "Arrests"  # type: ignore[union-attr]
    assert acled_type(_event("SUPPORT")) is None  # praise is not an ACLED event
    assert acled_type(_event("CONSULT")) is None
    assert acled_type(_event("ASSAULT", "aerial", status="planned")) is None
    assert acled_type(_event("ASSAULT", "aerial", status="negated")) is None
    for event_type, subs in ACLED_TYPES.items():
        assert subs and event_type


# -- dates --------------------------------------------------------------------------------


def _day(iso: str, precision: str = "day") -> When:
    d = date.fromisoformat(iso)
    return When(value=iso, start=d, end=d, precision=precision, basis="text")  # type: ignore[arg-type]


def test_events_when_offsets_shift_in_both_directions() -> None:
    meeting = _day("2024-10-23")
    two_days = parse_offset("P2D")
    assert two_days == Offset(2.0, "D")
    before = shift(meeting, two_days, "after", forward=False)
    assert before is not None and before.value == "2024-10-21" and before.precision == "day"
    later = shift(_day("2024-10-21"), two_days, "after", forward=True)
    assert later is not None and later.value == "2024-10-23"
    earlier = shift(meeting, Offset(1.5, "M", approximate=True), "after", forward=False)
    assert earlier is not None and earlier.value == "2024-09" and earlier.precision == "month"
    assert shift(meeting, None, "after", forward=False) is None


def test_events_when_precision_from_timex_values() -> None:
    assert precision_of("2024-10-21") == "day"
    assert precision_of("2020-05") == "month"
    assert precision_of("2024-W43") == "week"
    assert precision_of("2019") == "year"
    assert precision_of("2024-Q1") == "quarter"


# -- the component on hand-built parses ------------------------------------------------------

# word, lemma, pos, tag, head, dep
_MEETING_AND_PACT = [
    ("Modi", "Modi", "PROPN", "NNP", 1, "nsubj"),
    ("met", "meet", "VERB", "VBD", 1, "ROOT"),
    ("Xi", "Xi", "PROPN", "NNP", 1, "dobj"),
    ("in", "in", "ADP", "IN", 1, "prep"),
    ("Kazan", "Kazan", "PROPN", "NNP", 3, "pobj"),
    ("on", "on", "ADP", "IN", 1, "prep"),
    ("October", "October", "PROPN", "NNP", 5, "pobj"),
    ("23", "23", "NUM", "CD", 6, "nummod"),
    (".", ".", "PUNCT", ".", 1, "punct"),
    ("The", "the", "DET", "DT", 10, "det"),
    ("meeting", "meeting", "NOUN", "NN", 11, "nsubj"),
    ("came", "come", "VERB", "VBD", 11, "ROOT"),
    ("two", "two", "NUM", "CD", 13, "nummod"),
    ("days", "day", "NOUN", "NNS", 18, "npadvmod"),
    ("after", "after", "SCONJ", "IN", 18, "mark"),
    ("India", "India", "PROPN", "NNP", 18, "nsubj"),
    ("and", "and", "CCONJ", "CC", 15, "cc"),
    ("China", "China", "PROPN", "NNP", 15, "conj"),
    ("signed", "sign", "VERB", "VBD", 11, "advcl"),
    ("a", "a", "DET", "DT", 20, "det"),
    ("pact", "pact", "NOUN", "NN", 18, "dobj"),
    (".", ".", "PUNCT", ".", 11, "punct"),
]


def _doc(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    nlp = spacy.blank("en")
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in (".", ",") for i in range(len(rows))]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        deps=[r[5] for r in rows],
    )


def _char(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _annotate(doc: Doc, *, link: bool) -> None:
    st = state(doc)
    st.published = date(2025, 6, 24)
    people = {
        "a1": ("Narendra Modi", "PERSON", "IND", (0, 1)),
        "a2": ("Xi Jinping", "PERSON", "CHN", (2, 3)),
        "a3": ("India", "COUNTRY", "IND", (15, 16)),
        "a4": ("China", "COUNTRY", "CHN", (17, 18)),
    }
    for aid, (name, kind, country, (s, e)) in people.items():
        if e > len(doc):
            continue
        span = _char(doc, s, e)
        st.actors.append(Actor(id=aid, name=name, kind=kind, country=country, mentions=[span]))
        st.actor_spans[span] = aid
    kazan = _char(doc, 4, 5)
    st.places.append(
        Place(id="p1", name="Kazan", country="RUS", feature_code="PPLA", mentions=[kazan])
    )
    st.place_spans[kazan] = "p1"
    day = _char(doc, 6, 8)
    st.timexes.append(
        Timex(
            id="t1",
            text=doc.text[day[0] : day[1]],
            start=day[0],
            end=day[1],
            type="DATE",
            value="2024-10-23",
            interval=Interval(start=date(2024, 10, 23), end=date(2024, 10, 23)),
            anchor="published",
        )
    )
    if len(doc) < 22:
        return
    offset = _char(doc, 12, 14)
    anchored = _char(doc, 15, 21)
    came = _char(doc, 11, 12)
    st.timexes.append(
        Timex(
            id="t2",
            text=doc.text[offset[0] : offset[1]],
            start=offset[0],
            end=offset[1],
            type="DURATION",
            value="P2D",
            link=TimexLink(
                relation="after",
                offset="P2D",
                anchored=Span(
                    text=doc.text[anchored[0] : anchored[1]], start=anchored[0], end=anchored[1]
                ),
                governor=Span(text="came", start=came[0], end=came[1]),
            )
            if link
            else None,
        )
    )


@pytest.mark.parametrize("link", [True, False], ids=["timex-link", "parse-fallback"])
def test_events_when_event_anchored_offset_dates_the_pact(link: bool) -> None:
    doc = _doc(_MEETING_AND_PACT)
    _annotate(doc, link=link)
    events = extract_events(doc, state(doc))
    by_type = {e.type: e for e in events}
    meeting, pact = by_type["CONSULT"], by_type["SUPPORT"]
    assert meeting.when.value == "2024-10-23" and meeting.when.basis == "text"
    assert [m.trigger.text for m in meeting.mentions] == ["meeting"]  # one event, two mentions
    assert meeting.where == "p1" and meeting.where_basis == "attached"
    assert meeting.actors == ["a1"] and meeting.recipients == ["a2"]
    assert pact.trigger.text == "pact" and pact.cameo == "057"
    assert pact.when.value == "2024-10-21"  # two days before the meeting
    assert pact.when.basis == "text" and pact.when.timex in ("t1", "t2")
    assert pact.actors == ["a3", "a4"]  # a compound actor


def test_events_fallback_date_is_the_publication_date_marked_as_such() -> None:
    doc = _doc(_MEETING_AND_PACT[:9])
    _annotate(doc, link=False)
    st = state(doc)
    st.timexes = []
    (meeting,) = extract_events(doc, st)
    assert meeting.when.basis == "published"
    assert meeting.when.value == "2025-06-24" and meeting.when.timex is None


def test_events_need_a_publication_date() -> None:
    doc = _doc(_MEETING_AND_PACT[:9])
    assert extract_events(doc, state(doc)) == []


# -- scorers ----------------------------------------------------------------------------------


def test_events_eval_markup_spans_align_with_the_text() -> None:
    from dateline.evaluate.events import _event_spans

    text = "Peru and Chile signed a fishing accord on Monday."
    markup = "(SRC: Peru) and (SRC: Chile) (EVT: signed) a fishing (EVT: accord) on Monday."
    spans = _event_spans(markup, text)
    assert [text[s:e] for s, e in spans] == ["signed", "accord"]


def test_events_eval_scores_types_and_counts(tmp_path: Path) -> None:
    from dateline.evaluate.events import GoldRecord, score
    from dateline.model import ArticleRecord

    gold = [
        GoldRecord(id="1", text="A", type="ASSAULT", mode=None, sources=["NGA"], events=[(0, 1)]),
        GoldRecord(id="2", text="B", type="AGREE", mode=None, sources=["GHA"], events=[(0, 1)]),
        GoldRecord(id="3", text="C", type="PROTEST", mode=None, events=[(0, 1)]),
    ]
    troops = Actor(id="a1", name="Nigerian troops", kind="GROUP", country="NGA")
    planned_visit = _event("CONSULT", "visit", status="planned")
    articles = [
        ArticleRecord(
            id="1",
            source="x",
            published=date(2000, 1, 1),
            actors=[troops],
            events=[_event("ASSAULT", actors=["a1"])],
        ),
        ArticleRecord(id="2", source="x", published=date(2000, 1, 1), events=[planned_visit]),
        ArticleRecord(id="3", source="x", published=date(2000, 1, 1)),
    ]
    measures = score(gold, articles)
    assert measures["type_accuracy"] == round(2 / 3, 4)  # the planned visit is PLOVER's AGREE
    assert measures["type_accuracy_raw"] == round(1 / 3, 4)
    assert measures["actor_country_accuracy"] == 0.5
    assert measures["sentences_no_event"] == 1
    assert measures["per_type"]["PROTEST"]["recall"] == 0.0


def test_events_eval_bad_files_are_coded_errors(tmp_path: Path) -> None:
    from dateline.evaluate import events, fivew

    with pytest.raises(ReadError) as info:
        events.load(tmp_path / "missing.json")
    assert info.value.code is Code.E001
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        events.load(bad)
    assert info.value.code is Code.E006 and "bad.json" in info.value.message
    bad.write_text(json.dumps([{"event": "ASSAULT"}]), encoding="utf-8")
    with pytest.raises(ReadError) as info:
        events.load(bad)
    assert info.value.code is Code.E009
    folder = tmp_path / "gold"
    folder.mkdir()
    with pytest.raises(ReadError) as info:
        fivew.load(folder)
    assert info.value.code is Code.E006
    (folder / "a.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        fivew.load(folder)
    assert info.value.code is Code.E009


def test_events_fivew_phrase_overlap() -> None:
    from dateline.evaluate.fivew import overlaps

    assert overlaps(["Hillary Clinton"], ["HILLARY Clinton"])
    assert overlaps(["Trump Tower"], ["outside Trump Towers", "New York"])
    assert not overlaps(["the White House"], ["Croydon"])
    assert not overlaps([], ["Croydon"])


# -- the classifier and the confidence model --------------------------------------------------


def test_events_classifier_training_is_deterministic(tmp_path: Path) -> None:
    from dateline.nlp.events.classifier import TypeClassifier, train_classifier

    texts = [
        "Rebels shelled the town and killed soldiers",
        "Troops attacked the border post with artillery",
        "Workers marched in the capital to protest low pay",
        "Students rallied against the new law in the square",
    ] * 3
    labels = ["ASSAULT", "ASSAULT", "PROTEST", "PROTEST"] * 3
    first = train_classifier(texts, labels, min_count=1, epochs=30)
    second = train_classifier(texts, labels, min_count=1, epochs=30)
    a, b = tmp_path / "a.npz", tmp_path / "b.npz"
    first.save(a)
    second.save(b)
    assert a.read_bytes() == b.read_bytes()
    loaded = TypeClassifier.load(a)
    assert loaded.rank("gunmen shelled the village", ["PROTEST", "ASSAULT"])[0] == "ASSAULT"
    assert loaded.rank("teachers marched to protest", ["ASSAULT", "PROTEST"])[0] == "PROTEST"


def test_events_shipped_models_are_small_and_load() -> None:
    from dateline.nlp.events.classifier import (
        CLASSIFIER_FILE,
        CONFIDENCE_FEATURES,
        CONFIDENCE_FILE,
        confidence_model,
        type_classifier,
    )

    assert CLASSIFIER_FILE.stat().st_size < 2_000_000
    model = type_classifier()
    assert model is not None and model.labels == EVENT_TYPES
    assert model.weights.shape == (len(model.vocab), len(EVENT_TYPES))
    probs = model.probabilities("Police arrested dozens of protesters")
    assert abs(sum(probs.values()) - 1.0) < 1e-6
    assert len(json.loads(CONFIDENCE_FILE.read_text())["coefficients"]) == len(CONFIDENCE_FEATURES)
    assert 0.0 < confidence_model()([1.0] * len(CONFIDENCE_FEATURES)) < 1.0


def test_events_confidence_fit_is_deterministic() -> None:
    from dateline.nlp.events.classifier import fit_confidence

    rows = [[1.0, p, float(p > 0.5)] for p in (0.1, 0.2, 0.4, 0.6, 0.8, 0.9)] * 2
    outcomes = [False, False, False, True, True, True] * 2
    first, second = fit_confidence(rows, outcomes), fit_confidence(rows, outcomes)
    assert first.coefficients == second.coefficients
    assert first([1.0, 0.9, 1.0]) > 0.5 > first([1.0, 0.1, 0.0])
