"""A fake Telegram Bot API server on 127.0.0.1 (aiohttp), as strict as Telegram where it matters.

It serves the methods the adapter uses, keeps chats and messages, and lets tests act as users:
``FakeUser.send`` and ``FakeUser.press`` enqueue updates that the bot receives by long polling
(or, once a webhook is set, by an HTTP POST to it). Rejections use Telegram's own status codes
and descriptions: an unknown chat (400), a blocked user (403), text over 4,096 characters,
``callback_data`` over 64 bytes and malformed HTML in the HTML parse mode (400).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

from tests.fakes.privacy import LEDGER, PrivacyLedger, telegram_texts
from tests.fakes.telegram_wire import NOT_MODIFIED, ApiError, parse_html, read_params

TOKEN = "123456789:AAE-fake-token-for-tests_0123456789"
BOT_ID = 123456789
# What the bot shows in a chat: every one of these to a group goes to the privacy ledger.
_SHOWN = {"sendMessage", "sendPhoto", "sendDocument", "editMessageText", "editMessageCaption"}

@dataclass
class Call:
    """One request the bot made, with when it arrived (``time.perf_counter``)."""

    method: str
    params: dict[str, Any]
    at: float
    result: Any = None
    error: str | None = None


@dataclass
class FakeUser:
    """A Telegram user the tests act as."""

    api: FakeBotAPI
    id: int
    first_name: str
    language_code: str | None

    @property
    def obj(self) -> dict[str, Any]:
        user = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    async def send(self, text: str, chat: dict[str, Any] | None = None) -> dict[str, Any]:
        """Write a message (a command if it starts with ``/``) in the private chat or ``chat``."""
        chat = chat or self.api.open_private(self)
        if chat["type"] == "private":  # typed privately: never to appear in a group unconfirmed
            words = text.split(maxsplit=1)[-1] if text.startswith("/") else text
            self.api.ledger.typed_by(self.api.world, self.id, words)
        message = self.api.new_message(chat, self.obj, text=text)
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return await self.api.enqueue({"message": message})

    async def send_sticker(self) -> dict[str, Any]:
        chat = self.api.open_private(self)
        message = self.api.new_message(chat, self.obj, sticker={
            "file_id": "CAACAg", "file_unique_id": "AgAD", "type": "regular", "width": 512, "height": 512,
            "is_animated": False, "is_video": False})
        return await self.api.enqueue({"message": message})

    async def press(self, message: dict[str, Any], label: str | None = None, *, data: str | None = None,
                    index: int | None = None) -> dict[str, Any]:
        """Tap a button of ``message`` by label or position (or send raw ``data``, as a forger would)."""
        if data is None:
            buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
            chosen = buttons[index] if index is not None else next(b for b in buttons if b["text"] == label)
            data = chosen["callback_data"]
        if message["chat"]["type"] == "private" and message.get("from", {}).get("id") == BOT_ID:
            self.api.ledger.confirmed_by(self.api.world, self.id, message.get("text") or message.get("caption") or "")
        if data.startswith("r1|"):  # a help room's button (tests/fakes/privacy.py)
            if message["chat"]["type"] == "private":
                self.api.ledger.opened_room(self.api.world, self.id)
            else:
                for place in (message["chat"]["id"], f"{message['chat']['id']}/topic"):
                    self.api.ledger.helper_claimed(self.api.world, place, self.id)
        query_id = str(self.api.next_id())
        self.api.queries[query_id] = False
        query = {"id": query_id, "from": self.obj, "message": message, "data": data,
                 "chat_instance": f"ci{message['chat']['id']}"}
        return await self.api.enqueue({"callback_query": query})

    def block(self) -> None:
        self.api.blocked.add(self.id)


@dataclass
class FakeBotAPI:
    """The server, its state, and what the bot sent. Start it with ``await api.start()``."""

    token: str = TOKEN
    username: str = "groundwork_test_bot"
    calls: list[Call] = field(default_factory=list)
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    users: dict[int, FakeUser] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    queries: dict[str, bool] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    webhook: dict[str, Any] = field(default_factory=dict)
    admins: dict[int, set[int]] = field(default_factory=dict)  # group id -> its administrators
    muted: set[int] = field(default_factory=set)  # groups where the bot is restricted from posting
    enqueued_at: dict[int, float] = field(default_factory=dict)
    failures: dict[str, list[ApiError]] = field(default_factory=dict)
    # Sends to these chats wait this many seconds before Telegram takes them; one whose sender is
    # gone by then (killed) never arrives. ``held`` counts the sends waiting now.
    slow_chats: dict[int, float] = field(default_factory=dict)
    held: int = 0
    # The next N sends to these chats are taken (the user has them) and answered ``late_by_s`` later,
    # past the bot's read timeout: a request that timed out although it arrived.
    answer_late: dict[int, int] = field(default_factory=dict)
    late_by_s: float = 2.0
    # What the bot sent, beyond the message objects: raw HTML as given, and uploaded bytes.
    raw_html: dict[tuple[int, int], str] = field(default_factory=dict)
    uploads: dict[tuple[int, int], bytes] = field(default_factory=dict)
    deleted: set[tuple[int, int]] = field(default_factory=set)  # (chat, message) the bot deleted
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _counter: int = 1000
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None
    root: str = ""
    closing: bool = False
    # Called with every request as it arrives, before it is answered (the benchmark's stopwatch).
    listeners: list[Callable[[Call], None]] = field(default_factory=list)
    # The suite-wide privacy check (tests/fakes/privacy.py); a test of the check passes its own.
    ledger: PrivacyLedger = field(default_factory=lambda: LEDGER)
    world: int = 0

    def __post_init__(self) -> None:
        self.world = self.ledger.world()

    async def start(self) -> str:
        """Listen on a free port of 127.0.0.1; returns the API root (without ``/bot``)."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.root = f"http://127.0.0.1:{port}"
        return self.root

    async def close(self) -> None:
        self.closing = True
        self._changed.set()  # release pending long polls, or shutdown waits out their timeout
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- acting as users ----------------------------------------------------------------------

    def user(self, user_id: int, first_name: str = "Ana", language_code: str | None = "en") -> FakeUser:
        self.users[user_id] = FakeUser(self, user_id, first_name, language_code)
        self.ledger.person(self.world, user_id, first_name)
        return self.users[user_id]

    def group(self, chat_id: int, title: str = "Friends") -> dict[str, Any]:
        self.chats[chat_id] = {"id": chat_id, "type": "group", "title": title}
        return self.chats[chat_id]

    def open_private(self, user: FakeUser) -> dict[str, Any]:
        """A user writing to the bot opens (and unblocks) their private chat."""
        self.blocked.discard(user.id)
        return self.chats.setdefault(user.id, {"id": user.id, "type": "private", "first_name": user.first_name})

    def next_id(self) -> int:
        self._counter += 1
        return self._counter

    def new_message(self, chat: dict[str, Any], sender: dict[str, Any], **content: Any) -> dict[str, Any]:
        message = {"message_id": self.next_id(), "date": int(time.time()), "chat": chat, "from": sender, **content}
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    async def enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        """Deliver an update: to the webhook if one is set, else to the next getUpdates."""
        update["update_id"] = update.get("update_id") or self.next_id()  # a test may redeliver a known id
        self.enqueued_at[update["update_id"]] = time.perf_counter()
        if self.webhook.get("url"):
            await self.post_to_webhook(update, self.webhook.get("secret_token"))
        else:
            self._updates.append(update)
            self._changed.set()
        return update

    def enqueue_batch(self, updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Deliver several updates so that one ``getUpdates`` answer carries them all (polling only)."""
        for update in updates:
            update["update_id"] = self.next_id()
            self._updates.append(update)
        self._changed.set()
        return updates

    async def post_to_webhook(self, update: dict[str, Any], secret: str | None) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        async with ClientSession() as session, session.post(self.webhook["url"], json=update, headers=headers) as r:
            return r.status

    def fail_next(self, method: str, code: int, description: str, retry_after: int | None = None) -> None:
        """Make the next call of ``method`` fail (e.g. 429 with ``retry_after``)."""
        self.failures.setdefault(method, []).append(ApiError(code, description, retry_after))

    # ---- what the bot did ---------------------------------------------------------------------

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent (text, photo, document), in order, as they are now (after edits)."""
        methods = {"sendMessage", "sendPhoto", "sendDocument"}
        out = [c.result for c in self.calls if c.method in methods and c.result is not None]
        out = [self.messages[(m["chat"]["id"], m["message_id"])] for m in out]
        return [m for m in out if chat_id is None or m["chat"]["id"] == chat_id]

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait(self, predicate: Callable[[], bool], within: float = 5.0, settle: float = 0.05) -> None:
        """Wait until ``predicate()`` holds, then until the bot has been quiet for ``settle`` seconds."""
        deadline = time.monotonic() + within
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError("the bot did not do what the test expected in time")
            await asyncio.sleep(0.005)
        seen = -1
        while seen != len(self.calls):
            seen = len(self.calls)
            await asyncio.sleep(settle)

    async def replies(self, chat_id: int, since: int, *, count: int = 1, within: float = 5.0) -> list[dict[str, Any]]:
        """The messages sent to ``chat_id`` after the first ``since`` of them, once the bot settles."""
        await self.wait(lambda: len(self.sent(chat_id)) >= since + count, within)
        return self.sent(chat_id)[since:]

    # ---- the Bot API --------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        at = time.perf_counter()
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await read_params(request)
        call = Call(method, params, at)
        self.calls.append(call)
        for listener in self.listeners:
            listener(call)
        handler = getattr(self, f"_m_{method}", None)
        delay = self.slow_chats.get(int(params.get("chat_id") or 0), 0.0) if method.startswith("send") else 0.0
        if delay:
            self.held += 1
            try:
                await asyncio.sleep(delay)
            finally:
                self.held -= 1
            if request.transport is None or request.transport.is_closing():
                return web.Response(status=499)  # the sender died while it waited: nothing was sent
        try:
            if handler is None:
                raise ApiError(404, "Not Found")
            if self.failures.get(method):
                raise self.failures[method].pop(0)
            call.result = await handler(params) if method == "getUpdates" else handler(params)
            if method in _SHOWN and str(params.get("chat_id", "0")).lstrip("-").isdigit() \
                    and int(params["chat_id"]) < 0:
                # A forum topic is its own place: a help room's relays go there (tests/fakes/privacy.py).
                place = f"{params['chat_id']}/topic" if params.get("message_thread_id") else params["chat_id"]
                self.ledger.post(self.world, "telegram", place, *telegram_texts(params))
            if method.startswith("send") and self.answer_late.get(int(params.get("chat_id") or 0)):
                self.answer_late[int(params["chat_id"])] -= 1
                await asyncio.sleep(self.late_by_s)
        except ApiError as exc:
            call.error = exc.description
            body: dict[str, Any] = {"ok": False, "error_code": exc.code, "description": exc.description}
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            return web.json_response(body, status=exc.code)
        return web.json_response({"ok": True, "result": call.result})

    def _m_getMe(self, p: dict[str, Any]) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Groundwork", "username": self.username,
                "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}

    async def _m_getUpdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook.get("url"):
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset, limit = int(p.get("offset") or 0), int(p.get("limit") or 100)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(p.get("timeout") or 0)
        while not self._updates and time.monotonic() < deadline and not self.closing:
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
        return self._updates[:limit]

    def _chat(self, chat_id: Any) -> dict[str, Any]:
        cid = int(chat_id)
        if cid in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if cid not in self.chats:
            if cid in self.users:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise ApiError(400, "Bad Request: chat not found")
        return self.chats[cid]

    def _text(self, text: Any, parse_mode: Any, limit: int, empty_ok: bool = False) -> str:
        shown = parse_html(str(text or "")) if parse_mode == "HTML" else str(text or "")
        if not shown.strip() and not empty_ok:
            raise ApiError(400, "Bad Request: message text is empty")
        if len(shown) > limit:
            raise ApiError(400, "Bad Request: message is too long" if limit > 1024 else
                           "Bad Request: message caption is too long")
        return shown

    @staticmethod
    def _markup(markup: Any) -> dict[str, Any] | None:
        if not markup:
            return None
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if "url" in button and not str(button["url"]).startswith(("https://", "http://", "tg://")):
                    raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
        return markup

    def _bot_message(self, p: dict[str, Any], upload: bytes | None = None, **content: Any) -> dict[str, Any]:
        chat = self._chat(p.get("chat_id"))
        markup = self._markup(p.get("reply_markup"))
        message = self.new_message(chat, self._m_getMe({}), **content)
        if markup:
            message["reply_markup"] = markup
        key = (chat["id"], message["message_id"])
        self.raw_html[key] = str(p.get("text") or p.get("caption") or "")
        if upload is not None:
            self.uploads[key] = upload
        return message

    def _m_sendMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        self._chat(p.get("chat_id"))
        text = self._text(p.get("text"), p.get("parse_mode"), 4096)
        return self._bot_message(p, text=text)

    def _m_sendPhoto(self, p: dict[str, Any]) -> dict[str, Any]:
        self._chat(p.get("chat_id"))
        data = p.get("photo")
        if not isinstance(data, bytes) or not data.startswith(b"\x89PNG"):
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        content: dict[str, Any] = {"photo": [{"file_id": f"ph{self.next_id()}", "file_unique_id": "u",
                                             "width": 640, "height": 480, "file_size": len(data)}]}
        if p.get("caption"):
            content["caption"] = self._text(p["caption"], p.get("parse_mode"), 1024)
        return self._bot_message(p, upload=data, **content)

    def _m_sendDocument(self, p: dict[str, Any]) -> dict[str, Any]:
        self._chat(p.get("chat_id"))
        data = p.get("document")
        if not isinstance(data, bytes) or not data:
            raise ApiError(400, "Bad Request: file must be non-empty")
        content: dict[str, Any] = {"document": {"file_id": f"doc{self.next_id()}", "file_unique_id": "u",
                                                "file_name": p.get("document_name"), "file_size": len(data)}}
        if p.get("caption"):
            content["caption"] = self._text(p["caption"], p.get("parse_mode"), 1024)
        return self._bot_message(p, upload=data, **content)

    def _own_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p.get("chat_id"))
        key = (chat["id"], int(p.get("message_id") or 0))
        message = self.messages.get(key)
        if message is None or message["from"]["id"] != BOT_ID or key in self.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    def _m_editMessageText(self, p: dict[str, Any]) -> dict[str, Any]:
        message = self._own_message(p)
        text = self._text(p.get("text"), p.get("parse_mode"), 4096)
        markup = self._markup(p.get("reply_markup"))
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        message.update(text=text, edit_date=int(time.time()))
        self.raw_html[(message["chat"]["id"], message["message_id"])] = str(p.get("text"))
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        return message

    def _m_editMessageReplyMarkup(self, p: dict[str, Any]) -> dict[str, Any]:
        message = self._own_message(p)
        markup = self._markup(p.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return message

    def _m_deleteMessage(self, p: dict[str, Any]) -> bool:
        chat = self._chat(p.get("chat_id"))
        key = (chat["id"], int(p.get("message_id") or 0))
        if key not in self.messages or key in self.deleted:
            raise ApiError(400, "Bad Request: message to delete not found")
        self.deleted.add(key)
        return True

    def _m_answerCallbackQuery(self, p: dict[str, Any]) -> bool:
        query_id = str(p.get("callback_query_id"))
        if self.queries.get(query_id, True):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        if len(str(p.get("text") or "")) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.queries[query_id] = True
        return True

    def _m_getChatMember(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p.get("chat_id"))
        user_id = int(p.get("user_id") or 0)
        if user_id == BOT_ID:  # the bot asks about itself: may it post here?
            return self._bot_member(chat["id"])
        user = self.users.get(user_id)
        if user is None:
            raise ApiError(400, "Bad Request: user not found")
        if user_id not in self.admins.get(chat["id"], set()):
            return {"status": "member", "user": user.obj}
        rights = ("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
                  "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info",
                  "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories")
        return {"status": "administrator", "user": user.obj, **dict.fromkeys(rights, False)}

    def _bot_member(self, chat_id: int) -> dict[str, Any]:
        me = self._m_getMe({})
        if chat_id not in self.muted:
            return {"status": "member", "user": me}
        rights = ("can_change_info", "can_invite_users", "can_pin_messages", "can_send_messages", "can_send_polls",
                  "can_send_other_messages", "can_add_web_page_previews", "can_manage_topics", "can_send_audios",
                  "can_send_documents", "can_send_photos", "can_send_videos", "can_send_video_notes",
                  "can_send_voice_notes", "can_edit_tag")
        return {"status": "restricted", "user": me, "is_member": True, "until_date": 0, **dict.fromkeys(rights, False)}

    def migrate(self, old_id: int, new_id: int, by: FakeUser) -> None:
        """The group becomes a supergroup: it gets ``new_id``; Telegram tells the bot in both chats."""
        old = self.chats[old_id]
        self.chats[new_id] = {"id": new_id, "type": "supergroup", "title": old.get("title", "")}
        self.admins[new_id] = set(self.admins.get(old_id, set()))
        self.enqueue_batch([
            {"message": self.new_message(old, by.obj, migrate_to_chat_id=new_id)},
            {"message": self.new_message(self.chats[new_id], by.obj, migrate_from_chat_id=old_id)}])

    def _m_setMyCommands(self, p: dict[str, Any]) -> bool:
        commands = p.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        scope = (p.get("scope") or {"type": "default"})["type"]
        self.commands[(scope, p.get("language_code") or "")] = commands
        return True

    def _m_deleteWebhook(self, p: dict[str, Any]) -> bool:
        self.webhook.clear()
        if str(p.get("drop_pending_updates")).lower() == "true":
            self._updates.clear()
        return True

    def _m_setWebhook(self, p: dict[str, Any]) -> bool:
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        self.webhook = {"url": p.get("url"), "secret_token": secret}
        return True
