"""Circle moderation in Discord: ``/circle moderators``, the report embed, Remove / Block this code.

``/circle moderators channel:#mods`` (Manage Server, like the rest of ``/circle``) names the
channel reports go to, after checking the bot can see it, post in it and post embeds there.
The buttons under a report work for members with Manage Messages in that channel, or Manage
Server (the circle's admins); everyone else is told so, ephemerally.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.adapters.discord.circles import NEEDED
from bot.circles.moderation import ModerationService, ModNote
from bot.circles.service import circle_key
from bot.i18n import DEFAULT_LOCALE
from bot.logsafe import describe_failure

if TYPE_CHECKING:
    from bot.adapters.discord.handling import DiscordBridge

log = logging.getLogger(__name__)

PLATFORM = "discord"
_ACTIONS = {"remove": "r", "block": "b"}
_ACTION_NAMES = {v: k for k, v in _ACTIONS.items()}


class ModButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"gwm:(?P<act>[rb]):(?P<ask>\d+)"):
    """Remove or Block this code under a report in the moderators' channel."""

    def __init__(self, action: str, ask_id: int, label: str = "") -> None:
        style = discord.ButtonStyle.danger if action == "block" else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=label[:80] or action, style=style,
                                           custom_id=f"gwm:{_ACTIONS[action]}:{ask_id}"))
        self.action = action
        self.ask_id = ask_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> ModButton:
        return cls(_ACTION_NAMES[match["act"]], int(match["ask"]), getattr(item, "label", None) or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        moderation: DiscordModeration = interaction.client.moderation  # type: ignore[attr-defined]
        await moderation.on_action(interaction, self)


class DiscordModeration:
    """``/circle moderators``, report buttons, and the ``ModPoster`` for Discord channels."""

    def __init__(self, client: discord.Client, service: ModerationService, bridge: DiscordBridge) -> None:
        self.client = client
        self.service = service
        self.bridge = bridge
        service.posters[PLATFORM] = self

    def add_commands(self, group: app_commands.Group) -> None:
        """``/circle moderators channel:#mods`` under the ``/circle`` group (Manage Server only)."""
        i18n = self.service.i18n

        def described(key: str) -> locale_str:
            return locale_str(i18n.text(DEFAULT_LOCALE, key)[:100], key=key)

        @group.command(name=locale_str("moderators", key="discord-cmd-circle-moderators-name"),
                       description=described("discord-cmd-circle-moderators"))
        @app_commands.rename(channel=locale_str("channel", key="discord-opt-circle-channel-name"))
        @app_commands.describe(channel=described("discord-opt-circle-channel"))
        async def moderators(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
            await self.on_set(interaction, channel)

    async def on_set(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        locale = await self.bridge.locale_for(interaction)
        text = self.service.text
        if interaction.guild is None or interaction.channel_id is None:
            await self._private(interaction, text(locale, "circle-servers-only"))
            return
        if not interaction.permissions.manage_guild:
            await self._private(interaction, text(locale, "circle-manage-server-only"))
            return
        key = circle_key(PLATFORM, str(interaction.guild_id), str(interaction.channel_id))
        if await self.service.asks.circles.store.get(key) is None:
            await self._private(interaction, text(locale, "circle-mods-no-circle"))
            return
        target = interaction.guild.get_channel(channel.id)
        me = interaction.guild.me
        allowed = target.permissions_for(me) if target is not None and me is not None else discord.Permissions.none()
        missing = [text(locale, name) for perm, name in NEEDED if not getattr(allowed, perm)]
        if missing:
            await self._private(interaction, text(locale, "circle-mods-missing", channel=f"<#{channel.id}>",
                                                  missing=", ".join(missing)))
            return
        await self.service.set_place(key, str(channel.id))
        await self._private(interaction, text(locale, "circle-mods-set", channel=f"<#{channel.id}>"))

    async def on_action(self, interaction: discord.Interaction, button: ModButton) -> None:
        locale = await self.bridge.locale_for(interaction)
        perms = interaction.permissions  # the presser's, in the channel the report is in
        if not (perms.manage_messages or perms.manage_guild):
            await self._private(interaction, self.service.text(locale, "circle-mod-only-discord"))
            return
        # Answered first: removing a post and telling its author may take longer than Discord waits.
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            answer = await self.service.act(button.ask_id, button.action, PLATFORM, str(interaction.channel_id),
                                            locale, self.bridge.app.clock.now())
        except Exception as exc:  # the deferred answer must still be filled in
            log.error("discord circle moderation failed: %s", describe_failure(exc))
            answer = self.service.text(locale, "error-generic")
        await interaction.followup.send(answer, ephemeral=True)

    @staticmethod
    async def _private(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(text, ephemeral=True)

    # ---- ModPoster --------------------------------------------------------------------------

    @staticmethod
    def _render(note: ModNote) -> dict[str, Any]:
        view = discord.ui.View(timeout=None)
        for action in note.actions:
            view.add_item(ModButton(action.id, note.ask_id, action.label))
        view.stop()  # routed by the ModButton template, before and after a restart
        return {"embed": discord.Embed(description=note.text), "view": view}

    async def _channel(self, chat_id: str) -> Any:
        return self.client.get_channel(int(chat_id)) or await self.client.fetch_channel(int(chat_id))

    async def post_note(self, chat_id: str, note: ModNote) -> str:
        message = await (await self._channel(chat_id)).send(**self._render(note))
        return str(message.id)

    async def edit_note(self, chat_id: str, note_ref: str, note: ModNote) -> None:
        channel = await self._channel(chat_id)
        await channel.get_partial_message(int(note_ref)).edit(**self._render(note))
