"""Credited days of dated jobs: overlaps count once, part-time in proportion, one day never above one day.

SPEC section 3 (Experience). Exact arithmetic (Fraction): verdicts are hashed and must not depend on floats.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction


@dataclass(frozen=True)
class Span:
    """One job's contribution: inclusive dates and the share of a full-time day it is worth."""

    job: int
    start: date
    end: date
    share: Fraction


@dataclass(frozen=True)
class Segment:
    start: date
    end: date
    share: Fraction
    """Credit per day in this segment, already capped at 1."""
    jobs: tuple[int, ...]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def credit(self) -> Fraction:
        return self.share * self.days


def merge_spans(spans: list[Span]) -> tuple[Segment, ...]:
    """Sweep the spans into segments where the set of covering jobs is constant; adjacent equal ones merge."""
    if not spans:
        return ()
    boundaries: set[date] = set()
    for span in spans:
        boundaries.add(span.start)
        boundaries.add(span.end + timedelta(days=1))
    points = sorted(boundaries)
    segments: list[Segment] = []
    for left, right in itertools.pairwise(points):
        last = right - timedelta(days=1)
        covering = [s for s in spans if s.start <= left and s.end >= last]
        if not covering:
            continue
        share = min(Fraction(1), sum((s.share for s in covering), Fraction(0)))
        jobs = tuple(sorted({s.job for s in covering}))
        previous = segments[-1] if segments else None
        if previous and previous.end + timedelta(days=1) == left and previous.share == share:
            segments[-1] = Segment(previous.start, last, share, tuple(sorted(set(previous.jobs) | set(jobs))))
        else:
            segments.append(Segment(left, last, share, jobs))
    return tuple(segments)


def credited_days(segments: tuple[Segment, ...]) -> Fraction:
    return sum((segment.credit for segment in segments), Fraction(0))


def date_reaching(needed: Fraction, spans: list[Span], after: date) -> date | None:
    """The first day after `after` on which the future spans bring `needed` more credited days, if ever."""
    if needed <= 0:
        return after
    future = [
        Span(s.job, max(s.start, after + timedelta(days=1)), s.end, s.share) for s in spans if s.end > after
    ]
    remaining = needed
    for segment in merge_spans(future):
        if segment.credit >= remaining:
            days = -(-remaining // segment.share)  # ceiling division on Fractions
            return segment.start + timedelta(days=int(days) - 1)
        remaining -= segment.credit
    return None


def decimal_text(value: Fraction, places: int = 2) -> str:
    """Exact fraction as decimal text, truncated (never rounds a candidate up), trailing zeros removed."""
    scaled = value.numerator * 10**places // value.denominator
    whole, part = divmod(scaled, 10**places)
    if part == 0:
        return str(whole)
    return f"{whole}.{part:0{places}d}".rstrip("0")
