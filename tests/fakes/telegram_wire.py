"""What Telegram accepts on the wire: its HTML subset, request parameters, and its error shape."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from aiohttp import web

_JSON_FIELDS = {"reply_markup", "commands", "scope", "allowed_updates", "entities", "caption_entities"}
_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "span",
         "tg-spoiler", "tg-emoji", "blockquote"}
_HTML_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^<>]*)>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[<>&]")
NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message")


class ApiError(Exception):
    """A Bot API failure: HTTP status, Telegram's description, and ``retry_after`` for 429."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


def parse_html(text: str) -> str:
    """The text Telegram would show for ``parse_mode=HTML``; raises ApiError like Telegram does."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for match in _HTML_TOKEN.finditer(text):
        out.append(text[pos:match.start()])
        pos = match.end()
        offset = len(text[:match.start()].encode())
        closing, tag, _attrs, entity = match.groups()
        if entity is not None:
            if not entity.startswith("#") and entity not in ("lt", "gt", "amp", "quot"):
                raise ApiError(400, "Bad Request: can't parse entities: Unsupported HTML entity "
                                    f"at byte offset {offset}")
            out.append(html.unescape(match.group(0)))
        elif tag is None:
            raise ApiError(400, f"Bad Request: can't parse entities: Unexpected character {match.group(0)!r} "
                                f"at byte offset {offset}")
        elif tag.lower() not in _TAGS:
            kind = "end" if closing else "start"
            raise ApiError(400, f'Bad Request: can\'t parse entities: Unsupported {kind} tag "{tag}" '
                                f"at byte offset {offset}")
        elif closing:
            if not stack or stack.pop() != tag.lower():
                raise ApiError(400, f'Bad Request: can\'t parse entities: Unexpected end tag at byte offset {offset}')
        else:
            stack.append(tag.lower())
    if stack:
        raise ApiError(400, f'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag '
                            f'"{stack[-1]}"')
    out.append(text[pos:])
    return "".join(out)


async def read_params(request: web.Request) -> dict[str, Any]:
    """Form, multipart or JSON parameters; JSON-valued fields decoded, uploaded files as bytes."""
    if request.content_type == "application/json":
        return dict(await request.json())
    form = await request.post()
    params: dict[str, Any] = {}
    for name, value in form.items():
        if isinstance(value, web.FileField):
            params[name] = value.file.read()
            params[f"{name}_name"] = value.filename
        elif name in _JSON_FIELDS:
            params[name] = json.loads(str(value))
        else:
            params[name] = value
    for name, value in list(params.items()):  # "attach://x" points at another multipart part
        if isinstance(value, str) and value.startswith("attach://"):
            params[name] = params.get(value.removeprefix("attach://"))
    for name in ("chat_id", "message_id", "offset", "limit", "timeout"):
        if isinstance(params.get(name), str) and params[name].lstrip("-").isdigit():
            params[name] = int(params[name])
    return params
