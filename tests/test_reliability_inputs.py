"""Every kind of bad input the issue lists, through ``dateline ingest`` (and the readers
where it matters): each gets its coded error or warning naming the file, nothing crashes,
and nothing of a refused file is stored."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from dateline.cli import app
from dateline.errors import Code, ReadError
from dateline.read import ReadOptions, read_path
from dateline.read.base import Article
from dateline.store import Store, tables

runner = CliRunner()

STORY = "Lima: Police arrested ten protesters near the Congress on Monday, officials said."
HEADER = " date 2024-03-05 "

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title>'
    "<description>Police arrested ten protesters in Lima. &lol9;</description>"
    "<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate></item></channel></rss>"
).encode()

HOSTILE_HTML = (
    b"<html><head><title>Lima protest</title><script>alert('x')</script>"
    b'<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
    b"<style>body{background:url(javascript:alert(2))}</style></head><body><article>"
    b"<h1>Lima protest</h1><p>Lima: Police arrested ten protesters near the Congress on "
    b"Monday &amp; freed them on Tuesday, officials said &mdash; &#8220;quietly&#8221;.</p>"
    b"<iframe src='https://evil.example/'></iframe><script>document.cookie</script>"
    b"<p onmouseover='steal()'>Rights groups condemned the arrests &lt;script&gt; "
    b"and called for an inquiry.</p><object data='x.swf'></object></article></body></html>"
)


def _jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode() + b"\n"


def _record(i: int, **extra: object) -> dict[str, object]:
    return {"id": f"r{i}", "text": f"{STORY} (item {i})", "published": "2024-03-05", **extra}


def _big(path: Path) -> None:
    """A 50 MB article: refused from its size, before any NLP."""
    line = b"Police arrested ten protesters near the Congress on Monday. "
    with path.open("wb") as f:
        f.write(HEADER.encode() + b"Lima: ")
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            f.write(line)


def _dated(extra: str = "", day: str = "2024-03-05") -> str:
    return f" date {day} {STORY}{extra}"


def _utf16(text: str, bom: bytes = codecs.BOM_UTF16_LE) -> bytes:
    return bom + text.encode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be")


def _csv(*rows: str) -> bytes:
    return ("id,text,published\n" + "".join(r + "\n" for r in rows)).encode()


# name, content, the code expected on that file's line (None: stored cleanly), stored?
CASES: list[tuple[str, bytes, Code | None, bool]] = [
    ("empty.txt", b"", Code.E003, False),
    ("blank.txt", b"  \n\t \r\n   \n", Code.E003, False),
    ("header-only.txt", HEADER.encode() + b"\n  \n", Code.E003, False),
    ("binary.txt", bytes(range(256)) * 40, Code.E002, False),
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 500, Code.E002, False),
    ("late-nul.txt", _dated(" " * 5000).encode() + b"\x00tail", Code.E002, False),
    ("bad-utf8.txt", _dated().encode() + b" \xff\xfe\xc3(", Code.W002, True),
    ("latin1.txt", _dated(" Caf\u00e9 Lim\u00e9\u00f1o.").encode("cp1252"), Code.W002, True),
    ("utf16.txt", _utf16(_dated(" Montréal.")), None, True),
    ("utf16-be.txt", _utf16(_dated(" (BE)"), codecs.BOM_UTF16_BE), None, True),
    ("bad-utf16.txt", _utf16(_dated()) + b"\x00\xd8", Code.E010, False),
    ("utf8-bom.txt", codecs.BOM_UTF8 + _dated(" (BOM)").encode(), None, True),
    ("hostile.html", HOSTILE_HTML, None, True),
    ("laughs.rss", BILLION_LAUGHS, Code.W004, True),
    ("not-a-feed.rss", b'<?xml version="1.0"?><rss><<<>>>', Code.E011, False),
    (
        "no-entries.rss",
        b'<rss version="2.0"><channel><title>x</title></channel></rss>',
        Code.E003,
        False,
    ),
    ("year0.txt", _dated(day="0000-01-01").encode(), Code.E005, False),
    ("feb31.txt", _dated(day="2024-02-31").encode(), Code.E005, False),
    ("far-future.txt", _dated(day="9999-12-31").encode(), Code.E005, False),
    ("month13.txt", _dated(day="2024-13-01").encode(), Code.E005, False),
    ("bad-line.jsonl", _jsonl(_record(1), "{not json", _record(3)), Code.E009, False),
    ("no-text.jsonl", _jsonl(_record(1), {"id": "x", "published": "2024-03-05"}), Code.E009, False),
    ("feb31.jsonl", _jsonl(_record(1), _record(2, published="2024-02-31")), Code.E005, False),
    ("nul.jsonl", _jsonl(_record(1), _record(2, text="Police\u0000 arrested.")), Code.E009, False),
    ("empty-text.csv", _csv(f'c1,"{STORY}",2024-03-05', "c2,,2024-03-05"), Code.E003, False),
    ("array.jsonl", _jsonl(_record(1), "[1, 2, 3]"), Code.E009, False),
    (
        "unclosed-quote.csv",
        _csv(f'c1,"{STORY}",2024-03-05', 'c2,"unclosed,2024-03-05'),
        Code.E004,
        False,
    ),
    (
        "bad-date.csv",
        _csv(f'c1,"{STORY}",2024-03-05', f'c2,"{STORY} 2",0000-00-00'),
        Code.E005,
        False,
    ),
]


def _write_cases(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for name, content, _code, _stored in CASES:
        (folder / name).write_bytes(content)
        paths.append(folder / name)
    _big(folder / "huge.txt")
    paths.append(folder / "huge.txt")
    return paths


def _stored_sources(db: str) -> dict[str, str]:
    with Store(db) as store, store.engine.connect() as conn:
        rows = conn.execute(select(tables.articles.c.source, tables.articles.c.text))
        return {Path(source).name: text for source, text in rows}


@pytest.mark.model
def test_reliability_bad_inputs_through_ingest(tmp_path: Path) -> None:
    paths = _write_cases(tmp_path / "in")
    good = tmp_path / "in" / "good.txt"
    good.write_text(HEADER + STORY.replace("ten", "twelve"), encoding="utf-8")
    db = str(tmp_path / "e.db")
    result = runner.invoke(app, ["ingest", *map(str, paths), str(good), "--db", db, "--quiet"])
    assert result.exit_code == 1, result.output  # some inputs failed, the rest is stored
    lines = result.output.splitlines()
    stored = _stored_sources(db)
    for name, _content, code, was_stored in CASES:
        mine = [line for line in lines if f"/{name}" in line]
        if code is None:
            assert not mine, (name, mine)
        else:
            assert any(line.startswith(code.name) for line in mine), (name, code, mine)
        if name.endswith((".jsonl", ".csv")):  # a refused record file: nothing of it stored
            assert any(re.search(rf"/{re.escape(name)}:\d+: ", line) for line in mine), mine
            assert not any(s.startswith((name, "r", "c")) for s in stored), name
        elif not name.endswith((".html", ".rss")):
            assert (name in stored) is was_stored, (name, sorted(stored))
    assert any(line.startswith("E014") and "huge.txt" in line for line in lines)
    assert "huge.txt" not in stored and "good.txt" in stored
    assert "Café Liméño" in stored["latin1.txt"] and "Montréal" in stored["utf16.txt"]
    html = next(t for s, t in stored.items() if "Congress" in t and "inquiry" in t)
    assert "alert" not in html and "cookie" not in html and "steal" not in html
    assert "Monday & freed" in html and "\u201cquietly\u201d" in html
    assert html.count("<") == 1 and "arrests <script> and" in html  # only the decoded &lt;
    laughs = [t for t in stored.values() if "lol" in t]
    assert all(len(t) < 2000 for t in laughs)  # entities were not expanded
    # the same run again: refused files stay refused, nothing is duplicated
    again = runner.invoke(app, ["ingest", *map(str, paths), str(good), "--db", db, "--quiet"])
    assert again.exit_code == 1
    assert _stored_sources(db) == stored


@pytest.mark.model
def test_reliability_bad_records_skipped_with_skip_bad(tmp_path: Path) -> None:
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_bytes(
        _jsonl(
            _record(1),
            "{not json",
            _record(3, published="2024-02-31"),
            {"id": "r4", "published": "2024-03-05"},
            _record(5, text="Police\u0000 arrested."),
            _record(6),
        )
    )
    csv_file = tmp_path / "mixed.csv"
    csv_file.write_bytes(
        b"id,text,published\n"
        + f'c1,"{STORY} (c1)",2024-03-05\n'.encode()
        + b"c2,,2024-03-05\n"
        + f'c3,"{STORY} (c3)",0000-01-01\n'.encode()
        + f'c4,"{STORY} (c4)",2024-03-06\n'.encode()
    )
    db = str(tmp_path / "e.db")
    refused = runner.invoke(app, ["ingest", str(jsonl), str(csv_file), "--db", db, "-q"])
    assert refused.exit_code == 1
    assert "mixed.jsonl:2" in refused.output and "mixed.csv:3" in refused.output
    assert "nothing from this file was stored" in refused.output
    with Store(db) as store:
        assert store.counts()["articles"] == 0
    skipped = runner.invoke(
        app, ["ingest", str(jsonl), str(csv_file), "--skip-bad", "--db", db, "-q"]
    )
    assert skipped.exit_code == 0, skipped.output
    warned = [line for line in skipped.output.splitlines() if line.startswith("W001")]
    where = sorted(line.split(": ")[1] for line in warned)
    assert where == sorted(
        [f"{jsonl}:{n}" for n in (2, 3, 4, 5)] + [f"{csv_file}:{n}" for n in (3, 4)]
    )
    with Store(db) as store, store.engine.connect() as conn:
        ids = sorted(conn.execute(select(tables.articles.c.id)).scalars())
    assert ids == ["c1", "c4", "r1", "r6"]


@pytest.mark.parametrize("day", ["0000-01-01", "2024-02-31", "9999-12-31", "2024-00-10", "soon"])
def test_reliability_absurd_published_option(tmp_path: Path, day: str) -> None:
    (tmp_path / "plain.txt").write_text(STORY, encoding="utf-8")
    result = runner.invoke(
        app,
        ["ingest", str(tmp_path / "plain.txt"), "--published", day, "--db", str(tmp_path / "e.db")],
    )
    assert result.exit_code == 2, result.output
    assert "E012" in result.output and "--published" in result.output


def test_reliability_huge_text_is_refused_before_annotation(tmp_path: Path) -> None:
    """A 50 MB article is refused by the reader (E014), not handed to spaCy."""
    _big(tmp_path / "huge.txt")
    with pytest.raises(ReadError) as info:
        list(read_path(tmp_path / "huge.txt"))
    assert info.value.code is Code.E014 and "huge.txt" in info.value.message
    # over the byte limit, the file is not even decoded
    with pytest.raises(ReadError) as info:
        list(read_path(tmp_path / "huge.txt", ReadOptions(max_bytes=10 * 1024 * 1024)))
    assert info.value.code is Code.E014 and "bytes" in info.value.detail


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ((HEADER + STORY + " " * 5000).encode() + b"\x00", Code.E002),
        (codecs.BOM_UTF16_LE + (HEADER + STORY + "\x00").encode("utf-16-le"), Code.E002),
        (codecs.BOM_UTF8 + (HEADER + STORY + "\x00").encode(), Code.E002),
    ],
)
def test_reliability_nul_anywhere_is_binary(tmp_path: Path, content: bytes, code: Code) -> None:
    (tmp_path / "x.txt").write_bytes(content)
    with pytest.raises(ReadError) as info:
        list(read_path(tmp_path / "x.txt"))
    assert info.value.code is code and "NUL" in info.value.detail


def test_reliability_html_entities_and_scripts(tmp_path: Path) -> None:
    from datetime import date

    (tmp_path / "page.html").write_bytes(HOSTILE_HTML)
    (article,) = read_path(tmp_path / "page.html", ReadOptions(published=date(2024, 3, 5)))
    assert isinstance(article, Article)
    for bad in ("alert", "cookie", "steal", "evil.example", "swf", "<p", "<iframe", "&amp;", "&#"):
        assert bad not in article.text, bad
    # entities are decoded: &lt;script&gt; in the page is the text "<script>", not a tag
    assert "“quietly”" in article.text and "arrests <script> and" in article.text
