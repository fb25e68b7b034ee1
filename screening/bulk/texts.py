"""Canonical JSON texts of screened rows' verdicts and inputs, each distinct one written once (the audit
chain's recorders, in this process or in a writer process of its own, use them)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from screening.storage.chain import (
    BatchRecord,
    CanonicalText,
    HashedVerdict,
    Shared,
    hashed_verdict,
    plain_json_text,
)

if TYPE_CHECKING:
    from rules.compiler import RuleSet

MEMO_ENTRIES = 20_000
"""Distinct verdicts whose canonical text is kept (the runner keeps as many distinct row contents)."""


class RowTexts:
    """Canonical JSON of each row's verdict and input, computed once per distinct row content.

    The runner hands the same verdict dict to every row that reads alike (folio and gender aside), and builds
    each row's candidate as that content's candidate plus the row's folio. So a verdict is written and hashed
    once, by identity; and an input is the content's candidate text, written once, with the row's folio put
    in its sorted place. The bytes are those of rules.canonical.canonical_json either way; a row that does not
    share its content's values (checked by identity) is written whole.
    """

    def __init__(self) -> None:
        self._verdicts: dict[int, tuple[dict[str, Any], HashedVerdict]] = {}
        self._inputs: dict[int, _InputPattern] = {}
        self._contents: dict[int, _InputPattern] = {}
        self.stored_bodies: set[str] = set()
        """Hashes of the verdict bodies this run has committed: later chunks do not send them again."""

    def verdict(self, verdict: dict[str, Any]) -> HashedVerdict:
        """The verdict's canonical text and hash (rendered by verdict_to_dict: plain JSON, no float)."""
        known = self._verdicts.get(id(verdict))
        if known is not None and known[0] is verdict:
            return known[1]
        hashed = hashed_verdict(verdict, plain=True)
        if len(self._verdicts) >= MEMO_ENTRIES:
            self._verdicts.clear()
        # The dict is kept with its text, so its id cannot be reused by another object while it is here.
        self._verdicts[id(verdict)] = (verdict, hashed)
        return hashed

    def input(self, candidate: dict[str, Any], verdict: dict[str, Any]) -> CanonicalText:
        """The row's candidate JSON as canonical text (it holds no float: numbers are ints or decimal text)."""
        pattern = self._inputs.get(id(verdict))
        if pattern is None or pattern.verdict is not verdict:
            pattern = _InputPattern(candidate, verdict)
            if len(self._inputs) >= MEMO_ENTRIES:
                self._inputs.clear()
            self._inputs[id(verdict)] = pattern
        text = pattern.text(candidate)
        return CanonicalText(plain_json_text(candidate) if text is None else text)

    def row_input(self, content: dict[str, Any], folio: str) -> str:
        """The canonical text of a row's candidate: the `content` the runner shares between the rows that
        read alike (never changed, so known by identity), with the row's folio when it has one."""
        pattern = self._contents.get(id(content))
        if pattern is None or pattern.content is not content:
            pattern = _InputPattern(content, content)
            if len(self._contents) >= MEMO_ENTRIES:
                self._contents.clear()
            # The content is kept with its pattern, so its id cannot be reused while it is here.
            self._contents[id(content)] = pattern
        return pattern.with_folio(folio) if folio else pattern.whole


class _InputPattern:
    """The canonical text of one row content's candidate, split where the folio goes."""

    __slots__ = ("content", "folio_prefix", "folio_suffix", "values", "verdict", "whole")

    def __init__(self, candidate: dict[str, Any], verdict: dict[str, Any]) -> None:
        self.verdict = verdict
        self.content = candidate
        self.values = {key: value for key, value in candidate.items() if key != "folio"}
        pieces = {key: plain_json_text({key: value})[1:-1] for key, value in self.values.items()}
        keys = sorted(pieces)
        self.whole = "{" + ",".join(pieces[key] for key in keys) + "}"
        before = ",".join(pieces[key] for key in keys if key < "folio")
        after = ",".join(pieces[key] for key in keys if key > "folio")
        self.folio_prefix = "{" + (before + "," if before else "") + '"folio":'
        self.folio_suffix = ("," + after if after else "") + "}"

    def text(self, candidate: dict[str, Any]) -> str | None:
        """The candidate's canonical text, or None when it does not hold this content's values."""
        values = self.values
        folio = candidate.get("folio")
        if len(candidate) != len(values) + ("folio" in candidate):
            return None
        for key, value in values.items():
            if candidate.get(key) is not value:
                return None
        if "folio" not in candidate:
            return self.whole
        if not isinstance(folio, str):
            return None
        return self.with_folio(folio)

    def with_folio(self, folio: str) -> str:
        """This content's canonical text with `folio` put in its sorted place."""
        if not folio.isascii() and not unicodedata.is_normalized("NFC", folio):
            folio = unicodedata.normalize("NFC", folio)  # as canonical_json writes it
        return self.folio_prefix + str(encode_basestring(folio)) + self.folio_suffix


RowValues = tuple[int, str, str, "dict[str, Any] | None", "dict[str, Any]"]
"""A valid screened row as the chain needs it: its number, folio (maybe empty), outcome, content (the candidate
without its folio, shared by the rows that read alike) and verdict (shared likewise)."""


def shared_fields(rule_set: RuleSet, *, as_of: date, lang: str, actor: str, batch_id: str) -> Shared:
    """What every record of one batch has in common."""
    from rules import ENGINE_VERSION

    return Shared(
        as_of=as_of,
        lang=lang,
        position_code=rule_set.code,
        revision=int(rule_set.revision or 0),
        policy_id=rule_set.policy.policy_id,
        fingerprint=rule_set.fingerprint,
        engine_version=ENGINE_VERSION,
        actor=actor,
        batch_id=batch_id,
    )


def batch_records(
    texts: RowTexts, shared: Shared, rows: Iterable[RowValues]
) -> tuple[list[BatchRecord], set[str]]:
    """The chain records of a chunk's valid rows, in order (`append_records`' tuples), and the hashes of their
    verdicts."""
    verdict_of, input_of = texts.verdict, texts.row_input
    records: list[BatchRecord] = []
    bodies: set[str] = set()
    for number, folio, outcome, content, verdict_json in rows:
        verdict = verdict_of(verdict_json)
        bodies.add(verdict.hash)
        records.append(
            (
                shared,
                number,
                folio or None,
                outcome,
                verdict,
                None if content is None else input_of(content, folio),
            )
        )
    return records, bodies


def note_committed(texts: RowTexts, bodies: set[str]) -> None:
    """The verdict bodies a transaction committed: later chunks of the run need not send them again."""
    if len(texts.stored_bodies) > MEMO_ENTRIES:
        texts.stored_bodies.clear()  # bounded memory; forgotten bodies are only looked up again
    texts.stored_bodies |= bodies
