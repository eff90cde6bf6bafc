"""The store's schema (SQLAlchemy Core), shared by SQLite and PostgreSQL.

- ``articles``: one row per distinct article (unique content hash), with its text.
- ``timexes``, ``actors``, ``places``: what was found in each article.
- ``event_mentions``: one row per event found in an article (the contract's ``Event``),
  with its full record as JSON; ``event_actors`` lists its coded actors for filtering.
- ``events``: canonical events; every mention points at one. Cross-article merging
  (``dateline.merge``) decides which; ``conflicts`` keeps what the mentions disagree on.
- ``merge_decisions``: one row per merged mention: the canonical event it joined, the
  mention it matched, the score and the evidence, whether a person decided it. A mention
  without a row is still to be merged.
- ``ingest_runs``: one row per ingest, with counts and errors.
- ``feeds``, ``feed_items``: what ``dateline watch`` keeps per feed (validators for
  conditional GET, health, back-off) and per item seen (so nothing is read twice).
- ``alert_rules``, ``alerts``: each ``--alert`` rule with how far it has looked, and every
  alert sent (new or update), which is also the webhook outbox.

Migrations (``store/migrations``) must produce exactly this schema; a test checks it.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running | done | failed | interrupted
    Column("inputs", JSON, nullable=False),
    Column("pipeline", String(200), nullable=False),
    Column("articles_read", Integer, nullable=False, default=0),
    Column("articles_stored", Integer, nullable=False, default=0),
    Column("articles_skipped", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
    Column("events_stored", Integer, nullable=False, default=0),
    Column("errors", JSON, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("id", String(512), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date, nullable=False),
    Column("dateline", String(200)),
    Column("format", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("body_start", Integer, nullable=False, default=0),
    Column("pipeline", String(200), nullable=False),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("content_hash"),
    Index(None, "id"),
    Index(None, "published"),
)


def _article_fk() -> ForeignKey:
    return ForeignKey("articles.key", ondelete="CASCADE")


timexes = Table(
    "timexes",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("article_key", Integer, _article_fk(), nullable=False),
    Column("tid", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String(10), nullable=False),
    Column("value", String(64), nullable=False),
    Column("interval_start", Date),
    Column("interval_end", Date),
    Column("anchor", String(32)),
    Column("mod", String(16)),
    Index(None, "article_key"),
)

actors = Table(
    "actors",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("article_key", Integer, _article_fk(), nullable=False),
    Column("aid", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(8)),
    Column("sector", String(8)),
    Column("sectors", JSON, nullable=False),
    Column("role", Text),
    Column("mentions", JSON, nullable=False),
    Index(None, "article_key"),
    Index(None, "name"),
    Index(None, "country"),
)

places = Table(
    "places",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("article_key", Integer, _article_fk(), nullable=False),
    Column("pid", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(8)),
    Column("feature_class", String(4)),
    Column("feature_code", String(10)),
    Column("geonameid", Integer),
    Column("admin1", String(64)),
    Column("mentions", JSON, nullable=False),
    Index(None, "article_key"),
    Index(None, "geonameid"),
)

events = Table(
    "events",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("cameo", String(8)),
    Column("status", String(16), nullable=False),
    Column("when_value", String(64), nullable=False),
    Column("when_start", Date, nullable=False),
    Column("when_end", Date, nullable=False),
    Column("precision", String(16), nullable=False),
    Column("basis", String(16), nullable=False),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_country", String(8)),
    Column("geonameid", Integer),
    Column("confidence", Float, nullable=False),
    Column("mentions", Integer, nullable=False, default=1),
    Column("articles", Integer, nullable=False, default=1),
    Column("sources", Integer, nullable=False, default=1),
    Column("first_reported", Date, nullable=False),
    Column("last_reported", Date, nullable=False),
    Column("conflicts", JSON),
    UniqueConstraint("id"),
    Index(None, "when_start", "when_end", "id"),  # the timeline's filter and order (s9)
    Index(None, "type", "when_start", "when_end", "id"),  # a type in date order (r8)
    Index(None, "lat", "lon"),
    Index(None, "place_country"),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("article_key", Integer, _article_fk(), nullable=False),
    Column("event_key", Integer, ForeignKey("events.key", ondelete="CASCADE"), nullable=False),
    Column("eid", String(16), nullable=False),
    Column("type", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("when_value", String(64), nullable=False),
    Column("when_start", Date, nullable=False),
    Column("when_end", Date, nullable=False),
    Column("precision", String(16), nullable=False),
    Column("basis", String(16), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("record", JSON, nullable=False),
    Index(None, "article_key"),
    Index(None, "event_key"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column(
        "mention_key", Integer, ForeignKey("event_mentions.key", ondelete="CASCADE"), nullable=False
    ),
    Column("event_key", Integer, ForeignKey("events.key", ondelete="CASCADE"), nullable=False),
    Column("role", String(10), nullable=False),  # actor | recipient
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("country", String(8)),
    Column("sector", String(8)),
    Index(None, "event_key"),
    Index(None, "mention_key"),
    Index(None, "country", "event_key"),  # country and actor filters (s9)
    Index(None, "name", "event_key"),
)

merge_decisions = Table(
    "merge_decisions",
    metadata,
    Column(
        "mention_key",
        Integer,
        ForeignKey("event_mentions.key", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("event_key", Integer, ForeignKey("events.key", ondelete="CASCADE"), nullable=False),
    Column("decision", String(16), nullable=False),  # new | attach | split | join
    Column("matched_key", Integer),  # the mention it matched best (attach)
    Column("score", Float),
    Column("evidence", JSON, nullable=False),
    Column("features", JSON, nullable=False),  # dateline.merge.features.MergeMention
    Column("manual", Boolean, nullable=False),
    Column("merger", String(32), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Index(None, "event_key"),
)


# -- dateline watch (#10) ------------------------------------------------------------------

feeds = Table(
    "feeds",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),  # as the user gave it: the feed's identity
    Column("name", Text),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("final_url", Text),  # where permanent redirects (301/308) led: polled instead
    Column("etag", Text),
    Column("last_modified", Text),
    Column("body_hash", String(64)),  # for servers that ignore conditional requests
    Column("last_poll", DateTime(timezone=True)),
    Column("last_success", DateTime(timezone=True)),
    Column("last_status", String(16)),  # 200, 304, unchanged, or an error code
    Column("last_error", Text),
    Column("last_error_at", DateTime(timezone=True)),
    Column("failures", Integer, nullable=False, default=0),  # consecutive
    Column("errors_total", Integer, nullable=False, default=0),
    Column("polls", Integer, nullable=False, default=0),
    Column("not_modified", Integer, nullable=False, default=0),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("items_stored", Integer, nullable=False, default=0),
    Column("next_poll", DateTime(timezone=True)),  # set by back-off and Retry-After
    UniqueConstraint("url"),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("feed_key", Integer, ForeignKey("feeds.key", ondelete="CASCADE"), nullable=False),
    Column("item_key", Text, nullable=False),  # the entry's link, else its guid
    Column("item_hash", String(64), nullable=False),  # SHA-256 of item_key (indexable)
    Column("url", Text),
    Column("url_hash", String(64)),  # SHA-256 of url: long URLs would overflow an index
    Column("content_hash", String(64)),
    Column("article_id", String(512)),
    Column("status", String(16), nullable=False),  # stored | duplicate | failed | pending
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("feed_key", "item_hash"),
    Index(None, "url_hash"),
    Index(None, "feed_key", "first_seen"),
)

alert_rules = Table(
    "alert_rules",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("rule", Text, nullable=False),  # normalised filter text
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_article_key", Integer, nullable=False, default=0),  # looked at up to here
    Column("last_run", DateTime(timezone=True)),
    UniqueConstraint("rule"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=True),
    Column("rule_key", Integer, ForeignKey("alert_rules.key", ondelete="CASCADE"), nullable=False),
    Column("event_id", String(64), nullable=False),  # canonical event id
    Column("kind", String(8), nullable=False),  # new | update
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("precision", String(16), nullable=False),
    Column("when_start", Date, nullable=False),
    Column("when_end", Date, nullable=False),
    Column("basis", String(16), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("webhook", String(8)),  # pending | sent | failed; null without a webhook
    Column("attempts", Integer, nullable=False, default=0),
    Index(None, "rule_key", "event_id"),
    Index(None, "webhook"),
)
