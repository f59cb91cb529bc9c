"""Parsed Fluent files are kept between starts (``bot.fluentcache``); an edit is never served stale."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from fluent.syntax.ast import Resource

from bot.app import ROOT
from bot.fluentcache import parse_cached
from bot.i18n import I18n


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("GROUNDWORK_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    copy = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", copy, ignore=shutil.ignore_patterns("*.json", "*.tsv"))
    return copy


def test_a_second_start_reads_the_parsed_files_and_renders_the_same_words(cache: Path, locales: Path) -> None:
    first = I18n(locales)
    assert len(list(cache.glob("fluent-*.pickle"))) == 2  # one per locale
    second = I18n(locales)
    assert second.errors == first.errors == []
    for locale in first.locales:
        assert second.keys(locale) == first.keys(locale)
        assert second.text(locale, "help-commands") == first.text(locale, "help-commands")


def test_an_edited_file_is_parsed_again(cache: Path, locales: Path) -> None:
    I18n(locales)
    target = next((locales / "en").glob("*.ftl"))
    with target.open("a", encoding="utf-8") as f:
        f.write("\ncache-test-key = Written after the first start.\n")
    assert I18n(locales).text("en", "cache-test-key") == "Written after the first start."


def test_a_cache_file_others_may_write_is_not_read(cache: Path, locales: Path) -> None:
    paths = sorted((locales / "en").glob("*.ftl"))
    parse_cached(paths)
    (written,) = cache.glob("fluent-*.pickle")
    planted = pickle.dumps([Resource([]) for _ in paths])  # as if every file were empty
    written.write_bytes(planted)
    assert not any(resource.body for resource in parse_cached(paths))  # only ours to write: read
    written.write_bytes(planted)
    written.chmod(0o666)
    assert all(resource.body for resource in parse_cached(paths))  # anyone's to write: parsed instead


def test_an_empty_cache_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                   locales: Path) -> None:
    monkeypatch.setenv("GROUNDWORK_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    assert I18n(locales).text("en", "help-commands")
    assert not list(tmp_path.rglob("fluent-*.pickle"))
