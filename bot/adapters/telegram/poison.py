"""Updates python-telegram-bot cannot parse are skipped one by one, never the whole batch.

PTB parses a ``getUpdates`` answer as one list: one update it cannot read (a field from a newer
Bot API, a message without ``date``) fails the batch, is logged with every user's text, and is
fetched again at once without the offset moving, hundreds of times a second. PTB offers no
per-update hook, but it does let the ``getUpdates`` connection be replaced
(``ApplicationBuilder.get_updates_request``), so that is where each update is tried: one that
fails is replaced by its bare ``update_id`` (PTB then moves the offset past it and no handler
matches it) and logged by type and id only.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)


def readable_update(raw: Any) -> Update | None:
    """The parsed update, or None (logged by type and id, never by content) when PTB cannot read it."""
    try:
        update = Update.de_json(raw, None)
    except Exception as exc:
        kinds = sorted(k for k in raw if k != "update_id") if isinstance(raw, dict) else [type(raw).__name__]
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        log.warning("telegram: skipped an update it cannot read (update_id=%s, type=%s, %s)",
                    update_id if isinstance(update_id, int) else "?", ",".join(kinds)[:80], type(exc).__name__)
        return None
    return update


def screen_updates(payload: bytes) -> bytes:
    """A ``getUpdates`` answer with every unreadable update replaced by its bare id (or left out without one)."""
    try:
        body = json.loads(payload)
    except ValueError:
        return payload
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, list):
        return payload
    kept: list[Any] = []
    changed = False
    for raw in result:
        if readable_update(raw) is not None:
            kept.append(raw)
            continue
        changed = True
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if isinstance(update_id, int) and not isinstance(update_id, bool):
            kept.append({"update_id": update_id})
    if not changed:
        return payload
    body["result"] = kept
    return json.dumps(body).encode()


class ScreenedUpdatesRequest(HTTPXRequest):
    """The ``getUpdates`` connection: answers pass through ``screen_updates`` before PTB parses them."""

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        status, payload = await super().do_request(url, method, request_data, *args, **kwargs)
        if status == 200 and url.endswith("/getUpdates"):
            payload = screen_updates(payload)
        return status, payload
