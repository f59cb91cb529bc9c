"""The outbound side for the scheduler's pump: follow-ups and nudges arrive by DM."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import discord

from bot.adapters.discord.sending import compose, send_to_channel
from bot.adapters.discord.wire import traces_the_wire
from bot.clock import Clock
from bot.events import UserKey
from bot.pump import Unreachable, on_wire
from bot.replies import Reply
from storage import Store

log = logging.getLogger(__name__)


class DiscordSender:
    """Implements ``bot.pump.Sender``; Discord's rate limits are handled inside discord.py."""

    # Inside discord.py's aiohttp session, once each attempt of a message post has its connection (``wire.py``).
    marks_on_wire = True

    def __init__(self, client: discord.Client, store: Store, clock: Clock) -> None:
        self.client = client
        self.store = store
        self.clock = clock

    async def send(self, user_key: str, chat_id: str, replies: Sequence[Reply]) -> None:
        """DM the replies; raise ``Unreachable`` (and mark the user) if Discord refuses."""
        key = UserKey.parse(user_key)
        if key.platform != "discord" or not key.user_id.isdigit():
            raise ValueError(f"not a Discord user key: {user_key!r}")
        user_id = int(key.user_id)
        try:
            user = self.client.get_user(user_id) or await self.client.fetch_user(user_id)
            dm = user.dm_channel or await user.create_dm()
            # A conversation started in a server keeps living there: its buttons carry that chat.
            home = chat_id if chat_id != str(dm.id) else None
            if not traces_the_wire(self.client.http):
                await on_wire()  # an HTTP client without the trace (a test double): marked once, here
            await send_to_channel(dm, compose(replies), user_id, home)
        except (discord.Forbidden, discord.NotFound) as exc:
            # 50007: DMs closed or bot blocked; 10013: the account is gone. Neither heals by retrying.
            log.info("discord: user unreachable (code %s)", getattr(exc, "code", "?"))
            await self.store.mark_unreachable(user_key, self.clock.now())
            raise Unreachable(user_key) from exc
