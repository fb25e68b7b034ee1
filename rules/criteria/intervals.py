"""Credited days of dated jobs: overlaps count once, part-time in proportion, one day never above one day.

SPEC section 3 (Experience). Credit is counted in whole units (a full day is `full` units, e.g. 4,000 for a
40-hour week counted in hundredths of an hour), so verdicts never depend on floats and stay fast.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import NamedTuple

ONE_DAY = timedelta(days=1)


class Span(NamedTuple):
    """One job's contribution: inclusive dates and the units of a day it is worth (at most a full day)."""

    job: int
    start: date
    end: date
    share: int


class Segment(NamedTuple):
    start: date
    end: date
    share: int
    """Credit units per day in this segment, already capped at a full day."""
    jobs: tuple[int, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def credit(self) -> int:
        return self.share * self.days


def merge_spans(spans: list[Span], full: int) -> tuple[Segment, ...]:
    """Sweep the spans into segments where the set of covering jobs is constant; adjacent equal ones merge."""
    if not spans:
        return ()
    if len(spans) == 1:
        only = spans[0]
        return (Segment(only.start, only.end, min(full, only.share), (only.job,)),)
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    if all(a.end < b.start for a, b in itertools.pairwise(ordered)):
        # No two jobs share a day (the usual career): each span is its own segment.
        return _join_adjacent([Segment(s.start, s.end, min(full, s.share), (s.job,)) for s in ordered])
    points = sorted({s.start for s in spans} | {s.end + ONE_DAY for s in spans})
    pieces: list[Segment] = []
    for left, right in itertools.pairwise(points):
        last = right - ONE_DAY
        covering = [s for s in spans if s.start <= left and s.end >= last]
        if covering:
            share = min(full, sum(s.share for s in covering))
            pieces.append(Segment(left, last, share, tuple(sorted({s.job for s in covering}))))
    return _join_adjacent(pieces)


def _join_adjacent(pieces: list[Segment]) -> tuple[Segment, ...]:
    """Consecutive pieces with no gap and the same credit per day read as one interval."""
    segments: list[Segment] = []
    for piece in pieces:
        previous = segments[-1] if segments else None
        if previous and previous.end + ONE_DAY == piece.start and previous.share == piece.share:
            jobs = tuple(sorted(set(previous.jobs) | set(piece.jobs)))
            segments[-1] = Segment(previous.start, piece.end, piece.share, jobs)
        else:
            segments.append(piece)
    return tuple(segments)


def credited_units(segments: tuple[Segment, ...]) -> int:
    return sum(segment.credit for segment in segments)


def date_reaching(needed: int, spans: list[Span], after: date, full: int) -> date | None:
    """The first day after `after` on which the future spans bring `needed` more credit units, if ever."""
    if needed <= 0:
        return after
    future = [Span(s.job, max(s.start, after + ONE_DAY), s.end, s.share) for s in spans if s.end > after]
    remaining = needed
    for segment in merge_spans(future, full):
        if segment.credit >= remaining:
            days = -(-remaining // segment.share)  # ceiling division
            return segment.start + timedelta(days=days - 1)
        remaining -= segment.credit
    return None


def decimal_text(numerator: int, denominator: int = 1, places: int = 2) -> str:
    """numerator/denominator as decimal text, truncated (never rounded up), trailing zeros removed."""
    scaled = numerator * 10**places // denominator
    whole, part = divmod(scaled, 10**places)
    if part == 0:
        return str(whole)
    return f"{whole}.{part:0{places}d}".rstrip("0")
