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
    written = write_training({"X": [_row("x-1", dev.text, dev.label, dev.lang), fresh]}, "hand", "# header", tmp_path)
    assert [(row_id, near) for row_id, near, _ in written.near_eval] == [("x-1", dev.id)]
    rows = yaml.safe_load((tmp_path / "en_hand.yaml").read_text(encoding="utf-8"))
    assert rows["benign"] == [fresh.text]


def test_each_written_row_keeps_its_page_as_a_comment(tmp_path: Path) -> None:
    text = "el señor de la ferretería de la esquina me regaló un llavero con forma de tortuga"
    row = _row("x-1", text, "benign", "es")
    write_training({"X": [row]}, "hand", "", tmp_path)
    assert "# https://example.org/page" in (tmp_path / "es_hand.yaml").read_text(encoding="utf-8")


def test_the_same_sentence_from_two_hands_is_written_once(tmp_path: Path) -> None:
    first = _row("x-1", "the pharmacist said two tablets with food, so i set an alarm on my phone", "benign")
    second = _row("y-7", "The pharmacist said two tablets with food so I set an alarm on my phone!!", "benign")
    written = write_training({"X": [first], "Y": [second]}, "hand", "", tmp_path)
    assert [(row_id, near) for row_id, near, _ in written.duplicates] == [("y-7", "x-1")]
    rows = yaml.safe_load((tmp_path / "en_hand.yaml").read_text(encoding="utf-8"))
    assert rows["benign"] == [first.text]


def test_a_row_in_another_language_is_skipped_and_counted(tmp_path: Path) -> None:
    french = _row("x-1", "je range les couteaux dans le tiroir du bas depuis le déménagement", "benign", "fr")
    english = _row("x-2", "i keep the knives in the bottom drawer since we moved house", "benign")
    written = write_training({"X": [french, english]}, "hand", "", tmp_path)
    assert written.other_language == ["x-1"]
    assert not (tmp_path / "fr_hand.yaml").exists()
