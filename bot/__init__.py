"""Groundwork: a platform-neutral engine with thin Telegram, Discord and console adapters."""
