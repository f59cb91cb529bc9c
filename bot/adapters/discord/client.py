"""The discord.py client: wires the command tree, persistent buttons, DMs and the sender."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.adapters.discord.circle_moderation import DiscordModeration, ModButton
from bot.adapters.discord.circles import AskButton, CircleButton, DiscordCircles, JoinButton
from bot.adapters.discord.commands import available_commands, form_text, register_commands
from bot.adapters.discord.config import DiscordConfig, intents
from bot.adapters.discord.handling import ACK_BUDGET_S, DiscordBridge
from bot.adapters.discord.room_place import RoomButton
from bot.adapters.discord.rooms import DiscordRooms
from bot.adapters.discord.sender import DiscordSender
from bot.adapters.discord.sync import sync_if_changed
from bot.adapters.discord.translator import FluentTranslator
from bot.adapters.discord.views import ChoiceButton
from bot.adapters.discord.wire import wire_trace
from bot.app import App
from bot.engine import STOP_COMMANDS
from bot.logsafe import redact_library_logs

log = logging.getLogger(__name__)


class _Groundwork:
    """Behaviour shared by the plain and the auto-sharded client."""

    tree: app_commands.CommandTree[Any]
    bridge: DiscordBridge
    sync_commands: bool
    circles: DiscordCircles | None
    rooms: DiscordRooms | None
    moderation: DiscordModeration | None

    def _wire(self, app: App, *, ack_budget: float, sync_commands: bool) -> None:
        self.bridge = DiscordBridge(app, ack_budget=ack_budget)
        self.sync_commands = sync_commands
        self.tree = app_commands.CommandTree(self)  # type: ignore[arg-type]
        self.tree.on_error = self._on_tree_error  # type: ignore[method-assign]
        known = set(app.engine.command_flows) | STOP_COMMANDS
        register_commands(self.tree, self.bridge, available_commands(known))
        self.circles = None
        self.moderation = None
        if app.circles is not None:
            self.circles = DiscordCircles(self, app.circles, self.bridge)  # type: ignore[arg-type]
            group = self.circles.commands()
            if app.moderation is not None:
                self.moderation = DiscordModeration(self, app.moderation, self.bridge)  # type: ignore[arg-type]
                self.moderation.add_commands(group)
            self.tree.add_command(group)
        self.rooms = None
        if app.rooms is not None and app.circles is not None:  # branch rooms: /talk and /helpers
            self.rooms = DiscordRooms(self, app.rooms, app.circles.store, self.bridge)  # type: ignore[arg-type]
            for command in self.rooms.commands():
                self.tree.add_command(command)
        app.senders["discord"] = DiscordSender(self, app.store, app.clock)  # type: ignore[arg-type]

    async def setup_hook(self) -> None:
        """Before the gateway connects: translations, persistent buttons, command sync."""
        app = self.bridge.app
        await self.tree.set_translator(FluentTranslator(app.engine.i18n))
        self.add_dynamic_items(ChoiceButton, CircleButton, JoinButton, AskButton, RoomButton, ModButton)  # type: ignore[attr-defined]
        if self.sync_commands:
            await sync_if_changed(self.tree, app.store, self.application_id)  # type: ignore[attr-defined]

    async def on_message(self, message: discord.Message) -> None:
        await self.bridge.on_dm(message)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        text = form_text(interaction)  # slash commands and buttons are routed by discord.py
        if text is not None:
            await self.bridge.on_command(interaction, "trigger", text)

    async def _on_tree_error(self, interaction: discord.Interaction,
                             error: app_commands.AppCommandError) -> None:
        log.error("discord: slash command failed (%s)", type(error).__name__)
        await self.bridge.fail(interaction)


class GroundworkClient(_Groundwork, discord.Client):
    """One gateway connection; enough for most deployments."""

    def __init__(self, app: App, *, ack_budget: float = ACK_BUDGET_S, sync_commands: bool = True) -> None:
        super().__init__(intents=intents(), http_trace=wire_trace())  # every attempt of a post passes the gate
        self._wire(app, ack_budget=ack_budget, sync_commands=sync_commands)


class ShardedGroundworkClient(_Groundwork, discord.AutoShardedClient):
    """Several gateway shards in one process, for bots in many servers."""

    def __init__(self, app: App, *, shard_count: int, shard_ids: list[int] | None = None,
                 ack_budget: float = ACK_BUDGET_S, sync_commands: bool = True) -> None:
        super().__init__(intents=intents(), shard_count=shard_count, shard_ids=shard_ids, http_trace=wire_trace())
        self._wire(app, ack_budget=ack_budget, sync_commands=sync_commands)


def build_client(app: App, config: DiscordConfig | None = None, **options: Any) -> discord.Client:
    """The auto-sharded client when ``DISCORD_SHARD_COUNT`` is set, else the plain one."""
    if config is not None and config.shard_count:
        ids = list(config.shard_ids) if config.shard_ids else None
        return ShardedGroundworkClient(app, shard_count=config.shard_count, shard_ids=ids, **options)
    return GroundworkClient(app, **options)


async def run_discord(app: App, config: DiscordConfig) -> None:
    """Connect and serve until cancelled; reconnects are handled by discord.py.

    On a shared database (PostgreSQL, several workers) a worker first takes the lease of each of
    its shards, so one gateway session per shard runs at a time and another worker takes over
    when it dies (``bot/adapters/discord/shards.py``).
    """
    redact_library_logs()  # discord.py's own lines may quote a payload it could not handle
    if app.store.backend == "postgres":
        from .shards import run_leased

        await run_leased(app, config)
        return
    client = build_client(app, config)
    async with client:
        await client.start(config.token)
