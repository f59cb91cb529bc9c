"""PostgreSQL schema: the shared migrations (``storage/migrations.py``, translated) plus its own.

Both lists are forward-only and numbered separately in ``schema_versions``; every start applies
what is missing in one transaction under a transaction-scoped advisory lock, so workers starting
together wait for each other instead of racing, and it works behind PgBouncer in transaction mode
(a session-level lock would not).
"""

from __future__ import annotations

from psycopg import AsyncConnection

from storage.migrations import MIGRATIONS
from storage.postgres.dialect import ddl

# pg_advisory_xact_lock key: "gwmigrat" as a number, so it is recognisable in pg_locks.
MIGRATION_LOCK = 0x67776D6967726174

# What only PostgreSQL needs. Append; never edit one that has shipped.
POSTGRES_MIGRATIONS: list[str] = [
    # 1: RFC 7396 JSON merge patch under SQLite's name, so ``json_patch(settings, ?)`` is written once;
    # a partial index so claiming due rows reads only pending ones, oldest first.
    """
    CREATE FUNCTION gw_merge_patch(target jsonb, patch jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
        k text;
        v jsonb;
        result jsonb;
    BEGIN
        IF jsonb_typeof(patch) IS DISTINCT FROM 'object' THEN
            RETURN patch;
        END IF;
        result := CASE WHEN jsonb_typeof(target) = 'object' THEN target ELSE '{}'::jsonb END;
        FOR k, v IN SELECT key, value FROM jsonb_each(patch) LOOP
            IF jsonb_typeof(v) = 'null' THEN
                result := result - k;
            ELSE
                result := jsonb_set(result, ARRAY[k], gw_merge_patch(result -> k, v));
            END IF;
        END LOOP;
        RETURN result;
    END $$;
    CREATE FUNCTION json_patch(target text, patch text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT gw_merge_patch(target::jsonb, patch::jsonb)::text $$;
    CREATE INDEX scheduled_pending_due ON scheduled(due_at) WHERE status = 'pending';
    """,
    # 2 (branch pg4): lets one statement refuse its whole transaction, so a group commit can send its
    # writes and COMMIT in one round trip and still write nothing when a count is not what it expected.
    """
    CREATE FUNCTION gw_expect_rows(actual bigint, expected bigint) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
        IF actual IS DISTINCT FROM expected THEN
            RAISE EXCEPTION 'groundwork: % rows written where % were expected', actual, expected
                USING ERRCODE = 'GW001';
        END IF;
        RETURN actual;
    END $$;
    """,
]


async def migrate(conn: AsyncConnection) -> tuple[int, int]:
    """Apply missing migrations; returns (shared, postgres) versions now in force."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        cur = await conn.execute("SELECT name, version FROM schema_versions")
        current = dict(await cur.fetchall())
        done = {}
        for name, scripts, translate in (("shared", MIGRATIONS, True), ("postgres", POSTGRES_MIGRATIONS, False)):
            version = current.get(name, 0)
            for script in scripts[version:]:
                await conn.execute(ddl(script) if translate else script)  # type: ignore[arg-type]
            done[name] = len(scripts)
            if len(scripts) != version:
                await conn.execute(
                    "INSERT INTO schema_versions (name, version) VALUES (%s, %s) "
                    "ON CONFLICT (name) DO UPDATE SET version = excluded.version", (name, len(scripts)))
    return done["shared"], done["postgres"]
