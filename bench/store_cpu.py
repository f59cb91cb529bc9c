"""Client CPU per unit of work in the store alone (no engine): users apply the trigger flow's six units.

    python bench/store_cpu.py --db postgresql://postgres@127.0.0.1:5432/NAME   # a schema of its own
    python bench/store_cpu.py --db /tmp/x.sqlite3

Each unit is a load then an apply like the walk's (a new conversation, a journal entry and a settings
patch first; journal updates on two later steps). Ends with ``bench store_cpu: …``.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.target import bench_database
from storage import JournalWrite, PositionWrite, Store, UnitOfWork, open_store


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def walk(store: Store, index: int) -> int:
    user, chat, entry = f"bench:{index}", str(index), uuid.uuid4().hex
    for n in range(6):
        snap = await store.load(user, chat)
        now = datetime.now(UTC)
        uow = UnitOfWork(user_key=user, chat_id=chat, now=now, position=PositionWrite(
            "trigger", f"s{n}", {"journal_id": entry, "n": n}, snap.conversation.version if snap.conversation else None,
            now + timedelta(hours=1)))
        if n == 0:
            uow.journal.append(JournalWrite(entry, topic="texting", text=f"no reply in {index} hours"))
            uow.settings_patch = {"seen": True}
        elif n == 2:
            uow.journal.append(JournalWrite(entry, route="internal"))
        elif n == 4:
            uow.journal.append(JournalWrite(entry, intensity_after=3))
        await store.apply(uow)
    return 6


async def run(db: str | None, users: int, rounds: int) -> tuple[int, float, float]:
    with tempfile.TemporaryDirectory() as tmp, bench_database(db, tmp, "storecpu") as target:
        store = await open_store(target)
        try:
            units, cpu, started = 0, _cpu_s(), time.perf_counter()
            for r in range(rounds):
                units += sum(await asyncio.gather(*(walk(store, r * users + i) for i in range(users))))
            return units, _cpu_s() - cpu, time.perf_counter() - started
        finally:
            await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite path or a postgresql:// URL; default a temporary SQLite file")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    units, cpu, elapsed = asyncio.run(run(args.db, args.users, args.rounds))
    print(f"bench store_cpu: units={units} client_cpu_us_per_unit={1e6 * cpu / units:.1f} "
          f"units_per_s={units / elapsed:.0f}")


if __name__ == "__main__":
    main()
