from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from rules.impact import FOUR_FIFTHS, MIN_GROUP, UNKNOWN, Applicant, adverse_impact
from rules.verdict import OverallOutcome

ELIGIBLE, REVIEW, INELIGIBLE = OverallOutcome.ELIGIBLE, OverallOutcome.REVIEW, OverallOutcome.INELIGIBLE
ORDER = ("education.level", "education.status", "education.field", "experience.area", "experience.years")


def people(
    group: str, eligible: int, ineligible: int = 0, review: int = 0, failed: tuple[str, ...] = ()
) -> list[Applicant]:
    return (
        [Applicant(group, ELIGIBLE)] * eligible
        + [Applicant(group, INELIGIBLE, failed)] * ineligible
        + [Applicant(group, REVIEW)] * review
    )


def test_a_rate_under_four_fifths_of_the_highest_is_flagged() -> None:
    # 60 % against 40 %: a ratio of 2/3, the Uniform Guidelines' example of adverse impact.
    report = adverse_impact(people("mujer", 6, 4) + people("hombre", 4, 6), ORDER)
    by_group = {g.group: g for g in report.groups}
    assert by_group["mujer"].impact_ratio == 1
    assert by_group["hombre"].impact_ratio == Fraction(2, 3)
    assert [g.group for g in report.flagged] == ["hombre"]


def test_exactly_four_fifths_is_not_flagged() -> None:
    report = adverse_impact(people("mujer", 5, 5) + people("hombre", 4, 6), ORDER)
    assert {g.group: g.impact_ratio for g in report.groups}["hombre"] == FOUR_FIFTHS
    assert report.flagged == ()


def test_groups_under_five_are_hidden_and_only_counted() -> None:
    report = adverse_impact(people("mujer", 3, 3) + people("no binario", 0, MIN_GROUP - 1), ORDER)
    assert [g.group for g in report.groups] == ["mujer"]
    assert report.hidden_groups == 1
    assert report.applicants == 10


def test_a_hidden_group_never_sets_the_highest_rate() -> None:
    report = adverse_impact(people("mujer", 2, 8) + people("otro", 4, 0), ORDER)
    [shown] = report.groups
    assert shown.impact_ratio == 1


def test_applicants_with_no_sex_given_are_counted_and_shown_as_a_group() -> None:
    report = adverse_impact(people("mujer", 5, 5) + people(UNKNOWN, 1, 6), ORDER)
    assert report.unknown == 7
    assert {g.group for g in report.groups} == {"mujer", UNKNOWN}


def test_pending_reviews_are_not_selected_and_are_reported() -> None:
    [group] = adverse_impact(people("mujer", 2, 1, review=3), ORDER).groups
    assert (group.selected, group.pending, group.rate) == (2, 3, Fraction(2, 6))


def test_the_criterion_that_removes_most_of_a_group_is_named() -> None:
    applicants = (
        people("mujer", 2, 3, failed=("experience.years",))
        + people("mujer", 0, 1, failed=("education.field", "experience.years"))
        + people("mujer", 0, 2, failed=("education.field",))
    )
    [group] = adverse_impact(applicants, ORDER).groups
    assert (group.top_criterion, group.top_removed) == ("experience.years", 4)


def test_a_tie_is_broken_by_the_verdicts_order() -> None:
    applicants = people("hombre", 1, 2, failed=("experience.area",)) + people(
        "hombre", 0, 2, failed=("education.level",)
    )
    [group] = adverse_impact(applicants, ORDER).groups
    assert group.top_criterion == "education.level"


def test_nobody_selected_gives_no_ratio_and_no_flag() -> None:
    report = adverse_impact(people("mujer", 0, 5) + people("hombre", 0, 6), ORDER)
    assert all(g.impact_ratio is None for g in report.groups)
    assert report.flagged == ()


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["mujer", "hombre", UNKNOWN, "otro"]), st.sampled_from(list(OverallOutcome))
        ),
        max_size=80,
    )
)
def test_shown_groups_add_up_and_ratios_stay_within_one(rows: list[tuple[str, OverallOutcome]]) -> None:
    report = adverse_impact([Applicant(group, outcome) for group, outcome in rows], ORDER)
    assert report.applicants == len(rows)
    for group in report.groups:
        assert group.applicants >= MIN_GROUP
        assert group.selected + group.pending <= group.applicants
        assert group.impact_ratio is None or 0 <= group.impact_ratio <= 1
    assert report.hidden_groups + len(report.groups) == len({group for group, _ in rows})
