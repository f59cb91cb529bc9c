"""Accuracy of topic and partner-signal detection on ``tests/topics_eval``, per language.

``python -m bot.care.evaluate_topics --split dev`` (or ``test``): topic right, partner signal
right, signal recall on the rows that carry one, and whether each message goes where it
should (a question to the bot to a reflection, a report of asking to the trigger flow).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.care.reflection import wants_reflection
from bot.i18n import I18n
from bot.topics import TopicDetector

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "topics_eval"
TOPICS = ("texting", "monitoring", "comparison", "jealousy", "reassurance", "partner", "other")
SIGNALS = ("lying", "hot_cold", "dismissal", "hidden_contact", "none")


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled first message."""

    id: str
    lang: str
    region: str
    topic: str
    signal: str
    kind: str
    text: str
    source: str

    @property
    def reflects(self) -> bool:
        """A question put to the bot is handed back, unless it comes with a real partner signal."""
        return self.kind == "direct_question" and self.signal == "none"


def load_rows(split: str, directory: Path = EVAL) -> list[Row]:
    lines = (directory / f"{split}.tsv").read_text(encoding="utf-8").splitlines()
    return [Row(*line.split("\t")) for line in lines[1:] if line.strip()]


@dataclass(slots=True)
class Tally:
    """Counts for one language."""

    n: int = 0
    topic: int = 0
    signal: int = 0
    signal_rows: int = 0
    signal_found: int = 0
    route: int = 0


def evaluate(rows: list[Row], topics: TopicDetector, i18n: I18n,
             misses: list[str] | None = None) -> tuple[dict[str, Tally], float]:
    """Tally per language; returns the tallies and the mean time per message in ms."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    started = time.perf_counter()
    for row in rows:
        reading = topics.read(row.text)
        reflects = wants_reflection(i18n, topics, row.text)
        t = tallies[row.lang]
        t.n += 1
        t.topic += reading.topic == row.topic
        t.signal += reading.signal == row.signal
        t.route += reflects == row.reflects
        if row.signal != "none":
            t.signal_rows += 1
            t.signal_found += reading.signal == row.signal
        if misses is not None and (reading.topic, reading.signal, reflects) != (row.topic, row.signal, row.reflects):
            misses.append(f"{row.id} {row.lang} want {row.topic}/{row.signal}/{'refl' if row.reflects else 'trig'}"
                          f" got {reading.topic}/{reading.signal}/{'refl' if reflects else 'trig'}: {row.text}")
    elapsed_ms = (time.perf_counter() - started) * 1000 / max(1, len(rows))
    return dict(tallies), elapsed_ms


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "dev2", "test"), default="dev")
    parser.add_argument("--misses", action="store_true", help="list the rows read wrongly (dev only)")
    args = parser.parse_args(argv)
    if args.misses and args.split == "test":
        parser.error("the test split is only reported on; study the dev split")
    i18n = I18n(ROOT / "locales")
    topics = TopicDetector(i18n)
    misses: list[str] = []
    tallies, ms = evaluate(load_rows(args.split), topics, i18n, misses if args.misses else None)
    print(f"split {args.split}")
    print("| lang | n | topic right | signal right | signal recall | route right |")
    print("| --- | --- | --- | --- | --- | --- |")
    for lang in sorted(tallies):
        t = tallies[lang]
        print(f"| {lang} | {t.n} | {_pct(t.topic, t.n)} | {_pct(t.signal, t.n)} | "
              f"{_pct(t.signal_found, t.signal_rows)} ({t.signal_found}/{t.signal_rows}) | {_pct(t.route, t.n)} |")
    print(f"time per message: {ms:.3f} ms")
    for miss in misses:
        print(miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
