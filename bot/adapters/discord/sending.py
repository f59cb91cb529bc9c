"""Turn engine replies into Discord messages and send them: to an interaction or a channel."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.adapters.discord.views import choice_view
from bot.replies import Reply

MAX_CONTENT = 2000  # Discord's message length limit


@dataclass(slots=True)
class Outgoing:
    """One Discord message: merged reply texts, at most one set of buttons, attachments."""

    content: str
    private: bool
    reply: Reply | None = None  # the reply whose choices become buttons
    uploads: list[tuple[str, bytes]] = field(default_factory=list)

    def kwargs(self, owner_id: int, chat_id: str | None = None) -> dict[str, Any]:
        """Arguments for ``send``; files are built fresh because discord.File is single-use.

        The buttons are sent as a finished view, so discord.py neither stores it nor arms the
        15-minute timer it gives every ephemeral view (one live timer and View per message sent).
        Presses are routed by the ChoiceButton template alone (``Client.add_dynamic_items``), the
        same before and after a restart.
        """
        out: dict[str, Any] = {"content": self.content}
        view = choice_view(self.reply, owner_id, chat_id) if self.reply else None
        if view is not None:
            out["view"] = view
        if self.uploads:
            out["files"] = [discord.File(io.BytesIO(data), filename=name) for name, data in self.uploads]
        return out


def compose(replies: Sequence[Reply]) -> list[Outgoing]:
    """Group consecutive replies into as few messages as Discord allows.

    A message ends after a reply with buttons or attachments, when privacy changes, before an
    urgent (crisis) reply, or when the next text would pass Discord's 2,000 characters.
    """
    messages: list[Outgoing] = []
    current: Outgoing | None = None
    for reply in replies:
        pieces = _split(reply.text)
        for piece in pieces[:-1]:
            messages.append(Outgoing(piece, reply.private))
        text = pieces[-1]
        fits = current is not None and len(current.content) + 2 + len(text) <= MAX_CONTENT
        if current is not None and fits and current.private == reply.private and not reply.urgent \
                and len(pieces) == 1:
            current.content = f"{current.content}\n\n{text}" if current.content else text
        else:
            current = Outgoing(text, reply.private)
            messages.append(current)
        if reply.image is not None:
            current.uploads.append((f"{reply.step or 'image'}.png", reply.image))
        if reply.file is not None:
            current.uploads.append((reply.file.name, reply.file.data))
        if reply.choices:
            current.reply = reply
        if reply.choices or current.uploads or reply.urgent:
            current = None
    return messages


def _split(text: str) -> list[str]:
    """Cut an over-long text at line breaks (or hard, as a last resort) into sendable pieces."""
    text = text or "\u200b"  # Discord rejects empty content on a message without attachments
    pieces: list[str] = []
    while len(text) > MAX_CONTENT:
        cut = text.rfind("\n", 0, MAX_CONTENT)
        cut = cut if cut > 0 else MAX_CONTENT
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n")
    pieces.append(text)
    return pieces


async def send_to_interaction(interaction: discord.Interaction, messages: Sequence[Outgoing],
                              chat_id: str | None = None) -> None:
    """Answer an interaction: the first message as its response (unless deferred), then follow-ups.

    Personal messages are ephemeral in servers; in DMs nobody else can see them anyway.
    """
    in_server = interaction.guild_id is not None
    for out in messages:
        kwargs = out.kwargs(interaction.user.id, chat_id)
        ephemeral = in_server and out.private
        if not interaction.response.is_done():
            await interaction.response.send_message(ephemeral=ephemeral, **kwargs)
        else:
            await interaction.followup.send(ephemeral=ephemeral, **kwargs)


async def send_to_channel(channel: discord.abc.Messageable, messages: Sequence[Outgoing], owner_id: int,
                          chat_id: str | None = None) -> None:
    """Send messages to a channel (a DM), in order."""
    for out in messages:
        await channel.send(**out.kwargs(owner_id, chat_id))

