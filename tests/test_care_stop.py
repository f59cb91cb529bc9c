"""/stop leaves the conversation only; switching scheduled messages off is a step of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.app import ROOT
from tests.fakes.console import open_console

FOLLOWUP = ["he hasn't texted back", "#done", "#my_history", "#next", "#3", "#3h"]


async def _statuses(console) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = await console.app.store.connection.execute_fetchall("SELECT kind, status FROM scheduled ORDER BY id")
    return [(r[0], r[1]) for r in rows]


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_stop_leaves_conversation_only(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "s.sqlite3", lang=lang)
    try:
        await console.send("/nudge 09:00", *FOLLOWUP)
        replies = await console.send("/stop")
        assert [(r["flow"], r["step"]) for r in replies] == [("stop", "left"), ("stop", "offer")]
        assert await _statuses(console) == [("nudge", "pending"), ("followup", "pending")]
        kept = await console.send("#keep")
        assert kept[-1]["step"] == "kept"
        assert await _statuses(console) == [("nudge", "pending"), ("followup", "pending")]
        user = await console.app.store.load("console:local", "console:local")
        assert user.user is not None and user.user.settings["nudge"]["on"] is True
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_stop_with_nothing_scheduled_offers_nothing(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "s.sqlite3", lang=lang)
    try:
        replies = await console.send("he hasn't texted back", "/stop")
        assert [(r["flow"], r["step"]) for r in replies if r["flow"] == "stop"] == [("stop", "left")]
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_typed_yes_after_stop_switches_scheduled_messages_off(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "s.sqlite3", lang=lang)
    try:
        await console.send("/nudge 09:00", "/stop")
        await console.send("yes" if lang == "en" else "sí")
        assert await _statuses(console) == [("nudge", "cancelled")]
    finally:
        await console.close()


def test_engine_does_not_import_the_scheduling_package() -> None:
    tree = ast.parse((ROOT / "bot" / "engine.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m.startswith("bot.scheduling")}
