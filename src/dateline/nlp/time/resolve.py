"""The normaliser: a recognised expression + its context → TIMEX3 type, value, mod.

Context is what a reader uses to date an expression: the publication date (DCT), the
direction of the clause's tense ("begins on Wednesday" looks forward, "was signed on
Monday" back), the last mentioned time (for "the next day", "June that year", "two days
later") and the financial period under discussion (for "the quarter", "a year earlier"
in results reporting). Each resolver reads one rule's match (see
:mod:`dateline.nlp.time.grammar`) and returns a :class:`Reading`, or None when the match
is not a time expression after all.
"""

from __future__ import annotations

# Importing the resolver modules registers their resolvers.
from dateline.nlp.time import amounts, dates, periods, relative  # noqa: F401
from dateline.nlp.time.context import RESOLVERS, Context, Direction, Reading

__all__ = ["RESOLVERS", "Context", "Direction", "Reading"]
