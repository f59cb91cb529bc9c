"""Support circles in Telegram groups: ``/circle`` by an admin, the daily post, anonymous presses.

A press is answered with the callback answer only (visible to the presser alone); the post
carries a link that opens the private chat. Nothing posted names anyone, and circle texts are
never logged. Telegram's ~20 messages a minute per group is left to ``AIORateLimiter``; the
service edits a post at most once every 10 s, so a busy check-in stays far below it.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot.circles import CirclePost, CircleService
from bot.circles.flow import ASK_WORDS
from bot.circles.model import AskPost
from bot.circles.service import circle_key
from bot.events import Inbound

from .keyboards import deep_link, link_keyboard
from .sending import Outbox
from .text import escape

log = logging.getLogger(__name__)

PLATFORM = "telegram"
PRESS_PREFIX = "c1"
JOIN_DATA = "cj"  # the circle is the chat the button is in
ANSWER_PREFIX = "ca"  # ca|<ask>|<answer>: an answer under an ask
REPORT_PREFIX = "cr"  # cr|<ask>: Report under an ask (moderation decides what follows)
_ANSWER_CODES = {"worried": "w", "not": "n", "unsure": "u"}
_ANSWER_NAMES = {v: k for k, v in _ANSWER_CODES.items()}
MAX_ALERT = 200  # answerCallbackQuery's text limit
ADMINS = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})


def encode_press(checkin_id: int, answer: str) -> str:
    """``c1|<check-in>|<answer>``: no user in it, anyone in the group may press."""
    return f"{PRESS_PREFIX}|{checkin_id}|{answer}"


def decode_press(data: str | None) -> tuple[int, str] | None:
    parts = (data or "").split("|")
    if len(parts) != 3 or parts[0] != PRESS_PREFIX or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    return int(parts[1]), parts[2]


def is_circle_press(data: str | None) -> bool:
    data = data or ""
    return data == JOIN_DATA or data.startswith((PRESS_PREFIX + "|", ANSWER_PREFIX + "|", REPORT_PREFIX + "|"))


def decode_ask(data: str | None) -> tuple[str, int, str] | None:
    """``("answer", ask, answer)`` or ``("report", ask, "")``; None for anything else."""
    parts = (data or "").split("|")
    if len(parts) == 3 and parts[0] == ANSWER_PREFIX and parts[1].isdigit() and parts[2] in _ANSWER_NAMES:
        return "answer", int(parts[1]), _ANSWER_NAMES[parts[2]]
    if len(parts) == 2 and parts[0] == REPORT_PREFIX and parts[1].isdigit():
        return "report", int(parts[1]), ""
    return None


class TelegramCircles:
    """The ``/circle`` command, circle presses, and the ``CirclePoster`` for Telegram groups."""

    def __init__(self, service: CircleService, outbox: Outbox) -> None:
        self.service = service
        self.outbox = outbox
        service.posters[PLATFORM] = self

    # ---- /circle ----------------------------------------------------------------------------

    async def on_command(self, message: Message, event: Inbound) -> None:
        """Only a group admin (asked of Telegram with getChatMember) may set up or end a circle."""
        chat, user = message.chat, message.from_user
        assert user is not None
        hint = user.language_code
        if chat.type == chat.PRIVATE:
            await self._say(chat.id, self.service.text(self.service.i18n.resolve(hint), "circle-groups-only"))
            return
        if event.args.split()[:1] and event.args.split()[0].lower() in ASK_WORDS:
            # Asking is written in the private chat: the group gets only the way there.
            locale = await self.service.user_locale(str(event.user), hint)
            await self.outbox.bot.send_message(
                chat.id, escape(self.service.text(locale, "circle-ask-in-private")), parse_mode=ParseMode.HTML,
                reply_markup=link_keyboard(self.service.text(locale, "circle-ask-open-private"),
                                           deep_link(self.outbox.username, "circle")))
            return
        member = await self.outbox.bot.get_chat_member(chat.id, user.id)
        if member.status not in ADMINS:
            locale = await self.service.user_locale(str(event.user), hint)
            await self._say(chat.id, self.service.text(locale, "circle-admins-only"))
            return
        key = circle_key(PLATFORM, str(chat.id))
        values = self.service.parse(event.args)
        if values.off:
            reply = await self.service.off(key, hint)
        elif not event.args.strip() and await self.service.store.get(key) is None:
            await self._say(chat.id, self.service.text(self.service.i18n.resolve(hint), "circle-setup-ask"))
            return
        else:
            reply = await self.service.setup(PLATFORM, key, str(chat.id), values, hint, event.received_at)
        await self._say(chat.id, reply.text)

    async def _say(self, chat_id: int, text: str) -> None:
        await self.outbox.bot.send_message(chat_id, escape(text), parse_mode=ParseMode.HTML)

    # ---- presses ----------------------------------------------------------------------------

    async def on_press(self, query: CallbackQuery) -> None:
        """Count the press (or join, answer an ask, report) and answer it privately, in the presser's language."""
        key = f"{PLATFORM}:{query.from_user.id}"
        hint = query.from_user.language_code
        asks = self.service.asks
        now = asks.clock.now()
        if query.data == JOIN_DATA and query.message is not None:
            chat = query.message.chat
            text = (await asks.join(circle_key(PLATFORM, str(chat.id)), key, chat.title, hint, now)).text
        elif (ask := decode_ask(query.data)) is not None:
            verb, ask_id, answer = ask
            reply = (await asks.answer(ask_id, key, answer, hint, now) if verb == "answer"
                     else await asks.report(ask_id, key, hint))
            text = reply.text
        else:
            press = decode_press(query.data) or (0, "")
            text = (await self.service.press(press[0], key, press[1], hint)).text
        try:
            await query.answer(text[:MAX_ALERT], show_alert=True)
        except TelegramError as exc:
            log.info("circle press not answered: %s", type(exc).__name__)

    # ---- CirclePoster -----------------------------------------------------------------------

    def _keyboard(self, post: CirclePost) -> InlineKeyboardMarkup:
        rows = []
        if post.choices:
            rows.append([InlineKeyboardButton(c.label, callback_data=encode_press(post.checkin_id, c.id))
                         for c in post.choices])
        bottom = [InlineKeyboardButton(post.link_label, url=deep_link(self.outbox.username, "trigger"))]
        if post.join_label:
            bottom.append(InlineKeyboardButton(post.join_label, callback_data=JOIN_DATA))
        rows.append(bottom)
        return InlineKeyboardMarkup(rows)

    def _ask_keyboard(self, post: AskPost) -> InlineKeyboardMarkup:
        answers = [InlineKeyboardButton(c.label, callback_data=f"{ANSWER_PREFIX}|{post.ask_id}|{_ANSWER_CODES[c.id]}")
                   for c in post.choices]
        return InlineKeyboardMarkup([answers, [
            InlineKeyboardButton(post.report_label, callback_data=f"{REPORT_PREFIX}|{post.ask_id}"),
            InlineKeyboardButton(post.join_label, callback_data=JOIN_DATA)]])

    async def post_ask(self, chat_id: str, post: AskPost) -> str:
        sent = await self.outbox.bot.send_message(int(chat_id), escape(post.text), parse_mode=ParseMode.HTML,
                                                  reply_markup=self._ask_keyboard(post))
        return str(sent.message_id)

    async def delete(self, chat_id: str, post_ref: str) -> None:
        await self.outbox.bot.delete_message(int(chat_id), int(post_ref))

    async def post(self, chat_id: str, post: CirclePost) -> str:
        sent = await self.outbox.bot.send_message(int(chat_id), escape(post.text), parse_mode=ParseMode.HTML,
                                                  reply_markup=self._keyboard(post))
        return str(sent.message_id)

    async def edit(self, chat_id: str, post_ref: str, post: CirclePost) -> None:
        try:
            await self.outbox.bot.edit_message_text(escape(post.text), int(chat_id), int(post_ref),
                                                    parse_mode=ParseMode.HTML, reply_markup=self._keyboard(post))
        except BadRequest as exc:  # "not modified", or the post was deleted by an admin
            log.debug("circle post not edited: %s", type(exc).__name__)
