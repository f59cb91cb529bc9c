"""Discord adapter (discord.py 2.x): slash commands, buttons and DMs over the shared engine."""

from bot.adapters.discord.client import (
    GroundworkClient,
    ShardedGroundworkClient,
    build_client,
    run_discord,
)
from bot.adapters.discord.config import DiscordConfig, intents

__all__ = ["DiscordConfig", "GroundworkClient", "ShardedGroundworkClient", "build_client", "intents",
           "run_discord"]
