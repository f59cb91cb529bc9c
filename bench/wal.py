"""What the writer sees of WAL checkpoints: ``Store.apply`` latency and the -wal file under a steady write load.

Units of work (a position and a journal entry each, as a typed step writes) arrive as Poisson
arrivals at ``--rate`` per second for ``--seconds`` over 1,000 users, each followed by a ``load``
as the engine's next step would. Latency runs from each unit's due time to its commit. Prints the
-wal file's largest size, sampled every 200 units, and what the checkpointer did (issue 11).
Ends with ``bench wal: p50_ms=N p99_ms=N wal_max_mb=N``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storage import JournalWrite, PositionWrite, SqliteStore, UnitOfWork

USERS = 1000


def wal_size(path: Path) -> int:
    try:
        return Path(f"{path}-wal").stat().st_size
    except OSError:
        return 0


async def run(rate: float, seconds: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wal.sqlite3"
        store = await SqliteStore.open(path)
        versions: list[int | None] = [None] * USERS
        busy: set[int] = set()
        latencies: list[float] = []
        sizes = [0]

        async def one(user: int, due: float) -> None:
            uow = UnitOfWork(
                user_key=f"bench:{user}", chat_id=str(user), now=datetime.now(UTC),
                position=PositionWrite(flow="trigger", step="s", data={"n": "x" * 200},
                                       expected_version=versions[user], expires_at=None),
                journal=[JournalWrite(entry_id=f"{user}-{time.perf_counter_ns()}", text="y" * 300)])
            versions[user] = await store.apply(uow)
            await store.load(f"bench:{user}", str(user))
            latencies.append(time.perf_counter() - due)
            busy.discard(user)

        tasks = []
        started = due = time.perf_counter()
        while due - started < seconds:
            due += random.expovariate(rate)
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            user = random.randrange(USERS)
            while user in busy:  # one unit at a time per user, as the engine's per-user lock does
                user = random.randrange(USERS)
            busy.add(user)
            tasks.append(asyncio.ensure_future(one(user, due)))
            if len(tasks) % 200 == 0:
                sizes.append(wal_size(path))
        await asyncio.gather(*tasks)
        sizes.append(wal_size(path))
        checkpointer = store._checkpointer
        rewinds = getattr(checkpointer, "rewinds", -1)
        held = getattr(checkpointer, "longest_hold_s", 0.0)
        on_loop = store._group.here
        await store.close()
    latencies.sort()
    n = len(latencies)
    return {"units": n, "on_loop": on_loop, "p50_ms": latencies[n // 2] * 1000,
            "p99_ms": latencies[int(n * 0.99)] * 1000, "p999_ms": latencies[int(n * 0.999)] * 1000,
            "max_ms": latencies[-1] * 1000, "wal_max_mb": max(sizes) / 1e6, "rewinds": rewinds,
            "longest_hold_ms": held * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=2000.0, help="units of work offered per second")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    r = asyncio.run(run(args.rate, args.seconds))
    print(f"units={r['units']:.0f} on_loop={r['on_loop']:.0f} p999_ms={r['p999_ms']:.2f} max_ms={r['max_ms']:.1f} "
          f"rewinds={r['rewinds']:.0f} longest_hold_ms={r['longest_hold_ms']:.1f}")
    print(f"bench wal: p50_ms={r['p50_ms']:.2f} p99_ms={r['p99_ms']:.2f} wal_max_mb={r['wal_max_mb']:.1f}")


if __name__ == "__main__":
    main()
