"""Choose the safety model and its thresholds by measurement: ``python -m bot.safety.selection``.

Offline and deterministic (fixed seed). Two kinds of evidence, neither from the frozen test split
(``tests/safety_eval/test.yaml`` is never read here):

- **grouped cross-validation on the training rows**: a paraphrase family never straddles a
  fold. Rows filled from one template are one group, and rows whose word sets overlap by half or
  more (near duplicates, paraphrases written side by side) are joined into the same group;
  ``--by-source`` holds out whole training files instead (harsher: a family's vocabulary leaves
  with it). Every row is screened by the real tiers with its out-of-fold probabilities.
- **the held-out sets**: ``tests/safety_eval/own_*.yaml`` and ``dev.yaml``, screened with a
  model trained on every training row.

Prints one table row per variant (feature set, loss, regularisation, class weights) and, with
``--thresholds``, the threshold grid chosen on the cross-validated outcomes.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import math
import pickle
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from bot.i18n import I18n
from bot.safety import tiers as tiers_module
from bot.safety.augment import Copy, copies
from bot.safety.corpus import LABELS, SEED, TRAINING, Row, templated_with_sources, training_rows
from bot.safety.evaluate import EVAL_DIR, load_rows
from bot.safety.fingerprint import ROOT, fingerprint
from bot.safety.screen import SafetySignal
from bot.safety.soft import CLASSES, DIMENSIONS, SPEC, FeatureSpec, Thresholds, features
from bot.safety.tiers import TieredScreen
from bot.safety.train import THRESHOLDS

HELD_OUT = ("own_crisis_a", "own_crisis_b", "own_crisis_c", "own_abuse_a", "own_abuse_b", "dev")
FOLDS = 5
MAX_GROUP = 40  # rows in one paraphrase group at most
NEAR_DUPLICATE = 0.5  # word-set Jaccard at which two rows count as one paraphrase family
_SLOT = re.compile(r"\{(\w+)\}")


# ---------------------------------------------------------------- groups


def template_groups(directory: Path = TRAINING) -> dict[str, str]:
    """Casefolded text of each templated row -> the template it was filled from."""
    out: dict[str, str] = {}
    for row, template in templated_with_sources(directory):
        out.setdefault(row.text.strip().casefold(), template)
    return out


def paraphrase_groups(rows: Sequence[Row], norms: Sequence[str]) -> list[int]:
    """A group number per row: same template, or a chain of near-duplicate word sets."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    by_template: dict[str, int] = {}
    templates = template_groups()
    for i, row in enumerate(rows):
        name = templates.get(row.text.strip().casefold())
        if name is not None:
            join(i, by_template.setdefault(name, i))
    words = [frozenset(n.split()) for n in norms]
    size = [0] * len(rows)
    for i in range(len(rows)):
        size[root(i)] += 1
    index: dict[tuple[str, ...], list[int]] = {}
    for i, norm in enumerate(norms):
        tokens = norm.split()
        for shingle in {tuple(tokens[k:k + 2]) for k in range(max(1, len(tokens) - 1))}:
            index.setdefault(shingle, []).append(i)
    pairs: dict[tuple[int, int], float] = {}
    for members in index.values():
        if len(members) > 60:  # "i'm going", "me va": too common to say two rows are paraphrases
            continue
        for i, j in itertools.combinations(members, 2):
            shared = len(words[i] & words[j])
            similarity = shared / len(words[i] | words[j])
            if shared >= 2 and similarity >= NEAR_DUPLICATE:
                pairs[(i, j)] = similarity
    # Closest pairs first, and no group past MAX_GROUP rows: chains of half-overlapping short
    # messages otherwise joined a quarter of the corpus into each of two "families".
    for (i, j), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        a, b = root(i), root(j)
        if a != b and size[a] + size[b] <= MAX_GROUP:
            parent[a] = b
            size[b] += size[a]
    return [root(i) for i in range(len(rows))]


def folds_of(groups: Sequence[Any], labels: Sequence[str], k: int = FOLDS) -> list[int]:
    """Fold per row: whole groups, dealt largest first to the fold with fewest rows of their label."""
    members: dict[Any, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    order = sorted(members, key=lambda g: (-len(members[g]), str(g)))
    random.Random(SEED).shuffle(order)
    order.sort(key=lambda g: -len(members[g]))  # stable: ties stay shuffled
    load = [dict.fromkeys(LABELS, 0) for _ in range(k)]
    fold = [0] * len(groups)
    for g in order:
        label = labels[members[g][0]]
        best = min(range(k), key=lambda f: (load[f][label], sum(load[f].values())))
        for i in members[g]:
            fold[i] = best
            load[best][labels[i]] += 1
    return fold


# ---------------------------------------------------------------- screening with given probabilities


@dataclass
class Screened:
    """What the tiers need from one message besides the model: cached once, replayed per variant."""

    label: str
    lang: str
    must_open: bool
    norm: str = ""
    found: frozenset[str] = frozenset()
    fixed: SafetySignal | None = None  # the outcome when the model is not consulted
    hard: SafetySignal | None = None  # a phrase-list abuse match the model may turn into a question
    needs_model: bool = False
    train_norm: str = ""  # training rows: what train.py featurises (every row, whatever the tiers do)
    train_found: frozenset[str] = frozenset()


class _Recorder:
    thresholds = Thresholds(2.0, 2.0, 2.0)

    def __init__(self) -> None:
        self.calls = 0

    def probabilities(self, feats: dict[int, float]) -> dict[str, float]:
        self.calls += 1
        return {"crisis": 0.0, "abuse": 0.0, "benign": 1.0}


def cache_screening(screen: TieredScreen, items: Sequence[tuple[str, str, str, bool]]) -> list[Screened]:
    """Run the tiers once per (text, lang, label, must_open) and keep what the model would see."""
    recorder = _Recorder()
    seen: list[tuple[str, frozenset[str]]] = []
    original_model, original_features = screen.model, tiers_module.features

    def spy(norm: str, categories: Any = ()) -> dict[int, float]:
        seen.append((norm, frozenset(categories)))
        return {}

    screen.model = recorder  # type: ignore[assignment]
    tiers_module.features = spy  # type: ignore[assignment]
    out = []
    try:
        for text, lang, label, must in items:
            seen.clear()
            recorder.calls = 0
            assessment = screen.assess(text, lang)
            item = Screened(label, lang, must)
            if recorder.calls:
                item.norm, item.found = seen[-1]
                item.needs_model = True
                hard = screen.phrases.screen(text, lang)
                item.hard = hard if hard is not None and hard.kind == "abuse" else None
            else:
                item.fixed = assessment.signal
            out.append(item)
    finally:
        screen.model = original_model
        tiers_module.features = original_features
    return out


@dataclass
class Limits:
    """Every threshold the tiers read: the model file's three and the constants in tiers.py."""

    open_crisis: float = THRESHOLDS["open_crisis"]
    open_abuse: float = THRESHOLDS["open_abuse"]
    ask: float = THRESHOLDS["ask"]
    lean_open: float = tiers_module.LEAN_OPEN
    model_alone: float = tiers_module.MODEL_ALONE_OPEN
    control_open: float = tiers_module.CONTROL_OPEN


def replay(screen: TieredScreen, items: Sequence[Screened], probs: Sequence[dict[str, float] | None],
           limits: Limits) -> list[tuple[str, str | None]]:
    """(result, path) per item: opened/asked/missed as the tiers decide with these probabilities."""
    saved = (tiers_module.LEAN_OPEN, tiers_module.MODEL_ALONE_OPEN, tiers_module.CONTROL_OPEN, screen.model)
    tiers_module.LEAN_OPEN, tiers_module.MODEL_ALONE_OPEN = limits.lean_open, limits.model_alone
    tiers_module.CONTROL_OPEN = limits.control_open
    holder = _Recorder()
    holder.thresholds = Thresholds(limits.open_crisis, limits.open_abuse, limits.ask)
    screen.model = holder  # type: ignore[assignment]
    out: list[tuple[str, str | None]] = []
    try:
        for item, p in zip(items, probs, strict=True):
            if not item.needs_model:
                signal = item.fixed
            elif item.hard is not None:
                doubt = tiers_module._self_harm_doubt(item.found, p)  # type: ignore[arg-type]
                signal = SafetySignal("crisis", item.hard.reason, "ask", "model") if doubt else item.hard
            else:
                signal = screen._decide(item.found, p, item.lang)  # type: ignore[arg-type]
            if signal is None:
                out.append(("missed", None))
            elif signal.level == "ask":
                out.append(("asked", None))
            else:
                out.append(("opened", signal.kind))
    finally:
        tiers_module.LEAN_OPEN, tiers_module.MODEL_ALONE_OPEN, tiers_module.CONTROL_OPEN, screen.model = saved
    return out


class Labelled(Protocol):
    """What ``figures`` reads of a message: its class, its language, and whether it must open."""

    @property
    def label(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def must_open(self) -> bool: ...


def pct(cond: Sequence[bool]) -> float:
    """Share of true values in percent (nan when there are none)."""
    return 100.0 * sum(cond) / len(cond) if cond else float("nan")


def figures(items: Sequence[Labelled], results: Sequence[tuple[str, str | None]], *,
            by_lang: bool = True) -> dict[str, float]:
    """Percentages by the issue's targets: caught/opened per class (and language), benign, mislabels."""
    pairs = list(zip(items, results, strict=True))
    out: dict[str, float] = {}
    for label in ("crisis", "abuse"):
        for lang in ("en", "es") if by_lang else ("",):
            mine = [r for i, r in pairs if i.label == label and lang in ("", i.lang)]
            suffix = f"_{lang}" if lang else ""  # per language, or all messages of the class at once
            out[f"{label}_caught{suffix}"] = pct([r[0] != "missed" for r in mine])
            out[f"{label}_opened{suffix}"] = pct([r[0] == "opened" for r in mine])
    benign = [r for i, r in pairs if i.label == "benign"]
    out["benign_opened"] = pct([r[0] == "opened" for r in benign])
    out["benign_asked"] = pct([r[0] == "asked" for r in benign])
    risky = [(i, r) for i, r in pairs if i.label != "benign"]
    out["mislabels"] = pct([r[1] is not None and r[1] != i.label for i, r in risky])
    must = [r for i, r in pairs if i.must_open]
    out["must_open"] = pct([r[0] == "opened" for r in must])
    return out


# ---------------------------------------------------------------- variants


@dataclass(frozen=True)
class Variant:
    """One candidate: the features it reads and how its weights are fitted."""

    name: str
    spec: FeatureSpec = SPEC
    loss: str = "logistic"  # logistic | svm | huber (the last two with Platt scaling per class)
    c: float = 8.0
    balanced: bool = True
    # Each training row also without its detector categories: the detector was written knowing
    # the training rows, so without this the model learns "no category, no risk", which is
    # exactly the case of wording nobody wrote a pattern for.
    dropout: bool = False
    # Rewritten copies of every training row (bot.safety.augment recipe, "" for none): in a fold,
    # only copies of that fold's training rows (and of its benign padding) are fitted on.
    augment: str = ""
    # The copies keep their source row's detector categories (only the n-grams change): typos
    # otherwise take the categories away and the model learns "no category" on look-alikes too.
    keep_categories: bool = False


VARIANTS = (
    Variant("shipped (char 2-5, words, pairs, cat x3, C=8, balanced)"),
    Variant("C=2", c=2.0),
    Variant("C=4", c=4.0),
    Variant("C=16", c=16.0),
    Variant("C=32", c=32.0),
    Variant("no class weights", balanced=False),
    Variant("char 1-4", spec=replace(SPEC, ngrams=(1, 2, 3, 4))),
    Variant("char 2-4", spec=replace(SPEC, ngrams=(2, 3, 4))),
    Variant("char 3-5", spec=replace(SPEC, ngrams=(3, 4, 5))),
    Variant("char 2-6", spec=replace(SPEC, ngrams=(2, 3, 4, 5, 6))),
    Variant("no word pairs", spec=replace(SPEC, pairs=False)),
    Variant("+ stems", spec=replace(SPEC, stem=True)),
    Variant("+ negation marks", spec=replace(SPEC, negation=True)),
    Variant("categories x1", spec=replace(SPEC, category_weight=1.0)),
    Variant("categories x5", spec=replace(SPEC, category_weight=5.0)),
    Variant("+ cross-word char 4-5", spec=replace(SPEC, across=(4, 5))),
    Variant("categories x0 (n-grams only)", spec=replace(SPEC, category_weight=0.0)),
    Variant("category dropout", dropout=True),
    Variant("linear SVM + Platt", loss="svm", c=0.5),
    Variant("modified huber + Platt", loss="huber", c=8.0),
    Variant("augment noise (typos, no accents)", augment="noise"),
    Variant("augment swap (regional/chat words)", augment="swap"),
    Variant("augment pad (chat fillers)", augment="pad"),
    Variant("augment embed (in benign chatter)", augment="embed"),
    Variant("augment mix (swap + noise/pad/embed)", augment="mix"),
    Variant("augment noise, source categories", augment="noise", keep_categories=True),
    Variant("augment mix, source categories", augment="mix", keep_categories=True),
)


def matrix(feats: Sequence[dict[int, float]]) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for row, f in enumerate(feats):
        for col, value in f.items():
            rows.append(row)
            cols.append(col)
            vals.append(value)
    return csr_matrix((vals, (rows, cols)), shape=(len(feats), DIMENSIONS))


def _linear(variant: Variant) -> Any:
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.svm import LinearSVC

    weight = "balanced" if variant.balanced else None
    if variant.loss == "logistic":
        return LogisticRegression(C=variant.c, class_weight=weight, max_iter=5000, solver="lbfgs", random_state=0)
    if variant.loss == "svm":
        return LinearSVC(C=variant.c, class_weight=weight, random_state=0, max_iter=20000)
    return SGDClassifier(loss="modified_huber", alpha=1.0 / (variant.c * 1000), class_weight=weight,
                         random_state=0, max_iter=200, tol=1e-5)


@dataclass
class Fitted:
    """Weights (classes x features), biases and, for margin losses, a sigmoid per class."""

    coef: Any
    intercept: Any
    platt: list[tuple[float, float]] = field(default_factory=list)

    def probabilities(self, x: Any) -> list[dict[str, float]]:
        import numpy as np

        z = x @ self.coef.T + self.intercept
        if self.platt:
            a = np.array([p[0] for p in self.platt])
            b = np.array([p[1] for p in self.platt])
            s = 1.0 / (1.0 + np.exp(-(a * z + b)))
            p = s / s.sum(axis=1, keepdims=True)
        else:
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            p = e / e.sum(axis=1, keepdims=True)
        return [dict(zip(CLASSES, map(float, r), strict=True)) for r in p]


def fit(variant: Variant, x: Any, y: Sequence[str], inner_groups: Sequence[Any] | None = None) -> Fitted:
    """Fit one variant; margin losses get a sigmoid per class fitted on inner grouped folds."""
    import numpy as np

    model = _linear(variant).fit(x, list(y))
    order = [list(model.classes_).index(c) for c in CLASSES]
    fitted = Fitted(model.coef_[order], model.intercept_[order])
    if variant.loss == "logistic":
        return fitted
    from sklearn.linear_model import LogisticRegression

    inner = folds_of(inner_groups if inner_groups is not None else range(len(y)), y, 3)
    margins = np.zeros((len(y), len(CLASSES)))
    for f in range(3):
        train = [i for i in range(len(y)) if inner[i] != f]
        test = [i for i in range(len(y)) if inner[i] == f]
        m = _linear(variant).fit(x[train], [y[i] for i in train])
        o = [list(m.classes_).index(c) for c in CLASSES]
        margins[test] = (x[test] @ m.coef_[o].T) + m.intercept_[o]
    for k, cls in enumerate(CLASSES):
        target = np.array([label == cls for label in y])
        lr = LogisticRegression(C=1e6).fit(margins[:, [k]], target)
        fitted.platt.append((float(lr.coef_[0][0]), float(lr.intercept_[0])))
    return fitted


def model_quality(probs: Sequence[dict[str, float]], labels: Sequence[str]) -> dict[str, float]:
    """Model alone: one-vs-rest AUC for crisis and abuse, and log loss."""
    from sklearn.metrics import roc_auc_score

    out = {}
    for cls in ("crisis", "abuse"):
        out[f"auc_{cls}"] = float(roc_auc_score([label == cls for label in labels], [p[cls] for p in probs]))
    out["log_loss"] = -sum(math.log(max(p[label], 1e-9)) for p, label in zip(probs, labels, strict=True)) / len(labels)
    return out


# ---------------------------------------------------------------- the run


@dataclass
class Data:
    """Training rows and held-out sets, screened once (cached on disk by the inputs' fingerprint)."""

    rows: list[Row]
    train: list[Screened]
    groups: list[int]
    held_out: dict[str, list[Screened]]


def load_data(screen: TieredScreen) -> Data:
    key = hashlib.sha256((fingerprint() + "".join(
        (EVAL_DIR / f"{name}.yaml").read_text(encoding="utf-8") for name in HELD_OUT)).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"groundwork-selection-{key}.pickle"
    if cache.exists():
        data: Data = pickle.loads(cache.read_bytes())  # our own file, written below
        # Groups are recomputed: cheap, and the grouping code is not part of the cache key.
        data.groups = paraphrase_groups(data.rows, [i.train_norm for i in data.train])
        return data
    rows = training_rows()
    from bot.safety.normalize import normalize

    train = cache_screening(screen, [(r.text, r.lang if r.lang in ("en", "es") else "en", r.label, False)
                                     for r in rows])
    # The model reads every training row (whatever the tiers would do with it), as train.py does.
    detector, exceptions = screen.detector, screen.phrases.exceptions
    for row, item in zip(rows, train, strict=True):
        norm = normalize(row.text)
        item.train_norm, item.train_found = norm, detector.found_in(row.text, norm, exceptions)
    groups = paraphrase_groups(rows, [i.train_norm for i in train])
    held = {}
    for name in HELD_OUT:
        items = load_rows(EVAL_DIR / f"{name}.yaml")
        held[name] = cache_screening(screen, [(r.text, r.lang, r.label, r.must_open) for r in items])
    data = Data(rows, train, groups, held)
    cache.write_bytes(pickle.dumps(data))
    return data


def _probs_for(fitted: Fitted, items: Sequence[Screened], spec: FeatureSpec) -> list[dict[str, float] | None]:
    need = [i for i, item in enumerate(items) if item.needs_model]
    out: list[dict[str, float] | None] = [None] * len(items)
    if need:
        x = matrix([features(items[i].norm, items[i].found, spec) for i in need])
        for i, p in zip(need, fitted.probabilities(x), strict=True):
            out[i] = p
    return out


@dataclass
class Evaluation:
    """A variant's out-of-fold probabilities and its held-out probabilities."""

    variant: Variant
    oof: list[dict[str, float]]
    held: dict[str, list[dict[str, float] | None]]
    seconds: float


def _training_set(x: Any, bare: Any, rows: list[int], y: Sequence[str], groups: Sequence[Any],
                  aug: tuple[Any, list[Copy]] | None = None) -> tuple[Any, list[str], list[Any]]:
    """The rows to fit on; with dropout, each row twice (with and without its categories).

    With ``aug``, the copies whose source row (and padding row) are among ``rows``, after them.
    """
    from scipy.sparse import vstack

    labels, kin = [y[i] for i in rows], [groups[i] for i in rows]
    parts = [x[rows]]
    if bare is not None:
        parts.append(bare[rows])
        labels, kin = labels * 2, kin * 2
    if aug is not None:
        aug_x, made = aug
        inside = set(rows)
        keep = [k for k, c in enumerate(made) if c.source in inside and (c.padding is None or c.padding in inside)]
        parts.append(aug_x[keep])
        labels = labels + [y[made[k].source] for k in keep]
        kin = kin + [groups[made[k].source] for k in keep]
    if len(parts) == 1:
        return x[rows], labels, kin
    return vstack(parts).tocsr(), labels, kin


def augmented(data: Data, recipe: str) -> tuple[list[Copy], list[tuple[str, frozenset[str]]]]:
    """The recipe's copies of the training rows, with what the detector finds in each (cached on disk)."""
    made = copies([r.text for r in data.rows], [r.label for r in data.rows], [r.lang for r in data.rows], recipe)
    key = hashlib.sha256(repr((recipe, [c.text for c in made], fingerprint())).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"groundwork-selection-aug-{key}.pickle"
    if path.exists():
        return made, pickle.loads(path.read_bytes())  # our own file, written below
    from bot.safety.normalize import normalize
    from bot.safety.screen import PhraseScreen
    from bot.safety.signals import SignalDetector

    i18n = I18n(ROOT / "locales")
    detector, exceptions = SignalDetector(ROOT / "locales", i18n.locales), PhraseScreen(i18n).exceptions
    found = []
    for c in made:
        norm = normalize(c.text)
        found.append((norm, frozenset(detector.found_in(c.text, norm, exceptions))))
    path.write_bytes(pickle.dumps(found))
    return made, found


def evaluate_variant(variant: Variant, data: Data, fold: Sequence[int]) -> Evaluation:
    started = time.process_time()
    x = matrix([features(item.train_norm, item.train_found, variant.spec) for item in data.train])
    bare = matrix([features(item.train_norm, (), variant.spec) for item in data.train]) if variant.dropout else None
    # Scored as the bot scores them: the text and categories the tiers hand to the model.
    x_seen = matrix([features(item.norm, item.found, variant.spec) if item.needs_model
                     else features(item.train_norm, item.train_found, variant.spec) for item in data.train])
    y = [item.label for item in data.train]
    aug = None
    if variant.augment:
        made, found = augmented(data, variant.augment)
        if variant.keep_categories:
            found = [(norm, data.train[c.source].train_found) for (norm, _), c in zip(found, made, strict=True)]
        aug = (matrix([features(norm, cats, variant.spec) for norm, cats in found]), made)
    oof: list[dict[str, float]] = [{}] * len(y)
    for f in sorted(set(fold)):
        tr = [i for i in range(len(y)) if fold[i] != f]
        te = [i for i in range(len(y)) if fold[i] == f]
        fitted = fit(variant, *_training_set(x, bare, tr, y, data.groups, aug))
        for i, p in zip(te, fitted.probabilities(x_seen[te]), strict=True):
            oof[i] = p
    full = fit(variant, *_training_set(x, bare, list(range(len(y))), y, data.groups, aug))
    held = {name: _probs_for(full, items, variant.spec) for name, items in data.held_out.items()}
    return Evaluation(variant, oof, held, time.process_time() - started)


def _saved_evaluation(variant: Variant, data: Data, fold: Sequence[int], by_source: bool) -> Evaluation:
    """A variant's evaluation, kept on disk by its definition and the data (fits are the slow part)."""
    key = hashlib.sha256(repr((variant, by_source, len(data.train), fingerprint())).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"groundwork-selection-ev-{key}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())  # our own file, written below
    ev = evaluate_variant(variant, data, fold)
    path.write_bytes(pickle.dumps(ev))
    return ev


def cv_outcomes(screen: TieredScreen, data: Data, ev: Evaluation, limits: Limits) -> dict[str, float]:
    # A training row the tiers decide without the model keeps that outcome; the rest get out-of-fold probabilities.
    probs = [p if item.needs_model else None for item, p in zip(data.train, ev.oof, strict=True)]
    return figures(data.train, replay(screen, data.train, probs, limits))


def held_outcomes(screen: TieredScreen, data: Data, ev: Evaluation, limits: Limits) -> dict[str, dict[str, float]]:
    return {name: figures(items, replay(screen, items, ev.held[name], limits))
            for name, items in data.held_out.items()}


KEYS = ("crisis_caught_en", "crisis_caught_es", "crisis_opened_en", "crisis_opened_es", "abuse_caught_en",
        "abuse_caught_es", "benign_opened", "benign_asked", "mislabels")


def summary(screen: TieredScreen, data: Data, ev: Evaluation, limits: Limits) -> dict[str, dict[str, float]]:
    """CV, own sets pooled, set B and C alone (the freshest wording) and dev, each by KEYS."""
    out = {"cv": cv_outcomes(screen, data, ev, limits)}
    own_items: list[Screened] = []
    own_probs: list[dict[str, float] | None] = []
    for name in HELD_OUT:
        if name != "dev":
            own_items += data.held_out[name]
            own_probs += ev.held[name]
    out["own"] = figures(own_items, replay(screen, own_items, own_probs, limits))
    fresh = [(i, p) for name in ("own_abuse_b", "own_crisis_c") for i, p in
             zip(data.held_out[name], ev.held[name], strict=True)]
    out["fresh"] = figures([i for i, _ in fresh], replay(screen, [i for i, _ in fresh], [p for _, p in fresh], limits))
    out["dev"] = figures(data.held_out["dev"], replay(screen, data.held_out["dev"], ev.held["dev"], limits))
    out["model"] = model_quality(ev.oof, [i.label for i in data.train])
    return out


def objective(f: dict[str, float], budget: dict[str, float]) -> float:
    """Recall the issue asks for; benign opened/asked over the budget and mislabels paid for heavily.

    The budget is the shipped model's cross-validated benign figures: the training benign rows
    are hard look-alikes on which the rules alone already ask ~10%, so the issue's 8% applies to
    the held-out sets, and cross-validation asks only that a variant not fire more than today.
    """
    gain = sum(f[k] for k in ("crisis_caught_en", "crisis_caught_es", "abuse_caught_en", "abuse_caught_es",
                              "crisis_opened_en", "crisis_opened_es"))
    return (gain - 10 * max(0.0, f["benign_asked"] - budget["benign_asked"])
            - 30 * max(0.0, f["benign_opened"] - budget["benign_opened"]) - 10 * max(0.0, f["mislabels"] - 2))


def choose_thresholds(screen: TieredScreen, data: Data, ev: Evaluation,
                      budget: dict[str, float]) -> list[tuple[float, Limits, dict]]:  # type: ignore[type-arg]
    """A grid over the tiers' thresholds, scored on the cross-validated outcomes only."""
    scored = []
    for oc, oa, ask, lean, alone in itertools.product((0.5, 0.6, 0.7, 0.8), (0.8, 0.9), (0.55, 0.65, 0.75, 0.85),
                                                      (0.4, 0.5, 0.6), (0.8, 0.9)):
        limits = Limits(oc, oa, ask, lean, alone)
        f = cv_outcomes(screen, data, ev, limits)
        scored.append((objective(f, budget), limits, f))
    scored.sort(key=lambda s: -s[0])
    return scored


# abuse7: the abuse opening lines (a category of abuse behind the model; coercive control alone) are
# chosen for margin, not for the last row: within the benign budget (and one grid step either side
# of it too), the setting with the fewest training rows whose out-of-fold abuse share sits within
# EDGE of their line, i.e. the rows a retrain flips between opened and asked.
ABUSE_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
# Coercive control alone stays at its line: the design asks about monitoring first ("he went through
# my phone while i was asleep", tests/test_safety_soft.py); below 0.9 the model opens it.
CONTROL_GRID = (0.9,)
EDGE = 0.05
BENIGN_OPENED_SLACK = 0.3  # CV points over the reference lines' benign opened (~9 of ~3,050 rows)
# The budget's reference: the lines before abuse7 (open_abuse 0.8, CONTROL_OPEN 0.9), not the shipped ones.
REFERENCE_LINES = (0.8, 0.9)
# Near-line counts this close to the fewest are a tie; the higher line (fewer benign openings) wins.
EDGE_TIE = 5


def edge_rows(data: Data, ev: Evaluation, limits: Limits) -> dict[str, int]:
    """Training rows (model consulted, abuse category found) whose OOF abuse share is within EDGE of their line."""
    counts = {"abuse": 0, "benign": 0, "crisis": 0}
    for item, p in zip(data.train, ev.oof, strict=True):
        cats = item.found & tiers_module.ABUSE_CATEGORIES
        if not item.needs_model or not cats or item.hard is not None:
            continue
        line = limits.control_open if cats <= tiers_module.CONTROL_ONLY else limits.open_abuse
        if abs(p["abuse"] - line) < EDGE:
            counts[item.label] += 1
    return counts


def choose_abuse_open(screen: TieredScreen, data: Data, ev: Evaluation,
                      budget: dict[str, float]) -> list[tuple[float, Limits, dict]]:  # type: ignore[type-arg]
    """(open_abuse, control_open) on CV alone; best first, by margin within the benign budget."""
    base = Limits()
    grid = {(oa, co): cv_outcomes(screen, data, ev, replace(base, open_abuse=oa, control_open=co))
            for oa in ABUSE_GRID for co in CONTROL_GRID}

    def fits(key: tuple[float, float]) -> bool:
        f = grid.get(key)  # a setting at the grid's edge has no margin on that side
        return f is not None and (f["benign_opened"] <= budget["benign_opened"] + BENIGN_OPENED_SLACK
                             and f["benign_asked"] <= budget["benign_asked"] and f["mislabels"] <= budget["mislabels"])

    scored = []
    for (oa, co), f in grid.items():
        limits = replace(base, open_abuse=oa, control_open=co)
        steps = (-0.05, 0, 0.05) if len(CONTROL_GRID) > 1 else (0,)
        plateau = all(fits((round(oa + d, 2), round(co + e, 2))) for d in (-0.05, 0, 0.05) for e in steps)
        edge = edge_rows(data, ev, limits)
        opened = (f["abuse_opened_en"] + f["abuse_opened_es"]) / 2
        value = -(edge["abuse"] + edge["benign"]) + opened / 100 - (0 if plateau else 1000)
        scored.append((value, limits, f | {"edge_abuse": edge["abuse"], "edge_benign": edge["benign"]}))
    fewest = max(s[0] for s in scored)
    scored.sort(key=lambda s: (s[0] < fewest - EDGE_TIE, -s[1].open_abuse, -s[1].control_open, -s[0]))
    return scored


def _row(name: str, parts: dict[str, dict[str, float]]) -> str:
    cv, own, fresh, dev, model = parts["cv"], parts["own"], parts["fresh"], parts["dev"], parts["model"]

    def cells(f: dict[str, float]) -> str:
        crisis = (f["crisis_caught_en"] + f["crisis_caught_es"]) / 2
        opened = (f["crisis_opened_en"] + f["crisis_opened_es"]) / 2
        abuse = (f["abuse_caught_en"] + f["abuse_caught_es"]) / 2
        return f"{crisis:.1f} / {opened:.1f} / {abuse:.1f} / {f['benign_opened']:.1f} / {f['benign_asked']:.1f}"

    return (f"| {name} | {model['auc_crisis']:.3f} / {model['auc_abuse']:.3f} / {model['log_loss']:.3f} | "
            f"{cells(cv)} | {cells(own)} | {cells(fresh)} | {cells(dev)} |")


HEADER = ("| variant | CV model: AUC crisis / abuse / log loss | CV tiers | own sets (pooled) | own fresh (B, C) "
          "| dev |\n|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="variant names (substring) to run; the first variant always "
                        "runs, its CV benign figures are the budget for the others' thresholds")
    parser.add_argument("--by-source", action="store_true", help="hold out whole training files")
    parser.add_argument("--thresholds", action="store_true", help="choose thresholds on CV for each variant")
    parser.add_argument("--abuse-open", action="store_true",
                        help="the shipped variant only: choose the abuse opening lines on CV (a plateau)")
    args = parser.parse_args(argv)
    screen = TieredScreen(I18n(ROOT / "locales"), _Recorder())  # type: ignore[arg-type]
    data = load_data(screen)
    labels = [item.label for item in data.train]
    groups: Sequence[Any] = [r.origin for r in data.rows] if args.by_source else data.groups
    fold = folds_of(groups, labels)
    print(f"{len(data.train)} training rows, {len(set(groups))} groups, {FOLDS} folds "
          f"({'by source file' if args.by_source else 'template + near-duplicate groups'}); cells: crisis caught / "
          "crisis opened / abuse caught (mean of en, es) / benign opened / benign asked, %")
    print(HEADER)
    budget: dict[str, float] = {}
    if args.abuse_open:
        return _abuse_open(screen, data, fold, args.by_source)
    for variant in VARIANTS:
        first = variant is VARIANTS[0] and args.thresholds
        if args.only and not first and not any(o in variant.name for o in args.only):
            continue
        ev = _saved_evaluation(variant, data, fold, args.by_source)
        parts = summary(screen, data, ev, Limits())
        budget = budget or {k: parts["cv"][k] for k in ("benign_opened", "benign_asked")}
        print(_row(variant.name + " — shipped thresholds", parts), flush=True)
        if args.thresholds:
            best = choose_thresholds(screen, data, ev, budget)
            _, limits, _ = best[0]
            label = (f"{variant.name} — CV thresholds oc={limits.open_crisis} oa={limits.open_abuse} "
                     f"ask={limits.ask} lean={limits.lean_open} alone={limits.model_alone}")
            print(_row(label, summary(screen, data, ev, limits)), flush=True)
    print("(never reads tests/safety_eval/test.yaml)")
    return 0


def _abuse_open(screen: TieredScreen, data: Data, fold: Sequence[int], by_source: bool) -> int:
    ev = _saved_evaluation(VARIANTS[0], data, fold, by_source)
    reference = replace(Limits(), open_abuse=REFERENCE_LINES[0], control_open=REFERENCE_LINES[1])
    before = cv_outcomes(screen, data, ev, reference)
    budget = {k: before[k] for k in ("benign_opened", "benign_asked", "mislabels")}
    keys = ("abuse_opened_en", "abuse_opened_es", "abuse_caught_en", "abuse_caught_es", "crisis_opened_en",
            "crisis_opened_es", "benign_opened", "benign_asked", "mislabels")
    print("| open_abuse | control_open | " + " | ".join(keys) + " | rows near the line (abuse/benign) |")
    print("|---" * (len(keys) + 3) + "|")
    best = choose_abuse_open(screen, data, ev, budget)
    for value, limits, f in sorted(best, key=lambda b: (b[1].open_abuse, b[1].control_open)):
        mark = "" if value > -500 else " (over budget here or next to it)"
        print(f"| {limits.open_abuse} | {limits.control_open}{mark} | " + " | ".join(f"{f[k]:.1f}" for k in keys)
              + f" | {f['edge_abuse']}/{f['edge_benign']} |")
    print(f"reference lines {REFERENCE_LINES}, shipped open_abuse={Limits().open_abuse} "
          f"control_open={Limits().control_open}, CV budget {budget}")
    print(f"chosen: open_abuse={best[0][1].open_abuse} control_open={best[0][1].control_open}")
    return 0


if __name__ == "__main__":
    # Through the module's own name, so the cached screening pickles by an importable class path.
    from bot.safety.selection import main as run

    sys.exit(run())
