"""The webhook receiver: PTB's documented custom-webhook pattern, so an unreadable update is answered 200.

PTB's own webhook handler answers an update it cannot parse with 400 after logging the whole
body (the user's words): Telegram then re-delivers it, again and again. Here each body is parsed
by ``readable_update``: one PTB cannot read is logged by type and id and acknowledged. Every other
update is passed to ``dispatch``, whose answer is the HTTP status: one process (SQLite) puts it on
``Application.update_queue`` exactly as PTB's Updater would; workers sharing PostgreSQL handle it
inside the request (``ClaimingDispatch``), so Telegram hears 200 only once it was handled.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Bot, Update
from telegram.ext import Application

from bot.logsafe import describe_failure
from storage import Store
from storage.contract import transient_errors

from .poison import readable_update

log = logging.getLogger(__name__)

Dispatch = Callable[[Update], Awaitable[int]]
# A claim not renewed for this long belonged to a worker that died; the next delivery takes it over.
CLAIM_STALE_S = 30.0


def queueing(queue: asyncio.Queue[object]) -> Dispatch:
    """One process: acknowledge at once and let PTB's update queue handle it (as PTB's own webhook does)."""

    async def dispatch(update: Update) -> int:
        await queue.put(update)
        return HTTPStatus.OK

    return dispatch


class ClaimingDispatch:
    """Workers sharing a database: claim the update, handle it in the request, then record it done.

    A repeated ``update_id`` (Telegram retried, maybe to another worker behind the balancer) is
    answered 200 unhandled once done, and 503 while a live worker is handling it, so Telegram
    tries again later. A claim is renewed while its update is handled; one left ``stale_s``
    without renewal was a dead worker's, and is taken over: the update is handled again, or its
    stored replies sent if the dead worker had already applied it (``storage/coordination.py``).
    """

    def __init__(self, application: Application, store: Store, worker: str,
                 stale_s: float = CLAIM_STALE_S) -> None:
        self.application = application
        self.store = store
        self.worker = worker
        self.stale_s = stale_s

    async def __call__(self, update: Update) -> int:
        key = f"telegram:{update.update_id}"
        try:
            claim = await self.store.claim_update(key, self.worker, self.stale_s)
        except transient_errors() as exc:
            log.warning("telegram webhook: could not claim update %s: %s", update.update_id, describe_failure(exc))
            return HTTPStatus.SERVICE_UNAVAILABLE  # Telegram delivers it again later
        if claim == "done":
            return HTTPStatus.OK
        if claim == "busy":
            return HTTPStatus.SERVICE_UNAVAILABLE
        renewing = asyncio.create_task(self._renew(key))
        try:
            await self.application.process_update(update)
        finally:
            renewing.cancel()
        try:
            await self.store.finish_update(key)
        except transient_errors() as exc:  # handled and answered: a retry after the claim goes stale resends
            log.warning("telegram webhook: update %s not recorded: %s", update.update_id, describe_failure(exc))
        return HTTPStatus.OK

    async def _renew(self, key: str) -> None:
        while True:
            await asyncio.sleep(self.stale_s / 3)
            try:
                await self.store.renew_update(key, self.worker)
            except transient_errors() as exc:
                log.warning("telegram webhook: claim not renewed: %s", describe_failure(exc))


class _Hook(tornado.web.RequestHandler):
    def initialize(self, bot: Bot, dispatch: Dispatch, secret: str | None) -> None:
        self.bot = bot
        self.dispatch = dispatch
        self.secret = secret

    async def post(self) -> None:
        if self.request.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if self.secret is not None and not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            raw: Any = json.loads(self.request.body)
        except ValueError:
            log.warning("telegram webhook: a body that is not JSON was refused")
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        self.set_status(HTTPStatus.OK)
        if readable_update(raw) is None:
            return  # acknowledged, so Telegram does not send it again
        update = Update.de_json(raw, self.bot)
        if update is not None:
            self.set_status(await self.dispatch(update))

    def log_exception(self, *args: Any) -> None:
        # tornado's default logs the request, body included; the status code says enough.
        log.warning("telegram webhook: request refused with %s", self.get_status())


class WebhookReceiver:
    """A tornado server on ``listen:port`` that hands each update from ``/<path>`` to ``dispatch``."""

    def __init__(self, bot: Bot, dispatch: Dispatch, path: str, secret: str | None,
                 extra_routes: list[Any] | None = None) -> None:
        route = (rf"/{re.escape(path)}/?", _Hook, {"bot": bot, "dispatch": dispatch, "secret": secret})
        app = tornado.web.Application([route, *(extra_routes or [])])
        self._server = tornado.httpserver.HTTPServer(app)

    def start(self, listen: str, port: int) -> None:
        self._server.listen(port, address=listen)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
