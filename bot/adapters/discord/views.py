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
    if len(custom_id) > MAX_CUSTOM_ID or not (_known_parts(owner_id, version, choice_id, chat_id)
                                              or _CHOICE_RE.fullmatch(custom_id)):
        raise ValueError(f"choice id {choice_id!r} cannot be carried in a Discord custom_id")
    return custom_id


# A choice id as ``CHOICE_TEMPLATE`` allows it, checked alone rather than with the whole template's regex.
_CHOICE_ID = re.compile(r"[A-Za-z0-9_-]+")


def _known_parts(owner_id: int, version: int | None, choice_id: str, chat_id: str | None) -> bool:
    """True when the parts alone show ``CHOICE_TEMPLATE`` matches; False means "ask the regex".

    Numbers as ``\\d+`` reads them (non-negative ints; a chat id of decimal digits, as
    ``str.isdecimal`` and ``\\d`` both define them), and a choice id of the template's characters.
    """
    if type(owner_id) is not int or owner_id < 0:
        return False
    if version is not None and (type(version) is not int or version < 0):
        return False
    if chat_id and not (type(chat_id) is str and chat_id.isdecimal()):
        return False
    return type(choice_id) is str and _CHOICE_ID.fullmatch(choice_id) is not None


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


def choice_view(reply: Reply, owner_id: int, chat_id: str | None = None) -> SentButtons | None:
    """The buttons of a sent message, one per choice, or None without choices.

    Only sent (never stored): a press finds ``ChoiceButton`` by its custom_id
    (``Client.add_dynamic_items``), the same before and after a restart.
    """
    if not reply.choices:
        return None
    if len(reply.choices) > MAX_BUTTONS:
        raise ValueError("maximum number of children exceeded")  # as discord.ui.View.add_item says
    buttons = [{"type": 2, "style": _SECONDARY, "disabled": False,
                "label": choice.label[:MAX_LABEL] or choice.id,
                "custom_id": encode_choice(owner_id, reply.version, choice.id, chat_id)}
               for choice in reply.choices]
    if len(buttons) <= ROW_WIDTH:  # one row (most replies), without a second comprehension
        return SentButtons([{"type": 1, "components": buttons}])
    return SentButtons([{"type": 1, "components": buttons[i:i + ROW_WIDTH]}
                        for i in range(0, len(buttons), ROW_WIDTH)])


MAX_BUTTONS = 25  # Discord's limit per message (five rows of five)
ROW_WIDTH = 5
_SECONDARY = discord.ButtonStyle.secondary.value


class SentButtons:
    """A sent message's buttons, read by discord.py as it reads a stopped ``discord.ui.View``.

    A ``View`` with one ``Button`` per choice (a random id, a future, row weights, a component
    object each) was built only for discord.py to call ``to_components`` once: ~90 µs of a
    ``/ground`` (bench/README, discord). These are the same components, rows of five in order as
    ``View`` lays them out (``tests/test_discord_units.py`` compares both). ``is_finished``: never
    stored, so no 15-minute timer either.
    """

    __discord_ui_view__ = True  # how discord.py tells a view from another argument
    __slots__ = ("_components", "timeout")

    def __init__(self, components: list[dict[str, Any]]) -> None:
        self._components = components
        self.timeout: float | None = None  # discord.py sets 15 min on ephemeral views it would store

    def to_components(self) -> list[dict[str, Any]]:
        return self._components

    def has_components_v2(self) -> bool:
        return False

    def is_finished(self) -> bool:
        return True

    def is_dispatchable(self) -> bool:
        return True  # buttons with a custom_id, as a View of them says

    def stop(self) -> None:
        """Already stopped: it was never stored."""
