"""Choice buttons whose custom_id carries everything needed to honour a press after a restart."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.replies import Reply

if TYPE_CHECKING:
    from bot.adapters.discord.handling import DiscordBridge

# owner user id : conversation version (0 = none) : choice id [: chat id when the conversation
# lives in another channel, e.g. a follow-up DM about a conversation started in a server].
CHOICE_TEMPLATE = r"gw:(?P<uid>\d+):(?P<ver>\d+):(?P<cid>[A-Za-z0-9_-]+)(?::(?P<chat>\d+))?"
_CHOICE_RE = re.compile(CHOICE_TEMPLATE)
MAX_CUSTOM_ID = 100  # Discord's limit
MAX_LABEL = 80  # Discord's limit


def encode_choice(owner_id: int, version: int | None, choice_id: str, chat_id: str | None = None) -> str:
    """The stable custom_id of one choice button; raises if Discord would reject it."""
    custom_id = f"gw:{owner_id}:{version or 0}:{choice_id}" + (f":{chat_id}" if chat_id else "")
    if len(custom_id) > MAX_CUSTOM_ID or not _CHOICE_RE.fullmatch(custom_id):
        raise ValueError(f"choice id {choice_id!r} cannot be carried in a Discord custom_id")
    return custom_id


def choice_button(owner_id: int, version: int | None, choice_id: str, label: str = "",
                  chat_id: str | None = None) -> discord.ui.Button[Any]:
    """The button a choice is sent as; its custom_id routes a press to ``ChoiceButton``."""
    return discord.ui.Button(label=label[:MAX_LABEL] or choice_id, style=discord.ButtonStyle.secondary,
                             custom_id=encode_choice(owner_id, version, choice_id, chat_id))


class ChoiceButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=CHOICE_TEMPLATE):
    """One flow choice. Registered with ``Client.add_dynamic_items`` so any press is routed here."""

    def __init__(self, owner_id: int, version: int | None, choice_id: str, label: str = "",
                 chat_id: str | None = None) -> None:
        super().__init__(choice_button(owner_id, version, choice_id, label, chat_id))
        self.owner_id = owner_id
        self.version = version
        self.choice_id = choice_id
        self.chat_id = chat_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> ChoiceButton:
        label = getattr(item, "label", None) or ""
        return cls(int(match["uid"]), int(match["ver"]) or None, match["cid"], label, match["chat"])

    async def callback(self, interaction: discord.Interaction) -> None:
        bridge: DiscordBridge = interaction.client.bridge  # type: ignore[attr-defined]
        await bridge.on_press(interaction, self)


def choice_view(reply: Reply, owner_id: int, chat_id: str | None = None) -> discord.ui.View | None:
    """A persistent view (no timeout) with one button per choice, or None without choices.

    Plain buttons: the view is only sent (stopped, never stored), and a press finds ``ChoiceButton``
    by its custom_id (``Client.add_dynamic_items``). Wrapping each in a ``ChoiceButton`` matched the
    custom_id against the template a second time per button, for the same components.
    """
    if not reply.choices:
        return None
    view = discord.ui.View(timeout=None)
    for choice in reply.choices:
        view.add_item(choice_button(owner_id, reply.version, choice.id, choice.label, chat_id))
    return view
