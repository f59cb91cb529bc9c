"""python-telegram-bot handlers: messages and button presses in, engine replies out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.app import App
from bot.events import Inbound
from bot.logsafe import describe_failure
from bot.replies import Reply, load_replies
from storage import AlreadyApplied, once
from storage.contract import transient_errors
from storage.coordination import UpdateState

from .circle_moderation import TelegramModeration, is_mod_action, wants
from .circles import TelegramCircles, is_circle_press
from .commands import is_command
from .inbound import from_message, from_press, user_key
from .keyboards import decode, pressed_label
from .room_place import is_room_press
from .rooms import TelegramRooms
from .sending import Outbox

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE


@dataclass(slots=True)
class TelegramHandlers:
    """Translate, ask the engine, render; one chat's updates are handled one at a time, in order."""

    app: App
    outbox: Outbox
    circles: TelegramCircles | None = None
    rooms: TelegramRooms | None = None
    moderation: TelegramModeration | None = None
    _locks: dict[int, tuple[asyncio.Lock, int]] = field(default_factory=dict)

    def _delivery(self, update: Update) -> str | None:
        """The update's key in ``seen_updates`` when workers may share the database (PostgreSQL)."""
        return f"telegram:{update.update_id}" if self.app.store.backend == "postgres" else None

    async def _earlier(self, key: str | None) -> UpdateState | None:
        """What a worker already did with this update (polling after a takeover, a webhook retry).

        An update is recorded as applied with its replies in the engine's own transaction
        (``storage/coordination.py``): found ``done``, it is skipped; applied but not done (its
        worker died before sending), its stored replies are sent instead of applying it again.
        """
        if key is None:
            return None
        try:
            return await self.app.store.update_state(key)
        except transient_errors() as exc:  # the unit of work refuses a second application anyway
            log.warning("telegram: could not check update %s: %s", key, describe_failure(exc))
            return None

    async def _outside(self, key: str | None, work: Callable[[], Awaitable[None]]) -> bool:
        """Run an update the engine does not apply (circles, rooms, moderation) once; False if skipped.

        Its first write records it applied in the same transaction (``storage/once.py``): a
        second delivery is refused there, before it changes anything, and does nothing.
        """
        with once.applying(key):
            try:
                await work()
            except AlreadyApplied:
                return False
        return True

    async def _applied(self, key: str | None) -> bool:
        """Whether a worker already applied (or finished) this update."""
        earlier = await self._earlier(key)
        return earlier is not None and (earlier.done or earlier.replies is not None)

    async def _handled(self, key: str | None) -> None:
        # Webhook: the receiver records it once the whole request was handled (webhook.py).
        if key is not None and self.app.holds.isdisjoint({"telegram:webhook"}):
            with contextlib.suppress(*transient_errors()):
                await self.app.store.finish_update(key)

    async def on_message(self, update: Update, context: Context) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or user.is_bot:
            return
        key = self._delivery(update)
        # What a worker already did with it is read inside the chat's lock: read before, the
        # order of those reads (not of the updates) would decide which message is answered first.
        await self._guarded(message.chat_id, user.id, user.language_code,
                            partial(self._unless_done, key, partial(self._message, message, key)))
        await self._handled(key)

    async def _unless_done(self, key: str | None, work: Callable[[list[Reply] | None], Awaitable[None]]) -> None:
        """Skip an update found done; else run ``work`` with the replies a worker stored for it (or None)."""
        earlier = await self._earlier(key)
        if earlier is not None and earlier.done:
            return
        await work(load_replies(earlier.replies) if earlier is not None and earlier.replies is not None else None)

    async def _message(self, message: Message, key: str | None = None, stored: list[Reply] | None = None) -> None:
        user = message.from_user
        assert user is not None
        if stored is not None:
            await self._deliver(message.chat_id, str(user.id), stored, user.language_code)
            return
        event = from_message(message, user, self.app.clock, self.outbox.username, self.app.engine.command_flows)
        if self.rooms is not None:  # branch rooms: room words, /talk and /helpers
            rooms = self.rooms
            if event is not None and event.command is not None and rooms.wants(event):
                await self._outside(key, partial(rooms.on_command, message, event))
                return
            taken = [False]

            async def room_words() -> None:
                taken[0] = await rooms.on_message(message, event)

            if not await self._outside(key, room_words) or taken[0]:
                return
        if event is None:
            if message.chat.type == message.chat.PRIVATE and message.text is None:
                locale = await self._locale(str(user_key(user)), user.language_code)
                await self.outbox.send(message.chat_id, str(user.id), [_notice(self, locale, "telegram-text-only")],
                                       locale, notice=True)
            return
        # In a group, /circle (or /circulo) sets the circle up or names its moderators' chat; in the
        # private chat it is the ask flow (flows/circle_ask.yaml).
        if (self.circles is not None and event.command and message.chat.type != message.chat.PRIVATE
                and is_command(self.app.engine, event.command, "circle")):
            if self.moderation is not None and wants(event):
                await self._outside(key, partial(self.moderation.on_command, message, event))
                return
            await self._outside(key, partial(self.circles.on_command, message, event))
            return
        replies = await self._handle(event, key)
        await self._deliver(message.chat_id, str(user.id), replies, user.language_code)

    async def on_callback(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        key = self._delivery(update)
        if is_mod_action(query.data) and self.moderation is not None:
            # A moderator's Remove or Block this code, checked against the moderators' chat.
            await self._press_outside(key, query, self.moderation.on_action, "telegram circle moderation failed")
            return
        if is_circle_press(query.data) and self.circles is not None:
            # Not behind the group's lock: a busy check-in's presses are answered side by side.
            await self._press_outside(key, query, self.circles.on_press, "telegram circle press failed")
            return
        chat_id = query.message.chat.id if query.message else query.from_user.id
        if is_room_press(query.data) and self.rooms is not None:
            rooms = self.rooms

            async def room_press(stored: list[Reply] | None) -> None:
                if stored is None:  # stored: a worker applied it already (``storage/once.py``)
                    await self._outside(key, partial(rooms.on_press, query, self.app.clock.now()))

            await self._guarded(chat_id, query.from_user.id, query.from_user.language_code,
                                partial(self._unless_done, key, room_press))
            await self._handled(key)
            return
        await self._guarded(chat_id, query.from_user.id, query.from_user.language_code,
                            partial(self._unless_done, key, partial(self._press, query, key)))
        await self._handled(key)

    async def _press_outside(self, key: str | None, query: CallbackQuery,
                             act: Callable[[CallbackQuery], Awaitable[None]], failed: str) -> None:
        """A press the engine does not apply: once, any failure logged and the spinner stopped."""
        if await self._applied(key):
            await self._handled(key)
            return
        try:
            await self._outside(key, partial(act, query))
        except Exception as exc:
            log.error("%s: %s", failed, describe_failure(exc))
            await _answer_quietly(query)
        await self._handled(key)

    async def _press(self, query: CallbackQuery, delivery: str | None = None,
                     stored: list[Reply] | None = None) -> None:
        press = decode(query.data)
        locale_hint = query.from_user.language_code
        key = str(user_key(query.from_user))
        if press is None or query.message is None:
            # Not a button we made, or one whose message is gone: say so briefly, clear it away.
            locale = await self._locale(key, locale_hint)
            await _answer_quietly(query, self.app.engine.i18n.text(locale, "telegram-button-unknown"))
            if isinstance(query.message, Message):
                await self.outbox.mark_answered(query.message, str(query.from_user.id), None)
            return
        if press.user_id != str(query.from_user.id):
            locale = await self._locale(key, locale_hint)
            await _answer_quietly(query, self.app.engine.i18n.text(locale, "telegram-not-yours"), show_alert=True)
            return
        # Stop the client's spinner while the engine works; the real answer arrives as a message.
        answered = asyncio.create_task(_answer_quietly(query))
        # The pressed question is marked answered below; the send must not clear it separately.
        self.outbox.keyboards.forget(query.message.chat.id, press.user_id, query.message.message_id)
        event = from_press(query, press, query.message.chat, self.app.clock)
        try:
            replies = stored if stored is not None else await self._handle(event, delivery)
            # Replies to a handed-over question go through the group's rules: private ones to this chat.
            target = press.origin if press.origin is not None else query.message.chat.id
            await self._deliver(target, press.user_id, replies, locale_hint)
        finally:
            await answered
        if isinstance(query.message, Message):
            label = pressed_label(query.message.reply_markup, query.data or "")
            await self.outbox.mark_answered(query.message, press.user_id, label)

    async def deliver(self, chat_id: int, user_id: str, replies: list[Reply], hint: str | None) -> None:
        """Send engine replies to a chat (help rooms hand the safety path's replies here)."""
        await self._deliver(chat_id, user_id, replies, hint)

    async def _handle(self, event: Inbound, key: str | None) -> list[Reply]:
        """The engine's replies; if another worker applied this update first, the replies it stored.

        Its unit of work refuses a second application (``AlreadyApplied``): a worker that read the
        update's state too early, or whose claim was taken over while it still ran, sends what the
        first application stored (unless that worker already sent it) instead of applying it twice.
        """
        try:
            return await self.app.engine.handle(replace(event, delivery=key))
        except AlreadyApplied:
            earlier = await self._earlier(key)
            if earlier is None or earlier.done or earlier.replies is None:
                return []
            return load_replies(earlier.replies)

    async def _deliver(self, chat_id: int, user_id: str, replies: list[Reply], hint: str | None) -> None:
        if not replies:
            return
        locale = await self._locale(f"telegram:{user_id}", hint) if _needs_locale(chat_id, replies) else "en"
        try:
            await self.outbox.send(chat_id, user_id, replies, locale)
        except Forbidden:
            if chat_id > 0:  # the user blocked the bot: stop scheduling until they write again
                await self.app.store.mark_unreachable(f"telegram:{user_id}", self.app.clock.now())
                log.info("a user blocked the bot; marked unreachable")
            else:
                log.info("the bot can no longer post in a group")

    async def _guarded(self, chat_id: int, user_id: int, hint: str | None,
                       work: Callable[[], Awaitable[None]]) -> None:
        """One chat at a time, in arrival order; any failure is logged without text, the user told."""
        lock, users = self._locks.get(chat_id, (asyncio.Lock(), 0))
        # Counted, so the lock is dropped only when no update of this chat is running or waiting.
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                await work()
        except Exception as exc:
            log.error("telegram handler failed: %s", describe_failure(exc))
            await self._error_reply(chat_id, user_id, hint)
        finally:
            lock, users = self._locks[chat_id]
            if users == 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)

    async def _error_reply(self, chat_id: int, user_id: int, hint: str | None) -> None:
        try:
            locale = await self._locale(f"telegram:{user_id}", hint)
            await self.outbox.send(chat_id, str(user_id), [_notice(self, locale, "error-generic", kind="error")],
                                   locale, notice=True)
        except (TelegramError, OSError) as exc:
            log.warning("could not tell the user about the failure: %s", type(exc).__name__)

    async def _locale(self, key: str, hint: str | None) -> str:
        """The user's chosen language, else Telegram's language_code (only for the adapter's own texts)."""
        snap = await self.app.store.load(key, "")
        return self.app.engine.i18n.resolve(snap.user.locale if snap.user else None, hint)

    async def on_member(self, update: Update, context: Context) -> None:
        """``chat_member`` updates: a helper leaving the helpers' group leaves their rooms."""
        if update.chat_member is None or self.rooms is None:
            return
        key = self._delivery(update)
        if await self._applied(key):
            await self._handled(key)
            return
        try:
            await self._outside(key, partial(self.rooms.on_member, update.chat_member))
        except Exception as exc:
            log.error("telegram member update failed: %s", describe_failure(exc))
        await self._handled(key)

    async def on_error(self, update: object, context: Context) -> None:
        """Errors outside our handlers (polling, webhook): logged by type, never with their text."""
        if context.error is not None:
            log.error("telegram error: %s", describe_failure(context.error))


async def _answer_quietly(query: CallbackQuery, text: str | None = None, show_alert: bool = False) -> None:
    """answerCallbackQuery; a query too old to answer (after a restart, say) is not worth an error.

    Never raised into the handler: its error reply would be a "reply privately" link in a group.
    """
    try:
        await query.answer(text, show_alert=show_alert)
    except TelegramError as exc:
        log.info("callback query not answered: %s", type(exc).__name__)


def _needs_locale(chat_id: int, replies: list[Reply]) -> bool:
    """Only group rules and deep links use the adapter's own words; skip the lookup otherwise."""
    return chat_id < 0 or any(r.private_start for r in replies)


def _notice(handlers: TelegramHandlers, locale: str, key: str, kind: Any = "info") -> Reply:
    return Reply(kind=kind, flow="telegram", step="notice", text=handlers.app.engine.i18n.text(locale, key))

