"""Start-up: a real ``python -m bot run`` process, from exec to its first getUpdates, and idle RSS.

Each run starts the bot as production does (token and server from a ``.env`` in a fresh working
directory, a new SQLite file) against the fake Bot API (tests/fakes/telegram_api.py) on
127.0.0.1. The clock starts just before the process is spawned and stops when the fake receives
the first ``getUpdates``. A first message is already waiting on the server, so the first poll
fetches it: ``first_reply_s`` is when the answer to it arrived (it must not wait for the models
beyond their bounded wait). Idle RSS is read from /proc once the process has sat idle for
``--idle`` seconds after its first reply, i.e. with the safety and topic models loaded.

    .venv/bin/python bench/startup.py [--runs 5] [--idle 3] [--root OTHER_CHECKOUT] [--cprofile FILE]

``--root`` runs another checkout's bot with the same harness (base vs branch, back to back).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from tests.fakes.telegram_api import Call, FakeBotAPI  # noqa: E402

FIRST = "he hasn't replied in 4 hours and I'm spiraling"


def rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` from /proc (Linux), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process has used so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def one_run(api: FakeBotAPI, idle: float, user_id: int, root: Path,
                  profile: str | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / ".env").write_text(f"TELEGRAM_BOT_TOKEN={api.token}\nTELEGRAM_API_BASE_URL={api.root}\n")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TELEGRAM_", "DISCORD_")) and k not in ("DATABASE_URL", "GROUNDWORK_SECRET_KEY")}
        env.update(GROUNDWORK_DB=str(Path(tmp) / "startup.sqlite3"), PYTHONPATH=str(root))
        user = api.user(user_id, "Ana", "en")
        first_poll: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        cpu_at_poll: list[float] = []
        first_reply: asyncio.Future[float] = asyncio.get_running_loop().create_future()

        def on_call(call: Call) -> None:
            if call.method == "getUpdates" and not first_poll.done():
                first_poll.set_result(call.at)
                cpu_at_poll.append(cpu_s(process.pid))
            if call.method == "sendMessage" and call.params.get("chat_id") == user_id and not first_reply.done():
                first_reply.set_result(call.at)

        api.listeners.append(on_call)
        await user.send(FIRST)  # waiting on the server before the bot exists
        started = time.perf_counter()
        command = ["-m", "bot", "run"] if profile is None else ["-m", "cProfile", "-o", profile, "-m", "bot", "run"]
        process = await asyncio.create_subprocess_exec(
            sys.executable, *command, cwd=tmp, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        try:
            polled = await asyncio.wait_for(first_poll, 60)
            replied = await asyncio.wait_for(first_reply, 60)
            await asyncio.sleep(idle)
            result = {"first_poll_s": polled - started, "first_reply_s": replied - started,
                      "rss_mb": rss_mb(process.pid), "cpu_poll_s": cpu_at_poll[0], "cpu_s": cpu_s(process.pid)}
        finally:
            api.listeners.remove(on_call)
            process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(process.communicate(), 15)
            except TimeoutError:
                process.kill()
                await process.communicate()
        return result


def calibration_s() -> tuple[float, float]:
    """Wall and CPU seconds of a 10M-iteration empty loop: how fast this machine runs Python right now."""
    wall, cpu = time.perf_counter(), time.process_time()
    exec("for _ in range(10_000_000): pass", {})  # as `python -c` runs it (a global loop variable)
    return time.perf_counter() - wall, time.process_time() - cpu


async def main_async(runs: int, idle: float, root: Path, profile: str | None) -> int:
    # On a shared machine the wall clock mostly measures the queue for a core: the load and
    # this calibration go with every figure (CPU seconds are the comparable ones).
    load, (wall, cpu) = os.getloadavg(), calibration_s()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; calibration (10M-iteration loop) "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU")
    api = FakeBotAPI()
    await api.start()
    try:
        results = []
        print("| run | first_poll_s | first_reply_s | idle rss_mb | cpu_s at first poll | cpu_s at idle |")
        print("| --- | --- | --- | --- | --- | --- |")
        for run in range(runs):
            r = await one_run(api, idle, 7000 + run, root, profile)
            results.append(r)
            print(f"| {run + 1} | {r['first_poll_s']:.2f} | {r['first_reply_s']:.2f} | {r['rss_mb']:.0f} | "
                  f"{r['cpu_poll_s']:.2f} | {r['cpu_s']:.2f} |", flush=True)
    finally:
        await api.close()
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"bench startup: first_poll_s={med['first_poll_s']:.2f} rss_mb={med['rss_mb']:.0f} "
          f"first_reply_s={med['first_reply_s']:.2f} cpu_poll_s={med['cpu_poll_s']:.2f} cpu_s={med['cpu_s']:.2f} "
          f"runs={runs}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds idle after the first reply before RSS")
    parser.add_argument("--cprofile", help="run the bot under cProfile, writing the stats to this file")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose bot to start")
    args = parser.parse_args()
    return asyncio.run(main_async(args.runs, args.idle, args.root.resolve(), args.cprofile))


if __name__ == "__main__":
    sys.exit(main())
