"""The webhook receiver: PTB's documented custom-webhook pattern, so an unreadable update is answered 200.

PTB's own webhook handler answers an update it cannot parse with 400 after logging the whole
body (the user's words): Telegram then re-delivers it, again and again. Here each body is parsed
by ``readable_update``: one PTB cannot read is logged by type and id and acknowledged, every
other update goes on ``Application.update_queue`` exactly as PTB's Updater would put it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Bot, Update

from .poison import readable_update

log = logging.getLogger(__name__)


class _Hook(tornado.web.RequestHandler):
    def initialize(self, bot: Bot, queue: asyncio.Queue[object], secret: str | None) -> None:
        self.bot = bot
        self.queue = queue
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
            await self.queue.put(update)

    def log_exception(self, *args: Any) -> None:
        # tornado's default logs the request, body included; the status code says enough.
        log.warning("telegram webhook: request refused with %s", self.get_status())


class WebhookReceiver:
    """A tornado server on ``listen:port`` that feeds ``update_queue`` from ``/<path>``."""

    def __init__(self, bot: Bot, queue: asyncio.Queue[object], path: str, secret: str | None,
                 extra_routes: list[Any] | None = None) -> None:
        route = (rf"/{re.escape(path)}/?", _Hook, {"bot": bot, "queue": queue, "secret": secret})
        app = tornado.web.Application([route, *(extra_routes or [])])
        self._server = tornado.httpserver.HTTPServer(app)

    def start(self, listen: str, port: int) -> None:
        self._server.listen(port, address=listen)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
