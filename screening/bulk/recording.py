"""Recording screened rows as evaluations of one batch in the audit chain, a chunk per transaction."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from screening.bulk.runner import Recorder, Screened
from screening.storage.chain import (
    CanonicalText,
    EncodedText,
    HashedVerdict,
    hashed_verdict,
    plain_json_text,
)

if TYPE_CHECKING:
    from rules.compiler import RuleSet
    from screening.storage.database import Database

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

    def row_input(self, content: dict[str, Any], folio: str) -> str | EncodedText:
        """The canonical text of a row's candidate: the `content` the runner shares between the rows that
        read alike (never changed, so known by identity), with the row's folio when it has one; with its
        JSON string form (`EncodedText`) when the row has a folio and the text is in NFC."""
        pattern = self._contents.get(id(content))
        if pattern is None or pattern.content is not content:
            pattern = _InputPattern(content, content)
            if len(self._contents) >= MEMO_ENTRIES:
                self._contents.clear()
            # The content is kept with its pattern, so its id cannot be reused while it is here.
            self._contents[id(content)] = pattern
        return pattern.encoded_with_folio(folio) if folio else pattern.whole


class _InputPattern:
    """The canonical text of one row content's candidate, split where the folio goes."""

    __slots__ = (
        "content",
        "encoded",
        "folio_prefix",
        "folio_suffix",
        "json_prefix",
        "json_suffix",
        "values",
        "verdict",
        "whole",
    )

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
        # The JSON string forms of the pieces, for the record's text: escaping works character by character,
        # so the form of prefix + folio + suffix is the forms joined. Only pieces in NFC qualify (a JSON
        # escape before a combining mark can compose with it, so a text of NFC values may not be in NFC).
        self.encoded = all(
            piece.isascii() or unicodedata.is_normalized("NFC", piece)
            for piece in (self.whole, self.folio_prefix, self.folio_suffix)
        )
        self.json_prefix = _json_string(self.folio_prefix)[:-1]
        self.json_suffix = _json_string(self.folio_suffix)[1:]

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
        return self.folio_prefix + _folio_json(folio) + self.folio_suffix

    def encoded_with_folio(self, folio: str) -> str | EncodedText:
        """`with_folio`, with its JSON string form when it is known to be in NFC (else the text alone)."""
        written = _folio_json(folio)
        text = self.folio_prefix + written + self.folio_suffix
        if not self.encoded or not (written.isascii() or unicodedata.is_normalized("NFC", written)):
            return text
        return EncodedText(text, self.json_prefix + _json_string(written)[1:-1] + self.json_suffix)


def _json_string(text: str) -> str:
    return str(encode_basestring(text))


def _folio_json(folio: str) -> str:
    """A folio as canonical_json writes it: in NFC, as a JSON string."""
    if not folio.isascii() and not unicodedata.is_normalized("NFC", folio):
        folio = unicodedata.normalize("NFC", folio)
    return _json_string(folio)


def chain_recorder(
    database: Database, rule_set: RuleSet, *, as_of: date, lang: str, actor: str, batch_id: str
) -> Recorder:
    """A recorder appending each chunk's valid rows in row order, in one write transaction per chunk.

    Re-recording a chunk returns the ids already stored (batch id + row number is unique), so a chunk that
    is run twice after a crash is stored once (RELIABILITY 2.2).
    """
    from rules import ENGINE_VERSION
    from screening.storage.chain import BatchRecord, Shared, append_records

    texts = RowTexts()
    shared = Shared(
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
    verdict_of, input_of = texts.verdict, texts.row_input

    def records_of(rows: Sequence[Screened]) -> tuple[list[BatchRecord], set[str]]:
        records: list[BatchRecord] = []
        bodies: set[str] = set()
        for screened in rows:
            if screened.verdict is None:
                continue
            verdict = verdict_of(screened.verdict)
            bodies.add(verdict.hash)
            content, folio = screened.content, screened.folio
            records.append(
                (
                    shared,
                    screened.number,
                    folio or None,
                    screened.outcome,
                    verdict,
                    None if content is None else input_of(content, folio),
                )
            )
        return records, bodies

    def committed(bodies: set[str]) -> None:
        if len(texts.stored_bodies) > MEMO_ENTRIES:
            texts.stored_bodies.clear()  # bounded memory; forgotten bodies are only looked up again
        texts.stored_bodies |= bodies  # committed: later chunks need not send them again

    def per_row(rows: Sequence[Screened], ids: list[str]) -> list[str | None]:
        stored = iter(ids)
        return [next(stored) if screened.verdict is not None else None for screened in rows]

    def record(rows: Sequence[Screened]) -> list[str | None]:
        records, bodies = records_of(rows)
        ids: list[str] = []
        if records:
            with database.write() as session:
                ids = append_records(session, records, stored_bodies=texts.stored_bodies)
            committed(bodies)
        return per_row(rows, ids)

    def stage(rows: Sequence[Screened]) -> tuple[list[str | None], Callable[[], None]]:
        records, bodies = records_of(rows)
        if not records:
            return per_row(rows, []), _nothing
        transaction = database.write()
        session = transaction.__enter__()
        try:
            ids = append_records(session, records, stored_bodies=texts.stored_bodies)
        except BaseException:
            transaction.__exit__(*sys.exc_info())  # rolled back, lock released
            raise

        def commit() -> None:
            transaction.__exit__(None, None, None)
            committed(bodies)

        return per_row(rows, ids), commit

    return StagingRecorder(record, stage)


def _nothing() -> None:
    return None


class StagingRecorder:
    """A `Recorder` that can also split a chunk's write in two: `stage` appends the chunk inside a write
    transaction and returns the rows' ids with a function that commits it (or raises, the chunk rolled back).
    The runner calls that function from another thread, so the commit (one call into SQLite, which releases
    the GIL) runs while the next chunk is screened; the next chunk's transaction waits for it (the write lock)."""

    def __init__(
        self,
        record: Callable[[Sequence[Screened]], list[str | None]],
        stage: Callable[[Sequence[Screened]], tuple[list[str | None], Callable[[], None]]],
    ) -> None:
        self._record = record
        self.stage = stage

    def __call__(self, rows: Sequence[Screened]) -> list[str | None]:
        return self._record(rows)
