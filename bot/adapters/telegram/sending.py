"""Replies out to Telegram: HTML text, keyboards, photos, documents, and the group privacy rules."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.i18n import I18n
from bot.pump import GATE
from bot.replies import Reply

from .keyboards import choice_keyboard, deep_link, link_keyboard
from .text import MAX_CAPTION, escape, html_pieces

log = logging.getLogger(__name__)

# How many chats' "last keyboard" we remember; older ones simply keep their buttons, and a
# press on them is answered as stale by the engine.
TRACKED_CHATS = 10_000
# A 5xx, a timeout or a 429 the rate limiter already retried is tried again with backoff for up
# to this long, so a platform storm of half a minute delays replies instead of losing them.
RETRY_WINDOW_S = 60.0
FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
T = TypeVar("T")


class KeyboardTracker:
    """Remembers, per user and chat, the one message whose keyboard is live, so older ones can be cleared.

    Keyed by user too: in a group, one person's turn must not clear another person's question.
    """

    def __init__(self, size: int = TRACKED_CHATS) -> None:
        self._live: OrderedDict[tuple[int, str], int] = OrderedDict()
        self._size = size

    def swap(self, chat_id: int, user_id: str, message_id: int | None) -> int | None:
        """Record the new live keyboard (or none) and return the one it replaces."""
        previous = self._live.pop((chat_id, user_id), None)
        if message_id is not None:
            self._live[(chat_id, user_id)] = message_id
            if len(self._live) > self._size:
                self._live.popitem(last=False)
        return previous if previous != message_id else None

    def forget(self, chat_id: int, user_id: str, message_id: int) -> None:
        if self._live.get((chat_id, user_id)) == message_id:
            del self._live[(chat_id, user_id)]


@dataclass(slots=True)
class Outbox:
    """Sends rendered replies; every call goes through the bot's rate limiter."""

    bot: Bot
    i18n: I18n
    keyboards: KeyboardTracker = field(default_factory=KeyboardTracker)
    retry_window_s: float = RETRY_WINDOW_S
    first_backoff_s: float = FIRST_BACKOFF_S
    undelivered: int = 0  # calls that still failed after the retry window (also logged, one line each)

    async def call(self, method: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """One Bot API call, retried through 5xx, timeouts and 429s for up to ``retry_window_s``.

        A timeout may hide a message Telegram did deliver, so a retried reply can, rarely, arrive twice.
        """
        deadline = time.monotonic() + self.retry_window_s
        backoff, tries = self.first_backoff_s, 0
        while True:
            tries += 1
            try:
                return await method(*args, **kwargs)
            except BadRequest:
                raise  # a subclass of NetworkError in PTB, but the same request would fail the same way
            except (NetworkError, RetryAfter) as exc:
                if (gate := GATE.get()) is not None and gate.stopped:
                    raise  # a scheduled item no longer ours (or its mark failed): nothing went out, no retry
                wait = _retry_after_s(exc) if isinstance(exc, RetryAfter) else backoff
                if time.monotonic() + wait > deadline:
                    self.undelivered += 1
                    log.error("telegram: %s not delivered after %d tries in %.0f s (%s)", method.__name__,
                              tries, self.retry_window_s, type(exc).__name__)
                    raise
                log.warning("telegram: %s failed (%s), retrying in %.1f s", method.__name__, type(exc).__name__, wait)
                await asyncio.sleep(wait)
                backoff = min(backoff * 2, MAX_BACKOFF_S)

    @property
    def username(self) -> str:
        return self.bot.username

    async def send(self, chat_id: int, user_id: str, replies: Sequence[Reply], locale: str, *,
                   notice: bool = False, link_in_group: bool = True) -> None:
        """Deliver one turn's replies to a chat.

        Raises ``Forbidden`` when the chat cannot be written to (the user blocked the bot).
        In a group, a private reply goes to the user's own chat instead, never to the group; when
        that chat cannot be reached, a neutral deep link is posted in the group only if
        ``link_in_group`` (a turn the user just started there), else the error is raised.
        A ``notice`` (or an error) leaves the open question's buttons alone: nothing moved on.
        """
        group = chat_id < 0
        live: int | None = None
        reached: bool | None = None  # can private replies of this turn reach the user's own chat?
        for reply in replies:
            if group and reply.private:
                if reached is not False:
                    reached = await self._send_privately(chat_id, user_id, reply, locale, link_in_group)
                continue
            sent = await self._send_one(chat_id, user_id, reply, locale)
            if reply.choices:
                live = sent.message_id
        if notice or all(r.kind == "error" for r in replies):
            return
        await self.clear_keyboard(chat_id, self.keyboards.swap(chat_id, user_id, live))

    async def _send_privately(self, group_id: int, user_id: str, reply: Reply, locale: str,
                              link_in_group: bool = True) -> bool:
        """DM the user; if they never opened a chat with the bot, post only a neutral deep link.

        Buttons sent this way keep the group as their origin, so a press in the private chat
        continues the same conversation (and its answers stay private too).
        """
        try:
            await self._send_one(int(user_id), user_id, reply, locale, origin=group_id)
            return True
        except (Forbidden, BadRequest) as exc:
            if not link_in_group:
                raise  # the scheduler's messages never knock on the group's door
            log.info("private reply could not reach the user directly (%s); posting a link", type(exc).__name__)
        text = self.i18n.text(locale, "telegram-reply-privately")
        await self.call(self.bot.send_message, group_id, escape(text), parse_mode=ParseMode.HTML,
                                    reply_markup=self._open_private(locale, "start"))
        return False

    def _open_private(self, locale: str, payload: str) -> InlineKeyboardMarkup:
        return link_keyboard(self.i18n.text(locale, "telegram-open-private"), deep_link(self.username, payload))

    async def _send_one(self, chat_id: int, user_id: str, reply: Reply, locale: str,
                        origin: int | None = None) -> Message:
        markup: InlineKeyboardMarkup | None = None
        if reply.private_start:
            markup = self._open_private(locale, reply.private_start)
        elif reply.choices:
            markup = choice_keyboard(reply.choices, reply.version, user_id, origin)
        if reply.image is not None or reply.file is not None:
            return await self._send_media(chat_id, reply, markup)
        pieces = html_pieces(reply.text)
        sent: Message | None = None
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            sent = await self.call(self.bot.send_message, chat_id, piece, parse_mode=ParseMode.HTML,
                                   reply_markup=markup if last else None)
        if sent is None:  # an empty text with buttons still needs a message to hang them on
            raise ValueError(f"reply {reply.flow}/{reply.step} has no text")
        return sent

    async def _send_media(self, chat_id: int, reply: Reply, markup: InlineKeyboardMarkup | None) -> Message:
        """Photo or document, with the text as caption when it fits; otherwise text after it."""
        fits = len(reply.text) <= MAX_CAPTION
        caption = escape(reply.text) if fits and reply.text else None
        if reply.image is not None:
            photo = InputFile(reply.image, filename="chart.png")
            sent = await self.call(self.bot.send_photo, chat_id, photo, caption=caption, parse_mode=ParseMode.HTML,
                                   reply_markup=markup if fits else None)
        else:
            assert reply.file is not None
            document = InputFile(reply.file.data, filename=reply.file.name)
            sent = await self.call(self.bot.send_document, chat_id, document, caption=caption,
                                   parse_mode=ParseMode.HTML, reply_markup=markup if fits else None)
        if not fits:
            pieces = html_pieces(reply.text)
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1
                sent = await self.call(self.bot.send_message, chat_id, piece, parse_mode=ParseMode.HTML,
                                       reply_markup=markup if last else None)
        return sent

    async def clear_keyboard(self, chat_id: int, message_id: int | None) -> None:
        """Remove the buttons of an answered or superseded question; a failure here is only logged.

        Run outside any scheduled send's wire gate: it follows a message already delivered, so its
        failure must neither fail that send (which would send it again) nor be counted as its request.
        A keyboard left behind does no harm: a press on it is answered as stale by the engine.
        """
        if message_id is None:
            return
        token = GATE.set(None)
        try:
            await self.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        except BadRequest as exc:  # already edited, deleted, or too old to edit
            log.debug("keyboard of message %s not cleared: %s", message_id, type(exc).__name__)
        except TelegramError as exc:  # the platform failing now (5xx, timeout, 429, blocked)
            log.info("keyboard of message %s not cleared: %s", message_id, type(exc).__name__)
        finally:
            GATE.reset(token)

    async def mark_answered(self, message: Message, user_id: str, label: str | None) -> None:
        """Show which button was pressed under the question, and take its keyboard away."""
        self.keyboards.forget(message.chat_id, user_id, message.message_id)
        if label and message.text:
            text = f"{message.text_html}\n\n<i>› {escape(label)}</i>"
            if len(message.text) + len(label) + 4 <= 4096:
                try:
                    await self.bot.edit_message_text(text, message.chat_id, message.message_id,
                                                     parse_mode=ParseMode.HTML, reply_markup=None)
                    return
                except BadRequest as exc:
                    log.debug("answered message not edited: %s", type(exc).__name__)
        await self.clear_keyboard(message.chat_id, message.message_id)


def _retry_after_s(exc: RetryAfter) -> float:
    value: Any = exc.retry_after  # seconds now; a timedelta in a later PTB major version
    return float(value.total_seconds() if hasattr(value, "total_seconds") else value)
