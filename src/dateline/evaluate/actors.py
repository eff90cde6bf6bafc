"""Actor coding accuracy on "actor text → country, sector" cases.

Reads JSONL cases in the layout of NGEC's actor-resolution tests (one object per case:
``method``, ``args`` = [text, context, date], ``expected`` = {country, code_1, code_2,
…}; ``__NotEq``, ``__In`` and ``__Is`` suffixes compare differently). Each text is coded
the way the pipeline codes an actor: the text is annotated, and the actor covering most
of it is taken; a text with no such actor is coded from its words by the same coder.

Measures: ``country_accuracy`` over cases that state a country (an empty country means
"none"), ``sector_accuracy`` over cases that state a primary sector, and
``secondary_sector_accuracy`` over cases that state a second one. Cases that expect no
actor at all (``code__Is: null``) count for both country and sector.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.errors import Code, ReadError

REFERENCE_DAY = date(2022, 1, 1)
"""The date used for cases that give none ("Today", ""): the tests' expectations
reflect office holders around 2022."""

METHODS = ("agent_to_code", "short_text_to_agent", "trf_agent_match")


@dataclass
class Case:
    id: str
    text: str
    context: str
    day: date
    expected: dict[str, Any]


@dataclass
class Outcome:
    case: Case
    country: str | None
    sectors: list[str] = field(default_factory=list)
    country_ok: bool | None = None
    sector_ok: bool | None = None
    secondary_ok: bool | None = None


def _day(value: str, default: date) -> date:
    value = (value or "").strip()
    if not value or value.lower() in ("today", "now"):
        return default
    from dateutil import parser

    try:
        return parser.parse(value, default=parser.parse("2000-01-01")).date()
    except (ValueError, OverflowError):
        return default


def read_cases(path: Path, default_day: date = REFERENCE_DAY) -> list[Case]:
    cases: list[Case] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReadError(Code.E001, str(exc), path=str(path)) from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReadError(Code.E009, f"not JSON: {exc}", path=str(path), line=n) from None
        args = row.get("args") or []
        if row.get("method") not in METHODS or not args or not isinstance(args[0], str):
            continue
        context = args[1] if len(args) > 1 and isinstance(args[1], str) else ""
        when = args[2] if len(args) > 2 and isinstance(args[2], str) else ""
        cases.append(
            Case(
                id=str(row.get("case_id") or n),
                text=args[0].strip(),
                context=context,
                day=_day(when, default_day),
                expected=row.get("expected") or {},
            )
        )
    if not cases:
        raise ReadError(Code.E009, "no actor cases with a text", path=str(path))
    return cases


def _same(ours: str | None, theirs: Any) -> bool:
    return (ours or "") == (theirs or "")


def judge(case: Case, country: str | None, sectors: list[str]) -> Outcome:
    exp = case.expected
    out = Outcome(case, country, sectors)
    primary = sectors[0] if sectors else None
    if "code__Is" in exp and exp["code__Is"] is None:
        out.country_ok = country is None
        out.sector_ok = primary is None
        return out
    if "country" in exp:
        out.country_ok = _same(country, exp["country"])
    elif "country__NotEq" in exp:
        out.country_ok = (country or "") != exp["country__NotEq"]
    if "code_1" in exp:
        out.sector_ok = _same(primary, exp["code_1"])
    elif "code_1__In" in exp:
        out.sector_ok = primary in exp["code_1__In"]
    if exp.get("code_2"):
        out.secondary_ok = len(sectors) > 1 and sectors[1] == exp["code_2"]
    return out


def code_text(pipeline: Any, text: str, context: str, day: date) -> tuple[str | None, list[str]]:
    """Country and sectors of one actor text, as the pipeline codes it."""
    from dateline.nlp.actors.component import ActorTagger
    from dateline.nlp.state import state
    from dateline.read.base import Article

    nlp = pipeline.nlp
    doc = pipeline.make_doc(Article(text=text, published=day, source="<case>"))
    tagger = nlp.get_pipe("dateline_actors")
    assert isinstance(tagger, ActorTagger), "the pipeline has no dateline_actors component"
    # The case's context ("Somalia", "Pakistan") is what the text is about.
    from dateline.nlp.actors.tables import country_of

    about = country_of(context, capitals=True) if context.strip() else None
    tagger.prior = {about: 1.0} if about else {}
    try:
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            if name == "dateline_actors":
                break
    finally:
        tagger.prior = {}
    st = state(doc)
    words = [t.text for t in doc]
    names = frozenset(t.text for t in doc if t.ent_type_ == "PERSON")
    coded = tagger.coder.code_words(words, day, names)
    if coded is not None and coded.known:
        return _with_context(tagger, coded.country, list(coded.sectors), context)
    best, covered = None, 0
    for actor in st.actors:
        n = sum(e - s for s, e in actor.mentions)
        if n > covered:
            best, covered = actor, n
    country: str | None = None
    sectors: list[str] = []
    if best is not None:
        country, sectors = best.country, list(best.sectors)
    # What the annotated actor leaves open, the words of the whole text may tell.
    if coded is not None:
        country = country or coded.country
        sectors = sectors or list(coded.sectors)
    return _with_context(tagger, country, sectors, context)


def _with_context(
    tagger: Any, country: str | None, sectors: list[str], context: str
) -> tuple[str | None, list[str]]:
    if country is None and context.strip():
        from dateline.nlp.actors.tables import country_of

        country = country_of(context) or tagger.coder.place_country(context)
    return country, sectors


def evaluate(
    path: Path,
    pipeline: Any,
    *,
    outcomes: list[Outcome] | None = None,
    default_day: date = REFERENCE_DAY,
) -> dict[str, Any]:
    results = []
    for case in read_cases(path, default_day):
        country, sectors = code_text(pipeline, case.text, case.context, case.day)
        results.append(judge(case, country, sectors))
    if outcomes is not None:
        outcomes += results

    def rate(values: list[bool | None]) -> tuple[float, int]:
        judged = [v for v in values if v is not None]
        return (round(sum(judged) / len(judged), 4) if judged else 0.0), len(judged)

    country_acc, n_country = rate([r.country_ok for r in results])
    sector, n_sector = rate([r.sector_ok for r in results])
    secondary, n_secondary = rate([r.secondary_ok for r in results])
    return {
        "cases": len(results),
        "country_accuracy": country_acc,
        "country_cases": n_country,
        "sector_accuracy": sector,
        "sector_cases": n_sector,
        "secondary_sector_accuracy": secondary,
        "secondary_sector_cases": n_secondary,
        "reference_day": default_day.isoformat(),
        "file": path.name,
    }
