"""Reads gathered like writes: the conversation loads waiting together are one query, and so are
the journal reads of the trigger flow's history step.

Each event starts with a load; at a few thousand events a second one round trip per load was
most of the database time on a busy machine. Loads that arrive while one query is out are sent
together as the next query (the keys as one JSON array, ``WITH ORDINALITY`` keeps their order).
"""

from __future__ import annotations

import asyncio
from typing import Any

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from storage.postgres.dialect import rows_json

MAX_BATCH = 256

LOAD_MANY = """
SELECT k.n, u.user_key, u.locale, u.tz, u.country, u.settings, u.unreachable,
       c.flow, c.step, c.data, c.version, c.expires_at, c.updated_at
FROM json_array_elements(CAST(%s AS json)) WITH ORDINALITY AS k(v, n)
LEFT JOIN users u ON u.user_key = k.v ->> 0
LEFT JOIN conversations c ON c.user_key = k.v ->> 0 AND c.chat_id = k.v ->> 1
"""


# The journal entries of each waiting (user, since): one query for all of them, ``batch_n`` names the asker.
JOURNAL_MANY = """
SELECT k.n AS batch_n, j.*
FROM json_array_elements(CAST(%s AS json)) WITH ORDINALITY AS k(v, n)
JOIN journal j ON j.user_key = k.v ->> 0 AND j.created_at >= CAST(k.v ->> 1 AS BIGINT)
ORDER BY k.n, j.created_at
"""

Key = tuple[Any, Any]


class KeyedBatcher:
    """Batches calls: those arriving while a query runs share the next one.

    ``query`` takes the keys as one JSON array (``rows_json``); ``answer(rows, size)`` gives one
    answer per key, in order.
    """

    def __init__(self, pool: AsyncConnectionPool, query: str, answer: Any) -> None:
        self._pool = pool
        self._query = query
        self._answer = answer  # (rows, batch size) -> one answer per key, in order
        self._pending: list[tuple[Key, asyncio.Future[Any]]] = []
        self._running = False

    async def ask(self, key: Key) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending.append((key, future))
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
                        await cur.execute(self._query, (rows_json([k for k, _ in batch]),))
                        answers = self._answer(await cur.fetchall(), len(batch))
                except BaseException as exc:
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    if not isinstance(exc, Exception):
                        raise
                    continue
                for (_, future), answer in zip(batch, answers, strict=True):
                    if not future.done():
                        future.set_result(answer)
        finally:
            self._running = False


def _one_row_each(rows: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    by_n = {row["n"]: row for row in rows}
    return [by_n[n] for n in range(1, size + 1)]


def _rows_each(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    found: list[list[dict[str, Any]]] = [[] for _ in range(size)]
    for row in rows:
        found[row.pop("batch_n") - 1].append(row)
    return found


class LoadBatcher:
    """``load(user_key, chat_id)`` → the joined row as a dict; concurrent calls share one query."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._batch = KeyedBatcher(pool, LOAD_MANY, _one_row_each)

    async def load(self, user_key: str, chat_id: str) -> dict[str, Any]:
        return await self._batch.ask((user_key, chat_id))  # type: ignore[no-any-return]


class JournalBatcher:
    """``since(user_key, epoch)`` → the user's journal rows from then on, oldest first; one query for all waiting."""

    def __init__(self, pool: AsyncConnectionPool) -> None:
        self._batch = KeyedBatcher(pool, JOURNAL_MANY, _rows_each)

    async def since(self, user_key: str, epoch: int) -> list[dict[str, Any]]:
        return await self._batch.ask((user_key, epoch))  # type: ignore[no-any-return]
