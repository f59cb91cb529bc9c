"""The ``RoomPlace`` on Telegram: a forum topic per room in the helpers' supergroup, and the person's chat.

Everything a room posts goes through here: the topic (named by the code), its card, the General
topic for pings (the code only), and the person's private chat. Every member of a forum group
sees every topic, so there is no one to add or remove per room.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter

from bot.replies import Choice
from bot.rooms import Card, Note, RoomsBusy
from storage.rooms import Claim, RoomRow

from .sending import Outbox, _retry_after_s
from .text import escape

log = logging.getLogger(__name__)

PLATFORM = "telegram"
PREFIX = "r1"


def encode(choice: str, code: str) -> str:
    """``r1|<choice>|<code>``: the room, never a person."""
    return f"{PREFIX}|{choice}|{code}"


def decode(data: str | None) -> tuple[str, str] | None:
    parts = (data or "").split("|")
    return (parts[1], parts[2]) if len(parts) == 3 and parts[0] == PREFIX else None


def is_room_press(data: str | None) -> bool:
    return (data or "").startswith(PREFIX + "|")


def keyboard(code: str, choices: Sequence[Choice]) -> InlineKeyboardMarkup | None:
    if not choices:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(c.label, callback_data=encode(c.id, code))] for c in choices])


class TelegramRoomPlace:
    """Implements ``bot.rooms.RoomPlace`` with the Bot API's forum topics."""

    audience_key = "talk-audience-telegram"
    opened_key = "talk-opened"

    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    @property
    def bot(self) -> Bot:
        return self.outbox.bot

    async def _say(self, chat_id: int, text: str, thread: int | None = None) -> Message:
        return await self.bot.send_message(chat_id, escape(text), parse_mode=ParseMode.HTML,
                                           message_thread_id=thread)


    async def tell_user(self, room: RoomRow, note: Note) -> None:
        assert room.chat_id is not None
        await self.bot.send_message(int(room.chat_id), escape(note.text), parse_mode=ParseMode.HTML,
                                    reply_markup=keyboard(room.code, note.choices))

    async def open(self, room: RoomRow, card: Card, intro: str) -> tuple[str, str]:
        try:
            topic = await self.bot.create_forum_topic(int(room.place), room.code)
        except RetryAfter as exc:  # what PTB's rate limiter did not wait out: the person hears it now
            raise RoomsBusy(_retry_after_s(exc)) from None
        except BadRequest as exc:  # no right to manage topics any more, or the group is no longer a forum
            log.warning("telegram: room topic not created: %s", type(exc).__name__)
            raise RoomsBusy() from None
        thread = topic.message_thread_id
        sent = await self.bot.send_message(int(room.place), escape(card.text), parse_mode=ParseMode.HTML,
                                           message_thread_id=thread, reply_markup=keyboard(room.code, card.choices))
        await self._say(int(room.place), intro, thread)
        return str(thread), str(sent.message_id)

    async def post(self, room: RoomRow, text: str) -> None:
        if room.thread is not None:
            await self._say(int(room.place), text, int(room.thread))

    async def edit_card(self, room: RoomRow, card: Card) -> None:
        if room.card is None:
            return
        try:
            await self.bot.edit_message_text(escape(card.text), int(room.place), int(room.card),
                                             parse_mode=ParseMode.HTML, reply_markup=keyboard(room.code, card.choices))
        except BadRequest as exc:  # "not modified", or the card was deleted by an admin
            log.debug("room card not edited: %s", type(exc).__name__)

    async def add_helper(self, room: RoomRow, claim: Claim) -> None:
        return None  # every member of a forum group sees every topic: there is no one to add

    async def remove_helper(self, room: RoomRow, claim: Claim) -> None:
        return None  # leaving the group already took the topic away from them

    def followup_chat(self, room: RoomRow) -> str | None:
        return room.chat_id  # the person's private chat with the bot

    async def last_activity(self, room: RoomRow) -> datetime | None:
        return None  # every message passes through the relay, which keeps last_message_at

    async def still_helper(self, room: RoomRow, claim: Claim) -> bool:
        return True  # leaving the group arrives as a chat_member update (on_member)

    async def ping(self, room: RoomRow, text: str) -> None:
        await self._say(int(room.place), text)  # the General topic: the code only

    async def archive(self, room: RoomRow) -> None:
        if room.thread is not None:
            await self.bot.close_forum_topic(int(room.place), int(room.thread))

    async def delete(self, room: RoomRow) -> None:
        if room.thread is None:
            return
        try:
            await self.bot.delete_forum_topic(int(room.place), int(room.thread))
        except BadRequest as exc:  # already deleted by an admin
            log.info("telegram: room topic not deleted: %s", type(exc).__name__)
