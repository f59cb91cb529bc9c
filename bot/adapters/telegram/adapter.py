"""Wires python-telegram-bot to the engine: Application, handlers, command menu, polling or webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

import httpx
from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.app import App
from bot.health import health_routes
from bot.leases import LeaseKeeper
from bot.tlscontext import tls_context
from bot.wire_httpx import wire_event_hooks

from .circle_moderation import TelegramModeration
from .circles import TelegramCircles
from .commands import publish_commands
from .config import TelegramConfig
from .handlers import TelegramHandlers
from .poison import ScreenedUpdatesRequest
from .polling import ConfirmingPoller
from .redact import protect_logs
from .rooms import TelegramRooms
from .sender import TelegramSender
from .sending import Outbox
from .webhook import ClaimingDispatch, WebhookReceiver, queueing

log = logging.getLogger(__name__)


class TokenRejected(RuntimeError):
    """Telegram answered getMe with 401/404: the token is wrong or was revoked."""

POLLING_LEASE = "telegram:polling"
# chat_member: a helper leaving the helpers' group (help rooms); Telegram sends it only to admins.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.CHAT_MEMBER]
# Updates of different chats run concurrently; TelegramHandlers keeps each chat in order.
CONCURRENT_UPDATES = 64
RATE_LIMIT_RETRIES = 3  # RetryAfter (429) is waited out and retried by AIORateLimiter
WEBHOOK_TRIES = 3
CONNECT_RETRIES = 2  # httpx retries failed connection attempts; a request never reaches Telegram twice


def _request(pool: int, kind: type[HTTPXRequest] = HTTPXRequest) -> HTTPXRequest:
    """Timeouts and connection retries as request settings, not a hand-written loop.

    A scheduled item sent through it is marked on the wire inside httpx, after the rate limiter
    and the connection pool, between its request's headers and its body (``bot/wire_httpx.py``).
    Both requests share one TLS context, read once (``bot/tlscontext.py``).
    """
    transport = httpx.AsyncHTTPTransport(retries=CONNECT_RETRIES, limits=httpx.Limits(max_connections=pool),
                                         verify=tls_context())
    return kind(connection_pool_size=pool, connect_timeout=5.0, read_timeout=15.0, write_timeout=15.0,
                pool_timeout=5.0, httpx_kwargs={"transport": transport, "event_hooks": wire_event_hooks()})


@dataclass(slots=True)
class TelegramAdapter:
    """One bot: its Application, the Outbox it sends through, and the scheduler's Sender."""

    config: TelegramConfig
    app: App
    application: Application
    handlers: TelegramHandlers
    sender: TelegramSender
    receiver: WebhookReceiver | None = None
    lease: asyncio.Task[None] | None = None
    poller: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Connect (getMe), publish the menu, then receive updates by long polling or webhook.

        Raises ``TokenRejected`` (without the token in its text) when Telegram refuses the token.
        """
        try:
            await self.application.initialize()
        except InvalidToken:
            # PTB's message quotes the token, and an uncaught error is printed outside logging.
            raise TokenRejected("Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather") from None
        try:
            await publish_commands(self.application.bot, self.app.engine)
        except TelegramError as exc:  # a menu is a convenience; the bot still works without it
            log.warning("telegram: command menu not published: %s", type(exc).__name__)
        await self.application.start()
        updater = self.application.updater
        assert updater is not None
        if self.config.webhook:
            # Our own receiver (PTB's custom-webhook pattern) so an unreadable update is acknowledged.
            dispatch = (ClaimingDispatch(self.application, self.app.store, self.app.worker,
                                         self.config.webhook_claim_s)
                        if self.app.store.backend == "postgres" else queueing(self.application.update_queue))
            self.receiver = WebhookReceiver(self.application.bot, dispatch, self.config.webhook_path,
                                            self.config.webhook_secret, health_routes(self.app))
            self.receiver.start(self.config.listen, self.config.port)
            self.app.holds.add("telegram:webhook")
            await self._set_webhook()
            log.info("telegram: @%s receiving updates by webhook on port %s", self.application.bot.username,
                     self.config.port)
        elif self.app.store.backend == "postgres":
            # Several workers may share this database: the one holding the lease polls (Telegram
            # allows one getUpdates caller per bot); another takes over within seconds if it dies.
            keeper = LeaseKeeper(self.app.store, POLLING_LEASE, self.app.worker, self._start_confirming,
                                 self._stop_confirming)
            self.lease = asyncio.create_task(keeper.run(), name="telegram-polling-lease")
        else:
            await self._start_polling()

    async def _start_polling(self) -> None:
        updater = self.application.updater
        assert updater is not None
        await updater.start_polling(timeout=self.config.poll_timeout, allowed_updates=ALLOWED_UPDATES,
                                    bootstrap_retries=3, error_callback=self._polling_error)
        self.app.holds.add(POLLING_LEASE)
        log.info("telegram: @%s receiving updates by long polling", self.application.bot.username)

    async def _start_confirming(self) -> None:
        poller = ConfirmingPoller(self.application, self.config.poll_timeout, ALLOWED_UPDATES)
        self.poller = asyncio.create_task(poller.run(), name="telegram-polling")
        self.app.holds.add(POLLING_LEASE)
        log.info("telegram: @%s receiving updates by long polling (this worker holds the lease)",
                 self.application.bot.username)

    async def _stop_confirming(self) -> None:
        self.app.holds.discard(POLLING_LEASE)
        if self.poller is not None:
            self.poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.poller
            self.poller = None

    async def _set_webhook(self) -> None:
        for attempt in range(WEBHOOK_TRIES):
            try:
                await self.application.bot.set_webhook(
                    url=self.config.webhook_url or "", secret_token=self.config.webhook_secret,
                    allowed_updates=ALLOWED_UPDATES)
                return
            except NetworkError:
                if attempt == WEBHOOK_TRIES - 1:
                    raise
                await asyncio.sleep(1.0)

    def _polling_error(self, exc: Exception) -> None:
        # The updater keeps retrying by itself; only the kind of failure is worth a line.
        log.warning("telegram polling: %s", type(exc).__name__)

    async def stop(self) -> None:
        """Stop receiving, let running handlers finish, close the HTTP clients."""
        self.app.senders.pop("telegram", None)
        if self.app.circles is not None:
            self.app.circles.posters.pop("telegram", None)
        if self.app.rooms is not None:
            self.app.rooms.places.pop("telegram", None)
        if self.app.moderation is not None:
            self.app.moderation.posters.pop("telegram", None)
        if self.lease is not None:
            self.lease.cancel()  # stops polling and gives the lease up for the next worker
            with contextlib.suppress(asyncio.CancelledError):
                await self.lease
            self.lease = None
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.receiver is not None:
            await self.receiver.stop()
            self.receiver = None
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    async def run_forever(self) -> None:
        """Start, wait until cancelled, and always stop cleanly."""
        await self.start()
        try:
            await asyncio.Event().wait()
        finally:
            await self.stop()


def build_adapter(config: TelegramConfig, app: App, *, rate_limiter: bool = True) -> TelegramAdapter:
    """Build the Application against ``config.api_root`` and register its Sender in ``app.senders``."""
    protect_logs(config.token)
    builder = (
        ApplicationBuilder().token(config.token)
        .base_url(config.base_url).base_file_url(config.base_file_url)
        .request(_request(CONCURRENT_UPDATES * 2)).get_updates_request(_request(1, ScreenedUpdatesRequest))
        .concurrent_updates(CONCURRENT_UPDATES)
        .job_queue(None)  # scheduling is the pump's job (bot/scheduling), not PTB's JobQueue
    )
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
    application = builder.build()
    outbox = Outbox(application.bot, app.engine.i18n)
    circles = TelegramCircles(app.circles, outbox) if app.circles is not None else None
    moderation = TelegramModeration(app.moderation, outbox, app.clock) if app.moderation is not None else None
    handlers = TelegramHandlers(app, outbox, circles, moderation=moderation)
    if moderation is not None:  # before the catch-all: a group turned supergroup takes its circle along
        application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, moderation.on_migrate))
    if app.rooms is not None and app.circles is not None:
        handlers.rooms = TelegramRooms(app.rooms, app.circles.store, outbox, app.clock, app.engine.handle,
                                       handlers.deliver)
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE, handlers.on_message))
    application.add_handler(CallbackQueryHandler(handlers.on_callback))
    application.add_handler(ChatMemberHandler(handlers.on_member, ChatMemberHandler.CHAT_MEMBER))
    application.add_error_handler(handlers.on_error)
    sender = TelegramSender(outbox, app.store)
    app.senders["telegram"] = sender
    return TelegramAdapter(config, app, application, handlers, sender)
