"""Users' actor dictionaries (--actors FILE): CSV and YAML, coded errors, precedence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.errors import Code, OptionError
from dateline.nlp.actors.dictionary import load

CSV = (
    "name,aliases,kind,country,sectors,role,from,until\n"
    "Amara Okafor,Okafor|A. Okafor,PERSON,NGA,GOV,Interior Minister,2023-01-01,\n"
    "Blue Valley Militia,BVM,ORG,KEN,PRM,,,\n"
)
YAML = """
- name: Amara Okafor
  aliases: [Okafor]
  kind: PERSON
  country: NGA
  sectors: [GOV, COP]
  role: Interior Minister
  from: 2023-01-01
  until: 2024-12-31
- name: Blue Valley Militia
  country: KEN
  sectors: PRM
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actors_dictionary_reads_csv(tmp_path: Path) -> None:
    d = load(write(tmp_path, "a.csv", CSV))
    assert len(d) == 2
    okafor = d.lookup("A. Okafor", date(2024, 5, 1))
    assert okafor is not None and (okafor.country, okafor.sectors) == ("NGA", ("GOV",))
    assert d.lookup("Okafor", date(2020, 1, 1)) is None  # before the entry's dates
    militia = d.lookup("the BVM")
    assert militia is not None and militia.kind == "ORG"


def test_actors_dictionary_reads_yaml(tmp_path: Path) -> None:
    d = load(write(tmp_path, "a.yaml", YAML))
    okafor = d.lookup("Okafor", date(2024, 5, 1))
    assert okafor is not None and okafor.sectors == ("GOV", "COP")
    assert okafor.end == date(2024, 12, 31)
    militia = d.lookup("Blue Valley Militia")
    assert militia is not None and (militia.kind, militia.sectors) == ("ORG", ("PRM",))


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("bad.csv", "name,country\nAmara,Nigeria\n", 2, "alpha-3"),
        ("bad.csv", "name,sectors\nAmara,XYZ\n", 2, "sector"),
        ("bad.csv", "name,kind\nAmara,ROBOT\n", 2, "kind"),
        ("bad.csv", "name,from\nAmara,last year\n", 2, "YYYY-MM-DD"),
        ("bad.csv", "country\nKEN\n", None, "name"),
        ("bad.yaml", "- name: [unclosed\n", None, "YAML"),
        ("bad.yaml", "- just a string\n", 1, "mapping"),
        ("bad.txt", "name\nAmara\n", None, ".csv"),
    ],
)
def test_actors_dictionary_errors_are_coded(
    tmp_path: Path, name: str, text: str, line: int | None, words: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(OptionError) as info:
        load(path)
    assert info.value.code is Code.E017
    assert info.value.path == str(path)
    assert info.value.line == line
    assert words in info.value.message


def test_actors_dictionary_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OptionError) as info:
        load(tmp_path / "nope.csv")
    assert info.value.code is Code.E017


@pytest.mark.model
def test_actors_dictionary_wins_over_tables(pipeline: object, tmp_path: Path) -> None:
    import dateline

    path = write(tmp_path, "mine.csv", CSV)
    text = "Interior Minister Amara Okafor met Kenyan police chiefs in Nairobi on Monday."
    record = dateline.extract(text, published="2024-03-04", actors=str(path))
    okafor = next(a for a in record.actors if a.name == "Amara Okafor")
    assert (okafor.country, okafor.sector) == ("NGA", "GOV")


@pytest.mark.model
def test_actors_dictionary_option_on_extract(pipeline: object, tmp_path: Path) -> None:
    from dateline.cli import app

    article = write(
        tmp_path, "a.txt", " date 2024-03-04\nThe Blue Valley Militia attacked a village.\n"
    )
    good = write(tmp_path, "mine.yaml", YAML)
    result = CliRunner().invoke(app, ["extract", str(article), "--actors", str(good)])
    assert result.exit_code == 0, result.output
    assert '"PRM"' in result.output
    bad = write(tmp_path, "bad.csv", "name,country\nAmara,Nigeria\n")
    result = CliRunner().invoke(app, ["extract", str(article), "--actors", str(bad)])
    assert result.exit_code == 2
    assert "E017" in result.output
