"""Score main-event extraction on Giveme5W1H gold articles (``dateline eval fivew``).

Each gold file is one news article (``title``, ``text``, ``date_publish``) with the phrases
coders chose for who, what, when and where of its main event; ``when`` annotations carry
the date they mean (``parsed``). The article text is run through the pipeline and
:func:`dateline.nlp.events.main.main_event` picks the main event. Measures:

- ``when_accuracy``: the main event's date is a single day equal to a gold date;
- ``where_accuracy``: the main event's place name shares a word with a gold where phrase
  (over articles whose coders annotated a place);
- ``who_accuracy``: one of the main event's actors shares a word with a gold who phrase
  (over articles with a who annotation);
- how often the main event is a Dateline event rather than the lead's fallback, and how
  often its date came from the text rather than the publication date.

Articles without a publication date are skipped and counted: Dateline never guesses one
(error E004), and relative dates cannot be resolved without it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.errors import Code, ReadError
from dateline.nlp.events.words import words

_WORD = re.compile(r"[A-Za-z0-9]+")
_STOP = frozenset(
    words(
        "a an the of in on at to for and or by from with mr mrs ms dr de da la le el al us u s he "
        "she it they his her their its who"
    )
)


@dataclass
class GoldArticle:
    path: Path
    title: str | None
    text: str
    published: date | None
    when: set[str] = field(default_factory=set)
    where: list[str] = field(default_factory=list)
    who: list[str] = field(default_factory=list)


def load(folder: Path) -> list[GoldArticle]:
    """The gold articles of a Giveme5W1H folder (one JSON file per article)."""
    if not folder.is_dir():
        raise ReadError(Code.E001, "not a folder of Giveme5W1H JSON files", path=str(folder))
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ReadError(Code.E009, f"unreadable gold file ({exc})", path=str(path)) from exc
        if not isinstance(raw, dict) or "fiveWoneH" not in raw or "text" not in raw:
            raise ReadError(Code.E009, "no 'text' or 'fiveWoneH'", path=str(path))
        five = raw["fiveWoneH"]
        out.append(
            GoldArticle(
                path=path,
                title=raw.get("title"),
                text=str(raw["text"]),
                published=_date(raw.get("date_publish")),
                when={a["parsed"] for a in _annotated(five, "when") if a.get("parsed")},
                where=[a["text"] for a in _annotated(five, "where") if a.get("text")],
                who=[a["text"] for a in _annotated(five, "who") if a.get("text")],
            )
        )
    if not out:
        raise ReadError(Code.E006, "no Giveme5W1H JSON files in the folder", path=str(folder))
    return out


def _annotated(five: dict[str, Any], key: str) -> Iterator[dict[str, Any]]:
    for item in (five.get(key) or {}).get("annotated") or []:
        if isinstance(item, dict):
            yield item


def _date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def overlaps(names: list[str], phrases: list[str]) -> bool:
    """Whether any name shares a content word with any phrase."""
    gold = set().union(*(_words(p) for p in phrases)) if phrases else set()
    return any(_words(n) & gold for n in names)


def evaluate(folder: Path, pipeline: Any, *, details: bool = False) -> dict[str, Any]:
    from dateline.nlp.events.main import main_event
    from dateline.read.base import Article

    gold = load(folder)
    usable = [g for g in gold if g.published is not None]
    articles = [
        Article(text=g.text, published=g.published, source=str(g.path), title=g.title)  # type: ignore[arg-type]
        for g in usable
    ]
    docs = pipeline.nlp.pipe((pipeline.make_doc(a) for a in articles), batch_size=8)
    when_ok = where_ok = who_ok = where_n = who_n = 0
    from_event = from_text = 0
    rows = []
    for g, doc in zip(usable, docs, strict=True):
        main = main_event(doc)
        when = main.when if main else None
        hit = bool(when and when.precision == "day" and when.value in g.when)
        when_ok += hit
        if main and main.event is not None:
            from_event += 1
        if when and when.basis != "published":
            from_text += 1
        place = [main.where.name] if main and main.where else []
        if g.where:
            where_n += 1
            where_ok += overlaps(place, g.where)
        if g.who:
            who_n += 1
            who_ok += overlaps(main.who if main else [], g.who)
        if details:
            rows.append(
                {
                    "file": g.path.name,
                    "published": g.published.isoformat() if g.published else None,
                    "gold_when": sorted(g.when),
                    "when": when.value if when else None,
                    "basis": when.basis if when else None,
                    "what": main.what if main else None,
                    "who": main.who if main else [],
                    "where": place,
                    "when_ok": hit,
                }
            )
    n = len(usable)
    measures: dict[str, Any] = {
        "articles": len(gold),
        "scored": n,
        "skipped_no_publication_date": len(gold) - n,
        "when_accuracy": round(when_ok / n, 4) if n else 0.0,
        "where_accuracy": round(where_ok / where_n, 4) if where_n else 0.0,
        "where_scored": where_n,
        "who_accuracy": round(who_ok / who_n, 4) if who_n else 0.0,
        "who_scored": who_n,
        "main_is_event": from_event,
        "when_from_text": from_text,
    }
    if details:
        measures["articles_detail"] = rows
    return measures
