"""Run labelled first messages through the real engine and report what each person got.

``python -m bot.safety.evaluate [--split dev|test|PATH] [--set PATH] [--json] [--show-missed]``

Every row is the first message of a fresh console conversation (a new user on one temporary
SQLite store, the engine built by ``bot.app.build_app`` exactly as ``python -m bot chat`` builds
it). What came back is ``opened`` (a ``crisis`` or ``abuse`` reply), ``asked`` (the
``safety_check`` question) or ``missed``. The test split's text is never printed, only ids,
so whoever tunes the detector can run it without reading the rows (tests/safety_eval/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.adapters.console import ConsoleSession
from bot.app import Settings, build_app
from bot.clock import FakeClock
from bot.events import UserKey

ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = ROOT / "tests" / "safety_eval"
LABELS = ("crisis", "abuse", "benign")
LANGS = ("en", "es")
SALT = "groundwork-safety-eval-2026-11-29"  # fixed: changing it re-deals the frozen split
DEV_SHARE = 0.45
START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled message (columns described in tests/safety_eval/README.md)."""

    id: str
    lang: str
    label: str
    subclass: str
    must_open: bool
    source: str
    text: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the person who sent ``row`` got back, and how long it took."""

    row: Row
    result: str  # opened | asked | missed
    path: str | None  # crisis | abuse when opened
    screen_ms: float
    engine_ms: float


def load_rows(path: Path) -> list[Row]:
    """Rows of an evaluation file: a YAML mapping with a ``rows`` list (or a bare list)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("rows", []) if isinstance(data, dict) else data
    rows = []
    for item in items or []:
        rows.append(Row(
            id=str(item["id"]), lang=str(item.get("lang", "en")), label=str(item.get("label", "benign")),
            subclass=str(item.get("subclass", "short_ordinary")), must_open=bool(item.get("must_open", False)),
            source=str(item.get("source", "")), text=str(item["text"]),
        ))
    return rows


def split_of(row_id: str) -> float:
    """A stable number in [0, 1) for an id: where it falls in its stratum's order."""
    digest = hashlib.sha256(f"{SALT}:{row_id}".encode()).hexdigest()
    return int(digest[:12], 16) / float(1 << 48)


def assign_split(rows: Iterable[Row]) -> tuple[list[Row], list[Row]]:
    """Deterministic stratified split: in each (lang, label), the ~45% lowest hashes go to dev."""
    strata: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        strata.setdefault((row.lang, row.label), []).append(row)
    dev: list[Row] = []
    test: list[Row] = []
    for key in sorted(strata):
        ordered = sorted(strata[key], key=lambda r: (split_of(r.id), r.id))
        cut = round(len(ordered) * DEV_SHARE)
        dev += ordered[:cut]
        test += ordered[cut:]
    return dev, test


def _screen_only(engine: Any, text: str, lang: str) -> float:
    """Milliseconds spent in the safety tiers alone: the phrase screen and any model interceptor."""
    start = time.perf_counter()
    engine.safety.screen(text, lang)
    for intercept in engine.interceptors:
        model = getattr(intercept, "model", None)
        if model is not None and hasattr(model, "concerned"):
            model.concerned(text)
    return (time.perf_counter() - start) * 1000


def classify(replies: Sequence[Any]) -> tuple[str, str | None]:
    """``opened`` with the path, ``asked`` for the safety-check question, else ``missed``."""
    for reply in replies:
        if reply.kind in ("crisis", "abuse"):
            return "opened", reply.kind
    if any(reply.flow == "safety_check" for reply in replies):
        return "asked", None
    return "missed", None


async def run_rows(rows: Sequence[Row]) -> list[Outcome]:
    """Send each row as the first message of its own fresh console conversation (``ConsoleSession``)."""
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="groundwork-eval-") as tmp:
        clock = FakeClock(START)
        app = await build_app(Settings.from_env(db_path=str(Path(tmp) / "eval.sqlite3")), clock=clock)
        try:
            for index, row in enumerate(rows):
                session = ConsoleSession(engine=app.engine, clock=clock, lang=row.lang,
                                         user=UserKey("console", f"eval-{index}"), out_dir=Path(tmp))
                screen_ms = _screen_only(app.engine, row.text, row.lang)
                start = time.perf_counter()
                replies = await session.handle_line(row.text)
                engine_ms = (time.perf_counter() - start) * 1000
                result, path = classify(replies)
                outcomes.append(Outcome(row, result, path, screen_ms, engine_ms))
        finally:
            await app.close()
    return outcomes


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1], 3)


@dataclass
class Report:
    """Counts by (lang, label), the rows worth a second look (by id), and timings."""

    split: str
    cells: dict[str, dict[str, Any]] = field(default_factory=dict)
    must_open: dict[str, int] = field(default_factory=dict)
    mislabels: dict[str, list[str]] = field(default_factory=dict)
    missed_ids: list[str] = field(default_factory=list)
    benign_flagged_ids: list[str] = field(default_factory=list)
    missed_by_subclass: dict[str, int] = field(default_factory=dict)
    short: dict[str, Any] = field(default_factory=dict)
    timing_ms: dict[str, float] = field(default_factory=dict)


SELF_HARM_SUBCLASSES = frozenset({
    "plan", "means", "time_frame", "self_harm_act", "self_harm_habit", "hopelessness", "burden",
    "disappear", "goodbye", "passive_wish", "method_search", "past_attempt", "ideation",
})


def build_report(split: str, outcomes: Sequence[Outcome], short: Sequence[Outcome] = ()) -> Report:
    """Aggregate outcomes into the per-language, per-class figures the table prints."""
    report = Report(split=split)
    for lang in LANGS:
        for label in LABELS:
            mine = [o for o in outcomes if o.row.lang == lang and o.row.label == label]
            if not mine:
                continue
            opened = sum(o.result == "opened" for o in mine)
            asked = sum(o.result == "asked" for o in mine)
            missed = sum(o.result == "missed" for o in mine)
            wrong = [o for o in mine if label in ("crisis", "abuse") and o.path not in (None, label)]
            report.cells[f"{lang}/{label}"] = {
                "lang": lang, "label": label, "n": len(mine), "opened": opened, "asked": asked,
                "missed": missed, "mislabels": len(wrong), "opened_pct": _pct(opened, len(mine)),
                "asked_pct": _pct(asked, len(mine)), "caught_pct": _pct(opened + asked, len(mine)),
            }
    must = [o for o in outcomes if o.row.must_open]
    report.must_open = {"opened": sum(o.result == "opened" for o in must), "n": len(must)}
    report.mislabels = {
        "crisis_to_abuse": [o.row.id for o in outcomes if o.row.label == "crisis" and o.path == "abuse"],
        "abuse_to_crisis": [o.row.id for o in outcomes if o.row.label == "abuse" and o.path == "crisis"],
        "self_harm_to_abuse": [o.row.id for o in outcomes if o.row.label == "crisis" and o.path == "abuse"
                               and o.row.subclass in SELF_HARM_SUBCLASSES],
        "must_open_not_opened": [o.row.id for o in must if o.result != "opened"],
    }
    risky = [o for o in outcomes if o.row.label != "benign"]
    report.missed_ids = [o.row.id for o in risky if o.result == "missed"]
    for o in risky:
        if o.result == "missed":
            key = f"{o.row.label}/{o.row.subclass}"
            report.missed_by_subclass[key] = report.missed_by_subclass.get(key, 0) + 1
    report.benign_flagged_ids = [o.row.id for o in outcomes if o.row.label == "benign" and o.result != "missed"]
    report.short = {
        "n": len(short), "asked": [o.row.id for o in short if o.result == "asked"],
        "opened": [o.row.id for o in short if o.result == "opened"],
    }
    screen = [o.screen_ms for o in [*outcomes, *short]]
    engine = [o.engine_ms for o in [*outcomes, *short]]
    report.timing_ms = {
        "screen_p50": _quantile(screen, 0.5), "screen_p99": _quantile(screen, 0.99),
        "engine_p50": _quantile(engine, 0.5), "engine_p99": _quantile(engine, 0.99),
    }
    return report


def summary_line(report: Report) -> str:
    """One greppable line to compare run to run (``eval safety: …``)."""
    parts = [f"eval safety: split={report.split}"]
    for lang in LANGS:
        for label in ("crisis", "abuse"):
            cell = report.cells.get(f"{lang}/{label}")
            if cell:
                parts.append(f"{label}_caught_{lang}={cell['caught_pct']}")
                parts.append(f"{label}_opened_{lang}={cell['opened_pct']}")
    benign = [c for c in report.cells.values() if c["label"] == "benign"]
    n_benign = sum(c["n"] for c in benign)
    parts.append(f"benign_opened={_pct(sum(c['opened'] for c in benign), n_benign)}")
    parts.append(f"benign_asked={_pct(sum(c['asked'] for c in benign), n_benign)}")
    parts.append(f"must_open={report.must_open['opened']}/{report.must_open['n']}")
    risky = sum(c["n"] for c in report.cells.values() if c["label"] != "benign")
    wrong = len(report.mislabels["crisis_to_abuse"]) + len(report.mislabels["abuse_to_crisis"])
    parts.append(f"mislabels={wrong}/{risky}")
    parts.append(f"short_asked={len(report.short['asked'])}/{report.short['n']}")
    parts.append(f"short_opened={len(report.short['opened'])}/{report.short['n']}")
    parts.append(f"screen_p50_ms={report.timing_ms['screen_p50']} screen_p99_ms={report.timing_ms['screen_p99']}")
    return " ".join(parts)


def render(report: Report, texts: dict[str, str] | None = None) -> str:
    """The human table; ``texts`` (id → text) only when the split may be read."""
    out = [f"safety evaluation: {report.split}", "",
           "| lang | class | n | opened | asked | caught | missed | mislabels |",
           "|---|---|---|---|---|---|---|---|"]
    for cell in report.cells.values():
        out.append(f"| {cell['lang']} | {cell['label']} | {cell['n']} | {cell['opened_pct']}% | "
                   f"{cell['asked_pct']}% | {cell['caught_pct']}% | {cell['missed']} | {cell['mislabels']} |")
    mis = report.mislabels
    out += [
        "",
        f"must_open rows opened: {report.must_open['opened']}/{report.must_open['n']}",
        f"crisis -> abuse path: {len(mis['crisis_to_abuse'])} {mis['crisis_to_abuse']}",
        f"abuse -> crisis path: {len(mis['abuse_to_crisis'])} {mis['abuse_to_crisis']}",
        f"self-harm subclasses sent to the abuse path: {mis['self_harm_to_abuse']}",
        f"must_open rows not opened: {mis['must_open_not_opened']}",
        f"short ordinary messages: asked {len(report.short['asked'])}/{report.short['n']} {report.short['asked']}, "
        f"opened {len(report.short['opened'])}/{report.short['n']} {report.short['opened']}",
        f"time per message: screen only p50={report.timing_ms['screen_p50']} ms "
        f"p99={report.timing_ms['screen_p99']} ms; whole engine turn p50={report.timing_ms['engine_p50']} ms "
        f"p99={report.timing_ms['engine_p99']} ms",
        "missed by subclass: " + ", ".join(f"{k}={v}" for k, v in sorted(report.missed_by_subclass.items())),
        f"missed ids: {report.missed_ids}",
        f"benign rows opened or asked: {report.benign_flagged_ids}",
    ]
    if texts is not None:
        out += ["", "missed and flagged rows (text):"]
        out += [f"  {i}: {texts[i]}" for i in [*report.missed_ids, *report.benign_flagged_ids]]
    out += ["", summary_line(report)]
    return "\n".join(out)


def resolve(split: str) -> Path:
    """``dev`` / ``test`` name the shipped files; anything else is a path."""
    return EVAL_DIR / f"{split}.yaml" if split in ("dev", "test") else Path(split)


def readable(path: Path) -> bool:
    """Frozen test files (``test*.yaml``) are reported by id only, never by text."""
    return not path.name.startswith("test")


SHORT_ORDINARY = EVAL_DIR / "short_ordinary.yaml"


async def evaluate(name: str, rows: Sequence[Row], short_rows: Sequence[Row] = ()) -> Report:
    """Run the rows (and the short ordinary messages) and build the report."""
    outcomes = await run_rows([*rows, *short_rows])
    return build_report(name, outcomes[:len(rows)], outcomes[len(rows):])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help="dev, test, or a path to a file with the same columns")
    parser.add_argument("--set", dest="set_path", help="any file with the same columns (overrides --split)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--show-missed", action="store_true", help="list missed rows' text (never for test*)")
    parser.add_argument("--limit", type=int, help="only the first N rows")
    args = parser.parse_args(argv)
    path = Path(args.set_path) if args.set_path else resolve(args.split)
    if not path.exists():
        print(f"no such evaluation file: {path}", file=sys.stderr)
        return 2
    rows = load_rows(path)[:args.limit]
    short_rows = load_rows(SHORT_ORDINARY) if SHORT_ORDINARY.exists() else []
    name = path.stem if path.parent.resolve() == EVAL_DIR else str(path)
    report = asyncio.run(evaluate(name, rows, short_rows))
    if args.json:
        print(json.dumps(asdict(report), ensure_ascii=False, indent=2))
        return 0
    texts = None
    if args.show_missed and readable(path):
        texts = {row.id: row.text for row in load_rows(path)}
    elif args.show_missed:
        print("(test split: ids only, never text)", file=sys.stderr)
    print(render(report, texts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
