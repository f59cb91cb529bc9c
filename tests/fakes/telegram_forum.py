"""The fake Bot API with forum supergroups: topics, ``message_thread_id``, members, ``chat_member`` updates.

Strict where Telegram is: only an admin with ``can_manage_topics`` creates, closes or deletes a
topic; a closed topic takes messages from admins only; a deleted topic takes none ("message thread
not found"); ``createForumTopic`` names are 1-128 characters; ``chat_member`` updates reach the bot
only when it asked for them in ``allowed_updates`` (Telegram leaves them out by default).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.telegram_api import BOT_ID, FakeBotAPI, FakeUser
from tests.fakes.telegram_wire import ApiError

_OPT_IN_UPDATES = ("chat_member", "message_reaction", "message_reaction_count")


@dataclass
class ForumBotAPI(FakeBotAPI):
    """``FakeBotAPI`` plus forum groups; ``topics[(chat, thread)]`` is ``{"name", "closed"}``."""

    topics: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    members: dict[int, set[int]] = field(default_factory=dict)  # group -> members (admins count too)
    bot_rights: dict[int, dict[str, bool]] = field(default_factory=dict)  # group -> the bot's admin rights
    allowed: list[str] | None = None

    # ---- setting the scene ------------------------------------------------------------------

    def forum(self, chat_id: int, title: str = "Helpers", *, manage_topics: bool = True) -> dict[str, Any]:
        """A supergroup with topics on, where the bot is an admin (with or without the topics right)."""
        self.chats[chat_id] = {"id": chat_id, "type": "supergroup", "title": title, "is_forum": True}
        self.bot_rights[chat_id] = {"can_manage_topics": manage_topics}
        return self.chats[chat_id]

    def join(self, chat_id: int, *users: FakeUser) -> None:
        self.members.setdefault(chat_id, set()).update(u.id for u in users)

    async def leave(self, chat_id: int, user: FakeUser) -> dict[str, Any] | None:
        """``user`` leaves the group: a ``chat_member`` update, if the bot is an admin there."""
        self.members.get(chat_id, set()).discard(user.id)
        self.admins.get(chat_id, set()).discard(user.id)
        if chat_id not in self.bot_rights:
            return None
        change = {"chat": self.chats[chat_id], "from": user.obj, "date": int(time.time()),
                  "old_chat_member": {"status": "member", "user": user.obj},
                  "new_chat_member": {"status": "left", "user": user.obj}}
        return await self.enqueue({"chat_member": change})

    async def write_in_topic(self, user: FakeUser, chat_id: int, thread: int, text: str) -> dict[str, Any]:
        """``user`` writes in a topic; like Telegram, the message replies to the topic's first message."""
        chat = self.chats[chat_id]
        if (chat_id, thread) not in self.topics:
            raise AssertionError("no such topic")
        message = self.new_message(chat, user.obj, text=text, message_thread_id=thread, is_topic_message=True)
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return await self.enqueue({"message": message})

    def in_topic(self, chat_id: int, thread: int) -> list[dict[str, Any]]:
        """What the bot posted in one topic, in order."""
        return [m for m in self.sent(chat_id) if m.get("message_thread_id") == thread]

    # ---- the Bot API ----------------------------------------------------------------------------

    async def _m_getUpdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if p.get("allowed_updates") is not None:
            self.allowed = list(p["allowed_updates"])
        wanted = self.allowed or []
        # Updates of a kind the bot did not ask for are never delivered.
        self._updates = [u for u in self._updates
                         if not any(kind in u and kind not in wanted for kind in _OPT_IN_UPDATES)]
        return await super()._m_getUpdates(p)

    def _manager(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p.get("chat_id"))
        if not chat.get("is_forum"):
            raise ApiError(400, "Bad Request: the chat is not a forum")
        if not self.bot_rights.get(chat["id"], {}).get("can_manage_topics"):
            raise ApiError(400, "Bad Request: not enough rights to manage topics")
        return chat

    def _topic(self, chat: dict[str, Any], p: dict[str, Any]) -> dict[str, Any]:
        topic = self.topics.get((chat["id"], int(p.get("message_thread_id") or 0)))
        if topic is None:
            raise ApiError(400, "Bad Request: message thread not found")
        return topic

    def _m_createForumTopic(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._manager(p)
        name = str(p.get("name") or "")
        if not 1 <= len(name) <= 128:
            raise ApiError(400, "Bad Request: TOPIC_NAME_INVALID")
        thread = self.next_id()
        self.topics[(chat["id"], thread)] = {"name": name, "closed": False}
        self.new_message(chat, self._m_getMe({}), message_thread_id=thread, is_topic_message=True,
                         forum_topic_created={"name": name, "icon_color": 7322096})
        return {"message_thread_id": thread, "name": name, "icon_color": 7322096}

    def _m_closeForumTopic(self, p: dict[str, Any]) -> bool:
        chat = self._manager(p)
        topic = self._topic(chat, p)
        if topic["closed"]:
            raise ApiError(400, "Bad Request: TOPIC_NOT_MODIFIED")
        topic["closed"] = True
        return True

    def _m_deleteForumTopic(self, p: dict[str, Any]) -> bool:
        chat = self._manager(p)
        thread = int(p.get("message_thread_id") or 0)
        self._topic(chat, p)
        del self.topics[(chat["id"], thread)]
        for key in [k for k, m in self.messages.items() if k[0] == chat["id"] and m.get("message_thread_id") == thread]:
            del self.messages[key]
        return True

    def _m_sendMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        thread = p.get("message_thread_id")
        if thread is None:
            return super()._m_sendMessage(p)
        chat = self._chat(p.get("chat_id"))
        if not chat.get("is_forum"):
            return super()._m_sendMessage(p)  # Telegram ignores a thread id outside forums
        topic = self._topic(chat, p)
        if topic["closed"] and not self.bot_rights.get(chat["id"], {}).get("can_manage_topics"):
            raise ApiError(400, "Bad Request: TOPIC_CLOSED")
        message = super()._m_sendMessage(p)
        message.update(message_thread_id=int(thread), is_topic_message=True)
        return message

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Like ``FakeBotAPI.sent``, leaving out messages deleted with their topic."""
        methods = {"sendMessage", "sendPhoto", "sendDocument"}
        out = [c.result for c in self.calls if c.method in methods and c.result is not None]
        out = [self.messages[k] for m in out if (k := (m["chat"]["id"], m["message_id"])) in self.messages]
        return [m for m in out if chat_id is None or m["chat"]["id"] == chat_id]

    def _m_getChatMember(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p.get("chat_id"))
        user_id = int(p.get("user_id") or 0)
        if user_id == BOT_ID:
            rights = self.bot_rights.get(chat["id"])
            if rights is None:
                return {"status": "member", "user": self._m_getMe({})}
            return {"status": "administrator", "user": self._m_getMe({}), **_admin_rights(rights)}
        known = self.members.get(chat["id"])
        if known is not None and user_id not in known and user_id not in self.admins.get(chat["id"], set()):
            user = self.users.get(user_id)
            if user is None:
                raise ApiError(400, "Bad Request: user not found")
            return {"status": "left", "user": user.obj}
        return super()._m_getChatMember(p)


def _admin_rights(rights: dict[str, bool]) -> dict[str, bool]:
    names = ("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
             "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
             "can_edit_stories", "can_delete_stories", "can_manage_topics")
    return {name: bool(rights.get(name, False)) for name in names}
