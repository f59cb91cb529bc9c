"""Reads gathered like writes: the conversation loads waiting together are one query.

Each event starts with a load; at a few thousand events a second one round trip per load was
most of the database time on a busy machine. Loads that arrive while one query is out are sent
together as the next query (``unnest`` of the keys, ``WITH ORDINALITY`` keeps their order).
"""

from __future__ import annotations

import asyncio
from typing import Any

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

MAX_BATCH = 256

LOAD_MANY = """
SELECT k.n, u.user_key, u.locale, u.tz, u.country, u.settings, u.unreachable,
       c.flow, c.step, c.data, c.version, c.expires_at, c.updated_at
FROM unnest(CAST(%s AS TEXT[]), CAST(%s AS TEXT[])) WITH ORDINALITY AS k(user_key, chat_id, n)
LEFT JOIN users u ON u.user_key = k.user_key
LEFT JOIN conversations c ON c.user_key = k.user_key AND c.chat_id = k.chat_id
"""


class LoadBatcher:
    """``load(user_key, chat_id)`` → the joined row as a dict; concurrent calls share one query."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._pool = pool
        self._pending: list[tuple[str, str, asyncio.Future[dict[str, Any]]]] = []
        self._running = False

    async def load(self, user_key: str, chat_id: str) -> dict[str, Any]:
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending.append((user_key, chat_id, future))
        if not self._running:
            self._running = True
            asyncio.get_running_loop().create_task(self._run())
        return await future

    async def _run(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
                try:
                    async with self._pool.connection() as conn:
                        cur = conn.cursor(row_factory=dict_row)
                        await cur.execute(LOAD_MANY, ([k for k, _, _ in batch], [c for _, c, _ in batch]))
                        rows = {row["n"]: row for row in await cur.fetchall()}
                except BaseException as exc:
                    for _, _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    if not isinstance(exc, Exception):
                        raise
                    continue
                for n, (_, _, future) in enumerate(batch, start=1):
                    if not future.done():
                        future.set_result(rows[n])
        finally:
            self._running = False
