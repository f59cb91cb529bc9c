"""A Discord REST API on 127.0.0.1, for discord.py's real ``HTTPClient`` (its aiohttp session and retries).

SimCord replaces ``HTTPClient.request`` as a whole, so discord.py's own retry loop (a 429 waited out,
a 500, 502, 504 or 524 tried again) never runs there. This server answers over real HTTP just the
routes a scheduled DM needs (log in, find the user, open the DM, post a message) and can fail the
next message posts with a given status. Point discord.py at it with ``Route.BASE = api.base``.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

BOT_ID = 900_000_000_000_000_001
APP_ID = 900_000_000_000_000_002
STAMP = "2026-03-02T10:00:00.000000+00:00"


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly ``application/json``, as Discord sends it: discord.py parses nothing else as JSON.
    return web.Response(body=json.dumps(body).encode(), status=status, headers={"Content-Type": "application/json",
                                                                       **(headers or {})})


def _user(user_id: int, name: str, bot: bool = False) -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "global_name": name, "discriminator": "0", "avatar": None,
            "bot": bot}


@dataclass(slots=True)
class DiscordREST:
    """The server and what reached it: ``posted`` holds every message Discord took, per channel."""

    base: str = ""
    posted: list[tuple[int, str]] = field(default_factory=list)  # (channel id, content), in order
    attempts: int = 0  # message posts received, taken or refused
    fail_posts: list[tuple[int, float]] = field(default_factory=list)  # the next posts' (status, retry_after)
    users: dict[int, str] = field(default_factory=dict)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(910_000_000_000_000_000))
    _dms: dict[int, int] = field(default_factory=dict)  # user id -> DM channel id
    _runner: web.AppRunner | None = None

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/api/v10/users/@me", self._me)
        app.router.add_get("/api/v10/oauth2/applications/@me", self._application)
        app.router.add_get("/api/v10/users/{user_id}", self._get_user)
        app.router.add_post("/api/v10/users/@me/channels", self._open_dm)
        app.router.add_post("/api/v10/channels/{channel_id}/messages", self._post)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base = f"http://127.0.0.1:{port}/api/v10"
        return self.base

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def dm_of(self, user_id: int) -> int:
        """The DM channel of a user (opened now if need be), as Discord would give it."""
        return self._dms.setdefault(user_id, next(self._ids))

    def messages_to(self, user_id: int) -> list[str]:
        channel = self._dms.get(user_id)
        return [content for where, content in self.posted if where == channel]

    async def _me(self, _: web.Request) -> web.Response:
        return _json(_user(BOT_ID, "Groundwork", bot=True))

    async def _application(self, _: web.Request) -> web.Response:
        return _json({"id": str(APP_ID), "name": "Groundwork", "description": "", "icon": None,
                                  "bot_public": True, "bot_require_code_grant": False, "verify_key": "0",
                                  "owner": _user(BOT_ID + 5, "owner"), "flags": 0})

    async def _get_user(self, request: web.Request) -> web.Response:
        user_id = int(request.match_info["user_id"])
        if user_id not in self.users:
            return _json({"message": "Unknown User", "code": 10013}, status=404)
        return _json(_user(user_id, self.users[user_id]))

    async def _open_dm(self, request: web.Request) -> web.Response:
        user_id = int((await request.json())["recipient_id"])
        return _json({"id": str(self.dm_of(user_id)), "type": 1, "last_message_id": None,
                                  "recipients": [_user(user_id, self.users[user_id])]})

    async def _post(self, request: web.Request) -> web.Response:
        channel = int(request.match_info["channel_id"])
        body = await request.json()
        self.attempts += 1
        if self.fail_posts:
            status, retry_after = self.fail_posts.pop(0)
            if status == 429:
                # discord.py waits out a 429 only when it came through the edge (``Via``) as JSON.
                return _json({"message": "You are being rate limited.", "retry_after": retry_after,
                                          "global": False}, status=429,
                                         headers={"Via": "1.1 google", "X-RateLimit-Scope": "user"})
            return _json({"message": "Internal Server Error", "code": 0}, status=status)
        self.posted.append((channel, body.get("content", "")))
        return _json({
            "id": str(next(self._ids)), "channel_id": str(channel), "type": 0, "content": body.get("content", ""),
            "author": _user(BOT_ID, "Groundwork", bot=True), "attachments": [], "embeds": [], "mentions": [],
            "mention_roles": [], "pinned": False, "tts": False, "timestamp": STAMP, "edited_timestamp": None,
            "flags": 0, "components": body.get("components", [])})
