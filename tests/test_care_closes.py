"""Each path has its own close; after a crisis or the abuse path nothing is suggested or sent unasked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.console import open_console

WORDS = {
    "lied": {"en": "he lied to me again about where he was", "es": "me volvió a mentir sobre dónde estaba"},
    "texting": {"en": "he hasn't replied all day", "es": "no me contesta en todo el día"},
    "abuse": {"en": "he checks my phone every night", "es": "me revisa el celular todas las noches"},
    "crisis": {"en": "I want to die", "es": "quiero morirme"},
}


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_relationship_path_has_its_own_close(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "c.sqlite3", lang=lang)
    internal = await open_console(tmp_path / "i.sqlite3", lang=lang)
    try:
        close = await console.send(WORDS["lied"][lang], "#skip", "#others_too", "#next", "#2", "#no")
        assert close[-1]["step"] == "close_relationship"
        other = await internal.send(WORDS["texting"][lang], "#skip", "#my_history", "#next", "#2", "#no")
        assert other[-1]["step"] == "close_internal"
        assert close[-1]["text"] != other[-1]["text"]
        assert "alarm" not in close[-1]["text"] and "alarma" not in close[-1]["text"]
    finally:
        await console.close()
        await internal.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_unsure_then_partner_signal_closes_as_the_relationship_path(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "c.sqlite3", lang=lang)
    try:
        close = await console.send(WORDS["texting"][lang], "#skip", "#unsure", "#new", "#yes", "#next", "#3", "#no")
        assert close[-1]["step"] == "close_relationship"
    finally:
        await console.close()


async def _after_abuse(tmp_path: Path, lang: str):  # type: ignore[no-untyped-def]
    console = await open_console(tmp_path / "a.sqlite3", lang=lang)
    await console.send(WORDS["abuse"][lang], "#safe", "#us", "#ok")
    return console


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_no_followup_offered_by_default_after_abuse_path(tmp_path: Path, lang: str) -> None:
    console = await _after_abuse(tmp_path, lang)
    try:
        replies = await console.send(WORDS["texting"][lang], "#skip", "#my_history", "#next", "#2")
        assert "followup_offer" not in [r["kind"] for r in replies]
        assert replies[-1]["step"] == "close_unsafe"
        rows = await console.app.store.connection.execute_fetchall("SELECT count(*) FROM scheduled")
        assert next(iter(rows))[0] == 0
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_nudges_after_abuse_ask_if_device_is_safe(tmp_path: Path, lang: str) -> None:
    console = await _after_abuse(tmp_path, lang)
    try:
        asked = await console.send("/nudge 09:00")
        assert asked[-1]["step"] == "ask_device"
        text = asked[-1]["text"].lower()
        # Nothing in the question tells an onlooker what it is about.
        for word in ("partner", "pareja", "abuse", "abuso", "safe", "segur", "violen", "relationship", "relación"):
            assert word not in text
        saved = await console.send("#device_ok")
        assert saved[-1]["step"] == "saved"
        again = await console.send("/nudge off", "/nudge 10:00")
        assert "ask_device" not in [r["step"] for r in again]  # asked once
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_declining_nudges_on_this_device_sends_nothing(tmp_path: Path, lang: str) -> None:
    console = await _after_abuse(tmp_path, lang)
    try:
        replies = await console.send("/nudge 09:00", "#device_no")
        assert replies[-1]["step"] == "device_no"
        assert await console.send(":advance 2d") == []
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_nudges_without_the_abuse_path_are_not_asked_about_the_device(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "n.sqlite3", lang=lang)
    try:
        assert (await console.send("/nudge 09:00"))[-1]["step"] == "saved"
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_no_safetyplan_suggestion_after_plan_was_shown(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "p.sqlite3", lang=lang)
    try:
        await console.send("/safetyplan", "#begin", "when I can't sleep", "#skip", "#skip", "#skip", "#skip", "#skip")
        replies = await console.send(WORDS["crisis"][lang], "#us")
        assert "safety_plan" in [r["kind"] for r in replies]
        better = await console.send("#better")
        assert better[-1]["step"] == "better" and "/safetyplan" not in better[-1]["text"]
    finally:
        await console.close()


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_safetyplan_is_suggested_after_a_crisis_when_there_is_no_plan(tmp_path: Path, lang: str) -> None:
    console = await open_console(tmp_path / "p.sqlite3", lang=lang)
    try:
        better = await console.send(WORDS["crisis"][lang], "#us", "#better")
        assert better[-1]["step"] == "better" and "/safetyplan" in better[-1]["text"]
    finally:
        await console.close()
