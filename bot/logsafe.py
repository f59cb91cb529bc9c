"""Logging a failure without the exception's message, which may quote what a user wrote."""

from __future__ import annotations

import logging
import traceback


def describe_failure(exc: BaseException) -> str:
    """Exception type and stack frames only: enough to find the bug, nothing a user said."""
    frames = "".join(traceback.format_tb(exc.__traceback__)) if exc.__traceback__ else ""
    return f"{type(exc).__module__}.{type(exc).__qualname__}\n{frames}"


# Loggers of libraries that may put people's words in a log line: a platform library logging an
# update or message it could not handle, or a web server logging a request body.
LIBRARY_LOGGERS = ("telegram", "discord", "tornado", "httpx", "httpcore", "aiosqlite", "apscheduler")
WITHHELD = "<withheld>"


class LibraryRedactor(logging.Filter):
    """On library records: text arguments and exception messages withheld; numbers, types and frames kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(LIBRARY_LOGGERS) or getattr(record, "_groundwork_redacted", False):
            return True
        record._groundwork_redacted = True
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            safe = tuple(a if isinstance(a, int | float | type) or a is None else WITHHELD for a in args)
            try:
                record.msg = str(record.msg) % safe
            except (TypeError, ValueError):
                record.msg = f"{record.msg} [{len(args)} arguments withheld]"
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = describe_failure(record.exc_info[1]).rstrip()
            record.exc_info = None
        return True


def redact_library_logs() -> None:
    """Put ``LibraryRedactor`` on every root handler (once); call after logging is configured."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, LibraryRedactor) for f in handler.filters):
            handler.addFilter(LibraryRedactor())
