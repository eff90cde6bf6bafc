"""Shared fixtures. What the machine cannot run (no model, no PostgreSQL) is skipped with
a reason, never failed."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


def _find_shared() -> Path:
    """The team's shared development data: $DATELINE_SHARED, else a ``shared`` folder next
    to the checkout (or next to its parent, for git worktrees)."""
    if os.environ.get("DATELINE_SHARED"):
        return Path(os.environ["DATELINE_SHARED"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared").is_dir():
            return base / "shared"
    return ROOT.parent / "shared"


SHARED = _find_shared()
SHARED_DATA = SHARED / "data"
SEED = SHARED / "examples" / "sco-qingdao-2025-06-24.txt"
PG_ADMIN_URL = os.environ.get(
    "DATELINE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """The default pipeline, loaded once per session."""
    from dateline import get_pipeline
    from dateline.errors import ModelError

    try:
        return get_pipeline()
    except ModelError as exc:  # pragma: no cover - the model is a dependency
        pytest.skip(f"spaCy model not installed: {exc}")


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (development benchmarks; never copied into the repository)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the shared development data is not on this machine ({SHARED_DATA})")
    return SHARED_DATA


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed article is not on this machine ({SEED})")
    return SEED


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'events.db'}"


def _postgres_admin():  # type: ignore[no-untyped-def]
    try:
        import psycopg  # noqa: F401
        from sqlalchemy import create_engine, text
    except ImportError as exc:  # pragma: no cover
        pytest.skip(f"PostgreSQL driver missing: {exc}")
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        engine.dispose()
        pytest.skip(f"no PostgreSQL server reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}")
    return engine


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    admin = _postgres_admin()
    name = f"dateline_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on both back-ends."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    return str(request.getfixturevalue("postgres_url"))
