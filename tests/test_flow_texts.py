"""Every flow walked in both locales: a step that asks takes typed words, one question a message,
and every message fits a phone screen. Also the start-up check that enforces the first rule."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.app import ROOT, Settings, load_definitions
from bot.flowcheck import TYPED_WORDS_HEARD_ELSEWHERE
from bot.flowdefs import FlowError
from bot.textshape import asks, most_questions
from tests.fakes.console import open_console
from tests.fakes.console import shipped_definitions as definitions

ENTRIES = ["/trigger", "/ground", "/learn", "/communicate", "/language", "/forget", "/safetyplan", "/nudge",
           "/pause", "/country", "/stop"]
WORRY = {"en": "he hasn't replied in 4 hours", "es": "no me contesta desde hace 4 horas"}
REASSURANCE = {"en": "does he still love me?", "es": "¿todavía me quiere?"}
TYPED = {"en": "I'm not sure, it's complicated", "es": "no sé, es complicado"}
LIMIT = 600
# Messages that may carry two question marks, each with the reason. Empty: none needs it today.
TWO_QUESTIONS_ALLOWED: dict[str, str] = {}


def test_every_question_step_declares_what_typed_words_do() -> None:
    defs = definitions()
    for flow in defs.flows.values():
        for step_id, step in flow.steps.items():
            asking = step.choices and step.text and "{" not in step.text and any(
                asks(defs.i18n, loc, step.text) for loc in defs.i18n.locales)
            if asking and flow.id not in TYPED_WORDS_HEARD_ELSEWHERE:
                assert step.input is not None, f"{flow.id}:{step_id} asks but refuses typed words"
    assert all(reason for reason in TYPED_WORDS_HEARD_ELSEWHERE.values())


def test_a_question_that_refuses_typed_words_fails_the_start_up_check(tmp_path: Path) -> None:
    flows, locales = tmp_path / "flows", tmp_path / "locales"
    shutil.copytree(ROOT / "flows", flows)
    shutil.copytree(ROOT / "locales", locales)
    (flows / "asks.yaml").write_text(
        "id: asks\nentry: q\ncommands: [asks]\nsteps:\n  q:\n    kind: diagnostic\n    text: diagnostic-question\n"
        "    choices:\n      - {id: a, label: choice-done, next: end}\n", encoding="utf-8")
    with pytest.raises(FlowError) as caught:
        load_definitions(Settings(db_path=":memory:", flows_dir=flows, locales_dir=locales))
    assert "flow 'asks', step 'q', key 'input'" in str(caught.value) and "typed words" in str(caught.value)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_message_asks_two_questions(lang: str) -> None:
    i18n = definitions().i18n
    for key in i18n.keys(lang):
        if key not in TWO_QUESTIONS_ALLOWED:
            assert most_questions(i18n, lang, key) <= 1, (lang, key, i18n.text(lang, key))


def _asks(reply: dict[str, Any]) -> bool:
    return "?" in reply["text"] and bool(reply["choices"])


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_every_question_accepts_typed_words(tmp_path: Path, lang: str) -> None:
    """Walk every flow; at each step that asks, type words: they are heard, never refused."""
    refusal = definitions().i18n.text(lang, "pick-a-choice")
    failure = definitions().i18n.text(lang, "error-generic")
    driver = await open_console(tmp_path / "walk.sqlite3", lang=lang)
    typed_at: set[tuple[str, str]] = set()
    pressed: set[tuple[str, str, str]] = set()
    pending: list[list[str]] = [[entry] for entry in ENTRIES] + [[WORRY[lang]], [REASSURANCE[lang]],
                                                                ["/nudge 09:00", ":advance 1d"]]
    runs = 0
    try:
        while pending:
            path = pending.pop()
            runs += 1
            replies = await driver.replay_as(f"walker{runs}", path)
            for reply in replies:
                # An unreadable typed time gets its own kind error ("isn't a time I can use"); a crash doesn't.
                assert reply["text"] != failure, (path, reply["text"])
                assert reply["text"] != refusal, f"{lang} {path}: typed words refused"
                assert len(reply["text"]) <= LIMIT, (path, reply["text"])
            if not replies or len(path) > 14:
                continue
            last = replies[-1]
            if _asks(last) and (last["flow"], last["step"]) not in typed_at:
                typed_at.add((last["flow"], last["step"]))
                pending.append([*path, TYPED[lang]])
            for choice in last["choices"]:
                key = (last["flow"], last["step"], choice["id"])
                if key not in pressed:
                    pressed.add(key)
                    pending.append([*path, f"#{choice['id']}"])
    finally:
        await driver.close()
    assert {("trigger", "diagnostic"), ("trigger", "ask_partner"), ("trigger", "rate"), ("trigger", "followup_offer"),
            ("reflection", "reflect"), ("nudge", "checkin"), ("forget", "confirm")} <= typed_at
