"""The stores' JSON: compact, keys sorted, text as written; read back as ``json.loads`` reads it.

Every step writes two small JSON values (the conversation's data, the settings patch) and a load
reads two (the settings, the conversation's data). ``JSONEncoder.encode`` goes through two Python
methods that build a closure and a C encoder each call; ``json.loads`` through three, with two
whitespace regex matches. Both end in the same C code, called here directly: the same text and
the same values, a few Python frames fewer on every step (bench/README, discord). Anything the
shortcut does not settle by itself (no C accelerator, text around the value, an error) goes the
standard way, so results and errors stay ``json``'s own (``tests/test_jsoncodec.py``).
"""

from __future__ import annotations

import json
import json.decoder
import json.encoder
import json.scanner
from typing import Any

# The settings every store writes JSON with (one encoder, built once).
ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
_make_encoder = json.encoder.c_make_encoder
_encode_str = json.encoder.encode_basestring  # what ``iterencode`` passes without ensure_ascii
# ``json.loads``'s own decoder settings; its C scanner when the accelerator is there.
_SCAN = json.decoder.JSONDecoder().scan_once
_C_SCANNER = json.scanner.c_make_scanner is not None and isinstance(_SCAN, json.scanner.c_make_scanner)


def dumps(value: Any) -> str:
    """``ENCODER.encode(value)``: the C encoder ``encode`` would make, with a fresh circle check."""
    if _make_encoder is None or isinstance(value, str):
        return ENCODER.encode(value)
    # As JSONEncoder.iterencode(_one_shot=True) builds it for these settings (markers: a new dict).
    chunks = _make_encoder({}, ENCODER.default, _encode_str, None, ENCODER.key_separator,
                           ENCODER.item_separator, True, False, True)(value, 0)
    return "".join(chunks)


def loads(text: Any) -> Any:
    """``json.loads(text)``: a value that fills the whole string is taken from the C scanner directly."""
    if _C_SCANNER and type(text) is str:
        try:
            value, end = _SCAN(text, 0)
        except (StopIteration, ValueError):
            pass  # leading space, a BOM, a malformed value: json.loads says what it says
        else:
            if end == len(text):
                return value
    return json.loads(text)
