"""One contract suite, two backends: ``pytestmark = pytest.mark.both_backends`` in a test module makes
its ``db_path`` fixture run each test on SQLite and on PostgreSQL (a fresh schema per test, dropped after).

PostgreSQL comes from ``GROUNDWORK_TEST_DATABASE_URL`` (default: the local server). If it does not
answer, the PostgreSQL half is skipped with one line saying how to run it, unless ``CI=true``.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from functools import cache
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from storage import Store, open_store

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgres")
HOW_TO = ("PostgreSQL tests skipped: no server answered at {url} ({why}). Start one there or set "
          "GROUNDWORK_TEST_DATABASE_URL=postgresql://USER@HOST:PORT/DB to run them.")
_RUN = f"gw_test_{os.getpid()}_{secrets.token_hex(3)}"
_numbers = itertools.count()


def test_database_url() -> str:
    return os.environ.get("GROUNDWORK_TEST_DATABASE_URL", "").strip() or DEFAULT_URL


test_database_url.__test__ = False  # type: ignore[attr-defined]  # not a test, despite its name


@cache
def postgres_problem() -> str | None:
    """Why the test server cannot be used, or None when it answers."""
    try:
        with psycopg.connect(test_database_url(), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except (psycopg.Error, OSError) as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


def with_schema(url: str, schema: str) -> str:
    """The URL with ``search_path`` set to ``schema`` (libpq's ``options``), keeping its other options."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db_path(backend: str, tmp_path: Path) -> Iterator[Path | str]:
    """A SQLite file, or (in ``both_backends`` modules) a PostgreSQL URL with a schema of its own."""
    if backend == "sqlite":
        yield tmp_path / "groundwork.sqlite3"
        return
    yield from _fresh_schema()


@pytest.fixture
async def store(db_path: Path | str) -> AsyncIterator[Store]:
    """A store opened on ``db_path``, closed even when the test fails (aiosqlite's thread would keep pytest alive)."""
    opened = await open_store(str(db_path))
    yield opened
    await opened.close()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL with a schema of its own, for tests that compare or move between backends."""
    yield from _fresh_schema()


def _fresh_schema() -> Iterator[str]:
    problem = postgres_problem()
    if problem is not None:
        message = HOW_TO.format(url=test_database_url(), why=problem)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true needs PostgreSQL: no server answered at {test_database_url()} ({problem})",
                        pytrace=False)
        pytest.skip(message)
    schema = f"{_RUN}_{next(_numbers)}"
    with psycopg.connect(test_database_url(), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_schema(test_database_url(), schema)
    finally:
        with psycopg.connect(test_database_url(), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_backends: run this module's db_path tests on SQLite and PostgreSQL")
    config.addinivalue_line("markers", "sqlite_only: a test about SQLite itself (WAL, its writer thread)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    definition = metafunc.definition
    if ("backend" in metafunc.fixturenames and definition.get_closest_marker("both_backends")
            and not definition.get_closest_marker("sqlite_only")):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The one line that says the PostgreSQL half did not run, and how to run it."""
    if postgres_problem.cache_info().currsize and postgres_problem() is not None:
        terminalreporter.write_line(HOW_TO.format(url=test_database_url(), why=postgres_problem()), yellow=True)


def query_from_outside(target: Path | str, query: str) -> list[tuple[object, ...]]:
    """Run one query from another connection, synchronously (as another process would see the data)."""
    if str(target).startswith(("postgres://", "postgresql://")):
        with psycopg.connect(str(target), autocommit=True) as conn:
            return conn.execute(query).fetchall()
    import sqlite3

    conn = sqlite3.connect(target)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()
