"""The command line, through Typer's runner; assertions on store contents, not prose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.store import Store

runner = CliRunner()


def run(*args: str) -> object:
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_cli_help_lists_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    for command in ("extract", "ingest", "events", "timeline", "schema", "demo"):
        assert command in result.output  # type: ignore[attr-defined]


def test_cli_schema_is_json() -> None:
    result = run("schema")
    schema = json.loads(result.output)  # type: ignore[attr-defined]
    assert "ArticleRecord" in schema["$defs"]


@pytest.mark.model
def test_cli_extract_json(data: Path) -> None:
    result = run("extract", str(data / "dated.txt"), "--format", "json")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    doc = json.loads(result.output)  # type: ignore[attr-defined]
    (article,) = doc["articles"]
    text = (data / "dated.txt").read_text()
    for t in article["timexes"]:
        assert text[t["start"] : t["end"]] == t["text"]
    assert article["published"] == "2024-07-09"


@pytest.mark.model
def test_cli_extract_keeps_input_order_and_ids(data: Path) -> None:
    result = run("extract", str(data / "articles.jsonl"), "--format", "jsonl")
    ids = [json.loads(line)["id"] for line in result.output.splitlines()]  # type: ignore[attr-defined]
    assert ids == ["jl-1", "jl-2", "jl-3"]


@pytest.mark.model
def test_cli_extract_reports_bad_files_and_exit_code(data: Path) -> None:
    result = runner.invoke(app, ["extract", str(data / "dated.txt"), str(data / "binary.bin")])
    assert result.exit_code == 1
    assert "binary.bin" in result.output


def test_cli_extract_only_bad_files(data: Path) -> None:
    result = runner.invoke(app, ["extract", str(data / "missing.txt")])
    assert result.exit_code == 2
    assert "E001" in result.output


@pytest.mark.model
def test_cli_ingest_twice_adds_nothing(data: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    inputs = [str(data / n) for n in ("dated.txt", "articles.jsonl", "feed.rss")]
    first = run("ingest", *inputs, "--db", db, "--quiet")
    assert first.exit_code == 0  # type: ignore[attr-defined]
    counts = Store(db).counts()
    assert counts["articles"] == 6
    second = run("ingest", *inputs, "--db", db, "--quiet")
    assert second.exit_code == 0  # type: ignore[attr-defined]
    assert Store(db).counts() == counts
    runs = Store(db).runs()
    assert [r["articles_stored"] for r in runs] == [6, 0]
    assert [r["articles_skipped"] for r in runs] == [0, 6]


@pytest.mark.model
def test_cli_ingest_bad_file_stores_the_rest(data: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    result = runner.invoke(
        app, ["ingest", str(data / "bad.jsonl"), str(data / "dated.txt"), "--db", db, "--quiet"]
    )
    assert result.exit_code == 1
    assert "bad.jsonl:2" in result.output
    assert Store(db).counts()["articles"] == 1  # nothing of bad.jsonl, all of dated.txt


@pytest.mark.model
def test_cli_ingest_skip_bad(data: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    result = runner.invoke(app, ["ingest", str(data / "bad.jsonl"), "--skip-bad", "--db", db, "-q"])
    assert result.exit_code == 0
    assert "W001" in result.output
    assert Store(db).counts()["articles"] == 2


@pytest.mark.model
def test_cli_events_filters_and_formats(data: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    run("ingest", str(data / "dated.txt"), "--db", db, "--quiet")
    everything = json.loads(run("events", "--db", db, "--format", "json").output)  # type: ignore[attr-defined]
    assert everything
    for event in everything:
        assert event["mentions"] and event["mentions"][0]["sentence"]["text"]
    ukr = json.loads(run("events", "--db", db, "--country", "UKR", "-f", "json").output)  # type: ignore[attr-defined]
    assert ukr and all(
        any(a["country"] == "UKR" for a in e["actors"] + e["recipients"]) for e in ukr
    )
    none = json.loads(run("events", "--db", db, "--country", "ZZZ", "-f", "json").output)  # type: ignore[attr-defined]
    assert none == []
    csv_out = run("events", "--db", db, "--format", "csv").output  # type: ignore[attr-defined]
    assert csv_out.splitlines()[0].startswith("event_id,event_date,")
    timeline = run("timeline", "--db", db)
    assert timeline.exit_code == 0  # type: ignore[attr-defined]


def test_cli_bad_options_are_coded_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    for args in (
        ["events", "--db", db, "--type", "PARTY"],
        ["events", "--db", db, "--from", "2024-02-31"],
        ["events", "--db", db, "--pair", "IND"],
        ["ingest", "--db", db],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert "E012" in result.output, args


def test_cli_unreachable_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", "postgresql://x@127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "E008" in result.output


@pytest.mark.model
def test_cli_demo_ingests_samples(tmp_path: Path) -> None:
    from dateline.samples import sample_paths

    db = str(tmp_path / "demo.db")
    result = run("demo", "--db", db)
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "dateline timeline --db" in result.output  # type: ignore[attr-defined]
    counts = Store(db).counts()
    assert counts["articles"] == len(sample_paths()) >= 10
    assert counts["events"] > 0
