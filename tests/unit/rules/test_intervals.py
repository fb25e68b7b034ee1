from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from rules.criteria.intervals import Span, credited_units, date_reaching, decimal_text, merge_spans

FULL = 4000  # a 40-hour day in hundredths of an hour

D = date


def test_overlapping_jobs_count_each_day_once() -> None:
    spans = [
        Span(0, D(2020, 1, 1), D(2020, 12, 31), FULL),
        Span(1, D(2020, 7, 1), D(2021, 6, 30), FULL),
    ]
    assert credited_units(merge_spans(spans, FULL)) == ((D(2021, 6, 30) - D(2020, 1, 1)).days + 1) * FULL


def test_two_half_time_jobs_on_the_same_days_make_one_full_day() -> None:
    spans = [
        Span(0, D(2022, 1, 1), D(2022, 1, 10), FULL // 2),
        Span(1, D(2022, 1, 1), D(2022, 1, 10), FULL // 2),
    ]
    assert credited_units(merge_spans(spans, FULL)) == 10 * FULL


def test_credit_of_one_day_never_exceeds_one_day() -> None:
    spans = [Span(i, D(2022, 1, 1), D(2022, 1, 31), FULL * 3 // 4) for i in range(3)]
    assert credited_units(merge_spans(spans, FULL)) == 31 * FULL


def test_part_time_is_credited_in_proportion() -> None:
    spans = [Span(0, D(2023, 1, 1), D(2023, 12, 31), FULL // 2)]
    assert credited_units(merge_spans(spans, FULL)) == 365 * FULL // 2


def test_days_are_counted_inclusive() -> None:
    assert credited_units(merge_spans([Span(0, D(2024, 3, 1), D(2024, 3, 1), FULL)], FULL)) == FULL


def test_date_reaching_counts_forward_from_the_day_after() -> None:
    ongoing = [Span(0, D(2020, 1, 1), D(9999, 12, 30), FULL)]
    assert date_reaching(10 * FULL, ongoing, D(2024, 1, 31), FULL) == D(2024, 2, 10)


def test_date_reaching_with_half_time_takes_twice_as_long() -> None:
    ongoing = [Span(0, D(2020, 1, 1), D(9999, 12, 30), FULL // 2)]
    assert date_reaching(10 * FULL, ongoing, D(2024, 1, 31), FULL) == D(2024, 2, 20)


def test_decimal_text_truncates_never_rounds_up() -> None:
    assert decimal_text(2, 3) == "0.66"
    assert decimal_text(730) == "730"
    assert decimal_text(3, 2) == "1.5"


spans_strategy = st.lists(
    st.tuples(
        st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 1, 1)),
        st.integers(min_value=0, max_value=900),
        st.sampled_from([FULL, FULL // 2, FULL // 4, FULL * 3 // 4]),
    ),
    max_size=8,
)


def _spans(raw: list[tuple[date, int, int]]) -> list[Span]:
    return [
        Span(i, start, start + timedelta(days=length), share) for i, (start, length, share) in enumerate(raw)
    ]


@given(spans_strategy)
def test_merged_intervals_never_count_a_day_twice(raw: list[tuple[date, int, int]]) -> None:
    spans = _spans(raw)
    segments = merge_spans(spans, FULL)
    days = [s.start + timedelta(days=k) for s in segments for k in range(s.days)]
    assert len(days) == len(set(days))
    covered = {s.start + timedelta(days=k) for s in spans for k in range((s.end - s.start).days + 1)}
    assert set(days) == covered
    assert credited_units(segments) <= len(covered) * FULL


@given(spans_strategy, spans_strategy)
def test_adding_a_job_never_reduces_credit(
    raw: list[tuple[date, int, int]], more: list[tuple[date, int, int]]
) -> None:
    spans = _spans(raw)
    assert credited_units(merge_spans(spans + _spans(more), FULL)) >= credited_units(merge_spans(spans, FULL))
