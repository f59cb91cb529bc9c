"""Circle moderation on Telegram: the moderators' chat, Remove / Block this code, and supergroup moves.

The moderators' chat is linked with a one-time code: ``/circle moderators`` in the circle's group
gives it, ``/circle moderators <code>`` in the moderators' chat uses it. Whoever links must be an
admin of both chats, and the bot must be able to post in the moderators' chat (both asked of
Telegram with ``getChatMember``). Only that chat's admins can use a report's buttons.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.circles.moderation import ModerationService, ModNote
from bot.circles.service import circle_key
from bot.clock import Clock
from bot.events import Inbound

from .sending import Outbox
from .text import escape

log = logging.getLogger(__name__)

PLATFORM = "telegram"
ACTION_PREFIX = "cm"  # cm|r|<ask> (remove), cm|b|<ask> (block this code)
_ACTIONS = {"remove": "r", "block": "b"}
_ACTION_NAMES = {v: k for k, v in _ACTIONS.items()}
MOD_WORDS = frozenset({"moderators", "moderadores", "mods"})
ADMINS = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})
MAX_ALERT = 200


def decode_action(data: str | None) -> tuple[str, int] | None:
    parts = (data or "").split("|")
    if len(parts) != 3 or parts[0] != ACTION_PREFIX or parts[1] not in _ACTION_NAMES or not parts[2].isdigit():
        return None
    return _ACTION_NAMES[parts[1]], int(parts[2])


def is_mod_action(data: str | None) -> bool:
    return (data or "").startswith(ACTION_PREFIX + "|")


def wants(event: Inbound) -> bool:
    """``/circle moderators [code]`` (in either language)."""
    words = event.args.split()
    return bool(words) and words[0].lower() in MOD_WORDS


class TelegramModeration:
    """``/circle moderators``, the report buttons, group moves, and the ``ModPoster`` for Telegram."""

    def __init__(self, service: ModerationService, outbox: Outbox, clock: Clock) -> None:
        self.service = service
        self.outbox = outbox
        self.clock = clock
        service.posters[PLATFORM] = self

    def _text(self, locale: str, key: str, **args: object) -> str:
        return self.service.text(locale, key, **args)

    async def _is_admin(self, chat_id: int | str, user_id: int) -> bool:
        try:
            member = await self.outbox.bot.get_chat_member(chat_id, user_id)
        except TelegramError as exc:  # not in that chat, or the chat is gone
            log.info("circle moderators: membership not readable: %s", type(exc).__name__)
            return False
        return member.status in ADMINS

    async def _can_post(self, chat_id: int) -> bool:
        try:
            me = await self.outbox.bot.get_chat_member(chat_id, self.outbox.bot.id)
        except TelegramError:
            return False
        if me.status == ChatMember.RESTRICTED:
            return bool(getattr(me, "can_send_messages", False))
        return me.status in ADMINS | {ChatMember.MEMBER}

    # ---- /circle moderators ---------------------------------------------------------------

    async def on_command(self, message: Message, event: Inbound) -> None:
        chat, user = message.chat, message.from_user
        assert user is not None
        locale = self.service.i18n.resolve(user.language_code)
        words = event.args.split()
        if chat.type == chat.PRIVATE:
            await self._say(chat.id, self._text(locale, "circle-groups-only"))
            return
        if len(words) == 1:  # in the circle's group: a code to use in the moderators' chat
            key = circle_key(PLATFORM, str(chat.id))
            circle = await self.service.asks.circles.store.get(key)
            if not await self._is_admin(chat.id, user.id):
                await self._say(chat.id, self._text(locale, "circle-admins-only"))
            elif circle is None:
                await self._say(chat.id, self._text(locale, "circle-off-none"))
            else:
                code = await self.service.store.new_link(key, self.clock.now())
                await self._say(chat.id, self._text(circle.locale, "circle-mods-link", code=code))
            return
        key_or_none = await self.service.store.use_link(words[1], self.clock.now())
        circle = await self.service.asks.circles.store.get(key_or_none) if key_or_none else None
        if circle is None:
            await self._say(chat.id, self._text(locale, "circle-mods-bad-code"))
        elif not (await self._is_admin(chat.id, user.id) and await self._is_admin(circle.chat_id, user.id)):
            await self._say(chat.id, self._text(locale, "circle-mods-not-admin"))
        elif not await self._can_post(chat.id):
            try:  # restricted to fewer rights than posting needs: this may not arrive either
                await self._say(chat.id, self._text(locale, "circle-mods-cant-post"))
            except TelegramError as exc:
                log.info("circle moderators: the bot cannot post in the chosen chat: %s", type(exc).__name__)
        else:
            await self.service.set_place(circle.circle_key, str(chat.id))
            await self._say(chat.id, self._text(circle.locale, "circle-mods-linked"))

    async def _say(self, chat_id: int, text: str) -> None:
        await self.outbox.bot.send_message(chat_id, escape(text), parse_mode=ParseMode.HTML)

    # ---- Remove / Block this code ---------------------------------------------------------

    async def on_action(self, query: CallbackQuery) -> None:
        """Only the moderators' chat admins (asked of Telegram) may act; the answer is theirs alone."""
        action = decode_action(query.data)
        hint = query.from_user.language_code
        if action is None or query.message is None:
            text = self._text(self.service.i18n.resolve(hint), "circle-mod-unknown")
        elif not await self._is_admin(query.message.chat.id, query.from_user.id):
            text = self._text(self.service.i18n.resolve(hint), "circle-mod-only")
        else:
            text = await self.service.act(action[1], action[0], PLATFORM, str(query.message.chat.id), hint,
                                          self.clock.now())
        try:
            await query.answer(text[:MAX_ALERT], show_alert=True)
        except TelegramError as exc:
            log.info("circle moderation press not answered: %s", type(exc).__name__)

    # ---- a group became a supergroup ------------------------------------------------------

    async def on_migrate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """``migrate_to_chat_id`` (in the old group) or ``migrate_from_chat_id`` (in the new one)."""
        message = update.effective_message
        if message is None:
            return
        if message.migrate_to_chat_id:
            old, new = message.chat.id, message.migrate_to_chat_id
        elif message.migrate_from_chat_id:
            old, new = message.migrate_from_chat_id, message.chat.id
        else:
            return
        moved = await self.service.move(circle_key(PLATFORM, str(old)), circle_key(PLATFORM, str(new)),
                                        str(new), str(old))
        if moved:
            log.info("telegram: a circle followed its group to the new supergroup")

    # ---- ModPoster ------------------------------------------------------------------------

    @staticmethod
    def _keyboard(note: ModNote) -> InlineKeyboardMarkup | None:
        if not note.actions:
            return None
        return InlineKeyboardMarkup([[InlineKeyboardButton(
            a.label, callback_data=f"{ACTION_PREFIX}|{_ACTIONS[a.id]}|{note.ask_id}") for a in note.actions]])

    async def post_note(self, chat_id: str, note: ModNote) -> str:
        sent = await self.outbox.bot.send_message(int(chat_id), escape(note.text), parse_mode=ParseMode.HTML,
                                                  reply_markup=self._keyboard(note))
        return str(sent.message_id)

    async def edit_note(self, chat_id: str, note_ref: str, note: ModNote) -> None:
        await self.outbox.bot.edit_message_text(escape(note.text), int(chat_id), int(note_ref),
                                                parse_mode=ParseMode.HTML, reply_markup=self._keyboard(note))
