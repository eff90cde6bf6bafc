"""Alert rules: the filters of ``dateline events`` written as one string.

``--alert 'country=IND,PAK type=ASSAULT,COERCE status=occurred'`` is the rule "any of
these countries, any of these types, occurred"; names are those of the ``events``
options (``actor country pair type status basis precision from to place bbox
min_confidence``), several values are separated by commas (any of them matches), and
values with spaces are quoted: ``actor='Defence Minister'``. ``all`` matches every event.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import date
from typing import get_args

from dateline.errors import Code, DatelineError, OptionError
from dateline.model import EVENT_TYPES, Basis, Precision, Status
from dateline.read.base import parse_published
from dateline.store.query import Filters

LISTS = ("actor", "country", "pair", "type", "status", "basis", "precision", "place")
SINGLE = ("from", "to", "bbox", "min_confidence")
NAMES = LISTS + SINGLE
_CHOICES: dict[str, tuple[str, ...]] = {
    "type": EVENT_TYPES,
    "status": get_args(Status),
    "basis": get_args(Basis),
    "precision": get_args(Precision),
}


@dataclass(frozen=True, slots=True)
class AlertRule:
    """A named filter. ``text`` is the normalised rule: the same rule always reads the
    same, so the store recognises it across restarts."""

    text: str
    filters: Filters


def parse_rule(rule: str) -> AlertRule:
    """Parse ``--alert`` text; raises :class:`OptionError` (E012) naming the problem."""
    where = f"--alert {rule!r}"
    try:
        tokens = shlex.split(rule)
    except ValueError as exc:
        raise OptionError(Code.E012, f"{where}: {exc}") from None
    if tokens in ([], ["all"], ["*"]):
        return AlertRule("all", Filters())
    values: dict[str, list[str]] = {}
    for token in tokens:
        name, sep, value = token.partition("=")
        name = name.strip().lower().replace("-", "_")
        if name == "start":
            name = "from"
        if name == "end":
            name = "to"
        if not sep or not value.strip():
            raise OptionError(
                Code.E012,
                f"{where}: expected NAME=VALUE, not {token!r} (names: {', '.join(NAMES)})",
            )
        if name not in NAMES:
            raise OptionError(
                Code.E012, f"{where}: unknown filter {name!r} (names: {', '.join(NAMES)})"
            )
        if name in SINGLE and name in values:
            raise OptionError(Code.E012, f"{where}: {name} given twice")
        parts = [value.strip()] if name in SINGLE else [v.strip() for v in value.split(",")]
        values.setdefault(name, []).extend(p for p in parts if p)
    filters = _filters(values, where)
    return AlertRule(_normalise(values), filters)


def _filters(values: dict[str, list[str]], where: str) -> Filters:
    for name, choices in _CHOICES.items():
        for value in values.get(name, []):
            canon = value.upper() if name == "type" else value.lower()
            if canon not in choices:
                raise OptionError(
                    Code.E012, f"{where}: {name} {value!r} is not one of {', '.join(choices)}"
                )
    pairs: list[tuple[str, str]] = []
    for p in values.get("pair", []):
        a, sep, b = p.upper().replace(":", "-").partition("-")
        if not sep or not a or not b:
            raise OptionError(Code.E012, f"{where}: pair {p!r}: expected two codes like IND-CHN")
        pairs.append((a, b))
    bbox = None
    if "bbox" in values:
        try:
            numbers = [float(x) for x in values["bbox"][0].split(",")]
        except ValueError:
            numbers = []
        if (
            len(numbers) != 4
            or not (-180 <= numbers[0] <= numbers[2] <= 180)
            or not (-90 <= numbers[1] <= numbers[3] <= 90)
        ):
            raise OptionError(
                Code.E012,
                f"{where}: bbox {values['bbox'][0]!r}: expected min_lon,min_lat,max_lon,max_lat",
            )
        bbox = (numbers[0], numbers[1], numbers[2], numbers[3])
    confidence = None
    if "min_confidence" in values:
        try:
            confidence = float(values["min_confidence"][0])
        except ValueError:
            confidence = -1.0
        if not 0.0 <= confidence <= 1.0:
            raise OptionError(Code.E012, f"{where}: min_confidence must be between 0 and 1")
    return Filters(
        actor=values.get("actor", []),
        country=[c.upper() for c in values.get("country", [])],
        pair=pairs,
        type=[t.upper() for t in values.get("type", [])],
        status=[s.lower() for s in values.get("status", [])],
        basis=[b.lower() for b in values.get("basis", [])],
        precision=[p.lower() for p in values.get("precision", [])],
        start=_day(values, "from", where),
        end=_day(values, "to", where),
        place=values.get("place", []),
        bbox=bbox,
        min_confidence=confidence,
    )


def _day(values: dict[str, list[str]], name: str, where: str) -> date | None:
    if name not in values:
        return None
    try:
        return parse_published(values[name][0], name)
    except DatelineError as exc:
        raise OptionError(Code.E012, f"{where}: {name} {exc.detail}") from None


def _normalise(values: dict[str, list[str]]) -> str:
    parts = []
    for name in NAMES:
        if name not in values:
            continue
        items = values[name]
        if name in ("country", "type", "pair"):
            items = [v.upper() for v in items]
        elif name in ("status", "basis", "precision"):
            items = [v.lower() for v in items]
        if name in LISTS:
            items = sorted(dict.fromkeys(items))
        parts.append(f"{name}={shlex.quote(','.join(items))}")
    return " ".join(parts)
