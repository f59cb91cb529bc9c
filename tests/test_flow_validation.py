"""The validator rejects broken flow files with messages that name file, flow, step and key."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import ROOT, Settings, load_definitions
from bot.flowdefs import FlowError

BROKEN_FLOW = """
id: broken
entry: first
commands: [broken]
steps:
  first:
    kind: info
    text: choice-done
    choices:
      - {{id: a, label: choice-done, next: {next}}}
      - {{id: {second_id}, label: {label}, next: first}}
  {extra}
"""


def _tree(tmp_path: Path, flow_text: str | None = None) -> Settings:
    flows = tmp_path / "flows"
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "flows", flows)
    shutil.copytree(ROOT / "locales", locales)
    if flow_text is not None:
        (flows / "broken.yaml").write_text(flow_text, encoding="utf-8")
    return Settings(db_path=":memory:", flows_dir=flows, locales_dir=locales)


def _problems(settings: Settings) -> str:
    with pytest.raises(FlowError) as caught:
        load_definitions(settings)
    return str(caught.value)


def _broken(**overrides: str) -> str:
    values = {"next": "first", "second_id": "b", "label": "choice-skip", "extra": ""}
    values.update(overrides)
    return BROKEN_FLOW.format(**values)


def test_the_shipped_flows_and_locales_validate(tmp_path: Path) -> None:
    defs = load_definitions(_tree(tmp_path))
    assert {"trigger", "start", "help", "ground", "learn", "communicate", "forget", "mydata"} <= set(defs.flows)


def test_unknown_next_target_is_named_with_file_flow_step_and_key(tmp_path: Path) -> None:
    message = _problems(_tree(tmp_path, _broken(next="nowhere")))
    assert "broken.yaml: flow 'broken', step 'first', key 'choices[0].next': unknown next step 'nowhere'" in message


def test_unknown_flow_in_a_cross_flow_target_is_rejected(tmp_path: Path) -> None:
    message = _problems(_tree(tmp_path, _broken(next='"nosuchflow:"')))
    assert "unknown flow 'nosuchflow'" in message and "step 'first'" in message


def test_unreachable_step_is_rejected(tmp_path: Path) -> None:
    extra = "orphan:\n    kind: info\n    text: choice-done\n    end: true"
    message = _problems(_tree(tmp_path, _broken(extra=extra)))
    assert "flow 'broken', step 'orphan': unreachable from entry 'first'" in message


def test_choice_id_reused_within_a_step_is_rejected(tmp_path: Path) -> None:
    message = _problems(_tree(tmp_path, _broken(second_id="a")))
    assert "step 'first', key 'choices[1].id': choice id 'a' is used twice in this step" in message


def test_locale_key_missing_from_every_locale_is_named(tmp_path: Path) -> None:
    message = _problems(_tree(tmp_path, _broken(label="no-such-key")))
    assert "key 'choices[1].label': missing locale key 'no-such-key' in locales/en/" in message
    assert "missing locale key 'no-such-key' in locales/es/" in message


def test_locale_key_missing_in_one_locale_only_is_named(tmp_path: Path) -> None:
    settings = _tree(tmp_path)
    es = settings.locales_dir / "es" / "core.ftl"
    es.write_text("\n".join(line for line in es.read_text().splitlines() if not line.startswith("choice-skip")))
    message = _problems(settings)
    assert "locales/es/: missing key 'choice-skip'" in message
    assert ("flow 'trigger', step 'grounding', key 'choices[2].label': "
            "missing locale key 'choice-skip' in locales/es/") in message


def test_unknown_reply_kind_is_rejected(tmp_path: Path) -> None:
    text = _broken().replace("kind: info", "kind: shout")
    message = _problems(_tree(tmp_path, text))
    assert "broken.yaml: flow 'broken', step 'first', key 'kind'" in message and "unknown reply kind 'shout'" in message


def test_unknown_action_is_rejected(tmp_path: Path) -> None:
    text = _broken().replace("text: choice-done\n    choices", "text: choice-done\n    action: fly\n    choices", 1)
    message = _problems(_tree(tmp_path, text))
    assert "step 'first', key 'action': unknown action 'fly'" in message


def test_fluent_syntax_error_is_named(tmp_path: Path) -> None:
    settings = _tree(tmp_path)
    (settings.locales_dir / "en" / "zz.ftl").write_text("good = fine\nbad = { $unclosed\n")
    assert "zz.ftl: Fluent syntax error" in _problems(settings)


def test_bot_check_exits_non_zero_on_a_broken_flow(tmp_path: Path) -> None:
    settings = _tree(tmp_path, _broken(next="nowhere"))
    env = {"GROUNDWORK_FLOWS_DIR": str(settings.flows_dir), "GROUNDWORK_LOCALES_DIR": str(settings.locales_dir),
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "bot", "check"], env=env, capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert "unknown next step 'nowhere'" in result.stderr


def test_bot_check_passes_on_the_shipped_tree() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "check"], capture_output=True, text=True, cwd=ROOT,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok:")


def test_an_anytime_choice_id_used_in_two_flows_is_rejected(tmp_path: Path) -> None:
    text = _broken().replace("{id: a, label: choice-done, next: first}",
                             "{id: stop_nudges, label: choice-done, next: first, anytime: true}")
    message = _problems(_tree(tmp_path, text))
    assert "anytime': choice id 'stop_nudges' is also an anytime choice in flow" in message
