"""The suite-wide privacy check (issue 13, DESIGN.md §9): every group or channel post of the whole run.

The fakes write into one session ``LEDGER``: the fake Bot API every ``sendMessage``,
``sendPhoto``, ``sendDocument``, ``editMessageText`` and ``editMessageCaption`` to a group chat,
with its buttons; SimCord every message the bot left in a server channel, ephemeral ones aside.
Beside them, who the test users are (ids, usernames, display names), what they typed privately,
and which private messages of the bot they confirmed with a button. At the end of the session
``pytest_sessionfinish`` fails the run if any public post carries an identity, or five or more
consecutive words a user typed that they had not seen in a message they confirmed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

RUN = 5  # this many words in a row, typed by a user, in a post: they must have confirmed them
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def runs(text: str, size: int = RUN) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + size]) for i in range(len(found) - size + 1)}


@dataclass(frozen=True, slots=True)
class Post:
    """One message the bot put where a group can read it: its world, platform, place and visible text."""

    world: int
    platform: str
    place: str
    text: str


@dataclass(slots=True)
class PrivacyLedger:
    """Public posts, the identities in play, typed words and confirmed previews, for one run (or one test).

    Each fake instance is a ``world`` (one test's Telegram or Discord): posts are checked against
    the people of their own world, so one test's names never judge another test's posts.
    """

    posts: list[Post] = field(default_factory=list)
    identities: dict[int, set[str]] = field(default_factory=dict)
    typed: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    confirmed: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    # A helper who claims a help room is named on that room's card in the helpers' place (issue 14):
    # (world, place) -> the people who pressed a room card's button there, and each person's marks.
    stepped_forward: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    marks: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    # People who opened a help room: what they type is relayed to their room's forum topic by design.
    in_rooms: set[tuple[int, str]] = field(default_factory=set)
    _worlds: int = 0

    def world(self) -> int:
        self._worlds += 1
        return self._worlds

    def post(self, world: int, platform: str, place: object, *texts: object) -> None:
        self.posts.append(Post(world, platform, str(place), "\n".join(str(t) for t in texts if t)))

    def person(self, world: int, *marks: object) -> None:
        """A user's id, username or display name: none may appear in a post."""
        self.identities.setdefault(world, set()).update(str(m) for m in marks if m is not None and str(m).strip())
        if marks:
            self.marks.setdefault((world, str(marks[0])), set()).update(str(m) for m in marks if m is not None)

    def opened_room(self, world: int, person: object) -> None:
        """``person`` pressed a help room's button privately: their words may reach a room topic."""
        self.in_rooms.add((world, str(person)))

    def helper_claimed(self, world: int, place: object, person: object) -> None:
        """``person`` pressed a help room card's button in ``place``: their name may stand on cards there."""
        self.stepped_forward.setdefault((world, str(place)), set()).add(str(person))

    def typed_by(self, world: int, person: object, text: str) -> None:
        self.typed.setdefault((world, str(person)), []).append(text)

    def confirmed_by(self, world: int, person: object, text: str) -> None:
        """The user pressed a button under this private message: what it shows, they have seen."""
        self.confirmed.setdefault((world, str(person)), []).append(text)

    def violations(self) -> list[str]:
        """What each offending post carries, without repeating the post in full."""
        found: list[str] = []
        for post in self.posts:
            named = {m for person in self.stepped_forward.get((post.world, post.place), ())
                     for m in self.marks.get((post.world, person), ())}
            for mark in sorted(self.identities.get(post.world, set()) - named):
                pattern = _identity_pattern(mark)
                if pattern is not None and pattern.search(post.text):
                    found.append(f"{post.platform} {post.place}: identity {mark!r} in a post")
            shown = runs(post.text)
            for (world, person), texts in self.typed.items():
                if world != post.world or (post.place.endswith("/topic") and (world, person) in self.in_rooms):
                    continue
                seen: set[tuple[str, ...]] = set()
                for text in self.confirmed.get((world, person), []):
                    seen |= runs(text)
                for text in texts:
                    leaked = (runs(text) & shown) - seen
                    if leaked:
                        sample = " ".join(sorted(leaked)[0])
                        found.append(f"{post.platform} {post.place}: unconfirmed words of user {person} "
                                     f"({sample!r}...) in a post")
        return found


def _identity_pattern(mark: str) -> re.Pattern[str] | None:
    """Whole words only; ids under three digits would match any count, so they are left out."""
    if mark.isdigit() and len(mark) < 3:
        return None
    if len(mark) < 3:
        return None
    return re.compile(rf"(?<![\w]){re.escape(mark)}(?![\w])")


LEDGER = PrivacyLedger()


# ---- what each fake contributes --------------------------------------------------------------

def telegram_texts(params: dict[str, Any]) -> list[str]:
    """What a Telegram send or edit shows: its text or caption and every button's label and link."""
    out = [str(params.get(k)) for k in ("text", "caption") if params.get(k)]
    markup = params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    for row in (markup or {}).get("inline_keyboard", []):
        out += [str(b.get("text", "")) + " " + str(b.get("url", "")) for b in row]
    return out


def discord_texts(content: str | None, embeds: Any, components: Any) -> list[str]:
    """What a Discord message shows: content, embeds and component labels."""
    out = [content or ""]
    for embed in embeds or []:
        out += [str(embed.get(k, "")) for k in ("title", "description")]
        out += [f"{f.get('name', '')} {f.get('value', '')}" for f in embed.get("fields", [])]
        out.append(str((embed.get("footer") or {}).get("text", "")))
    out += _labels(components or [])
    return out


def _labels(components: Iterable[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for component in components:
        out += [str(component[k]) for k in ("label", "placeholder", "content") if component.get(k)]
        out += _labels(component.get("components", []))
    return out


def shown_text(message: Any) -> str:
    """What a user saw in a message they pressed a button under (content and embeds)."""
    embeds = [e.to_dict() if hasattr(e, "to_dict") else e for e in getattr(message, "embeds", None) or []]
    return "\n".join(discord_texts(getattr(message, "content", ""), embeds, []))


def watch_simcord_users(ledger: PrivacyLedger, world: int) -> Callable[[], None]:
    """Record what SimCord users type (slash options, modal fields) and the messages they press
    buttons under (what they confirmed), for one world; returns the function that stops it."""
    import simcord.builders

    restore: list[tuple[type, str, Any]] = []
    for cls in (simcord.MemberActor, simcord.builders.UserHandle):
        for name in ("click", "slash", "submit_modal"):
            original = getattr(cls, name, None)
            if original is None:
                continue
            restore.append((cls, name, original))
            setattr(cls, name, _watched(name, original, ledger, world))

    def stop() -> None:
        for cls, name, original in restore:
            setattr(cls, name, original)

    return stop


def _watched(name: str, original: Any, ledger: PrivacyLedger, world: int) -> Any:
    async def watched(actor: Any, *args: Any, **kwargs: Any) -> Any:
        if name == "click" and args:
            ledger.confirmed_by(world, actor.id, shown_text(args[0]))
            if _presses_room_card(args[0], kwargs):
                message = args[0]
                place = getattr(message, "channel_id", None) or getattr(getattr(message, "channel", None), "id", "")
                ledger.helper_claimed(world, place, actor.id)
        elif name == "slash":
            ledger.typed_by(world, actor.id, " ".join(v for v in kwargs.values() if isinstance(v, str)))
        elif name == "submit_modal" and len(args) > 1 and isinstance(args[1], dict):
            ledger.typed_by(world, actor.id, " ".join(v for v in args[1].values() if isinstance(v, str)))
        return await original(actor, *args, **kwargs)

    return watched


def _presses_room_card(message: Any, kwargs: dict[str, Any]) -> bool:
    """A click on a help room's card: one of its buttons has a ``gwr:`` custom id."""
    return any(i.startswith("gwr:") for i in _custom_ids(getattr(message, "components", None)))


def _custom_ids(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [str(node["custom_id"])] if node.get("custom_id") else []
        return own + _custom_ids(node.get("components"))
    if isinstance(node, list | tuple):
        return [i for child in node for i in _custom_ids(child)]
    if node is None:
        return []
    own = [str(node.custom_id)] if getattr(node, "custom_id", None) else []  # discord.py's components
    return own + _custom_ids(getattr(node, "children", None) or getattr(node, "components", None))


def record_simcord(env: Any, ledger: PrivacyLedger = LEDGER, world: int | None = None) -> None:
    """At a SimCord world's end: its users, the DMs they typed, and the bot's public messages."""
    world = ledger.world() if world is None else world
    backend = env.backend
    bot_id = env.bot.user.id if env.bot.user else None
    for user in backend.users.values():
        if user.id != bot_id:
            ledger.person(world, user.id, user.name, user.global_name)
    for channel_id, messages in backend.messages.items():
        channel = backend.channels.get(channel_id)
        public = channel is not None and channel.guild_id is not None
        for message in messages.values():
            if message.author_id == bot_id and public and not message.flags & 64:
                ledger.post(world, "discord", channel_id,
                            *discord_texts(message.content, message.embeds, message.components))
            elif message.author_id != bot_id and not public and message.content:
                ledger.typed_by(world, message.author_id, message.content)
    for request in env.http_requests:  # edits and deleted posts too: every body sent to a server channel
        match = re.fullmatch(r"/channels/(\d+)/messages(?:/\d+)?", request.path)
        channel = backend.channels.get(int(match[1])) if match else None
        body = request.json if isinstance(request.json, dict) else {}
        if request.method in {"POST", "PATCH"} and channel is not None and channel.guild_id is not None:
            ledger.post(world, "discord", channel.id,
                        *discord_texts(body.get("content"), body.get("embeds"), body.get("components")))


# ---- the session hook ------------------------------------------------------------------------

def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    problems = LEDGER.violations()
    if not problems:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = ["privacy: a group or channel post carried something it must not (DESIGN.md §9):",
             *sorted(set(problems))[:50]]
    if reporter is not None:
        for line in lines:
            reporter.write_line(line, red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
