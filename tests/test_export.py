"""Exports: each opens in its target reader; JSONL and Parquet round-trip (hypothesis);
the registry takes plugins; every column is documented."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dateline.cli import app
from dateline.errors import DatelineError
from dateline.export import Exporter, exporters, get
from dateline.export.rows import COLUMN_NAMES, COLUMNS, event_row
from dateline.model import ActorRef, EventMention, PlaceRef, SentenceSpan, Span, StoredEvent, When
from dateline.store import Filters, Store
from tests.builders import meeting_a, meeting_b, month, report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "events.db")
    s.add([meeting_a()])
    s.add([meeting_b()])
    s.add(
        [
            report(
                "Peru and Norway signed a fisheries accord in Oslo in March.",
                published="2023-04-02",
                source="e.txt",
                actors=[("Peru", "PER")],
                recipients=[("Norway", "NOR")],
                trigger="signed",
                type_="AGREE",
                when=month("2023-03"),
                place="Oslo",
            ),
            report(
                "Peru protested to Norway.",
                published="2023-05-02",
                source="f.txt",
                actors=[("Peru", "PER")],
                recipients=[("Norway", "NOR")],
                trigger="protested",
                type_="PROTEST",
                place=None,
            ),
        ]
    )
    return s


def _export(store: Store, fmt: str, out: Path, **filters: object) -> int:
    from dateline.export import export

    return export(store, fmt, out, Filters(**filters))  # type: ignore[arg-type]


def test_export_builtins_are_registered() -> None:
    assert {"csv", "parquet", "jsonl", "geojson", "gexf", "graphml", "gdelt"} <= set(exporters())


def test_export_csv_opens_in_pandas(store: Store, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "events.csv"
    assert _export(store, "csv", out) == 3
    frame = pd.read_csv(out, parse_dates=["event_date"])
    assert tuple(frame.columns) == COLUMN_NAMES
    meeting = frame[frame["plover_type"] == "CONSULT"].iloc[0]
    assert meeting["event_date"] == pd.Timestamp("2024-10-23")
    assert meeting["articles"] == 2
    assert meeting["time_precision"] == 1
    accord = frame[frame["plover_type"] == "AGREE"].iloc[0]
    assert accord["time_precision"] == 3
    assert accord["date_precision"] == "month"
    assert accord["actor1"] == "Peru" and accord["actor2"] == "Norway"


def test_export_csv_filters(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert _export(store, "csv", out, country=["NOR"]) == 2
    assert _export(store, "csv", out, bbox=(0.0, 50.0, 60.0, 70.0)) == 2


def test_export_parquet_file_opens_in_pyarrow(store: Store, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert _export(store, "parquet", out) == 3
    table = pq.read_table(out)
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("mentions").type == pa.int64()
    assert table.num_rows == 3


def test_export_parquet_folder_is_partitioned_by_month(store: Store, tmp_path: Path) -> None:
    import pyarrow.dataset as ds

    out = tmp_path / "events"
    assert _export(store, "parquet", out) == 3
    assert sorted(p.name for p in out.iterdir()) == [
        "year_month=2023-03",
        "year_month=2024-10",
    ]
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 3


def test_export_geojson_parses_as_points(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    assert _export(store, "geojson", out) == 2  # one event has no place
    data = json.loads(out.read_text())
    assert data["type"] == "FeatureCollection"
    kazan = next(f for f in data["features"] if f["properties"]["location"] == "Kazan")
    assert kazan["geometry"] == {"type": "Point", "coordinates": [49.12, 55.79]}
    assert kazan["properties"]["event_date"] == "2024-10-23"


def test_export_gexf_opens_in_networkx_with_dated_edges(store: Store, tmp_path: Path) -> None:
    import networkx as nx

    out = tmp_path / "actors.gexf"
    assert _export(store, "gexf", out) == 3
    graph = nx.read_gexf(out)
    assert graph.graph["mode"] == "dynamic"
    assert 'timeformat="date"' in out.read_text()
    edges = list(graph.edges(data=True))
    assert {e[2]["event_type"] for e in edges} == {"CONSULT", "AGREE", "PROTEST"}
    assert any(e[2].get("start") == "2023-03-01" for e in edges)


def test_export_graphml_opens_in_networkx(store: Store, tmp_path: Path) -> None:
    import networkx as nx

    out = tmp_path / "actors.graphml"
    _export(store, "graphml", out)
    graph = nx.read_graphml(out)
    assert graph.number_of_edges() == 3
    assert graph.nodes["Peru|PER"]["country"] == "PER"


def test_export_gdelt_tsv_has_no_header(store: Store, tmp_path: Path) -> None:
    import pandas as pd

    from dateline.export.gdelt import COLUMNS as GDELT

    out = tmp_path / "events.tsv"
    assert _export(store, "gdelt", out) == 3
    frame = pd.read_csv(out, sep="\t", header=None, names=list(GDELT), dtype=str)
    assert len(frame) == 3
    row = frame[frame["EventRootCode"] == "04"].iloc[0]
    assert row["SQLDATE"] == "20241023"
    assert row["NumArticles"] == "2"


def test_export_to_dataframe_types(store: Store) -> None:
    frame = store.to_dataframe()
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert str(frame["plover_type"].dtype) == "category"
    assert len(store.to_dataframe(type=["AGREE"])) == 1


def test_export_unknown_format_is_a_coded_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(DatelineError) as info:
        _export(store, "xlsx", tmp_path / "x.xlsx")
    assert info.value.code.name == "E012"


def test_export_plugins_come_from_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateline.export as export_module

    written: list[int] = []

    def write(events: object, out: Path) -> int:
        written.append(1)
        return 0

    class FakeEntryPoint:
        name = "stata"
        value = "plugin:write"

        def load(self) -> object:
            return Exporter("stata", ".dta", "Stata files", write)

    monkeypatch.setattr(export_module, "_loaded", False)
    monkeypatch.setattr(export_module, "entry_points", lambda group: [FakeEntryPoint()])
    monkeypatch.setattr(export_module, "_REGISTRY", dict(export_module._REGISTRY))
    assert get("stata").suffix == ".dta"
    assert "csv" in exporters()


def test_export_cli_writes_the_file(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    db = store.url.removeprefix("sqlite:///")
    result = CliRunner().invoke(
        app, ["export", "--db", db, "--format", "csv", "--out", str(out), "--type", "AGREE"]
    )
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 2
    bad = CliRunner().invoke(
        app, ["export", "--db", db, "-f", "csv", "-o", str(out), "--bbox", "1,2"]
    )
    assert bad.exit_code == 2
    assert "E012" in bad.output


@pytest.mark.parametrize(
    ("type_", "mode", "status", "recipient_sector", "expected"),
    [
        ("ASSAULT", "aerial", "occurred", None,
         ("Political violence", "Explosions/Remote violence", "Air/drone strike")),
        ("ASSAULT", None, "occurred", "MIL", ("Political violence", "Battles", "Armed clash")),
        ("ASSAULT", None, "occurred", "CVL",
         ("Political violence", "Violence against civilians", "Attack")),
        ("PROTEST", "demo", "occurred", None, ("Demonstrations", "Protests", "Peaceful protest")),
        ("ASSAULT", "aerial", "planned", None, (None, None, None)),
        ("CONSULT", "visit", "occurred", None, (None, None, None)),
    ],
)  # fmt: skip
def test_export_acled_type_columns(
    type_: str, mode: str | None, status: str, recipient_sector: str | None,
    expected: tuple[str | None, str | None, str | None],
) -> None:  # fmt: skip
    day = date(2024, 5, 6)
    recipients = (
        [ActorRef(name="x", kind="GROUP", sector=recipient_sector)] if recipient_sector else []
    )
    event = StoredEvent(
        id="ev-1", type=type_, mode=mode, status=status,  # type: ignore[arg-type]
        when=When(value=day.isoformat(), start=day, end=day, precision="day", basis="text"),
        actors=[ActorRef(name="Army", kind="GROUP", country="SDN", sector="MIL")],
        recipients=recipients, confidence=0.8, mention_count=1, article_count=1,
        source_count=1, first_reported=day, last_reported=day,
    )  # fmt: skip
    row = event_row(event)
    assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == expected
    assert row["plover_type"] == type_


# -- round trips ----------------------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_opt = st.none() | _text
_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
_actor = st.builds(ActorRef, name=_text, kind=st.sampled_from(["PERSON", "COUNTRY"]), country=_opt)


@st.composite
def stored_events(draw: st.DrawFn) -> StoredEvent:
    start = draw(_day)
    end = draw(st.dates(min_value=start, max_value=date(2100, 12, 31)))
    mentions = draw(
        st.lists(
            st.builds(
                EventMention,
                article=_text,
                source=_text,
                published=_day,
                event=st.just("e1"),
                trigger=st.builds(
                    Span, text=_text, start=st.integers(0, 99), end=st.integers(0, 99)
                ),
                sentence=st.builds(SentenceSpan, start=st.just(0), end=st.just(5), text=_opt),
                confidence=st.floats(0, 1),
            ),
            min_size=1,
            max_size=3,
        )
    )
    return StoredEvent(
        id=draw(_text),
        type=draw(st.sampled_from(["CONSULT", "ASSAULT", "AGREE"])),
        mode=draw(_opt),
        cameo=draw(st.none() | st.sampled_from(["040", "190"])),
        status=draw(st.sampled_from(["occurred", "planned", "negated"])),
        when=When(
            value=start.isoformat(),
            start=start,
            end=end,
            precision=draw(st.sampled_from(["day", "month", "year"])),
            basis=draw(st.sampled_from(["text", "published"])),
        ),
        where=draw(
            st.none()
            | st.builds(
                PlaceRef,
                name=_text,
                lat=st.floats(-90, 90),
                lon=st.floats(-180, 180),
                country=_opt,
                geonameid=st.none() | st.integers(1, 10**7),
            )
        ),
        actors=draw(st.lists(_actor, max_size=3)),
        recipients=draw(st.lists(_actor, max_size=2)),
        confidence=draw(st.floats(0, 1)),
        mention_count=len(mentions),
        article_count=len(mentions),
        source_count=1,
        first_reported=min(m.published for m in mentions),
        last_reported=max(m.published for m in mentions),
        mentions=mentions,
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=st.lists(stored_events(), max_size=5))
def test_export_jsonl_round_trips(tmp_path: Path, events: list[StoredEvent]) -> None:
    from dateline.export.jsonl import read_jsonl, write_jsonl

    out = tmp_path / "events.jsonl"
    assert write_jsonl(events, out) == len(events)
    assert list(read_jsonl(out)) == events


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=st.lists(stored_events(), max_size=5))
def test_export_parquet_round_trips(tmp_path: Path, events: list[StoredEvent]) -> None:
    import pyarrow.parquet as pq

    from dateline.export.parquet import write_parquet

    out = tmp_path / "events.parquet"
    assert write_parquet(events, out) == len(events)
    assert pq.read_table(out).to_pylist() == [event_row(e) for e in events]


# -- docs ------------------------------------------------------------------------------------


def test_export_every_column_and_format_is_documented() -> None:
    from dateline.export.gdelt import COLUMNS as GDELT

    text = (ROOT / "docs" / "formats.md").read_text()
    for name, _ in COLUMNS:
        assert f"| `{name}` |" in text, f"docs/formats.md does not document {name}"
    for name in GDELT:
        assert f"| `{name}` |" in text, f"docs/formats.md does not document {name}"
    for name in exporters():
        assert f"## {name}" in text, f"docs/formats.md has no section for {name}"
