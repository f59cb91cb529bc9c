"""Help rooms on Discord: a private thread per room in the circle's channel, a card for helpers.

The thread is created with ``invitable=False`` (discord.py defaults to True, which lets any
member in it add others) and named by the room's code. The person is added to it; helpers are
added one by one when they claim, never by mentioning the role (a role mention in a private
thread adds every member of the role). The helpers' card, with Claim / I need backup / Close,
is in the helpers-only channel. The bot reads no message content: Discord's own 24-hour
auto-archive and the thread's last message id tell when a room went quiet.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.i18n import DEFAULT_LOCALE
from bot.replies import Choice
from bot.rooms import Card, Note, Outcome, RoomAsking, RoomsBusy, RoomService
from bot.rooms.model import MAX_SUMMARY
from storage.circles import CircleStore
from storage.rooms import Claim, HelpersRow, RoomRow

if TYPE_CHECKING:
    from bot.adapters.discord.handling import DiscordBridge

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


def _view(code: str, choices: tuple[Choice, ...]) -> discord.ui.View | None:
    if not choices:
        return None
    view = discord.ui.View(timeout=None)
    for choice in choices:
        view.add_item(RoomButton(code, choice.id, choice.label))
    view.stop()  # routed by the RoomButton template, before and after a restart
    return view


class WhatModal(discord.ui.Modal):
    """``/talk``'s first question as a modal: what's going on, in the person's own words."""

    def __init__(self, rooms: DiscordRooms, helpers: HelpersRow, title: str, label: str) -> None:
        super().__init__(title=title[:45], timeout=600)
        self.rooms = rooms
        self.helpers = helpers
        self.what: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=label[:45], custom_id="what", style=discord.TextStyle.long, max_length=MAX_SUMMARY)
        self.add_item(self.what)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.rooms.on_what(interaction, self.helpers, str(self.what.value))


class DiscordRooms:
    """``/talk``, ``/helpers``, room buttons, and the ``RoomPlace`` for Discord."""

    audience_key = "talk-audience-discord"
    opened_key = "talk-opened-discord"

    def __init__(self, client: discord.Client, service: RoomService, circles: CircleStore,
                 bridge: DiscordBridge) -> None:
        self.client = client
        self.service = service
        self.circles = circles
        self.asking = RoomAsking(service)
        self.bridge = bridge
        service.places[PLATFORM] = self

    def commands(self) -> list[app_commands.Command[Any, Any, Any] | app_commands.Group]:
        """``/talk`` for members, ``/helpers`` (Manage Server only) to name a circle's helpers."""
        i18n = self.service.i18n

        def described(key: str) -> locale_str:
            return locale_str(i18n.text(DEFAULT_LOCALE, key)[:100], key=key)

        @app_commands.command(name=locale_str("talk", key="command-talk"), description=described("discord-cmd-talk"))
        @app_commands.guild_only()
        async def talk(interaction: discord.Interaction) -> None:
            await self.on_talk(interaction)

        @app_commands.command(name=locale_str("helpers", key="command-helpers"),
                              description=described("discord-cmd-helpers"))
        @app_commands.guild_only()
        @app_commands.default_permissions(manage_guild=True)
        @app_commands.rename(role=locale_str("role", key="discord-opt-helpers-role-name"),
                             channel=locale_str("channel", key="discord-opt-helpers-channel-name"),
                             days=locale_str("days", key="discord-opt-helpers-days-name"))
        @app_commands.describe(**{o: described(f"discord-opt-helpers-{o}") for o in ("role", "channel", "days")})
        async def helpers(interaction: discord.Interaction, role: discord.Role, channel: discord.TextChannel,
                          days: app_commands.Range[int, 3, 7] = 3) -> None:
            await self.on_helpers(interaction, role, channel, days)

        return [talk, helpers]

    # ---- /helpers ---------------------------------------------------------------------------

    async def on_helpers(self, interaction: discord.Interaction, role: discord.Role, channel: discord.TextChannel,
                         days: int) -> None:
        """In the circle's channel: its helpers are ``role``, their channel ``channel``."""
        locale = await self.bridge.locale_for(interaction)
        say = self.service.text
        if not interaction.permissions.manage_guild:
            await self._private(interaction, say(locale, "circle-manage-server-only"))
            return
        key = f"{PLATFORM}:{interaction.guild_id}:{interaction.channel_id}"
        if await self.circles.get(key) is None:
            await self._private(interaction, say(locale, "helpers-no-circle-here"))
            return
        missing = [say(locale, name) for perm, name in ROOM_PERMS if not getattr(interaction.app_permissions, perm)]
        mine = channel.permissions_for(channel.guild.me)
        missing += [say(locale, name) for perm, name in HELPERS_PERMS if not getattr(mine, perm)]
        if missing:
            await self._private(interaction, say(locale, "helpers-missing-permissions", missing=", ".join(missing)))
            return
        await self.service.store.save_helpers(HelpersRow(key, PLATFORM, str(channel.id), str(role.id), days),
                                              self.bridge.app.clock.now())
        await self._private(interaction, say(locale, "helpers-done-discord", days=days))

    # ---- /talk ------------------------------------------------------------------------------

    async def on_talk(self, interaction: discord.Interaction) -> None:
        locale = await self.bridge.locale_for(interaction)
        rows = [h for h in await self.service.store.helpers_on(PLATFORM)
                if h.circle_key.startswith(f"{PLATFORM}:{interaction.guild_id}:")]
        here = [h for h in rows if h.circle_key.endswith(f":{interaction.channel_id}")]
        circles = here or rows
        if not circles:
            await self._private(interaction, self.service.text(locale, "talk-no-circle"))
            return
        await interaction.response.send_modal(WhatModal(self, circles[0], self.service.text(locale, "talk-title"),
                                                        self.service.text(locale, "talk-ask-what-short")))

    async def on_what(self, interaction: discord.Interaction, helpers: HelpersRow, said: str) -> None:
        key = f"{PLATFORM}:{interaction.user.id}"
        now = self.bridge.app.clock.now()
        started = await self.asking.start(PLATFORM, key, str(interaction.channel_id), interaction.locale.value,
                                          [helpers], now)
        room = await self.service.store.live_for(key)
        if room is None or room.state != "draft":
            await self._notes(interaction, started)
            return
        await self._notes(interaction, await self.asking.take_text(room, said, now), key)

    async def _notes(self, interaction: discord.Interaction, outcome: Outcome, key: str | None = None) -> None:
        """Everything for the person ephemerally: the safety path first, then the form's notes."""
        if outcome.safety_text is not None and key is not None:
            await self.bridge.on_command(interaction, "trigger", outcome.safety_text)
        room = await self.service.store.live_for(key or f"{PLATFORM}:{interaction.user.id}")
        code = room.code if room is not None else "R-AAAAA"
        for note in outcome.notes:
            kwargs: dict[str, Any] = {"content": note.text, "ephemeral": True}
            view = _view(code, note.choices)
            if view is not None:
                kwargs["view"] = view
            if not interaction.response.is_done():
                await interaction.response.send_message(**kwargs)
            else:
                await interaction.followup.send(**kwargs)

    # ---- buttons ----------------------------------------------------------------------------

    async def on_press(self, interaction: discord.Interaction, code: str, choice: str) -> None:
        room = await self.service.store.get(code)
        key = f"{PLATFORM}:{interaction.user.id}"
        locale = room.locale if room is not None else await self.bridge.locale_for(interaction)
        if room is None:
            await self._private(interaction, self.service.text(locale, "room-press-closed"))
            return
        now = self.bridge.app.clock.now()
        if room.user_key == key:
            if choice in ("claim", "backup", "close"):
                await self._private(interaction, self.service.text(locale, "room-not-yours"))
                return
            await interaction.response.defer(ephemeral=True, thinking=True)
            if room.state == "draft":
                outcome = await self.asking.take_choice(room, choice, now)
            else:
                outcome = await self.service.owner_choice(room, choice, now)
            await self._notes(interaction, outcome, key)
            return
        if choice not in ("claim", "backup", "close") or str(interaction.channel_id) != room.place:
            await self._private(interaction, self.service.text(locale, "room-not-yours"))
            return
        if not await self._has_role(interaction.user, room):
            await self._private(interaction, self.service.text(locale, "room-helpers-only"))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        said = await self.service.helper_press(room, key, interaction.user.display_name, choice, now)
        await interaction.followup.send(said, ephemeral=True)

    async def _has_role(self, user: discord.abc.User, room: RoomRow) -> bool:
        helpers = await self.service.store.helpers(room.circle_key)
        return helpers is not None and any(str(r.id) == helpers.role for r in getattr(user, "roles", []))

    @staticmethod
    async def _private(interaction: discord.Interaction, text: str) -> None:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)

    # ---- RoomPlace ----------------------------------------------------------------------------

    async def _channel(self, channel_id: str) -> Any:
        return self.client.get_channel(int(channel_id)) or await self.client.fetch_channel(int(channel_id))

    async def _thread(self, room: RoomRow) -> Any:
        return await self._channel(room.thread) if room.thread is not None else None

    async def tell_user(self, room: RoomRow, note: Note) -> None:
        thread = await self._thread(room)
        if thread is not None:
            await thread.send(note.text, **({"view": v} if (v := _view(room.code, note.choices)) else {}))

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
                                   view=_view(room.code, self.service.owner_choices(locale)))
        try:
            await pinned.pin()
        except discord.HTTPException as exc:  # the card still works unpinned
            log.info("discord: room card not pinned (HTTP %s)", exc.status)
        helpers_channel = await self._channel(helpers.place)
        sent = await helpers_channel.send(card.text, view=_view(room.code, card.choices))
        return str(thread.id), str(sent.id)

    async def post(self, room: RoomRow, text: str) -> None:
        thread = await self._thread(room)
        if thread is not None:
            await thread.send(text)

    async def edit_card(self, room: RoomRow, card: Card) -> None:
        if room.card is None:
            return
        channel = await self._channel(room.place)
        await channel.get_partial_message(int(room.card)).edit(content=card.text, view=_view(room.code, card.choices))

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
        thread = await self.client.fetch_channel(int(room.thread))
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
        try:
            thread = await self._thread(room)
            if thread is not None:
                await thread.delete()
            if room.card is not None:
                channel = await self._channel(room.place)
                await channel.get_partial_message(int(room.card)).delete()
        except discord.NotFound:
            log.info("discord: room already deleted")


def _retry_after(exc: discord.HTTPException) -> float | None:
    value = getattr(exc, "retry_after", None)
    return float(value) if isinstance(value, int | float) else None

