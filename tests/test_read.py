"""Readers: every format yields the same Article, with offsets into the text as read."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import Code, ReadError
from dateline.read import ReadOptions, read_bytes, read_path, read_paths
from dateline.read.base import Article, derive_id, find_dateline


def _articles(items: list[Article | ReadError]) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def test_read_dateheader_keeps_file_offsets(data: Path) -> None:
    (article,) = list(read_path(data / "dated.txt"))
    assert isinstance(article, Article)
    assert article.published == date(2024, 7, 9)
    assert article.format == "dateheader"
    raw = (data / "dated.txt").read_text()
    assert article.text == raw
    assert article.text[article.body_start :].startswith("Kyiv:")
    assert article.dateline == "Kyiv"
    assert article.dateline_span is not None
    start, end = article.dateline_span
    assert article.text[start:end] == "Kyiv"


def test_read_dateheader_on_its_own_line() -> None:
    data = b" date 2025-01-02\nBEIJING, Jan 2 (Wire) - China said on Thursday it would talk."
    (article,) = list(read_bytes(data, "wire.txt"))
    assert isinstance(article, Article)
    assert article.text[article.body_start :].startswith("BEIJING")
    assert article.dateline == "Beijing"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("New Delhi: India said", "New Delhi"),
        ("WASHINGTON (AP) — The US said", "Washington"),
        ("KYIV, Ukraine -- Officials said", "Kyiv"),
        ("India said on Monday that", None),
    ],
)
def test_read_dateline_forms(text: str, expected: str | None) -> None:
    found = find_dateline(text, 0)
    assert (found[0] if found else None) == expected


def test_read_plaintext_needs_published(data: Path) -> None:
    with pytest.raises(ReadError) as info:
        list(read_path(data / "plain.txt"))
    assert info.value.code is Code.E004
    assert "plain.txt" in info.value.message
    (article,) = list(read_path(data / "plain.txt", ReadOptions(published=date(2024, 5, 3))))
    assert isinstance(article, Article)
    assert article.published == date(2024, 5, 3)
    assert article.format == "text"


def test_read_jsonl_records(data: Path) -> None:
    items = list(read_path(data / "articles.jsonl"))
    articles = _articles(items)
    assert [a.id for a in articles] == ["jl-1", "jl-2", "jl-3"]
    assert articles[1].published == date(2024, 2, 13)
    assert articles[0].url == "https://jsonl.example.org/1"
    assert articles[0].source == "https://jsonl.example.org/1"
    assert articles[2].source.endswith("articles.jsonl")
    assert articles[0].dateline == "Colombo"


def test_read_jsonl_bad_line_refuses_file(data: Path) -> None:
    with pytest.raises(ReadError) as info:
        list(read_path(data / "bad.jsonl"))
    assert info.value.code is Code.E009
    assert info.value.line == 2
    assert "bad.jsonl:2" in info.value.message


def test_read_jsonl_skip_bad_reports_each_line(data: Path) -> None:
    items = list(read_path(data / "bad.jsonl", ReadOptions(skip_bad=True)))
    warnings = [i for i in items if isinstance(i, ReadError)]
    assert [(w.code, w.line) for w in warnings] == [(Code.W001, 2), (Code.W001, 3)]
    assert "E005" in warnings[1].detail  # 31 February
    assert [a.id for a in _articles(items)] == ["ok-1", "ok-4"]


def test_read_csv_with_mapped_columns(data: Path) -> None:
    options = ReadOptions(
        fields={
            "id": "doc_id",
            "published": "date",
            "title": "headline",
            "text": "body",
            "url": "link",
        }
    )
    articles = _articles(list(read_path(data / "articles.csv", options)))
    assert [a.id for a in articles] == ["c-1", "c-2"]
    assert articles[0].title == "Summit opens"
    assert articles[1].published == date(2023, 9, 19)
    assert articles[0].line == 2


def test_read_csv_without_text_column(data: Path) -> None:
    with pytest.raises(ReadError) as info:
        list(read_path(data / "articles.csv"))
    assert info.value.code is Code.E009
    assert "'text'" in info.value.detail


def test_read_html_main_text_only(data: Path) -> None:
    (article,) = list(read_path(data / "page.html"))
    assert isinstance(article, Article)
    assert article.format == "html"
    assert article.published == date(2024, 11, 14)
    assert "Diplomats from Iran and France met in Geneva" in article.text
    for junk in ("tracking", "color: red", "Home", "Copyright"):
        assert junk not in article.text
    assert article.title and "Iran and France" in article.title


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_read_feeds(data: Path, name: str) -> None:
    articles = _articles(list(read_path(data / name)))
    assert articles
    first = articles[0]
    assert first.format == "feed"
    assert first.url and first.url.startswith("https://")
    assert first.title and first.text.startswith(first.title)
    assert "<p>" not in first.text


def test_read_feed_entries(data: Path) -> None:
    articles = _articles(list(read_path(data / "feed.rss")))
    assert [a.id for a in articles] == ["wire-2024-0001", "wire-2024-0002"]
    assert [a.published for a in articles] == [date(2024, 3, 5), date(2024, 3, 6)]
    assert articles[0].dateline == "Nairobi"


def test_read_folder_recursively_reports_bad_files(data: Path, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes((data / "dated.txt").read_bytes())
    (tmp_path / "b.bin").write_bytes((data / "binary.bin").read_bytes())
    (tmp_path / ".hidden.txt").write_text(" date 2024-01-01 hidden")
    items = list(read_paths([tmp_path]))
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len(_articles(items)) == 1
    assert [e.code for e in errors] == [Code.E006]


def test_read_stdin(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    fake = io.TextIOWrapper(io.BytesIO((data / "dated.txt").read_bytes()))
    monkeypatch.setattr("sys.stdin", fake)
    (article,) = list(read_path("-"))
    assert isinstance(article, Article)
    assert article.source == "<stdin>"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("binary.bin", Code.E006),
        ("empty.txt", Code.E003),
        ("impossible-date.txt", Code.E005),
        ("missing.txt", Code.E001),
    ],
)
def test_read_errors_name_the_file(data: Path, name: str, code: Code) -> None:
    with pytest.raises(ReadError) as info:
        list(read_path(data / name))
    assert info.value.code is code
    assert name in info.value.message


def test_read_binary_with_forced_format(data: Path) -> None:
    with pytest.raises(ReadError) as info:
        list(read_path(data / "binary.bin", ReadOptions(format="text", published=date(2024, 1, 1))))
    assert info.value.code is Code.E002


def test_read_unknown_format_name(data: Path) -> None:
    with pytest.raises(ReadError) as info:
        list(read_path(data / "dated.txt", ReadOptions(format="docx")))
    assert info.value.code is Code.E006


def test_read_latin1_falls_back_with_warning(data: Path) -> None:
    warning, article = list(read_path(data / "latin1.txt"))
    assert isinstance(article, Article)
    assert "Café" in article.text
    assert isinstance(warning, ReadError) and warning.code is Code.W002
    assert "latin1.txt" in warning.message


def test_read_utf16_bom(data: Path) -> None:
    (article,) = list(read_path(data / "utf16.txt"))
    assert isinstance(article, Article)
    assert "Montréal" in article.text
    assert article.published == date(2024, 3, 4)


def test_read_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b" date 2024-01-01 " + b"a" * 2000)
    with pytest.raises(ReadError) as info:
        list(read_path(big, ReadOptions(max_bytes=1000)))
    assert info.value.code is Code.E014


def test_read_ids_are_stable_and_readable() -> None:
    assert derive_id("news/a.txt") == derive_id("news/a.txt")
    assert derive_id("news/a.txt") != derive_id("other/a.txt")
    assert derive_id("news/a.txt").startswith("a-")
    assert derive_id("x.jsonl", 3) != derive_id("x.jsonl", 4)


def test_read_content_hash_ignores_whitespace() -> None:
    a = Article(text="India  and China\nmet.", published=date(2024, 1, 1), source="a")
    b = Article(text=" India and China met. ", published=date(2024, 1, 1), source="b")
    assert a.content_hash == b.content_hash
