"""Screening the rows of a bulk file: validate, evaluate (memoised per distinct row content), record, write.

One output row per input row, in input order (SPEC section 4). The rule set is compiled once by the caller;
rows that repeat the same values (folio and gender aside) are evaluated once and their result cells reused.
Recording happens in chunks of rows, in order, through a `Recorder`, before the chunk's rows are written, so
every written row carries its evaluation id.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rules.errors import InputErrors, InputProblem, Text
from screening.bulk.headers import ColumnMap
from screening.bulk.limits import NO_CANDIDATE_ROWS, BulkFileError, BulkLimits
from screening.bulk.readers import open_table
from screening.bulk.rows import cell_text, describe_problem, gender_group, row_to_candidate
from screening.bulk.table import SourceRow, Table, TableInfo
from screening.bulk.writers import CRITERIA, Value, neutralise, open_writer
from screening.i18n import written

if TYPE_CHECKING:
    from concurrent.futures import Future

    from rules.compiler import RuleSet

T = TypeVar("T")

OUTCOMES = ("eligible", "ineligible", "review", "invalid")
CHUNK_ROWS = 500
FILE_CHUNK_ROWS = 10_000
"""Rows per transaction when a file is screened from the command line: the commits of a random-keyed index
cost per transaction. Screening time of 100,000 rows recorded on SQLite, commits aside: 2,000 rows 3.5-3.7 s,
5,000 rows 3.3-3.5 s, 10,000 rows 3.2-3.4 s, 20,000 rows 3.3 s (500 rows, before commits went aside:
6.1-7.9 s). Memory stays bounded by two chunks of rows (one committing, one being screened)."""
MEMO_ENTRIES = 20_000
"""Distinct row contents kept; past this, further new contents are evaluated without being kept."""
REASON_SEPARATOR = " | "
_NO_CRITERIA: tuple[Value, ...] = (None,) * len(CRITERIA)


@dataclass(slots=True)
class Screened:
    """One screened row: its output cells (neutralised; the evaluation id last) and, for a valid row, what the
    audit record needs."""

    number: int
    folio: str
    outcome: str
    cells: list[Value]
    gender: str | None = None
    content: dict[str, Any] | None = None
    """The candidate JSON without its folio, shared by every row that reads alike (never changed)."""
    verdict: dict[str, Any] | None = None

    @property
    def candidate(self) -> dict[str, Any] | None:
        """The row's candidate JSON: its content, with the row's folio when it has one."""
        content = self.content
        if content is None or not self.folio:
            return content
        return {**content, "folio": self.folio}

    def set_evaluation_id(self, evaluation_id: str | None) -> None:
        # Ids are URL-safe base64 and may start with "-": neutralised like every other cell.
        self.cells[-1] = neutralise(evaluation_id)


class Recorder(Protocol):
    def __call__(self, rows: Sequence[Screened]) -> list[str | None]:
        """Store the valid rows of a chunk as evaluations, in order; the evaluation id of each row (None for
        invalid rows)."""
        ...


@dataclass(slots=True)
class _Memo:
    outcome: str
    tail: tuple[Value, ...]
    """Output cells from `outcome` to `error`, neutralised."""
    candidate: dict[str, Any] | None = None
    """The candidate JSON without its folio."""
    verdict: dict[str, Any] | None = None


class Screener:
    """Turns source rows into screened rows for one rule set, `as_of` and language."""

    def __init__(
        self, rule_set: RuleSet, as_of: date, lang: str, columns: ColumnMap, records: bool = True
    ) -> None:
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
        self.records = records
        """Whether screened rows carry their candidate and verdict (for the chain): without, the memo keeps
        neither."""
        # Folio and gender do not change a verdict: they stay out of the memo key.
        key_indexes = [c.index for c in columns.columns if c.target[0] not in ("folio", "gender")]
        self._key: Callable[[list[Any]], Any] = (
            itemgetter(*key_indexes) if key_indexes else (lambda cells: ())
        )
        folios = columns.by_kind("folio")
        genders = columns.by_kind("gender")
        self._folio_index = folios[0].index if folios else None
        self._gender_index = genders[0].index if genders else None
        self._genders: dict[Any, str] = {}
        self._memo: dict[Any, _Memo] = {}
        self.evaluated = 0

    def _row_error(self, error: Text) -> str:
        """A reader's error of the row (empty, unreadable, a value without header) in the batch's language."""
        return written(self.lang, error)

    def screen(self, row: SourceRow) -> Screened:
        """The row screened, with what its audit record needs. (The memo lookup written out by hand for rows
        that repeat an earlier one measured no faster: 0.42-0.88 s against 0.42-0.68 s for 100,000 rows.)"""
        folio, gender, memo = self._lookup(row)
        screened = Screened(
            row.number, folio, memo.outcome, [row.number, neutralise(folio), *memo.tail, None], gender
        )
        if memo.verdict is not None and memo.candidate is not None:
            # The verdict carries no folio (the record has its own column), so rows that read alike share it.
            screened.verdict = memo.verdict
            screened.content = memo.candidate
        return screened

    def _lookup(self, row: SourceRow) -> tuple[str, str | None, _Memo]:
        cells = row.cells
        folio = ""
        if self._folio_index is not None:
            raw_folio = cells[self._folio_index]
            folio = raw_folio.strip() if isinstance(raw_folio, str) else cell_text(raw_folio)
        gender = None
        if self._gender_index is not None:
            raw_gender = cells[self._gender_index]
            gender = self._genders.get(raw_gender)
            if gender is None:
                gender = gender_group(raw_gender)
                if len(self._genders) < MEMO_ENTRIES:
                    self._genders[raw_gender] = gender
        if row.error is not None:
            return (
                folio,
                gender,
                _Memo(
                    "invalid",
                    ("invalid", None, None, *_NO_CRITERIA, "", neutralise(self._row_error(row.error))),
                ),
            )
        key = self._key(cells)
        memo = self._memo.get(key)
        if memo is None:
            memo = self._evaluate_row(cells)
            if len(self._memo) < MEMO_ENTRIES:
                self._memo[key] = memo
        return folio, gender, memo

    def _evaluate_row(self, cells: list[Any]) -> _Memo:
        self.evaluated += 1
        mapped = row_to_candidate(cells, self.columns)
        problems: list[InputProblem] = list(mapped.problems)
        parsed = evaluated = None
        try:
            parsed = self._parse(mapped.candidate)
            # A job starting after as_of is an input error too, found by the evaluation.
            evaluated = self._evaluate(self.rule_set, parsed, self.as_of)
        except InputErrors as exc:
            known = {problem.path for problem in problems}
            problems.extend(problem for problem in exc.problems if problem.path not in known)
        if problems or parsed is None or evaluated is None:
            error = "; ".join(describe_problem(problem, self.columns, self.lang) for problem in problems)
            return _Memo("invalid", ("invalid", None, None, *_NO_CRITERIA, "", neutralise(error)))
        verdict = self._render(evaluated, self.lang)
        outcomes = {criterion["id"]: criterion["outcome"] for criterion in verdict["criteria"]}
        # The reasons explain the outcome: mandatory criteria that did not pass. Desirable gaps never change
        # the outcome (SPEC section 3); they show as desirable_score and the desirable.* columns, and in full
        # in the recorded verdict.
        reasons = REASON_SEPARATOR.join(
            criterion["reason"]["message"]
            for criterion in verdict["criteria"]
            if criterion["mandatory"] and criterion["outcome"] != "pass"
        )
        tail = (
            verdict["outcome"],
            verdict["eligible_from"],
            verdict["desirable"]["score"],
            *(outcomes.get(criterion) for criterion in CRITERIA),
            neutralise(reasons),
            "",
        )
        if not self.records:
            # Nothing kept for the chain: 5,000 realistic rows 3.95-4.80 s to 2.96-3.44 s CPU, RSS 162 to 113 MB.
            return _Memo(verdict["outcome"], tail)
        candidate = {key: value for key, value in mapped.candidate.items() if key != "folio"}
        return _Memo(verdict["outcome"], tail, candidate, verdict)


def screen_chunk(screener: Screener, rows: Iterable[SourceRow]) -> list[Screened]:
    """A chunk of rows screened, in order: the step a pool of processes could take chunk by chunk."""
    screen = screener.screen
    return [screen(row) for row in rows]


def chunks(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    """`rows` in lists of `size` (the last one shorter), in order."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


POOL_CHUNK_ROWS = 1_000
"""Rows a pool process screens per task: large enough that sending the rows and the results costs little
beside screening them, small enough that the pool starts at once and a few tasks ahead bound the memory."""
POOL_MIN_BYTES = 4 * 1024 * 1024
"""Files from this size (about 10,000 applicant rows) are screened by a pool of processes (`pool_workers`)."""
_pooled_screener: Screener | None = None
"""The screener a pool process was forked with (set in the parent just before the pool forks)."""


def pool_workers(size: int) -> int:
    """Processes to screen a file of `size` bytes: one per usable core (at most two) for a large file, else 1
    (screened in this process)."""
    if size < POOL_MIN_BYTES or sys.platform == "win32":
        return 1
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


def _screen_pooled(rows: list[SourceRow]) -> tuple[list[Screened], int]:
    """In a pool process: a chunk screened by the forked screener, and how many rows it evaluated (a screener
    without `records` sends back only each row's cells, outcome and gender)."""
    screener = _pooled_screener
    assert screener is not None  # nosec B101 # set before the pool forked
    before = screener.evaluated
    screened = screen_chunk(screener, rows)
    return screened, screener.evaluated - before


def _pooled(rows: Iterable[SourceRow], screener: Screener, workers: int) -> Iterator[Screened]:
    """Screened rows in input order, chunks of rows screened by `workers` forked processes, a few chunks ahead
    of the caller (memory bounded by them, whatever the file's length)."""
    global _pooled_screener
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    ahead: deque[Future[tuple[list[Screened], int]]] = deque()
    # The processes fork at the first task, each with this process's screener (its rule set compiled once).
    _pooled_screener = screener
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            for chunk in chunks(rows, POOL_CHUNK_ROWS):
                ahead.append(pool.submit(_screen_pooled, chunk))
                _pooled_screener = None
                if len(ahead) > 2 * workers:
                    yield from _collect(ahead.popleft(), screener)
            while ahead:
                yield from _collect(ahead.popleft(), screener)
    finally:
        _pooled_screener = None


def _collect(future: Future[tuple[list[Screened], int]], screener: Screener) -> list[Screened]:
    screened, evaluated = future.result()
    screener.evaluated += evaluated
    return screened


def screen_rows(
    rows: Iterable[SourceRow],
    screener: Screener,
    recorder: Recorder | None = None,
    chunk_rows: int = CHUNK_ROWS,
    workers: int = 1,
) -> Iterator[Screened]:
    """Screened rows in input order, chunk by chunk; with a recorder, each chunk is recorded before any of it is
    yielded, so the caller's last row (and the end of its result file) comes after the last commit. With
    `workers` over 1, a pool of that many forked processes screens the rows (this process reads, records and
    writes)."""
    if workers > 1:
        pooled = _pooled(rows, screener, workers)
        if recorder is None:
            yield from pooled
            return
        for screened in chunks(pooled, chunk_rows):
            yield from _recorded(screened, recorder)
        return
    if recorder is None:
        # Row by row: chunks held for nothing would keep thousands of rows alive for the garbage collector to
        # visit again and again (100,000 rows screened into a file: 1.66 s in chunks of 10,000, 1.15 s so).
        yield from map(screener.screen, rows)
        return
    for chunk in chunks(rows, chunk_rows):
        yield from _recorded(screen_chunk(screener, chunk), recorder)


def _recorded(chunk: list[Screened], recorder: Recorder) -> list[Screened]:
    ids = recorder(chunk)
    for screened, evaluation_id in zip(chunk, ids, strict=True):
        screened.set_evaluation_id(evaluation_id)
    return chunk


@dataclass
class Summary:
    rows: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    by_gender: dict[str, Counter[str]] = field(default_factory=dict)
    info: TableInfo | None = None
    seconds: float = 0.0
    rule_set_seconds: float = 0.0
    """Part of `seconds` spent loading the rule set, when it was given as a function."""
    distinct: int = 0

    def add(self, screened: Screened) -> None:
        self.rows += 1
        outcome = screened.outcome
        counts = self.counts
        counts[outcome] = counts.get(outcome, 0) + 1
        if screened.gender is not None:
            group = self.by_gender.get(screened.gender)
            if group is None:
                group = self.by_gender[screened.gender] = Counter()
            group[outcome] += 1

    def merge(self, counts: Mapping[str, int], by_gender: Mapping[str, Mapping[str, int]]) -> None:
        """Add the counts of another part of the same batch."""
        self.counts.update(counts)
        self.rows += sum(counts.values())
        for group, group_counts in by_gender.items():
            self.by_gender.setdefault(group, Counter()).update(group_counts)

    def counts_dict(self) -> dict[str, int]:
        return {outcome: self.counts.get(outcome, 0) for outcome in OUTCOMES}


def screen_file(
    input_path: str | Path,
    output_path: str | Path,
    rule_set: RuleSet | Callable[[], RuleSet],
    *,
    as_of: date,
    lang: str,
    limits: BulkLimits,
    sheet: str | None = None,
    recorder_for: Callable[[TableInfo], Recorder] | None = None,
    progress_for: Callable[[TableInfo], Callable[[int], None] | None] | None = None,
    output_format: str | None = None,
    chunk_rows: int = FILE_CHUNK_ROWS,
    table: Table | None = None,
    workers: int | None = None,
) -> Summary:
    """Screen a CSV or XLSX file into a result file (CSV or XLSX by extension); the summary of outcomes.

    `rule_set` may be a function returning it: it is called once the file is open, so loading the rule set
    runs while an XLSX parser child is still reading the sheet. `table` is `input_path` already opened by the
    caller (open_table), so that child starts even earlier; it is closed here. `workers`: processes screening
    the rows (None: `pool_workers` of the file's size).

    Raises BulkFileError when the file as a whole cannot be read; no partial result file is left behind.
    """
    started = time.perf_counter()
    output = Path(output_path)
    summary = Summary()
    try:
        with table if table is not None else open_table(input_path, limits, sheet) as table:
            summary.info = table.info
            loading = time.perf_counter()
            rules = rule_set() if callable(rule_set) else rule_set
            summary.rule_set_seconds = time.perf_counter() - loading
            screener = Screener(rules, as_of, lang, table.columns, records=recorder_for is not None)
            recorder = recorder_for(table.info) if recorder_for is not None else None
            progress = progress_for(table.info) if progress_for is not None else None
            if workers is None:
                workers = pool_workers(Path(input_path).stat().st_size)

            def output_rows() -> Iterator[list[Value]]:
                for screened in screen_rows(table, screener, recorder, chunk_rows, workers):
                    summary.add(screened)
                    if progress is not None:
                        progress(1)
                    yield screened.cells

            open_writer(output, output_format).write_all(output_rows())
            summary.distinct = screener.evaluated
        if summary.rows == 0:
            raise BulkFileError(NO_CANDIDATE_ROWS)
    except BaseException:
        output.unlink(missing_ok=True)
        raise
    summary.seconds = time.perf_counter() - started
    return summary
