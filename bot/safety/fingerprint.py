"""A fingerprint of what the safety model was trained from: its data and the code of its features.

``python -m bot.safety.train`` stores it in the model file; start-up and ``python -m bot check``
recompute it, so a model left behind after a change to the corpus, the detector's categories
or the feature code is refused with the file's name and the reason, not silently used.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Paths relative to ROOT, in a fixed order. Globs cover both locales and every corpus file.
INPUTS = (
    "bot/safety/training/*.yaml",
    "tests/safety_corpus/*.yaml",
    "locales/*/safety_signals.yaml",
    "locales/*/safety.yaml",
    "bot/safety/normalize.py",
    "bot/safety/signals.py",
    "bot/safety/patterns.py",
    "bot/safety/soft.py",
    "bot/safety/corpus.py",
    "bot/safety/train.py",
    "bot/safety/augment.py",
)


def input_files(root: Path = ROOT) -> list[Path]:
    """Every file the fingerprint covers, in a stable order."""
    return [path for pattern in INPUTS for path in sorted(root.glob(pattern))]


def fingerprint(root: Path = ROOT) -> str:
    """sha256 over each input's path and bytes (line endings as stored)."""
    digest = hashlib.sha256()
    for path in input_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


# The model file is written with sorted keys, so its fingerprint is near the start: reading it
# there spares start-up parsing ~2 MB of JSON that ``SoftModel.load`` parses again anyway.
_HEAD = re.compile(r'^\{"bias":\{[^{}]*\},"fingerprint":"([0-9a-f]{64})",')


def _stored_fingerprint(model_path: Path) -> str | None:
    import json

    with model_path.open(encoding="utf-8") as f:
        head = f.read(4096)
    found = _HEAD.match(head)
    if found:
        return found.group(1)
    return json.loads(model_path.read_text(encoding="utf-8")).get("fingerprint")


def model_problem(model_path: Path, root: Path = ROOT) -> str | None:
    """Why the shipped model cannot be used (missing, unreadable or stale), or None."""
    name = model_path.relative_to(root).as_posix() if model_path.is_relative_to(root) else str(model_path)
    if not model_path.exists():
        return f"{name}: missing; run: python -m bot.safety.train"
    try:
        stored = _stored_fingerprint(model_path)
    except (ValueError, OSError) as exc:
        return f"{name}: unreadable ({exc}); run: python -m bot.safety.train"
    if stored != fingerprint(root):
        return (f"{name}: stale (trained from other data or feature code than the files in "
                "bot/safety/fingerprint.py INPUTS); run: python -m bot.safety.train")
    return None
