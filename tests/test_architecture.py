"""Boundaries that keep the engine platform-neutral and the words out of Python."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from bot.app import ROOT

PLATFORM_LIBS = {"telegram", "discord"}


def _python_files(*dirs: str) -> list[Path]:
    return [p for d in dirs for p in (ROOT / d).rglob("*.py")]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_nothing_outside_bot_adapters_imports_telegram_or_discord() -> None:
    offenders = [
        str(p.relative_to(ROOT)) for p in _python_files("bot", "storage", "flows")
        if "adapters" not in p.relative_to(ROOT).parts and _imports(p) & PLATFORM_LIBS
    ]
    assert offenders == []


def test_import_linter_contract_holds() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "KEPT" in result.stdout


def test_no_user_facing_sentence_lives_in_python_code() -> None:
    sentence = re.compile(r"^[A-Z][a-z']+( [a-z',]+){4,}[.?!]$")
    found = []
    for path in _python_files("bot", "storage"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and sentence.match(node.value):
                parent_is_doc = False
                found.append((str(path.relative_to(ROOT)), node.value)) if not parent_is_doc else None
    docstrings = {
        ast.get_docstring(n) for p in _python_files("bot", "storage")
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    }
    assert [f for f in found if f[1] not in docstrings] == []
