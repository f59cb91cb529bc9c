"""The scheduler's way out to Telegram: follow-ups and nudges through the same Outbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from telegram.error import BadRequest, Forbidden

from bot.events import UserKey
from bot.pump import Unreachable
from bot.replies import Reply
from storage import Store

from .sending import Outbox


@dataclass(slots=True)
class TelegramSender:
    """``bot.pump.Sender`` for Telegram; raises ``Unreachable`` when the user blocked the bot."""

    marks_on_wire: ClassVar[bool] = True  # inside httpx, after the rate limiter (adapter._request)
    outbox: Outbox
    store: Store

    async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None:
        user_id = UserKey.parse(user_key).user_id
        snap = await self.store.load(user_key, chat_id)
        locale = self.outbox.i18n.resolve(snap.user.locale if snap.user else None)
        try:
            await self.outbox.send(int(chat_id), user_id, replies, locale, link_in_group=False)
        except Forbidden as exc:
            raise Unreachable(user_key) from exc
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():  # the account is gone
                raise Unreachable(user_key) from exc
            raise
