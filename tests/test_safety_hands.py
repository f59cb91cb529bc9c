"""Outside rows are written out as training files. No evaluation row leaks into them."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.safety.evaluate import EVAL_DIR, Row, load_rows
from bot.safety.hands import write_training


def _row(row_id: str, text: str, label: str = "crisis", lang: str = "en") -> Row:
    return Row(row_id, lang, label, "plan", False, "https://example.org/page", text)


def test_a_row_that_copies_a_dev_row_is_left_out_and_the_rest_is_written(tmp_path: Path) -> None:
    dev = load_rows(EVAL_DIR / "dev.yaml")[0]
    fresh = _row("x-2", 'the ferry timetable says "last boat at 11", ok: i wrote it down', "benign")
    left_out = write_training({"X": [_row("x-1", dev.text, dev.label, dev.lang), fresh]}, "hand", "# header", tmp_path)
    assert [(row_id, near) for row_id, near, _ in left_out] == [("x-1", dev.id)]
    written = yaml.safe_load((tmp_path / "en_hand.yaml").read_text(encoding="utf-8"))
    assert written["benign"] == [fresh.text]


def test_each_written_row_keeps_its_page_as_a_comment(tmp_path: Path) -> None:
    text = "el señor de la ferretería de la esquina me regaló un llavero con forma de tortuga"
    row = _row("x-1", text, "benign", "es")
    write_training({"X": [row]}, "hand", "", tmp_path)
    assert "# https://example.org/page" in (tmp_path / "es_hand.yaml").read_text(encoding="utf-8")
