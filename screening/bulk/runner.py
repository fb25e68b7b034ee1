"""Screening the rows of a bulk file: validate, evaluate (memoised per distinct row content), record, write.

One output row per input row, in input order (SPEC section 4). The rule set is compiled once by the caller;
rows that repeat the same values are evaluated once. Recording happens in chunks of rows, in order, through a
`Recorder`, before the chunk's rows are written, so every written row carries its evaluation id.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rules.errors import InputErrors, InputProblem
from screening.bulk.headers import ColumnMap
from screening.bulk.limits import BulkFileError, BulkLimits
from screening.bulk.rows import describe_problem, row_to_candidate
from screening.bulk.table import SourceRow, TableInfo, open_table
from screening.bulk.writers import CRITERIA, ResultWriter, Value, open_writer

if TYPE_CHECKING:
    from rules.compiler import RuleSet

OUTCOMES = ("eligible", "ineligible", "review", "invalid")
CHUNK_ROWS = 500
MEMO_ENTRIES = 20_000
REASON_SEPARATOR = " | "


@dataclass
class ResultRow:
    number: int
    folio: str
    outcome: str
    eligible_from: str | None = None
    desirable_score: int | None = None
    criteria: dict[str, str] = field(default_factory=dict)
    reasons: str = ""
    error: str = ""
    evaluation_id: str | None = None

    def cells(self) -> list[Value]:
        return [
            self.number,
            self.folio,
            self.outcome,
            self.eligible_from,
            self.desirable_score,
            *(self.criteria.get(criterion) for criterion in CRITERIA),
            self.reasons,
            self.error,
            self.evaluation_id,
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "folio": self.folio,
            "outcome": self.outcome,
            "eligible_from": self.eligible_from,
            "desirable_score": self.desirable_score,
            "criteria": self.criteria,
            "reasons": self.reasons,
            "error": self.error,
            "evaluation_id": self.evaluation_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResultRow:
        return cls(**data)


@dataclass
class Screened:
    """One screened row: its result row, and for a valid row what the audit record needs."""

    result: ResultRow
    gender: str | None
    candidate: dict[str, Any] | None = None
    verdict: dict[str, Any] | None = None


class Recorder(Protocol):
    def __call__(self, rows: Sequence[Screened]) -> list[str | None]:
        """Store the valid rows of a chunk as evaluations, in order; the evaluation id of each row (None for
        invalid rows)."""
        ...


@dataclass
class _Memo:
    verdict: dict[str, Any] | None
    outcome: str
    eligible_from: str | None
    score: int | None
    criteria: dict[str, str]
    reasons: str
    error: str


class Screener:
    """Turns source rows into screened rows for one rule set, `as_of` and language."""

    def __init__(self, rule_set: RuleSet, as_of: date, lang: str, columns: ColumnMap) -> None:
        from rules.candidate import parse_candidate
        from rules.engine import evaluate
        from rules.render import verdict_to_dict

        self._parse = parse_candidate
        self._evaluate = evaluate
        self._render = verdict_to_dict
        self.rule_set = rule_set
        self.as_of = as_of
        self.lang = lang
        self.columns = columns
        # Folio and gender do not change a verdict: leave them out of the memo key.
        self._key_indexes = tuple(
            column.index for column in columns.columns if column.target[0] not in ("folio", "gender")
        )
        self._memo: dict[tuple[Any, ...], _Memo] = {}
        self.evaluated = 0

    def screen(self, row: SourceRow) -> Screened:
        if row.error is not None:
            mapped_folio = ""
            if row.cells:
                mapped_folio = row_to_candidate(row.cells, self.columns).folio
            return Screened(ResultRow(row.number, mapped_folio, "invalid", error=row.error), None)
        mapped = row_to_candidate(row.cells, self.columns)
        cells = row.cells
        key = tuple(cells[index] if index < len(cells) else None for index in self._key_indexes)
        memo = self._memo.get(key)
        if memo is None:
            memo = self._evaluate_row(mapped.candidate, mapped.problems)
            if len(self._memo) < MEMO_ENTRIES:
                self._memo[key] = memo
        result = ResultRow(
            row.number,
            mapped.folio,
            memo.outcome,
            memo.eligible_from,
            memo.score,
            memo.criteria,
            memo.reasons,
            memo.error,
        )
        if memo.verdict is None:
            return Screened(result, mapped.gender)
        verdict = memo.verdict
        if verdict.get("folio") != (mapped.folio or None):
            verdict = {**verdict, "folio": mapped.folio or None}
        return Screened(result, mapped.gender, mapped.candidate, verdict)

    def _evaluate_row(self, candidate: dict[str, Any], problems: Sequence[InputProblem]) -> _Memo:
        self.evaluated += 1
        all_problems = list(problems)
        parsed = None
        try:
            parsed = self._parse(candidate)
        except InputErrors as exc:
            known = {problem.path for problem in all_problems}
            all_problems.extend(problem for problem in exc.problems if problem.path not in known)
        if all_problems or parsed is None:
            error = "; ".join(describe_problem(problem, self.columns) for problem in all_problems)
            return _Memo(None, "invalid", None, None, {}, "", error)
        verdict = self._render(self._evaluate(self.rule_set, parsed, self.as_of), self.lang)
        criteria = {criterion["id"]: criterion["outcome"] for criterion in verdict["criteria"]}
        reasons = REASON_SEPARATOR.join(
            criterion["reason"]["message"]
            for criterion in verdict["criteria"]
            if criterion["outcome"] != "pass"
        )
        return _Memo(
            verdict,
            verdict["outcome"],
            verdict["eligible_from"],
            verdict["desirable"]["score"],
            criteria,
            reasons,
            "",
        )


def screen_rows(
    rows: Iterable[SourceRow],
    screener: Screener,
    recorder: Recorder | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator[Screened]:
    """Screened rows in input order; with a recorder, each chunk is recorded before any of it is yielded."""
    chunk: list[Screened] = []
    for row in rows:
        chunk.append(screener.screen(row))
        if len(chunk) >= chunk_rows:
            yield from _recorded(chunk, recorder)
            chunk = []
    if chunk:
        yield from _recorded(chunk, recorder)


def _recorded(chunk: list[Screened], recorder: Recorder | None) -> list[Screened]:
    if recorder is not None:
        ids = recorder(chunk)
        for screened, evaluation_id in zip(chunk, ids, strict=True):
            screened.result.evaluation_id = evaluation_id
    return chunk


@dataclass
class Summary:
    rows: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    by_gender: dict[str, Counter[str]] = field(default_factory=dict)
    info: TableInfo | None = None
    seconds: float = 0.0
    distinct: int = 0

    def add(self, screened: Screened) -> None:
        self.rows += 1
        outcome = screened.result.outcome
        self.counts[outcome] += 1
        if screened.gender is not None:
            self.by_gender.setdefault(screened.gender, Counter())[outcome] += 1

    def counts_dict(self) -> dict[str, int]:
        return {outcome: self.counts.get(outcome, 0) for outcome in OUTCOMES}


def screen_file(
    input_path: str | Path,
    output_path: str | Path,
    rule_set: RuleSet,
    *,
    as_of: date,
    lang: str,
    limits: BulkLimits,
    sheet: str | None = None,
    recorder_for: Callable[[TableInfo], Recorder] | None = None,
    progress_for: Callable[[TableInfo], Callable[[int], None] | None] | None = None,
    output_format: str | None = None,
) -> Summary:
    """Screen a CSV or XLSX file into a result file (CSV or XLSX by extension); the summary of outcomes.

    Raises BulkFileError when the file as a whole cannot be read; no partial result file is left behind.
    """
    started = time.perf_counter()
    output = Path(output_path)
    summary = Summary()
    writer: ResultWriter | None = None
    try:
        with open_table(input_path, limits, sheet) as table:
            summary.info = table.info
            screener = Screener(rule_set, as_of, lang, table.columns)
            recorder = recorder_for(table.info) if recorder_for is not None else None
            writer = open_writer(output, output_format)
            progress = progress_for(table.info) if progress_for is not None else None
            for screened in screen_rows(table, screener, recorder):
                writer.write(screened.result.cells())
                summary.add(screened)
                if progress is not None:
                    progress(1)
            summary.distinct = screener.evaluated
        writer.close()
        writer = None
        if summary.rows == 0:
            raise BulkFileError(
                "file has a header row but no candidate rows; accepted: one candidate per row"
            )
    except BaseException:
        if writer is not None:
            writer.close()
        output.unlink(missing_ok=True)
        raise
    summary.seconds = time.perf_counter() - started
    return summary
