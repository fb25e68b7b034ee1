"""Canonical JSON is SPEC section 2's byte form: sorted keys, no spaces, UTF-8 text unescaped, NFC, no floats."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.canonical import canonical_json


def nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(key): nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [nfc(item) for item in value]
    return value


def spec_bytes(value: Any) -> bytes:
    return json.dumps(nfc(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@settings(deadline=None, max_examples=300)
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**80), max_value=2**80)
        | st.text(
            alphabet=st.characters(codec="utf-8") | st.sampled_from('\x00\x1f\x7f\u2028\u2029"\\/\u0301')
        ),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    )
)
def test_canonical_json_is_sorted_compact_nfc_json(value: Any) -> None:
    assert canonical_json(value) == spec_bytes(value)


@pytest.mark.parametrize(
    "text",
    [
        "Ciencia Política",
        "Ciencia Poli\u0301tica",  # the accent as a combining mark: written composed
        "Ångström \u212b",  # a singleton that NFC replaces
        "\n\u0301",  # NFC, but its JSON text (\\n and the mark) is not
        'comillas "dobles" y \\ barra',
    ],
)
def test_spanish_text_is_written_in_nfc(text: str) -> None:
    value = {"found": text, "params": {"values": [text, 3, None, True]}, text: "clave"}
    assert canonical_json(value) == spec_bytes(value)


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        canonical_json({"score": 0.5})
