"""The shortcuts on a step's path (bench/README, discord) give exactly what the plain code gave.

Each is held to the code it replaced, written out here: the stores' JSON against ``json``, the
load's positional row against the by-name one, ``_final`` against ``dataclasses.replace``,
``fill_template`` against its regex, ``encode_choice`` against the template's regex,
``clean_text`` on empty text, and the Discord reply path's respelling check.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bot.adapters.discord.translator import CommandSpelling
from bot.adapters.discord.views import _CHOICE_RE, MAX_CUSTOM_ID, encode_choice
from bot.engine import _CONTROL, MAX_TEXT, _final, clean_text
from bot.flowrunner import _TEMPLATE, fill_template
from bot.i18n import I18n
from bot.replies import Choice, FileAttachment, Reply
from storage import jsoncodec
from storage.sealing import CLEAR
from storage.sqlite.store import _LOAD, LOAD_COLUMNS, snapshot_from_row, snapshot_from_values

VALUES: list[Any] = [
    {}, [], {"exercise": "five_senses"}, {"b": 1, "a": [1, 2.5, -0.0, 1e300, None, True, False]},
    {"nested": {"z": {"y": [{"x": "é ñ 漢字 🙂"}]}}, "quote": "\"\\/\b\f\n\r\t\u0001\u2028"},
    {"big": 2**70, "neg": -17, "float": 0.1 + 0.2, "inf": float("inf"), "nan_free": 3.0},
    {"resume": {"flow": "trigger", "step": "ask", "data": {"text": "hola\nqué tal", "n": 3}}},
    [1, "two", {"3": [4]}], 5, 2.5, None, True, "a string", "",
]


@pytest.mark.parametrize("value", VALUES)
def test_stored_json_is_the_standard_encoders_text(value: Any) -> None:
    standard = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(value)
    assert jsoncodec.dumps(value) == standard


def test_stored_json_still_refuses_what_json_refuses() -> None:
    circular: dict[str, Any] = {}
    circular["self"] = circular
    for bad in (circular, {"k": object()}, {(1, 2): "tuple key"}):
        with pytest.raises((ValueError, TypeError)) as ours:
            jsoncodec.dumps(bad)
        with pytest.raises((ValueError, TypeError)) as theirs:
            json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(bad)
        assert type(ours.value) is type(theirs.value) and str(ours.value) == str(theirs.value)
    assert jsoncodec.dumps({"after": "a refused value"}) == '{"after":"a refused value"}'  # no stale circle marks


TEXTS = [json.dumps(v) for v in VALUES] + [jsoncodec.dumps(v) for v in VALUES] + [
    ' {"a": 1}', '{"a": 1} ', "\n[1]\n", "\ufeff{}", "", "{", '{"a": 1} x', "[1,]", "NaN", "Infinity",
    "-Infinity", '"\\ud83d\\ude42"', '{"a":1,"a":2}', "1e5", "-0", "  ", "[1] [2]", '{"a":"\x01"}',
]


@pytest.mark.parametrize("text", TEXTS)
def test_stored_json_reads_back_as_json_loads_reads_it(text: str) -> None:
    try:
        expected: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        with pytest.raises(json.JSONDecodeError) as ours:
            jsoncodec.loads(text)
        assert (ours.value.msg, ours.value.pos) == (exc.msg, exc.pos)
        return
    got = jsoncodec.loads(text)
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)
    assert type(got) is type(expected)


def _load_rows() -> list[sqlite3.Row]:
    db = sqlite3.connect(":memory:")
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE users (user_key TEXT PRIMARY KEY, locale TEXT, tz TEXT, country TEXT, "
               "settings TEXT, unreachable INT)")
    db.execute("CREATE TABLE conversations (user_key TEXT, chat_id TEXT, flow TEXT, step TEXT, data TEXT, "
               "version INT, expires_at INT, updated_at INT)")
    db.execute("INSERT INTO users VALUES ('u1', 'es', 'Europe/Madrid', 'ES', '{\"last_exercise\":\"x\"}', 1)")
    db.execute("INSERT INTO users VALUES ('u2', NULL, NULL, NULL, '{}', 0)")
    db.execute("INSERT INTO conversations VALUES ('u1', 'c', 'ground', 'exercise', '{\"exercise\":\"x\"}', 4, "
               "1767614400, 1767610000)")
    db.execute("INSERT INTO conversations VALUES ('u2', 'c', NULL, NULL, '{}', 2, NULL, 1767610000)")
    keys = [("u1", "c"), ("u1", "other"), ("u2", "c"), ("nobody", "c")]
    return [db.execute(_LOAD, key).fetchall()[0] for key in keys]


def test_the_load_row_read_by_position_is_the_row_read_by_name() -> None:
    rows = _load_rows()
    assert tuple(rows[0].keys()) == LOAD_COLUMNS
    for row in rows:
        assert snapshot_from_values(row, CLEAR) == snapshot_from_row(row, CLEAR)
        by_name = dict(zip(LOAD_COLUMNS, row, strict=True))
        assert snapshot_from_values(tuple(row), CLEAR) == snapshot_from_row(by_name, CLEAR)


def test_final_copies_every_field_as_replace_does() -> None:
    # Every field set to something other than its default, so a field _final forgot shows here.
    assert [f.name for f in fields(Reply)] == [
        "kind", "flow", "step", "text", "choices", "topic", "image", "file", "private", "version",
        "urgent", "private_start", "meta", "locale"]
    full = Reply(kind="crisis", flow="crisis", step="open", text="t", choices=(Choice("a", "A"),),
                 topic="texting", image=b"png", file=FileAttachment("f.json", b"{}"), private=False,
                 version=3, urgent=True, private_start="ground", meta={"k": "v"}, locale="en")
    plain = Reply(kind="info", flow="f", step="s", text="no buttons", version=9)
    turn = SimpleNamespace(replies=[full, plain], locale="es")
    got = _final(turn, 12)  # type: ignore[arg-type]
    want = [replace(r, version=12 if r.choices else r.version, locale="es") for r in (full, plain)]
    assert got == want
    assert [r.meta for r in got] == [r.meta for r in want] and got[0].meta is full.meta


@pytest.mark.parametrize("key", ["plain-key", "exercise-{exercise}", "card-{card}-{part}", "{a}{b}", "{missing}-x",
                                 "a{b}c{d}e", "{}", "brace-{not a name}"])
def test_fill_template_is_its_regex(key: str) -> None:
    data = {"exercise": "five_senses", "card": 3, "part": None, "a": "A", "b": 1.5, "d": ["x"]}
    assert fill_template(key, data) == _TEMPLATE.sub(lambda m: str(data.get(m.group(1), "")), key)


CHOICE_CASES = [
    (42, 7, "my_history", None), (42, None, "1h", "1234"), (0, 0, "a-b_C9", None), (42, 7, "x" * 100, None),
    (42, 7, "has space", None), (42, 7, "", None), (42, 7, "colon:id", None), (-1, 7, "ok", None),
    (42, -3, "ok", None), (42, True, "ok", None), (42, 7, "ok", "12a"), (42, 7, "ok", "١٢٣"), (42, 7, "ok", "²"),
    (42, 7, "ok", ""), (42, 7, "é", None), (2**64, 2**40, "ok", "9" * 20), (42, 7, "ok\n", None),
]


@pytest.mark.parametrize(("owner", "version", "choice_id", "chat_id"), CHOICE_CASES)
def test_encode_choice_accepts_and_refuses_as_the_template_does(owner: int, version: int | None, choice_id: str,
                                                                chat_id: str | None) -> None:
    custom_id = f"gw:{owner}:{version or 0}:{choice_id}" + (f":{chat_id}" if chat_id else "")
    valid = len(custom_id) <= MAX_CUSTOM_ID and _CHOICE_RE.fullmatch(custom_id) is not None
    for _ in range(2):  # the second time the choice id may be a known one
        if valid:
            assert encode_choice(owner, version, choice_id, chat_id) == custom_id
        else:
            with pytest.raises(ValueError):
                encode_choice(owner, version, choice_id, chat_id)


@pytest.mark.parametrize("text", ["", " ", "ground", " \x00hi\u200b \n", "\ud800x", "y" * (MAX_TEXT + 10)])
def test_clean_text_is_unchanged(text: str) -> None:
    assert clean_text(text) == _CONTROL.sub("", text).strip()[:MAX_TEXT]


def test_respelling_is_skipped_only_where_it_changes_nothing() -> None:
    i18n = I18n(Path(__file__).resolve().parent.parent / "locales")
    spelling = CommandSpelling(i18n, ["ground", "help", "trigger"])
    text = "Try /ground or /help, or /trigger when it happens."
    for locale in ("en-US", "en-GB", "es-ES", "es-419", "fr", "pt-BR", None):
        if not spelling.respells(locale):
            assert spelling.for_client(text, locale) == text
    assert spelling.respells("es-ES") and spelling.for_client(text, "es-ES") != text


def test_known_dates_are_read_back_in_utc() -> None:
    # The load's epoch columns: the positional reader makes the same aware datetimes.
    row = _load_rows()[0]
    snap = snapshot_from_values(row, CLEAR)
    assert snap.conversation is not None and snap.conversation.expires_at == datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def test_the_template_regex_is_still_the_one_split_by() -> None:
    assert _TEMPLATE.pattern == re.compile(r"\{(\w+)\}").pattern


def test_every_step_renders_as_with_its_arguments_always_gathered() -> None:
    from bot.flowrunner import FlowRunner, ordered_choices
    from bot.turn import Turn
    from storage.unit_of_work import UnitOfWork
    from tests.fakes.console import shipped_definitions

    defs = shipped_definitions()
    runner = FlowRunner(flows=defs.flows, i18n=defs.i18n, actions={}, routers={})
    now = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    data = {"exercise": "five_senses", "card": "1", "topic": "texting", "hours": 4, "count": 2, "time": "07:30",
            "zone": "Europe/Madrid", "days": 3, "name": "Ana", "typed": "words", "nested": {"no": "dict"}}
    rendered = 0
    for flow in defs.flows.values():
        for step_id, step in flow.steps.items():
            if not (step.kind and step.text):
                continue
            for locale in defs.i18n.locales:
                for _ in range(2):  # the second time plain texts and labels come from the caches
                    turn = Turn(engine=None, user_key="u", chat_id="c", now=now, locale=locale,  # type: ignore[arg-type]
                                user=None, uow=UnitOfWork(user_key="u", chat_id="c", now=now), flow=flow.id,
                                step=step_id, data=dict(data), text_args={"when": "7:30"})
                    runner.render(turn, step)
                    args = {k: v for k, v in turn.data.items() if isinstance(v, str | int | float)}
                    args.update(turn.text_args)
                    (reply,) = turn.replies
                    assert reply.text == defs.i18n.text(locale, fill_template(step.text, turn.data), **args)
                    assert reply.choices == tuple(Choice(c.id, defs.i18n.text(locale, c.label, **args))
                                                  for c in ordered_choices(turn, step))
                    rendered += 1
    assert rendered > 100
