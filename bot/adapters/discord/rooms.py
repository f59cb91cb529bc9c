"""Help rooms on Discord: ``/helpers`` to name a circle's helpers, ``/talk``'s form, and the buttons.

``/talk``'s form is ephemeral until the room opens; the room itself (a private thread, the
helpers' card) is ``room_place.DiscordRoomPlace``. The card's buttons answer only the helper role.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.adapters.discord.room_place import HELPERS_PERMS, PLATFORM, ROOM_PERMS, DiscordRoomPlace, view_for
from bot.i18n import DEFAULT_LOCALE
from bot.rooms import Outcome, RoomAsking, RoomService
from bot.rooms.model import MAX_SUMMARY
from storage.circles import CircleStore
from storage.rooms import HelpersRow, RoomRow

if TYPE_CHECKING:
    from bot.adapters.discord.handling import DiscordBridge

log = logging.getLogger(__name__)


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


class DiscordRooms(DiscordRoomPlace):
    """``/talk``, ``/helpers`` and the room buttons; the room itself is ``DiscordRoomPlace``."""

    def __init__(self, client: discord.Client, service: RoomService, circles: CircleStore,
                 bridge: DiscordBridge) -> None:
        super().__init__(client, service, circles)
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
            view = view_for(code, note.choices)
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
        # The room's language is its owner's; anyone else is answered in their own.
        locale = room.locale if room is not None and room.user_key == key else await self.bridge.locale_for(interaction)
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
