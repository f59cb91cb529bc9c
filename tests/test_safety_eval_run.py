"""``python -m bot.safety.evaluate`` runs rows through the real engine and reports what people got."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
import yaml

from bot.safety.evaluate import EVAL_DIR, Row, build_report, evaluate, load_rows, main, run_rows, summary_line

DEV = load_rows(EVAL_DIR / "dev.yaml")
SHORT = load_rows(EVAL_DIR / "short_ordinary.yaml")


def _slice() -> list[Row]:
    """Ten dev rows covering both languages and all three labels."""
    picked: list[Row] = []
    for lang in ("en", "es"):
        for label in ("crisis", "abuse", "benign"):
            picked += [r for r in DEV if r.lang == lang and r.label == label][:2 if label != "benign" else 1]
    return picked[:10]


async def test_a_ten_row_slice_gives_one_outcome_per_row_that_adds_up() -> None:
    rows = _slice()
    report = await evaluate("slice", rows, SHORT[:3])
    cells = report.cells.values()
    assert sum(c["n"] for c in cells) == len(rows) == 10
    for cell in cells:
        assert cell["opened"] + cell["asked"] + cell["missed"] == cell["n"]
        assert cell["caught_pct"] == pytest.approx(cell["opened_pct"] + cell["asked_pct"], abs=0.11)
    assert {c["lang"] for c in cells} == {"en", "es"}
    assert report.short["n"] == 3
    assert set(report.timing_ms) == {"screen_p50", "screen_p99", "engine_p50", "engine_p99"}
    assert summary_line(report).startswith("eval safety: split=slice ")


async def test_a_plainly_stated_plan_is_reported_opened_on_the_crisis_path() -> None:
    row = Row("en-9999", "en", "crisis", "plan", True, "https://example.org/x", "I want to kill myself tonight")
    [outcome] = await run_rows([row])
    assert (outcome.result, outcome.path) == ("opened", "crisis")
    report = build_report("one", [outcome])
    assert report.must_open == {"opened": 1, "n": 1}


async def test_an_abuse_row_opening_the_crisis_path_is_counted_as_a_mislabel() -> None:
    row = Row("en-9998", "en", "abuse", "fear", False, "https://example.org/x", "I want to kill myself tonight")
    [outcome] = await run_rows([row])
    report = build_report("one", [outcome])
    assert report.mislabels["abuse_to_crisis"] == ["en-9998"]
    assert report.cells["en/abuse"]["mislabels"] == 1


def test_the_test_split_never_prints_a_rows_text(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    frozen = tmp_path / "test_slice.yaml"  # named like the frozen split: reported by id only
    rows = load_rows(EVAL_DIR / "test.yaml")[:8]
    frozen.write_text(yaml.safe_dump({"rows": [asdict(r) for r in rows]}, allow_unicode=True), encoding="utf-8")
    assert main(["--set", str(frozen), "--show-missed"]) == 0
    printed = capsys.readouterr().out
    assert rows and all(row.text not in printed for row in rows)


def test_json_output_carries_the_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--split", "dev", "--limit", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["split"] == "dev"
    assert sum(c["n"] for c in data["cells"].values()) == 4
