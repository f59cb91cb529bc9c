"""The pump's durability: atomic claims across processes, crash recovery, unreachable users."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App, Settings, build_app
from bot.clock import FakeClock
from bot.events import Chat, Inbound, UserKey
from bot.pump import Unreachable
from bot.replies import Reply
from bot.scheduling.pump import LEASE, SchedulerPump
from bot.scheduling.runner import PumpScheduler
from storage import ScheduleWrite, UnitOfWork
from tests.fakes.console import START, open_console

pytestmark = pytest.mark.both_backends  # every test runs on SQLite and on PostgreSQL

TRIGGER = ("he hasn't replied in 4 hours", "#done", "#my_history", "#next", "#4")


class RecordingSender:
    """A platform's outbound side that records every send; optionally reports users as blocked."""

    def __init__(self, blocked: frozenset[str] = frozenset()) -> None:
        self.sent: list[tuple[str, str, tuple[str, ...]]] = []
        self.blocked = blocked

    async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None:
        await asyncio.sleep(0)  # let the other pump interleave
        if user_key in self.blocked:
            raise Unreachable(user_key)
        self.sent.append((user_key, chat_id, tuple(r.kind for r in replies)))


async def _platform_app(db_path: Path, sender: RecordingSender) -> App:
    app = await build_app(Settings.from_env(db_path=str(db_path)), clock=FakeClock(START))
    app.senders["telegram"] = sender
    return app


async def _schedule(app: App, user_key: str, kind: str, due_offset: timedelta, **settings: object) -> None:
    uow = UnitOfWork(user_key=user_key, chat_id=user_key.split(":")[1], now=START)
    uow.settings_patch.update(settings)
    uow.schedule.append(ScheduleWrite(kind=kind, due_at=START + due_offset, chat_id=uow.chat_id,
                                      payload={"topic": "texting", "intensity": 3}))
    await app.store.apply(uow)


async def test_two_pumps_on_one_database_never_send_an_item_twice(db_path: Path) -> None:
    sender_a, sender_b = RecordingSender(), RecordingSender()
    app_a, app_b = await _platform_app(db_path, sender_a), await _platform_app(db_path, sender_b)
    try:
        for n in range(300):
            await _schedule(app_a, f"telegram:{n}", "followup", timedelta(minutes=n % 7))
        assert isinstance(app_a.pump, SchedulerPump) and isinstance(app_b.pump, SchedulerPump)
        app_a.pump.batch_size = app_b.pump.batch_size = 16
        now = START + timedelta(minutes=10)
        await asyncio.gather(app_a.pump.run_due(now), app_b.pump.run_due(now))
        sent = Counter(u for u, _, _ in sender_a.sent + sender_b.sent)
        assert len(sent) == 300 and set(sent.values()) == {1}
        assert sender_a.sent and sender_b.sent  # both processes really took part
        assert await app_a.store.queue("t").counts() == {("followup", "sent"): 300}
    finally:
        await app_a.close()
        await app_b.close()


async def test_followup_claimed_by_a_crashed_process_is_sent_once_after_restart(db_path: Path) -> None:
    console = await open_console(db_path)
    await console.send(*TRIGGER, "#1h")
    due = START + timedelta(hours=1)
    claimed = await console.app.store.queue("crashed-worker").claim(due, 10)
    assert [i.kind for i in claimed] == ["followup"]
    await console.close()  # the process dies between claim and send

    restarted = await open_console(db_path, now=due + timedelta(minutes=2))
    try:
        pump = restarted.app.pump
        assert pump is not None
        assert await pump.run_due(restarted.clock.now()) == []  # still inside the dead worker's lease
        after_lease = due + LEASE + timedelta(minutes=1)
        delivered = await pump.run_due(after_lease)
        assert [d.replies[0].kind for d in delivered] == ["followup"]
        assert await pump.run_due(after_lease + timedelta(minutes=1)) == []
        counts = await restarted.app.store.queue("t").counts()
        assert counts == {("followup", "sent"): 1}
    finally:
        await restarted.close()


async def test_nudge_on_the_wire_when_its_process_died_is_never_sent_twice(db_path: Path) -> None:
    console = await open_console(db_path)
    await console.send("/nudge 09:00")
    due = START.replace(hour=9) + timedelta(days=1)
    crashed = console.app.store.queue("crashed")
    [item] = await crashed.claim(due, 10)
    assert item.kind == "nudge" and await crashed.mark_sending([item.id], due) == {item.id}
    await console.close()  # it may or may not have reached the user: never risk a second copy

    restarted = await open_console(db_path, now=due + LEASE + timedelta(minutes=1))
    try:
        pump = restarted.app.pump
        assert pump is not None
        assert await pump.run_due(restarted.clock.now()) == []
        rows = await restarted.app.store.fetch_all(
            "SELECT status, note FROM scheduled ORDER BY id")
        assert [tuple(r) for r in rows] == [("dropped", "lease-expired"), ("pending", None)]
        # The daily chain goes on: tomorrow's nudge arrives as usual.
        nxt = await pump.next_due_at()
        assert nxt == due + timedelta(days=1)
        assert len(await pump.run_due(nxt)) == 1
    finally:
        await restarted.close()


async def test_nudge_claimed_but_not_yet_sent_when_its_process_died_is_sent_after_the_lease(db_path: Path) -> None:
    console = await open_console(db_path)
    await console.send("/nudge 09:00")
    due = START.replace(hour=9) + timedelta(days=1)
    assert [i.kind for i in await console.app.store.queue("crashed").claim(due, 10)] == ["nudge"]
    await console.close()  # died before the platform call: nothing reached the user

    restarted = await open_console(db_path, now=due + LEASE + timedelta(minutes=1))
    try:
        pump = restarted.app.pump
        assert pump is not None
        assert [d.replies[0].kind for d in await pump.run_due(restarted.clock.now())] == ["nudge"]
        rows = await restarted.app.store.fetch_all(
            "SELECT status, attempts, takeovers FROM scheduled ORDER BY id")
        assert [tuple(r) for r in rows] == [("sent", 0, 1), ("pending", 0, 0)]
    finally:
        await restarted.close()


async def test_blocked_user_has_pending_items_cancelled_and_nudges_resume_when_they_write(db_path: Path) -> None:
    sender = RecordingSender(blocked=frozenset({"telegram:1"}))
    app = await _platform_app(db_path, sender)
    try:
        nudges = {"nudge": {"on": True, "time": "09:00"}}
        await _schedule(app, "telegram:1", "nudge", timedelta(minutes=1), **nudges)
        await _schedule(app, "telegram:1", "followup", timedelta(hours=5), **nudges)
        assert app.pump is not None
        await app.pump.run_due(START + timedelta(minutes=1))
        assert sender.sent == []
        snap = await app.store.load("telegram:1", "1")
        assert snap.user is not None and snap.user.unreachable
        counts = await app.store.queue("t").counts("telegram:1")
        assert counts == {("nudge", "cancelled"): 1, ("followup", "cancelled"): 1, ("nudge", "pending"): 1}

        sender.blocked = frozenset()
        assert await app.pump.run_due(START + timedelta(days=1)) == []
        assert sender.sent == []  # still unreachable: tomorrow's nudge sleeps on to the next day

        await app.engine.handle(Inbound(user=UserKey("telegram", "1"), chat=Chat("1", "private"),
                                        received_at=START + timedelta(days=1, hours=1), command="help"))
        await app.pump.run_due(START + timedelta(days=2))
        assert [(u, kinds) for u, _, kinds in sender.sent] == [("telegram:1", ("nudge",))]
    finally:
        await app.close()


async def test_items_of_platforms_without_a_sender_are_left_for_their_process(db_path: Path) -> None:
    app = await _platform_app(db_path, RecordingSender())
    try:
        await _schedule(app, "discord:9", "followup", timedelta(0))
        assert app.pump is not None
        assert await app.pump.run_due(START + timedelta(hours=1)) == []
        assert await app.store.queue("t").counts() == {("followup", "pending"): 1}
    finally:
        await app.close()


async def test_apscheduler_job_drives_the_pump_with_the_app_clock(db_path: Path) -> None:
    sender = RecordingSender()
    app = await _platform_app(db_path, sender)
    try:
        await _schedule(app, "telegram:5", "followup", timedelta(0))
        app.start_pump(interval_s=0.05)
        assert isinstance(app.scheduler, PumpScheduler)
        for _ in range(100):
            if sender.sent:
                break
            await asyncio.sleep(0.02)
        assert [(u, kinds) for u, _, kinds in sender.sent] == [("telegram:5", ("followup",))]
    finally:
        await app.close()


async def test_followup_for_a_group_chat_names_no_topic(db_path: Path) -> None:
    sender = RecordingSender()
    app = await _platform_app(db_path, sender)
    texts: list[str] = []

    async def capture(user_key: str, chat_id: str, replies: Sequence[Reply]) -> None:
        texts.extend(r.text for r in replies)

    sender.send = capture  # type: ignore[method-assign]
    try:
        uow = UnitOfWork(user_key="telegram:7", chat_id="-100", now=START)
        uow.schedule.append(ScheduleWrite(kind="followup", due_at=START, chat_id="-100",
                                          payload={"topic": "jealousy", "intensity": 4, "group": True}))
        await app.store.apply(uow)
        assert app.pump is not None
        await app.pump.run_due(START)
        assert len(texts) == 1 and "jealous" not in texts[0] and "Earlier, something was weighing" in texts[0]
    finally:
        await app.close()


async def test_followup_exactly_12h_late_is_still_sent(db_path: Path) -> None:
    sender = RecordingSender()
    app = await _platform_app(db_path, sender)
    try:
        await _schedule(app, "telegram:8", "followup", timedelta(0), quiet="off")
        assert app.pump is not None
        await app.pump.run_due(START + timedelta(hours=12))
        assert [u for u, _, _ in sender.sent] == ["telegram:8"]
    finally:
        await app.close()
