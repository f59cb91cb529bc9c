"""Telegram adapter (python-telegram-bot 22): translates updates to events and replies to messages."""

from .adapter import TelegramAdapter, build_adapter
from .config import TelegramConfig

__all__ = ["TelegramAdapter", "TelegramConfig", "build_adapter"]
