"""The engine: turns one platform-neutral event into platform-neutral replies (DESIGN.md §1)."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.commandnames import command_names
from bot.events import Inbound
from bot.flowdefs import FlowDef
from bot.flowrunner import FlowRunner
from bot.i18n import I18n
from bot.keylocks import KeyedLocks
from bot.language import LanguageGuess, adopt_message_language
from bot.logsafe import describe_failure
from bot.replies import Reply, dump_replies
from bot.safety.screen import SafetyScreen, SafetySignal, screen_text
from bot.topics import TopicDetector
from bot.turn import Action, Router, TextInterceptor, Turn
from storage import AlreadyApplied, PositionWrite, Snapshot, Store, UnitOfWork, VersionConflict

if TYPE_CHECKING:
    from bot.warmup import Warmup

log = logging.getLogger(__name__)

MAX_TEXT = 4000
# Control characters other than newline and tab carry no meaning in a chat message; a lone
# UTF-16 surrogate (a broken emoji from some clients) cannot even be stored as UTF-8.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Commands every state understands (the adapters list them). Like every command they map to a
# flow, flows/stop.yaml, which leaves the conversation and only offers to stop scheduled messages.
STOP_COMMANDS = frozenset({"stop", "cancel"})
COMMAND_ALIASES = {"cancel": "stop"}


def clean_text(text: str) -> str:
    """Strip control characters and surrounding space, and bound the length we keep."""
    if not text:
        return ""  # a command without arguments (most): no pass of the regex engine for nothing
    return _CONTROL.sub("", text).strip()[:MAX_TEXT]


# A scheduled message waits while the user is in the middle of talking to the bot.
BUSY_WINDOW = timedelta(minutes=15)


class DeliveryCancelled(Exception):
    """The user of a scheduled item no longer exists (``/forget`` came first): drop the item."""


class DeliveryDeferred(Exception):
    """A bot-initiated message must wait: the user is in a crisis flow, or mid-conversation."""

    def __init__(self, reason: str, retry_after: timedelta) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class Engine(FlowRunner):
    """Runs flows from ``flows/`` with words from ``locales/`` over state in ``storage``."""

    def __init__(
        self,
        *,
        flows: Mapping[str, FlowDef],
        i18n: I18n,
        store: Store,
        actions: Mapping[str, Action],
        routers: Mapping[str, Router],
        safety: SafetyScreen,
        topics: TopicDetector,
        interceptors: Sequence[TextInterceptor] = (),
        default_tz: str = "UTC",
    ) -> None:
        super().__init__(flows=flows, i18n=i18n, actions=actions, routers=routers)
        self.store = store
        self.safety = safety
        self.interceptors = interceptors
        self.topics = topics
        self.exercise_ids = tuple(sorted(
            k.removeprefix("exercise-") for k in i18n.keys(i18n.locales[0]) if k.startswith("exercise-")))
        self.default_tz = default_tz
        self.command_flows = {cmd: f.id for f in flows.values() for cmd in f.commands}
        self.command_names = command_names(i18n, set(self.command_flows) | STOP_COMMANDS)
        self.language = LanguageGuess(i18n)
        self.anytime_choices = {
            c.id: (f.id, step_id) for f in flows.values() for step_id, s in f.steps.items()
            for c in s.choices if c.anytime
        }
        self._locks = KeyedLocks()  # one step at a time per (user, chat)
        # Feature services that flow actions reach by name (``circles``), set by the composition root.
        self.features: dict[str, Any] = {}
        # Models still loading after start (``bot.warmup``): typed messages wait for them, bounded.
        self.warmup: Warmup | None = None

    # ---- entry points -------------------------------------------------------------------

    async def handle(self, event: Inbound) -> list[Reply]:
        """Handle one inbound event; the user's events are processed one at a time, in order."""
        try:
            key = (str(event.user), event.chat.chat_id)
            await self._locks.acquire(key)
            try:
                for _attempt in range(3):
                    try:
                        return await self._handle_once(event, key[0])
                    except VersionConflict:
                        # Another process moved this conversation on; read it again and retry.
                        continue
                return await self._error_reply(event)
            finally:
                self._locks.release(key)
        except AlreadyApplied:
            raise  # another worker applied this platform update: the adapter sends what it stored
        except Exception as exc:
            log.error("engine failed on a %s event: %s", _event_type(event), describe_failure(exc))
            return await self._error_reply(event)

    async def deliver(
        self, user_key: str, chat_id: str, target: str, data: Mapping[str, Any], now: datetime,
        *, private: bool = True, known_user: bool = False, item_id: int | None = None,
    ) -> list[Reply]:
        """Enter a flow on the bot's own initiative (a follow-up or nudge coming due).

        With ``known_user`` (the pump), a user who no longer exists raises ``DeliveryCancelled``.
        ``item_id`` marks the conversation, so a retry of the same item is not mistaken for the
        user talking: its own earlier render does not put it off.
        """
        await self._locks.acquire((user_key, chat_id))
        try:
            return await self._deliver_held(user_key, chat_id, target, data, now, private, known_user, item_id)
        finally:
            self._locks.release((user_key, chat_id))

    async def _deliver_held(self, user_key: str, chat_id: str, target: str, data: Mapping[str, Any], now: datetime,
                            private: bool, known_user: bool, item_id: int | None) -> list[Reply]:
        snap = await self.store.load(user_key, chat_id)
        if known_user and snap.user is None:
            raise DeliveryCancelled(user_key)  # writing now would bring a forgotten user back
        if (rooms := self.features.get("rooms")) is not None and await rooms.in_room(user_key):
            # Telegram relays the person's private words to their help room: a question from us now
            # would take their next words from the room, or carry their answer into it.
            raise DeliveryDeferred("help-room", timedelta(hours=1))
        turn = self._new_turn(None, user_key, chat_id, now, snap, private=private)
        if turn.flow is not None and self.flows[turn.flow].protected:
            raise DeliveryDeferred("protected-flow", timedelta(hours=1))
        mine = item_id is not None and turn.flow is not None and turn.data.get("delivered_item") == item_id
        touched = snap.conversation.updated_at if snap.conversation else None
        if not mine and turn.flow is not None and touched is not None and now - touched < BUSY_WINDOW:
            # Replacing a question the user is answering right now would lose their place.
            raise DeliveryDeferred("mid-conversation", BUSY_WINDOW)
        turn.data = {}
        turn.flow = turn.step = None
        await self.goto(turn, target, extra=dict(data))
        if item_id is not None and turn.flow is not None:
            turn.data["delivered_item"] = item_id
        try:
            return await self._commit(turn)
        except VersionConflict:
            # Another process wrote this conversation a moment ago: try again shortly.
            raise DeliveryDeferred("conflict", timedelta(minutes=1)) from None

    # ---- one event ----------------------------------------------------------------------

    def _new_turn(
        self, event: Inbound | None, user_key: str, chat_id: str, now: datetime, snap: Snapshot,
        *, private: bool,
    ) -> Turn:
        hint = event.locale_hint if event else None
        locale = self.i18n.resolve(snap.user.locale if snap.user else None, hint)
        turn = Turn(
            engine=self, user_key=user_key, chat_id=chat_id, now=now, locale=locale, user=snap.user,
            uow=UnitOfWork(user_key=user_key, chat_id=chat_id, now=now), event=event, private=private,
        )
        conv = snap.conversation
        if conv is not None:
            turn.stored_version = conv.version
            live = conv.flow is not None and (conv.expires_at is None or conv.expires_at > now)
            if live and conv.flow in self.flows and conv.step in self.flows[conv.flow].steps:
                turn.flow, turn.step, turn.data = conv.flow, conv.step, dict(conv.data)
        if snap.user is None and hint:
            turn.uow.user_fields["locale"] = locale
        if snap.user is not None and snap.user.unreachable:
            turn.uow.user_fields["unreachable"] = 0
        return turn

    async def _handle_once(self, event: Inbound, user_key: str) -> list[Reply]:
        chat = event.chat
        snap = await self.store.load(user_key, chat.chat_id)
        private = chat.private or chat.can_reply_privately
        turn = self._new_turn(event, user_key, chat.chat_id, event.received_at, snap, private=private)

        text = clean_text(event.text) if event.text is not None else None
        if event.command is not None:
            return await self._on_command(turn, event.command.lower().lstrip("/"), clean_text(event.args))
        if not private and text is not None:
            return []  # free text in a group is never read (DESIGN.md §6)
        if text is not None:
            if not text:
                turn.say("input-empty")
                await self.rerender(turn)
                return await self._commit(turn)
            switched = adopt_message_language(turn, self.language, text)
            if self.warmup is not None and not self.warmup.done:
                await self.warmup.wait()
            if await self._screen(turn, text):
                return await self._commit(turn)
            if switched:
                turn.say("language-detected")
            return await self._on_text(turn, text)
        assert event.choice is not None
        return await self._on_choice(turn, event.choice.choice_id, event.choice.version)

    async def _screen(self, turn: Turn, text: str) -> bool:
        """The safety screen reads every typed message, in every flow and step; it always wins.

        Phrase-list matches open a path wherever the user is. The rules and the model (tier
        ``model``) stay out of the paths themselves and of safety-plan answers, which are the
        plan (see ``_model_listens``). An ``ask`` keeps the user's place, to carry on after.
        """
        signal = await screen_text(self.safety, text, turn.locale)
        if signal is None or (signal.tier == "model" and not _model_listens(self, turn, signal)):
            return False
        self._answer_in_their_language(turn, text)
        resume = {"flow": turn.flow, "step": turn.step, "data": turn.data} if turn.flow else None
        turn.private = True
        turn.flow = turn.step = None
        turn.data = {}
        if signal.level == "ask":
            extra: dict[str, Any] = {"text": text, "signal": signal.reason}
            if resume is not None:
                extra["resume"] = resume
            await self.goto(turn, "safety_check:", extra=extra)
        else:
            await self.goto(turn, f"{signal.kind}:", extra={"signal": signal.reason})
        return True

    def _answer_in_their_language(self, turn: Turn, text: str) -> None:
        """Resources in the language the message is written in, unless the user chose one.

        Short crisis messages ("quiero morirme") are below the first-message guess's margin, and
        an earlier "thanks" may have settled the chat's language: here the plainer lead counts.
        """
        if turn.settings.get("locale_chosen"):
            return
        scores = self.language.scores(text)
        best = max(scores, key=lambda loc: scores[loc], default=turn.locale)
        if best == turn.locale or scores[best] <= scores.get(turn.locale, 0):
            return
        turn.locale = best
        turn.uow.user_fields["locale"] = best
        turn.uow.settings_patch["language_checked"] = True

    async def _on_command(self, turn: Turn, command: str, args: str) -> list[Reply]:
        if args and await self._screen(turn, args):
            return await self._commit(turn)
        command = self.command_names.get(command, command)  # /calma -> ground
        flow_id = self.command_flows.get(COMMAND_ALIASES.get(command, command))
        if flow_id is None:
            turn.say("unknown-command", kind="error", command=command[:32])
            return await self._commit(turn)
        flow = self.flows[flow_id]
        if not turn.private and not flow.group_safe:
            turn.replies.append(Reply(
                kind="info", flow=flow_id, step=flow.entry, private=False, private_start=command,
                text=self.i18n.text(turn.locale, "group-go-private"),
            ))
            return await self._commit(turn, keep_position=True)
        if turn.event is not None and not turn.event.chat.private and flow.group_safe:
            turn.private = False
        turn.flow = turn.step = None
        turn.data = {}
        await self.goto(turn, f"{flow_id}:", extra={"args": args} if args else None)
        return await self._commit(turn)

    async def _on_text(self, turn: Turn, text: str) -> list[Reply]:
        for intercept in self.interceptors:
            target = await intercept(turn, text)
            if target:
                await self.goto(turn, target, extra={"text": text})
                return await self._commit(turn)
        step = self.current_step(turn)
        if step is None:
            turn.flow = turn.step = None
            turn.data = {}
            await self.goto(turn, "trigger:", extra={"text": text})
        elif (choice := self.match_typed_choice(turn, step, text)) is not None:
            await self.press(turn, step, choice)
        elif step.input is not None:
            await self.take_words(turn, step.input, text)
        else:
            turn.say("pick-a-choice")
            await self.rerender(turn)
        return await self._commit(turn)

    async def _on_choice(self, turn: Turn, choice_id: str, version: int | None) -> list[Reply]:
        step = self.current_step(turn)
        current = step is not None and (version is None or version == turn.stored_version)
        choice = next((c for c in step.choices if c.id == choice_id), None) if step and current else None
        if choice is None and choice_id in self.anytime_choices:
            turn.flow, turn.step = self.anytime_choices[choice_id]
            turn.data = {}
            step = self.current_step(turn)
            choice = next(c for c in step.choices if c.id == choice_id)  # type: ignore[union-attr]
        if choice is None:
            # A stale button: show where the user is now, or say plainly that nothing is open.
            turn.say("choice-passed" if step is not None else "nothing-open")
            await self.rerender(turn)
            return await self._commit(turn, keep_position=True)
        await self.press(turn, step, choice)  # type: ignore[arg-type]
        return await self._commit(turn)

    # ---- committing -----------------------------------------------------------------------

    async def _commit(self, turn: Turn, keep_position: bool = False) -> list[Reply]:
        uow = turn.uow
        if not uow.forget and not keep_position:
            expires = None
            if turn.flow is not None:
                expires = turn.now + timedelta(minutes=self.flows[turn.flow].expires_minutes)
            uow.position = PositionWrite(
                flow=turn.flow, step=turn.step, data=turn.data if turn.flow else {},
                expected_version=turn.stored_version, expires_at=expires,
            )
        if turn.event is not None and turn.event.delivery is not None:
            # Kept with the state change, so a worker that gets this update again sends these
            # instead of applying it twice. The version is the one the write will make (the
            # stored one + 1, or 1 for a new conversation); a conflict writes nothing.
            written = None if uow.position is None else (turn.stored_version or 0) + 1
            uow.delivery_key = turn.event.delivery
            uow.delivery_replies = dump_replies(_final(turn, written or turn.stored_version))
        version = await self.store.apply(uow)
        if version is None:
            version = turn.stored_version
        return _final(turn, version)

    async def _error_reply(self, event: Inbound) -> list[Reply]:
        # The unit of work is committed last, so after any failure here nothing of the event was
        # stored: a written message must be sent again, and the words say so.
        locale = self.i18n.resolve(None, event.locale_hint)
        key = "error-generic" if event.choice is not None else "error-not-stored"
        return [Reply(kind="error", flow="none", step="none", text=self.i18n.text(locale, key), locale=locale)]


# Where the rules and the model stay quiet: inside the crisis path (its own "I'm listening"
# answers what is typed there), while the safety question itself waits for an answer, and in
# safety-plan answers (a warning sign written into the plan is the plan, not a new signal).
_MODEL_QUIET_FLOWS = frozenset({"crisis", "safety_check", "safetyplan"})


def _final(turn: Turn, version: int | None) -> list[Reply]:
    # Each reply says its language, so an adapter without a locale hint of its own (the
    # console) keeps talking in it, also after /forget deleted the stored choice.
    # ``dataclasses.replace(r, version=…, locale=…)`` field by field: ``replace`` walks the
    # dataclass's fields and builds keyword arguments on every call (~10 µs of a Discord
    # command, bench/README). tests/test_engine_final.py holds it to ``replace`` for every field.
    locale = turn.locale
    return [Reply(r.kind, r.flow, r.step, r.text, r.choices, r.topic, r.image, r.file, r.private,
                  version if r.choices else r.version, r.urgent, r.private_start, r.meta, locale)
            for r in turn.replies]


def _model_listens(engine: Engine, turn: Turn, signal: SafetySignal) -> bool:
    if turn.flow in _MODEL_QUIET_FLOWS:
        return False
    if turn.flow == "abuse":  # self-harm still goes to the crisis path; nothing else moves them
        return signal.kind == "crisis" and signal.level == "open"
    return True


def _event_type(event: Inbound) -> str:
    return "command" if event.command is not None else "choice" if event.choice else "text"
