"""Sync slash commands with Discord only when their definitions changed since the last sync."""

from __future__ import annotations

import hashlib
import json
import logging

import discord
from discord import app_commands

from storage import Store

log = logging.getLogger(__name__)


async def command_digest(tree: app_commands.CommandTree) -> str:
    """A hash of every command as Discord would receive it, translations included."""
    translator = tree.translator
    payload = []
    for command in sorted(tree.get_commands(), key=lambda c: c.name):
        if translator is None:
            payload.append(command.to_dict(tree))
        else:
            payload.append(await command.get_translated_payload(tree, translator))
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


async def sync_if_changed(tree: app_commands.CommandTree, store: Store, application_id: int | None) -> bool:
    """Call ``tree.sync()`` only if the digest differs from the stored one; True if it synced.

    Discord rate-limits command registration, so syncing on every boot is both slow and risky.
    """
    key = f"discord:commands:{application_id}"
    digest = await command_digest(tree)
    if await store.get_meta(key) == digest:
        log.info("discord: slash commands unchanged, not syncing")
        return False
    try:
        synced = await tree.sync()
    except discord.HTTPException as exc:
        # Keep serving with the commands Discord already has; the next start tries again.
        log.warning("discord: slash command sync failed (HTTP %s); will retry at next start", exc.status)
        return False
    await store.set_meta(key, digest)
    log.info("discord: synced %d slash commands", len(synced))
    return True
