"""Telegram updates to platform-neutral ``Inbound`` events (DESIGN.md §2)."""

from __future__ import annotations

from collections.abc import Collection

from telegram import CallbackQuery, Message, MessageEntity, User
from telegram import Chat as TgChat

from bot.clock import Clock
from bot.events import Chat, ChoiceRef, Inbound, UserKey

from .keyboards import Press

PLATFORM = "telegram"


def user_key(user: User) -> UserKey:
    return UserKey(PLATFORM, str(user.id))


def chat_of(chat: TgChat) -> Chat:
    """Private chats are private; groups, supergroups (and channels) are groups."""
    return Chat(str(chat.id), "private" if chat.type == TgChat.PRIVATE else "group")


def parse_command(message: Message, bot_username: str) -> tuple[str, str] | None:
    """``(name, args)`` for ``/name@bot args``; None for plain text.

    A command addressed to another bot (``/help@otherbot``) comes back with an empty name.
    """
    text = message.text or ""
    entity = next((e for e in message.entities if e.offset == 0 and e.type == MessageEntity.BOT_COMMAND), None)
    if entity is None:
        return None
    name, _, addressee = text[1:entity.length].partition("@")
    if addressee and addressee.lower() != bot_username.lower():
        return "", ""
    return name.lower()[:32], text[entity.length:].strip()


def from_message(message: Message, user: User, clock: Clock, bot_username: str,
                 commands: Collection[str] = ()) -> Inbound | None:
    """A text message or command; None for what we never read (other bots' commands, media).

    In a group only commands are read: free text there is never the bot's business.
    A deep link (``t.me/<bot>?start=ground`` arrives as ``/start ground``) opens that command.
    """
    if message.text is None:
        return None
    chat = chat_of(message.chat)
    command = parse_command(message, bot_username)
    if (command is None and not chat.private) or (command is not None and not command[0]):
        return None
    base = {"user": user_key(user), "chat": chat, "received_at": clock.now(),
            "locale_hint": user.language_code, "display_name": user.first_name}
    if command is not None:
        name, args = command
        if name == "start" and args.lower() in commands and args.lower() != "start":
            name, args = args.lower(), ""
        return Inbound(command=name, args=args, **base)
    return Inbound(text=message.text, **base)


def from_press(query: CallbackQuery, press: Press, chat: TgChat, clock: Clock) -> Inbound:
    """A button press, carrying the conversation version the button was offered at.

    A question a group turn handed to the private chat answers in that group's conversation,
    privately (``can_reply_privately``), so nothing of it is ever posted in the group.
    """
    where = chat_of(chat) if press.origin is None else Chat(str(press.origin), "group", can_reply_privately=True)
    return Inbound(
        user=user_key(query.from_user), chat=where, received_at=clock.now(),
        choice=ChoiceRef(press.choice_id, press.version), locale_hint=query.from_user.language_code,
        display_name=query.from_user.first_name,
    )
