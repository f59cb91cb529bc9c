"""Telegram settings, read once from the environment (and an optional ``.env`` file)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dotenv import find_dotenv, load_dotenv

DEFAULT_API_ROOT = "https://api.telegram.org"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts in setWebhook


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    """What the adapter needs: the token, the Bot API root, and webhook mode if configured.

    ``api_root`` is the server root without ``/bot`` (a self-hosted Bot API server, or the
    tests' fake); the adapter appends ``/bot`` and ``/file/bot`` itself.
    """

    token: str
    api_root: str = DEFAULT_API_ROOT
    webhook_url: str | None = None
    webhook_secret: str | None = None
    # A webhook behind a Procfile host must accept the platform router's traffic on every interface.
    listen: str = "0.0.0.0"
    port: int = 8443
    poll_timeout: float = 10.0
    # Workers sharing PostgreSQL: a webhook claim not renewed for this long was a dead worker's.
    webhook_claim_s: float = 30.0

    @property
    def webhook(self) -> bool:
        return bool(self.webhook_url)

    @property
    def base_url(self) -> str:
        return self.api_root.rstrip("/") + "/bot"

    @property
    def base_file_url(self) -> str:
        return self.api_root.rstrip("/") + "/file/bot"

    @property
    def webhook_path(self) -> str:
        """The path our webhook server listens on: the path of the public webhook URL."""
        return urlsplit(self.webhook_url or "").path.lstrip("/")

    @classmethod
    def from_env(cls, *, dotenv: bool = True) -> TelegramConfig | None:
        """The configuration, or None when ``TELEGRAM_BOT_TOKEN`` is not set.

        Raises ValueError for a webhook URL without a secret: an open webhook would accept
        forged updates from anyone who guesses the URL.
        """
        if dotenv:
            load_dotenv(find_dotenv(usecwd=True), override=False)  # ./.env (or a parent's), not ours
        token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            return None
        url = os.environ.get("TELEGRAM_WEBHOOK_URL", "").strip() or None
        secret = os.environ.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
        if url and not secret:
            raise ValueError("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not")
        if secret and not _SECRET.fullmatch(secret):
            raise ValueError("TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        if url and not url.startswith("https://"):
            raise ValueError("TELEGRAM_WEBHOOK_URL must be an https:// URL (Telegram only calls HTTPS webhooks)")
        return cls(
            token=token,
            api_root=os.environ.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_API_ROOT,
            webhook_url=url,
            webhook_secret=secret,
            port=int(os.environ.get("PORT", "") or 8443),
            webhook_claim_s=float(os.environ.get("GROUNDWORK_WEBHOOK_CLAIM_S", "") or 30.0),
        )
