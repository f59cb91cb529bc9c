"""Inline keyboards: compact ``callback_data`` bound to the user and the conversation version."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.replies import Choice

MAX_CALLBACK_BYTES = 64  # Telegram rejects longer callback_data with BUTTON_DATA_INVALID
PREFIX = "v1"
# Rows stay readable on a phone: at most this many label characters and buttons side by side.
ROW_CHARS = 24
ROW_BUTTONS = 4


@dataclass(frozen=True, slots=True)
class Press:
    """A decoded button press: who it was offered to, at which version, which choice.

    ``origin`` is the group whose conversation a privately delivered question belongs to
    (a crisis reply moved from a group to the user's own chat); None for the chat it is in.
    """

    version: int | None
    user_id: str
    choice_id: str
    origin: int | None = None


def encode(choice_id: str, version: int | None, user_id: str, origin: int | None = None) -> str:
    """``v1|<version>|<user_id>|<choice_id>[|<origin>]``; ValueError if over 64 bytes."""
    if "|" in choice_id:
        raise ValueError("choice ids cannot contain '|'")
    data = f"{PREFIX}|{'' if version is None else version}|{user_id}|{choice_id}"
    if origin is not None:
        data += f"|{origin}"
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback_data for choice {choice_id[:16]!r} would exceed {MAX_CALLBACK_BYTES} bytes")
    return data


def decode(data: str | None) -> Press | None:
    """The press, or None for anything we did not produce (old formats, forgeries)."""
    if not data or len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        return None
    parts = data.split("|")
    if len(parts) not in (4, 5) or parts[0] != PREFIX:
        return None
    version, user_id, choice_id = parts[1:4]
    origin = parts[4] if len(parts) == 5 else None
    if not user_id.isdigit() or not choice_id or (version and not version.isdigit()):
        return None
    if origin is not None and not (origin.startswith("-") and origin[1:].isdigit()):
        return None  # only groups (negative ids) hand questions over to a private chat
    return Press(int(version) if version else None, user_id, choice_id, int(origin) if origin else None)


def choice_keyboard(choices: Sequence[Choice], version: int | None, user_id: str,
                    origin: int | None = None) -> InlineKeyboardMarkup:
    """Buttons for a reply's choices; short labels share a row, long ones get their own."""
    rows: list[list[InlineKeyboardButton]] = []
    width = 0
    for choice in choices:
        button = InlineKeyboardButton(choice.label, callback_data=encode(choice.id, version, user_id, origin))
        size = len(choice.label)
        if rows and len(rows[-1]) < ROW_BUTTONS and width + size <= ROW_CHARS:
            rows[-1].append(button)
            width += size
        else:
            rows.append([button])
            width = size
    return InlineKeyboardMarkup(rows)


def deep_link(bot_username: str, payload: str) -> str:
    """``https://t.me/<bot>?start=<payload>``; the payload allows only [A-Za-z0-9_-], 64 chars."""
    safe = "".join(ch for ch in payload if ch.isascii() and (ch.isalnum() or ch in "_-"))[:64]
    return f"https://t.me/{bot_username}?start={safe}" if safe else f"https://t.me/{bot_username}"


def link_keyboard(label: str, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=url)]])


def pressed_label(markup: InlineKeyboardMarkup | None, data: str) -> str | None:
    """The label of the button carrying ``data`` in a message's keyboard, if it is still there."""
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == data:
                return button.text
    return None
