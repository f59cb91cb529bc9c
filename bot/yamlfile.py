"""Reading the YAML data files (flows, phrase lists, helplines) with one loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's loader when the wheel carries it: start-up parses every flow and data file, and the
# pure-Python loader took a quarter of a second of it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def read_yaml(path: Path) -> Any:
    """Parse one YAML file safely (no arbitrary objects)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
