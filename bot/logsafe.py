"""Logging a failure without the exception's message, which may quote what a user wrote."""

from __future__ import annotations

import traceback


def describe_failure(exc: BaseException) -> str:
    """Exception type and stack frames only: enough to find the bug, nothing a user said."""
    frames = "".join(traceback.format_tb(exc.__traceback__)) if exc.__traceback__ else ""
    return f"{type(exc).__module__}.{type(exc).__qualname__}\n{frames}"
