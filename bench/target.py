"""Where a benchmark writes: a temporary SQLite file, a SQLite path given with ``--db`` (kept),
or a PostgreSQL URL given with ``--db``, where the run gets a schema of its own, dropped after."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage import is_postgres_url


def with_schema(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def bench_database(db: str | None, tmp: str, name: str) -> Iterator[str]:
    """Yield the store target for one benchmark phase called ``name``."""
    if db is None:
        yield str(Path(tmp) / f"{name}.sqlite3")
        return
    if not is_postgres_url(db):
        yield db
        return
    import psycopg

    schema = f"gw_bench_{name}_{os.getpid()}_{secrets.token_hex(2)}"
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield with_schema(db, schema)
    finally:
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
