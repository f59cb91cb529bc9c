"""The bridge: Discord events in, ``Inbound`` to the engine, replies back out."""

from __future__ import annotations

import asyncio
import logging
import types
from collections.abc import Callable, Coroutine, Generator
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

import discord

from bot.adapters.discord.commands import COMMANDS
from bot.adapters.discord.sending import Outgoing, compose, send_to_channel, send_to_interaction
from bot.adapters.discord.translator import CommandSpelling
from bot.adapters.discord.views import ChoiceButton
from bot.app import App
from bot.events import Chat, ChoiceRef, Inbound, UserKey
from bot.logsafe import describe_failure
from bot.replies import Reply

log = logging.getLogger(__name__)
T = TypeVar("T")

# Discord drops an interaction not acknowledged within 3 s; answer directly when the engine
# is quicker than this, else defer first and answer as a follow-up.
ACK_BUDGET_S = 2.0
DMS_CLOSED = 50007


class DiscordBridge:
    """Translates Discord events for the engine and renders its replies; owns no state."""

    def __init__(self, app: App, *, ack_budget: float = ACK_BUDGET_S) -> None:
        self.app = app
        self.ack_budget = ack_budget
        self.spelling = CommandSpelling(app.engine.i18n, (spec.name for spec in COMMANDS))

    # ---- entry points -------------------------------------------------------------------

    async def on_dm(self, message: discord.Message) -> None:
        """Free text in a DM enters the flows exactly like a Telegram private chat."""
        if message.guild is not None or message.author.bot or message.type not in _USER_MESSAGES:
            return  # server chatter is never read (and arrives without content anyway)
        content = message.content.strip()
        typed: dict[str, str] = {"text": message.content}
        if content.startswith("/") and len(content) > 1:
            # A command Discord's menu did not offer, typed as text: the engine still understands it.
            name, _, args = content[1:].partition(" ")
            typed = {"command": self.spelling.engine_command(name), "args": args.strip()}
        inbound = Inbound(user=_user_key(message.author), chat=Chat(str(message.channel.id), "private"),
                          received_at=self.app.clock.now(), **typed)
        try:
            replies = await self.app.engine.handle(inbound)
            await send_to_channel(message.channel, compose(replies), message.author.id)
        except Exception as exc:
            log.error("discord: failed to answer a direct message: %s", describe_failure(exc))
            try:
                snap = await self.app.store.load(str(inbound.user), inbound.chat.chat_id)
                i18n = self.app.engine.i18n
                locale = i18n.resolve(snap.user.locale if snap.user else None)
                await message.channel.send(i18n.text(locale, "error-generic"))
            except Exception:
                log.warning("discord: could not deliver the error reply either")

    async def on_command(self, interaction: discord.Interaction, command: str, args: str = "") -> None:
        """A slash command, or the /trigger form's text as its argument."""
        await self._answer(interaction, self._inbound(interaction, command=command, args=args))

    async def on_press(self, interaction: discord.Interaction, button: ChoiceButton) -> None:
        """A choice button: only the person it was offered to may press it."""
        if interaction.user.id != button.owner_id:
            text = await self.text_for(interaction, "discord-not-yours")
            await interaction.response.send_message(text, ephemeral=True)
            return
        inbound = self._inbound(interaction, choice=ChoiceRef(button.choice_id, button.version),
                                chat_id=button.chat_id)
        await self._answer(interaction, inbound, chat_id=button.chat_id)
        if interaction.guild_id is not None:
            await self._check_dm_for_followup(interaction, inbound)

    async def fail(self, interaction: discord.Interaction) -> None:
        """Answer a failed interaction with a short error, never with details."""
        try:
            text = await self.text_for(interaction, "error-generic")
            messages = [Outgoing(text, private=True)]
            await send_to_interaction(interaction, messages)
        except discord.HTTPException:
            log.warning("discord: could not deliver the error reply either")

    # ---- helpers --------------------------------------------------------------------------

    def _inbound(self, interaction: discord.Interaction, *, command: str | None = None, args: str = "",
                 choice: ChoiceRef | None = None, chat_id: str | None = None) -> Inbound:
        if chat_id is not None:  # a follow-up DM about a conversation that lives in a server
            chat = Chat(chat_id, "group", can_reply_privately=True)
        elif interaction.guild_id is None:
            chat = Chat(str(interaction.channel_id), "private")
        else:
            chat = Chat(str(interaction.channel_id), "group", can_reply_privately=True)
        return Inbound(user=UserKey("discord", str(interaction.user.id)), chat=chat, received_at=self.app.clock.now(),
                       command=command, args=args, choice=choice, locale_hint=interaction.locale.value)

    async def _answer(self, interaction: discord.Interaction, inbound: Inbound,
                      chat_id: str | None = None) -> None:
        try:
            replies = await self._handle_acked(interaction, inbound)
            if self.spelling.respells(interaction.locale):  # an English client sees the engine's own names
                replies = [self._spelled(r, interaction.locale) for r in replies]
            await send_to_interaction(interaction, compose(replies), chat_id)
        except Exception as exc:
            # Log the kind of failure only: what the user wrote never goes to the logs.
            log.error("discord: failed to answer a %s interaction: %s", interaction.type.name,
                      describe_failure(exc))
            await self.fail(interaction)

    def _spelled(self, reply: Reply, locale: discord.Locale) -> Reply:
        text = self.spelling.for_client(reply.text, locale)
        return reply if text == reply.text else replace(reply, text=text)  # most replies name no command

    async def _handle_acked(self, interaction: discord.Interaction, inbound: Inbound) -> list[Reply]:
        """Run the engine inline; a timer defers the interaction only if it is still running.

        The timer is armed the first time the engine waits (``run_until_wait``): a step that never
        waits arms, cancels and frees no timer at all (each cost ~40 µs of a ``/ground`` under
        SimCord, bench/README). On SQLite a step arriving alone commits inside its own step; one close
        behind another waits for the loop's next turn (storage/sqlite/group_commit.py). It counts from
        the step's start.
        The defer is awaited before any reply is sent, so the two never race.
        """
        loop = asyncio.get_running_loop()
        start = loop.time()
        deferring: list[asyncio.Task[None]] = []
        timers: list[asyncio.TimerHandle] = []

        def defer() -> None:
            if not interaction.response.is_done():
                # Ephemeral in servers: the deferral fixes the visibility of the first follow-up.
                deferring.append(loop.create_task(interaction.response.defer(
                    ephemeral=interaction.guild_id is not None, thinking=True)))

        def arm() -> None:
            timers.append(loop.call_at(start + self.ack_budget, defer))

        try:
            replies = await run_until_wait(self.app.engine.handle(inbound), arm)
        finally:
            if timers:
                timers[0].cancel()
            if deferring:
                await deferring[0]
        return replies

    async def _check_dm_for_followup(self, interaction: discord.Interaction, inbound: Inbound) -> None:
        """Follow-ups for a server conversation arrive by DM: make sure one can, or say so now."""
        if not await _followup_planned(self.app, str(inbound.user), inbound.chat.chat_id,
                                       inbound.received_at):
            return
        note = await self.text_for(interaction, "discord-dm-followup-note")
        try:
            dm = interaction.user.dm_channel or await interaction.user.create_dm()
            await dm.send(note)
        except discord.Forbidden as exc:
            if exc.code != DMS_CLOSED:
                log.warning("discord: DM refused with code %s", exc.code)
            await self.app.store.mark_unreachable(str(inbound.user), self.app.clock.now())
            text = await self.text_for(interaction, "discord-dms-closed")
            await send_to_interaction(interaction, [Outgoing(text, private=True)])
        except discord.HTTPException as exc:
            # A passing fault: the follow-up stays planned and the pump will try the DM itself.
            log.warning("discord: could not open the DM (HTTP %s)", exc.status)

    async def locale_for(self, interaction: discord.Interaction) -> str:
        """The user's chosen language, else their Discord client's."""
        snap = await self.app.store.load(str(_user_key(interaction.user)), str(interaction.channel_id))
        return self.app.engine.i18n.resolve(snap.user.locale if snap.user else None,
                                            interaction.locale.value)

    async def text_for(self, interaction: discord.Interaction, key: str) -> str:
        """An adapter text in the user's language."""
        return self.app.engine.i18n.text(await self.locale_for(interaction), key)


_USER_MESSAGES = (discord.MessageType.default, discord.MessageType.reply)


@types.coroutine
def run_until_wait(coro: Coroutine[Any, Any, T], on_wait: Callable[[], None]) -> Generator[Any, Any, T]:
    """Await ``coro`` as ``await coro`` would, calling ``on_wait`` once, when it first suspends.

    The delegation is ``yield from``'s: each value the coroutine yields goes to the task, each
    result or exception the task sends back (a cancellation included) goes to the coroutine.
    """
    try:
        signal = coro.send(None)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    try:
        on_wait()
    except BaseException:
        coro.close()
        raise
    while True:
        thrown: BaseException | None = None
        try:
            value = yield signal
        except GeneratorExit:
            coro.close()
            raise
        except BaseException as exc:
            thrown = exc  # thrown in below, outside this handler, or it stays sys.exc_info() in the engine
        try:
            signal = coro.send(value) if thrown is None else coro.throw(thrown)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def _user_key(user: discord.abc.User) -> UserKey:
    return UserKey("discord", str(user.id))


async def _followup_planned(app: App, user_key: str, chat_id: str, since: datetime) -> bool:
    """A follow-up row created by this very turn."""
    return await app.store.has_pending_since(user_key, chat_id, since)

