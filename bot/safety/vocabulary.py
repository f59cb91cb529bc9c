"""The product's own words through the safety screen: ``python -m bot.safety.vocabulary``.

The ninth session's retrain with seven outside writers' rows made the model ask or open words the
product itself puts in people's mouths ("I'm not sure", "would you worry?", "here it is"): one writer
had written replies to the bot's own questions with risk inside them, so the bot's vocabulary became a
cue. Only the full suite found it, in the care and circle flows. This probe finds it in seconds.

The probe is every place the product's words come from:

- ``tests``: each string literal of three words or more in the non-safety tests (``tests/*.py`` whose
  name has no "safety"; docstrings left out), the messages those flows are tested with. Screened in both
  languages: the tests type English to Spanish users and the other way round.
- ``locales``: every message and button label of ``locales/{en,es}/*.ftl`` (variables left out), in
  its own language: button labels are also typed, and people quote the bot back.
- ``answers``: ``tests/safety_vocabulary/answers.yaml``, what people typically type back to each of the
  bot's prompts (written for this probe, en and es; never training rows).

``tests/safety_vocabulary/baseline.json`` records each string's verdict (quiet, ask or open, with the
kind and categories) under an accepted model. ``tests/test_safety_vocabulary.py`` fails when a
recorded string is now asked where it was quiet or opened where it was not, and when a string not yet
recorded is asked or opened.

    PYTHONPATH=. python -m bot.safety.vocabulary             # what moved against the baseline
    PYTHONPATH=. python -m bot.safety.vocabulary --all       # every asked or opened string
    PYTHONPATH=. python -m bot.safety.vocabulary --record    # add strings not yet recorded (keeps the rest)
    PYTHONPATH=. python -m bot.safety.vocabulary --reset     # rewrite the baseline from this model

``--record`` never overwrites a recorded verdict, so it cannot hide what a retrain moved; ``--reset`` is
for an accepted model only (say so in the commit). Nothing under ``tests/safety_eval/`` is read.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from fluent.runtime import FluentBundle, FluentResource

from bot.i18n import I18n
from bot.safety.soft import SoftModel
from bot.safety.tiers import Assessment, TieredScreen

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
LOCALES = ROOT / "locales"
PROBE_DIR = TESTS / "safety_vocabulary"
ANSWERS = PROBE_DIR / "answers.yaml"
BASELINE = PROBE_DIR / "baseline.json"
LANGS = ("en", "es")
MIN_WORDS = 3
RANK = {"quiet": 0, "ask": 1, "open": 2}
_VARIABLE = re.compile(r"\$([A-Za-z][\w-]*)")


@dataclass(frozen=True, slots=True)
class Probe:
    """One product string and the language it is screened in; ``source`` says where it came from."""

    text: str
    lang: str
    source: str

    @property
    def key(self) -> str:
        return f"{self.lang}\t{self.text}"


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def literals_in_tests(directory: Path = TESTS) -> list[tuple[str, str]]:
    """(text, file name) of each string literal of ``MIN_WORDS`` words or more in the non-safety tests."""
    out: list[tuple[str, str]] = []
    for path in sorted(directory.glob("*.py")):
        if "safety" in path.name:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                    and len(node.value.split()) >= MIN_WORDS):
                out.append((node.value.strip(), path.name))
    return out


def locale_texts(directory: Path = LOCALES) -> list[tuple[str, str, str]]:
    """(text, lang, key) of every Fluent message, rendered with its variables left out."""
    out = []
    for lang in LANGS:
        bundle = FluentBundle([lang], use_isolating=False)
        keys = []
        names: set[str] = set()
        for path in sorted((directory / lang).glob("*.ftl")):
            source = path.read_text(encoding="utf-8")
            names |= set(_VARIABLE.findall(source))
            resource = FluentResource(source)
            bundle.add_resource(resource)
            keys += [entry.id.name for entry in resource.body
                     if type(entry).__name__ == "Message" and entry.value is not None]
        for key in keys:
            # Every variable empty: a name would be read as a word ("Still at after.").
            text, _errors = bundle.format_pattern(bundle.get_message(key).value, dict.fromkeys(names, ""))
            text = " ".join(text.split())
            if text:
                out.append((text, lang, key))
    return out


def typed_answers(path: Path = ANSWERS) -> list[tuple[str, str, str]]:
    """(text, lang, prompt) of the hand-written answers to the bot's prompts."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for lang in LANGS:
        for prompt, answers in (data.get(lang) or {}).items():
            out += [(str(text), lang, str(prompt)) for text in answers or []]
    return out


def probes() -> list[Probe]:
    """The whole probe, each (text, lang) once (the first source wins)."""
    found: list[Probe] = []
    for text, name in literals_in_tests():
        found += [Probe(text, lang, f"tests/{name}") for lang in LANGS]
    found += [Probe(text, lang, f"locales/{key}") for text, lang, key in locale_texts()]
    found += [Probe(text, lang, f"answers/{prompt}") for text, lang, prompt in typed_answers()]
    seen: set[str] = set()
    unique = []
    for probe in found:
        if probe.key not in seen and _encodable(probe.text):
            seen.add(probe.key)
            unique.append(probe)
    return unique


def _encodable(text: str) -> bool:
    """Lone surrogates (the hostile-input tests) cannot be stored in the UTF-8 baseline."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def verdict(assessment: Assessment) -> dict[str, object]:
    """What the screen did with one string: the level, the path it points to and the categories found."""
    signal = assessment.signal
    level = "quiet" if signal is None else signal.level
    out: dict[str, object] = {"level": level}
    if signal is not None:
        out["kind"] = signal.kind
        out["reason"] = signal.reason
    if assessment.categories:
        out["categories"] = sorted(assessment.categories)
    return out


def screen_all(screen: TieredScreen, items: Iterable[Probe]) -> dict[str, dict[str, object]]:
    return {probe.key: {"source": probe.source, **verdict(screen.assess(probe.text, probe.lang))}
            for probe in items}


def shipped_screen() -> TieredScreen:
    return TieredScreen(I18n(LOCALES), SoftModel.load(LOCALES / "safety_model.json"))


def load_baseline(path: Path = BASELINE) -> dict[str, dict[str, object]]:
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8"))["strings"])


def moved(baseline: dict[str, dict[str, object]], now: dict[str, dict[str, object]]) -> list[str]:
    """One line per string newly asked or opened: a level that rose, an opened path that changed, or an
    unrecorded string that is asked or opened."""
    lines = []
    for key, got in now.items():
        before = baseline.get(key)
        level = str(got["level"])
        if before is None:
            if level != "quiet":
                lines.append(f"unrecorded, now {_show(got)}: {key!r} ({got['source']})")
            continue
        was = str(before["level"])
        if RANK[level] > RANK[was] or (level == was == "open" and got.get("kind") != before.get("kind")):
            lines.append(f"{_show(before)} -> {_show(got)}: {key!r} ({got['source']})")
    return lines


def _show(got: dict[str, object]) -> str:
    if got["level"] == "quiet":
        return "quiet"
    return f"{got['level']}:{got.get('kind')}[{got.get('reason')}]"


def write_baseline(strings: dict[str, dict[str, object]], path: Path = BASELINE) -> None:
    """One string a line, sorted, so a diff shows which verdicts a change of baseline moved."""
    model = json.loads((LOCALES / "safety_model.json").read_text(encoding="utf-8"))
    lines = [json.dumps(key, ensure_ascii=False) + ": " + json.dumps(got, ensure_ascii=False)
             for key, got in sorted(strings.items())]
    path.write_text('{"about": "bot/safety/vocabulary.py: each product string\'s verdict under an accepted model",\n'
                    f'"model": {json.dumps(str(model.get("fingerprint", ""))[:16])},\n'
                    '"strings": {\n' + ",\n".join(lines) + "\n}}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="list every asked or opened string")
    parser.add_argument("--record", action="store_true", help="add strings not yet in the baseline")
    parser.add_argument("--reset", action="store_true", help="rewrite the baseline from this model")
    parser.add_argument("--json", type=Path, help="also write every verdict to this file")
    args = parser.parse_args(argv)
    items = probes()
    now = screen_all(shipped_screen(), items)
    baseline = load_baseline()
    counts = {level: sum(v["level"] == level for v in now.values()) for level in RANK}
    print(f"{len(items)} strings: " + ", ".join(f"{n} {level}" for level, n in counts.items()))
    if args.json:
        args.json.write_text(json.dumps(now, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.all:
        for key, got in now.items():
            if got["level"] != "quiet":
                print(f"{_show(got)}: {key!r} ({got['source']})")
    if args.reset:
        write_baseline(now)
        print(f"baseline rewritten: {len(now)} strings")
        return 0
    lines = moved(baseline, now)
    for line in lines:
        print(line)
    if args.record:
        kept = {key: baseline.get(key, got) for key, got in now.items()}
        write_baseline(kept)
        print(f"recorded {sum(key not in baseline for key in now)} new strings")
        return 0
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
