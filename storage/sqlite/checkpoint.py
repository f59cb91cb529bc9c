"""WAL checkpoints on their own connection, so the writer never waits for a disk flush, and a bounded log.

SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 WAL pages, and
copying pages back plus the fsync that follows stalled the writer thread for 50–180 ms
(bench/engine.py p99 at 2,000 steps/s moved from ~10 ms to 15–180 ms with it on). A PASSIVE
checkpoint from a second connection never blocks readers or the writer.

But a PASSIVE checkpoint never rewinds the log: the next writer starts the ``-wal`` file over
only if every frame was copied back and no reader still uses one, and under a steady load a
commit always lands while the checkpoint copies, so the file grew without end (issue 11). Once
the log passes ``REWIND_BYTES`` this connection runs a RESTART checkpoint, which takes the write
lock and waits for readers of old frames (its busy handler, ``REWIND_WAIT_MS`` at most), then
commits one small row itself. That first commit after a rewind writes and syncs the new log
header and, with ``journal_size_limit``, cuts back a file grown far past the bound (~30 MB cut:
13-27 ms): work that would otherwise fall on the loop's next commit. While the lock is held the
loop's connection (``busy_timeout`` 0) is refused at once; a refusal while ``holding`` is set is
tried again on the loop every millisecond instead of going through aiosqlite's queue
(group_commit.py). So the writer is delayed by a rewind (held 1-28 ms in the engine bench, most
under 10), never blocked on it, and does not wait in SQLite's busy handler for it (a refusal is retried on the
loop for up to ``RETRY_HERE_MAX_S``, then queued; a unit refused just as the hold ends is queued too).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass

import aiosqlite

log = logging.getLogger(__name__)

INTERVAL_S = 1.0
# The log is rewound once it holds this much: ~4,000 frames of 4 KiB pages, about one 32 KiB
# segment of the WAL index (4,096 frames each), which readers search. A rewind holds the write lock
# (1-28 ms measured: the RESTART's copy of what came since the last PASSIVE, and its syncs), so it
# should not come every tick: the engine bench writes ~4-6 MB of log a second, one rewind in 3-4 s.
REWIND_BYTES = 16 * 2**20
# ``journal_size_limit``: the first commit after a rewind cuts a longer file back to this. Not the
# rewind bound itself: a steady load leaves the file at the bound plus a second's writes, and cutting
# that back at every rewind cost the commit 13-27 ms (~30 MB cut, against ~0.4 ms uncut). So the file
# is reused as it is, and only one grown far past the bound (a reader held the log) is cut.
LIMIT_FACTOR = 4
# The RESTART checkpoint's busy handler: how long it waits for the writer and for readers of old
# frames. It holds the write lock while it waits for readers, so this is short; a refused rewind is
# tried again later (MAX_BACKOFF_S).
REWIND_WAIT_MS = 20
# Before a RESTART, PASSIVE checkpoints until at most this many frames are left to copy under the lock.
CATCH_UP_FRAMES = 64
CATCH_UP_PASSES = 3
# A log not rewound for this long is reported (a reader or writer that never lets go).
STUCK_AFTER_S = 60.0
# After a refused rewind the next waits 2, 4, 8 ... ticks, up to this: each attempt holds the write
# lock for up to REWIND_WAIT_MS, which a reader that never lets go would cost the writer every tick.
MAX_BACKOFF_S = 30.0


@dataclass(frozen=True, slots=True)
class Tick:
    """What one tick saw: the log's frames before it, and whether a rewind was refused or done (and its hold)."""

    frames: int
    rewound: bool = False
    held_s: float = 0.0
    # Said outright rather than read from ``held_s``: a RESTART refused at once can take less time than
    # the clock's resolution, and a zero would have read as "not tried".
    refused: bool = False


class Checkpointer:
    """Runs ``PRAGMA wal_checkpoint(PASSIVE)`` every second from its own connection and thread; rewinds a long log."""

    def __init__(self, path: str, interval_s: float | None = None, rewind_bytes: int | None = None,
                 stuck_after_s: float | None = None) -> None:
        self.path = path
        # The module's values when not given, read now (not when the module was loaded), so a test can set them.
        self.interval_s = INTERVAL_S if interval_s is None else interval_s
        self.rewind_bytes = REWIND_BYTES if rewind_bytes is None else rewind_bytes
        self.stuck_after_s = STUCK_AFTER_S if stuck_after_s is None else stuck_after_s
        self.journal_size_limit = LIMIT_FACTOR * self.rewind_bytes  # set on every connection (store.py)
        self._conn: aiosqlite.Connection | None = None
        self._task: asyncio.Task[None] | None = None
        self._rewind_frames = 0  # set from the page size at start
        self._over_since: float | None = None  # when the log was first seen past the bound, not rewound since
        self._reported_at = 0.0
        self._page_size = 4096
        self._backoff_s = 0.0  # after a refused rewind, how long until the next attempt
        self._next_rewind_at = 0.0
        self.rewinds = 0  # for the benches and tests
        self.refused = 0  # RESTARTs that timed out waiting for a reader or writer
        # Set on this connection's thread while a rewind may hold the write lock; the loop's commits
        # wait for it rather than going through aiosqlite's queue (group_commit.py).
        self.holding = threading.Event()
        self.longest_hold_s = 0.0  # the longest a rewind held the write lock

    async def start(self) -> None:
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        await self._conn.execute(f"PRAGMA busy_timeout={REWIND_WAIT_MS}")
        # PASSIVE never calls the busy handler; the RESTART and the small commit after it do.
        await self._conn.execute(f"PRAGMA journal_size_limit={self.journal_size_limit}")
        async with self._conn.execute("PRAGMA page_size") as cursor:
            (page_size,) = await cursor.fetchone()  # type: ignore[misc]
        self._page_size = page_size
        self._rewind_frames = max(1, (self.rewind_bytes - 32) // (page_size + 24))  # a frame: 24-byte header + page
        self._task = asyncio.get_running_loop().create_task(self._run(), name="sqlite-checkpoint")

    async def _run(self) -> None:
        assert self._conn is not None
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                tick = await self.tick()
            except (aiosqlite.Error, sqlite3.Error) as exc:  # a busy database is retried at the next tick
                log.debug("checkpoint skipped: %s", exc)
                continue
            self._note(tick)

    async def tick(self) -> Tick:
        """One checkpoint, and a rewind if the log is past the bound, in one call on this connection's thread."""
        assert self._conn is not None
        rewind_at = self._rewind_frames if time.monotonic() >= self._next_rewind_at else _NEVER
        # One hop (aiosqlite's private call, as group_commit._in_worker; the version is pinned): with a
        # hop for the RESTART and one for the small commit, the loop's next commit would usually come
        # between them and pay for the new log header itself.
        return await self._conn._execute(_tick, self._conn._conn, rewind_at, self.holding)  # type: ignore[attr-defined]

    def _note(self, tick: Tick) -> None:
        now = time.monotonic()
        if tick.rewound:
            self.rewinds += 1
            self.longest_hold_s = max(self.longest_hold_s, tick.held_s)
            log.debug("WAL rewound at %d frames, write lock held %.1f ms", tick.frames, tick.held_s * 1000)
            self._over_since = None
            self._backoff_s = 0.0
            return
        if tick.refused:  # a reader of old frames, or a writer, outlasted the wait
            self.refused += 1
            self._backoff_s = min(MAX_BACKOFF_S, max(2 * self._backoff_s, 2 * self.interval_s))
            self._next_rewind_at = now + self._backoff_s
            log.debug("WAL not rewound at %d frames (busy %.1f ms), next try in %.0f s",
                      tick.frames, tick.held_s * 1000, self._backoff_s)
        if tick.frames < self._rewind_frames:
            self._over_since = None
            return
        if self._over_since is None:
            self._over_since = now
        stuck = now - self._over_since
        if stuck >= self.stuck_after_s and now - self._reported_at >= self.stuck_after_s:
            self._reported_at = now
            # Sizes and seconds only: nothing a user wrote.
            log.warning("SQLite's write-ahead log not rewound for %.1f s: %d frames (%.0f MB), past the %d-frame "
                        "bound; a reader or writer keeps it in use", stuck, tick.frames,
                        tick.frames * (self._page_size + 24) / 1e6, self._rewind_frames)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._conn is not None:
            await self._conn.close()


_NEVER = 2**62


def _tick(db: sqlite3.Connection, rewind_frames: int, holding: threading.Event) -> Tick:
    """PASSIVE; past ``rewind_frames``, RESTART and the first commit of the new log, on the checkpointer's thread."""
    _, frames, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    if frames < rewind_frames:  # -1: not in WAL mode, or another connection's checkpoint is running
        return Tick(frames)
    # The RESTART copies (and syncs) what the PASSIVE left, holding the write lock: what was committed
    # while a PASSIVE copied a whole tick's log. PASSIVE again, without the lock, until little is left.
    for _ in range(CATCH_UP_PASSES):
        if frames - copied <= CATCH_UP_FRAMES:
            break
        _, frames, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    started = time.perf_counter()
    holding.set()
    try:
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(RESTART)").fetchone()
        if busy:
            return Tick(frames, held_s=time.perf_counter() - started, refused=True)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO meta (key, value) VALUES ('wal_rewound_at', datetime('now')) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            db.execute("COMMIT")
        except sqlite3.OperationalError:  # another commit came first and started the new log itself
            if db.in_transaction:
                db.execute("ROLLBACK")
        return Tick(frames, rewound=True, held_s=time.perf_counter() - started)
    finally:
        holding.clear()
