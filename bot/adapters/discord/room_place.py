"""The ``RoomPlace`` on Discord: a private thread per room in the circle's channel, a card for helpers.

The thread is created with ``invitable=False`` (discord.py defaults to True, which lets any
member in it add others) and named by the room's code. Helpers are added one by one when they
claim, never by mentioning the role (a role mention in a private thread adds every member of the
role). The bot reads no message content: the thread's last message id tells when it went quiet.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.replies import Choice
from bot.rooms import Card, Note, RoomsBusy, RoomService
from storage.circles import CircleStore
from storage.rooms import Claim, RoomRow

if TYPE_CHECKING:
    from bot.adapters.discord.rooms import DiscordRooms

log = logging.getLogger(__name__)

PLATFORM = "discord"
ROOM_TEMPLATE = r"gwr:(?P<code>R-[A-Z0-9]{5}):(?P<choice>[a-z]{1,12})"
MAX_ACTIVE_THREADS = 160006  # Discord's "Maximum number of active threads reached"
# What the bot needs in the circle's channel to run private rooms, and in the helpers' channel.
ROOM_PERMS = (("create_private_threads", "rooms-perm-private-threads"),
              ("send_messages_in_threads", "rooms-perm-send-threads"),
              ("manage_threads", "rooms-perm-manage-threads"), ("manage_messages", "rooms-perm-pin"))
HELPERS_PERMS = (("view_channel", "circle-perm-view"), ("send_messages", "circle-perm-send"))


class RoomButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ROOM_TEMPLATE):
    """Any button of a room (the form, the person's card, the helpers' card): the code and the choice."""

    def __init__(self, code: str, choice: str, label: str = "") -> None:
        super().__init__(discord.ui.Button(label=label[:80] or choice, style=discord.ButtonStyle.secondary,
                                           custom_id=f"gwr:{code}:{choice}"))
        self.code = code
        self.choice = choice

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> RoomButton:
        return cls(match["code"], match["choice"], getattr(item, "label", None) or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        rooms: DiscordRooms = interaction.client.rooms  # type: ignore[attr-defined]
        await rooms.on_press(interaction, self.code, self.choice)


def view_for(code: str, choices: tuple[Choice, ...]) -> discord.ui.View | None:
    if not choices:
        return None
    view = discord.ui.View(timeout=None)
    for choice in choices:
        view.add_item(RoomButton(code, choice.id, choice.label))
    view.stop()  # routed by the RoomButton template, before and after a restart
    return view


class DiscordRoomPlace:
    """Implements ``bot.rooms.RoomPlace`` with private threads and the helpers' channel."""

    audience_key = "talk-audience-discord"
    opened_key = "talk-opened-discord"

    def __init__(self, client: discord.Client, service: RoomService, circles: CircleStore) -> None:
        self.client = client
        self.service = service
        self.circles = circles

    async def _channel(self, channel_id: str) -> Any:
        return self.client.get_channel(int(channel_id)) or await self.client.fetch_channel(int(channel_id))

    async def _thread(self, room: RoomRow) -> Any:
        if room.thread is None:
            return None
        try:
            return await self._channel(room.thread)
        except discord.NotFound:  # deleted by a moderator: nothing left to post in, archive or delete
            log.info("discord: room thread gone")
            return None

    async def tell_user(self, room: RoomRow, note: Note) -> None:
        thread = await self._thread(room)
        if thread is not None:
            await thread.send(note.text, **({"view": v} if (v := view_for(room.code, note.choices)) else {}))

    async def open(self, room: RoomRow, card: Card, intro: str) -> tuple[str, str]:
        circle = await self.circles.get(room.circle_key)
        helpers = await self.service.store.helpers(room.circle_key)
        if circle is None or helpers is None or room.user_key is None:
            raise RoomsBusy()
        parent = await self._channel(circle.chat_id)
        try:
            thread = await parent.create_thread(name=room.code, type=discord.ChannelType.private_thread,
                                                invitable=False, auto_archive_duration=1440)
        except discord.RateLimited as exc:
            raise RoomsBusy(exc.retry_after) from None
        except discord.HTTPException as exc:
            if exc.status == 429 or exc.code == MAX_ACTIVE_THREADS:
                log.warning("discord: room thread not created (HTTP %s, code %s)", exc.status, exc.code)
                raise RoomsBusy(_retry_after(exc)) from None
            raise
        await thread.add_user(discord.Object(int(room.user_key.split(":")[1])))
        locale = room.locale
        pinned = await thread.send(self.service.text(locale, "room-welcome", code=room.code),
                                   view=view_for(room.code, self.service.owner_choices(locale)))
        try:
            await pinned.pin()
        except discord.HTTPException as exc:  # the card still works unpinned
            log.info("discord: room card not pinned (HTTP %s)", exc.status)
        helpers_channel = await self._channel(helpers.place)
        sent = await helpers_channel.send(card.text, view=view_for(room.code, card.choices))
        return str(thread.id), str(sent.id)

    async def post(self, room: RoomRow, text: str) -> None:
        thread = await self._thread(room)
        if thread is not None:
            await thread.send(text)

    async def edit_card(self, room: RoomRow, card: Card) -> None:
        if room.card is None:
            return
        channel = await self._channel(room.place)
        view = view_for(room.code, card.choices)
        await channel.get_partial_message(int(room.card)).edit(content=card.text, view=view)

    async def add_helper(self, room: RoomRow, claim: Claim) -> None:
        thread = await self._thread(room)
        if thread is not None:
            await thread.add_user(discord.Object(int(claim.helper.split(":")[1])))

    async def remove_helper(self, room: RoomRow, claim: Claim) -> None:
        thread = await self._thread(room)
        if thread is not None:
            await thread.remove_user(discord.Object(int(claim.helper.split(":")[1])))

    async def still_helper(self, room: RoomRow, claim: Claim) -> bool:
        helpers = await self.service.store.helpers(room.circle_key)
        guild = self.client.get_guild(int(room.circle_key.split(":")[1]))
        if helpers is None or guild is None:
            return False
        try:
            member = await guild.fetch_member(int(claim.helper.split(":")[1]))
        except discord.NotFound:
            return False
        return any(str(r.id) == helpers.role for r in member.roles)

    def followup_chat(self, room: RoomRow) -> str | None:
        return None  # not yet: a follow-up would need the person's DM channel

    async def last_activity(self, room: RoomRow) -> datetime | None:
        """When the thread last had a message, from its last message id (no content is read)."""
        if room.thread is None:
            return None
        # Fetched, not cached: without the message intents the cache never sees new messages.
        try:
            thread = await self.client.fetch_channel(int(room.thread))
        except discord.NotFound:  # deleted by a moderator: nobody talks there, so the room is quiet
            return None
        last = getattr(thread, "last_message_id", None)
        return discord.utils.snowflake_time(last) if last else None

    async def ping(self, room: RoomRow, text: str) -> None:
        channel = await self._channel(room.place)
        await channel.send(text, allowed_mentions=discord.AllowedMentions.none())

    async def archive(self, room: RoomRow) -> None:
        thread = await self._thread(room)
        if thread is not None:
            await thread.edit(archived=True, locked=True)

    async def delete(self, room: RoomRow) -> None:
        # Each on its own: a thread a moderator already deleted must not leave the card (with what
        # the person wrote) behind in the helpers' channel.
        try:
            thread = await self._thread(room)
            if thread is not None:
                await thread.delete()
        except discord.NotFound:
            log.info("discord: room thread already deleted")
        if room.card is not None:
            try:
                channel = await self._channel(room.place)
                await channel.get_partial_message(int(room.card)).delete()
            except discord.NotFound:
                log.info("discord: room card already deleted")


def _retry_after(exc: discord.HTTPException) -> float | None:
    value = getattr(exc, "retry_after", None)
    return float(value) if isinstance(value, int | float) else None
