"""`screening check` and `screening test` as a person runs them, on the bundled seed catalog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_CODE

CASES = Path(__file__).resolve().parents[3] / "screening" / "catalogs" / "iecm_cases.yaml"
SEED_TEXT = Path(__file__).resolve().parents[3] / "screening" / "catalogs" / "iecm.txt"


def write(tmp_path: Path, data: Any, name: str = "candidate.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_check_prints_the_verdict_json_with_no_import_step(
    runner: Any, tmp_path: Path, candidate: dict[str, Any]
) -> None:
    result = runner.run("check", "--position", SEED_CODE, write(tmp_path, candidate), "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)
    assert verdict["outcome"] == "eligible"
    assert verdict["position"] == {
        "code": SEED_CODE,
        "title": "Directora o Director de Organizaciones de Participación Ciudadana",
        "revision": 1,
    }
    assert verdict["as_of"] == "2026-06-30"
    assert verdict["lang"] == "es"
    assert verdict["fingerprint"].startswith("sha256:")
    assert verdict["experience"]["credited_days"] == "1948"


def test_check_in_english(runner: Any, tmp_path: Path, candidate: dict[str, Any]) -> None:
    result = runner.run(
        "check", "-p", SEED_CODE, write(tmp_path, candidate), "--as-of", "2026-06-30", "--lang", "en"
    )
    messages = [c["reason"]["message"] for c in json.loads(result.stdout)["criteria"]]
    assert any("years credited" in m for m in messages)


def test_check_exits_zero_for_an_ineligible_candidate(
    runner: Any, tmp_path: Path, candidate: dict[str, Any]
) -> None:
    candidate["degrees"][0]["status"] = "Pasante"
    result = runner.run("check", "-p", SEED_CODE, write(tmp_path, candidate), "--as-of", "2026-06-30")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["outcome"] == "ineligible"


def test_check_reports_eligible_from_for_an_ongoing_job(
    runner: Any, tmp_path: Path, candidate: dict[str, Any]
) -> None:
    candidate["jobs"][0]["start"] = "2025-07-01"
    result = runner.run("check", "-p", SEED_CODE, write(tmp_path, candidate), "--as-of", "2026-06-30")
    assert json.loads(result.stdout)["eligible_from"] == "2027-06-30"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"degrees": [{"level": "Kinder", "status": "Titulado", "field": "Derecho"}]},
            'degrees[0].level: found "Kinder"',
        ),
        (
            {"degrees": [{"level": "Licenciatura", "status": "más o menos", "field": "Derecho"}]},
            'degrees[0].status: found "más o menos"',
        ),
        (
            {"jobs": [], "experience_summary": {"years": -1, "area": "Trabajo de campo"}},
            "experience_summary.years: found -1",
        ),
        ({"jobs": [], "experience_summary": {"years": "mucho", "area": "Trabajo de campo"}}, 'found "mucho"'),
        (
            {"jobs": [{"area": "Trabajo de campo", "start": "2022-05", "end": "2021-01"}]},
            'jobs[0].end: found "2021-01"',
        ),
        (
            {"jobs": [{"area": "Trabajo de campo", "start": "2024-13-45"}]},
            'jobs[0].start: found "2024-13-45"',
        ),
    ],
)
def test_check_rejects_unreadable_input_one_line_per_problem(
    runner: Any, tmp_path: Path, candidate: dict[str, Any], change: dict[str, Any], expected: str
) -> None:
    candidate.update(change)
    result = runner.run("check", "-p", SEED_CODE, write(tmp_path, candidate))
    assert result.exit_code != 0
    assert expected in result.stderr
    assert "accepted:" in result.stderr
    assert result.stdout == ""


def test_check_names_a_json_syntax_error_with_its_line(runner: Any, tmp_path: Path) -> None:
    result = runner.run("check", "-p", SEED_CODE, write(tmp_path, '{\n  "degrees": [\n'))
    assert result.exit_code != 0
    assert "invalid JSON at line 3" in result.stderr


def test_check_reads_standard_input(runner: Any, candidate: dict[str, Any]) -> None:
    result = runner.run("check", "-p", SEED_CODE, "-", "--as-of", "2026-06-30", input=json.dumps(candidate))
    assert json.loads(result.stdout)["outcome"] == "eligible"


def test_check_unknown_position(runner: Any, tmp_path: Path, candidate: dict[str, Any]) -> None:
    result = runner.run("check", "-p", "0-000-000-X000", write(tmp_path, candidate))
    assert result.exit_code != 0
    assert "0-000-000-X000" in result.stderr


def test_check_rejects_an_impossible_as_of(runner: Any, tmp_path: Path, candidate: dict[str, Any]) -> None:
    result = runner.run("check", "-p", SEED_CODE, write(tmp_path, candidate), "--as-of", "2024-02-30")
    assert result.exit_code != 0
    assert "2024-02-30" in result.stderr


def test_shipped_seed_cases_pass_against_the_stored_catalog(runner: Any) -> None:
    result = runner.run("test", str(CASES))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("14 passed, 0 failed")


def test_shipped_seed_cases_pass_against_a_catalog_file(runner: Any) -> None:
    result = runner.run("test", str(CASES), "--catalog", str(SEED_TEXT))
    assert result.exit_code == 0, result.output


def test_a_disagreement_is_reported_with_the_reason(runner: Any, tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        f"""position: {SEED_CODE}
as_of: 2026-06-30
cases:
  - name: expects the wrong thing
    input:
      degrees: [{{level: Licenciatura, status: Pasante, field: Derecho}}]
      jobs: [{{title: A, area: Trabajo de campo, start: 2015-01, end: null}}]
    expected:
      outcome: eligible
      criteria: {{education.status: pass, experience.years: pass}}
""",
        encoding="utf-8",
    )
    result = runner.run("test", str(cases))
    assert result.exit_code == 1
    assert "FAIL  expects the wrong thing" in result.stdout
    assert "outcome: expected eligible, got ineligible" in result.stdout
    assert "education.status: expected pass, got fail" in result.stdout
    assert "experience.years" not in result.stdout
    assert "0 passed, 1 failed" in result.stdout


def test_a_cases_file_that_is_not_cases_is_an_error(runner: Any, tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("- just a list\n", encoding="utf-8")
    result = runner.run("test", str(cases))
    assert result.exit_code != 0
    assert "cases" in result.stderr
