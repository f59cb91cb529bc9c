"""Keep the bot token and people's words out of logs.

Bot API URLs and ``InvalidToken`` errors contain the token; python-telegram-bot's DEBUG lines
print whole updates, with what the user wrote.
"""

from __future__ import annotations

import logging

from bot.logsafe import redact_library_logs

REDACTED = "<telegram-token>"
# httpx logs every request line at INFO ("HTTP Request: POST https://.../bot<token>/sendMessage").
# aiosqlite's DEBUG lines carry SQL parameters, i.e. journal text: quieted too while a bot runs.
_QUIET = {"httpx": logging.WARNING, "httpcore": logging.WARNING, "telegram": logging.INFO, "aiosqlite": logging.INFO}


class TokenRedactor(logging.Filter):
    """Replaces the token in a record's final message; never drops the record."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, REDACTED), None
        if record.exc_info and record.exc_info[1] is not None and self.token in str(record.exc_info[1]):
            # InvalidToken quotes the token; keep the type and frames, drop the text.
            record.exc_text = f"{type(record.exc_info[1]).__name__}: {REDACTED} rejected"
            record.exc_info = None
        return True


def protect_logs(token: str) -> None:
    """Quiet the HTTP client and PTB debug loggers; redact the token on them and every root handler."""
    redactor = TokenRedactor(token)
    for name, floor in _QUIET.items():
        logger = logging.getLogger(name)
        # Pinned on the logger itself, so a later root level of DEBUG does not open it up again;
        # never chattier than it already was.
        logger.setLevel(max(logger.getEffectiveLevel(), floor))
        _add_once(logger, redactor)
    for handler in logging.getLogger().handlers:
        _add_once(handler, redactor)
    redact_library_logs()  # and people's words out of PTB's (and tornado's) own lines


def _add_once(target: logging.Filterer, redactor: TokenRedactor) -> None:
    if not any(isinstance(f, TokenRedactor) and f.token == redactor.token for f in target.filters):
        target.addFilter(redactor)
