"""``/healthz``: whether this worker reaches its database and which platform connections it holds.

Served on the webhook port (Telegram webhook mode) and on ``GROUNDWORK_HEALTH_PORT`` when set
(long polling, Discord), so a host's health check or a load balancer can tell a worker that lost
its database from one that is only not the polling worker right now.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import tornado.httpserver
import tornado.web

if TYPE_CHECKING:
    from bot.app import App

PING_TIMEOUT_S = 2.0


async def health(app: App) -> tuple[bool, dict[str, Any]]:
    """(database reachable, the report) for this worker."""
    try:
        reachable = await asyncio.wait_for(app.store.ping(), PING_TIMEOUT_S)
    except TimeoutError:
        reachable = False
    return reachable, {
        "database": "ok" if reachable else "unreachable",
        "backend": app.store.backend,
        "holds": sorted(app.holds),
        "worker": app.worker,
    }


class HealthHandler(tornado.web.RequestHandler):
    """200 with the report while the database answers, 503 with it when not."""

    def initialize(self, app: App) -> None:
        self.app = app

    async def get(self) -> None:
        reachable, report = await health(self.app)
        self.set_status(200 if reachable else 503)
        self.write(report)


def health_routes(app: App) -> list[Any]:
    return [(r"/healthz", HealthHandler, {"app": app})]


class HealthServer:
    """A small tornado server with only ``/healthz`` (polling mode has no web server of its own)."""

    def __init__(self, app: App) -> None:
        self._server = tornado.httpserver.HTTPServer(tornado.web.Application(health_routes(app)))

    def start(self, port: int, address: str = "0.0.0.0") -> None:  # a host's probe comes from outside
        self._server.listen(port, address=address)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
