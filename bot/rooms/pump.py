"""Rooms ride the scheduler's pump: one more ``Pump`` in the chain, after scheduled items and circles.

Each due room is moved on in storage before anything is sent (``move_due`` only succeeds for the
first process that read it), so a ping or an archive happens once even with several workers.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from bot.logsafe import describe_failure
from bot.pump import Delivery
from bot.rooms.model import ARCHIVE_AFTER, HELPER_CHECK_EVERY, Note
from bot.rooms.service import RoomService
from storage.rooms import RoomRow

log = logging.getLogger(__name__)


class RoomPump:
    """Implements ``bot.pump.Pump`` over the rooms table: unclaimed ping, archive, delete, orphans."""

    def __init__(self, service: RoomService) -> None:
        self.service = service
        self.checked_at: datetime | None = None

    async def next_due_at(self) -> datetime | None:
        return await self.service.store.next_due_at(sorted(self.service.places))

    async def run_due(self, now: datetime) -> list[Delivery]:
        for room in await self.service.store.due(sorted(self.service.places), now):
            try:
                await self._one(room, now)
            except Exception as exc:  # one room's failure does not hold up the others
                log.error("room lifecycle step failed: %s", describe_failure(exc))
        if self.checked_at is None or now - self.checked_at >= HELPER_CHECK_EVERY:
            self.checked_at = now
            for platform in sorted(self.service.places):
                try:
                    await self.service.recheck_helpers(platform)
                except Exception as exc:
                    log.error("room helpers not re-checked: %s", describe_failure(exc))
        return []  # rooms talk to their owner through their place, never as a session's reply

    async def _one(self, room: RoomRow, now: datetime) -> None:
        service, store = self.service, self.service.store
        if room.user_key is None or room.state in ("archived", "closed", "draft"):
            # Gone owner (/forget), a room past its days, or a form left half-way: delete it all.
            if not await store.delete(room.code):
                return
            if room.thread is not None:
                await service.place(room).delete(room)
            return
        if room.state == "open" and not room.pinged:
            if not await store.move_due(room.code, room.due_at, pinged=1,
                                        due_at=room.last_message_at + ARCHIVE_AFTER):
                return
            line = await service.crisis_line(room.user_key, room.locale)
            helpers = await service.helpers_locale(room)
            await service.place(room).ping(room, service.text(helpers, "room-ping-waiting", code=room.code))
            await service.place(room).tell_user(room, Note(service.text(room.locale, "room-owner-waiting", line=line),
                                                           service.owner_choices(room.locale)))
            return
        last = await service.place(room).last_activity(room)
        if last is not None and last > room.last_message_at:
            # People talked in the room without the relay seeing it (Discord threads): not quiet yet.
            await store.move_due(room.code, room.due_at, last_message_at=last, due_at=last + ARCHIVE_AFTER)
            if last + ARCHIVE_AFTER > now:
                return
            room = replace(room, last_message_at=last, due_at=last + ARCHIVE_AFTER)
        if await store.move_due(room.code, room.due_at, due_at=None):
            await service.close(room, now, by="quiet")
