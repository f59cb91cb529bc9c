"""Does training material from other hands generalize to a new hand? ``python -m bot.safety.hands``.

Leave-one-hand-out learning curve over outside sets written by independent writers (same columns
as ``tests/safety_eval/dev.yaml``): for each subset of the hands, the model is fitted as
``train.py`` fits it on the shipped corpus plus that subset's rows, then every hand left out is
screened by the real tiers (``TieredScreen.assess``, the engine's first-message screen). Nothing is
written into the project: reports go to ``--out`` (a temporary directory by default), in the shape
of ``python -m bot.safety.evaluate --json`` so ``owncmp.py``-style tools read them.

    PYTHONPATH=. python -m bot.safety.hands A=/path/a.yaml C=/path/c.yaml D=... E=... [--out DIR]
        [--sizes 0,1,2,3] [--own]

``--own`` also screens dev and every ``own_*.yaml`` with the model fitted on all the hands.
``--write TAG`` instead writes the hands' rows as training files ``<lang>_TAG.yaml`` into ``--out``
(source kept as a comment), leaving out any row within trigram Jaccard ``NEAR`` of a dev, own or
short-ordinary evaluation row and writing a row repeated across hands (within ``NEAR`` of one already
written) once; rows in a language other than en/es are skipped and counted.
``tests/safety_eval/test*.yaml`` is refused and never read.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bot.i18n import I18n
from bot.safety.corpus import LABELS, ROOT, training_rows
from bot.safety.evaluate import EVAL_DIR, Outcome, Report, Row, build_report, load_rows
from bot.safety.normalize import normalize
from bot.safety.screen import PhraseScreen
from bot.safety.signals import SignalDetector
from bot.safety.soft import SoftModel, features
from bot.safety.tiers import TieredScreen
from bot.safety.train import THRESHOLDS, fit_features

Features = dict[int, float]
NEAR = 0.75  # tests/test_safety_eval_set.py's near-duplicate line: character-trigram Jaccard


def featurize(texts: Sequence[str], memo: dict[str, Features], locales: Path = ROOT / "locales") -> list[Features]:
    """Featurize like ``train.featurize``. Each text is computed only once per run."""
    todo = [t for t in dict.fromkeys(texts) if t not in memo]
    if todo:
        i18n = I18n(locales)
        detector = SignalDetector(locales, i18n.locales)
        exceptions = PhraseScreen(i18n).exceptions
        for text in todo:
            norm = normalize(text)
            memo[text] = features(norm, detector.found_in(text, norm, exceptions))
    return [memo[t] for t in texts]


def fit(feats: Sequence[Features], labels: Sequence[str]) -> SoftModel:
    """Fit as ``train.fit`` does through its shared core. It returns a ready soft model."""
    return SoftModel.from_json({**fit_features(feats, labels), "thresholds": THRESHOLDS})


def screened(screen: TieredScreen, name: str, rows: Sequence[Row]) -> Report:
    """Screen each row as a first message with the tiers. Outcomes are aggregated as in evaluate."""
    outcomes = []
    for row in rows:
        signal = screen.assess(row.text, row.lang).signal
        if signal is None:
            outcomes.append(Outcome(row, "missed", None, 0.0, 0.0))
        elif signal.level == "ask":
            outcomes.append(Outcome(row, "asked", None, 0.0, 0.0))
        else:
            outcomes.append(Outcome(row, "opened", signal.kind, 0.0, 0.0))
    return build_report(name, outcomes)


def headline(report: Report) -> dict[str, float]:
    """Pick the columns of the curve from a report. These are the figures the brief asks for."""
    cells = report.cells
    out: dict[str, float] = {}
    for lang in ("en", "es"):
        crisis = cells.get(f"{lang}/crisis", {})
        out[f"crisis_caught_{lang}"] = crisis.get("caught_pct", float("nan"))
        out[f"crisis_opened_{lang}"] = crisis.get("opened_pct", float("nan"))
    abuse = [cells[k] for k in ("en/abuse", "es/abuse") if k in cells]
    out["abuse_caught"] = _share(sum(c["opened"] + c["asked"] for c in abuse), sum(c["n"] for c in abuse))
    out["abuse_opened"] = _share(sum(c["opened"] for c in abuse), sum(c["n"] for c in abuse))
    out["must_open"] = _share(report.must_open["opened"], report.must_open["n"])
    benign = [cells[k] for k in ("en/benign", "es/benign") if k in cells]
    n = sum(c["n"] for c in benign)
    out["benign_opened"] = _share(sum(c["opened"] for c in benign), n)
    out["benign_asked"] = _share(sum(c["asked"] for c in benign), n)
    out["mislabels"] = float(len(report.mislabels["crisis_to_abuse"]) + len(report.mislabels["abuse_to_crisis"]))
    return out


def _share(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else float("nan")


def curve(hands: dict[str, list[Row]], sizes: Sequence[int], out: Path, own: bool) -> list[dict[str, object]]:
    """Fit once per subset of hands and screen every hand left out. One record is kept per pair."""
    corpus = training_rows()
    memo: dict[str, Features] = {}
    base_texts = [r.text for r in corpus]
    base_feats = featurize(base_texts, memo)
    screen: TieredScreen | None = None
    records: list[dict[str, object]] = []
    names = sorted(hands)
    subsets = [s for k in sizes for s in itertools.combinations(names, k)]
    if own and tuple(names) not in subsets:
        subsets.append(tuple(names))
    for subset in subsets:
        start = time.perf_counter()
        seen = {t.strip().casefold() for t in base_texts}
        texts, labels = list(base_texts), [r.label for r in corpus]
        feats = list(base_feats)
        for name in subset:
            extra = [r for r in hands[name] if r.text.strip().casefold() not in seen]
            seen.update(r.text.strip().casefold() for r in extra)
            texts += [r.text for r in extra]
            labels += [r.label for r in extra]
            feats += featurize([r.text for r in extra], memo)
        model = fit(feats, labels)
        if screen is None:
            screen = TieredScreen(I18n(ROOT / "locales"), model)
        screen.model = model
        tag = "+".join(subset) or "none"
        held = [n for n in names if n not in subset]
        for name in held:
            report = screened(screen, name, hands[name])
            (out / f"{tag}__{name}.json").write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
            records.append({"trained": tag, "k": len(subset), "held": name, **headline(report)})
        if own and len(subset) == len(names):
            own_dir = out / f"own_{tag}"
            own_dir.mkdir(exist_ok=True)
            for path in [EVAL_DIR / "dev.yaml", *sorted(EVAL_DIR.glob("own_*.yaml"))]:
                report = screened(screen, path.stem, load_rows(path))
                (own_dir / f"{path.stem}.json").write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1),
                                                           encoding="utf-8")
        print(f"fitted +{tag} ({len(texts)} rows) in {time.perf_counter() - start:.0f}s", file=sys.stderr)
    (out / "curve.json").write_text(json.dumps(records, indent=1), encoding="utf-8")
    return records


COLUMNS = ("crisis_caught_en", "crisis_opened_en", "crisis_caught_es", "crisis_opened_es", "abuse_caught",
           "abuse_opened", "must_open", "benign_opened", "benign_asked", "mislabels")


def table(records: Sequence[dict[str, object]]) -> str:
    """Average the records per held-out hand and size. The last rows average over all hands."""
    lines = ["| held | k | subsets | " + " | ".join(COLUMNS) + " |", "|" + "---|" * (len(COLUMNS) + 3)]
    helds = [*sorted({str(r["held"]) for r in records}), "mean"]
    for held in helds:
        for k in sorted({int(r["k"]) for r in records}):  # type: ignore[call-overload]
            mine = [r for r in records if r["k"] == k and (held == "mean" or r["held"] == held)]
            if not mine:
                continue
            means = [sum(float(r[c]) for r in mine) / len(mine) for c in COLUMNS]  # type: ignore[arg-type]
            lines.append(f"| {held} | {k} | {len(mine)} | " + " | ".join(f"{m:.1f}" for m in means) + " |")
    return "\n".join(lines)


def trigrams(text: str) -> frozenset[str]:
    """Character trigrams as in the eval-set test. Accents and punctuation are dropped first."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    padded = " " + " ".join(re.sub(r"[^\w\s]", " ", text).split()) + " "
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def evaluation_rows() -> list[Row]:
    """Load dev, short ordinary and own rows. The frozen test files are never read here."""
    paths = [EVAL_DIR / "dev.yaml", EVAL_DIR / "short_ordinary.yaml", *sorted(EVAL_DIR.glob("own_*.yaml"))]
    return [row for path in paths if not path.name.startswith("test") for row in load_rows(path)]


@dataclass
class Written:
    """What a write kept out of the files and why. Each list names the rows it left out."""

    near_eval: list[tuple[str, str, float]] = field(default_factory=list)  # (row, eval row, Jaccard)
    duplicates: list[tuple[str, str, float]] = field(default_factory=list)  # (row, row kept, Jaccard)
    other_language: list[str] = field(default_factory=list)


def write_training(hands: dict[str, list[Row]], tag: str, header: str, out: Path,
                   langs: Sequence[str] = ("en", "es")) -> Written:
    """Write one training file per language from the rows. Eval look-alikes and repeats are left out."""
    held = [(row.id, trigrams(row.text)) for row in evaluation_rows()]
    by_lang: dict[str, dict[str, list[tuple[str, str]]]] = {lang: {} for lang in langs}
    # Two writers rephrasing the same warning sign can meet on one sentence: a row within NEAR of a row
    # already kept (any hand, same language) would weigh that sentence twice, so the first one is kept.
    kept: dict[str, list[tuple[str, frozenset[str]]]] = {lang: [] for lang in langs}
    written = Written()
    for rows in hands.values():
        for row in rows:
            if row.lang not in by_lang:
                written.other_language.append(row.id)
                continue
            mine = trigrams(row.text)
            score, near = _nearest(mine, held)
            if score >= NEAR:
                written.near_eval.append((row.id, near, round(score, 2)))
                continue
            score, near = _nearest(mine, kept[row.lang])
            if score >= NEAR:
                written.duplicates.append((row.id, near, round(score, 2)))
                continue
            kept[row.lang].append((row.id, mine))
            by_lang[row.lang].setdefault(row.label, []).append((row.text.strip(), row.source))
    for lang, labels in by_lang.items():
        lines = [header.rstrip("\n")]
        for label in LABELS:
            lines.append(f"{label}:")
            for text, source in labels.get(label, []):
                item = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar, quotes and all
                lines.append(f"  - {item}  # {source}" if source else f"  - {item}")
        (out / f"{lang}_{tag}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def _nearest(mine: frozenset[str], others: Sequence[tuple[str, frozenset[str]]]) -> tuple[float, str]:
    return max(((len(mine & theirs) / len(mine | theirs), row_id) for row_id, theirs in others), default=(0.0, ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety.hands", description=__doc__.splitlines()[0])
    parser.add_argument("hands", nargs="+", help="NAME=PATH, one per hand (evaluation columns)")
    parser.add_argument("--sizes", default="0,1,2,3", help="how many other hands to train on, comma-separated")
    parser.add_argument("--out", help="directory for the reports (default: a new temporary one)")
    parser.add_argument("--own", action="store_true", help="screen dev and own_* with the all-hands model")
    parser.add_argument("--write", metavar="TAG", help="write training files <lang>_TAG.yaml instead of a curve")
    parser.add_argument("--header", help="a file whose text heads each training file (comment lines)")
    args = parser.parse_args(argv)
    hands: dict[str, list[Row]] = {}
    for spec in args.hands:
        name, _, path = spec.partition("=")
        if not path or Path(path).name.startswith("test"):
            parser.error(f"{spec}: expected NAME=PATH (never a frozen test file)")
        hands[name] = load_rows(Path(path))
    out = Path(args.out or tempfile.mkdtemp(prefix="groundwork-hands-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.write:
        header = Path(args.header).read_text(encoding="utf-8") if args.header else ""
        written = write_training(hands, args.write, header, out)
        for row_id, near, score in written.near_eval:
            print(f"left out {row_id}: trigram Jaccard {score} with {near}")
        for row_id, near, score in written.duplicates:
            print(f"repeat {row_id}: trigram Jaccard {score} with {near}, written once")
        if written.other_language:
            print(f"skipped {len(written.other_language)} rows in a language other than en/es")
        return 0
    records = curve(hands, [int(s) for s in args.sizes.split(",")], out, args.own)
    print(table(records))
    print(f"reports in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
