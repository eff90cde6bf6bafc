"""Hostile and broken input: every problem is a coded error, nothing crashes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import Code, ReadError
from dateline.read import READERS, ReadOptions, read_bytes
from dateline.read.base import Article, parse_published

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title>'
    b"<description>&lol9;</description><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>"
    b"</item></channel></rss>"
)

EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><item><title>Secret &x; here</title>'
    b"<description>Police arrested protesters.</description>"
    b"<pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate></item></channel></rss>"
)


def test_reliability_billion_laughs_does_not_expand() -> None:
    items = list(read_bytes(BILLION_LAUGHS, "laughs.rss"))
    for item in items:
        if isinstance(item, Article):
            assert len(item.text) < 1000  # "lol" x 10^9 was not expanded


def test_reliability_external_entities_are_not_resolved() -> None:
    items = list(read_bytes(EXTERNAL_ENTITY, "xxe.rss"))
    for item in items:
        if isinstance(item, Article):
            assert "root:" not in item.text


def test_reliability_hostile_html_yields_only_text() -> None:
    page = (
        b"<html><head><title>t</title><script>alert('x')</script></head><body>"
        b"<article><p>Lima: Police arrested ten protesters on Monday &amp; "
        b"freed them later, officials said.</p>"
        b"<iframe src='javascript:alert(1)'></iframe><script>steal()</script>"
        b"<p onclick='evil()'>The government denied any wrongdoing &lt;script&gt;.</p>"
        b"</article></body></html>"
    )
    (article,) = read_bytes(page, "hostile.html", ReadOptions(published=date(2024, 3, 5)))
    assert isinstance(article, Article)
    assert "alert" not in article.text and "steal" not in article.text
    assert (
        "&amp;" not in article.text and "Police arrested ten protesters on Monday &" in article.text
    )


@pytest.mark.parametrize(
    "feed",
    [
        b"<rss><channel><item><title>unclosed",
        b"<rss version='2.0'><channel><item><title>Talks</title><description>Police "
        b"arrested ten protesters.</description><pubDate>Tue, 05 Mar 2024 09:30:00 GMT"
        b"</pubDate></item><item><title>broken &bogus; <b></channel>",
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>",
    ],
)
def test_reliability_broken_feed_is_a_coded_error_or_warning(feed: bytes) -> None:
    try:
        items = list(read_bytes(feed, "broken.rss"))
    except ReadError as exc:
        assert exc.code in (Code.E011, Code.E003)
        return
    codes = [i.code for i in items if isinstance(i, ReadError)]
    assert Code.W004 in codes
    for item in items:
        if isinstance(item, Article):
            assert "<" not in item.text


def test_reliability_huge_article_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dateline.read.base.MAX_CHARS", 10_000)
    text = b" date 2024-01-01 " + b"Police arrested protesters. " * 1000
    with pytest.raises(ReadError) as info:
        list(read_bytes(text, "huge.txt"))
    assert info.value.code is Code.E014
    assert "huge.txt" in info.value.message


@pytest.mark.parametrize(
    "raw",
    ["0000-01-01", "2024-02-31", "2024-13-01", "9999-12-31", "1066-10-14", "tomorrow", "March"],
)
def test_reliability_absurd_publication_dates(raw: str) -> None:
    with pytest.raises(ReadError) as info:
        parse_published(raw, "x.jsonl", line=3)
    assert info.value.code is Code.E005
    assert "x.jsonl:3" in info.value.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=2000),
    name=st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.html", "a.rss", "a.bin", "-", "a"]),
    fmt=st.sampled_from([None, *READERS]),
)
def test_reliability_readers_only_raise_coded_errors(
    data: bytes, name: str, fmt: str | None
) -> None:
    options = ReadOptions(published=date(2024, 1, 1), format=fmt, skip_bad=True)
    try:
        for item in read_bytes(data, name, options):
            if isinstance(item, Article):
                assert item.text.strip()
                assert 0 <= item.body_start <= len(item.text)
                if item.dateline_span:
                    s, e = item.dateline_span
                    assert item.text[s:e].strip()
            else:
                assert isinstance(item, ReadError)
    except ReadError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_reliability_publication_dates_parse_or_refuse(raw: str) -> None:
    try:
        day = parse_published(raw, "fuzz")
    except ReadError as exc:
        assert exc.code in (Code.E004, Code.E005)
    else:
        assert 1800 <= day.year <= 2200


def _corpus(folder: Path, start: int, stop: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, stop):
        (folder / f"c{i:03d}.txt").write_text(
            f" date 2024-05-{1 + i % 28:02d} Accra: Police arrested {i + 3} traders in "
            f"Accra on Monday, the Ghana police service said (report {i}).\n"
        )


def _concurrent_ingests(db: str, folders: list[Path]) -> None:
    from dateline.store import Store

    Store(db).close()
    cmds = [[sys.executable, "-m", "dateline", "ingest", str(x), "--db", db,
             "--batch-size", "2", "--quiet"] for x in folders]  # fmt: skip
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in cmds]
    for p in procs:
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()


def _check_union(db: str, expected: int) -> None:
    from sqlalchemy import func, select

    from dateline.store import Store, tables

    with Store(db) as store:
        counts = store.counts()
        runs = store.runs()
        with store.engine.connect() as conn:
            hashes = conn.execute(select(func.count(tables.articles.c.content_hash.distinct())))
            distinct = hashes.scalar_one()
            ids = conn.execute(select(func.count(tables.events.c.id.distinct()))).scalar_one()
    assert counts["articles"] == distinct == expected  # the exact union, no duplicates
    assert counts["events"] == ids
    assert sum(r["articles_stored"] for r in runs) == expected
    assert all(r["status"] == "done" for r in runs)


@pytest.mark.slow
@pytest.mark.model
def test_reliability_two_ingests_on_one_sqlite_file(tmp_path: Path) -> None:
    _corpus(tmp_path / "a", 0, 16)
    _corpus(tmp_path / "b", 8, 24)  # overlaps a on items 8..15 (same content)
    db = str(tmp_path / "shared.db")
    _concurrent_ingests(db, [tmp_path / "a", tmp_path / "b"])
    _check_union(db, 24)


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.postgres
def test_reliability_three_ingests_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    """Three writers with overlapping inputs on one PostgreSQL database (see also
    test_merge.py::test_merge_concurrent_writers_on_postgresql for the merge itself)."""
    _corpus(tmp_path / "a", 0, 14)
    _corpus(tmp_path / "b", 7, 21)
    _corpus(tmp_path / "c", 0, 28)  # overlaps both
    _concurrent_ingests(postgres_url, [tmp_path / x for x in "abc"])
    _check_union(postgres_url, 28)
