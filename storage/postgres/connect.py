"""From ``DATABASE_URL`` to a psycopg connection pool: host options kept, PgBouncer handled.

psycopg 3 with psycopg_pool (not asyncpg): it speaks libpq's own URL and options (``sslmode``,
``sslrootcert``, ``options``, several hosts) exactly as hosts hand them out, its automatic
server-side prepared statements switch off with one setting for PgBouncer in transaction mode,
and the binary wheel needs nothing installed on the host.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from psycopg_pool import AsyncConnectionPool

TRUE = frozenset({"1", "true", "yes", "on"})
DEFAULT_POOL_MAX = 8


@dataclass(frozen=True, slots=True)
class Target:
    """A libpq URL without our own options, and what they asked for."""

    conninfo: str
    pgbouncer: bool
    pool_max: int


def parse_url(url: str, env: dict[str, str] | None = None) -> Target:
    """``postgres://`` or ``postgresql://`` with any libpq query options.

    Our own option ``pgbouncer=true`` (or ``GROUNDWORK_PGBOUNCER=1``) turns server-side prepared
    statements off, since a transaction-mode pooler may run each transaction on another server
    connection. libpq refuses unknown options, so it is taken out of the URL here.
    """
    env = dict(os.environ) if env is None else env
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    ours = {k: v for k, v in query if k in {"pgbouncer", "pool_max"}}
    kept = [(k, v) for k, v in query if k not in ours]
    pgbouncer = ours.get("pgbouncer", env.get("GROUNDWORK_PGBOUNCER", "")).strip().lower() in TRUE
    pool_max = int(ours.get("pool_max") or env.get("GROUNDWORK_DB_POOL_MAX") or DEFAULT_POOL_MAX)
    scheme = "postgresql" if parts.scheme in {"postgres", "postgresql"} else parts.scheme
    conninfo = urlunsplit((scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))
    return Target(conninfo=conninfo, pgbouncer=pgbouncer, pool_max=max(1, pool_max))


def connection_kwargs(target: Target) -> dict[str, Any]:
    """Autocommit connections: every transaction is an explicit ``conn.transaction()`` block."""
    kwargs: dict[str, Any] = {"autocommit": True}
    if target.pgbouncer:
        kwargs["prepare_threshold"] = None
    return kwargs


async def open_pool(target: Target) -> AsyncConnectionPool:
    """Open the pool and wait for its first connection, so a wrong URL fails at start-up."""
    pool = AsyncConnectionPool(target.conninfo, kwargs=connection_kwargs(target), min_size=1,
                               max_size=target.pool_max, open=False, name="groundwork", timeout=30.0)
    try:
        await pool.open(wait=True, timeout=15.0)
    except BaseException:
        await pool.close()
        raise
    return pool


def redacted(conninfo: str) -> str:
    """The URL without its password, for logs."""
    parts = urlsplit(conninfo)
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
