"""Crash semantics of the pump: a dead worker is not a failed send, and a kill re-sends only what was on the wire."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, Settings, build_app
from bot.clock import FakeClock
from bot.pump import answered, on_wire
from bot.replies import Reply
from bot.scheduling.pump import LEASE, MAX_TAKEOVERS, RETRY_AFTER, SchedulerPump
from storage import ScheduleWrite, UnitOfWork
from tests.fakes.backends import query_from_outside
from tests.fakes.console import START

pytestmark = pytest.mark.both_backends  # every test runs on SQLite and on PostgreSQL


class Platform:
    """A platform's outbound side that records sends; it can fail, hang or run code on a given send."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.fail_next = 0
        self.hang_at: int | None = None  # the n-th call (1-based) never returns: the process "dies" there
        self.calls = 0
        self.on_send: Any = None
        self.called = asyncio.Event()

    async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None:
        self.calls += 1
        self.called.set()
        if self.hang_at is not None and self.calls >= self.hang_at:
            await asyncio.Event().wait()
        await asyncio.sleep(0)
        if self.fail_next:
            self.fail_next -= 1
            answered(502)  # the platform said no: the message was not taken
            raise RuntimeError("HTTP 502")
        if self.on_send is not None:
            self.on_send()
        self.sent.append(user_key)


class LimitedPlatform(Platform):
    """A sender that marks its item on the wire itself, after waiting its turn (a rate limiter)."""

    marks_on_wire = True

    def __init__(self) -> None:
        super().__init__()
        self.turn = asyncio.Event()
        self.turn.set()
        self.waiting = asyncio.Event()
        self.before_mark: Any = None

    async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None:
        self.waiting.set()
        await self.turn.wait()
        if self.before_mark is not None:
            self.before_mark()
        await on_wire()
        await super().send(user_key, chat_id, replies)


async def _app(db_path: Path, platform: Platform) -> App:
    app = await build_app(Settings.from_env(db_path=str(db_path)), clock=FakeClock(START))
    app.senders["telegram"] = platform
    return app


@pytest.fixture
async def platform() -> Platform:
    return Platform()


@pytest.fixture
async def app(db_path: Path, platform: Platform) -> AsyncIterator[App]:
    built = await _app(db_path, platform)
    yield built
    await built.close()


async def _followups(app: App, count: int, due_offset: timedelta = timedelta(0)) -> None:
    for n in range(count):
        uow = UnitOfWork(user_key=f"telegram:{n}", chat_id=str(n), now=START)
        uow.settings_patch["quiet"] = "off"
        uow.schedule.append(ScheduleWrite(kind="followup", due_at=START + due_offset, chat_id=str(n),
                                          payload={"topic": "texting", "intensity": 3}))
        await app.store.apply(uow)


async def _rows(app: App) -> list[tuple[Any, ...]]:
    rows = await app.store.fetch_all(
        "SELECT status, note, attempts, takeovers FROM scheduled ORDER BY id")
    return [tuple(r) for r in rows]


def _pump(app: App) -> SchedulerPump:
    assert isinstance(app.pump, SchedulerPump)
    return app.pump


async def _survivor_runs(db_path: Path, at: Any) -> Platform:
    """Another process (its own app and platform) runs the pump at ``at``; returns that platform."""
    survivor_platform = Platform()
    survivor = await _app(db_path, survivor_platform)
    try:
        await _pump(survivor).run_due(at)
    finally:
        await survivor.close()
    return survivor_platform


async def _killed_at_the_100th_send(app: App, platform: Platform) -> tuple[SchedulerPump, asyncio.Task[Any]]:
    """Run the pump from ``START`` until the 100th platform call hangs there (the process is killed)."""
    pump = _pump(app)
    platform.hang_at = 100  # the 100th platform call never returns: the process is killed there
    run = asyncio.create_task(pump.run_due(START))
    for _ in range(500):
        await asyncio.sleep(0.01)
        if platform.calls >= 100 + pump.window - 1:
            break
    return pump, run


async def _die_reaching_it(app: App, worker: str, now: Any) -> LimitedPlatform:
    """A worker takes the follow-up (claim or takeover), renders it and dies waiting for its turn to send."""
    platform = LimitedPlatform()
    platform.turn.clear()
    app.senders["telegram"] = platform
    run = asyncio.create_task(SchedulerPump(app.engine, app.store.queue(worker), app.senders,
                                            stale_after=None).run_due(now))
    await asyncio.wait_for(platform.waiting.wait(), 10)
    run.cancel()
    return platform


async def test_a_followup_whose_worker_dies_six_times_is_still_sent_once(app: App, platform: Platform) -> None:
    await _followups(app, 1)
    now, dead = START, []
    for death in range(6):
        # Each worker reaches it (rendered, about to send) and dies before the platform sees it.
        dead.append(await _die_reaching_it(app, f"dead-{death}", now))
        now += LEASE + timedelta(minutes=1)
    app.senders["telegram"] = platform
    await _pump(app).run_due(now)
    for gone in dead:  # what the dead workers still had in flight finds the item no longer theirs
        gone.turn.set()
    await asyncio.sleep(0.1)
    assert platform.sent == ["telegram:0"] and not any(gone.sent for gone in dead)
    assert await _rows(app) == [("sent", None, 0, 6)]  # six takeovers reached, no attempt used


async def test_a_followup_taken_over_by_workers_that_die_before_reaching_it_is_never_parked(
    app: App, platform: Platform
) -> None:
    # bench/faults.py, 2026-11-30 (rel3): rows taken over 20 times by short-lived workers that never
    # got to them were parked. Only a worker that reaches a row charges it a takeover.
    await _followups(app, 1)
    now = START
    assert await app.store.queue("first").claim(now, 10)
    for death in range(MAX_TAKEOVERS + 5):
        now += LEASE + timedelta(minutes=1)
        assert await app.store.queue(f"dead-{death}").expired_claims(now, LEASE)
    await _pump(app).run_due(now + LEASE + timedelta(minutes=1))
    assert platform.sent == ["telegram:0"]
    assert await _rows(app) == [("sent", None, 0, 1)]


async def test_a_worker_dying_mid_takeover_charges_only_the_rows_it_reached(
    db_path: Path, app: App, platform: Platform
) -> None:
    await _followups(app, 40)
    assert len(await app.store.queue("dead").claim(START, 100)) == 40
    pump = _pump(app)
    platform.hang_at = 1  # the first send after the takeover never returns: the process dies there
    run = asyncio.create_task(pump.run_due(START + LEASE + timedelta(minutes=1)))
    try:
        await asyncio.wait_for(platform.called.wait(), 10)
        await asyncio.sleep(0.1)
        charged = [r[3] for r in await _rows(app)]
        # All 40 were taken over; only the group it rendered before dying was charged.
        assert sum(charged) == pump.window and set(charged) == {0, 1}
        survivor_platform = await _survivor_runs(db_path, START + LEASE * 2 + timedelta(minutes=2))
    finally:
        run.cancel()
    assert sorted(survivor_platform.sent, key=lambda k: int(k.split(":")[1])) == [
        f"telegram:{n}" for n in range(40)]
    assert max(r[3] for r in await _rows(app)) <= 2 and {r[0] for r in await _rows(app)} == {"sent"}


async def _die_on_the_wire(app: App, worker: str, now: Any) -> None:
    dead = app.store.queue(worker)
    [item] = await dead.expired_claims(now, LEASE) or await dead.claim(now, 10)
    assert await dead.mark_sending([item.id], now) == {item.id}


async def test_a_followup_on_the_wire_when_its_worker_died_is_sent_again(app: App, platform: Platform) -> None:
    await _followups(app, 1)
    await _die_on_the_wire(app, "dead", START)
    await _pump(app).run_due(START + LEASE + timedelta(minutes=1))
    assert platform.sent == ["telegram:0"] and await _rows(app) == [("sent", None, 0, 1)]


async def test_a_followup_on_the_wire_at_two_deaths_is_not_sent_a_third_time(
    app: App, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    await _followups(app, 1)
    await _die_on_the_wire(app, "first", START)
    await _die_on_the_wire(app, "second", START + LEASE + timedelta(minutes=1))  # its re-send, marked as such
    with caplog.at_level(logging.WARNING):
        await _pump(app).run_due(START + LEASE * 2 + timedelta(minutes=2))
    # Taken over twice, reached once (the second taker died on the wire without a pump reaching it).
    assert platform.sent == [] and await _rows(app) == [("sent", "on-wire-twice", 0, 1)]
    assert "not sent a third time" in caplog.text


async def test_a_worker_dying_during_a_resend_leaves_it_known_as_on_the_wire_twice(
    db_path: Path, app: App, platform: Platform
) -> None:
    await _followups(app, 1)
    await _die_on_the_wire(app, "first", START)
    platform.hang_at = 1  # the re-send reaches the platform and the process dies before its outcome
    run = asyncio.create_task(_pump(app).run_due(START + LEASE + timedelta(minutes=1)))
    try:
        await asyncio.wait_for(platform.called.wait(), 10)
        assert await _rows(app) == [("sending", "resend", 0, 1)]
        survivor_platform = await _survivor_runs(db_path, START + LEASE * 2 + timedelta(minutes=2))
    finally:
        run.cancel()
    assert platform.calls == 1 and survivor_platform.calls == 0  # two sends began in all, never three
    assert await _rows(app) == [("sent", "on-wire-twice", 0, 2)]


async def test_followups_taken_over_from_the_wire_are_resent_one_at_a_time(
    db_path: Path, app: App, platform: Platform
) -> None:
    await _followups(app, 3)
    dead = app.store.queue("dead")
    items = await dead.claim(START, 10)
    await dead.mark_sending([i.id for i in items], START)
    seen: list[tuple[int, int]] = []

    def count_rows() -> None:
        [(sent, resending)] = query_from_outside(
            db_path, "SELECT count(*) FILTER (WHERE status = 'sent'), "
            "count(*) FILTER (WHERE status = 'sending' AND note = 'resend') FROM scheduled")
        seen.append((int(sent), int(resending)))  # type: ignore[call-overload]

    platform.on_send = count_rows
    await _pump(app).run_due(START + LEASE + timedelta(minutes=1))
    assert sorted(platform.sent) == ["telegram:0", "telegram:1", "telegram:2"]
    # Each re-send is alone on the wire, and recorded before the next one is marked.
    assert seen == [(0, 1), (1, 1), (2, 1)]


async def test_rows_that_were_on_the_wire_are_taken_over_first(app: App) -> None:
    await _followups(app, 3)
    dead = app.store.queue("dead")
    items = await dead.claim(START, 10)
    await dead.mark_sending([items[-1].id], START)
    taken = await app.store.queue("next").expired_claims(START + LEASE * 2, LEASE, limit=1)
    assert [(i.id, i.on_wire) for i in taken] == [(items[-1].id, True)]


async def test_an_item_whose_worker_keeps_dying_is_parked_and_logged(
    app: App, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    await _followups(app, 1)
    await app.store.fetch_all(
        "UPDATE scheduled SET status = 'claimed', claimed_by = 'dead', claimed_at = ?, takeovers = ?",
        (int(START.timestamp()), MAX_TAKEOVERS - 1))
    await _die_reaching_it(app, "last-to-die", START + LEASE + timedelta(minutes=1))
    app.senders["telegram"] = platform
    with caplog.at_level(logging.WARNING):
        await _pump(app).run_due(START + LEASE * 2 + timedelta(minutes=2))
    assert platform.sent == []
    assert await _rows(app) == [("parked", "takeovers", 0, MAX_TAKEOVERS)]  # parked, not dropped
    assert f"parked: taken over {MAX_TAKEOVERS} times" in caplog.text


async def test_a_takeover_charges_nothing_until_its_worker_reaches_the_row(app: App) -> None:
    await _followups(app, 5)
    await app.store.queue("dead").claim(START, 10)
    taken = await app.store.queue("next").expired_claims(START + LEASE * 2, LEASE, limit=2)
    assert len(taken) == 2 and [r[3] for r in await _rows(app)] == [0, 0, 0, 0, 0]
    # Reaching one of them charges it; a row it did not take over is not its own to charge.
    assert await app.store.queue("next").charge_takeovers([taken[0].id, taken[0].id + 4]) == {taken[0].id}
    rows = await _rows(app)
    assert [r[3] for r in rows] == [1, 0, 0, 0, 0] and {r[2] for r in rows} == {0}


async def test_a_kill_mid_batch_resends_at_most_what_was_on_the_wire(
    db_path: Path, app: App, platform: Platform
) -> None:
    await _followups(app, 150)
    pump, run = await _killed_at_the_100th_send(app, platform)
    try:
        before = Counter(status for status, *_ in await _rows(app))
        assert before["sent"] >= 99 - pump.window and before["sending"] <= pump.window
        survivor_platform = await _survivor_runs(db_path, START + LEASE + timedelta(minutes=1))
    finally:
        run.cancel()
    twice = Counter(platform.sent + survivor_platform.sent)
    assert set(twice) == {f"telegram:{n}" for n in range(150)}  # none lost
    assert sum(1 for n in twice.values() if n > 1) <= pump.window
    assert max(twice.values()) <= 2


async def test_a_kill_mid_batch_of_nudges_skips_at_most_what_was_on_the_wire(
    db_path: Path, app: App, platform: Platform
) -> None:
    for n in range(150):
        uow = UnitOfWork(user_key=f"telegram:{n}", chat_id=str(n), now=START)
        uow.settings_patch.update(quiet="off", nudge={"on": True, "time": "09:00"})
        uow.schedule.append(ScheduleWrite(kind="nudge", due_at=START, chat_id=str(n)))
        await app.store.apply(uow)
    pump, run = await _killed_at_the_100th_send(app, platform)
    try:
        survivor_platform = await _survivor_runs(db_path, START + LEASE + timedelta(minutes=1))
    finally:
        run.cancel()
    copies = Counter(platform.sent + survivor_platform.sent)
    assert max(copies.values()) == 1  # a nudge is never sent twice
    skipped = 150 - len(copies)
    assert 0 < skipped <= pump.window  # only the ones on the wire at the kill, not the rest of the batch
    [(pending,)] = await app.store.fetch_all(
        "SELECT count(*) FROM scheduled WHERE kind = 'nudge' AND status = 'pending'")
    assert pending == 150  # every user's next nudge is scheduled, skipped or not


@pytest.mark.sqlite_only
async def test_a_locked_database_while_recording_a_send_is_waited_out(
    db_path: Path, app: App, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    await _followups(app, 1)
    await app.store.connection.execute("PRAGMA busy_timeout=50")
    other = sqlite3.connect(db_path, isolation_level=None)
    loop = asyncio.get_running_loop()

    def lock_for_a_while() -> None:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock as the outcome is recorded
        loop.call_later(0.6, other.execute, "COMMIT")

    platform.on_send = lock_for_a_while
    try:
        with caplog.at_level(logging.WARNING):
            await _pump(app).run_due(START)
    finally:
        other.close()
    assert "retrying" in caplog.text
    assert platform.sent == ["telegram:0"]
    assert await _rows(app) == [("sent", None, 0, 0)]
    await _pump(app).run_due(START + LEASE * 2)
    assert platform.sent == ["telegram:0"]


async def test_connections_dropped_while_recording_a_send_are_waited_out_on_postgresql(
    db_path: Path, app: App, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    # PostgreSQL's way of failing a batch's finish: a failover or a restarted server drops every
    # connection of the pool just as the outcome is written. SQLite's (a lock) is the test above.
    if not str(db_path).startswith("postgres"):
        pytest.skip("SQLite has no connections to drop; its locked database is tested above")
    await _followups(app, 1)

    def drop_every_connection() -> None:
        query_from_outside(db_path, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")

    platform.on_send = drop_every_connection
    with caplog.at_level(logging.WARNING):
        await _pump(app).run_due(START)
    assert "retrying" in caplog.text
    assert platform.sent == ["telegram:0"]
    assert await _rows(app) == [("sent", None, 0, 0)]
    await _pump(app).run_due(START + LEASE * 2)
    assert platform.sent == ["telegram:0"]


async def test_a_retried_followup_is_not_put_off_by_its_own_first_render(app: App, platform: Platform) -> None:
    await _followups(app, 1)
    platform.fail_next = 1
    await _pump(app).run_due(START)
    assert platform.sent == [] and await _rows(app) == [("pending", "send-failed", 1, 0)]
    assert await _pump(app).next_due_at() == START + RETRY_AFTER
    await _pump(app).run_due(START + RETRY_AFTER)
    assert platform.sent == ["telegram:0"]


async def test_a_retried_followup_counts_its_lateness_from_when_it_was_first_due(
    app: App, platform: Platform
) -> None:
    await _followups(app, 1)
    platform.fail_next = 1
    await _pump(app).run_due(START + timedelta(hours=11, minutes=58))
    await _pump(app).run_due(START + timedelta(hours=12, minutes=3))  # the retry: past 12 h since first due
    assert platform.sent == [] and await _rows(app) == [("dropped", "stale", 1, 0)]


async def test_a_followup_recovered_after_a_crash_is_sent_as_soon_as_the_lease_ends(
    app: App, platform: Platform
) -> None:
    await _followups(app, 1)
    dead_pump = _pump(app)
    platform.hang_at = 1  # rendered (the conversation now shows its question), then killed on the wire
    run = asyncio.create_task(dead_pump.run_due(START))
    await asyncio.wait_for(platform.called.wait(), 10)
    survivor = Platform()
    app.senders["telegram"] = survivor
    try:
        fresh = SchedulerPump(app.engine, app.store.queue("survivor"), app.senders)
        await fresh.run_due(START + LEASE + timedelta(seconds=30))
    finally:
        run.cancel()
    assert survivor.sent == ["telegram:0"]
    assert await _rows(app) == [("sent", None, 0, 1)]


async def test_each_send_is_recorded_before_the_batch_ends(app: App, platform: Platform, db_path: Path) -> None:
    await _followups(app, 40)
    seen: list[int] = []

    def count_recorded() -> None:
        [(sent,)] = query_from_outside(db_path, "SELECT count(*) FROM scheduled WHERE status = 'sent'")
        seen.append(int(sent))  # type: ignore[call-overload]

    platform.on_send = count_recorded
    await _pump(app).run_due(START)
    assert len(platform.sent) == 40
    assert max(seen) >= 40 - _pump(app).window  # earlier sends were already on disk while later ones went out


async def test_a_mark_repeated_by_its_own_worker_is_not_a_second_time_on_the_wire(
    app: App, platform: Platform
) -> None:
    # The recorder retries a mark whose COMMIT's answer was lost (a dropped connection): the row was
    # marked twice by one worker, for one send. Taken over, it is a first send on the wire, re-sent.
    await _followups(app, 1)
    await _die_on_the_wire(app, "dead", START)
    [(item_id,)] = await app.store.fetch_all("SELECT id FROM scheduled")
    assert await app.store.queue("dead").mark_sending([item_id], START) == {item_id}
    await _pump(app).run_due(START + LEASE + timedelta(minutes=1))
    assert platform.sent == ["telegram:0"] and await _rows(app) == [("sent", None, 0, 1)]


async def test_an_item_is_marked_on_the_wire_only_once_its_sender_is_about_to_send(
    db_path: Path, app: App
) -> None:
    platform = LimitedPlatform()
    app.senders["telegram"] = platform
    await _followups(app, 1)
    seen: list[str] = []

    def status() -> None:
        [(value,)] = query_from_outside(db_path, "SELECT status FROM scheduled")
        seen.append(str(value))

    platform.before_mark = status
    platform.on_send = status
    await _pump(app).run_due(START)
    assert seen == ["claimed", "sending"] and platform.sent == ["telegram:0"]
    assert await _rows(app) == [("sent", None, 0, 0)]


async def test_an_item_taken_over_while_its_sender_waited_its_turn_is_not_sent(app: App) -> None:
    platform = LimitedPlatform()
    platform.turn.clear()
    app.senders["telegram"] = platform
    await _followups(app, 1)
    run = asyncio.create_task(_pump(app).run_due(START))
    await asyncio.wait_for(platform.waiting.wait(), 10)
    [taken] = await app.store.queue("other").expired_claims(START + LEASE * 2, LEASE)
    assert not taken.on_wire  # never marked: the other worker sends it as a fresh item
    platform.turn.set()
    await asyncio.wait_for(run, 10)
    assert platform.sent == []
    assert await _rows(app) == [("claimed", None, 0, 0)]  # taken over, not yet reached by its new worker


async def _beat_then_fall_silent(app: App, worker: str, silent_s: int) -> Any:
    """A worker that beat, claimed a follow-up and marked it on the wire, then beat no more for ``silent_s``."""
    queue = app.store.queue(worker)
    await queue.beat()
    await _die_on_the_wire(app, worker, START)
    await app.store.fetch_all("UPDATE pump_workers SET beat_at = beat_at - ? WHERE name = ?", (silent_s, worker))
    return queue


async def test_a_dead_workers_item_is_taken_over_once_its_heartbeat_is_stale_not_after_the_lease(
    app: App, platform: Platform
) -> None:
    await _followups(app, 1)
    await _beat_then_fall_silent(app, "dead", silent_s=60)
    await _pump(app).run_due(START + timedelta(seconds=40))  # the lease has nine minutes to go
    assert platform.sent == ["telegram:0"]
    assert await _rows(app) == [("sent", None, 0, 1)]  # one takeover, no attempt charged


async def test_a_worker_that_keeps_beating_keeps_its_items(app: App, platform: Platform) -> None:
    await _followups(app, 1)
    await _beat_then_fall_silent(app, "alive", silent_s=5)
    await _pump(app).run_due(START + timedelta(seconds=40))
    assert platform.sent == []
    assert await _rows(app) == [("sending", None, 0, 0)]


async def test_a_worker_whose_own_heartbeat_is_stale_does_not_take_over_its_own_items(app: App) -> None:
    await _followups(app, 1)
    queue = await _beat_then_fall_silent(app, "slow", silent_s=60)
    assert await queue.expired_claims(START + timedelta(seconds=40), LEASE, stale_after=timedelta(seconds=30)) == []


async def test_a_worker_that_stopped_cleanly_leaves_no_heartbeat(app: App) -> None:
    queue = app.store.queue("leaving")
    await queue.beat()
    await queue.leave()
    assert await app.store.fetch_all("SELECT name FROM pump_workers") == []


async def test_a_worker_whose_beats_stopped_getting_through_puts_nothing_on_the_wire(
    app: App, platform: Platform
) -> None:
    await _followups(app, 1)
    pump = _pump(app)
    await pump.beat()
    # Its beats have failed for 20 s (the database refused them) while its other writes still get through.
    pump.beaten_at = time.monotonic() - 20
    await app.store.fetch_all("UPDATE pump_workers SET beat_at = beat_at - 20")
    platform.hang_at = 1  # whatever it sends is still in flight when another worker looks
    run = asyncio.create_task(pump.run_due(START))
    try:
        called = asyncio.create_task(platform.called.wait())
        await asyncio.wait({run, called}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        called.cancel()
        platform.hang_at = None
        # 15 s on, its beat is 35 s old: another worker takes over what it left claimed or on the wire.
        await app.store.fetch_all("UPDATE pump_workers SET beat_at = beat_at - 15")
        other = SchedulerPump(app.engine, app.store.queue("other"), app.senders)
        await other.run_due(START + timedelta(seconds=35))
    finally:
        run.cancel()
    assert platform.calls == 1 and platform.sent == ["telegram:0"]  # once, by the other worker
    assert await _rows(app) == [("sent", None, 0, 0)]  # handed back, not taken over: no attempt charged


async def test_a_database_stall_past_the_staleness_resends_only_what_was_on_the_wire_and_at_most_twice(
    db_path: Path, app: App, platform: Platform
) -> None:
    # A live worker whose database stops answering it (a failover, a stalled connection) for longer
    # than GROUNDWORK_WORKER_STALE_S looks dead: another worker takes its items over. What it had on
    # the wire is sent again (its outcome never got through); nothing it still held goes out twice.
    await _followups(app, 40)
    pump = _pump(app)
    await pump.beat()
    answering = asyncio.Event()
    answering.set()
    queue: Any = pump.queue
    for name in ("finish", "mark_sending", "beat"):
        def stalled(real: Any) -> Any:
            async def call(*args: Any, **kwargs: Any) -> Any:
                await answering.wait()
                return await real(*args, **kwargs)
            return call
        setattr(queue, name, stalled(getattr(queue, name)))

    def stall_at_the_tenth_send() -> None:
        if len(platform.sent) == 9:
            answering.clear()

    platform.on_send = stall_at_the_tenth_send
    run = asyncio.create_task(pump.run_due(START))
    try:
        for _ in range(500):
            await asyncio.sleep(0.01)
            if not answering.is_set() and platform.calls == len(platform.sent):
                break
        await asyncio.sleep(0.1)  # requests already past their mark land
        [(on_wire,)] = query_from_outside(db_path, "SELECT count(*) FROM scheduled WHERE status = 'sending'")
        sent_before_stall = len(platform.sent)
        # 60 s on: the stalled worker's beat is that old in the database, and it knows its beats fail.
        await app.store.fetch_all("UPDATE pump_workers SET beat_at = beat_at - 60")
        pump.beaten_at = time.monotonic() - 60
        other_platform = Platform()
        other = SchedulerPump(app.engine, app.store.queue("other"), {"telegram": other_platform})
        await other.run_due(START + timedelta(seconds=60))
        answering.set()  # the database answers the stalled worker again
        await asyncio.wait_for(run, 20)
    finally:
        run.cancel()
    copies = Counter(platform.sent + other_platform.sent)
    assert set(copies) == {f"telegram:{n}" for n in range(40)}  # none lost
    assert len(platform.sent) == sent_before_stall  # the stalled worker sent nothing more
    assert max(copies.values()) == 2 and sum(1 for n in copies.values() if n == 2) == on_wire
    assert 0 < int(on_wire) <= pump.window  # type: ignore[call-overload]
    assert {r[0] for r in await _rows(app)} == {"sent"}


async def test_a_worker_killed_before_its_first_beat_loses_its_claims_to_the_heartbeat_not_the_lease(
    app: App, platform: Platform
) -> None:
    # bench/faults.py: a process killed between its first claim and its first beat left follow-ups
    # no heartbeat could show dead; they waited out the 10-minute lease. A claim carries a beat.
    await _followups(app, 1)
    assert await app.store.queue("dead").claim(START, 10)
    await app.store.fetch_all("UPDATE pump_workers SET beat_at = beat_at - 60")
    await _pump(app).run_due(START + timedelta(seconds=40))
    assert platform.sent == ["telegram:0"]
    assert await _rows(app) == [("sent", None, 0, 1)]
