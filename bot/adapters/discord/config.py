"""Discord settings from the environment, and the gateway intents we ask for."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import discord


@dataclass(frozen=True, slots=True)
class DiscordConfig:
    """``DISCORD_BOT_TOKEN``, the optional ``DISCORD_SHARD_COUNT``, and ``DISCORD_SHARD_IDS`` (this worker's)."""

    token: str
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None

    @property
    def shards(self) -> tuple[int, ...]:
        """The shards this worker may run: its ``DISCORD_SHARD_IDS``, else all of them (one: shard 0)."""
        return self.shard_ids or tuple(range(self.shard_count or 1))

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
        count = int(shards) if shards else None
        return cls(token=token, shard_count=count, shard_ids=_shard_ids(env.get("DISCORD_SHARD_IDS", ""), count))


def _shard_ids(text: str, count: int | None) -> tuple[int, ...] | None:
    """``0,2`` or ``0-3`` → the shard ids; each must be below ``DISCORD_SHARD_COUNT``."""
    text = text.replace(" ", "")
    if not text:
        return None
    ids: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise ValueError("DISCORD_SHARD_IDS must look like 0,1 or 0-3")
        ids.update(range(int(first), int(last or first) + 1))
    if count is None or max(ids) >= count:
        raise ValueError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT, and every id must be below it")
    return tuple(sorted(ids))


def intents() -> discord.Intents:
    """Only what we use: guild structure for interactions, and DM messages.

    No privileged ``message_content``: the bot never reads server chatter, and Discord
    delivers the content of DMs (and of messages that mention the bot) without it.
    """
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.dm_messages = True
    return wanted
