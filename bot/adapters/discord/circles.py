"""Support circles in Discord channels: ``/circle setup`` and ``/circle off``, the daily post, presses.

``/circle`` is hidden from members without Manage Server (``default_member_permissions``) and
checked again when it runs, since a server can grant the command to others. A press is
answered ephemerally; the post (an embed) shows only totals, edited at most once every 10 s.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.circles import CirclePost, CircleService
from bot.circles.model import AskPost
from bot.circles.service import circle_key
from bot.i18n import DEFAULT_LOCALE

if TYPE_CHECKING:
    from bot.adapters.discord.handling import DiscordBridge

log = logging.getLogger(__name__)

PLATFORM = "discord"
CIRCLE_TEMPLATE = r"gwc:(?P<cid>\d+):(?P<ans>\d)"
# What the bot needs in a circle's channel, and nothing more: see it, post in it, post an embed.
NEEDED = (("view_channel", "circle-perm-view"), ("send_messages", "circle-perm-send"),
          ("embed_links", "circle-perm-embed"))


class CircleButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=CIRCLE_TEMPLATE):
    """One answer under a check-in; anyone in the channel may press it, and nothing in it names them."""

    def __init__(self, checkin_id: int, answer: str, label: str = "") -> None:
        super().__init__(discord.ui.Button(label=label[:80] or answer, style=discord.ButtonStyle.secondary,
                                           custom_id=f"gwc:{checkin_id}:{answer}"))
        self.checkin_id = checkin_id
        self.answer = answer

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> CircleButton:
        return cls(int(match["cid"]), match["ans"], getattr(item, "label", None) or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        circles: DiscordCircles = interaction.client.circles  # type: ignore[attr-defined]
        await circles.on_press(interaction, self)


class JoinButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"gwj"):
    """"Join this circle" under a circle post: the circle is the channel it is in."""

    def __init__(self, label: str = "") -> None:
        super().__init__(discord.ui.Button(label=label[:80] or "+", style=discord.ButtonStyle.primary,
                                           custom_id="gwj"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> JoinButton:
        return cls(getattr(item, "label", None) or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        circles: DiscordCircles = interaction.client.circles  # type: ignore[attr-defined]
        await circles.on_join(interaction)


class AskButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"gwa:(?P<ask>\d+):(?P<ans>[a-z]+)"):
    """An answer under an ask ("I'd be worried too"…), or Report (``report``)."""

    def __init__(self, ask_id: int, answer: str, label: str = "") -> None:
        style = discord.ButtonStyle.danger if answer == "report" else discord.ButtonStyle.secondary
        super().__init__(discord.ui.Button(label=label[:80] or answer, style=style,
                                           custom_id=f"gwa:{ask_id}:{answer}"))
        self.ask_id = ask_id
        self.answer = answer

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> AskButton:
        return cls(int(match["ask"]), match["ans"], getattr(item, "label", None) or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        circles: DiscordCircles = interaction.client.circles  # type: ignore[attr-defined]
        await circles.on_ask_button(interaction, self)


class DiscordCircles:
    """The ``/circle`` commands, circle presses, and the ``CirclePoster`` for Discord channels."""

    def __init__(self, client: discord.Client, service: CircleService, bridge: DiscordBridge) -> None:
        self.client = client
        self.service = service
        self.bridge = bridge
        service.posters[PLATFORM] = self

    def commands(self) -> app_commands.Group:
        """``/circle setup [time] [zone] [language]`` and ``/circle off``, for Manage Server only."""
        i18n = self.service.i18n

        def described(key: str) -> locale_str:
            return locale_str(i18n.text(DEFAULT_LOCALE, key)[:100], key=key)

        group = app_commands.Group(
            name=locale_str("circle", key="command-circle"), description=described("discord-cmd-circle"),
            default_permissions=discord.Permissions(manage_guild=True), guild_only=True)
        languages = [app_commands.Choice(name=locale_str(i18n.text(DEFAULT_LOCALE, f"circle-language-{code}"),
                                                         key=f"circle-language-{code}"), value=code)
                     for code in i18n.locales]

        @group.command(name=locale_str("setup", key="discord-cmd-circle-setup-name"),
                       description=described("discord-cmd-circle-setup"))
        @app_commands.rename(**{o: locale_str(o, key=f"discord-opt-circle-{o}-name")
                                for o in ("time", "zone", "language")})
        @app_commands.describe(**{o: described(f"discord-opt-circle-{o}") for o in ("time", "zone", "language")})
        @app_commands.choices(language=languages)
        async def setup(interaction: discord.Interaction, time: str = "", zone: str = "",
                        language: app_commands.Choice[str] | None = None) -> None:
            await self.on_setup(interaction, " ".join((time, zone, language.value if language else "")))

        @group.command(name=locale_str("off", key="discord-cmd-circle-off-name"),
                       description=described("discord-cmd-circle-off"))
        async def off(interaction: discord.Interaction) -> None:
            await self.on_setup(interaction, "off")

        # Discord shows a command group to everyone or to no one: /circle is for Manage Server, so
        # members reach the ask from the DM (typed "/circle ask", or the offer at "I'm not sure").
        @group.command(name=locale_str("ask", key="discord-cmd-circle-ask-name"),
                       description=described("discord-cmd-circle-ask"))
        @app_commands.rename(question=locale_str("question", key="discord-opt-circle-question-name"))
        @app_commands.describe(question=described("discord-opt-circle-question"))
        async def ask(interaction: discord.Interaction, question: str = "") -> None:
            # The engine's /circle flow, answered ephemerally; the words are screened there.
            await self.bridge.on_command(interaction, "circle", f"ask {question[:1000]}".strip())

        return group

    async def on_setup(self, interaction: discord.Interaction, args: str) -> None:
        locale = await self.bridge.locale_for(interaction)
        if interaction.guild_id is None or interaction.channel_id is None:
            await self._private(interaction, self.service.text(locale, "circle-servers-only"))
            return
        if not interaction.permissions.manage_guild:
            await self._private(interaction, self.service.text(locale, "circle-manage-server-only"))
            return
        key = circle_key(PLATFORM, str(interaction.guild_id), str(interaction.channel_id))
        values = self.service.parse(args)
        if values.off:
            reply = await self.service.off(key, locale)
        else:
            missing = [self.service.text(locale, name) for perm, name in NEEDED
                       if not getattr(interaction.app_permissions, perm)]
            if missing:
                text = self.service.text(locale, "circle-missing-permissions", missing=", ".join(missing))
                await self._private(interaction, text)
                return
            reply = await self.service.setup(PLATFORM, key, str(interaction.channel_id), values, locale,
                                             self.bridge.app.clock.now())
        # A working circle is announced to the channel; a typo is shown only to the one who made it.
        await interaction.response.send_message(reply.text, ephemeral=not reply.ok)

    async def on_press(self, interaction: discord.Interaction, button: CircleButton) -> None:
        key = f"{PLATFORM}:{interaction.user.id}"
        answer = await self.service.press(button.checkin_id, key, button.answer, interaction.locale.value)
        # "/ground" as this member's Discord menu shows it ("/calma" for a Spanish client).
        await self._private(interaction, self.bridge.spelling.for_client(answer.text, interaction.locale))

    def _key(self, interaction: discord.Interaction) -> str | None:
        if interaction.guild_id is None or interaction.channel_id is None:
            return None
        return circle_key(PLATFORM, str(interaction.guild_id), str(interaction.channel_id))

    async def on_join(self, interaction: discord.Interaction) -> None:
        key = self._key(interaction)
        user = f"{PLATFORM}:{interaction.user.id}"
        title = getattr(interaction.channel, "name", None)
        if key is None:
            return
        reply = await self.service.asks.join(key, user, title, interaction.locale.value, self.bridge.app.clock.now())
        await self._private(interaction, reply.text)

    async def on_ask_button(self, interaction: discord.Interaction, button: AskButton) -> None:
        user = f"{PLATFORM}:{interaction.user.id}"
        hint = interaction.locale.value
        if button.answer == "report":
            reply = await self.service.asks.report(button.ask_id, user, hint)
        else:
            reply = await self.service.asks.answer(button.ask_id, user, button.answer, hint,
                                                   self.bridge.app.clock.now())
        await self._private(interaction, reply.text)

    @staticmethod
    async def _private(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(text, ephemeral=True)

    # ---- CirclePoster -----------------------------------------------------------------------

    @staticmethod
    def _render(post: CirclePost) -> dict[str, Any]:
        view = discord.ui.View(timeout=None)
        for choice in post.choices:
            view.add_item(CircleButton(post.checkin_id, choice.id, choice.label))
        if post.join_label:
            view.add_item(JoinButton(post.join_label))
        view.stop()  # routed by the CircleButton template, before and after a restart
        return {"embed": discord.Embed(description=post.text), "view": view}

    async def _channel(self, chat_id: str) -> Any:
        return self.client.get_channel(int(chat_id)) or await self.client.fetch_channel(int(chat_id))

    async def post(self, chat_id: str, post: CirclePost) -> str:
        channel = await self._channel(chat_id)
        message = await channel.send(**self._render(post))
        return str(message.id)

    async def edit(self, chat_id: str, post_ref: str, post: CirclePost) -> None:
        channel = await self._channel(chat_id)
        await channel.get_partial_message(int(post_ref)).edit(**self._render(post))

    async def post_ask(self, chat_id: str, post: AskPost) -> str:
        view = discord.ui.View(timeout=None)
        for choice in post.choices:
            view.add_item(AskButton(post.ask_id, choice.id, choice.label))
        view.add_item(AskButton(post.ask_id, "report", post.report_label))
        view.add_item(JoinButton(post.join_label))
        view.stop()  # routed by the button templates, before and after a restart
        channel = await self._channel(chat_id)
        message = await channel.send(embed=discord.Embed(description=post.text), view=view)
        return str(message.id)

    async def delete(self, chat_id: str, post_ref: str) -> None:
        channel = await self._channel(chat_id)
        await channel.get_partial_message(int(post_ref)).delete()
