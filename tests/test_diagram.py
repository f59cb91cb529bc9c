"""A flow's Mermaid diagram is generated from its file: every step and every choice appears."""

from __future__ import annotations

import subprocess
import sys

from bot.app import ROOT
from bot.diagram import mermaid
from bot.flowdefs import load_flows


def test_every_step_and_choice_of_the_trigger_flow_is_in_its_diagram() -> None:
    flow = load_flows(ROOT / "flows")["trigger"]
    source = mermaid(flow)
    assert source.startswith("flowchart TD")
    for step_id, step in flow.steps.items():
        assert f"    {step_id}" in source
        for choice in step.choices:
            assert f"{step_id} -->|{choice.id}|" in source
    assert '    to_communicate__(["communicate:"])' in source
    assert " end\n" not in source and " end[" not in source  # "end" is a Mermaid keyword


def test_bot_diagram_prints_the_flow_and_names_the_flows_on_a_typo() -> None:
    ok = subprocess.run([sys.executable, "-m", "bot", "diagram", "ground"], capture_output=True, text=True,
                        cwd=ROOT, timeout=60)
    bad = subprocess.run([sys.executable, "-m", "bot", "diagram", "grond"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert ok.returncode == 0 and "exercise -->|another| exercise" in ok.stdout
    assert bad.returncode == 1 and "ground" in bad.stderr
