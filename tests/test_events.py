"""Events end to end on sentences written for these tests: one per type, status, date and
place rule, the arguments, merging, what must yield no event, the seed article and the
bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dateline
from dateline.model import ArticleRecord, Event
from dateline.nlp.geo.gazetteer import fold
from dateline.read import read_path

pytestmark = pytest.mark.model

PUBLISHED = "2024-03-14"  # a Thursday


def extract(text: str) -> ArticleRecord:
    return dateline.extract(text, published=PUBLISHED)


def names(record: ArticleRecord, ids: list[str]) -> list[str]:
    by_id = {a.id: a.name for a in record.actors}
    return [by_id[i] for i in ids]


def place(record: ArticleRecord, event: Event) -> str | None:
    by_id = {p.id: p.name for p in record.places}
    return by_id.get(event.where) if event.where else None


def only(record: ArticleRecord, type_: str) -> Event:
    found = [e for e in record.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in record.events]
    return found[0]


TYPES = [
    (
        "AGREE",
        None,
        "Norway and Sweden agreed on Monday to share fishing quotas in the Barents Sea.",
    ),
    (
        "AGREE",
        None,
        "Chile offered to host peace talks between Peru and Bolivia, the ministry said.",
    ),
    (
        "CONSULT",
        None,
        "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in "
        "Tokyo on Thursday.",
    ),
    ("CONSULT", "visit", "German Chancellor Olaf Scholz visited Beijing last week."),
    ("CONSULT", "multilateral", "The leaders of ASEAN gathered in Jakarta for a two-day summit."),
    (
        "CONSULT",
        "phone",
        "Brazil's foreign minister telephoned his Argentine counterpart on Sunday.",
    ),
    ("SUPPORT", None, "France praised Morocco's new water-sharing plan on Tuesday."),
    ("SUPPORT", None, "Ghana and Togo signed a border treaty in Accra on Friday."),
    ("CONCEDE", None, "Tunisia lifted the nighttime curfew in the capital on Wednesday."),
    ("CONCEDE", None, "The teachers' union called off its strike after talks with the government."),
    (
        "COOPERATE",
        None,
        "Indonesia extradited a suspected Australian fraudster to Australia on Monday.",
    ),
    ("AID", None, "Japan gave Sri Lanka 20 million dollars in emergency aid after the floods."),
    ("AID", None, "Turkey granted asylum to three Syrian journalists."),
    (
        "RETREAT",
        "withdraw",
        "Ethiopia withdrew its troops from the disputed border town on Saturday.",
    ),
    ("RETREAT", "release", "The rebels released twelve Nigerian hostages on Tuesday."),
    ("RETREAT", "resign", "The Peruvian interior minister resigned on Friday."),
    ("REQUEST", "yield", "Kenya urged Somalia to reopen the border crossing."),
    ("REQUEST", "yield", "The United Nations called for an immediate ceasefire in Sudan."),
    ("ACCUSE", "allege", "Serbia accused Kosovo of provoking violence in the north."),
    ("ACCUSE", "disapprove", "Canada condemned Russia's attack on the Ukrainian port on Monday."),
    (
        "ACCUSE",
        "investigate",
        "Italian prosecutors opened an investigation into the Libyan coast guard.",
    ),
    ("REJECT", "meet", "Venezuela rejected Guyana's proposal for direct talks."),
    ("REJECT", "assist", "Hungary vetoed the European Union's aid package for Ukraine."),
    ("THREATEN", "violence", "North Korea threatened to launch missiles at South Korea."),
    ("THREATEN", None, "Iran warned Israel that it would retaliate against any attack."),
    (
        "PROTEST",
        "demo",
        "Thousands of Armenians protested in Yerevan on Sunday against the border deal.",
    ),
    ("PROTEST", "strike", "Nigerian doctors went on strike on Monday over unpaid salaries."),
    ("PROTEST", "riot", "Chilean students rioted in Santiago on Thursday."),
    ("SANCTION", None, "The United States imposed sanctions on Iranian oil exporters on Tuesday."),
    ("SANCTION", "expel", "Lithuania expelled two Russian diplomats."),
    ("SANCTION", "discontinue", "Mali suspended military aid to the rebels."),
    ("SANCTION", "expel", "Peru ordered two Venezuelan diplomats to leave the country."),
    ("MOBILIZE", "troops", "Azerbaijan deployed troops along the Armenian border on Wednesday."),
    ("MOBILIZE", "troops", "China held military exercises near Taiwan on Saturday."),
    ("COERCE", "arrest", "Turkish police arrested forty Kurdish activists in Istanbul on Friday."),
    ("COERCE", "ban", "The Nicaraguan government banned the main opposition party."),
    ("COERCE", "curfew", "Thai authorities imposed a curfew in the southern provinces."),
    ("ASSAULT", "aerial", "Russian aircraft bombed the Syrian town of Idlib on Monday."),
    ("ASSAULT", "abduct", "Gunmen abducted twenty schoolchildren in northern Nigeria on Friday."),
    (
        "ASSAULT",
        None,
        "Pakistani troops clashed with Afghan forces at the border crossing on Tuesday.",
    ),
    ("ASSAULT", "heavy-weapons", "Israeli artillery shelled positions in southern Lebanon."),
]


@pytest.mark.parametrize(("type_", "mode", "text"), TYPES, ids=[f"{t}-{m}" for t, m, _ in TYPES])
def test_events_type_and_mode(pipeline: object, type_: str, mode: str | None, text: str) -> None:
    record = extract(text)
    found = [e for e in record.events if e.type == type_]
    assert found, [(e.type, e.trigger.text) for e in record.events]
    assert any(e.mode == mode for e in found), [(e.type, e.mode) for e in found]
    for event in record.events:
        assert event.cameo and event.cameo.isdigit()
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text


def test_events_light_verbs_change_the_noun_event(pipeline: object) -> None:
    lifted = only(extract("Tunisia lifted the nighttime curfew in the capital."), "CONCEDE")
    assert lifted.trigger.text == "lifted"
    imposed = only(extract("Tunisia imposed a nighttime curfew in the capital."), "COERCE")
    assert imposed.trigger.text == "curfew" and imposed.mode == "curfew"
    talks = only(extract("Vietnam and the Philippines held talks in Hanoi on Monday."), "CONSULT")
    assert talks.trigger.text == "talks"


def test_events_one_event_per_predicate_chain(pipeline: object) -> None:
    record = extract("Iran threatened to launch a new offensive against Iraq.")
    assert [(e.type, e.mode) for e in record.events] == [("THREATEN", "violence")]
    record = extract("The European Union demanded the withdrawal of Serbian forces from Bosnia.")
    assert [e.type for e in record.events] == ["REQUEST"]


# -- status ---------------------------------------------------------------------------------

STATUSES = [
    ("planned", "Egypt will host talks between Israel and Hamas next week."),
    ("planned", "Poland is set to expel three Belarusian diplomats."),
    ("planned", "Greece is expected to sign a defence pact with France."),
    ("planned", "Mexico plans to deploy troops to the northern border."),
    ("planned", "Hamas is to release 33 Israeli hostages in stages."),
    ("hypothetical", "Colombia may suspend talks with the ELN rebels."),
    ("hypothetical", "The European Union could lift sanctions on Belarus."),
    ("negated", "Russia denied attacking the Ukrainian convoy."),
    ("negated", "Jordan did not sign the agreement."),
    ("negated", "Algeria never recalled its ambassador from Paris."),
    ("ongoing", "Iranian nurses are continuing their strike in Tehran."),
    ("occurred", "Vietnam and the Philippines held talks in Hanoi on Monday."),
]


@pytest.mark.parametrize(("status", "text"), STATUSES, ids=[t[:30] for _, t in STATUSES])
def test_events_status_cues(pipeline: object, status: str, text: str) -> None:
    record = extract(text)
    assert record.events
    assert record.events[0].status == status


def test_events_status_a_date_after_publication_is_planned(pipeline: object) -> None:
    record = extract(
        "Leaders of the bloc will meet at a two-day summit in Lima that begins on Wednesday."
    )
    summit = only(record, "CONSULT")
    assert summit.status == "planned"


def test_events_conditional_promise_is_a_threat(pipeline: object) -> None:
    record = extract(
        "Ghana will withdraw its peacekeepers from Mali unless the junta holds elections."
    )
    assert record.events[0].type == "THREATEN"


def test_events_said_it_would_is_planned(pipeline: object) -> None:
    record = extract("Syria says it will not accept any more refugees.")
    event = record.events[0]
    assert event.status == "negated"
    assert names(record, event.actors) == ["Syria"]  # "it" is the speaker


# -- when -------------------------------------------------------------------------------------


def test_events_when_attached_expression_dates_its_own_event(pipeline: object) -> None:
    record = extract(
        "Turkish troops crossed into Syria in May and attacked Kurdish positions in June."
    )
    attack = only(record, "ASSAULT")
    assert attack.when.value.endswith("-06") and attack.when.precision == "month"
    assert attack.when.basis == "text" and attack.when.timex is not None


def test_events_when_coordinated_verbs_share_a_date(pipeline: object) -> None:
    record = extract(
        "In December, Peru's foreign minister visited Lima and held talks with his "
        "Chilean counterpart."
    )
    (event,) = record.events
    assert event.type == "CONSULT" and event.when.value.endswith("-12")
    assert [m.trigger.text for m in event.mentions] == ["talks"]


def test_events_when_the_report_date_is_an_inference(pipeline: object) -> None:
    record = extract("Kenya said on Tuesday that Ethiopian troops had attacked a border post.")
    attack = only(record, "ASSAULT")
    assert attack.when.value == "2024-03-12"
    assert attack.when.basis == "inferred"


def test_events_when_fallback_is_the_publication_date(pipeline: object) -> None:
    record = extract("Lithuania expelled two Russian diplomats.")
    event = only(record, "SANCTION")
    assert (event.when.value, event.when.basis, event.when.timex) == (PUBLISHED, "published", None)


def test_events_when_a_two_day_meeting_lasts_two_days(pipeline: object) -> None:
    record = extract(
        "Leaders of the bloc will meet at a two-day summit in Lima that begins on Wednesday."
    )
    summit = only(record, "CONSULT")
    assert (summit.when.end - summit.when.start).days == 1
    assert summit.mode == "multilateral" and place(record, summit) == "Lima"


def test_events_when_event_anchored_offset(pipeline: object) -> None:
    record = extract(
        "Narendra Modi met Xi Jinping in Kazan on October 23. The meeting came two days "
        "after India and China signed a border pact."
    )
    meeting = only(record, "CONSULT")
    pact = only(record, "SUPPORT")
    assert meeting.when.value.endswith("-10-23") and len(meeting.mentions) == 1
    assert (meeting.when.start - pact.when.start).days == 2 and pact.when.precision == "day"
    assert pact.when.basis == "text"


def test_events_when_neighbouring_planned_event(pipeline: object) -> None:
    record = extract(
        "Defence ministers of the bloc will gather in Minsk for a summit on Monday. "
        "Singh will also hold talks with his Russian counterpart."
    )
    talks = next(e for e in record.events if e.trigger.text == "talks")
    assert talks.status == "planned"
    assert talks.when.basis == "inferred" and talks.when.value == "2024-03-18"


def test_events_when_an_ongoing_state_keeps_its_interval(pipeline: object) -> None:
    record = extract("The military standoff between Armenia and Azerbaijan began in January 2023.")
    standoff = only(record, "MOBILIZE")
    assert standoff.status == "ongoing" and standoff.when.value == "2023-01"
    assert standoff.when.start.isoformat() == "2023-01-01"
    assert standoff.when.end.isoformat() == PUBLISHED


# -- where -------------------------------------------------------------------------------------


def test_events_where_attached_sentence_and_dateline(pipeline: object) -> None:
    record = extract("Turkish police arrested forty Kurdish activists in Istanbul on Friday.")
    arrest = only(record, "COERCE")
    assert fold(place(record, arrest) or "") == "istanbul" and arrest.where_basis == "attached"
    text = "Nairobi: Kenya urged Somalia to reopen the border crossing on Monday."
    record = dateline.extract(text, published=PUBLISHED)
    request = only(record, "REQUEST")
    assert place(record, request) == "Nairobi" and request.where_basis == "dateline"


def test_events_where_a_participant_is_not_the_place(pipeline: object) -> None:
    record = extract("India and China held talks on the border dispute on Monday.")
    talks = only(record, "CONSULT")
    assert talks.where is None or talks.where_basis not in ("attached", "sentence")


# -- arguments --------------------------------------------------------------------------------


def test_events_arguments_passive_and_coordination(pipeline: object) -> None:
    record = extract("The Indian embassy in Kabul was attacked by Taliban fighters on Sunday.")
    attack = only(record, "ASSAULT")
    assert attack.status == "occurred"
    record = extract("India and China held talks in Beijing on Monday.")
    talks = only(record, "CONSULT")
    assert sorted(names(record, talks.actors)) == ["China", "India"]
    record = extract("Canada held talks with Mexico on Monday.")
    talks = only(record, "CONSULT")
    assert names(record, talks.actors) == ["Canada"] and names(record, talks.recipients) == [
        "Mexico"
    ]


def test_events_arguments_between(pipeline: object) -> None:
    record = extract("A meeting between Egypt and Ethiopia took place in Cairo on Monday.")
    meeting = only(record, "CONSULT")
    assert sorted(names(record, meeting.actors)) == ["Egypt", "Ethiopia"]


# -- merging -----------------------------------------------------------------------------------


def test_events_merge_same_event_twice(pipeline: object) -> None:
    record = extract(
        "Ghana and Togo signed a border treaty on October 21. The treaty was signed in "
        "Accra after two years of talks."
    )
    treaties = [e for e in record.events if e.type == "SUPPORT"]
    assert len(treaties) == 1 and len(treaties[0].mentions) == 1


def test_events_merge_keeps_different_actors_apart(pipeline: object) -> None:
    record = extract("Peru expelled a Chilean diplomat. Bolivia expelled a Brazilian diplomat.")
    assert len([e for e in record.events if e.type == "SANCTION"]) == 2


# -- precision ---------------------------------------------------------------------------------

NOT_EVENTS = [
    "The weather in Lima was mild and sunny on Sunday.",
    "The Lakers beat the Celtics 110-98 on Sunday night.",
    "Seven people were killed when a bus overturned on a mountain road in Nepal.",
    "Share prices rose sharply in Tokyo on Monday.",
    "The minister launched a diplomatic offensive against the new tariffs.",
    "Pakistan-backed groups have long operated in the area.",
    "The rainy season cuts off the northern roads every year.",
]


@pytest.mark.parametrize("text", NOT_EVENTS, ids=[t[:30] for t in NOT_EVENTS])
def test_events_no_political_action_no_event(pipeline: object, text: str) -> None:
    assert extract(text).events == []


# -- the seed article and the samples -----------------------------------------------------------


def test_events_seed_article_targets(pipeline, seed_path: Path) -> None:  # type: ignore[no-untyped-def]
    (article,) = list(read_path(seed_path))
    record = pipeline.annotate_one(article)
    places = {p.id: p.name for p in record.places}
    actors = {a.id: a.name for a in record.actors}

    def find(type_: str, trigger: str, actor: str | None = None) -> Event:
        for e in record.events:
            triggers = [e.trigger.text, *(m.trigger.text for m in e.mentions)]
            who = [actors[a] for a in e.actors + e.recipients]
            if e.type == type_ and trigger in triggers and (actor is None or actor in who):
                return e
        raise AssertionError(
            f"no {type_} '{trigger}': {[(e.type, e.trigger.text) for e in record.events]}"
        )

    conclave = find("CONSULT", "conclave")
    assert conclave.status == "planned" and conclave.when.value == "2025-06-25"
    assert conclave.mode == "multilateral" and places.get(conclave.where or "") == "Qingdao"
    strikes = find("ASSAULT", "strikes")
    assert strikes.when.value == "2025-05" and "India" in [actors[a] for a in strikes.actors]
    assert places.get(strikes.where or "") == "Pakistan"
    standoff = find("MOBILIZE", "standoff")
    assert standoff.when.value == "2020-05" and standoff.status == "ongoing"
    assert standoff.when.start.isoformat() == "2020-05-01"
    assert standoff.when.end == record.published  # still under way as far as the text says
    clash = find("ASSAULT", "clash")
    assert clash.when.value == "2020-06"
    pact = find("SUPPORT", "pact")
    assert pact.when.value == "2024-10-21"
    assert len([e for e in record.events if e.when.value == "2024-10-21"]) == 1  # one event
    assert {m.trigger.text for m in pact.mentions} | {pact.trigger.text} >= {"pact", "agreement"}
    talks = find("CONSULT", "talks", actor="Wang Yi")
    assert talks.when.value == "2024-12" and places.get(talks.where or "") == "Beijing"
    assert "Wang Yi" in [actors[a] for a in talks.recipients]
    meeting = find("CONSULT", "meeting", actor="Xi Jinping")
    assert meeting.when.value == "2024-10-23" and places.get(meeting.where or "") == "Kazan"
    assert {"Narendra Modi", "Xi Jinping"} <= {actors[a] for a in meeting.actors}
    # Places the gazetteer knows must be the ones the events name.
    for name, event in (("Ladakh", standoff), ("Galwan Valley", clash)):
        known = [pid for pid, n in places.items() if n == name]
        if known:
            assert event.where in known


def test_events_samples_are_not_overgenerated(pipeline: object) -> None:
    from dateline.samples import sample_paths

    sentences = events = 0
    for path in sample_paths():
        (article,) = list(read_path(path))
        record = pipeline.annotate_one(article)  # type: ignore[attr-defined]
        text = Path(path).read_text(encoding="utf-8")
        sentences += len(list(pipeline.nlp(article.body).sents))  # type: ignore[attr-defined]
        events += len(record.events)
        for e in record.events:
            assert text[e.sentence.start : e.sentence.end] == e.sentence.text
            assert 0.0 < e.confidence < 1.0
    assert events / sentences < 1.0


# -- the main event ------------------------------------------------------------------------------


def test_events_main_event_of_the_lead(pipeline) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from dateline.nlp.events.main import main_event
    from dateline.read.base import Article

    text = (
        "Click to share on WhatsApp (Opens in new window). A gunman opened fire in downtown "
        "Lima on Wednesday night, not far from protests over the election result. Police said "
        "the shooting followed an argument."
    )
    doc = pipeline.nlp(
        pipeline.make_doc(Article(text=text, published=date(2024, 3, 14), source="x"))
    )
    main = main_event(doc)
    assert main is not None and main.event is not None
    assert main.what == "opened" and [fold(w).removeprefix("a ") for w in main.who] == [
        "gunman"
    ]  # the main clause, not the protests
    assert main.when is not None and main.when.value == "2024-03-13"
    assert main.where is not None and main.where.name == "Lima"
    quiet = "The weather stayed mild across Peru this week. Farmers reported a good harvest."
    doc = pipeline.nlp(
        pipeline.make_doc(Article(text=quiet, published=date(2024, 3, 14), source="x"))
    )
    main = main_event(doc)
    assert main is not None and main.event is None  # no political event: the lead's answers
    assert main.when is not None and main.when.basis == "published"


# -- the eval commands -------------------------------------------------------------------------


def test_events_eval_commands_on_tiny_gold(pipeline: object, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dateline.cli import app

    records = [
        {
            "id": "r1",
            "event": "FIGHT",
            "text": "Sudanese troops shelled the rebel town of Kauda on Monday.",
            "textInfo": {
                "markup": "(SRC: Sudanese troops) (EVT: shelled) the rebel town of "
                "(TAR: Kauda) on Monday."
            },
            "source": [{"actorText": "Sudanese troops", "code": "SDN"}],
        },
        {"id": "doc", "event": "DOCUMENT"},
    ]
    gold = tmp_path / "plover.json"
    gold.write_text(json.dumps(records), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "events", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    measures = json.loads(result.output.strip().splitlines()[-1])
    assert measures["records"] == 1 and measures["type_accuracy"] == 1.0

    folder = tmp_path / "fivew"
    folder.mkdir()
    article = {
        "title": "Talks in Hanoi",
        "text": "Vietnam and the Philippines held talks in Hanoi on Monday. Both sides said "
        "the talks went well.",
        "date_publish": "2024-03-14 10:00:00",
        "fiveWoneH": {
            "when": {"annotated": [{"text": "Monday", "parsed": "2024-03-11"}]},
            "where": {"annotated": [{"text": "Hanoi"}]},
            "who": {"annotated": [{"text": "Vietnam and the Philippines"}]},
        },
    }
    (folder / "a.json").write_text(json.dumps(article), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "fivew", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    measures = json.loads(result.output.strip().splitlines()[-1])
    assert measures["when_accuracy"] == 1.0
    assert measures["where_accuracy"] == 1.0 and measures["who_accuracy"] == 1.0
    result = CliRunner().invoke(app, ["eval", "events", str(tmp_path / "nothing.json")])
    assert result.exit_code == 2 and "E001" in result.output
