"""Plain engine text to Telegram HTML: escaped, and split at paragraph boundaries to fit."""

from __future__ import annotations

import html

MAX_MESSAGE = 4096  # characters of a text message after entity parsing
MAX_CAPTION = 1024  # characters of a photo or document caption


def escape(text: str) -> str:
    """The engine's texts are plain text; in HTML parse mode only <, > and & need escaping."""
    return html.escape(text, quote=False)


def split_plain(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at paragraphs, then lines, then words.

    Splitting happens on the plain text, so escaping afterwards never changes the length
    Telegram counts (it counts characters after parsing entities).
    """
    text = text.strip()
    return _split(text, limit, ("\n\n", "\n", " ")) if text else []


def _split(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if len(text) <= limit:
        return [text]
    if not separators:  # one unbroken run longer than a message (a pasted blob): cut it hard
        return [text[i:i + limit] for i in range(0, len(text), limit)]
    separator, finer = separators[0], separators[1:]
    parts = [piece for part in text.split(separator) for piece in _split(part, limit, finer)]
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}{separator}{part}" if current else part
        if len(candidate) <= limit:
            current = candidate
            continue
        if current.strip():
            pieces.append(current.strip())
        current = part
    if current.strip():
        pieces.append(current.strip())
    return pieces


def html_pieces(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split, then escape each piece for ``parse_mode=HTML``."""
    return [escape(piece) for piece in split_plain(text, limit)]
