"""The actor-coding scorer: case reading and judging, without and with the shared data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import ReadError
from dateline.evaluate.actors import REFERENCE_DAY, Case, judge, read_cases


def case(expected: dict[str, object]) -> Case:
    return Case("c", "text", "", REFERENCE_DAY, expected)


def test_actors_eval_judges_country_and_sectors() -> None:
    out = judge(case({"country": "FRA", "code_1": "GOV", "code_2": "MIL"}), "FRA", ["GOV", "MIL"])
    assert (out.country_ok, out.sector_ok, out.secondary_ok) == (True, True, True)
    out = judge(case({"country": "", "code_1": "MIL"}), None, ["MIL"])
    assert (out.country_ok, out.sector_ok) == (True, True)
    out = judge(case({"country": "", "code_1": "MIL"}), "USA", [])
    assert (out.country_ok, out.sector_ok) == (False, False)


def test_actors_eval_special_comparisons() -> None:
    assert judge(case({"country__NotEq": "GBR"}), "KEN", []).country_ok is True
    assert judge(case({"code_1__In": ["PTY", "REB"]}), None, ["REB"]).sector_ok is True
    none = judge(case({"code__Is": None}), None, [])
    assert (none.country_ok, none.sector_ok) == (True, True)
    assert judge(case({"code__Is": None}), "USA", []).country_ok is False


def test_actors_eval_reads_cases(tmp_path: Path) -> None:
    rows = [
        {
            "method": "agent_to_code",
            "args": ["Kenyan police", "", "2020-05-01"],
            "expected": {"country": "KEN"},
            "case_id": "x1",
        },
        {
            "method": "agent_to_code",
            "args": ["Some minister", "Kenya", "Today"],
            "expected": {"code_1": "GOV"},
        },
        {"method": "query_wiki", "args": ["Nairobi"], "expected": {"title": "Nairobi"}},
        {"method": "short_text_to_agent", "args": [None], "expected": {"code_1": "COP"}},
    ]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    cases = read_cases(path)
    assert [c.text for c in cases] == ["Kenyan police", "Some minister"]
    assert cases[0].day == date(2020, 5, 1) and cases[0].id == "x1"
    assert cases[1].day == REFERENCE_DAY and cases[1].context == "Kenya"


def test_actors_eval_rejects_a_file_without_cases(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text('{"method": "query_wiki", "args": ["x"]}\n', encoding="utf-8")
    with pytest.raises(ReadError):
        read_cases(path)


@pytest.mark.model
def test_actors_eval_on_the_ngec_tests(pipeline: object, shared_data: Path) -> None:
    from dateline.evaluate.actors import evaluate

    path = shared_data / "ngec-actor-tests" / "actor_tests.dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    out = evaluate(path, pipeline)
    # Floors a little under the measured figures (docs/actors.md): a regression fails.
    assert out["country_accuracy"] >= 0.86
    assert out["sector_accuracy"] >= 0.85
