"""``python -m bot migrate-db``: copy an embedded SQLite database into PostgreSQL, verifiably.

Everything is copied in one PostgreSQL transaction, so a failed run leaves the target as it was.
Re-running is safe: rows with a primary key are upserted (the target ends equal to the source),
rows without one (``tips_sent``) are replaced for the users being copied. Counts are then read
back on both sides, per table, for the source's keys only, so rows the target already had for
other users do not hide a missing one.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psycopg import AsyncConnection, sql

from storage.postgres.store import PostgresStore
from storage.sqlite.store import Store as SqliteStore


@dataclass(frozen=True, slots=True)
class TableCount:
    """Rows of one table in the source, and rows of the source's keys found in the target."""

    table: str
    source: int
    target: int

    @property
    def ok(self) -> bool:
        return self.source == self.target


def _parents_first(conn: sqlite3.Connection, names: list[str]) -> list[str]:
    """``names`` ordered so that a table comes after every table its foreign keys point at."""
    parents = {n: {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{n}")')} - {n} for n in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        # A cycle (none in the schema) would stall: then the rest goes in name order.
        ordered += ready or [n for n in names if n not in ordered]
    return ordered


def _read_source(path: str) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every table of the SQLite file: its column names and rows, each after the tables it references."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        names = _parents_first(conn, names)
        out = {}
        for name in names:
            cur = conn.execute(f'SELECT * FROM "{name}"')
            out[name] = ([d[0] for d in cur.description], cur.fetchall())
        return out
    finally:
        conn.close()


def _source_count(path: str, table: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    finally:
        conn.close()


async def _primary_key(conn: AsyncConnection, table: str) -> list[str]:
    cur = await conn.execute(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
        "WHERE i.indrelid = CAST(%s AS regclass) AND i.indisprimary ORDER BY a.attnum", (table,))
    return [r[0] for r in await cur.fetchall()]


async def _copy_table(conn: AsyncConnection, table: str, columns: list[str], rows: list[tuple[Any, ...]],
                      user_keys: list[str]) -> str:
    """Copy one table through a staging table; returns the column that identifies a row for counting."""
    ident, cols = sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    staging = sql.Identifier(f"gw_copy_{table}")
    await conn.execute(sql.SQL("CREATE TEMP TABLE {} (LIKE {}) ON COMMIT DROP").format(staging, ident))
    async with conn.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(staging, cols)) as copy:
        for row in rows:
            await copy.write_row(row)
    key = await _primary_key(conn, table)
    if key:
        updates = [c for c in columns if c not in key]
        action = sql.SQL("DO UPDATE SET {}").format(sql.SQL(", ").join(
            sql.SQL("{0} = excluded.{0}").format(sql.Identifier(c)) for c in updates)) if updates \
            else sql.SQL("DO NOTHING")
        conflict = sql.SQL("ON CONFLICT ({}) {}").format(sql.SQL(", ").join(map(sql.Identifier, key)), action)
    else:
        await conn.execute(sql.SQL("DELETE FROM {} WHERE user_key = ANY(%s)").format(ident), (user_keys,))
        conflict = sql.SQL("")
    await conn.execute(sql.SQL("INSERT INTO {0} ({1}) SELECT {1} FROM {2} {3}").format(ident, cols, staging, conflict))
    if key == ["id"]:
        # Ids were copied as they were: an identity (scheduled, circle check-ins and asks) must
        # continue after the largest one.
        cur = await conn.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,))
        row = await cur.fetchone()
        if row and row[0]:
            await conn.execute(sql.SQL("SELECT setval(%s, GREATEST((SELECT max(id) FROM {}), 1))").format(ident),
                               (row[0],))
    return key[0] if len(key) == 1 else "user_key" if "user_key" in columns else columns[0]


async def _target_count(store: PostgresStore, table: str, column: str, keys: list[Any]) -> int:
    query = sql.SQL("SELECT count(*) FROM {} WHERE {} = ANY(%s)").format(sql.Identifier(table), sql.Identifier(column))
    async with store.pool.connection() as conn:
        cur = await conn.execute(query, (keys,))
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def copy_sqlite_to_postgres(source: str | Path, url: str) -> list[TableCount]:
    """Copy every table; returns per-table counts read back on both sides."""
    path = str(source)
    if not await asyncio.to_thread(Path(path).is_file):
        raise FileNotFoundError(path)
    store = await SqliteStore.open(path)  # brings an older file up to the current schema first
    await store.close()
    tables = await asyncio.to_thread(_read_source, path)
    target = await PostgresStore.open(url)
    try:
        user_keys = [r[0] for r in tables.get("users", ([], []))[1]]
        identity: dict[str, str] = {}
        async with target.pool.connection() as conn, conn.transaction():
            for table, (columns, rows) in tables.items():
                identity[table] = await _copy_table(conn, table, columns, rows, user_keys)
        counts = []
        for table, (columns, rows) in tables.items():
            index = columns.index(identity[table])
            keys = sorted({r[index] for r in rows})
            counts.append(TableCount(table, await asyncio.to_thread(_source_count, path, table),
                                     await _target_count(target, table, identity[table], keys)))
        return counts
    finally:
        await target.close()
