"""Help rooms on Telegram: one forum topic per room in the helpers' supergroup, relayed both ways.

The person stays in their private chat with the bot; helpers talk in the topic named by the
room's code. The bot is an admin of the helpers' group (it must be, to manage topics), so it
receives the helpers' messages there; it reads only those in a room's topic. Nothing of a room
is sent anywhere else, and no text of a room is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from telegram import (
    CallbackQuery,
    ChatMember,
    ChatMemberUpdated,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.clock import Clock
from bot.events import Chat, Inbound, UserKey
from bot.replies import Reply
from bot.rooms import Outcome, RoomAsking, RoomService
from storage import once
from storage.circles import CircleStore
from storage.rooms import HelpersRow

from .keyboards import deep_link
from .room_place import PLATFORM, TelegramRoomPlace, decode, keyboard
from .sending import Outbox
from .text import escape

log = logging.getLogger(__name__)

MAX_ALERT = 200
ADMINS = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})
IN_GROUP = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR, ChatMember.MEMBER})
GONE = frozenset({ChatMember.LEFT, ChatMember.BANNED})

Handle = Callable[[Inbound], Awaitable[list[Reply]]]
Deliver = Callable[[int, str, list[Reply], str | None], Awaitable[None]]


class TelegramRooms(TelegramRoomPlace):
    """``/talk``, ``/helpers``, the relay and the buttons; the room itself is ``TelegramRoomPlace``."""

    def __init__(self, service: RoomService, circles: CircleStore, outbox: Outbox, clock: Clock,
                 engine_handle: Handle, deliver: Deliver) -> None:
        self.service = service
        self.circles = circles
        self.asking = RoomAsking(service)
        super().__init__(outbox)
        self.clock = clock
        self.engine_handle = engine_handle  # the engine, for the private safety path
        self.deliver = deliver  # the handlers' way to send engine replies
        service.places[PLATFORM] = self
        names = service.i18n.locales
        self.talk_names = {service.i18n.text(loc, "command-talk") for loc in names} | {"talk"}
        self.helpers_names = {service.i18n.text(loc, "command-helpers") for loc in names} | {"helpers"}

    # ---- commands -----------------------------------------------------------------------------

    def wants(self, event: Inbound) -> bool:
        # ``/start talk`` is the group's "open the private chat" link: it opens the form too.
        deep_link_talk = event.command == "start" and event.args.strip().lower() in self.talk_names
        return event.command in self.talk_names or event.command in self.helpers_names or deep_link_talk

    async def on_command(self, message: Message, event: Inbound) -> None:
        if event.command in self.helpers_names:
            await self._helpers(message, event)
        else:
            await self._talk(message, event)

    async def _talk(self, message: Message, event: Inbound) -> None:
        user = message.from_user
        assert user is not None
        key = str(event.user)
        locale = await self.service.user_locale(key, user.language_code)
        if message.chat.type != message.chat.PRIVATE:
            # Asking happens in the private chat; the group sees only a link, never who pressed it.
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(
                self.service.text(locale, "telegram-open-private"), url=deep_link(self.outbox.username, "talk"))]])
            await self.bot.send_message(message.chat_id, escape(self.service.text(locale, "talk-in-private")),
                                        parse_mode=ParseMode.HTML, reply_markup=markup)
            return
        circles = [h for h in await self.service.store.helpers_on(PLATFORM) if await self._member(h, user.id)]
        outcome = await self.asking.start(PLATFORM, key, str(message.chat_id), user.language_code, circles,
                                          event.received_at)
        await self._answer(message.chat_id, user.id, user.language_code, outcome, event)

    async def _member(self, helpers: HelpersRow, user_id: int) -> bool:
        circle = await self._circle_chat(helpers.circle_key)
        if circle is None:
            return False
        try:
            member = await self.bot.get_chat_member(int(circle), user_id)
        except TelegramError:
            return False
        return member.status in IN_GROUP or getattr(member, "is_member", False)

    async def _circle_chat(self, circle_key: str) -> str | None:
        circle = await self.circles.get(circle_key)
        return circle.chat_id if circle is not None else None

    async def _helpers(self, message: Message, event: Inbound) -> None:
        """In the circle's group: how to link the helpers' group. In the helpers' forum: the link itself."""
        chat, user = message.chat, message.from_user
        assert user is not None
        locale = self.service.i18n.resolve(user.language_code)
        say = self.service.text
        if chat.type == chat.PRIVATE:
            await self._say(chat.id, say(locale, "helpers-groups-only"))
            return
        if not await self._is_admin(chat.id, user.id):
            await self._say(chat.id, say(locale, "circle-admins-only"))
            return
        words = event.args.split()
        if not words:
            await self._say(chat.id, say(locale, "helpers-how", chat=str(chat.id)))
            return
        circle_chat = words[0]
        days = int(words[1]) if len(words) > 1 and words[1].isdigit() else 3
        if not chat.is_forum:
            await self._say(chat.id, say(locale, "helpers-need-forum"))
            return
        if not 3 <= days <= 7:
            await self._say(chat.id, say(locale, "helpers-days"))
            return
        circle_key = f"{PLATFORM}:{circle_chat}"
        if await self._circle_chat(circle_key) is None or not await self._is_admin(int(circle_chat), user.id):
            await self._say(chat.id, say(locale, "helpers-no-circle"))
            return
        me = await self.bot.get_chat_member(chat.id, self.bot.id)
        if me.status != ChatMember.ADMINISTRATOR or not getattr(me, "can_manage_topics", False):
            await self._say(chat.id, say(locale, "helpers-need-rights"))
            return
        await self.service.store.save_helpers(HelpersRow(circle_key, PLATFORM, str(chat.id), None, days),
                                              event.received_at)
        await self._say(chat.id, say(locale, "helpers-done", days=days))

    async def _is_admin(self, chat_id: int, user_id: int) -> bool:
        try:
            return (await self.bot.get_chat_member(chat_id, user_id)).status in ADMINS
        except TelegramError:
            return False


    # ---- messages -----------------------------------------------------------------------------

    async def on_message(self, message: Message, event: Inbound | None) -> bool:
        """``on_message``: True when the message belonged to a room (``False`` leaves it to the engine)."""
        user = message.from_user
        if user is None or message.text is None:
            return False
        if message.chat.type == message.chat.PRIVATE:
            if event is None:
                return False
            room = await self.service.store.live_for(f"{PLATFORM}:{user.id}")
            if room is None:
                return False
            if event.text is None:
                if room.state == "draft":  # another command: the person moved on from the form
                    with once.not_recorded():  # the engine handles (and records) this update
                        await self.service.store.delete(room.code)
                return False  # commands keep working while a room is open
            if room.state == "draft":
                outcome = await self.asking.take_text(room, event.text, event.received_at)
            else:
                outcome = await self.service.from_owner(room, event.text, event.received_at)
            await self._answer(message.chat_id, user.id, user.language_code, outcome, event)
            return True
        thread = message.message_thread_id if message.is_topic_message else None
        if thread is None:
            return False
        room = await self.service.store.by_thread(PLATFORM, str(message.chat_id), str(thread))
        if room is None:
            return False
        if message.text.startswith("/"):
            return True  # a command in a room is nobody's words to relay
        await self.service.from_helper(room, f"{PLATFORM}:{user.id}", user.first_name, message.text,
                                       self.clock.now())
        return True

    async def _answer(self, chat_id: int, user_id: int, hint: str | None, outcome: Outcome,
                      event: Inbound) -> None:
        if outcome.safety_text is not None:
            # The private safety path first, exactly as if the words had been typed to the bot.
            safety = Inbound(user=UserKey(PLATFORM, str(user_id)), chat=Chat(str(chat_id)),
                             received_at=event.received_at, text=outcome.safety_text, locale_hint=hint)
            await self.deliver(chat_id, str(user_id), await self.engine_handle(safety), hint)
        room = await self.service.store.live_for(f"{PLATFORM}:{user_id}")
        code = room.code if room is not None else "-"
        for note in outcome.notes:
            await self.bot.send_message(chat_id, escape(note.text), parse_mode=ParseMode.HTML,
                                        reply_markup=keyboard(code, note.choices))

    # ---- buttons ------------------------------------------------------------------------------

    async def on_press(self, query: CallbackQuery, now: datetime) -> None:
        press = decode(query.data)
        room = await self.service.store.get(press[1]) if press else None
        user = query.from_user
        key = f"{PLATFORM}:{user.id}"
        message = query.message
        if press is None or room is None or not isinstance(message, Message):
            await _answer_query(query, self.service.text(self.service.i18n.resolve(user.language_code),
                                                         "room-press-closed"))
            return
        if message.chat.type == message.chat.PRIVATE:
            if room.user_key != key:
                await _answer_query(query)
                return
            await _answer_query(query)
            if room.state == "draft":
                outcome = await self.asking.take_choice(room, press[0], now)
            else:
                outcome = await self.service.owner_choice(room, press[0], now)
            for note in outcome.notes:
                await self.bot.send_message(message.chat_id, escape(note.text), parse_mode=ParseMode.HTML,
                                            reply_markup=keyboard(room.code, note.choices))
            return
        if str(message.chat_id) != room.place:
            await _answer_query(query)
            return
        said = await self.service.helper_press(room, key, user.first_name, press[0], now)
        await _answer_query(query, said[:MAX_ALERT], alert=True)

    # ---- helpers leaving ------------------------------------------------------------------------

    async def on_member(self, change: ChatMemberUpdated) -> None:
        """A helper who left (or was removed from) the helpers' group is out of their rooms."""
        if change.new_chat_member.status in GONE and change.old_chat_member.status not in GONE:
            helper = f"{PLATFORM}:{change.new_chat_member.user.id}"
            await self.service.helper_gone(PLATFORM, str(change.chat.id), helper)


async def _answer_query(query: CallbackQuery, text: str | None = None, alert: bool = False) -> None:
    try:
        await query.answer(text, show_alert=alert)
    except TelegramError as exc:
        log.info("room press not answered: %s", type(exc).__name__)
