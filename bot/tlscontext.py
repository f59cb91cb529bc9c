"""One TLS context for the platform's HTTPS clients, read on a thread while start-up goes on.

Each ``httpx`` transport built with the default ``verify=True`` reads the whole CA bundle again
(40-60 ms each, and the Telegram adapter builds two). ``prepare`` starts reading it once, on a
thread: OpenSSL releases the GIL while it parses the bundle, so it overlaps the imports and the
definitions' loading. ``tls_context`` hands out that one context; it is httpx's own default
(``httpx.create_ssl_context()``: certifi's bundle, or ``SSL_CERT_FILE``/``SSL_CERT_DIR`` when set).
"""

from __future__ import annotations

import ssl
import threading
from concurrent.futures import Future

import httpx

_lock = threading.Lock()
_pending: Future[ssl.SSLContext] | None = None


def _build(future: Future[ssl.SSLContext]) -> None:
    try:
        future.set_result(httpx.create_ssl_context())
    except BaseException as exc:  # handed to whoever asks for the context, raised there
        future.set_exception(exc)


def prepare() -> None:
    """Start reading the CA bundle on a daemon thread, unless it was started already."""
    global _pending
    with _lock:
        if _pending is not None:
            return
        _pending = Future()
        threading.Thread(target=_build, args=(_pending,), name="tls-context", daemon=True).start()


def tls_context() -> ssl.SSLContext:
    """The shared context; waits for ``prepare``'s thread, or reads the bundle now if none ran."""
    prepare()
    assert _pending is not None
    return _pending.result()
