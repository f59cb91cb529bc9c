"""Discord settings from the environment, and the gateway intents we ask for."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import discord


@dataclass(frozen=True, slots=True)
class DiscordConfig:
    """``DISCORD_BOT_TOKEN`` and the optional ``DISCORD_SHARD_COUNT``."""

    token: str
    shard_count: int | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DiscordConfig | None:
        """None when no token is set, so the runner can skip Discord."""
        env = os.environ if env is None else env
        token = env.get("DISCORD_BOT_TOKEN", "").strip()
        if not token:
            return None
        shards = env.get("DISCORD_SHARD_COUNT", "").strip()
        if shards and (not shards.isdigit() or int(shards) < 1):
            raise ValueError("DISCORD_SHARD_COUNT must be a positive whole number")
        return cls(token=token, shard_count=int(shards) if shards else None)


def intents() -> discord.Intents:
    """Only what we use: guild structure for interactions, and DM messages.

    No privileged ``message_content``: the bot never reads server chatter, and Discord
    delivers the content of DMs (and of messages that mention the bot) without it.
    """
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.dm_messages = True
    return wanted
