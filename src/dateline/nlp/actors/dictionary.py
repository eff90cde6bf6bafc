"""Users' own actor dictionaries (``--actors FILE``), CSV or YAML.

Each entry names an actor and how to code it; entries win over the built-in tables.

CSV (a header row, then one actor per row)::

    name,aliases,kind,country,sectors,role,from,until
    Jane Roe,Roe|J. Roe,PERSON,KEN,GOV,Interior Minister,2023-01-01,
    Blue Valley Militia,BVM,ORG,KEN,PRM,,,

YAML (a list of mappings with the same keys; ``aliases`` and ``sectors`` may be lists)::

    - name: Jane Roe
      aliases: [Roe, J. Roe]
      kind: PERSON
      country: KEN
      sectors: [GOV]
      role: Interior Minister
      from: 2023-01-01

Only ``name`` is required. ``kind`` is PERSON, ORG, GROUP, IGO or COUNTRY (default ORG,
or PERSON when a role is given); ``country`` an ISO 3166-1 alpha-3 code (or IGO, UNO,
EUR); ``sectors`` PLOVER sector codes, primary first; ``from``/``until`` bound the
entry in time (an entry outside its dates is not used for articles of other dates).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dateline.errors import Code, OptionError
from dateline.nlp.geo.gazetteer import fold

KINDS = ("PERSON", "ORG", "GROUP", "IGO", "COUNTRY")
SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "LEG",
        "JUD",
        "COP",
        "SPY",
        "PTY",
        "OPP",
        "REB",
        "UAF",
        "PRM",
        "CRM",
        "CVL",
        "REF",
        "BUS",
        "LAB",
        "AGR",
        "EDU",
        "MED",
        "HLH",
        "JRN",
        "REL",
        "SOC",
        "NGO",
        "IGO",
        "ELI",
        "PRE",
        "UNK",
        "JNK",
    ]
)
_EXTRA_COUNTRIES = frozenset({"IGO", "UNO", "EUR"})
_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class DictEntry:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sectors: tuple[str, ...]
    role: str | None
    start: date | None
    end: date | None

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class ActorDictionary:
    """Entries by folded name and alias."""

    def __init__(self, entries: Iterable[DictEntry] = (), source: str | None = None) -> None:
        self.entries = list(entries)
        self.source = source
        self.index: dict[str, list[DictEntry]] = {}
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                key = fold(name)
                if key:
                    self.index.setdefault(key, []).append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str, day: date | None = None) -> DictEntry | None:
        key = fold(text)
        found = self.index.get(key) or self.index.get(key.removeprefix("the "))
        if not found:
            return None
        dated = [e for e in found if e.valid_on(day)]
        return dated[0] if dated else None


def load(path: str | Path) -> ActorDictionary:
    """Read a CSV or YAML dictionary; any problem is an E015 error naming the row."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise OptionError(Code.E017, f"cannot read it: {exc}", path=str(path)) from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        rows = _yaml_rows(text, path)
    elif suffix in (".csv", ".tsv"):
        rows = _csv_rows(text, path, "\t" if suffix == ".tsv" else ",")
    else:
        raise OptionError(Code.E017, "expected a .csv, .tsv, .yaml or .yml file", path=str(path))
    return ActorDictionary((_entry(row, path, line) for line, row in rows), str(path))


def _yaml_rows(text: str, path: Path) -> list[tuple[int, dict[str, Any]]]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise OptionError(Code.E017, f"not valid YAML: {exc}", path=str(path)) from None
    if data is None:
        return []
    if isinstance(data, dict) and isinstance(data.get("actors"), list):
        data = data["actors"]
    if not isinstance(data, list):
        raise OptionError(Code.E017, "expected a list of actors", path=str(path))
    rows = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise OptionError(Code.E017, "each actor must be a mapping", path=str(path), line=i)
        rows.append((i, item))
    return rows


def _csv_rows(text: str, path: Path, delimiter: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    if reader.fieldnames is None or "name" not in [f.strip().lower() for f in reader.fieldnames]:
        raise OptionError(Code.E017, "the header row has no 'name' column", path=str(path))
    rows = []
    for i, row in enumerate(reader, start=2):
        clean = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
        if any((v or "").strip() for v in clean.values() if isinstance(v, str)):
            rows.append((i, clean))
    return rows


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(p.strip() for p in re.split(r"[|;]", str(value)) if p.strip())


def _entry(row: dict[str, Any], path: Path, line: int) -> DictEntry:
    def bad(detail: str) -> OptionError:
        return OptionError(Code.E017, detail, path=str(path), line=line)

    name = str(row.get("name") or "").strip()
    if not name:
        raise bad("an actor without a name")
    role = str(row.get("role") or "").strip() or None
    kind = str(row.get("kind") or ("PERSON" if role else "ORG")).strip().upper()
    if kind not in KINDS:
        raise bad(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    country = str(row.get("country") or "").strip().upper() or None
    if country is not None and not (_CODE.match(country) or country in _EXTRA_COUNTRIES):
        raise bad(f"country {country!r} is not an ISO 3166-1 alpha-3 code")
    sectors = tuple(s.upper() for s in _list(row.get("sectors") or row.get("sector")))
    for code in sectors:
        if code not in SECTORS:
            raise bad(f"unknown sector {code!r}")
    return DictEntry(
        name=name,
        aliases=_list(row.get("aliases")),
        kind=kind,
        country=country,
        sectors=sectors,
        role=role,
        start=_date(row.get("from"), bad),
        end=_date(row.get("until"), bad),
    )


def _date(value: Any, bad: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise bad(f"date {value!r} is not YYYY-MM-DD") from None
