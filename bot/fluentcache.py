"""Parsed Fluent files kept between starts: parsing the locales is ~0.1 s of CPU at every start.

``fluent.syntax`` parses a file character by character in Python; ``pickle`` gives the same
syntax tree back in a tenth of the time. A cache file is named by a digest of everything the
tree depends on (each file's name and text, the parser's own source, the Python version), so an
edited file or an upgraded parser is simply parsed again. Only a file this user owns and no one
else may write is read; anything wrong with it (missing, foreign, truncated) means parsing again.
The cache lives in the user's cache directory, or ``GROUNDWORK_CACHE_DIR``; set that to an empty
string to turn it off. A directory that cannot be written costs nothing but the parse.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import fluent.syntax.ast
import fluent.syntax.parser
from fluent.runtime import FluentResource
from fluent.syntax.ast import Resource

FORMAT = b"groundwork-fluent-1"
KEEP = 32  # cache files kept, ~0.25 MB each (each checkout and test copy of a locale has its own)


def cache_dir() -> Path | None:
    """Where parsed files are kept, or None when ``GROUNDWORK_CACHE_DIR`` is set empty."""
    configured = os.environ.get("GROUNDWORK_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("groundwork", appauthor=False))


def parse_cached(paths: list[Path]) -> list[Resource]:
    """``FluentResource`` of each file, in order; from the cache when these very texts were parsed."""
    sources = [path.read_text(encoding="utf-8") for path in paths]
    directory = cache_dir()
    if directory is None:
        return [FluentResource(source) for source in sources]
    digest = hashlib.sha256(FORMAT + sys.version.encode())
    for module in (fluent.syntax.ast, fluent.syntax.parser):
        digest.update(Path(module.__file__ or "").read_bytes())
    for path, source in zip(paths, sources, strict=True):
        digest.update(b"\0" + path.name.encode() + b"\0" + source.encode())
    target = directory / f"fluent-{digest.hexdigest()[:40]}.pickle"
    cached = _read(target, len(paths))
    if cached is not None:
        return cached
    resources = [FluentResource(source) for source in sources]
    _write(directory, target, resources)
    return resources


def _read(target: Path, count: int) -> list[Resource] | None:
    try:
        with target.open("rb") as f:
            status = os.fstat(f.fileno())
            # Unpickling runs code named in the file: only ours, and only if nobody else could write it.
            if status.st_uid != os.getuid() or status.st_mode & 0o022:
                return None
            resources = pickle.load(f)
    except Exception:  # any unreadable cache is a cache miss, never a failed start
        return None
    if not (isinstance(resources, list) and len(resources) == count
            and all(isinstance(r, Resource) for r in resources)):
        return None
    return resources


def _write(directory: Path, target: Path, resources: list[Resource]) -> None:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written whole under another name, then renamed: a reader sees the old file or the new one.
        with tempfile.NamedTemporaryFile("wb", dir=directory, prefix=".fluent-", delete=False) as f:
            pickle.dump(resources, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, target)
        stale = sorted(directory.glob("fluent-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]
        for old in stale:
            old.unlink(missing_ok=True)
    except OSError:
        return  # a read-only home or a full disk: parse at every start, as before
