"""The due-item pump: claim what is due, decide, render through the engine, send, record.

Policies (issue 4): a nudge more than 2 h late is skipped, a follow-up up to 12 h late is sent
with wording that says so and older ones are dropped; quiet hours defer. Crash semantics are in
``storage/sqlite/scheduled.py``: a crash is not an attempt, and each send is recorded as it happens, so
a kill re-sends at most ``window`` follow-ups and skips at most ``window`` nudges (those that
were on the wire). A follow-up re-sent after a takeover is re-sent alone and never a third time.
Each worker beats in the database; a dead one's items are taken over once its beat is stale.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from bot.engine import DeliveryCancelled, DeliveryDeferred, Engine
from bot.logsafe import describe_failure
from bot.pump import GATE, Delivery, NotOurs, Sender, Unreachable, WireGate
from bot.replies import Reply
from bot.scheduling.kinds import RecurringKind
from bot.scheduling.localtime import defer_past_quiet, quiet_from_settings
from bot.scheduling.recorder import Recorder
from bot.scheduling.settings import next_nudge_at, pause_until
from storage.sqlite.scheduled import IN_DOUBT, DueItem, NextItem, Outcome, ScheduledQueue
from storage.unit_of_work import UserRow

log = logging.getLogger(__name__)

CONSOLE = "console"
FOLLOWUP_LATE_WORDING = timedelta(minutes=30)
FOLLOWUP_MAX_LATE = timedelta(hours=12)
NUDGE_MAX_LATE = timedelta(hours=2)
LEASE = timedelta(minutes=10)
RETRY_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 5  # failed sends; a worker dying is not a failed send
MAX_TAKEOVERS = 20  # taken over and reached this often, its workers dying each time: parked (and logged)
WINDOW = 16  # items on the wire at once: the most a kill can send twice (follow-ups) or skip (nudges)
# A worker beats every STALE_AFTER / 6; one silent for STALE_AFTER is dead and its items are taken
# over at once instead of after the lease (GROUNDWORK_WORKER_STALE_S).
STALE_AFTER = timedelta(seconds=30)
BEATS_PER_STALE = 6


def stale_after_from_env(environ: Mapping[str, str]) -> timedelta:
    """``GROUNDWORK_WORKER_STALE_S`` (seconds, default 30): how long a silent worker counts as alive."""
    raw = environ.get("GROUNDWORK_WORKER_STALE_S", "").strip()
    if not raw:
        return STALE_AFTER
    # Beats are stored in whole seconds: under one, live workers would take each other's items over.
    if (seconds := float(raw)) < 1:
        raise ValueError(f"GROUNDWORK_WORKER_STALE_S must be at least 1 second, not {raw!r}")
    return timedelta(seconds=seconds)


def worker_name() -> str:
    """Unique per process, readable in the table when debugging a stuck claim."""
    return f"{socket.gethostname()}:{os.getpid()}:{id(object()):x}"


@dataclass(slots=True)
class _Batch:
    users: dict[str, UserRow]
    outcomes: list[Outcome] = field(default_factory=list)
    follow_ons: list[tuple[int, NextItem]] = field(default_factory=list)
    to_send: list[tuple[DueItem, list[Reply]]] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)


class SchedulerPump:
    """Implements ``bot.pump.Pump`` over the ``scheduled`` table; no per-user state in memory."""

    def __init__(self, engine: Engine, queue: ScheduledQueue, senders: Mapping[str, Sender], *,
                 serve_console: bool = True, batch_size: int = 200, lease: timedelta = LEASE,
                 window: int = WINDOW, render_concurrency: int = 32,
                 recurring: Mapping[str, RecurringKind] | None = None,
                 stale_after: timedelta | None = STALE_AFTER) -> None:
        self.engine = engine
        self.recurring = dict(recurring or {})  # kinds registered by features, e.g. the weekly summary
        self.queue = queue
        self.senders = senders  # live view: adapters register themselves after start-up
        self.serve_console = serve_console
        self.batch_size = batch_size
        self.lease = lease
        # None: only the lease tells a dead worker (tests that drive run_due without heartbeats).
        self.stale_after = stale_after
        self.beaten_at: float | None = None  # time.monotonic() of the last beat that got through
        self.window = window
        self._window = asyncio.Semaphore(window)
        self._stamp: Callable[[], datetime] = datetime.now
        self._render_slots = asyncio.Semaphore(render_concurrency)
        self.recorder = Recorder(queue, lambda: self._stamp(), give_up_after=lease - timedelta(minutes=1))

    def platforms(self) -> set[str]:
        """The platforms this process can reach; other platforms' rows are left for their process."""
        return set(self.senders) | ({CONSOLE} if self.serve_console else set())

    async def next_due_at(self) -> datetime | None:
        return await self.queue.next_due_at(self.platforms())

    @property
    def beat_every_s(self) -> float:
        return (self.stale_after or STALE_AFTER).total_seconds() / BEATS_PER_STALE

    async def beat(self) -> None:
        """Tell other workers this one is alive; a worker silent for ``stale_after`` loses its items."""
        await self.queue.beat()
        self.beaten_at = time.monotonic()

    async def leave(self) -> None:
        await self.queue.leave()

    async def run_due(self, now: datetime) -> list[Delivery]:
        """Deliver everything due at ``now``; returns what console users should see."""
        platforms = self.platforms()
        deliveries: list[Delivery] = []
        started = time.monotonic()
        self._stamp = lambda: now + timedelta(seconds=time.monotonic() - started)
        # Taken over a batch at a time, and charged (``takeovers``) only as each row is reached, so
        # rows this worker never gets to before dying are not counted against them.
        while expired := await self.queue.expired_claims(now, self.lease, platforms, limit=self.batch_size,
                                                         stale_after=self.stale_after):
            # What was on the wire is settled first, before anything else is rendered, and one
            # item at a time: each re-send is marked, sent and recorded in transactions of its
            # own, so a death during it leaves one item (not a window of them) on the wire twice.
            # A row whose earlier takers died holding it goes alone too: if it is what kills
            # workers, only it is charged for the next death, not the rows rendered beside it.
            alone = [i for i in expired if i.on_wire or i.takeovers]
            for item in alone:
                deliveries += await self._reach([item], now, one_by_one=True)
            rest = [i for i in expired if not (i.on_wire or i.takeovers)]
            for start in range(0, len(rest), self.window):
                deliveries += await self._reach(rest[start:start + self.window], now)
            if len(expired) < self.batch_size:
                break
        # Pipelined: the next batch is rendered while the previous one waits on the platform's
        # rate limiter, so a 09:00 burst drains at the platform's ceiling.
        in_flight: asyncio.Task[list[Delivery]] | None = None
        try:
            while True:
                items = await self.queue.claim(now, self.batch_size, platforms, stamp=self._stamp())
                if items:
                    batch = await self._render(items, now)
                    previous, in_flight = in_flight, asyncio.create_task(self._send_and_finish(batch, now))
                    if previous is not None:
                        deliveries += await previous
                if len(items) < self.batch_size:
                    break
        finally:
            if in_flight is not None:
                deliveries += await in_flight
        return deliveries

    # ---- one batch ----------------------------------------------------------------------

    async def _reach(self, items: list[DueItem], now: datetime, one_by_one: bool = False) -> list[Delivery]:
        """Render and send rows taken over, each charged one takeover first (parked ones excepted)."""
        ours = await self.recorder.reached([i.id for i in items if i.takeovers < MAX_TAKEOVERS])
        items = [i for i in items if i.id in ours or i.takeovers >= MAX_TAKEOVERS]
        return await self._send_and_finish(await self._render(items, now), now, one_by_one=one_by_one)

    async def _render(self, items: list[DueItem], now: datetime) -> _Batch:
        """Decide each item and render the ones to send through the engine (one flow entry each)."""
        users = await self.queue.users(i.user_key for i in items)
        batch = _Batch(users=users)
        todo = [(item, data) for item in items
                if (data := self._decide(batch, item, users.get(item.user_key), now)) is not None]
        # Rendered concurrently so the store's group commit writes many of them per transaction;
        # the engine still serialises two items of the same user.
        await asyncio.gather(*(self._render_one(batch, item, data, now) for item, data in todo))
        batch.to_send.sort(key=lambda pair: (pair[0].due_at, pair[0].id))
        return batch

    async def _render_one(self, batch: _Batch, item: DueItem, data: dict[str, Any], now: datetime) -> None:
        extra = self.recurring.get(item.kind)
        target = extra.target if extra else "followup:" if item.kind == "followup" else "nudge:"
        async with self._render_slots:
            try:
                replies = await self.engine.deliver(item.user_key, item.chat_id, target, {"due": data}, now,
                                                    known_user=True, item_id=item.id)
            except DeliveryDeferred as wait:
                # A crisis conversation, or one the user is in the middle of: try again later.
                batch.outcomes.append(Outcome(item.id, "pending", wait.reason, due_at=now + wait.retry_after))
                return
            except DeliveryCancelled:
                batch.outcomes.append(Outcome(item.id, "cancelled", "no-user"))
                return
            except Exception as exc:
                log.error("rendering scheduled item %s failed: %s", item.id, describe_failure(exc))
                self._failed(batch, item, batch.users.get(item.user_key), now, "render-failed")
                return
        batch.to_send.append((item, replies))

    async def _send_and_finish(self, batch: _Batch, now: datetime, one_by_one: bool = False) -> list[Delivery]:
        follow_ons = dict(batch.follow_ons)
        await asyncio.gather(*(self.recorder.outcome(o, follow_ons.get(o.item_id)) for o in batch.outcomes))
        if one_by_one:
            for item, replies in batch.to_send:
                await self._send_one(batch, item, replies, now)
        else:
            await asyncio.gather(*(self._send_one(batch, item, replies, now) for item, replies in batch.to_send))
        return batch.deliveries

    async def _send_one(self, batch: _Batch, item: DueItem, replies: list[Reply], now: datetime) -> None:
        """Send, then record: an item holds its window slot until its outcome is stored."""
        async with self._window:
            single = _Batch(users=batch.users, deliveries=batch.deliveries)
            await self._send(single, item, replies, batch.users.get(item.user_key), now)
            follow_ons = dict(single.follow_ons)
            for outcome in single.outcomes:
                await self.recorder.outcome(outcome, follow_ons.get(outcome.item_id))

    def _decide(self, batch: _Batch, item: DueItem, user: UserRow | None, now: datetime) -> dict[str, Any] | None:
        """Record an outcome for an item that must not be sent now, or return the flow data to send it."""
        # Measured from the first due time: putting an item off must not make it look fresh.
        late = now - item.first_due
        if item.takeovers >= MAX_TAKEOVERS:
            # The workers that reached it kept dying: stop before it takes more workers down. Parked,
            # not dropped, and said so: an operator can look at it and set it back to pending.
            log.warning("scheduled item %s parked: taken over %d times, its worker dying after reaching it each time",
                        item.id, item.takeovers)
            batch.outcomes.append(Outcome(item.id, "parked", "takeovers"))
            return None
        if user is None:
            batch.outcomes.append(Outcome(item.id, "cancelled", "no-user"))
            return None
        tz = user.tz or self.engine.default_tz
        if user.unreachable:
            # Nudges wait, one sleeping row per user, until the user writes again; nothing else waits.
            due = self._next_repeat(item, user, max(now, item.due_at))
            batch.outcomes.append(Outcome(item.id, "pending" if due else "cancelled", "unreachable", due_at=due,
                                          fresh=True))
            return None
        if item.kind == "nudge":
            if not (user.settings.get("nudge") or {}).get("on"):
                batch.outcomes.append(Outcome(item.id, "cancelled", "nudges-off"))
                return None
            reason = ("lease-expired" if item.on_wire else "stale" if late > NUDGE_MAX_LATE
                      else "paused" if (p := pause_until(user.settings)) and p > now else None)
            if reason:
                # A nudge is never sent twice: one that was on the wire when its worker died is skipped.
                self._finish_nudge(batch, item, user, now, "dropped", reason)
                return None
        elif (extra := self.recurring.get(item.kind)) is not None:
            if extra.next_at(now, user.settings, tz) is None:
                batch.outcomes.append(Outcome(item.id, "cancelled", "off"))
                return None
            reason = ("lease-expired" if item.on_wire else "stale" if late > extra.max_late
                      else "paused" if (p := pause_until(user.settings)) and p > now else extra.held(user.settings))
            if reason:
                self._finish_nudge(batch, item, user, now, "dropped", reason)
                return None
        elif item.wire >= 2:
            # Its worker died during its first send and again during its re-send: it went out twice
            # at most, maybe once, maybe (if neither request left the process) not at all. Closed
            # without a third copy; the bound and the measured loss are in the README.
            log.warning("scheduled item %s not sent a third time: on the wire at two worker deaths", item.id)
            batch.outcomes.append(Outcome(item.id, "sent", "on-wire-twice"))
            return None
        elif late > FOLLOWUP_MAX_LATE:
            batch.outcomes.append(Outcome(item.id, "dropped", "stale"))
            return None
        deferred = defer_past_quiet(now, tz, quiet_from_settings(user.settings))
        if deferred > now:
            batch.outcomes.append(Outcome(item.id, "pending", "quiet-hours", due_at=deferred))
            return None
        return {"item": item.payload, "late": late > FOLLOWUP_LATE_WORDING, "kind": item.kind}

    async def _send(self, batch: _Batch, item: DueItem, replies: list[Reply], user: UserRow | None,
                    now: datetime) -> None:
        # The item is marked on the wire (renewing its lease) as late as possible: by the sender
        # inside the HTTP client, before the request is complete, when it can (``marks_on_wire``), else just before
        # ``send``. A batch that waited long may have been taken over or cancelled meanwhile: the
        # mark then says so and nothing is sent. A retried request passes the gate again.
        gate = WireGate(partial(self._mark, item.id), level=item.wire, once=self._repeats(item.kind),
                        live=lambda: not self._unbeaten())
        platform = item.user_key.partition(":")[0]
        sender = self.senders.get(platform)
        token = GATE.set(gate)
        try:
            if sender is None or not getattr(sender, "marks_on_wire", False):
                await gate()
            if sender is None:
                # Console users see the delivery in their own session (``:advance``).
                batch.deliveries.append(Delivery(item.user_key, item.chat_id, tuple(replies), item.id))
            else:
                await sender.send(item.user_key, item.chat_id, replies)
        except NotOurs:
            self._not_sent(batch, item, user, gate, now)
            return
        except Unreachable:
            await self.engine.store.mark_unreachable(item.user_key, now)
            batch.outcomes.append(Outcome(item.id, "cancelled", "unreachable"))
            due = self._next_repeat(item, user, max(now, item.due_at)) if user is not None else None
            if due is not None:
                # Kept asleep: it is skipped while the user is unreachable, and resumes once they write.
                await self.queue.insert_next(NextItem(item.user_key, item.chat_id, item.kind, due, {}), now)
        except Exception as exc:
            if gate.refused:  # a client library wrapped NotOurs in its own error
                self._not_sent(batch, item, user, gate, now)
                return
            if gate.error is not None and not gate.reached:  # no mark written, nothing went out
                raise gate.error from None
            log.error("sending scheduled item %s failed: %s", item.id, describe_failure(exc))
            self._failed(batch, item, user, now, "send-failed", gate)
        else:
            self._sent(batch, item, user, now)
        finally:
            GATE.reset(token)

    async def _mark(self, item_id: int, again: bool = False) -> bool:
        """The on-the-wire mark; refused while this worker's beats have not got through for half the staleness.

        ``again``: a retry of a request that may have arrived, recorded first as the item's second copy.
        """
        # Others may already count it dead and take over (and re-send) whatever it puts on the wire
        # now. Refused, the item stays claimed: taken over once the beat is stale, else after the lease.
        if self._unbeaten():
            log.warning("scheduled item %s not sent: this worker's heartbeat is not getting through", item_id)
            return False
        return await self.recorder.sending(item_id, again=again)

    def _unbeaten(self) -> bool:
        return (self.stale_after is not None and self.beaten_at is not None
                and time.monotonic() - self.beaten_at > self.stale_after.total_seconds() / 2)

    def _not_sent(self, batch: _Batch, item: DueItem, user: UserRow | None, gate: WireGate, now: datetime) -> None:
        """The gate stopped a send: an untouched item goes back, one a retry would have repeated is closed."""
        if gate.doubled:
            # A request of it may have arrived (no answer came back) and one more copy would be too
            # many: a third for a follow-up, a second for a nudge. Closed as sent.
            log.warning("scheduled item %s not retried: a request of it may have arrived", item.id)
            note = "on-wire-twice" if gate.level >= 2 else IN_DOUBT
            if self._repeats(item.kind) and user is not None:
                self._finish_nudge(batch, item, user, now, "sent", note)
            else:
                batch.outcomes.append(Outcome(item.id, "sent", note))
        elif not gate.marked:
            # Refused before any mark (a late heartbeat): back to pending, no attempt, rather than
            # wait for the lease; one taken over from the wire goes back IN_DOUBT, so its next send
            # still counts as its second. Refused as no longer ours: this write matches no row.
            due = now + timedelta(seconds=self.beat_every_s)
            batch.outcomes.append(Outcome(item.id, "pending", IN_DOUBT if item.on_wire else "heartbeat-late",
                                          due_at=due))

    def _sent(self, batch: _Batch, item: DueItem, user: UserRow | None, now: datetime) -> None:
        if self._repeats(item.kind) and user is not None:
            self._finish_nudge(batch, item, user, now, "sent", None)
        else:
            batch.outcomes.append(Outcome(item.id, "sent"))

    def _failed(self, batch: _Batch, item: DueItem, user: UserRow | None, now: datetime, note: str,
                gate: WireGate | None = None) -> None:
        if self._repeats(item.kind) and user is not None:
            self._finish_nudge(batch, item, user, now, "dropped", note)
            return
        # Copies that may already have reached the user: from before (taken over from the wire, or a
        # failed send in doubt) and from this send (a request with no answer, or part of its messages).
        copies = gate.level if gate is not None and gate.reached else item.wire
        if copies >= 2:
            log.warning("scheduled item %s not sent a third time: two of its requests may have arrived", item.id)
            batch.outcomes.append(Outcome(item.id, "sent", "on-wire-twice"))
        elif item.attempts + 1 < MAX_ATTEMPTS:
            # With one copy maybe out, the retry goes out as its second (IN_DOUBT), so never a third.
            retry = now + RETRY_AFTER * (item.attempts + 1)
            batch.outcomes.append(Outcome(item.id, "pending", IN_DOUBT if copies else note, due_at=retry,
                                          failed=True))
        else:
            batch.outcomes.append(Outcome(item.id, "dropped", note, failed=True))

    def _finish_nudge(self, batch: _Batch, item: DueItem, user: UserRow, now: datetime,
                      status: str, note: str | None) -> None:
        """Close this nudge and, in the same transaction, store when the next one is due."""
        batch.outcomes.append(Outcome(item.id, status, note))
        due = self._next_repeat(item, user, max(now, item.due_at))
        if due is not None:
            batch.follow_ons.append((item.id, NextItem(item.user_key, item.chat_id, item.kind, due, {})))

    def _repeats(self, kind: str) -> bool:
        return kind == "nudge" or kind in self.recurring

    def _next_repeat(self, item: DueItem, user: UserRow, after: datetime) -> datetime | None:
        """When the next item of a repeating kind is due (None for one-off kinds, or when turned off)."""
        tz = user.tz or self.engine.default_tz
        if item.kind == "nudge":
            return next_nudge_at(after, user.settings, tz)
        extra = self.recurring.get(item.kind)
        return extra.next_at(after, user.settings, tz) if extra else None
