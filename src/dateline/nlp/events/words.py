"""A helper for the word lists of the lexicon and the rules."""

from __future__ import annotations


def words(text: str) -> list[str]:
    """The whitespace-separated words of ``text``: word lists stay readable in source."""
    return text.split()
