"""Several real ``python -m bot run`` workers on one PostgreSQL database, against the fake Bot API.

Long polling: exactly one worker polls; SIGKILL it (twice, each time while a reply is on the wire)
and another resumes within 15 s; every message gets exactly one reply: the update was recorded
with its replies in the engine's own transaction, so the next worker sends them instead of
handling it again. Users ask for follow-ups by chatting meanwhile; those and nudges coming due
are each sent once.
Webhook: every worker serves; an update that reaches two workers is handled once, and one whose
worker is killed mid-reply gets 503 until its claim goes stale, then its stored replies; users
ask for follow-ups through the balancer meanwhile.

What no test here can make exactly-once: a kill after Telegram took a send and before the update
is recorded done repeats that send (Telegram's sendMessage has no idempotency key).
``/healthz`` says who holds what.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientError, ClientSession

from bot.adapters.telegram.adapter import POLLING_LEASE
from bot.app import ROOT
from bot.i18n import I18n
from storage import ScheduleWrite, Store, UnitOfWork, open_store
from tests.fakes.telegram_api import FakeBotAPI, FakeUser
from tests.fakes.telegram_harness import with_buttons

TAKEOVER_LIMIT_S = 15.0
SECRET = "s3cret-for-tests"
LABELS = I18n(ROOT / "locales")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _worker(api: FakeBotAPI, url: str, workdir: Path, **extra: str) -> asyncio.subprocess.Process:
    await asyncio.to_thread(workdir.mkdir, parents=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DISCORD_", "GROUNDWORK_", "DATABASE_URL", "PORT"))}
    env.update(PYTHONPATH=str(ROOT), DATABASE_URL=url, TELEGRAM_BOT_TOKEN=api.token,
               TELEGRAM_API_BASE_URL=api.root, **extra)
    log = await asyncio.to_thread(open, workdir / "stderr.log", "wb")
    try:
        return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=workdir, env=env,
                                                    stdout=asyncio.subprocess.DEVNULL, stderr=log)
    finally:
        log.close()


async def _until(check: Callable[[], Awaitable[bool]], within: float, what: str) -> float:
    """Wait for ``check``; returns how long it took."""
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > within:
            raise AssertionError(f"not within {within:.0f} s: {what}")
        await asyncio.sleep(0.1)
    return time.monotonic() - started


async def _stop(workers: list[asyncio.subprocess.Process]) -> None:
    for process in workers:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    for process in workers:
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


@pytest.fixture
async def observer(postgres_url: str) -> AsyncIterator[Store]:
    """The test's own view of the shared database (migrates it before the workers start)."""
    store = await open_store(postgres_url)
    yield store
    await store.close()


async def _holder_pid(store: Store) -> int | None:
    holder = await store.lease_holder(POLLING_LEASE)
    return int(holder.split(":")[1]) if holder else None


async def _health(port: int) -> tuple[int, dict[str, Any]]:
    async with ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as response:
        return response.status, json.loads(await response.text())


async def _seed_items(store: Store, api: FakeBotAPI, first: int, spread_s: float,
                     kinds: tuple[str, ...] = ("followup", "nudge")) -> dict[str, list[FakeUser]]:
    """Follow-ups and nudges coming due while the workers are killed, written as the flows would
    (a nudge is the bot's own initiative, after ``/nudges``): one item per user, so a user's messages
    are that item's sends."""
    now = datetime.now(UTC)
    out: dict[str, list[FakeUser]] = {kind: [] for kind in kinds}
    for n in range(8):
        kind = kinds[n % len(kinds)]
        user = api.user(first + n, f"I{n}")
        api.open_private(user)
        uow = UnitOfWork(user_key=f"telegram:{user.id}", chat_id=str(user.id), now=now)
        uow.settings_patch.update(quiet="off", nudge={"on": True, "time": "09:00"})
        uow.schedule.append(ScheduleWrite(kind=kind, due_at=now + timedelta(seconds=2 + spread_s * n / 8),
                                          chat_id=str(user.id),
                                          payload={"topic": "texting", "intensity": 3} if kind == "followup" else {}))
        await store.apply(uow)
        out[kind].append(user)
    return out


class _AsksForFollowup:
    """A user who asks for a follow-up by chatting: the trigger flow through the fake Bot API, up to
    "In 1 hour". Each action waits for ``talking`` (the test pauses chats around a kill) and for its
    replies, however long a takeover makes them."""

    def __init__(self, api: FakeBotAPI, user: FakeUser, talking: asyncio.Event) -> None:
        self.api, self.user, self.talking = api, user, talking
        self.actions = 0  # updates sent: each moves the conversation on by one version
        self.busy = False  # an update sent and not answered yet

    async def _act(self, send: Callable[[], Awaitable[Any]], count: int = 1) -> list[dict[str, Any]]:
        await self.talking.wait()
        before = len(self.api.sent(self.user.id))
        self.busy = True
        await send()
        self.actions += 1
        await _until(lambda: _true(len(self.api.sent(self.user.id)) >= before + count), 60,
                     f"the reply to user {self.user.id}")
        self.busy = False
        return self.api.sent(self.user.id)[before:]

    async def run(self, text: Callable[[str], str]) -> None:
        await self._act(lambda: self.user.send("/quiet off"))  # any time of day: no quiet hours
        grounding = with_buttons(await self._act(
            lambda: self.user.send("he hasn't replied in 4 hours and I'm spiraling"), 2))
        diagnostic = with_buttons(await self._act(lambda: self.user.press(grounding, text("choice-skip"))))
        path = with_buttons(await self._act(lambda: self.user.press(diagnostic, index=1)))
        rate = with_buttons(await self._act(lambda: self.user.press(path, text("choice-continue"))))
        offer = with_buttons(await self._act(lambda: self.user.press(rate, index=3)))
        await self._act(lambda: self.user.press(offer, text("followup-1h")))


async def _ask_all(store: Store, askers: list[_AsksForFollowup]) -> dict[int, int]:
    """Every asker asks, at once; each follow-up comes due a second after it was asked for. Returns how
    many messages each asker had by then."""
    asked: dict[int, int] = {}

    async def ask(asker: _AsksForFollowup) -> None:
        await asker.run(lambda key: LABELS.text("en", key))
        asked[asker.user.id] = len(asker.api.sent(asker.user.id))
        await _an_hour_passes(store, [asker.user], spread_s=0)

    await asyncio.gather(*(ask(a) for a in askers))
    return asked


async def _an_hour_passes(store: Store, users: list[FakeUser], spread_s: float) -> None:
    """Brings the follow-ups the users asked for due over the next ``spread_s`` seconds instead of
    in an hour: the workers' clocks are real, so the test moves the rows' time, as ``:advance`` would."""
    now = datetime.now(UTC).timestamp()
    for n, user in enumerate(users):
        done = await store.write_returning(
            "UPDATE scheduled SET due_at = ? WHERE user_key = ? AND kind = 'followup' AND status = 'pending' "
            "RETURNING id", (int(now + 1 + spread_s * n / len(users)), f"telegram:{user.id}"))
        assert len(done) == 1, (user.id, done)  # the chat scheduled exactly one follow-up


async def _items_sent_once(store: Store, api: FakeBotAPI, items: dict[str, list[FakeUser]],
                           before: dict[int, int] | None = None) -> None:
    """Every follow-up and nudge sent, each the same number of messages, none of them twice.

    ``before``: how many messages each user had had when their item was scheduled."""
    before = before or {}
    keys = [f"telegram:{u.id}" for users in items.values() for u in users]
    await _until(lambda: _true_async(_all_sent(store, keys)), 60, "every follow-up and nudge sent")
    await asyncio.sleep(1.5)  # a repeat would arrive by now
    for users in items.values():
        counts = {u.id: len(api.sent(u.id)[before.get(u.id, 0):]) for u in users}
        assert len(set(counts.values())) == 1 and min(counts.values()) > 0, counts
        # Equal counts would also hold if every item went out twice: a repeat shows as a repeated text.
        repeated = {u.id: n for u in users if (n := Counter(m.get("text") for m in api.sent(u.id)[before.get(u.id, 0):])
                                              .most_common(1)) and n[0][1] > 1}
        assert not repeated, repeated


async def _all_sent(store: Store, keys: list[str]) -> bool:
    rows = await store.fetch_all("SELECT DISTINCT user_key FROM scheduled WHERE user_key = ANY(?) AND status = 'sent'",
                                 (keys,))
    return {r[0] for r in rows} == set(keys)


async def _no_items_claimed(store: Store, pid: int) -> bool:
    """Whether the worker ``pid`` holds no follow-up or nudge right now. A kill is timed outside the
    pump's few milliseconds per item: an item a dead worker had claimed waits until its heartbeat is
    30 s old before another takes it over (tests/test_worker_heartbeats.py), which would stretch this
    test past its polling-takeover checks."""
    rows = await store.fetch_all("SELECT count(*) FROM scheduled WHERE claimed_by LIKE ? "
                                 "AND status IN ('claimed', 'sending')", (f"%:{pid}:%",))
    return rows[0][0] == 0


async def _applied(store: Store, sent: Counter[int]) -> dict[int, int]:
    """How many times each user's messages were applied: every ``/help`` moves the conversation on by one
    version, so an update applied twice (the old loss window's repair) would show here."""
    rows = await store.fetch_all("SELECT user_key, version FROM conversations WHERE user_key = ANY(?)",
                                 ([f"telegram:{u}" for u in sent],))
    return {int(key.split(":")[1]): version for key, version in rows}


async def _true_async(value: Awaitable[bool]) -> bool:
    return await value


@pytest.mark.timeout(300)
async def test_three_polling_workers_survive_two_kills_with_exactly_one_reply_per_message(
    api: FakeBotAPI, postgres_url: str, observer: Store, tmp_path: Path
) -> None:
    ports = [_free_port() for _ in range(3)]
    workers = [await _worker(api, postgres_url, tmp_path / f"w{n}", GROUNDWORK_HEALTH_PORT=str(port))
               for n, port in enumerate(ports)]
    by_pid = {w.pid: (w, port) for w, port in zip(workers, ports, strict=True)}
    users = [api.user(7100 + n, f"U{n}") for n in range(5)]
    slow = api.user(7199, "Slow")
    api.slow_chats[slow.id] = 2.0  # its replies are on the wire long enough to kill a worker mid-send
    sent: Counter[int] = Counter()
    talking = asyncio.Event()
    talking.set()
    chatting = True

    async def chatter() -> None:
        n = 0
        while chatting:
            await talking.wait()
            user = users[n % len(users)]
            await user.send("/help")
            sent[user.id] += 1
            n += 1
            await asyncio.sleep(0.25)

    try:
        await _until(lambda: _holder_pid_known(observer), 90, "a worker took the polling lease")
        await _until(lambda: _true(bool(api.calls_to("getUpdates"))), 30, "polling started")
        holder = await _holder_pid(observer)
        assert holder in by_pid
        status, report = await _health(by_pid[holder][1])
        assert status == 200 and report["database"] == "ok" and "telegram:polling" in report["holds"]
        nudged = (await _seed_items(observer, api, 7300, spread_s=30, kinds=("nudge",)))["nudge"]
        askers = [_AsksForFollowup(api, api.user(7400 + n, f"F{n}"), talking) for n in range(4)]
        asking = asyncio.create_task(_ask_all(observer, askers))
        talk = asyncio.create_task(chatter())
        takeovers = []
        for _ in range(2):
            await asyncio.sleep(3)
            victim = await _holder_pid(observer)
            assert victim in by_pid
            # The kill lands while the victim's reply to `slow` is on the wire: the message was applied
            # (and its replies stored with it) but not answered. The others' chats are quiet for that
            # instant: a kill between a send that Telegram took and its record would repeat that one
            # reply (the window no platform without idempotent sends can close; see the module notes).
            talking.clear()
            await _until(lambda: _true(all(len(api.sent(u.id)) >= sent[u.id] for u in users)
                                       and not any(a.busy for a in askers)), 60, "every chat answered before the kill")
            await asyncio.sleep(0.5)  # and each answer's update recorded done
            await slow.send("/help")
            sent[slow.id] += 1
            await _until(lambda: _true(api.held > 0), 30, "the reply to the slow chat is on the wire")
            await _until(lambda victim=victim: _no_items_claimed(observer, victim), 1.5, "the victim's pump idle")
            killed_at = time.perf_counter()
            by_pid[victim][0].kill()  # SIGKILL: no clean-up, the lease simply stops being renewed
            await by_pid[victim][0].wait()
            talking.set()
            takeovers.append(await _until(
                lambda killed_at=killed_at: _true(any(c.at > killed_at for c in api.calls_to("getUpdates"))),
                TAKEOVER_LIMIT_S, "another worker resumed polling"))
            assert await _holder_pid(observer) not in (None, victim)
        flow_done = await asking  # messages each asker had once their follow-up was scheduled
        await asyncio.sleep(2)
        chatting = False
        await talk

        def replied() -> dict[int, int]:
            return {u.id: len(api.sent(u.id)) for u in [*users, slow]}

        with contextlib.suppress(AssertionError):
            await _until(lambda: _true(all(replied()[u] >= n for u, n in sent.items())), 30, "every message answered")
        await asyncio.sleep(1.5)  # a duplicate would arrive by now
        assert replied() == {u: sent[u] for u in replied()}, (replied(), dict(sent))  # exactly one reply each
        assert await _applied(observer, sent) == dict(sent)  # and each message applied once
        assert all(t < TAKEOVER_LIMIT_S for t in takeovers), takeovers
        # Each asker's chat was answered once per action and applied once (the flow is the same for all).
        assert len(set(flow_done.values())) == 1, flow_done
        await _items_sent_once(observer, api, {"followup": [a.user for a in askers], "nudge": nudged}, flow_done)
        versions = await _applied(observer, Counter({a.user.id: a.actions for a in askers}))
        assert versions == {a.user.id: a.actions + 1 for a in askers}, versions  # + the follow-up's own step
    finally:
        chatting = False
        talking.set()
        await _stop(workers)


class _Telegram:
    """Delivers webhook updates as Telegram does: to one worker behind the balancer, and again later
    (to the next worker) until one answers 200."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.turn = 0
        self.statuses: Counter[int | str] = Counter()

    async def deliver(self, update: dict[str, Any], to: int | None = None, within: float = 60) -> None:
        deadline = time.monotonic() + within
        port = to if to is not None else self._next()
        while True:
            try:
                async with ClientSession() as session, session.post(
                        f"http://127.0.0.1:{port}/hook", json=update,
                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as r:
                    self.statuses[r.status] += 1
                    if r.status == 200:
                        return
            except (OSError, ClientError):  # the worker died with the request open, or is gone
                self.statuses["refused"] += 1
            if time.monotonic() > deadline:
                raise AssertionError(f"update {update['update_id']} never acknowledged")
            await asyncio.sleep(0.5)
            port = self._next()

    def _next(self) -> int:
        self.turn += 1
        return self.ports[self.turn % len(self.ports)]


def _help_update(api: FakeBotAPI, user: FakeUser) -> dict[str, Any]:
    message = api.new_message(api.open_private(user), user.obj, text="/help",
                              entities=[{"type": "bot_command", "offset": 0, "length": 5}])
    return {"update_id": api.next_id(), "message": message}


@pytest.mark.timeout(300)
async def test_two_webhook_workers_answer_each_update_once_through_a_repeat_and_a_kill(
    api: FakeBotAPI, postgres_url: str, observer: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ports = [_free_port() for _ in range(2)]
    workers = [await _worker(api, postgres_url, tmp_path / f"h{n}", PORT=str(port), GROUNDWORK_WEBHOOK_CLAIM_S="3",
                             TELEGRAM_WEBHOOK_URL="https://bot.example/hook", TELEGRAM_WEBHOOK_SECRET=SECRET)
               for n, port in enumerate(ports)]
    telegram = _Telegram(ports)
    users = [api.user(7200 + n, f"W{n}") for n in range(4)]
    slow = api.user(7299, "Slow")
    api.slow_chats[slow.id] = 2.0
    sent: Counter[int] = Counter()
    try:
        for port in ports:
            await _until(lambda port=port: _answers(port), 90, f"worker on {port} serving")
        nudged = (await _seed_items(observer, api, 7400, spread_s=15, kinds=("nudge",)))["nudge"]

        async def through_the_balancer(update: dict[str, Any]) -> dict[str, Any]:
            update["update_id"] = update.get("update_id") or api.next_id()
            await telegram.deliver(update)
            return update

        monkeypatch.setattr(api, "enqueue", through_the_balancer)  # what users write reaches the workers
        always = asyncio.Event()
        always.set()
        askers = [_AsksForFollowup(api, api.user(7500 + n, f"G{n}"), always) for n in range(3)]
        asking = asyncio.create_task(_ask_all(observer, askers))
        # A repeated update_id reaching both workers at once: one handles it, the other waits its turn.
        ana = users[0]
        twice = _help_update(api, ana)
        await asyncio.gather(*(telegram.deliver(twice, to=port) for port in ports))
        sent[ana.id] += 1
        for n in range(12):
            user = users[n % len(users)]
            await telegram.deliver(_help_update(api, user))
            sent[user.id] += 1
        flow_done = await asking  # before the kill: no chat but the slow one is mid-reply then
        # Kill the worker that is sending the reply to `slow`: its update is applied, unanswered, and
        # claimed by a dead worker. Telegram's retries meet 503 until the claim is stale, then the
        # survivor sends the stored replies.
        stuck = asyncio.create_task(telegram.deliver(_help_update(api, slow), to=ports[0]))
        sent[slow.id] += 1
        await _until(lambda: _true(api.held > 0), 30, "the reply to the slow chat is on the wire")
        await _until(lambda: _no_items_claimed(observer, workers[0].pid), 1.5, "the victim's pump idle")
        workers[0].kill()
        await workers[0].wait()
        for n in range(6):
            user = users[n % len(users)]
            await telegram.deliver(_help_update(api, user))
            sent[user.id] += 1
        await stuck
        await asyncio.sleep(1.5)  # a duplicate would arrive by now

        def replied() -> dict[int, int]:
            return {u.id: len(api.sent(u.id)) for u in [*users, slow]}

        assert replied() == {u: sent[u] for u in replied()}, (replied(), dict(sent))
        assert await _applied(observer, sent) == dict(sent)
        assert telegram.statuses[503] >= 1, telegram.statuses  # the dead worker's claim was waited out
        status, report = await _health(ports[1])
        assert status == 200 and report["holds"] == ["telegram:webhook"] and report["backend"] == "postgres"
        assert len(set(flow_done.values())) == 1, flow_done
        await _items_sent_once(observer, api, {"followup": [a.user for a in askers], "nudge": nudged}, flow_done)
        versions = await _applied(observer, Counter({a.user.id: a.actions for a in askers}))
        assert versions == {a.user.id: a.actions + 1 for a in askers}, versions
    finally:
        await _stop(workers)


async def _true(value: bool) -> bool:
    return value


async def _holder_pid_known(store: Store) -> bool:
    return await _holder_pid(store) is not None


async def _answers(port: int) -> bool:
    try:
        status, _ = await _health(port)
    except OSError:
        return False
    return status == 200
