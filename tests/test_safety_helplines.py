"""The reviewed helpline file: every entry complete and sourced, numbers pinned, buttons in step."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = yaml.safe_load((ROOT / "locales" / "helplines.yaml").read_text(encoding="utf-8"))
REQUIRED = ("US", "GB", "IE", "CA", "AU", "ES", "MX", "AR", "CO")
# A change to a number must be deliberate: it shows up here as a test diff.
PINNED = {
    ("US", "crisis"): "988", ("US", "abuse"): "1-800-799-7233",
    ("GB", "crisis"): "116 123", ("GB", "abuse"): "0808 2000 247",
    ("IE", "crisis"): "116 123", ("IE", "abuse"): "1800 341 900",
    ("CA", "crisis"): "988",
    ("AU", "crisis"): "13 11 14", ("AU", "abuse"): "1800 737 732",
    ("ES", "crisis"): "024", ("ES", "abuse"): "016",
    ("MX", "crisis"): "800 911 2000",
    ("AR", "abuse"): "144",
    ("CO", "abuse"): "155",
}
EMERGENCY = {"US": "911", "GB": "999", "IE": "112", "CA": "911", "AU": "000", "ES": "112", "MX": "911",
             "AR": "911", "CO": "123"}


def test_every_required_country_has_emergency_crisis_and_abuse_entries() -> None:
    assert set(REQUIRED) <= set(DATA["countries"])
    for code in REQUIRED:
        entry = DATA["countries"][code]
        assert entry["emergency"] == EMERGENCY[code], code
        assert {"crisis", "abuse"} <= set(entry), code


@pytest.mark.parametrize("code", REQUIRED)
def test_each_line_names_a_way_to_reach_it_a_source_and_a_check_date(code: str) -> None:
    for kind in ("crisis", "abuse"):
        line = DATA["countries"][code][kind]
        assert line["name"], (code, kind)
        assert any(line.get(way) for way in ("call", "text", "chat", "web")), (code, kind)
        assert str(line["source"]).startswith("https://"), (code, kind)
        assert isinstance(line["checked"], date), (code, kind)
        assert line["verified"] in ("yes", "partial"), (code, kind)
        if line["verified"] == "partial":
            assert line.get("note"), f"{code} {kind}: a partial check must say what is unconfirmed"


def test_pinned_numbers_match_the_reviewed_file() -> None:
    for (code, kind), number in PINNED.items():
        assert number in str(DATA["countries"][code][kind].get("call")), (code, kind)


def test_the_international_directory_is_present_and_sourced() -> None:
    directory = DATA["directory"]
    assert directory["url"] == "findahelpline.com" and directory["source"].startswith("https://")


def test_country_buttons_in_every_flow_match_the_countries_we_have() -> None:
    codes = {c.lower() for c in DATA["countries"]} | {"other"}
    for name in ("crisis", "abuse", "country"):
        flow = yaml.safe_load((ROOT / "flows" / f"{name}.yaml").read_text(encoding="utf-8"))
        step = flow["steps"]["ask_country" if name != "country" else "ask"]
        assert {c["id"] for c in step["choices"]} == codes, name


def test_nothing_is_looked_up_at_run_time() -> None:
    for path in (ROOT / "bot" / "safety").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(httpx|aiohttp|requests|urllib)\b", source), path
