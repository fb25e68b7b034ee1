"""Evaluations per second of the compiled seed rule set, on realistic candidates, against json.loads + dumps.

Run by hand: `.venv/bin/python bench/engine.py [N]`. The candidates come from bench/realistic.py: every one
distinct, areas and field names written as people write them. Each evaluation (JSON text -> validated
candidate -> verdict) is timed at first sight (every memo of the domain core emptied before the pass, as in a
fresh process; target at most 30x the floor) and warm (the same candidates again; target at most 10x), as a
ratio to json.loads + json.dumps of the same candidates measured in the same run, interleaved, best of rounds.
Times are this process's CPU time (time.process_time): on the shared 2-core machine a long pass cannot find a
quiet moment the way the short floor pass does, so wall-clock best-of inflates the ratios.
The old repetitive pool (16 area texts, 20 field names) is measured after it as a second, labelled case.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from realistic import Realistic, clear_rules_caches

from rules.candidate import parse_candidate
from rules.catalog import parse_catalog
from rules.compiler import compile_profile
from rules.engine import evaluate
from rules.render import verdict_to_dict

ROUNDS = 5
SEED = Path(__file__).resolve().parent.parent / "screening" / "catalogs" / "iecm.txt"
AS_OF = date(2026, 6, 30)

LEVELS = [
    "Licenciatura",
    "LICENCIATURA",
    "Lic.",
    "Maestría",
    "Bachillerato",
    "TSU",
    "Doctorado",
    "Ingeniería",
]
STATUSES = [
    "Titulado",
    "Titulada",
    "Título",
    "Pasante",
    "Cédula profesional",
    "Trunca",
    "En curso",
    "100% de créditos",
]
FIELDS = [
    "Ciencia Política",
    "Ciencias Políticas y Administración Pública",
    "Derecho",
    "Lic. en Derecho",
    "Sociología",
    "Economía",
    "Pedagogía",
    "Administración Pública",
    "Relaciones Internacionales",
    "Psicología",
    "Contaduría Pública",
    "Administración de Empresas",
    "Ingeniería en Sistemas Computacionales",
    "Medicina",
    "Comunicación Social",
    "Trabajo Social",
    "Historia",
    "Arquitectura",
    "Actuaría",
    "Enfermería",
]
AREAS = [
    "Evaluación de proyectos y atención ciudadana",
    "Atención ciudadana en módulo",
    "Trabajo de campo",
    "Supervisor de campo en encuestas",
    "Auxiliar administrativo",
    "Capturista de datos",
    "Coordinación de programas sociales",
    "Organización y administración de procesos electorales",
    "Ventas y atención a clientes",
    "Docente de primaria",
    "Seguimiento de proyectos institucionales",
    "Vinculación con organizaciones de la sociedad civil",
    "Gestión de recursos humanos",
    "Chofer",
    "Planeación y evaluación de programas",
    "Análisis de datos y estadística",
]
KNOWLEDGE = ["Normativa electoral", "Transparencia", "Microsoft Office", "Bases de datos", "Derechos humanos"]
SKILLS = ["Toma de decisiones", "Compromiso", "Ética y valores", "Liderazgo"]
COMPETENCIES = ["Planeación y estrategia", "Trabajo colaborativo", "Vinculación", "Adaptabilidad"]


def pool_candidate(rng: random.Random, index: int) -> dict[str, Any]:
    degrees = [
        {"level": rng.choice(LEVELS), "status": rng.choice(STATUSES), "field": rng.choice(FIELDS)}
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))
    ]
    jobs = []
    for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
        start = date(2008, 1, 1) + timedelta(days=rng.randrange(0, 6500))
        end = None if rng.random() < 0.3 else min(AS_OF, start + timedelta(days=rng.randrange(30, 2500)))
        jobs.append(
            {
                "title": "Puesto",
                "area": rng.choice(AREAS),
                "start": start.isoformat()[: rng.choice([7, 10])],
                "end": end.isoformat() if end else None,
                "hours_per_week": rng.choice([40, 40, 40, 20, 30, 48]),
            }
        )
    return {
        "folio": f"F-{index:06d}",
        "degrees": degrees,
        "jobs": jobs,
        "knowledge": rng.sample(KNOWLEDGE, rng.randrange(0, 4)),
        "skills": rng.sample(SKILLS, rng.randrange(0, 3)),
        "competencies": {name: rng.randrange(1, 6) for name in rng.sample(COMPETENCIES, rng.randrange(0, 4))},
    }


def measure(title: str, texts: list[str], rule_set: Any) -> None:
    """Floor, first sight, warm and rendering of the same candidate texts, interleaved, best of rounds."""
    count = len(texts)

    def floor_pass() -> None:
        for text in texts:
            json.dumps(json.loads(text), ensure_ascii=False)

    outcomes: dict[str, int] = {}

    def engine_pass() -> None:
        # Verdicts are counted, not kept: 10,000 live verdicts would make every garbage collection of the
        # pass walk them, which a file screened row by row never does.
        outcomes.clear()
        for text in texts:
            outcome = evaluate(rule_set, parse_candidate(json.loads(text)), AS_OF).outcome.value
            outcomes[outcome] = outcomes.get(outcome, 0) + 1

    def first_sight_pass() -> None:
        clear_rules_caches()
        engine_pass()

    def render_pass() -> None:
        """Warm evaluation and the verdict JSON; the JSON's own cost is this minus the warm pass."""
        for text in texts:
            verdict = evaluate(rule_set, parse_candidate(json.loads(text)), AS_OF)
            json.dumps(verdict_to_dict(verdict, "es"), ensure_ascii=False)

    steps: list[tuple[str, Callable[[], None]]] = [
        ("floor", floor_pass),
        ("first", first_sight_pass),
        ("warm", engine_pass),
        ("render", render_pass),
    ]
    timings: dict[str, list[float]] = {name: [] for name, _ in steps}
    for _ in range(ROUNDS):
        for name, step in steps:
            started = time.process_time()
            step()
            timings[name].append(time.process_time() - started)
    floor, first, warm, warm_and_render = (min(timings[name]) for name, _ in steps)
    render = max(warm_and_render - warm, 1e-9)
    first_verdict = "ok" if first / floor <= 30 else "OVER TARGET"
    warm_verdict = "ok" if warm / floor <= 10 else "OVER TARGET"
    print(f"\n== {title}: {count} candidates, outcomes {dict(sorted(outcomes.items()))}")
    print(f"floor, json.loads + json.dumps of the candidates: {count / floor:,.0f}/s")
    print(f"first sight (memos emptied): validate + evaluate:  {count / first:,.0f} evaluations/s")
    print(f"warm (same candidates again): validate + evaluate: {count / warm:,.0f} evaluations/s")
    print(f"render the verdict JSON (es) + json.dumps:        {count / render:,.0f} verdicts/s")
    print(f"ratio first sight / floor: {first / floor:.1f}x  (target: at most 30x) {first_verdict}")
    print(f"ratio warm / floor:        {warm / floor:.1f}x  (target: at most 10x) {warm_verdict}")
    print(f"ratio warm + verdict JSON / floor: {warm_and_render / floor:.1f}x")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    parsed = parse_catalog(SEED.read_text(encoding="utf-8"), SEED.name)
    rule_set = compile_profile(parsed.profiles[0])
    realistic = Realistic(20261126).candidates(count, AS_OF)
    texts = [json.dumps(candidate, ensure_ascii=False) for candidate in realistic]
    measure("realistic candidates (bench/realistic.py, every one distinct)", texts, rule_set)
    rng = random.Random(20261126)
    pool = [json.dumps(pool_candidate(rng, i), ensure_ascii=False) for i in range(count)]
    measure("repetitive pool (16 area texts, 20 field names: mostly memo hits)", pool, rule_set)


if __name__ == "__main__":
    main()
