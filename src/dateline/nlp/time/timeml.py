"""TimeML in and out: read annotated ``.tml`` documents (TempEval-3), write our timexes as
TimeML so that the output can be compared with other taggers.

Reading gives the plain text of ``<TEXT>`` (tags removed, entities decoded), the
document creation time (the ``CREATION_TIME`` TIMEX3) and the gold TIMEX3s with
character offsets into that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from dateline.errors import Code, ReadError
from dateline.model import Timex


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class TimeMLDoc:
    id: str
    path: str
    dct: date
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_timeml(path: str | Path) -> TimeMLDoc:
    """One TimeML document. Raises :class:`ReadError` (E001 unreadable, E006 not TimeML,
    E004 no creation time, E005 impossible creation time)."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(Code.E001, exc.strerror or str(exc), path=name) from None
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise ReadError(Code.E006, f"not a TimeML (XML) document: {exc}", path=name) from None
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise ReadError(Code.E006, "no <TEXT> element: not a TimeML document", path=name)
    dct_value = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            dct_value = el.get("value", "")
            break
    if not dct_value:
        raise ReadError(Code.E004, "no TIMEX3 with functionInDocument=CREATION_TIME", path=name)
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", dct_value)
    try:
        dct = date(int(m[1]), int(m[2]), int(m[3])) if m else None
    except ValueError:
        dct = None
    if dct is None:
        raise ReadError(Code.E005, f"creation time {dct_value!r} is not a date", path=name)
    parts: list[str] = []
    gold: list[GoldTimex] = []

    def walk(el: ET.Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                covered = "".join(parts)[start:end]
                gold.append(
                    GoldTimex(
                        start=start,
                        end=end,
                        text=covered,
                        type=child.get("type", ""),
                        value=child.get("value", ""),
                        mod=child.get("mod"),
                    )
                )
            if child.tail:
                parts.append(child.tail)

    walk(text_el)
    docid = root.findtext(".//DOCID") or Path(name).stem
    return TimeMLDoc(id=docid.strip(), path=name, dct=dct, text="".join(parts), timexes=gold)


def find_timeml(paths: list[str]) -> list[Path]:
    """``.tml`` files under the given files and folders, in a stable order."""
    found: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found += sorted(path.rglob("*.tml"))
        else:
            found.append(path)
    return found


def write_timeml(
    text: str,
    timexes: list[Timex],
    published: date,
    *,
    doc_id: str,
    offset: int = 0,
) -> str:
    """A TimeML document: ``text`` inside ``<TEXT>`` with a TIMEX3 for each timex.

    ``offset`` is subtracted from the timex offsets (for a text that starts after a
    header); the creation time is ``t0`` and timexes resolved against the publication
    date point to it with ``anchorTimeID``."""
    out = ['<?xml version="1.0" ?>', "<TimeML>", f"<DOCID>{escape(doc_id)}</DOCID>"]
    day = published.isoformat()
    out.append(
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{day}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>'
    )
    pieces: list[str] = []
    pos = 0
    for t in sorted(timexes, key=lambda t: t.start):
        start, end = t.start - offset, t.end - offset
        if start < pos or start < 0 or end > len(text):
            continue
        pieces.append(escape(text[pos:start]))
        attrs = [
            f"tid={quoteattr(t.id)}",
            f"type={quoteattr(t.type)}",
            f"value={quoteattr(t.value)}",
        ]
        if t.mod:
            attrs.append(f"mod={quoteattr(t.mod)}")
        anchored = t.anchor is not None
        attrs.append(f'temporalFunction="{"true" if anchored else "false"}"')
        attrs.append('functionInDocument="NONE"')
        if t.anchor == "published":
            attrs.append('anchorTimeID="t0"')
        elif t.anchor:
            attrs.append(f"anchorTimeID={quoteattr(t.anchor)}")
        pieces.append(f"<TIMEX3 {' '.join(attrs)}>{escape(text[start:end])}</TIMEX3>")
        pos = end
    pieces.append(escape(text[pos:]))
    out.append("<TEXT>" + "".join(pieces) + "</TEXT>")
    out.append("</TimeML>")
    return "\n".join(out) + "\n"
